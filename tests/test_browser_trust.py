"""In a real browser, as a reader who must trust what they read: honest figures, visible freshness, a phone that works.

The figures are checked against counts made here from the data (not by the
site's own code), and against the real data's values, which the seed articles
fix. Screenshots of the pages the README shows go to docs/screenshots/after/.
"""

from __future__ import annotations

import io
import json
import re
import unicodedata
from contextlib import closing
from urllib.parse import urlsplit

import pytest
from PIL import Image
from playwright.sync_api import expect

from macros.common.interface import language_root
from macros.common.locale import LANGUAGES
from macros.model import dataset

from conftest import REPO

pytestmark = pytest.mark.slow  # builds, servers or tools of its own (pyproject.toml's markers)


MODEL = dataset.load(REPO).model
PHONE = {"width": 375, "height": 800}
DESKTOP = {"width": 1280, "height": 900}
AFTER = REPO / "docs" / "screenshots" / "after"
README_PAGES = {"home": "", "plan": "plans/ke-hoach-2024/", "partner": "partners/fr-mtfp/", "activities": "activities/",
                "search": "search/?q=hop+tac"}

# What the key figures count, counted here from the data itself, by the rules a reader would apply.
GROUPINGS = ("mechanism", "international-organisation")
COOPERATING = [p for p in MODEL.partners.values() if p.activities or p.agreements]
BILATERAL = [p for p in COOPERATING if p.kind not in GROUPINGS and (
    p.agreements or any(all(q.kind not in GROUPINGS for q in a.partners) for a in p.activities))]
MULTILATERAL = [p for p in COOPERATING if p.kind in GROUPINGS]
PARTICIPANTS = [p for p in COOPERATING if p not in BILATERAL and p not in MULTILATERAL]
AGREEMENTS = [a for p in MODEL.partners.values() for a in p.agreements]
APPROVED = MODEL.decisions["quyet-dinh-896-2022"].date_signed  # Decision 896 approved the programme
SIGNED = [a for a in AGREEMENTS if a.state in ("signed", "in-force", "expired")
          and (a.signed or a.state_as_of).last_day() >= APPROVED.first_day()]  # undated: from its first report
SIGNED_BEFORE = [a for a in AGREEMENTS if a.state in ("signed", "in-force", "expired") and a not in SIGNED]
SINCE = [a for a in MODEL.activities.values() if a.start.last_day() >= APPROVED.first_day()]

FIGURES = {  # (language) → texts the home page's figures must show, in order
    "vi": [f"{len(BILATERAL)} đối tác song phương", f"{len(MULTILATERAL)} cơ chế và tổ chức đa phương",
           f"{len(PARTICIPANTS)} cơ quan chỉ gặp tại hội nghị đa phương", f"tổng cộng {len(MODEL.partners)} cơ quan",
           f"{len({p.country for p in BILATERAL})} quốc gia nơi các đối tác song phương đặt trụ sở",
           f"{len(SIGNED)} thỏa thuận được ký từ khi Đề án được phê duyệt", "1 thỏa thuận khác đang đàm phán",
           f"{len(SIGNED_BEFORE)} thỏa thuận ký trước khi Đề án được phê duyệt", "đã hết thời hạn",
           f"{len(SINCE)} hoạt động từ khi Đề án được phê duyệt", "từ ngày 15/11/2022",
           f"{len(MODEL.activities) - len(SINCE)} hoạt động trước đó được nêu làm bối cảnh",
           "1/8", "nhiệm vụ của Kế hoạch năm 2024 được báo cáo hoàn thành",
           "7 nhiệm vụ chưa có báo cáo nào sau ngày 09/01/2024", "kế hoạch có thể có thêm nhiệm vụ khác",
           "Thời hạn kế hoạch đã kết thúc ngày 31/12/2024"],
    "en": [f"{len(BILATERAL)} bilateral partners", f"{len(MULTILATERAL)} multilateral mechanisms and organisations",
           f"{len(PARTICIPANTS)} bodies met only at multilateral meetings", f"{len(MODEL.partners)} bodies named in all",
           f"{len({p.country for p in BILATERAL})} countries where the bilateral partners are based",
           f"{len(SIGNED)} agreement signed since the programme was approved", "1 more in negotiation",
           f"{len(SIGNED_BEFORE)} signed before the programme was approved", "1 whose stated term has ended",
           f"{len(SINCE)} activities since the programme was approved", "on 15 November 2022",
           f"{len(MODEL.activities) - len(SINCE)} earlier ones are shown as context",
           "1 of 8", "tasks of the 2024 Plan reported done", "7 with no report since 9 January 2024",
           "the plan may hold more", "The plan’s period ended on 31 December 2024"],
}
PLAN_ENDED = {"vi": "Thời hạn của kế hoạch đã kết thúc ngày 31/12/2024", "en": "This plan’s period ended on 31 December 2024"}
TERM_ENDED = {"vi": "Thời hạn 2022–2025 đã kết thúc ngày 31/12/2025; chưa có nguồn nào nêu việc gia hạn "
                    "(báo cáo gần nhất, 23/09/2022: đang có hiệu lực). Thời hạn lấy theo tên gọi của thỏa thuận",
              "en": "Term 2022–2025 ended on 31 December 2025; no renewal reported (latest report, 23 September 2022: "
                    "in force). The term is the one in the agreement’s name"}
