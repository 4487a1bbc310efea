"""Open data, feeds, calendar and discoverability, each read back with an independent parser."""

from __future__ import annotations

import csv
import datetime
import io
import json
import unicodedata
from xml.etree import ElementTree

import feedparser
import icalendar
import jsonschema
import pytest
import referencing
import referencing.jsonschema
import yaml
from bs4 import BeautifulSoup

from macros.common.collections import COLLECTIONS
from macros.common.interface import language_root
from macros.common.locale import LANGUAGES
from macros.model import dataset

from conftest import REPO, SITE_URL, mkdocs_build


DATA = dataset.load(REPO)
MODEL = DATA.model


def page(site_dir, path: str) -> BeautifulSoup:
    target = site_dir / path
    return BeautifulSoup((target / "index.html" if target.is_dir() else target).read_text(encoding="utf-8"),
                         "html.parser")


@pytest.mark.parametrize("lang", LANGUAGES)
def test_open_data_page_lists_every_download_with_its_size(built_site, lang):
    soup = page(built_site, language_root(lang) + "open-data/")
    rows = soup.select("table.downloads tbody tr")
    files = sorted((built_site / "data").rglob("*.*"))
    assert len(rows) == len(files)
    for row in rows:
        href = row.select_one("a")["href"]
        target = (built_site / language_root(lang) / "open-data" / href).resolve()
        assert target.is_file(), href
        assert int(row.select_one("[data-bytes]")["data-bytes"]) == target.stat().st_size
        assert row.select_one("[data-bytes]").get_text().endswith(("B", "KB", "MB"))
    fields = soup.select(".field-reference")
    assert len(fields) == len(COLLECTIONS) + 1  # each collection, then the shared definitions
    assert "CC BY 4.0" in soup.get_text()


def test_the_footer_links_the_open_data_page(built_site):
    for lang in LANGUAGES:
        link = page(built_site, language_root(lang)).select_one(".site-footer-links a")
        assert link["href"].rstrip("/").endswith("open-data")


def published_registry(built_site) -> referencing.Registry:
    return referencing.Registry().with_resources(
        (path.name, referencing.Resource.from_contents(json.loads(path.read_text()),
                                                       default_specification=referencing.jsonschema.DRAFT202012))
        for path in (built_site / "data" / "schemas").glob("*.json"))


def test_the_dataset_json_holds_every_record_and_follows_the_published_schemas(built_site):
    whole = json.loads((built_site / "data" / "dataset.json").read_text(encoding="utf-8"))
    assert whole["version"] == DATA.version
    assert whole["generated"] == MODEL.as_of().iso()
    registry = published_registry(built_site)
    for name in COLLECTIONS:
        records = whole[name]
        assert [record["id"] for record in records] == sorted(MODEL.collection(name))
        assert json.loads((built_site / "data" / f"{name}.json").read_text(encoding="utf-8")) == records
        schema = registry[f"{COLLECTIONS[name].singular}.schema.json"].contents
        validator = jsonschema.Draft202012Validator(schema, registry=registry)
        for record in records:
            assert list(validator.iter_errors(record)) == [], record["id"]


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("name", list(COLLECTIONS))
def test_csv_files_open_in_spreadsheets_with_one_row_per_record(built_site, name, lang):
    raw = (built_site / "data" / f"{name}-{lang}.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf"), "a byte-order mark tells spreadsheet programs it is UTF-8"
    text = raw.decode("utf-8-sig")
    assert unicodedata.is_normalized("NFC", text)
    rows = list(csv.DictReader(io.StringIO(text)))
    assert [row["id"] for row in rows] == sorted(MODEL.collection(name))
    record = MODEL.collection(name)[rows[0]["id"]]
    assert record.title.get(lang) == rows[0]["title" if "title" in rows[0] else "name"]


