"""The activities' calendar is one to subscribe to (issue 27): a `webcal://` link for the site's host beside the
download, how to subscribe in the common calendar programs in both languages (after the list), and the calendar's own refresh hint,
read by icalendar as a calendar program reads it."""

from __future__ import annotations

import datetime
from urllib.parse import urlsplit

import icalendar
import pytest
from bs4 import BeautifulSoup

from macros.common.interface import language_root
from macros.common.locale import LANGUAGES

from conftest import SITE_URL


CLIENTS = {"vi": ("Google Calendar", "Outlook", "Lịch của Apple"), "en": ("Google Calendar", "Outlook", "Apple Calendar")}


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_activities_page_offers_a_subscription_for_the_sites_host_and_says_how(fixture_site, lang):
    root = language_root(lang)
    page = BeautifulSoup((fixture_site / root / "activities" / "index.html").read_text(encoding="utf-8"), "html.parser")
    site = urlsplit(SITE_URL)
    (subscription,) = page.select('p.subscribe a[href^="webcal:"]')
    assert subscription["href"] == f"webcal://{site.netloc}{site.path}{root}activities.ics"
    download = page.select_one('p.subscribe a[type="text/calendar"]')
    assert (fixture_site / root / "activities" / download["href"]).resolve() == fixture_site / root / "activities.ics"
    help_text = page.select_one("h2#subscribe-help + p.subscribe-help")  # after the list, in the table of contents
    assert all(client in help_text.get_text(" ", strip=True) for client in CLIENTS[lang])
    assert help_text.code.get_text() == f"{SITE_URL}{root}activities.ics"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_calendar_asks_to_be_fetched_again_every_day(fixture_site, lang):
    calendar = icalendar.Calendar.from_ical((fixture_site / language_root(lang) / "activities.ics").read_bytes())
    refresh = calendar["REFRESH-INTERVAL"]
    assert (refresh.dt, refresh.params["VALUE"]) == (datetime.timedelta(days=1), "DURATION")
    assert calendar["X-PUBLISHED-TTL"].to_ical() == b"P1D"