AGREEMENT_IN_NEGOTIATION_FACTS = {"vi": ["Tình trạng", "Loại", "Nguồn"], "en": ["Status", "Type", "Sources"]}  # no "Signed"
ONE_STATUS_WORDS = {"vi": ["Đang có hiệu lực", "Đã ký", "Hết hiệu lực"], "en": ["In force", "Signed", "Expired"]}
COUNTRY_ORDER = {  # Vietnamese collation: Ả after A, Đ after D, tones after the bare letter
    "vi": ["Ai Cập", "Brunei Darussalam", "Các Tiểu Vương quốc Ả Rập Thống nhất", "Hàn Quốc", "Nhật Bản", "Pháp",
           "Trung Quốc"],
    "en": ["Brunei Darussalam", "China", "Egypt", "France", "Japan", "Republic of Korea", "United Arab Emirates"],
}
RENDERED_SIZES = """sel => [...document.querySelectorAll(sel)].map(e => {
  const r = e.getBoundingClientRect(); const f = e.closest('figure').getBoundingClientRect();
  return {text: e.textContent.trim(), height: r.height, size: parseFloat(getComputedStyle(e).fontSize),
          inside: r.left >= f.left - 0.5 && r.right <= f.right + 0.5 && r.width > 0,
          whole: e.scrollWidth <= Math.ceil(r.width) + 1}; })"""


def open_page(browser, base: str, path: str, viewport=DESKTOP, **options):
    page = browser.new_page(viewport=viewport, **options)
    page.goto(base + path, wait_until="networkidle")
    return page


def text_of(page, selector: str) -> str:
    return " ".join(page.locator(selector).inner_text().split())


@pytest.mark.parametrize("lang", LANGUAGES)
def test_key_figures_say_what_they_count_and_how_old_they_are(browser, served_site, lang):
    with closing(open_page(browser, served_site, language_root(lang))) as page:
        shown = text_of(page, ".key-figures")
        positions = [shown.find(text) for text in FIGURES[lang]]
        assert -1 not in positions, [text for text, at in zip(FIGURES[lang], positions) if at < 0]
        assert positions == sorted(positions)
        assert "%" not in shown, "a progress figure is never a bare percentage"
        as_of = text_of(page, ".key-figures__as-of")  # the data's date, then the editors' check: two facts, each named
        assert MODEL.as_of().format(lang) in as_of and MODEL.checked_on().format(lang) in as_of


