"""In a real browser, at 375 and 1280 CSS px in both languages: the activities page offers the calendar as a
subscription, a `webcal://` link for the host the site is served from, which a phone's width does not push off the
screen, and the address behind it serves the calendar a calendar program subscribes to (issue 27)."""

from __future__ import annotations

from contextlib import closing
from urllib.parse import urlsplit

import icalendar
import pytest
from playwright.sync_api import expect
from test_browser_reader import DESKTOP, PHONE

from macros.common.interface import language_root
from macros.common.locale import LANGUAGES

pytestmark = pytest.mark.slow  # builds, servers or tools of its own (pyproject.toml's markers)

VIEWPORTS = {"375": PHONE, "1280": DESKTOP}


@pytest.mark.parametrize("viewport", VIEWPORTS)
@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_calendar_is_offered_as_a_subscription_to_the_sites_own_host(browser, served_site, lang, viewport):
    with closing(browser.new_context(viewport=VIEWPORTS[viewport])) as context:
        page = context.new_page()
        page.goto(served_site + language_root(lang) + "activities/")
        subscription = page.locator('p.subscribe a[href^="webcal:"]')
        expect(subscription).to_have_count(1)
        subscription.scroll_into_view_if_needed()
        expect(subscription).to_be_in_viewport()
        box = subscription.bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= VIEWPORTS[viewport]["width"], box

        served = urlsplit(served_site)
        address = subscription.get_attribute("href")
        assert address == f"webcal://{served.netloc}/{language_root(lang)}activities.ics"
        response = page.request.get(f"{served.scheme}://{address.removeprefix('webcal://')}")
        assert response.ok and response.headers["content-type"].startswith("text/calendar")
        calendar = icalendar.Calendar.from_ical(response.body())
        assert calendar["X-WR-CALNAME"] and calendar["REFRESH-INTERVAL"]
        expect(page.locator('p.subscribe a[type="text/calendar"]')).to_be_visible()  # the one-off download beside
