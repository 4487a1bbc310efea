"""In a real browser: axe-core finds no serious or critical WCAG 2.1 A/AA violation on any page type,
on a phone and a desktop, in the normal and the high-contrast mode, in both languages."""

from __future__ import annotations

from contextlib import closing

import pytest
from checkers import AXE, installed
from test_browser_reader import DESKTOP, PAGES, PHONE, url

from macros.common.locale import LANGUAGES

pytestmark = pytest.mark.slow  # builds, servers or tools of its own (pyproject.toml's markers)


WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
BLOCKING = ("critical", "serious")
SHOWN_TARGETS = 3
RUN_AXE = "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})" \
          ".then(results => results.violations)"
VIEWPORTS = {"375px": PHONE, "1280px": DESKTOP}
# The site's high-contrast mode, as the header's button leaves it for the next page (assets/site.js).
CONTRASTS = {"normal": None, "high": "localStorage.setItem('site.contrast', 'high')"}
CONTRAST_ON = "() => document.documentElement.getAttribute('data-contrast') === 'high'"


def describe(violation: dict) -> str:
    """`rule (impact): help — N elements: first selectors`."""
    targets = [" >>> ".join(node["target"]) for node in violation["nodes"]]
    more = f" and {len(targets) - SHOWN_TARGETS} more" if len(targets) > SHOWN_TARGETS else ""
    return (f"{violation['id']} ({violation['impact']}): {violation['help']} — {len(targets)} element(s): "
            f"{', '.join(targets[:SHOWN_TARGETS])}{more}")


@pytest.mark.parametrize("contrast", CONTRASTS)
@pytest.mark.parametrize("viewport", VIEWPORTS)
@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("name", PAGES)
def test_no_serious_or_critical_accessibility_violation(browser, served_site, name, lang, viewport, contrast):
    """axe-core, injected from tests/js/node_modules, reports nothing serious or critical for WCAG 2.1 A and AA."""
    axe = installed(AXE)
    # The site's Content-Security-Policy would rightly refuse the injected script: bypass it for this test only.
    with closing(browser.new_context(viewport=VIEWPORTS[viewport], bypass_csp=True)) as context:
        if CONTRASTS[contrast]:
            context.add_init_script(CONTRASTS[contrast])
        page = context.new_page()
        page.goto(url(served_site, lang, name), wait_until="networkidle")
        assert page.evaluate(CONTRAST_ON) == (contrast == "high"), f"the page is not in {contrast} contrast"
        page.add_script_tag(path=axe)
        violations = page.evaluate(RUN_AXE, WCAG_TAGS)
    blocking = [violation for violation in violations if violation["impact"] in BLOCKING]
    assert not blocking, f"{len(blocking)} serious or critical rule(s) violated:\n" + "\n".join(map(describe, blocking))