def test_the_partners_page_and_the_open_data_count_the_same_way(browser, served_site, built_site):
    with closing(open_page(browser, served_site, "en/partners/")) as page:
        summary = text_of(page, ".directory__summary")
        def counted(count: int, one: str, other: str) -> str:  # English says "1 body", "2 bodies"
            return f"{count} {one if count == 1 else other}"
        assert (f"The site names {counted(len(MODEL.partners), 'body', 'bodies')}: "
                + counted(len(BILATERAL), "bilateral partner (with an agreement or an activity of its own)",
                          "bilateral partners (with an agreement or an activity of their own)") + ", "
                + counted(len(MULTILATERAL), "multilateral mechanism or organisation",
                          "multilateral mechanisms and organisations") + ", "
                + counted(len(PARTICIPANTS), "body met only at multilateral meetings",
                          "bodies met only at multilateral meetings")
                + f", and {len(MODEL.partners) - len(COOPERATING)} named only in a plan") in summary
        named_only = page.locator(".directory__list li", has_text=re.compile("no recorded cooperation"))
        expect(named_only).to_have_count(len(MODEL.partners) - len(COOPERATING))
        expect(page.locator(".agreements-table tbody tr")).to_have_count(len(AGREEMENTS))
        agreements = text_of(page, ".agreements-table")
        assert TERM_ENDED["en"] in agreements
        assert "Signed (reported on 9 January 2024) date not given in the source" in agreements  # erex: no "as of"
    figures = json.loads((built_site / "data" / "dataset.json").read_text(encoding="utf-8"))["figures"]
    assert (figures["partners_named"], figures["bilateral_partners"], figures["multilateral_mechanisms_and_organisations"],
            figures["bodies_met_only_at_multilateral_meetings"]) == (
        len(MODEL.partners), len(BILATERAL), len(MULTILATERAL), len(PARTICIPANTS))
    assert (figures["agreements_signed_since_programme_approval"], figures["agreements_signed_before_programme_approval"],
            figures["agreements_in_negotiation"]) == (len(SIGNED), len(SIGNED_BEFORE), 1)
    assert figures["annual_plan"]["period_ended"] == "2024-12-31"
    assert set(figures["definitions"]) >= {"bilateral_partners", "agreements_signed_since_programme_approval", "as_of"}


@pytest.mark.parametrize("lang", LANGUAGES)
def test_an_ended_plan_and_an_ended_term_say_so(browser, served_site, lang):
    root = language_root(lang)
    with closing(open_page(browser, served_site, root + "plans/ke-hoach-2024/")) as page:
        assert PLAN_ENDED[lang] in text_of(page, ".plan-ended")
        statuses = page.locator(".plan-item__status")
        expect(statuses).to_have_count(len(MODEL.plans["ke-hoach-2024"].items()))
        for status in statuses.all():  # every status carries the date of the source that reports it, visibly
            expect(status.locator("time").first).to_be_visible()
    with closing(open_page(browser, served_site, root + "plans/de-an-2022-2026/")) as page:
        expect(page.locator(".plan-ended")).to_have_count(0)  # the programme runs to 2026
    with closing(open_page(browser, served_site, root + "partners/fr-mtfp/")) as page:
        status = " ".join(page.locator(".agreement .facts dd").first.inner_text().split())  # one status, not two
        assert status.startswith(TERM_ENDED[lang]), status
        assert not any(word in status for word in ONE_STATUS_WORDS[lang])
        expect(page.locator(".agreement .facts dd").first.locator("time")).to_have_count(2)
    with closing(open_page(browser, served_site, root + "partners/ae-moca/")) as page:  # in negotiation: not signed
        expect(page.locator(".agreement .facts dt")).to_have_text(AGREEMENT_IN_NEGOTIATION_FACTS[lang])


