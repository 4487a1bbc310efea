"""English that reads as English (issue 23): no calque of the Vietnamese, one name per country, singular for 1.

The built site's English pages, feeds, CSV files and annual reports are read as a reader reads them (their text,
not their markup); the data's and the labels' English are read as the editors write them.
"""

from __future__ import annotations

import html
import re
import unicodedata
from pathlib import Path

import pytest
import yaml
from pypdf import PdfReader

from conftest import REPO, copy_project, mkdocs_build
from macros.common.interface import labels
from macros.common.locale import country_name
from macros.model import dataset

# Word-for-word renderings of Vietnamese administrative phrases, and the names the site no longer uses.
CALQUES = {
    "within the framework of": "trong khuôn khổ: under, as part of, at",
    "cadres": "cán bộ: officials",
    "emulation": "thi đua, khen thưởng: awards and commendations",
    "proactively and actively": "chủ động, tích cực: proactive and committed",
    "visit received": "đón đoàn vào: Visit to Viet Nam",
    "delegation abroad": "đoàn ra: Visit abroad",
    "countries named": "quốc gia được nêu: Countries mentioned in the task",
    "22nd asean cooperation on civil service matters": "ACCSM is a mechanism: the 22nd meeting of the ACCSM",
    "south korea": "the Republic of Korea",
    "vietnam ": "Viet Nam (except in the Vietnam News Agency's own name and its headlines)",
}
ALLOWED_VIETNAM = re.compile(r"Vietnam News Agency|Vietnam, France reinforce ties")
# Korea is the Republic of Korea wherever the English names it ("Korea's experience" was the plan's calque).
OTHER_KOREA = re.compile(r"(?<!Republic of )\bKorea\b")
# A count of 1 followed by a plural noun: "1 activities", "1 of 1 tasks".
ONE_PLURAL = re.compile(r"\b1 (?:results|activities|tasks|partners|agreements|countries|bodies|mechanisms|"
                        r"organisations|sources|records|decisions|plans|years)\b|\b1 of 1 tasks\b")
ENGLISH_FILES = ("*.html", "*.xml", "*.ics")


def readable(path: Path) -> str:
    """What a reader reads of a file: a page's text without markup, scripts or styles; a PDF's extracted text."""
    if path.suffix == ".pdf":
        text = " ".join(page.extract_text() for page in PdfReader(path).pages)
    else:
        text = path.read_text(encoding="utf-8")
        if path.suffix == ".ics":  # folded lines unfolded, escaped commas and semicolons as written
            text = re.sub(r"\r?\n[ \t]", "", text).replace("\\,", ",").replace("\\;", ";").replace("\\n", " ")
        if path.suffix == ".html":
            text = re.sub(r"<(script|style)\b.*?</\1>", " ", text, flags=re.S)
        text = html.unescape(re.sub(r"<[^>]+>", " ", text))
    return " ".join(unicodedata.normalize("NFC", text).split())


def english_files(site: Path) -> list[Path]:
    found = [path for pattern in ENGLISH_FILES for path in (site / "en").rglob(pattern) if "pagefind" not in path.parts]
    return sorted(found) + sorted((site / "data").glob("*-en.csv")) + sorted((site / "en" / "reports").glob("*.pdf"))


def problems(site: Path) -> list[str]:
    found = []
    for path in english_files(site):
        text = readable(path)
        name = path.relative_to(site).as_posix()
        lower = text.lower()
        for calque, instead in CALQUES.items():
            at = lower.find(calque)
            while at >= 0:
                if not (calque == "vietnam " and ALLOWED_VIETNAM.match(text, at)):
                    found.append(f"{name}: “{text[max(0, at - 40):at + 60]}” ({instead})")
                at = lower.find(calque, at + 1)
        found += [f"{name}: “{text[max(0, m.start() - 40):m.end() + 20]}” (Korea is the Republic of Korea)"
                  for m in OTHER_KOREA.finditer(text)]
        found += [f"{name}: “{text[max(0, m.start() - 40):m.end() + 20]}” (singular for 1)"
                  for m in ONE_PLURAL.finditer(text)]
    return found


def test_english_pages_feeds_data_and_reports_read_as_english(built_site):
    assert len([path for path in english_files(built_site) if path.suffix == ".pdf"]) >= 3  # the reports are read
    assert problems(built_site) == []


