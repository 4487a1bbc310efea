"""The annual reports, read back from the built site's PDFs: facts, diacritics, sources, outline, metadata, fonts.

pypdf reads text, outline, metadata and fonts; Debian's pdftoppm (poppler-utils, `make poppler`)
renders the first pages of the 2024 report in each language for the README.
"""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import unicodedata
from contextlib import suppress
from pathlib import Path
from xml.etree import ElementTree

import pytest
import yaml
from bs4 import BeautifulSoup
from pypdf import PdfReader

from macros.common.interface import labels, language_root
from macros.common.locale import LANGUAGES, PartialDate, Text
from macros.files import reports, typeset
from macros.model import dataset
from macros.model.records import Activity, Agreement

from conftest import BUILD_ENV, REPO, SITE_URL, Site, copy_project
from test_real_data import SEED_FACTS


MODEL = dataset.load(REPO).model
YEAR = 2024
SCREENSHOTS = REPO / "docs" / "screenshots" / "report"
README_SITE_URL = "http://127.0.0.1:8000/"  # mkdocs.yml's default SITE_URL
# Every seed fact of 2024 as the pages show it, and the facts of the programme and agreements the report restates;
# the activities of 2022 and 2023 belong to the reports of their years.
FACTS_2024 = [fact for fact in SEED_FACTS if not re.match(r"activities/202[23]-", fact[0])]
CHAPTERS = ("report_programme", "report_plan", "year_title", "report_agreements", "report_figures", "report_sources")


def report_file(site: Path, lang: str, year: int = YEAR) -> Path:
    return site / language_root(lang) / "reports" / f"{year}.pdf"


def text_of(path: Path) -> str:
    """The PDF's text as a reader copies it: NFC, one space between words."""
    text = " ".join(page.extract_text() for page in PdfReader(path).pages)
    return " ".join(unicodedata.normalize("NFC", text).split())


def chapters(path: Path) -> dict[str, int]:
    """Each top-level bookmark's title and the page (from 1) it leads to."""
    reader = PdfReader(path)
    return {entry.title: reader.get_destination_page_number(entry) + 1 for entry in reader.outline
            if not isinstance(entry, list)}


def text_between(path: Path, lang: str, first: int, last: int | None = None) -> str:
    """The text of pages first..last (from 1), without the running headers and page numbers."""
    reader = PdfReader(path)
    pages = []
    for page in reader.pages[first - 1:last]:
        lines = page.extract_text().splitlines()
        pages.append(" ".join(line for line in lines if not line.startswith((label("report_title", lang, year=YEAR),
                                                                            label("report_page", lang) + " "))))
    return " ".join(unicodedata.normalize("NFC", " ".join(pages)).split())


def label(key: str, lang: str, **values) -> str:
    return labels()[key][lang].format(**values)


def chapter_titles(lang: str) -> list[str]:
    return [label(key, lang, year=YEAR) for key in CHAPTERS]


@pytest.mark.parametrize("year", MODEL.report_years())
@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_year_with_a_plan_or_activities_has_its_report_in_each_language(built_site, lang, year):
    assert report_file(built_site, lang, year).read_bytes().startswith(b"%PDF-1.7")
    assert MODEL.report_years() == [2022, 2023, 2024]


@pytest.mark.parametrize(("path", "vietnamese", "english"), FACTS_2024, ids=[fact[0] for fact in FACTS_2024])
def test_every_seed_fact_of_2024_is_in_the_2024_report_in_both_languages(built_site, path, vietnamese, english):
    for lang, fragments in (("vi", vietnamese), ("en", english)):
        text = text_of(report_file(built_site, lang))
        missing = [fragment for fragment in fragments if fragment not in text]
        assert missing == [], f"{lang}: {missing}"


