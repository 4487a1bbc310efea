"""schema.org descriptions of the records, as JSON-LD for search engines and other sites.

Decisions are `Legislation`, activities `Event`, partners `GovernmentOrganization`
or `Organization`, plans `CreativeWork` (schema.org has no type for a
government programme). Only what the data states goes in: no field is guessed.
"""

from __future__ import annotations

from macros.common.interface import labels, language_root
from macros.common.locale import PartialDate, country_name
from macros.model.records import Activity, Decision, Partner, Plan, Record


CONTEXT = "https://schema.org"
LEGAL_FORCE = {"in-force": "InForce", "partially-in-force": "PartiallyInForce", "not-in-force": "NotInForce"}


def describe(record: Record, lang: str, site_url: str) -> dict:
    """The JSON-LD object of `record` on its page in `lang`."""
    builder = {Decision: _decision, Activity: _activity, Partner: _partner, Plan: _plan}[type(record)]
    data = {"@context": CONTEXT, **builder(record, lang, site_url), "url": _url(record, lang, site_url)}
    if not isinstance(record, Partner):  # schema.org gives a work or an event a language, not an organisation
        data["inLanguage"] = lang
    return {key: value for key, value in data.items() if value is not None}


def _url(record: Record, lang: str, site_url: str) -> str:
    return site_url + language_root(lang) + record.path


def _ministry(lang: str) -> dict:
    return {"@type": "GovernmentOrganization", "name": labels()["publisher"][lang], "address": {
        "@type": "PostalAddress", "addressCountry": "VN"}}


def _date(date: PartialDate | None) -> str | None:
    """A schema.org Date is a whole day: a date the source gives only to the month or year is left out."""
    return date.iso() if date and date.precision == "day" else None


def _decision(decision: Decision, lang: str, site_url: str) -> dict:
    data = {
        "@type": "Legislation",
        "name": decision.title.get(lang),
        "legislationIdentifier": decision.number,
        "legislationType": labels()["decision_type"][decision.type][lang],
        "legislationDate": _date(decision.date_signed),
        "legislationPassedBy": {"@type": "Person", "name": decision.signer.name,
                                "jobTitle": decision.signer.role.get(lang)},
        "legislationResponsible": _ministry(lang),
        "legislationJurisdiction": "VN",
        "abstract": decision.summary.get(lang),
    }
    if decision.legal_force:
        data["legislationLegalForce"] = LEGAL_FORCE[decision.legal_force]
    if decision.plan:
        data["about"] = {"@type": "CreativeWork", "name": decision.plan.title.get(lang),
                         "url": _url(decision.plan, lang, site_url)}
    return data


def _activity(activity: Activity, lang: str, site_url: str) -> dict:
    in_vietnam = any(place.country == "VN" for place in activity.places)
    hosts = [_ministry(lang)] if in_vietnam else [_organisation(p, lang, site_url) for p in activity.partners]
    data = {
        "@type": "Event",
        "name": activity.title.get(lang),
        "description": activity.summary.get(lang),
        "startDate": _date(activity.start),
        "endDate": _date(activity.end or activity.start),
        "eventAttendanceMode": "https://schema.org/OfflineEventAttendanceMode",
        "location": [{"@type": "Place", "name": ", ".join(filter(None, [
            place.city.get(lang) if place.city else "", country_name(place.country, lang)])),
            "address": {"@type": "PostalAddress", "addressCountry": place.country,
                        **({"addressLocality": place.city.get(lang)} if place.city else {})}}
            for place in activity.places],
        "organizer": hosts,
        "attendee": [_ministry(lang)] + [_organisation(p, lang, site_url) for p in activity.partners],
    }
    return data


def _organisation(partner: Partner, lang: str, site_url: str) -> dict:
    data = {"@type": "GovernmentOrganization" if partner.kind == "government" else "Organization",
            "name": partner.name.get(lang), "url": _url(partner, lang, site_url)}
    if partner.abbreviation:
        data["alternateName"] = partner.abbreviation
    return data


def _partner(partner: Partner, lang: str, site_url: str) -> dict:
    data = _organisation(partner, lang, site_url)
    if partner.description:
        data["description"] = partner.description.get(lang)
    if partner.country:
        data["address"] = {"@type": "PostalAddress", "addressCountry": partner.country}
    if partner.parent:
        data["parentOrganization"] = _organisation(partner.parent, lang, site_url)
    if partner.children:
        data["subOrganization"] = [_organisation(child, lang, site_url) for child in partner.children]
    if partner.website:
        data["sameAs"] = [partner.website]
    return data


def _plan(plan: Plan, lang: str, site_url: str) -> dict:
    start, end = plan.period
    data = {
        "@type": "CreativeWork",
        "name": plan.title.get(lang),
        "abstract": plan.summary.get(lang),
        "temporalCoverage": f"{start.iso()}/{(end or start).iso()}",
        "publisher": _ministry(lang),
        "genre": labels()["plan_kind"][plan.kind][lang],
    }
    if plan.implements:
        data["isBasedOn"] = {"@type": "CreativeWork", "name": plan.implements.title.get(lang),
                             "url": _url(plan.implements, lang, site_url)}
    return data