def _english_texts(value):
    if isinstance(value, dict):
        if isinstance(value.get("en"), str):
            yield value["en"]
        for item in value.values():
            yield from _english_texts(item)
    elif isinstance(value, list):
        for item in value:
            yield from _english_texts(item)


def test_the_datas_and_the_labels_english_has_no_calque_and_one_name_for_korea():
    files = [path for folder in ("decisions", "plans", "partners", "activities") for path in (REPO / folder).glob("*.yml")]
    files.append(REPO / "templates" / "words.yml")
    found = []
    for path in files:
        for text in _english_texts(yaml.safe_load(path.read_text(encoding="utf-8"))):
            lower = text.lower()
            found += [f"{path.name}: {calque}" for calque in CALQUES if calque.strip() != "vietnam" and calque in lower]
            found += [f"{path.name}: {text[max(0, m.start() - 30):m.end()]}" for m in OTHER_KOREA.finditer(text)]
    assert found == []


@pytest.mark.parametrize("code, name", [("KR", "Republic of Korea"), ("VN", "Viet Nam"), ("BN", "Brunei Darussalam"),
                                        ("AE", "United Arab Emirates"), ("CN", "China"), ("JP", "Japan"),
                                        ("FR", "France"), ("EG", "Egypt")])
def test_one_english_name_per_country_on_the_map_and_in_the_lists(code, name):
    assert country_name(code, "en") == name


def test_every_singular_label_has_its_plural_and_one_vietnamese_form():
    """`KEY_one` is the English singular of `KEY`; Vietnamese has one form, so both say the same in Vietnamese."""
    table = labels()
    singular = [key for key in table if key.endswith("_one")]
    assert len(singular) >= 15
    for key in singular:
        other = key.removesuffix("_one")
        assert other in table, key
        assert table[key]["vi"] == table[other]["vi"], key
        assert table[key]["en"] != table[other]["en"], key


def test_counts_of_one_are_singular_in_the_plan_page_and_the_report(site, built_site):
    plan = " ".join(site.page("en/plans/ke-hoach-2024/").select_one("article").get_text(" ").split())
    assert "Partner: Ministry of the Interior and Safety of the Republic of Korea" in plan
    assert "Country mentioned in the task: Republic of Korea" in plan
    assert "1 of 1 task reported done" in plan
    report = readable(built_site / "en" / "reports" / "2023.pdf")
    for said in ("1 activity started in 2023.", "1 activity started in the year", "1 body took part in those activities",
                 "based in 1 country", "1 agreement signed or in force in the year"):
        assert said in report


FIGURE_ACTIVITIES = "1 activities since the programme"


@pytest.fixture(scope="module")
def one_of_each(tmp_path_factory) -> Path:
    """The site built from the data with two activities left, one of them before the programme."""
    folder = tmp_path_factory.mktemp("one")
    project = copy_project(folder / "project")
    for path in (project / "activities").glob("*.yml"):
        if path.stem not in ("2022-03-ky-thoa-thuan-phap", "2023-11-30-tiep-bo-truong-guerini"):
            path.unlink()
    result = mkdocs_build(project, folder / "site")
    assert result.returncode == 0, result.stderr
    return folder / "site"


def test_a_site_with_one_of_each_count_says_it_in_the_singular(one_of_each):
    """The charts' note, the timeline, the partner lists and the reports count 1 in the singular."""
    home = readable(one_of_each / "en" / "index.html")
    assert "Includes 1 activity before the programme was approved" in home
    assert [problem for problem in problems(one_of_each) if FIGURE_ACTIVITIES not in problem] == []


def test_the_activities_key_figure_is_singular_for_one(one_of_each):
    assert FIGURE_ACTIVITIES not in readable(one_of_each / "en" / "index.html")


# A state said in the present tense goes stale the day after its source: "are completing", "is building".
PRESENT_STATES = re.compile(r"\b(?:are|is) (?:completing|finalising|negotiating|building|preparing|drafting)\b"
                            r"|\bhas (?:digitised|signed|completed)\b", re.IGNORECASE)


def test_no_english_text_states_a_state_in_the_present_tense_without_its_date():
    stale = []
    for record in dataset.load(REPO).model.records():
        raw = yaml.safe_load((REPO / record.file).read_text(encoding="utf-8"))
        for text in _english_texts(raw):
            stale += [f"{record.file}: …{text[max(0, m.start() - 40):m.end() + 20]}…" for m in PRESENT_STATES.finditer(text)]
    assert stale == []