NO_REPORT = {"vi": "Chưa có báo cáo nào sau ngày 09/01/2024", "en": "No report since 9 January 2024"}
DUE_PASSED = {"vi": "Hạn năm 2025 — không có báo cáo sau đó", "en": "Due 2025 — no later report"}


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["375", "1280"])
@pytest.mark.parametrize("lang", LANGUAGES)
def test_tasks_nobody_reported_on_are_unknown_never_drawn_or_counted_as_not_done(browser, served_site, lang, viewport):
    """One task of the 2024 Plan is reported done; the seven others have no source after 9 January 2024."""
    plan = MODEL.plans["ke-hoach-2024"]
    checked = MODEL.checked_on()
    with closing(open_page(browser, served_site, language_root(lang) + "plans/ke-hoach-2024/", viewport)) as page:
        rows = page.locator("#chart-progress .chart__group")
        expect(rows).to_have_count(len(plan.task_groups))
        for row, group in zip(rows.all(), plan.task_groups):
            text = " ".join(row.inner_text().split())
            assert text.startswith(f"{group.number}. {group.text.get(lang)}"), text  # named, not "Group 2"
            assert "%" not in text
            parts = row.locator("rect.progress__part")
            widths = {name.split("--")[1]: float(rect.get_attribute("width"))
                      for rect in parts.all() for name in rect.get_attribute("class").split() if "--" in name}
            progress = group.progress(checked)
            assert widths == {outcome: pytest.approx(100 * count / progress.total, abs=0.01)
                              for outcome, count, _ in progress.parts()}
            if not progress.done:  # nothing reported done: drawn as unreported, never as an empty bar
                assert set(widths) == {"no-later-report"} and NO_REPORT[lang].lower()[:12] in text.lower()
        statuses = [" ".join(status.inner_text().split()) for status in page.locator(".plan-item__status").all()]
        assert sum(NO_REPORT[lang] in status for status in statuses) == 7
        assert sum(DUE_PASSED[lang] in status for status in statuses) == 1  # the MIC task, due 2025
        assert not any(word in " ".join(statuses) for word in ("Chưa hoàn thành", "Not done", "0%", "0 %"))


@pytest.mark.parametrize("lang", LANGUAGES)
def test_links_between_activities_and_plans_say_who_makes_them(browser, served_site, lang):
    root = language_root(lang)
    with closing(open_page(browser, served_site, root + "activities/2024-04-doan-cong-tac-ai-cap-uae/")) as page:
        expect(page.locator("#plan-items")).to_have_count(0)  # no source states it
        expect(page.locator("#related-plan-items")).to_be_visible()
        expect(page.locator(".classification-note")).to_be_visible()
    with closing(open_page(browser, served_site, root + "plans/ke-hoach-2024/")) as page:
        korea = page.locator("#item-hoi-thao-chinh-quyen-dia-phuong-han-quoc")
        expect(korea.locator("a[href$='partners/#country-kr']")).to_have_count(1)
        japan = page.locator("#item-hoi-thao-chinh-quyen-dia-phuong-nhat-ban")
        expect(japan.locator("a[href$='partners/#country-jp']")).to_have_count(1)
    with closing(open_page(browser, served_site, root + "activities/")) as page:
        context = page.locator("#year-2022 .timeline__item--context")
        expect(context).to_have_count(sum(a.start.year == 2022 and a not in SINCE for a in MODEL.activities.values()))
        expect(page.locator("#year-2022 .timeline__context-heading")).to_contain_text("15/11/2022" if lang == "vi"
                                                                                     else "15 November 2022")


@pytest.mark.parametrize("lang", LANGUAGES)
def test_record_pages_put_their_subject_first(browser, served_site, lang):
    with closing(open_page(browser, served_site, language_root(lang) + "decisions/quyet-dinh-896-2022/",
                           viewport=PHONE)) as page:
        expect(page.locator("article h1")).to_contain_text("896/QĐ-BNV")
        expect(page.locator(".breadcrumbs a")).to_have_count(2)
        order = page.evaluate("""() => ['article h1', '.lede', '.facts', '.record-updated']
            .map(s => document.querySelector(s).getBoundingClientRect().top)""")
        assert order == sorted(order)
        assert page.locator(".lede").bounding_box()["y"] < PHONE["height"], "the story starts on the first screen"
        expect(page.locator(".record-updated time")).to_have_attribute("datetime", re.compile(r"^\d{4}-\d{2}-\d{2}$"))


