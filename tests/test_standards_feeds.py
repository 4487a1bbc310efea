"""The feeds follow their specifications: RSS 2.0, Atom (RFC 4287, by its own schema) and iCalendar.

The Atom schema is RFC 4287's Appendix B (tests/schemas/atom.rnc), read with rnc2rng; its
grammar is checked by lxml's RELAX NG validator and its s:rule assertions by ISO Schematron.
The appendix is informative and leaves out a few of the RFC's MUSTs, checked here one by one.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

import icalendar
import pytest
import rnc2rng
from lxml import etree, isoschematron

from macros.common.interface import language_root
from macros.common.locale import LANGUAGES

from conftest import REPO, SITE_URL

pytestmark = pytest.mark.slow  # builds, servers or tools of its own (pyproject.toml's markers)


ATOM_SCHEMA = REPO / "tests" / "schemas" / "atom.rnc"
ATOM = "http://www.w3.org/2005/Atom"
NS = {"atom": ATOM}
SCHEMATRON_1_5 = "http://www.ascc.net/xml/schematron"  # the namespace of the RFC's s:rule annotations
ISO_SCHEMATRON = "http://purl.oclc.org/dsdl/schematron"
SVRL = {"svrl": "http://purl.oclc.org/dsdl/svrl"}
RFC_3339 = re.compile(r"\A\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)\Z")


def feed_url(lang: str, name: str) -> str:
    return SITE_URL + language_root(lang) + name


def activities_page(lang: str) -> str:
    return feed_url(lang, "activities/")


@pytest.fixture(scope="module")
def atom_grammar() -> etree._Element:
    """RFC 4287's schema in RELAX NG's XML syntax."""
    # rnc2rng declares the RFC's `namespace local = ""` as xmlns:local="", which XML 1.0 forbids and
    # nothing in the output uses (the empty namespace is written ns="").
    converted = rnc2rng.dumps(rnc2rng.load(str(ATOM_SCHEMA))).replace(' xmlns:local=""', "", 1)
    return etree.fromstring(converted.encode("utf-8"))


def schematron(grammar: etree._Element) -> isoschematron.Schematron:
    """The grammar's s:rule assertions as ISO Schematron, each rule in its own pattern so that all apply."""
    schema = etree.Element(f"{{{ISO_SCHEMATRON}}}schema", nsmap={"sch": ISO_SCHEMATRON})
    etree.SubElement(schema, f"{{{ISO_SCHEMATRON}}}ns", prefix="atom", uri=ATOM)
    for rule in grammar.iter(f"{{{SCHEMATRON_1_5}}}rule"):
        pattern = etree.SubElement(etree.SubElement(schema, f"{{{ISO_SCHEMATRON}}}pattern"),
                                   f"{{{ISO_SCHEMATRON}}}rule", context=rule.get("context"))
        for check in rule.iter(f"{{{SCHEMATRON_1_5}}}assert"):
            etree.SubElement(pattern, f"{{{ISO_SCHEMATRON}}}assert", test=check.get("test")).text = check.text
    return isoschematron.Schematron(schema, store_report=True)


def beyond_the_appendix(feed: etree._ElementTree) -> list[str]:
    """The RFC's MUSTs that Appendix B does not express."""
    problems = []
    for date in feed.findall(".//atom:updated", NS) + feed.findall(".//atom:published", NS):
        if not RFC_3339.match(date.text or ""):
            problems.append(f"line {date.sourceline}: {date.text!r} is not an RFC 3339 date-time (3.3)")
    for identifier in feed.iterfind(".//atom:id", NS):
        if not urlsplit(identifier.text or "").scheme:
            problems.append(f"line {identifier.sourceline}: atom:id {identifier.text!r} is not an absolute IRI (4.2.6)")
    for parent in [feed.getroot(), *feed.iterfind("atom:entry", NS)]:
        alternates = [(link.get("type"), link.get("hreflang")) for link in parent.iterfind("atom:link", NS)
                      if link.get("rel", "alternate") == "alternate"]
        if len(alternates) != len(set(alternates)):
            problems.append(f"line {parent.sourceline}: two alternate links of one type and hreflang (4.1.1, 4.1.2)")
    return problems


