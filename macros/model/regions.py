"""World regions of the partners' countries, after the UN M49 standard's sub-regions.

The directory groups partners by region and the charts count activities by
region; the classification is the United Nations Statistics Division's M49
("Standard country or area codes for statistical use"), sub-region level, with
the two Americas sub-regions merged as M49 does in its "Latin America and the
Caribbean" grouping. A partner without a country (an international
organisation or mechanism) belongs to the `international` group.
"""

from __future__ import annotations


INTERNATIONAL = "international"

_MEMBERS = {
    "south-eastern-asia": "BN KH ID LA MY MM PH SG TH TL VN",
    "eastern-asia": "CN HK JP KP KR MN MO TW",
    "southern-asia": "AF BD BT IN IR LK MV NP PK",
    "central-asia": "KG KZ TJ TM UZ",
    "western-asia": "AE AM AZ BH CY GE IL IQ JO KW LB OM PS QA SA SY TR YE",
    "northern-africa": "DZ EG EH LY MA SD TN",
    "sub-saharan-africa": "AO BF BI BJ BW CD CF CG CI CM CV DJ ER ET GA GH GM GN GQ GW KE KM LR LS MG ML MR MU MW MZ "
                          "NA NE NG RE RW SC SH SL SN SO SS ST SZ TD TG TZ UG YT ZA ZM ZW",
    "northern-europe": "AX DK EE FI FO GB GG IE IM IS JE LT LV NO SE SJ",
    "western-europe": "AT BE CH DE FR LI LU MC NL",
    "southern-europe": "AD AL BA ES GI GR HR IT ME MK MT PT RS SI SM VA XK",
    "eastern-europe": "BG BY CZ HU MD PL RO RU SK UA",
    "northern-america": "BM CA GL PM US",
    "latin-america-caribbean": "AG AI AR AW BB BL BO BQ BR BS BZ CL CO CR CU CW DM DO EC FK GD GF GP GT GY HN HT JM KN "
                               "KY LC MF MQ MS MX NI PA PE PR PY SR SV SX TC TT UY VC VE VG VI",
    "oceania": "AS AU CK FJ FM GU KI MH MP NC NF NR NU NZ PF PG PN PW SB TK TO TV VU WF WS",
}

REGIONS = tuple(_MEMBERS) + (INTERNATIONAL,)  # the order the directory shows them in
_REGION_OF = {code: region for region, codes in _MEMBERS.items() for code in codes.split()}


def region_of(country: str | None) -> str:
    """The M49 sub-region of an ISO 3166-1 alpha-2 code; `international` for none."""
    if country is None:
        return INTERNATIONAL
    return _REGION_OF.get(country, INTERNATIONAL)
