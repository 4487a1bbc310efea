"""Synthetic datasets shaped like the real one, for the benchmark.

N activities come with N/10 partners, a programme and one annual plan per year
with N/5 items in all; texts are real summaries of the seed data and titles real
titles, recombined, so pages have the size and the Vietnamese of real pages.
"""

from __future__ import annotations

import random
import shutil
from pathlib import Path

import yaml

from macros.common.collections import COLLECTIONS
from macros.model import dataset


SITE_PARTS = ("mkdocs.yml", "mkdocs.en.yml", "content", "overrides", "schemas", "templates", "macros", "media")
KINDS = ["delegation-abroad", "visit-received", "meeting", "talks", "signing", "training", "workshop"]
COUNTRIES = ["KR", "JP", "FR", "EG", "AE", "BN", "CN", "LA", "KH", "TH", "SG", "DE", "AU", "US", "IN"]
FIRST_YEAR = 2015
LAST_YEAR = 2024  # the validator refuses dates in the future: large datasets start earlier instead


def sentences(root: Path, field: str = "summary", collection: str = "") -> dict[str, list[str]]:
    """Every summary (or other text `field`) of the real data's records (or of one collection's), per language;
    a record without the field gives its description when asked for a summary."""
    model = dataset.load(root).model
    texts = {"vi": [], "en": []}
    for record in getattr(model, collection).values() if collection else model.records():
        value = getattr(record, field, None) or (getattr(record, "description", None) if field == "summary" else None)
        if value and getattr(value, "en", None):
            texts["vi"].append(value.vi)
            texts["en"].append(value.en)
    return texts


def copy_sources(source: Path, target: Path, parts: tuple[str, ...]) -> None:
    """Copy `parts` of the site's sources to `target`; the installed Pagefind is linked, not copied."""
    target.mkdir(parents=True)
    for part in parts:
        item = source / part
        (shutil.copytree if item.is_dir() else shutil.copy2)(item, target / part)
    (target / "search").symlink_to((source / "search").resolve())  # macros/files/search.py runs it from there


def make_project(source: Path, target: Path, activities: int, seed: int = 7) -> Path:
    """A copy of the site's sources at `target` with `activities` synthetic activities."""
    if target.exists():
        shutil.rmtree(target)
    copy_sources(source, target, SITE_PARTS)
    for name in COLLECTIONS:
        (target / name).mkdir()
    random.seed(seed)
    texts = sentences(source)
    titles = sentences(source, "title", "activities")  # a line, not a summary: lists and reports name records by them
    source_entry = [{"publisher": {"vi": "Bộ Nội vụ", "en": "Ministry of Home Affairs"},
                     "title": "Bản tin tổng hợp", "language": "vi", "date": "2024-01-09"}]

    def text(count: int = 1, source: dict[str, list[str]] = texts) -> dict:
        picks = random.sample(range(len(source["vi"])), count)
        return {lang: " ".join(source[lang][index] for index in picks) for lang in ("vi", "en")}

    def title() -> dict:
        return text(source=titles)

    def write(collection: str, record: dict) -> None:
        path = target / collection / f"{record['id']}.yml"
        path.write_text(yaml.dump(record, Dumper=yaml.CSafeDumper, allow_unicode=True, sort_keys=False, width=120),
                        encoding="utf-8")  # LibYAML's emitter: the 10,000-record dataset in seconds

    partners = [f"p-{index:04d}" for index in range(max(activities // 10, 5))]
    for index, partner_id in enumerate(partners):
        write("partners", {"id": partner_id, "name": {"vi": f"Cơ quan đối tác số {index}", "en": f"Partner agency {index}"},
                           "kind": "government", "country": COUNTRIES[index % len(COUNTRIES)],
                           "description": text(), "sources": source_entry})
    count = max(activities // 500, 2)
    first = min(FIRST_YEAR, LAST_YEAR - count + 1)
    years = list(range(first, first + count))
    write("plans", {"id": "de-an", "kind": "programme", "title": title(), "period": {"start": str(years[0]), "end": str(years[-1])},
                    "summary": text(), "general_objective": text(), "scope": text(), "exclusions": [text()],
                    **{section: [{"id": f"{section.replace('_', '-')}-{n}", "text": text()} for n in range(1, 5)]
                       for section in ("objectives", "tasks", "priority_areas", "solutions")},
                    "sources": source_entry})
    items_per_plan = max(activities // 5 // len(years), 4)
    items: list[str] = []
    for year in years:
        groups = []
        for group in range(1, 5):
            group_items = []
            for number in range(items_per_plan // 4):
                item_id = f"muc-{group}-{number}"
                items.append(f"ke-hoach-{year}/{item_id}")
                group_items.append({"id": item_id, "text": text(), "status": random.choice(["planned", "done", "in-progress"]),
                                    "status_as_of": f"{year}-12-31", "partners": random.sample(partners, 2)})
            groups.append({"id": f"nhom-{group}", "text": text(), "items": group_items})
        write("plans", {"id": f"ke-hoach-{year}", "kind": "annual-plan", "implements": "de-an", "title": title(),
                        "period": {"start": str(year), "end": str(year)}, "summary": text(), "task_groups": groups,
                        "sources": source_entry})
        write("decisions", {"id": f"quyet-dinh-{year}", "number": f"{year - 2000}/QĐ-BNV", "type": "decision",
                            "date_signed": f"{year}-01-09", "issuer": text(), "title": title(), "summary": text(),
                            "signer": {"name": "Nguyễn Văn A", "role": {"vi": "Bộ trưởng", "en": "Minister"}},
                            "action": "issues", "plan": f"ke-hoach-{year}", "sources": source_entry})
    for index in range(activities):
        year = years[index % len(years)]
        start = f"{year}-{random.randint(1, 12):02d}-{random.randint(1, 28):02d}"
        write("activities", {
            "id": f"a-{index:05d}", "kind": random.choice(KINDS), "title": title(), "start": start,
            "places": [{"city": {"vi": "Hà Nội", "en": "Hanoi"}, "country": "VN"}],
            "partners": random.sample(partners, 2), "plan_items": random.sample(items, 1),
            "leaders": [{"name": "Trần Thị B", "role": {"vi": "Thứ trưởng", "en": "Deputy Minister"}}],
            "summary": text(), "body": {"vi": "\n\n".join(text()["vi"] for _ in range(3)),
                                        "en": "\n\n".join(text()["en"] for _ in range(3))},
            "sources": source_entry})
    return target
