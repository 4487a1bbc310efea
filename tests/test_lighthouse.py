"""Lighthouse, mobile, on the built site served with gzip as a static host serves it.

Accessibility, best practices and SEO score 100 on home, a partner, an activity and a plan page in
both languages; the cumulative layout shift stays under 0.1 on every page type (in Vietnamese, the
site's first language, and in English for the four scored pages). One Lighthouse run, in one
browser, covers all of them (bench/lighthouse.py): about two minutes.
"""

from __future__ import annotations

import pytest
from test_browser_reader import PAGES

from macros.common.interface import language_root
from macros.common.locale import LANGUAGES

import lighthouse

pytestmark = pytest.mark.slow  # builds, servers or tools of its own (pyproject.toml's markers)


SCORED = ("home", "partner", "activity", "plan")
CATEGORIES = ["accessibility", "best-practices", "seo"]
LAYOUT_SHIFT = 0.1
SHIFTED = [(name, lang) for name in PAGES for lang in LANGUAGES if name in SCORED or lang == LANGUAGES[0]]


def path(name: str, lang: str) -> str:
    return language_root(lang) + PAGES[name]


@pytest.fixture(scope="module")
def reports(served_site) -> dict[str, lighthouse.Report]:
    """Every page's report; the layout shift is measured by the performance category."""
    pages = {path(name, lang): ["performance"] + (CATEGORIES if name in SCORED else []) for name, lang in SHIFTED}
    try:
        return lighthouse.run(served_site, pages)
    except RuntimeError as error:
        pytest.fail(str(error), pytrace=False)


def report_of(reports, name: str, lang: str) -> lighthouse.Report:
    report = reports[path(name, lang)]
    assert not report.errors, "Lighthouse could not run every audit:\n" + "\n".join(report.errors)
    return report


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("name", SCORED)
def test_accessibility_best_practices_and_seo_score_100(reports, name, lang):
    report = report_of(reports, name, lang)
    short = [f"{category} {report.scores[category]}:\n" + "\n".join(f"  {line}" for line in report.shortfalls[category])
             for category in CATEGORIES if report.scores[category] != 100]
    assert not short, "\n".join(short)


@pytest.mark.parametrize(("name", "lang"), SHIFTED)
def test_the_layout_shifts_less_than_a_tenth(reports, name, lang):
    shift = report_of(reports, name, lang).layout_shift
    assert shift is not None and shift < LAYOUT_SHIFT, f"cumulative layout shift {shift}"