# Each Atom feed, on the site that has entries for it: the real site (its changes too, built with the repository's
# history) and the test repository's, whose changes are known (tests/history_repository.py).
ATOM_FEEDS = [("built_site", "activities.atom.xml", "activities/"), ("built_site", "changes.atom.xml", "changes/"),
              ("history_site", "changes.atom.xml", "changes/")]


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize(("site_fixture", "name", "page"), ATOM_FEEDS)
def test_the_atom_feed_is_valid_by_rfc_4287s_schema(request, atom_grammar, lang, site_fixture, name, page):
    feed = etree.parse(str(request.getfixturevalue(site_fixture) / language_root(lang) / name))
    assert feed.getroot().find("atom:entry", NS) is not None, "a feed with entries, so that they are checked too"
    grammar = etree.RelaxNG(atom_grammar)
    rules = schematron(atom_grammar)
    problems = [f"line {error.line}: {error.message}" for error in grammar.error_log] \
        if not grammar.validate(feed) else []
    if not rules.validate(feed):
        problems += [f"line {feed.xpath(failed.get('location'))[0].sourceline}: "
                     f"{' '.join(failed.findtext('svrl:text', '', SVRL).split())}"
                     for failed in rules.validation_report.xpath("//svrl:failed-assert", namespaces=SVRL)]
    problems += beyond_the_appendix(feed)
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize(("site_fixture", "name", "page"), ATOM_FEEDS[:2])
def test_the_atom_feed_links_its_page_and_itself(built_site, lang, site_fixture, name, page):
    feed = etree.parse(str(built_site / language_root(lang) / name)).getroot()
    links = {link.get("rel", "alternate"): link.get("href") for link in feed.iterfind("atom:link", NS)}
    assert links.get("alternate") == feed_url(lang, page)
    assert links.get("self") == feed_url(lang, name)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_rss_feed_links_its_page_and_itself(built_site, lang):
    """RSS 2.0: the channel's <link> is the web site the channel is about; atom:link rel=self is the feed."""
    channel = etree.parse(str(built_site / language_root(lang) / "activities.rss.xml")).getroot().find("channel")
    problems = [f"the channel has no <{name}> (RSS 2.0 requires it)" for name in ("title", "link", "description")
                if not channel.findtext(name)]
    if channel.findtext("link") != activities_page(lang):
        problems.append(f"the channel's <link> is {channel.findtext('link')}, not the HTML page {activities_page(lang)}")
    self_links = [link.get("href") for link in channel.iterfind("atom:link", NS) if link.get("rel") == "self"]
    if self_links != [feed_url(lang, "activities.rss.xml")]:
        problems.append(f"atom:link rel=self is {self_links}, not the feed's own address "
                        f"{feed_url(lang, 'activities.rss.xml')}")
    problems += [f"line {item.sourceline}: an item needs a title or a description" for item in channel.iterfind("item")
                 if not (item.findtext("title") or item.findtext("description"))]
    assert not problems, "\n".join(problems)


def calendar(built_site, lang: str) -> icalendar.Calendar:
    return icalendar.Calendar.from_ical((built_site / language_root(lang) / "activities.ics").read_bytes())


def test_calendar_uids_are_distinct_per_language_and_stable(built_site):
    """RFC 5545: a UID names one event of one calendar; each language's calendar is its own, so UIDs differ.

    Stable: each UID names its activity (ids are permanent), never a position or a clock.
    """
    uids = {}
    for lang in LANGUAGES:
        events = calendar(built_site, lang).walk("VEVENT")
        uids[lang] = [str(event["UID"]) for event in events]
        assert len(set(uids[lang])) == len(uids[lang]), f"{lang}: a UID is repeated"
        for event in events:
            activity = urlsplit(str(event["URL"])).path.rstrip("/").rsplit("/", 1)[-1]
            assert activity in str(event["UID"]), f"{lang}: UID {event['UID']} does not name activity {activity}"
    shared = set.intersection(*(set(found) for found in uids.values()))
    assert not shared, f"{len(shared)} UID(s) in both languages' calendars, e.g. {sorted(shared)[0]}"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_calendar_has_what_rfc_5545_requires(built_site, lang):
    ics = calendar(built_site, lang)
    assert str(ics.get("VERSION")) == "2.0" and ics.get("PRODID"), "VCALENDAR needs VERSION:2.0 and PRODID"
    for event in ics.walk("VEVENT"):
        assert event.get("UID") and event.get("DTSTAMP") and event.get("DTSTART"), \
            f"VEVENT {event.get('SUMMARY')} needs UID, DTSTAMP and DTSTART"