@pytest.mark.parametrize("lang", LANGUAGES)
def test_on_a_phone_the_title_reads_whole_and_the_comfort_controls_are_there(browser, served_site, lang):
    with closing(open_page(browser, served_site, language_root(lang) + "partners/", viewport=PHONE)) as page:
        title = page.locator(".site-title__short")
        expect(title).to_be_visible()
        assert page.evaluate("""() => { const e = document.querySelector('.site-title__short'), r = e.getBoundingClientRect(),
            h = document.querySelector('.md-header').getBoundingClientRect();
            return e.scrollWidth <= e.clientWidth && r.top >= h.top && r.bottom <= h.bottom; }""")
        expect(page.locator(".site-search-link")).to_be_visible()
        toggle = page.locator(".comfort__toggle")
        expect(toggle).to_be_visible()
        toggle.click()
        expect(toggle).to_have_attribute("aria-expanded", "true")
        page.locator(".comfort [data-text-size='+1']").click()
        expect(page.locator("html")).to_have_attribute("data-text-size", "1")
        page.locator(".comfort [data-contrast]").click()
        expect(page.locator("html")).to_have_attribute("data-contrast", "high")


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["375", "1280"])
@pytest.mark.parametrize("lang", LANGUAGES)
def test_chart_and_map_labels_are_legible_and_whole(browser, served_site, lang, viewport):
    with closing(open_page(browser, served_site, language_root(lang), viewport=viewport)) as page:
        labels = page.evaluate(RENDERED_SIZES, ".chart__label, .chart__value")
        assert labels and all(label["size"] >= 12 for label in labels), labels
        assert all(label["inside"] and label["whole"] for label in labels), [l for l in labels if not l["whole"]]
        marks = page.evaluate(RENDERED_SIZES, ".world-map__label")
        assert {mark["text"] for mark in marks} >= {"Brunei Darussalam", "Việt Nam" if lang == "vi" else "Viet Nam"}
        assert all(mark["height"] >= 12 and mark["inside"] for mark in marks), marks


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_map_marks_small_countries_highlights_only_metropolitan_france_and_shows_viet_nam(
        browser, served_site, lang):
    with closing(open_page(browser, served_site, language_root(lang))) as page:
        brunei = page.locator(".world-map__partner[href$='#country-bn']")
        expect(brunei.locator("circle.world-map__dot")).to_have_count(1)
        france = page.locator(".world-map__partner[href$='#country-fr'] path").evaluate(
            "p => { const b = p.getBBox(); return [b.x, b.x + b.width]; }")
        assert france[0] > (180 - 30) * 2, "no French territory west of 30°W (French Guiana) is highlighted"
        expect(page.locator("path.world-map__home")).to_have_count(1)
        countries = page.locator(".world-map__list a").all_inner_texts()
        assert countries == COUNTRY_ORDER[lang]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_search_result_is_reachable_with_its_kind_and_date(browser, served_site, lang):
    with closing(open_page(browser, served_site, language_root(lang) + "search/?q=hop+tac")) as page:
        status = page.locator(".search-status")
        expect(status).to_have_text(re.compile(r"^\d+ "), timeout=10_000)
        total = int(status.inner_text().split()[0])
        assert total > 10
        more = page.locator(".search-more")
        while more.is_visible():
            shown = page.locator(".search-results > li").count()
            more.click()
            expect(page.locator(".search-results > li")).not_to_have_count(shown)
        expect(page.locator(".search-results > li")).to_have_count(total)
        hrefs = page.locator(".search-results h2 a").evaluate_all("links => links.map(a => a.getAttribute('href'))")
        assert len(set(hrefs)) == total
        kinds = page.locator(".search-result__about").all_inner_texts()
        assert all(kind.strip() for kind in kinds), "every result says what it is"
        assert any("·" in kind for kind in kinds), "dated records give their date"
        assert not any("/guide/" in href for href in hrefs), "the editors' guide is not a reader's result"


@pytest.mark.parametrize(("lang", "query"), [("vi", "dinh"), ("vi", "ke hoach"), ("en", "accsm"), ("en", "japan")])
def test_title_matches_rank_first(browser, served_site, lang, query):
    """A page whose title has the words comes first (not a short page that happens to repeat them)."""
    with closing(open_page(browser, served_site, language_root(lang) + f"search/?q={query}")) as page:
        first = page.locator(".search-results h2 a").first
        expect(first).to_be_visible(timeout=10_000)
        assert folded(query) in folded(first.inner_text()), first.inner_text()


