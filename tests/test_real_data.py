"""Contract tests over every real data file, and the seed facts on the built pages."""

from __future__ import annotations

import subprocess
import sys
import unicodedata

import pytest
import yaml

from macros.common.collections import COLLECTIONS
from macros.common.interface import labels
from macros.common.locale import LANGUAGES
from macros.model import dataset

from conftest import REPO


DATA = dataset.load(REPO)
MODEL = DATA.model
FILES = [path for paths in dataset.data_files(REPO).values() for path in paths]


def test_validate_command_reports_the_real_data_clean():
    result = subprocess.run([sys.executable, "-m", "macros", "validate"], cwd=REPO, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("OK: 2 decisions, 2 plans, 15 partners, 6 activities; 0 pending translations")


@pytest.mark.parametrize("path", FILES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_every_file_is_nfc_utf8_and_named_after_its_id(path):
    text = path.read_text(encoding="utf-8")
    assert unicodedata.is_normalized("NFC", text)
    assert yaml.safe_load(text)["id"] == path.stem


def test_every_text_has_its_english_translation():
    assert DATA.pending == []


def test_every_collection_has_records():
    assert all(MODEL.collection(name) for name in COLLECTIONS)


def test_the_programme_is_complete():
    programme = MODEL.plans["de-an-2022-2026"]
    counts = {section: len(elements) for section, elements in programme.sections.items()}
    assert counts == {"objectives": 5, "tasks": 8, "priority_areas": 4, "solutions": 6}
    assert [decision.number for decision in programme.decisions] == ["896/QĐ-BNV"]
    assert [annual.id for annual in programme.annual_plans] == ["ke-hoach-2024"]


def test_the_2024_plan_has_its_four_groups_and_evidence():
    plan = MODEL.plans["ke-hoach-2024"]
    assert len(plan.task_groups) == 4
    assert plan.implements.id == "de-an-2022-2026"
    accsm = MODEL.element("ke-hoach-2024/tham-du-accsm-22")
    assert accsm.status == "done"
    assert [activity.id for activity in accsm.evidence] == ["2024-08-accsm-22-brunei"]
    progress = plan.progress(MODEL.checked_on())
    assert (progress.done, progress.total, progress.counts["no-later-report"]) == (1, 8, 7)
    assert progress.since["no-later-report"].iso() == "2024-01-09"


def test_labels_exist_in_both_languages():
    def walk(entry, key):
        if isinstance(entry, dict) and set(entry) == set(LANGUAGES):
            assert all(isinstance(entry[lang], str) and entry[lang] for lang in LANGUAGES), key
            return
        assert isinstance(entry, dict), key
        for name, value in entry.items():
            walk(value, f"{key}.{name}")

    walk(labels(), "labels")


def test_mkdocs_languages_match_the_python_language_list():
    """One configuration per language, each building its own (theme.language), and the menu names them all."""
    class Loader(yaml.SafeLoader):
        pass

    Loader.add_multi_constructor("!", lambda loader, suffix, node: None)
    Loader.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: None)

    def config(name: str) -> dict:
        return yaml.load((REPO / name).read_text(encoding="utf-8"), Loader=Loader)

    base = config("mkdocs.yml")
    assert base["theme"]["language"] == LANGUAGES[0]
    assert tuple(entry["lang"] for entry in base["extra"]["alternate"]) == LANGUAGES
    for lang in LANGUAGES[1:]:
        own = config(f"mkdocs.{lang}.yml")
        assert own["INHERIT"] == "mkdocs.yml" and own["theme"]["language"] == lang
        assert [entry.replace(f"{lang}/", f"{LANGUAGES[0]}/", 1) for entry in own["nav"]] == base["nav"]


# Every seed fact, as the reader sees it: (page, Vietnamese fragments, English fragments).
SEED_FACTS = [
    ("decisions/quyet-dinh-896-2022/", ["896/QĐ-BNV", "15/11/2022", "Phạm Thị Thanh Trà", "Bộ trưởng"],
     ["896/QĐ-BNV", "15 November 2022", "Phạm Thị Thanh Trà", "Minister"]),
    ("decisions/quyet-dinh-9-2024/", ["9/QĐ-BNV", "09/01/2024", "Vũ Chiến Thắng", "Thứ trưởng"],
     ["9/QĐ-BNV", "9 January 2024", "Vũ Chiến Thắng", "Deputy Minister"]),
    ("plans/de-an-2022-2026/", ["chuyên nghiệp, trách nhiệm, năng động và hiệu quả", "Tôn giáo", "896/QĐ-BNV"],
     ["professional, responsible, dynamic and effective", "896/QĐ-BNV", "2022–2026"]),
    ("plans/ke-hoach-2024/", ["ACCSM 22", "MIC", "Hàn Quốc", "Được báo cáo hoàn thành", "1/8 nhiệm vụ được báo cáo hoàn thành"],
     ["ACCSM 22", "MIC", "Korea", "Reported done", "1 of 8 tasks reported done", "Due 2025 — no later report"]),
    ("partners/jp-erex/", ["erex", "nguồn không nêu ngày ký"], ["erex", "date not given in the source"]),
    ("partners/fr-mtfp/", ["tháng 3/2022", "đang có hiệu lực", "Hà Nội"], ["March 2022", "in force", "Hanoi"]),
    ("partners/ae-moca/", ["Đang đàm phán", "03/05/2024"], ["In negotiation", "3 May 2024"]),
    ("partners/bn-psd/", ["Văn phòng Thủ tướng"], ["Prime Minister"]),
    ("activities/2022-08-accsm-21-asean-3/", ["03/08/2022 – 05/08/2022", "Hà Nội", "32", "Xi Hui", "Lee Jeongmin"],
     ["3 August 2022 – 5 August 2022", "Hanoi", "32", "Xi Hui", "Lee Jeongmin"]),
    ("activities/2022-09-23-hoi-dam-paris/", ["23/09/2022", "Paris", "Stanislas Guerini"],
     ["23 September 2022", "Paris", "Stanislas Guerini"]),
    ("activities/2022-03-ky-thoa-thuan-phap/", ["tháng 3/2022", "Hà Nội"], ["March 2022", "Hanoi"]),
    ("activities/2023-11-30-tiep-bo-truong-guerini/", ["30/11/2023", "Stanislas Guerini"],
     ["30 November 2023", "Stanislas Guerini"]),
    ("activities/2024-04-doan-cong-tac-ai-cap-uae/", ["21/04/2024 – 30/04/2024", "Nguyễn Trọng Thừa", "Hisham Amna",
                                                       "Abdulla Nasser Lootah", "Ai Cập"],
     ["21 April 2024 – 30 April 2024", "Nguyễn Trọng Thừa", "Hisham Amna", "Abdulla Nasser Lootah", "Egypt"]),
    ("activities/2024-08-accsm-22-brunei/", ["04/08/2024 – 08/08/2024", "Bandar Seri Begawan", "Campuchia"],
     ["4 August 2024 – 8 August 2024", "Bandar Seri Begawan", "Cambodia"]),
]


@pytest.mark.parametrize(("path", "vietnamese", "english"), SEED_FACTS, ids=[fact[0] for fact in SEED_FACTS])
def test_seed_facts_are_on_the_site_in_both_languages(site, path, vietnamese, english):
    for lang, prefix, fragments in (("vi", "", vietnamese), ("en", "en/", english)):
        text = " ".join(site.page(prefix + path).select_one("article").get_text(" ").split())
        missing = [fragment for fragment in fragments if fragment not in text]
        assert missing == [], f"{lang}: {missing}"

