"""The annual report of one year as data for Typst: every statement written out in the reader's language.

`content(report, lang, site_url, path)` gives a JSON-ready dictionary, which
`macros/files/typeset.py` hands to the templates of templates/report/ as JSON.
What comes from a record is only ever a value of it, printed as text: a title
`#read("/etc/passwd")` or `*bold*` prints those characters, because Typst never
reads it as source.

The sentences the site's pages also say (a plan's progress, an item's status,
an agreement's state, the key figures' definitions) come from the same macros
of templates/components.j2, as plain text, so the report and the pages never
word a fact differently.

Text is a string or a list of runs, each a string or an object the templates
know: `{"b": …}` a label in bold, `{"refs": [1, 2]}` numbers of the sources
appendix, `{"link": url, "text": …}` an address on the site or a source's,
`{"text": …, "lang": …}` a text shown in the other language while its
translation is pending, `{"text": …, "tone": …}` a status drawn in its colour,
`{"cite": …, "lang": …}` a source's headline, `{"anywhere": …}` a word longer
than a line may be (`breakable`).
"""

from __future__ import annotations

import re
from functools import cached_property

from markupsafe import Markup

from macros.common.interface import language_root
from macros.common.locale import LANGUAGES, Text, country_name, format_range
from macros.files.report import YearReport, status_sources
from macros.model.charts import Bar
from macros.model.records import Activity, Agreement, Further, Partner, Person, Plan, PlanElement, Record, Source
from macros.rendering.templates import PageContext, environment


Runs = list  # of str and dict: see the module's docstring
LONG_WORD = re.compile(r"(\S{30,})")  # longer than any word of either language: an address, a name run together


def content(report: YearReport, lang: str, site_url: str, path: str) -> dict:
    """Everything `report` prints in `lang`, in the order it prints it; `path` is its address on the site."""
    return _Writer(report, PageContext(lang, path), site_url).document()


def breakable(text: str) -> str | Runs:
    """`text`, or its runs with each word of LONG_WORD's length marked `{"anywhere": word}`, which the templates let
    break between any two letters, as the site's `overflow-wrap: anywhere` does; other words break at spaces.

    Every text from a record passes here (tests/test_report.py puts a 330-letter word in each): found here rather
    than by a Typst show rule over all the text, which costs Typst about 15 % of its time.
    """
    if not LONG_WORD.search(text):
        return text
    return [{"anywhere": part} if index % 2 else part for index, part in enumerate(LONG_WORD.split(text)) if part]