def test_csv_lists_are_joined_as_documented(built_site):
    rows = {row["id"]: row for row in csv.DictReader(
        io.StringIO((built_site / "data" / "activities-vi.csv").read_text(encoding="utf-8-sig")))}
    assert rows["2024-08-accsm-22-brunei"]["partners"] == "accsm | accsm-plus-3 | asean-secretariat | bn-psd"


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("kind", ["rss", "atom"])
def test_feeds_parse_cleanly_newest_first_in_their_language(built_site, lang, kind):
    feed = feedparser.parse((built_site / language_root(lang) / f"activities.{kind}.xml").read_bytes())
    assert not feed.bozo, feed.get("bozo_exception")
    assert feed.feed.link == SITE_URL + language_root(lang) + "activities/"  # the page, not a feed file
    own = SITE_URL + language_root(lang) + f"activities.{kind}.xml"
    assert [link.href for link in feed.feed.links if link.rel == "self"] == [own]
    if kind == "atom":  # RSS 2.0 names authors by e-mail address only, and the sources give none
        assert feed.feed.author_detail.name == {"vi": "Bộ Nội vụ", "en": "Ministry of Home Affairs"}[lang]
    newest_first = MODEL.activities_newest_first()
    assert [entry.link for entry in feed.entries] == [SITE_URL + language_root(lang) + a.path for a in newest_first]
    assert [entry.title for entry in feed.entries] == [a.title.get(lang) for a in newest_first]
    first = feed.entries[0]
    assert first.summary == newest_first[0].summary.get(lang)
    assert first.published_parsed[:3] == (newest_first[0].start.year, newest_first[0].start.month,
                                          newest_first[0].start.day)
    labels = {tag.get("label") or tag.term for tag in first.tags}
    assert {partner.name.get(lang) for partner in newest_first[0].partners} <= labels


@pytest.mark.parametrize("lang", LANGUAGES)
def test_pages_advertise_their_language_feeds(built_site, lang):
    soup = page(built_site, language_root(lang) + "activities/")
    types = {link["type"]: link["href"] for link in soup.select('head link[rel="alternate"][type]')}
    assert set(types) == {"application/rss+xml", "application/atom+xml", "text/calendar"}
    for href in types.values():
        assert (built_site / language_root(lang) / "activities" / href).resolve().is_file()
    calendar_link = soup.select_one('article a[type="text/calendar"]')
    assert calendar_link is not None, "the activities page has its 'add to calendar' link"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_calendar_has_one_all_day_event_per_activity(built_site, lang):
    calendar = icalendar.Calendar.from_ical((built_site / language_root(lang) / "activities.ics").read_bytes())
    events = {str(event["UID"]): event for event in calendar.walk("VEVENT")}
    assert set(events) == {f"activity-{activity_id}-{lang}@127.0.0.1" for activity_id in MODEL.activities}
    brunei = events[f"activity-2024-08-accsm-22-brunei-{lang}@127.0.0.1"]
    assert brunei.decoded("DTSTART") == datetime.date(2024, 8, 4)
    assert brunei.decoded("DTEND") == datetime.date(2024, 8, 9), "DTEND is the day after the last day"
    assert "Bandar Seri Begawan" in str(brunei["LOCATION"])
    assert str(brunei["URL"]) == SITE_URL + language_root(lang) + "activities/2024-08-accsm-22-brunei/"
    signing = events[f"activity-2022-03-ky-thoa-thuan-phap-{lang}@127.0.0.1"]  # known to the month only
    assert (signing.decoded("DTSTART"), signing.decoded("DTEND")) == (datetime.date(2022, 3, 1), datetime.date(2022, 4, 1))
    assert str(signing["SUMMARY"]).endswith({"vi": "(nguồn không nêu ngày cụ thể: tháng 3/2022)",
                                             "en": "(exact dates not given: March 2022)"}[lang])


EXPECTED_TYPES = {"decisions": {"Legislation"}, "activities": {"Event"}, "plans": {"CreativeWork"},
                  "partners": {"GovernmentOrganization", "Organization"}}