def test_vietnamese_diacritics_survive_text_extraction(built_site):
    text = text_of(report_file(built_site, "vi"))
    plan = MODEL.plans["ke-hoach-2024"]
    shown = [plan.title.vi, *(item.text.vi for item in plan.items()), "Đề án", "Thỏa thuận", "Hoạt động",
             *(activity.summary.vi for activity in MODEL.activities.values() if activity.start.year == YEAR)]
    for words in shown:
        assert " ".join(words.split()) in text, words
    letters = {char for words in shown for char in words if char.isalpha() and not char.isascii()}
    assert len(letters) > 40 and letters <= set(text)
    assert "\ufffd" not in text and "(cid:" not in text
    assert unicodedata.is_normalized("NFC", " ".join(page.extract_text() for page in PdfReader(
        report_file(built_site, "vi")).pages))


def cited_2024() -> list:
    """The sources the data gives for the records of 2024: programme, plan, their decisions, activities, agreements."""
    plans = MODEL.annual_plans(YEAR)
    records = [plans[0].implements, *plans, *(decision for plan in [plans[0].implements, *plans]
                                               for decision in plan.decisions)]
    records += [activity for activity in MODEL.activities.values() if activity.start.year == YEAR]
    sources = [source for record in records for source in record.sources]
    sources += [source for partner in MODEL.partners.values() for agreement in partner.agreements
                if agreement.of_year(YEAR) for source in agreement.sources]
    return _once(sources)


def _once(sources: list) -> list:
    """Each article once, in the order first cited, whatever each record notes about it."""
    first = {}
    for source in sources:
        first.setdefault((source.publisher, source.title, source.language, source.date, source.url), source)
    return list(first.values())


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_sources_appendix_lists_exactly_the_sources_the_data_cites_for_the_year(built_site, lang):
    path = report_file(built_site, lang)
    starts = chapters(path)[label("report_sources", lang)]
    appendix = text_between(path, lang, starts).split(label("report_sources_intro", lang), 1)[1]
    expected = cited_2024()
    numbers = [int(number) for number in re.findall(r"\[(\d+)\] ", appendix)]
    assert numbers[:len(expected)] == list(range(1, len(expected) + 1))
    assert max(numbers) == len(expected)
    entries = re.split(r"\[\d+\] ", appendix)[1:]
    for number, source in enumerate(expected, start=1):
        entry = entries[number - 1]
        assert (source.title or label("untitled", lang)) in entry, (number, source)
        assert source.publisher.get(lang) in entry and source.date.format(lang) in entry, (number, source)
    body = text_between(path, lang, 3, starts - 1)
    cited = {int(number) for number in re.findall(r"\[(\d+)\]", body)}
    assert cited == set(range(1, len(expected) + 1)), "every source is cited by a statement, and only those"


def test_where_the_data_is_silent_the_report_says_so(built_site):
    for lang in LANGUAGES:
        text = text_of(report_file(built_site, lang, 2023))
        assert label("report_no_plan", lang, year=2023) in text
        assert label("report_plan", lang, year=2023) not in text, "no chapter for a plan the data does not hold"
        assert label("no_evidence", lang) in text_of(report_file(built_site, lang))
    classified = MODEL.activities["2024-04-doan-cong-tac-ai-cap-uae"]
    assert classified.classified_under and not classified.plan_items
    for lang in LANGUAGES:  # the editors' classification is shown as such, never as evidence
        text = text_of(report_file(built_site, lang))
        assert label("classified_under", lang) in text and label("classified_note", lang) in text


def agreement(state: str, signed: str | None, term: tuple[str, str | None] | None, as_of: str) -> Agreement:
    date = PartialDate.parse
    return Agreement("a", Text("x", "x"), "mou", state, date(as_of), [], date(signed) if signed else None,
                     period=(date(term[0]), date(term[1]) if term[1] else None) if term else None)