class _Writer:
    """The report's statements in one language, written with the site's interface words (templates/words.yml)."""

    def __init__(self, report: YearReport, page: PageContext, site_url: str):
        self.report, self.page, self.t = report, page, page.t
        self.home = f"{site_url}{language_root(page.lang)}"

    @cached_property
    def _components(self):
        """templates/components.j2 for this language: the sentences the report shares with the pages."""
        template = environment().get_template("components.j2")
        return template.make_module({"page": self.page, "t": self.t, "say": self.page.say, "languages": LANGUAGES})

    def shared(self, macro: str, *values) -> str:
        """A sentence of components.j2 as plain text: its markup (`<time>`, `<span>`) removed, its entities read."""
        return Markup(getattr(self._components, macro)(*values)).striptags()

    def document(self) -> dict:
        report, t = self.report, self.t
        title = t("report_title").format(year=report.year)
        chapters = [self.programme()] + ([self.plan()] if report.plans else []) + [
            self.activities(), self.agreements(), self.figures(), self.sources()]
        as_of = report.as_of.first_day()
        return {
            "lang": self.page.lang,
            "title": title,
            "header": f"{title} · {t('site_short')}",
            "page_word": t("report_page"),
            "metadata": {
                "title": f"{title} — {t('site_short')}", "author": t("publisher"),
                "subject": t("report_subject").format(year=report.year, date=self.page.date(report.as_of)),
                "keywords": [word.strip() for word in t("report_keywords").split(",")],
                "date": [as_of.year, as_of.month, as_of.day],
            },
            "cover": {
                "ministry": t("publisher"),
                "programme": self.say(report.programme.title) if report.programme else None,
                "title": title, "lead": t("report_cover_lead"),
                "date": t("report_as_of").format(date=self.page.date(report.as_of)),
                "online": [{"b": t("report_online") + ":"}, " ", self.link(self.home, self.home)],
                "note": t("report_cover_note"),
            },
            "contents": t("report_contents"),
            "chapters": chapters,
        }

    # Runs

    def say(self, text: Text) -> str | dict:
        """A record's text in this language, or in the other one, marked as such, while its translation is pending."""
        if text.pending(self.page.lang):
            return {"text": breakable(text.get(self.page.lang)), "lang": text.lang_of(self.page.lang)}
        return breakable(text.get(self.page.lang))

    def refs(self, sources: list[Source]) -> dict:
        return {"refs": self.report.refs(sources)}

    def link(self, url: str, text: str | dict) -> dict:
        return {"link": url, "text": breakable(text) if isinstance(text, str) else text}

    def online(self, path: str) -> str:
        return self.home + path

    def fact(self, label: str, runs: Runs) -> dict:
        return {"kind": "fact", "runs": [{"b": label + ":"}, " ", *runs]}

    def block(self, kind: str, runs: Runs) -> dict:
        """A paragraph: `para`, `notice` (a note beside the facts), `silent` (what the data does not hold), `online`."""
        return {"kind": kind, "runs": runs}

    def online_block(self, url: str) -> dict:
        return self.block("online", [self.t("report_online") + ": ", self.link(url, url)])

    def joined(self, parts: list[Runs], separator: str = "; ") -> Runs:
        runs: Runs = []
        for number, part in enumerate(parts):
            runs += ([separator] if number else []) + part
        return runs

    def person(self, someone: Person) -> Runs:
        return [breakable(someone.name), ", ", self.say(someone.role)]

    def names(self, partners: list[Partner]) -> Runs:
        return self.joined([[self.say(partner.name)] for partner in partners], ", ")

    def places(self, activity: Activity) -> Runs:
        return self.joined([([self.say(place.city), ", "] if place.city else [])
                            + [country_name(place.country, self.page.lang)] for place in activity.places])

    def range(self, start, end) -> str:
        return format_range(start, end, self.page.lang)

    def activity_ref(self, activity: Activity) -> Runs:
        """An activity named with its dates, linked to its page on the site, not to its section of the report:
        links to places inside the PDF took half of Typst's time at 1,000 activities (docs/benchmarks.md)."""
        return [self.link(self.online(activity.path), self.say(activity.title)),
                f" ({self.range(activity.start, activity.end)})"]

    def element_name(self, element: PlanElement) -> Runs:
        plan = element.plan
        number = (f"{element.group.number}." if element.group else "") + str(element.number)
        return [self.say(plan.short_title or plan.title), f" — {self.t('plan_section', element.section)} {number}"]

    def further_facts(self, record: Record) -> list[dict]:
        """A fact for each further field the record fills (macros/model/values.py): what a schema adds is printed."""
        return [self.fact(self.page.plain(field.label), self.further_value(field))
                for field in record.further.values() if field.value is not None]

    def further_value(self, field: Further) -> Runs:
        parts = field.parts(self.page.lang)
        return self.joined([[self.say(part) if isinstance(part, Text) else breakable(part)] for part in parts], ", ")

    def decision_facts(self, plan: Plan) -> list[dict]:
        t = self.t
        return [self.fact(t("approved_by" if decision.action == "approves" else "issued_by"), [
            breakable(f"{t('decision_type', decision.type)} {decision.number}, {self.page.date(decision.date_signed)}; "
                      f"{t('signer').lower()}: "), *self.person(decision.signer), " ", self.refs(decision.sources)])
            for decision in plan.decisions]

    # Chapters: each with its id, its heading and what it holds

    def chapter(self, name: str, heading: str, **parts) -> dict:
        """A chapter: `name` chooses its template (report.typ), `heading` is its title."""
        return {"id": name, "heading": heading, **parts}

    def programme(self) -> dict:
        programme, t = self.report.programme, self.t
        heading = t("report_programme")
        if not programme:
            return self.chapter("programme", heading, record=None,
                                blocks=[self.block("silent", [t("report_no_programme")])])
        blocks = [self.fact(t("period"), [self.range(*programme.period)]), *self.decision_facts(programme),
                  self.block("para", [self.say(programme.summary), " ", self.refs(programme.sources)])]
        if programme.general_objective:
            blocks.append(self.block("para", [{"b": t("general_objective") + ":"}, " ",
                                              self.say(programme.general_objective)]))
        if programme.scope:
            excluded = self.joined([[self.say(exclusion)] for exclusion in programme.exclusions])
            exclusions = [f" {t('exclusions')}: ", *excluded, "."] if programme.exclusions else []
            blocks.append(self.block("para", [{"b": t("scope") + ":"}, " ", self.say(programme.scope), *exclusions]))
        if programme.annual_plans:
            blocks.append(self.fact(t("annual_plans"), self.joined([
                [self.say(annual.short_title or annual.title),
                 f" ({self.shared('progress_sentence', annual.progress(self.report.checked))})"]
                for annual in programme.annual_plans]) + ["."]))
        if not self.report.plans:
            blocks.append(self.block("silent", [t("report_no_plan").format(year=self.report.year)]))
        blocks.append(self.online_block(self.online(programme.path)))
        return self.chapter("programme", heading, record=self.say(programme.title), blocks=blocks)

    def plan(self) -> dict:
        report, t = self.report, self.t
        plans = []
        for plan, figure in zip(report.plans, report.year_figures.plans):
            blocks = [*self.decision_facts(plan),
                      self.fact(t("progress"),
                                [f"{self.shared('progress_sentence', figure.progress)}. {t('progress_listed')}"])]
            if figure.ended:
                blocks.append(self.block("notice", [t("plan_ended").format(
                    end=self.page.date_last_day(figure.ended), reported=self.page.date(figure.status_date))]))
            blocks += [*self.further_facts(plan),
                       self.block("para", [self.say(plan.summary), " ", self.refs(plan.sources)]),
                       self.online_block(self.online(plan.path))]
            groups = [{"heading": [f"{t('task_group')} {group.number}. ", self.say(group.text)],
                       "progress": self.shared("progress_sentence", group.progress(report.checked)) + ".",
                       "items": [self.item(group.number, item) for item in group.items]}
                      for group in plan.task_groups]
            plans.append({"title": self.say(plan.title), "blocks": blocks, "groups": groups})
        return self.chapter("plan", t("report_plan").format(year=report.year), plans=plans)

    def item(self, group: int, item: PlanElement) -> dict:
        t, checked = self.t, self.report.checked
        outcome = item.outcome(checked)
        facts: Runs = [{"b": t("status") + ":"}, " ",
                       {"text": self.shared("status_badge", item, checked), "tone": outcome}, " ",
                       self.refs(status_sources(item))]
        if item.partners:
            facts += [" · ", {"b": self.page.counted("partners", len(item.partners)) + ":"}, " ",
                      *self.names(item.partners)]
        if item.countries:
            facts += [" · ", {"b": self.page.counted("countries_named", len(item.countries)) + ":"}, " ",
                      ", ".join(country_name(code, self.page.lang) for code in item.countries)]
        blocks = [self.block("para", facts),
                  self.fact(t("evidence"), self.joined([self.activity_ref(activity) for activity in item.evidence])
                            or [t("no_evidence")])]
        if item.related:
            related = self.joined([self.activity_ref(activity) for activity in item.related])
            blocks.append(self.fact(t("related"), related))
        return {"number": f"{group}.{item.number}", "text": self.say(item.text), "blocks": blocks}

    def activities(self) -> dict:
        report, t = self.report, self.t
        count = len(report.activities)
        intro = (self.block("para", [self.page.counted("report_activities_intro", count, year=report.year)]) if count
                 else self.block("silent", [t("report_no_activities").format(year=report.year)]))
        return self.chapter("activities", t("year_title").format(year=report.year), intro=intro,
                            activities=[self.activity(activity) for activity in report.activities])

    def activity(self, activity: Activity) -> dict:
        t, page = self.t, self.page
        blocks = []
        if activity.before_programme:
            approved = page.date(self.report.figures.approved)
            blocks.append(self.block("notice", [t("context_note").format(date=approved)]))
        facts: Runs = [{"b": t("dates") + ":"},
                       f" {self.range(activity.start, activity.end)} · {t('activity_kind', activity.kind)} · ",
                       {"b": t("place") + ":"}, " ", *self.places(activity), " · ",
                       {"b": page.counted("partners", len(activity.partners)) + ":"}, " ",
                       *self.names(activity.partners)]
        for label, people in ((t("led_by"), activity.leaders), (t("counterparts"), activity.counterparts)):
            if people:
                facts += [" · ", {"b": label + ":"}, " ", *self.joined([self.person(someone) for someone in people])]
        blocks.append(self.block("para", facts))
        if activity.plan_items:
            served = self.joined([self.element_name(item) for item in activity.plan_items])
            blocks.append(self.fact(t("served"), served))
        if activity.classified_under:
            blocks.append(self.fact(t("classified_under"), [
                *self.joined([self.element_name(item) for item in activity.classified_under]), ". ",
                {"text": t("classified_note"), "tone": "quiet"}]))
        blocks += self.further_facts(activity)
        blocks.append(self.fact(t("report_outcome"), [self.say(activity.summary), " ", self.refs(activity.sources)]))
        return {"title": self.say(activity.title), "url": self.online(activity.path), "blocks": blocks}

    def agreements(self) -> dict:
        report, t = self.report, self.t
        heading = t("report_agreements").format(year=report.year)
        if not (report.agreements or report.negotiations):
            return self.chapter("agreements", heading, rule=t("report_agreements_rule"), groups=[],
                                silent=t("report_no_agreements").format(year=report.year))
        groups = [{"heading": t(key), "agreements": [self.agreement(*pair) for pair in pairs], "none": t("report_none")}
                  for key, pairs in (("report_signed_or_in_force", report.agreements),
                                     ("report_in_negotiation", report.negotiations))]
        return self.chapter("agreements", heading, rule=t("report_agreements_rule"), groups=groups, silent=None)

    def agreement(self, partner: Partner, agreement: Agreement) -> dict:
        t = self.t
        blocks = [self.fact(t("partner"), [self.say(partner.name)]),
                  self.fact(t("kind"), [t("agreement_kind", agreement.kind)]),
                  self.fact(t("state"), [self.shared("agreement_status", agreement, self.report.checked), " ",
                                         self.refs(agreement.sources)])]
        if agreement.signed or agreement.concluded:
            blocks.append(self.fact(t("signed"), [self.shared("signed_on", agreement)]
                                    + ([" · ", self.say(agreement.place)] if agreement.place else [])))
        if agreement.period:
            blocks.append(self.fact(t("period"), [self.range(*agreement.period)]))
        if agreement.note:
            blocks.append(self.fact(t("source_note"), [self.say(agreement.note)]))
        url = self.online(partner.path)
        blocks.append(self.block("online", [t("report_online") + ": ", self.link(f"{url}#{agreement.anchor}", url)]))
        return {"title": self.say(agreement.title), "blocks": blocks}

    def figures(self) -> dict:
        report, t, page = self.report, self.t, self.page
        year, whole = report.year_figures, report.figures
        context = f"; {t('report_figure_context').format(count=year.before_approval)}" if year.before_approval else ""
        in_year = [
            (str(year.activities), page.counted("report_figure_activities", year.activities) + context + "."),
            (str(year.partners), f"{page.counted('report_figure_partners', year.partners)}; "
                                 f"{page.counted('report_figure_partners_detail', year.countries)}."),
            (str(year.agreements), f"{page.counted('report_figure_agreements', year.agreements)}; "
                                   f"{t('report_figure_negotiating').format(count=year.negotiating)}."),
        ]
        for plan in year.plans:
            progress = plan.progress
            parts = "".join(f"; {t('progress_part', outcome).format(count=count, date=page.date(since))}"
                            for outcome, count, since in progress.parts() if outcome != "done")
            ended = f" {t('figure_plan_ended').format(end=page.date_last_day(plan.ended))}" if plan.ended else ""
            in_year.append((t("figure_plan_number").format(done=progress.done, total=progress.total), breakable(
                page.counted("figure_plan", progress.total, plan=page.plain(plan.plan.short_title or plan.plan.title))
                + f"{parts}. {t('progress_listed')}{ended}")))
        bilateral = whole.ties["bilateral"]
        since = t("figure_activities_detail").format(date=page.date(whole.approved), before=whole.before_approval)
        programme = [
            (str(bilateral),
             f"{page.counted('figure_bilateral', bilateral)}: {self.shared('partners_detail', whole)}."),
            (str(whole.countries),
             f"{page.counted('figure_countries', whole.countries)}: {t('figure_countries_detail')}."),
            (str(whole.signed),
             f"{page.counted('figure_signed', whole.signed)}: {self.shared('signed_detail', whole)}."),
            (str(whole.since_approval), f"{page.counted('figure_activities', whole.since_approval)}: {since}."),
        ]
        charts = [
            self.chart(t("chart_per_year"), report.per_year, t("year"), str(report.year),
                       t("report_chart_year_note").format(year=report.year), lambda bar: bar.key),
            self.chart(t("report_chart_regions").format(year=report.year), report.per_region,
                       t("by_region"), "", "", lambda bar: t("region", bar.key)),
        ]
        return self.chapter("figures", t("report_figures"), groups=[
            {"heading": t("report_year_figures").format(year=report.year), "figures": in_year},
            {"heading": t("report_programme_figures").format(date=page.date(whole.as_of)), "figures": programme},
        ], charts=charts)

    def chart(self, title: str, bars: list[Bar], key_header: str, highlight: str, note: str, name) -> dict:
        """A bar chart Typst draws from the numbers, its alternative text naming every bar, and its data table."""
        labelled = [{"label": name(bar), "value": bar.value, "highlight": bar.key == highlight} for bar in bars]
        alt = f"{title}: " + "; ".join(f"{bar['label']}: {bar['value']}" for bar in labelled)
        return {"title": title, "alt": alt, "bars": labelled, "note": note,
                "table": {"caption": f"{self.t('data_table')}: {title}", "key": key_header, "value": self.t("count")}}

    def sources(self) -> dict:
        t, lang = self.t, self.page.lang
        entries = []
        for number, source in enumerate(self.report.sources, start=1):
            runs: Runs = [{"cite": breakable(source.title), "lang": source.language} if source.title
                          else {"text": t("untitled"), "tone": "quiet"}]
            runs += [". ", self.say(source.publisher), f", {self.page.date(source.date)}"]
            if source.language != lang:
                runs.append(f" ({t('in_language')} {t('source_languages', source.language)})")
            runs.append(".")
            if source.url:
                runs += [" ", self.link(source.url, source.url)]
            entries.append({"number": number, "runs": runs,
                            "note": self.say(source.note) if source.note else None})
        return self.chapter("sources", t("report_sources"), intro=t("report_sources_intro"), entries=entries)
