"""In a real browser: no Content-Security-Policy violation, no request to another host."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest

pytestmark = pytest.mark.slow  # builds, servers or tools of its own (pyproject.toml's markers)


PAGES = ["", "partners/", "partners/kr-mois/", "activities/", "activities/2024-08-accsm-22-brunei/",
         "plans/ke-hoach-2024/", "decisions/quyet-dinh-896-2022/", "about/", "404.html"]


@pytest.mark.parametrize("lang_root", ["", "en/"])
@pytest.mark.parametrize("path", PAGES)
def test_page_runs_under_its_policy_and_stays_on_the_site(browser, served_site, lang_root, path):
    page = browser.new_page()
    violations, foreign, errors = [], [], []
    page.on("console", lambda message: message.type == "error" and errors.append(message.text))
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on("request", lambda request: urlsplit(request.url).netloc != urlsplit(served_site).netloc
            and not request.url.startswith(("data:", "blob:")) and foreign.append(request.url))
    page.add_init_script("document.addEventListener('securitypolicyviolation',"
                         " e => (window.__csp = window.__csp || []).push(e.violatedDirective + ' ' + e.blockedURI))")
    page.goto(served_site + lang_root + path, wait_until="networkidle")
    page.keyboard.press("/")  # opens the search, which starts its web worker
    page.wait_for_timeout(200)
    violations = page.evaluate("window.__csp || []")
    page.close()
    assert violations == []
    assert foreign == []
    assert [error for error in errors if "404" not in error or path != "404.html"] == []
