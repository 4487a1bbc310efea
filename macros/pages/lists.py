"""Macros that hand-written pages call: directories, timelines, registers, key figures.

mkdocs-macros calls `define_env` once per build. Pages opt in to macros with
`render_macros: true` in their front matter; every macro renders one template
from `templates/lists/` with the data, so data never becomes template source.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from itertools import groupby
from pathlib import Path

from macros.common import messages
from macros.common.collections import COLLECTIONS
from macros.common.interface import (CHANGES_DATA, RECENT_CHANGES, calendar_subscription, changes_feed_path,
                                     feed_path)
from macros.common.locale import LANGUAGES, country_name, sort_key
from macros.model import charts, dataset, figures, translation
from macros.model.records import PARTNER_KINDS, Model
from macros.model.regions import REGIONS
from macros.pages import worldmap
from macros.pages.record_pages import timeline
from macros.reading import fieldref
from macros.rendering.templates import PageContext, highlighted_yaml, render


LATEST_ACTIVITIES = 100  # the index stays short at any size; each year has its own page


def define_env(env, downloads: Callable[[dataset.Dataset], list], licence: dict) -> None:
    """Register the list macros with mkdocs-macros.

    The open-data page lists the files the build publishes: `downloads` makes them (each with its path, kind,
    collection, language and size) and `licence` is theirs; they are handed in, as the files are not the pages' own.
    """

    root = Path(env.conf["config_file_path"]).parent

    def data_of_build() -> dataset.Dataset:
        """This build's data, as the `records` plugin read and checked it (once a build, for every page)."""
        return env.conf.plugins["records"].data

    def model() -> Model:
        return data_of_build().model

    def key_figures_now() -> figures.KeyFigures:
        return figures.key_figures(model())

    def context() -> PageContext:
        page = env.page
        return PageContext(env.conf["theme"]["language"], page.url)

    def show(template: str, **values) -> str:
        return render(f"lists/{template}.html.j2", context(), **values)

    @env.macro
    def partner_directory() -> str:
        """Partners by region and country (in the reader's alphabetical order), then every agreement."""
        page = context()
        by_name = sorted(model().partners.values(), key=lambda p: sort_key(page.plain(p.name), page.lang))
        regions = []
        for region in REGIONS:
            members = [partner for partner in by_name if partner.region == region]
            countries = sorted({partner.country for partner in members},
                               key=lambda code: sort_key(country_name(code, page.lang) if code else "", page.lang))
            if members:
                regions.append((region, [(code, [p for p in members if p.country == code]) for code in countries]))
        agreements = sorted(((partner, agreement) for partner in by_name for agreement in partner.agreements),
                            key=lambda pair: (pair[1].signed or pair[1].state_as_of).sort_key(), reverse=True)
        kinds = [kind for kind in PARTNER_KINDS if any(p.kind == kind for p in by_name)]
        return show("partners", regions=regions, kinds=kinds, agreements=agreements, figures=key_figures_now())

    @env.macro
    def world_map() -> str:
        """The world outline with the partners' countries highlighted and linked, and Viet Nam as the home country."""
        page = context()
        partner_countries = sorted(model().countries(), key=lambda code: sort_key(country_name(code, page.lang), page.lang))
        return show("world_map", countries=sorted(worldmap.countries().items()), partner_countries=partner_countries,
                    home=worldmap.HOME, width=worldmap.WIDTH, height=worldmap.HEIGHT)

    @env.macro
    def activity_charts() -> str:
        """Activities per year and per partners' region, each with its data table."""
        page = context()
        years = charts.activities_per_year(model())
        regions = [replace(bar, label=page.t("region", bar.key)) for bar in charts.activities_per_region(model())]
        context_count = sum(activity.before_programme for activity in model().activities.values())
        note = page.counted("chart_context_note", context_count, date=page.date(model().programme_approved()))
        return (show("bar_chart", chart_id="chart-years", title=page.t("chart_per_year"), bars=years,
                     key_header=page.t("year"), note=note if context_count else "")
                + show("bar_chart", chart_id="chart-regions", title=page.t("chart_per_region"), bars=regions,
                       key_header=page.t("by_region"), note=note if context_count else ""))

    @env.macro
    def activity_timeline() -> str:
        """The latest activities by year, newest first, and a link to each year's page."""
        everything = model().activities_newest_first()
        shown = everything[:LATEST_ACTIVITIES]
        counts = [(year, len(list(items))) for year, items in groupby(everything, key=lambda a: a.start.year)]
        note = context().counted("latest_shown", len(shown)) if len(shown) < len(everything) else ""
        return show("activities", **timeline(shown, context(), model()), year_links=counts, note=note)

    @env.macro
    def decision_register() -> str:
        """The decisions as a table, newest first."""
        decisions = sorted(model().decisions.values(), key=lambda d: d.date_signed.sort_key(), reverse=True)
        return show("decisions", decisions=decisions)

    @env.macro
    def plan_list() -> str:
        """The programme and its annual plans, with their progress."""
        plans = sorted(model().plans.values(), key=lambda p: (p.kind != "programme", p.period[0].sort_key()))
        return show("plans", plans=plans, checked=model().checked_on())

    @env.macro
    def key_figures() -> str:
        """The home page's key figures, each with what it counts and how old it is."""
        return show("figures", figures=key_figures_now())

    @env.macro
    def open_data() -> str:
        """The downloads with their sizes, the annual reports (printed by the records plugin), the feeds, the CSV
        conventions and the field reference."""
        page = context()
        data = data_of_build()

        def describe(file) -> str:
            collection = page.t(file.collection) if file.collection else ""
            if file.kind == "dataset":
                return page.t("whole_dataset")
            if file.kind == "json":
                return page.t("collection_json").format(collection=collection)
            if file.kind == "csv":
                return page.t("collection_csv").format(collection=collection,
                                                       language=page.t("source_languages", file.lang))
            if file.kind in ("progress", "progress-schema", "changes", "changes-schema"):
                return page.t(f"{file.kind}_file")
            return page.t("schema_file").format(collection=collection) if collection else page.t("common_schema")

        feeds_by_language = [(lang, page.t("feeds_in").format(language=page.t("source_languages", lang)))
                             for lang in LANGUAGES]
        printed = sorted(env.conf.plugins["records"].reports, key=lambda report: (-report.year, report.lang != page.lang))
        return show("open_data", files=downloads(data), describe=describe, size=page.size, reports=printed,
                    version=data.version, generated=data.model.as_of(), licence=licence,
                    feeds=feeds_by_language, feed_path=feed_path, reference=fieldref.reference(page.lang))

    @env.macro
    def subscribe_links() -> str:
        """The activities' feeds and calendar in this page's language: the calendar to subscribe to, or to download."""
        lang, site_url = env.conf["theme"]["language"], env.conf["site_url"]
        return show("subscribe", feed_path=feed_path, subscription=calendar_subscription(site_url, lang))

    @env.macro
    def subscribe_help() -> str:
        """How to subscribe to the calendar in the common calendar programs, with its address."""
        return show("subscribe_help", calendar=env.conf["site_url"] + feed_path(env.conf["theme"]["language"], "ics"))

    @env.macro
    def field_reference() -> str:
        """Every field of every collection, in this page's language, from the schemas."""
        return show("field_reference", reference=fieldref.reference(context().lang), level=2)

    @env.macro
    def example_record(collection: str, record_id: str) -> str:
        """A real record's file, shown as it is, as a complete example for editors.

        The file's text is highlighted and escaped into HTML here: it never
        becomes Markdown source, so nothing in it (a fence, a tag) can turn
        into markup. The guide names a well-filled record; a copy of the site
        with other data (the benchmark's) shows its collection's first record.
        """
        records = model().collection(collection)
        if not records:
            return show("example_record", name=f"{collection}/", code=None)
        record = records[record_id if record_id in records else min(records)]
        source = (root / record.file).read_text(encoding="utf-8-sig")
        return show("example_record", name=record.file, code=highlighted_yaml(source.rstrip()))

    @env.macro
    def translation_status() -> str:
        """Per collection: texts whose English is pending, records to review again or never reviewed."""
        page = context()
        statuses = translation.report(data_of_build(), page.lang)  # the page's language, never the builder's
        return show("translation_status", statuses=statuses, collections=list(COLLECTIONS),
                    message=lambda key, **values: messages.text_in(page.lang, key, **values))

    @env.macro
    def contact_details() -> str:
        """The address readers can write to, from mkdocs.yml (`extra.contact_email`), or the fact that there is none."""
        return show("contact", email=env.conf["extra"].get("contact_email", ""))

    @env.macro
    def recent_changes() -> str:
        """The records' latest changes, newest first, each linked to its record; their feed and open data beside."""
        changes = model().changes
        return show("changes", changes=None if changes is None else changes[:RECENT_CHANGES], total=len(changes or ()),
                    feed=changes_feed_path(context().lang), data_file=CHANGES_DATA)

    @env.macro
    def latest_activities(count: int = 3) -> str:
        """The `count` most recent activities."""
        return show("latest", activities=model().activities_newest_first()[:count])
