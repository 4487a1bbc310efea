"""News feeds and calendars of the activities, and the feed of the records' changes, one of each per language.

RSS 2.0 and Atom come from feedgen, the calendar from icalendar: kept libraries
that get the formats' details right. Every date in them comes from the data
(the newest date of the data stands for "last built" and for the calendar's
DTSTAMP), so two builds of the same data give the same files.
"""

from __future__ import annotations

import datetime
from urllib.parse import urlsplit

import icalendar
from feedgen.feed import FeedGenerator

from macros.common.interface import (CHANGES_PAGE, FEEDS, RECENT_CHANGES, changes_feed_path, feed_path, labels,
                                     language_root, words)
from macros.common.locale import PartialDate, country_name, format_range
from macros.model.records import Activity, Model


REFRESH = datetime.timedelta(days=1)  # the data changes a few times a month; a day keeps subscribers current


def _moment(date: PartialDate) -> datetime.datetime:
    """The first moment of a (partial) date, in UTC: feeds need a time, the data gives days."""
    return datetime.datetime.combine(date.first_day(), datetime.time(), tzinfo=datetime.timezone.utc)


def feeds(model: Model, lang: str, site_url: str, site_name: str) -> dict[str, bytes]:
    """The RSS 2.0 and Atom feeds of the activities in `lang`, newest first, keyed by file path."""
    said = words(lang)
    root = site_url + language_root(lang)
    generator = FeedGenerator()
    generator.id(root + "activities/")
    generator.title(f"{site_name} — {said['activities']}")
    generator.author(name=said["publisher"], uri=root)  # RFC 4287 §4.1.1: a feed or each entry names its author
    generator.description(said["feed_description"])
    generator.language(lang)
    generator.updated(_moment(model.as_of()))
    generator.lastBuildDate(_moment(model.as_of()))
    for activity in reversed(model.activities_newest_first()):  # feedgen puts the last added first
        _entry(generator.add_entry(), activity, lang, root)
    written = {}
    for kind in FEEDS:  # each feed's self link is its own address; RSS's <link> is the page (feedgen takes the last)
        generator.link(href=site_url + feed_path(lang, kind), rel="self", replace=True)
        generator.link(href=root + "activities/", rel="alternate")
        written[feed_path(lang, kind)] = generator.rss_str(pretty=True) if kind == "rss" else generator.atom_str(pretty=True)
    return written


def _entry(entry, activity: Activity, lang: str, root: str) -> None:
    url = root + activity.path
    entry.id(url)
    entry.guid(url, permalink=True)
    entry.title(activity.title.get(lang))
    entry.link(href=url)
    entry.summary(activity.summary.get(lang))
    entry.published(_moment(activity.start))
    entry.updated(_moment(activity.start))
    entry.category(term=activity.kind, label=labels()["activity_kind"][activity.kind][lang])
    for partner in activity.partners:
        entry.category(term=partner.id, label=partner.name.get(lang))


def changes_feed(model: Model, lang: str, site_url: str, site_name: str) -> dict[str, bytes]:
    """The Atom feed of the records' latest changes in `lang`, newest first, keyed by its path.

    An entry's id is a tag URI made of the change's commit and the record's address then, so that it stays the
    same when the record moves; its date is the commit's. A site built without history has the feed, empty: every
    page advertises it.
    """
    said = words(lang)
    root = site_url + language_root(lang)
    host = urlsplit(site_url).hostname or "localhost"
    generator = FeedGenerator()
    generator.id(root + CHANGES_PAGE)
    generator.title(f"{site_name} — {words(lang, 'ui')['changes']}")
    generator.author(name=said["publisher"], uri=root)
    generator.language(lang)
    latest = (model.changes or [])[:RECENT_CHANGES]
    generator.updated(latest[0].moment if latest else _moment(model.as_of()))
    generator.link(href=site_url + changes_feed_path(lang), rel="self")
    generator.link(href=root + CHANGES_PAGE, rel="alternate")
    for change in reversed(latest):  # feedgen puts the last added first
        entry = generator.add_entry()
        entry.id(f"tag:{host},{change.day.iso()}:{change.commit}/{change.address}")
        title = change.record.title.get(lang) if change.record else change.address
        sentences = change.said(lang)
        entry.title(f"{title}: {sentences[0]}" if len(sentences) == 1 else title)
        entry.link(href=root + (change.record.path if change.record else CHANGES_PAGE))
        entry.summary("; ".join(sentences) or said["history_heading"])
        entry.updated(change.moment)
    return {changes_feed_path(lang): generator.atom_str(pretty=True)}


def ics(model: Model, lang: str, site_url: str, site_name: str) -> dict[str, bytes]:
    """The iCalendar (RFC 5545) file of the activities in `lang`: one all-day event each."""
    said = words(lang)
    root = site_url + language_root(lang)
    host = urlsplit(site_url).hostname or "localhost"
    cal = icalendar.Calendar()
    cal.add("prodid", f"-//{site_name}//{lang}")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", f"{site_name} — {said['activities']}")
    # how often a subscribed client fetches the calendar again: RFC 7986's property and the older one Outlook reads
    cal.add("refresh-interval", REFRESH, parameters={"VALUE": "DURATION"})
    cal.add("x-published-ttl", icalendar.vDuration(REFRESH))
    stamp = _moment(model.as_of())
    for activity in model.activities_newest_first():
        event = icalendar.Event()
        # the id is permanent, so is the UID; each language's calendar has its own, so that a client
        # subscribed to both keeps both instead of merging them
        event.add("uid", f"activity-{activity.id}-{lang}@{host}")
        event.add("dtstamp", stamp)
        first, after = _days(activity)
        event.add("dtstart", first)
        event.add("dtend", after)  # exclusive: the day after the last one
        summary = activity.title.get(lang)
        if activity.start.precision != "day":  # a month-long bar would read as a month-long event: say so
            summary += " " + said["calendar_undated"].format(dates=format_range(activity.start, activity.end, lang))
        event.add("summary", summary)
        places = "; ".join(", ".join(filter(None, [place.city.get(lang) if place.city else "",
                                                    country_name(place.country, lang)]))
                           for place in activity.places)
        event.add("location", places)
        description = activity.summary.get(lang)
        if activity.start.precision != "day":
            description += "\n\n" + said["calendar_precision"].format(dates=format_range(activity.start, activity.end, lang))
        event.add("description", description)
        event.add("url", root + activity.path)
        cal.add_component(event)
    return {feed_path(lang, "ics"): cal.to_ical()}


def _days(activity: Activity) -> tuple[datetime.date, datetime.date]:
    """First day and the day after the last, widening a month or a year to all its days."""
    return activity.start.first_day(), (activity.end or activity.start).last_day() + datetime.timedelta(days=1)