def test_every_page_carries_fitting_json_ld(built_site):
    for path in built_site.rglob("index.html"):
        scripts = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser").select('script[type="application/ld+json"]')
        if "<meta http-equiv=\"refresh\"" in path.read_text(encoding="utf-8"):
            continue  # a redirect page
        assert len(scripts) == 1, path
        data = json.loads(scripts[0].string)
        assert data["@context"] == "https://schema.org"
        parts = path.relative_to(built_site).parts
        parts = parts[1:] if parts[0] == "en" else parts
        if len(parts) == 3 and parts[0] in EXPECTED_TYPES:
            assert data["@type"] in EXPECTED_TYPES[parts[0]], path
    decision = json.loads(page(built_site, "en/decisions/quyet-dinh-896-2022/")
                          .select_one('script[type="application/ld+json"]').string)
    assert (decision["legislationIdentifier"], decision["legislationDate"]) == ("896/QĐ-BNV", "2022-11-15")
    assert decision["legislationLegalForce"] == "InForce"
    assert decision["legislationResponsible"]["@type"] == "GovernmentOrganization"
    event = json.loads(page(built_site, "activities/2024-08-accsm-22-brunei/")
                       .select_one('script[type="application/ld+json"]').string)
    assert (event["startDate"], event["endDate"]) == ("2024-08-04", "2024-08-08")
    assert event["eventAttendanceMode"].endswith("OfflineEventAttendanceMode")
    assert event["location"][0]["address"]["addressCountry"] == "BN"
    partner = json.loads(page(built_site, "en/partners/bn-psd/").select_one('script[type="application/ld+json"]').string)
    assert partner["parentOrganization"]["name"] == MODEL.partners["bn-pmo"].name.en
    assert "inLanguage" not in partner  # schema.org gives no language to an organisation
    month_only = json.loads(page(built_site, "activities/2022-03-ky-thoa-thuan-phap/")
                            .select_one('script[type="application/ld+json"]').string)
    assert "startDate" not in month_only and month_only["inLanguage"] == "vi"  # March 2022 is no schema.org Date


def test_the_sitemap_lists_every_page_with_its_alternates(built_site):
    namespaces = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}
    root = ElementTree.parse(built_site / "sitemap.xml").getroot()
    entries = {url.find("s:loc", namespaces).text: {link.get("hreflang"): link.get("href")
                                                    for link in url.findall("x:link", namespaces)}
               for url in root.findall("s:url", namespaces)}
    for record in MODEL.records():
        for lang in LANGUAGES:
            alternates = entries[SITE_URL + language_root(lang) + record.path]
            assert alternates == {"vi": SITE_URL + record.path, "en": SITE_URL + "en/" + record.path,
                                  "x-default": SITE_URL + record.path}
    assert "Sitemap: " + SITE_URL + "sitemap.xml" in (built_site / "robots.txt").read_text()


@pytest.mark.parametrize("lang", LANGUAGES)
def test_record_pages_have_sharing_cards(built_site, lang):
    activity = MODEL.activities["2024-08-accsm-22-brunei"]
    soup = page(built_site, language_root(lang) + activity.path)
    meta = {tag.get("property") or tag.get("name"): tag["content"] for tag in soup.select("head meta[content]")}
    assert meta["og:title"] == activity.title.get(lang)
    assert meta["og:description"] == activity.summary.get(lang) == meta["description"]
    assert meta["og:url"] == soup.select_one('link[rel="canonical"]')["href"] == SITE_URL + language_root(lang) + activity.path
    assert meta["og:locale"] == {"vi": "vi_VN", "en": "en_GB"}[lang]
    assert meta["og:locale:alternate"] == {"vi": "en_GB", "en": "vi_VN"}[lang]
    assert meta["twitter:card"] == "summary"


def test_a_renamed_record_keeps_its_old_address(real_copy, tmp_path):
    old, new = "kr-mpm", "kr-ministry-personnel"
    source = real_copy / "partners" / f"{old}.yml"
    text = source.read_text(encoding="utf-8").replace(f"id: {old}", f"id: {new}")
    (real_copy / "partners" / f"{new}.yml").write_text(text, encoding="utf-8")
    source.unlink()
    for path in (real_copy / "activities").glob("*.yml"):
        path.write_text(path.read_text(encoding="utf-8").replace(f"- {old}\n", f"- {new}\n"), encoding="utf-8")
    (real_copy / "redirects.yml").write_text(f"partners/{old}: partners/{new}\n", encoding="utf-8")
    result = mkdocs_build(real_copy, tmp_path / "out")
    assert result.returncode == 0, result.stderr
    for lang in LANGUAGES:
        old_page = (tmp_path / "out" / language_root(lang) / "partners" / old / "index.html").read_text(encoding="utf-8")
        target = f"{SITE_URL}{language_root(lang)}partners/{new}/"
        assert f'<meta http-equiv="refresh" content="0; url={target}">' in old_page
        assert (tmp_path / "out" / language_root(lang) / "partners" / new / "index.html").is_file()