def folded(text: str) -> str:
    """Lower case, without accents, đ as d: how the search matches."""
    decomposed = unicodedata.normalize("NFD", text.lower().replace("đ", "d"))
    return "".join(char for char in decomposed if not unicodedata.combining(char))


@pytest.mark.parametrize(("path", "expected"), [
    ("search/?q=hop+tac", "en/search/?q=hop+tac"),
    ("activities/?partner=fr-mtfp&year=2022", "en/activities/?partner=fr-mtfp&year=2022"),
])
def test_switching_language_keeps_the_query(browser, served_site, path, expected):
    with closing(open_page(browser, served_site, path)) as page:
        page.locator(".md-header__option .md-select").hover()
        page.locator(".md-select__link[hreflang='en']").click()
        page.wait_for_url(re.compile(re.escape(expected) + "$"))
        target = urlsplit(page.url)
        assert target.path + "?" + target.query == "/" + expected
        if "partner=" in path:
            expect(page.locator("select[name=partner]")).to_have_value("fr-mtfp")
            expect(page.locator(".timeline__item:visible")).to_have_count(
                sum(a.start.year == 2022 for a in MODEL.partners["fr-mtfp"].activities))
        else:
            expect(page.locator(".search-results > li").first).to_be_visible(timeout=10_000)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_editors_guide_is_on_the_about_page_not_the_readers_menu_or_footer(browser, served_site, lang):
    with closing(open_page(browser, served_site, language_root(lang))) as page:
        expect(page.locator(".md-tabs a[href*='guide/']")).to_have_count(0)
        expect(page.locator(".md-footer a[href*='guide/']")).to_have_count(0)
        expect(page.locator(".md-footer a[href*='contact/#corrections']")).to_have_count(1)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_sources_cited_twice_on_a_page_are_listed_once(browser, served_site, lang):
    partner = MODEL.partners["fr-mtfp"]
    cited = set(partner.sources) | {source for agreement in partner.agreements for source in agreement.sources}
    with closing(open_page(browser, served_site, language_root(lang) + partner.path)) as page:
        expect(page.locator("ol.sources > li")).to_have_count(len(cited))
        refs = page.locator(".agreement .source-ref").evaluate_all("links => links.map(a => a.getAttribute('href'))")
        assert refs and all(page.locator(ref).count() == 1 for ref in refs)


def test_one_english_name_for_the_programme(built_site):
    english = " ".join(path.read_text(encoding="utf-8") for path in (built_site / "en").rglob("*.html"))
    assert "cooperation in building the civil service" not in english
    assert "cooperation on building the civil service" in english
    assert "offices" not in english
    vietnamese = (built_site / "plans" / "de-an-2022-2026" / "index.html").read_text(encoding="utf-8")
    assert "năm 2022 – năm 2026" not in vietnamese and "2022–2026" in vietnamese


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("name", README_PAGES)
def test_screenshots_for_the_readme(browser, served_site, name, lang):
    """The README's after-pictures, at 375 and 1280 px, taken from the built site (quantised to keep them small)."""
    AFTER.mkdir(parents=True, exist_ok=True)
    for viewport in (PHONE, DESKTOP):
        with closing(open_page(browser, served_site, language_root(lang) + README_PAGES[name], viewport)) as page:
            if name == "search":
                expect(page.locator(".search-results > li").first).to_be_visible(timeout=10_000)
            # The window made as tall as the page, then a plain capture: Chromium's full-page capture resizes
            # the view while it draws, and now and then drew the desktop page without Material's tab bar.
            height = page.evaluate("document.documentElement.scrollHeight")
            page.set_viewport_size({"width": viewport["width"], "height": height})
            if viewport is DESKTOP:
                expect(page.locator(".md-tabs")).to_be_visible()
            png = page.screenshot(animations="disabled")
        image = Image.open(io.BytesIO(png)).convert("RGB")
        assert image.width == viewport["width"]
        image.quantize(256).save(AFTER / f"{name}-{lang}-{viewport['width']}.png", optimize=True)