@pytest.mark.parametrize(("state", "signed", "term", "as_of", "years"), [
    ("in-force", "2022-03", ("2022", "2025"), "2022-09-23", [2022, 2023, 2024, 2025]),  # month and years: whole
    ("signed", None, None, "2024-01-09", [2024]),            # no signing date: the year a source reports it
    ("in-negotiation", None, None, "2024-05-03", [2024]),    # reported that year, listed apart
    ("signed", "2023-06-01", ("2022", "2024"), "2023-06-01", [2023, 2024]),  # no term counted before signing
    ("expired", "2019", ("2019", "2020"), "2021-02", [2019, 2020, 2021]),
    ("in-negotiation", None, ("2022", "2025"), "2021", [2021]),  # a term means nothing before it is signed
])
def test_the_agreements_of_a_year_with_partial_dates(state, signed, term, as_of, years):
    assert [year for year in range(2015, 2030) if agreement(state, signed, term, as_of).of_year(year)] == years


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_outline_has_every_chapter_and_each_activity(built_site, lang):
    reader = PdfReader(report_file(built_site, lang))
    top = [entry.title for entry in reader.outline if not isinstance(entry, list)]
    assert top == [label("report_contents", lang), *chapter_titles(lang)]
    nested = [entry.title for group in reader.outline if isinstance(group, list) for entry in group
              if not isinstance(entry, list)]
    activities = sorted((a for a in MODEL.activities.values() if a.start.year == YEAR), key=Activity.sort_key)
    assert all(activity.title.get(lang) in nested for activity in activities)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_contents_give_each_chapter_its_page(built_site, lang):
    path = report_file(built_site, lang)
    contents = " ".join(PdfReader(path).pages[1].extract_text().split())
    pages = chapters(path)
    for title in chapter_titles(lang):
        assert re.search(re.escape(title) + r" ?\.+ " + str(pages[title]) + r"\b", contents), (title, pages[title])
        assert title in text_between(path, lang, pages[title], pages[title])


@pytest.mark.parametrize("lang", LANGUAGES)
def test_metadata_language_and_tags(built_site, lang):
    reader = PdfReader(report_file(built_site, lang))
    info, root = reader.metadata, reader.trailer["/Root"]
    assert info.title.startswith(label("report_title", lang, year=YEAR))
    assert info.author == label("publisher", lang)
    assert info.subject == label("report_subject", lang, year=YEAR, date=MODEL.as_of().format(lang))
    # the data's date, never the clock's: Typst writes it at midnight UTC
    assert info["/CreationDate"] == info["/ModDate"] == "D:" + MODEL.as_of().first_day().strftime("%Y%m%d") + "000000Z"
    assert root["/Lang"] == lang
    assert root["/MarkInfo"]["/Marked"] and "/StructTreeRoot" in root  # tagged
    assert root["/ViewerPreferences"]["/DisplayDocTitle"]
    assert pdfua_part(root["/Metadata"].get_object().get_data()) == "1"  # PDF/UA-1


PDFUA_ID = "{http://www.aiim.org/pdfua/ns/id/}part"


def pdfua_part(xmp: bytes) -> str | None:
    """The PDF/UA part the XMP metadata claims, written as an element or as an attribute (both are XMP)."""
    for description in ElementTree.fromstring(xmp.strip(b"\x00 \n")).iter("{http://www.w3.org/1999/02/22-rdf-syntax-ns#}Description"):
        part = description.get(PDFUA_ID) or description.findtext(PDFUA_ID)
        if part:
            return part
    return None


@pytest.mark.parametrize("lang", LANGUAGES)
def test_charts_are_vector_figures_with_alternative_text_and_tables(built_site, lang):
    reader = PdfReader(report_file(built_site, lang))
    alts = []

    def walk(element):
        element = element.get_object()
        if element.get("/S") == "/Figure":
            alts.append(str(element.get("/Alt", "")))
        kids = element.get("/K", [])
        for kid in kids if isinstance(kids, list) else [kids]:
            if hasattr(kid, "get_object") and isinstance(kid.get_object(), dict):
                walk(kid)

    walk(reader.trailer["/Root"]["/StructTreeRoot"])
    assert [alt.split(":")[0] for alt in alts] == [label("chart_per_year", lang),
                                                   label("report_chart_regions", lang, year=YEAR)]
    assert all(re.search(r": \S.*\d", alt) for alt in alts)  # each names every bar and its value
    text = text_of(report_file(built_site, lang))
    assert text.count(label("data_table", lang) + ":") == 2
    assert not any("/Image" in str(page["/Resources"].get("/XObject", {})) for page in reader.pages)


