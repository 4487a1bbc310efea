"""In a real browser: axe-core finds no serious or critical WCAG 2.1 A/AA violation on any page type."""

from __future__ import annotations

from contextlib import closing

import pytest

from conftest import REPO
from macros.locale import LANGUAGES
from test_browser_reader import DESKTOP, PAGES, url

AXE = REPO / "tests" / "js" / "node_modules" / "axe-core" / "axe.min.js"
INSTALL = "run `make axe` (it runs `npm ci --prefix tests/js`, axe-core pinned in tests/js/package.json)"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
BLOCKING = ("critical", "serious")
SHOWN_TARGETS = 3
RUN_AXE = "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})" \
          ".then(results => results.violations)"


def describe(violation: dict) -> str:
    """`rule (impact): help — N elements: first selectors`."""
    targets = [" >>> ".join(node["target"]) for node in violation["nodes"]]
    more = f" and {len(targets) - SHOWN_TARGETS} more" if len(targets) > SHOWN_TARGETS else ""
    return (f"{violation['id']} ({violation['impact']}): {violation['help']} — {len(targets)} element(s): "
            f"{', '.join(targets[:SHOWN_TARGETS])}{more}")


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("name", PAGES)
def test_no_serious_or_critical_accessibility_violation(browser, served_site, name, lang):
    """axe-core, injected from tests/js/node_modules, reports nothing serious or critical for WCAG 2.1 A and AA."""
    assert AXE.is_file(), f"axe-core is not installed ({AXE.relative_to(REPO)} is missing): {INSTALL}"
    # The site's Content-Security-Policy would rightly refuse the injected script: bypass it for this test only.
    with closing(browser.new_page(viewport=DESKTOP, bypass_csp=True)) as page:
        page.goto(url(served_site, lang, name), wait_until="networkidle")
        page.add_script_tag(path=AXE)
        violations = page.evaluate(RUN_AXE, WCAG_TAGS)
    blocking = [violation for violation in violations if violation["impact"] in BLOCKING]
    assert not blocking, f"{len(blocking)} serious or critical rule(s) violated:\n" + "\n".join(map(describe, blocking))