def test_a_removed_file_without_redirect_is_refused_in_a_git_checkout(real_copy):
    import subprocess

    def git(*arguments):
        subprocess.run(["git", "-c", "user.name=t", "-c", "user.email=t@example.org", *arguments],
                       cwd=real_copy, check=True, capture_output=True)

    git("init", "-q")
    git("add", "-A")
    git("commit", "-qm", "published")
    (real_copy / "partners" / "jp-erex.yml").rename(real_copy / "partners" / "jp-erex-co.yml")
    path = real_copy / "partners" / "jp-erex-co.yml"
    path.write_text(path.read_text(encoding="utf-8").replace("id: jp-erex", "id: jp-erex-co"), encoding="utf-8")
    git("add", "-A")
    git("commit", "-qm", "renamed without a redirect")
    with pytest.raises(dataset.InvalidData) as refused:
        dataset.load(real_copy)
    assert "`partners/jp-erex` was published and its file is gone" in str(refused.value)
    (real_copy / "redirects.yml").write_text(yaml.safe_dump({"partners/jp-erex": "partners/jp-erex-co"}))
    assert dataset.load(real_copy).redirects == {"partners/jp-erex": "partners/jp-erex-co"}


def test_the_git_history_check_covers_yaml_files_staged_deletions_and_only_real_addresses(real_copy):
    import subprocess

    def git(*arguments):
        subprocess.run(["git", "-c", "user.name=t", "-c", "user.email=t@example.org", *arguments],
                       cwd=real_copy, check=True, capture_output=True)

    (real_copy / "partners" / "jp-erex.yml").rename(real_copy / "partners" / "jp-erex.yaml")
    (real_copy / "partners" / "notes.txt").write_text("not data", encoding="utf-8")
    git("init", "-q")
    git("add", "-A")
    git("commit", "-qm", "published, with a file that never was a record")
    git("rm", "-q", "partners/notes.txt")
    git("commit", "-qm", "gone: it needs no redirect")
    erex = (real_copy / "partners" / "jp-erex.yaml").read_text(encoding="utf-8")
    (real_copy / "partners" / "jp-erex.yaml").unlink()  # deleted, not yet committed
    (real_copy / "partners" / "jp-erex-co.yml").write_text(erex.replace("id: jp-erex", "id: jp-erex-co"),
                                                              encoding="utf-8")
    with pytest.raises(dataset.InvalidData) as refused:
        dataset.load(real_copy)
    messages = [problem.message for problem in refused.value.problems]
    assert len(messages) == 1 and messages[0].startswith("`partners/jp-erex` was published and its file is gone")


def test_an_invalid_record_is_reported_as_invalid_never_as_gone(project_copy):
    import subprocess

    subprocess.run(["git", "init", "-q"], cwd=project_copy, check=True)
    subprocess.run(["git", "-c", "user.name=t", "-c", "user.email=t@example.org", "add", "-A"], cwd=project_copy, check=True)
    subprocess.run(["git", "-c", "user.name=t", "-c", "user.email=t@example.org", "commit", "-qm", "published"],
                   cwd=project_copy, check=True)
    path = project_copy / "partners" / "fr-mtfp.yml"
    path.write_text(path.read_text(encoding="utf-8").replace("country: FR", "country: fr"), encoding="utf-8")
    (project_copy / "partners" / "jp-erex.yml").write_text("", encoding="utf-8")
    with pytest.raises(dataset.InvalidData) as refused:
        dataset.load(project_copy)
    files = {problem.file for problem in refused.value.problems}
    assert files == {"partners/fr-mtfp.yml", "partners/jp-erex.yml"}, refused.value.report()


def test_every_malformed_redirect_is_reported_not_only_the_first(project_copy):
    (project_copy / "redirects.yml").write_text('"partners/A": partners/fr-mtfp\n"partners/b": "x y"\n'
                                                "partners/zz-old: partners/nope\n", encoding="utf-8")
    with pytest.raises(dataset.InvalidData) as refused:
        dataset.load(project_copy)
    lines = [str(problem) for problem in refused.value.problems]
    assert len(lines) == 3, lines
    assert [line.split(":")[1] for line in lines] == ["1", "2", "3"], lines