def test_fonts_are_embedded_and_bundled(built_site):
    for lang in LANGUAGES:
        reader = PdfReader(report_file(built_site, lang))
        fonts = {}
        for page in reader.pages:
            for font in page["/Resources"]["/Font"].values():
                font = font.get_object()
                descriptor = font["/DescendantFonts"][0].get_object()["/FontDescriptor"]
                fonts[str(font["/BaseFont"])] = "/FontFile2" in descriptor
        assert fonts and all(fonts.values()), fonts
        assert all(re.fullmatch(r"/[A-Z]{6}\+NotoSans-(Regular|Bold|Italic)", name) for name in fonts), fonts  # subsets
    licence = (typeset.FONT_DIR / "OFL.txt").read_text(encoding="utf-8")
    assert "SIL Open Font License" in licence


def test_two_builds_give_byte_identical_reports(built_site, tmp_path):
    """A second printing, in another process, time zone and folder, gives the same bytes as the site's."""
    env = {**BUILD_ENV, "TZ": "Pacific/Kiritimati", "REPORTS_CACHE": "off"}  # printed anew, not read from the cache
    result = subprocess.run([sys.executable, "-m", "macros", "report", "--out", str(tmp_path)], cwd=REPO, env=env,
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    for year in MODEL.report_years():
        for lang in LANGUAGES:
            assert report_file(tmp_path, lang, year).read_bytes() == report_file(built_site, lang, year).read_bytes()


def test_make_report_writes_one_year_and_refuses_a_year_without_data(tmp_path):
    done = subprocess.run([sys.executable, "-m", "macros", "report", "2023", "--out", str(tmp_path)], cwd=REPO,
                          env=BUILD_ENV, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert sorted(path.relative_to(tmp_path).as_posix() for path in tmp_path.rglob("*.pdf")) == [
        "en/reports/2023.pdf", "reports/2023.pdf"]
    refused = subprocess.run([sys.executable, "-m", "macros", "report", "2019"], cwd=REPO, env=BUILD_ENV,
                             capture_output=True, text=True)
    assert refused.returncode == 1 and "No annual report for 2019" in refused.stderr


def links(site: Site, path: str) -> dict[str, tuple[str, str]]:
    """The report links of a page: address → (the text after it, the byte count it states)."""
    found = {}
    for anchor in site.page(path).select('a[type="application/pdf"]'):
        meta = anchor.find_next(attrs={"data-bytes": True})
        found[anchor["href"]] = (anchor.find_parent(["li", "tr"]).get_text(" "), meta["data-bytes"])
    return found


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("path", ["plans/ke-hoach-2024/", "activities/years/2024/", "open-data/"])
def test_pages_link_the_reports_with_their_size_and_language(site, built_site, lang, path):
    found = links(site, language_root(lang) + path)
    wanted = {other: report_file(built_site, other) for other in LANGUAGES}
    page_folder = built_site / language_root(lang) / path
    for other, file in wanted.items():
        href = next(href for href in found if (page_folder / href).resolve() == file.resolve())
        text, size = found[href]
        assert int(size) == file.stat().st_size
        assert label("report_language", lang, language=labels()["source_languages"][other][lang]) in text


def test_the_sitemap_lists_the_reports_with_their_other_language(built_site):
    sitemap = (built_site / "sitemap.xml").read_text(encoding="utf-8")
    for year in MODEL.report_years():
        for lang in LANGUAGES:
            assert f"<loc>{SITE_URL}{language_root(lang)}reports/{year}.pdf</loc>" in sitemap
        assert f'hreflang="en" href="{SITE_URL}en/reports/{year}.pdf"' in sitemap
    assert f"{SITE_URL}en/reports/2024.pdf" in (built_site / "en" / "sitemap.xml").read_text(encoding="utf-8")


# Typst source in the data: each must print as the characters typed, never run, read a file or change the page
INJECTIONS = ['#read("/etc/passwd")', "]", "$x$", "#set page(width: 1pt)", "*bold*"]
A4 = [595.28, 841.89]  # points, to a hundredth


def print_with(records: dict[Path, dict], project: Path, out: Path) -> None:
    """Write `records` (path → record) over `project`'s files, then print its 2024 reports into `out`, afresh."""
    for path, record in records.items():
        path.write_text(yaml.dump(record, allow_unicode=True, sort_keys=False), encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "macros", "--root", str(project), "report", str(YEAR), "--out",
                             str(out)], cwd=project, env={**BUILD_ENV, "REPORTS_CACHE": "off"},
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


def test_typst_source_in_the_data_prints_as_text(tmp_path):
    """Each of INJECTIONS as a title or summary of 2024 is in both reports as typed; every page stays A4."""
    project = copy_project(tmp_path / "project")
    fields = [("activities/2024-04-doan-cong-tac-ai-cap-uae.yml", "title"), ("activities/2024-08-accsm-22-brunei.yml",
              "title"), ("activities/2024-04-doan-cong-tac-ai-cap-uae.yml", "summary"),
              ("activities/2024-08-accsm-22-brunei.yml", "summary"), ("plans/ke-hoach-2024.yml", "title")]
    records = {}
    for (file, field), injection in zip(fields, INJECTIONS):
        path = project / file
        typed = f"Typed {injection} here"
        records[path] = {**records.get(path, yaml.safe_load(path.read_text(encoding="utf-8"))),
                         field: {"vi": typed, "en": typed}}
    print_with(records, project, tmp_path / "out")
    for lang in LANGUAGES:
        printed = report_file(tmp_path / "out", lang)
        text = text_of(printed)
        assert [injection for injection in INJECTIONS if f"Typed {injection} here" not in text] == [], lang
        assert "root:" not in text
        assert all([round(float(side), 2) for side in page.mediabox[2:]] == A4 for page in PdfReader(printed).pages)


def test_typst_reads_only_the_report_s_own_folder():
    """Typst's root is templates/report/, which holds the templates and the bundled fonts and nothing else."""
    held = sorted(path.relative_to(typeset.REPORT_DIR).as_posix() for path in typeset.REPORT_DIR.rglob("*")
                  if path.is_file())
    assert held and all(name.endswith(".typ") or name.startswith("fonts/") for name in held), held
    assert typeset.MAIN.parent == typeset.REPORT_DIR and typeset.FONT_DIR.parent == typeset.REPORT_DIR


def test_a_typst_error_stops_the_printing_with_typst_s_words():
    with pytest.raises(RuntimeError, match=r"^Typst: .*"), typeset.Workers(1) as workers:
        workers.submit("x", '{"not": "a report"}', MODEL.as_of().first_day())
        workers.results()


PRINT_THEN_FORK = """
import os, sys
from pathlib import Path
from macros.files import reports
from macros.model import dataset

model = dataset.load(Path.cwd()).model
reports.reports(model, "http://a.example/", Path(sys.argv[1]), [2023])
if os.fork() == 0:
    reports.reports(model, "http://b.example/", Path(sys.argv[1]), [2023])
    os._exit(0)
sys.exit(os.waitstatus_to_exitcode(os.wait()[1]))
"""


def test_printing_leaves_the_process_free_to_fork(tmp_path):
    """Typst runs only in the workers: after printing, this process forks (as the build does for English) and the
    child prints again. Were Typst run here, its threads would be missing in the child, which would wait forever."""
    run = subprocess.Popen([sys.executable, "-c", PRINT_THEN_FORK, str(tmp_path)], cwd=REPO,
                           env={**BUILD_ENV, "REPORTS_CACHE": "off"}, stderr=subprocess.PIPE, text=True,
                           start_new_session=True)
    try:
        _, stderr = run.communicate(timeout=60)
    finally:
        with suppress(ProcessLookupError):
            os.killpg(run.pid, signal.SIGKILL)  # the forked child too, had it hung
    assert run.returncode == 0, stderr


LONG_WORD = ("Pneumonoultramicroscopicsilicovolcanoconiosis" * 8)[:330]
SIDE_MARGIN = 20 / 25.4 * 72  # report.typ: the page's left and right margins (20 mm), in points


def with_long_word(value, key: str = ""):
    """`value` (a record read from YAML) with LONG_WORD after each of its texts: titles, summaries, names, places,
    roles, notes, source titles and addresses."""
    if isinstance(value, dict):
        return {name: with_long_word(item, name) for name, item in value.items()}
    if isinstance(value, list):
        return [with_long_word(item, key) for item in value]
    if key in ("vi", "en", "name", "title"):
        return f"{value} {LONG_WORD}"
    return f"{value}/{LONG_WORD}" if key == "url" else value


def word_boxes(printed: Path) -> list[tuple[float, list[tuple[float, float, str]]]]:
    """Each page's width and its words, each with its left and right edge, as poppler's `pdftotext -bbox` finds them."""
    found = subprocess.run(["pdftotext", "-bbox", str(printed), "-"], capture_output=True, text=True, check=True)
    return [(float(page["width"]), [(float(word["xmin"]), float(word["xmax"]), word.get_text())
                                    for word in page.find_all("word")])
            for page in BeautifulSoup(found.stdout, "html.parser").find_all("page")]


def beyond_printable_width(pages: list[tuple[float, list[tuple[float, float, str]]]]) -> list[tuple[int, str]]:
    """The words (page number, first letters) that reach into the left or right margin, to within a point."""
    return [(number, text[:20]) for number, (width, words) in enumerate(pages, 1) for left, right, text in words
            if left < SIDE_MARGIN - 1 or right > width - SIDE_MARGIN + 1]


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("year", MODEL.report_years())
def test_every_word_of_the_reports_lies_within_the_printable_width(built_site, lang, year):
    """Also the charts' labels, SVG text that never wraps: the bars make room for the longest."""
    assert not beyond_printable_width(word_boxes(report_file(built_site, lang, year)))


def test_a_word_longer_than_a_line_wraps_inside_the_printable_width(tmp_path):
    """A 330-letter word in every text of the data is broken across lines, as the site does, in both languages."""
    project = copy_project(tmp_path / "project")
    print_with({path: with_long_word(yaml.safe_load(path.read_text(encoding="utf-8")))
                for collection in ("decisions", "plans", "partners", "activities")
                for path in (project / collection).glob("*.yml")}, project, tmp_path / "out")
    for lang in LANGUAGES:
        pages = word_boxes(report_file(tmp_path / "out", lang))
        assert not beyond_printable_width(pages), lang
        printed = "".join(text for _, words in pages for _, _, text in words)
        assert printed.count(LONG_WORD) > 20, lang  # the word is there, in pieces on successive lines


def test_first_pages_are_rendered_for_the_readme(tmp_path):
    """The README shows the first four pages of the 2024 report in each language (pdftoppm, Debian's poppler).

    Printed for the site's default address, as `make report` does, so that the pictures do not change
    with the port the test site is served on.
    """
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    for report in reports.reports(MODEL, README_SITE_URL, REPO, [YEAR]):
        printed = tmp_path / f"{report.lang}.pdf"
        printed.write_bytes(report.content)
        for number in range(1, 5):  # named -01 to -04 whatever the report's length (pdftoppm pads to it)
            subprocess.run(["pdftoppm", "-png", "-r", "50", "-f", str(number), "-l", str(number), "-singlefile",
                            str(printed), str(SCREENSHOTS / f"{YEAR}-{report.lang}-{number:02}")], check=True,
                           env={**os.environ, "TZ": "UTC"})
        pages = sorted(SCREENSHOTS.glob(f"{YEAR}-{report.lang}-*.png"))
        assert len(pages) == 4 and all(page.stat().st_size > 1000 for page in pages)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_plan_chapter_gives_each_groups_tasks_by_what_the_sources_report_never_a_percentage(built_site, lang):
    plan = MODEL.annual_plans(YEAR)[0]
    path = report_file(built_site, lang)
    starts = chapters(path)
    chapter = " ".join(text_between(path, lang, starts[label("report_plan", lang, year=YEAR)],
                                    starts[label("year_title", lang, year=YEAR)] - 1).split())
    assert "%" not in chapter
    no_report = {"vi": "chưa có báo cáo nào sau ngày 09/01/2024", "en": "with no report since 9 January 2024"}[lang]
    for group in plan.task_groups:
        progress = group.progress(MODEL.checked_on())
        if progress.counts["no-later-report"]:
            assert f"{progress.counts['no-later-report']} " + ("nhiệm vụ " if lang == "vi" else "") + no_report in chapter
    assert label("progress_listed", lang) in chapter
