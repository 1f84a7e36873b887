"""Participants' names to signatories: the UN's names, former names and organisations, and ISO 3166-1.

A name is mapped by what it says and nothing else (see :mod:`mou_tracker.untc`
for why nothing is guessed): :func:`party` gives the signatory a name stands
for, and :func:`_lookup` gives it or the message saying why there is none,
for the importer to report at the row.
"""

from __future__ import annotations

import difflib
import functools
import re
import types
import unicodedata
from collections.abc import Mapping
from typing import Final

import attrs

from ..exceptions import UnknownName
from ..model import SignatoryKind

STATES: Final[frozenset[str]] = frozenset(
    re.findall(
        r"[A-Z]{2}",
        """
    AD AE AF AG AL AM AO AR AT AU AZ BA BB BD BE BF BG BH BI BJ BN BO BR BS BT BW BY BZ CA CD CF CG CH CI
    CK CL CM CN CO CR CU CV CY CZ DE DJ DK DM DO DZ EC EE EG ER ES ET FI FJ FM FR GA GB GD GE GH GM GN GQ
    GR GT GW GY HN HR HT HU ID IE IL IN IQ IR IS IT JM JO JP KE KG KH KI KM KN KP KR KW KZ LA LB LC LI LK
    LR LS LT LU LV LY MA MC MD ME MG MH MK ML MM MN MR MT MU MV MW MX MY MZ NA NE NG NI NL NO NP NR NU NZ
    OM PA PE PG PH PK PL PS PT PW PY QA RO RS RU RW SA SB SC SD SE SG SI SK SL SM SN SO SR SS ST SV SY SZ
    TD TG TH TJ TL TM TN TO TR TT TV TZ UA UG US UY UZ VA VC VE VN VU WS YE ZA ZM ZW
    """,
    )
)
"""The ISO 3166-1 codes of the States a participant may be mapped to.

The 193 Members of the United Nations, the two non-member observer States
(the Holy See, VA; the State of Palestine, PS), and the Cook Islands (CK) and
Niue (NU), whose full treaty-making capacity the Secretary-General
recognises: the "all States" of the depositary's practice. Every other code
of ISO 3166-1 names a territory (Aruba, Hong Kong, Greenland…) or an entity
the Collection does not list as a State, and a participant that only such a
code would fit is reported, not mapped.
"""

UN_NAMES: Final[Mapping[str, str]] = types.MappingProxyType(
    {
        "Bolivia (Plurinational State of)": "BO",
        "Czech Republic": "CZ",
        "Democratic People's Republic of Korea": "KP",
        "Democratic Republic of the Congo": "CD",
        "Iran (Islamic Republic of)": "IR",
        "Lao People's Democratic Republic": "LA",
        "Micronesia (Federated States of)": "FM",
        "Nauru": "NR",
        "Netherlands (Kingdom of the)": "NL",
        "Republic of Korea": "KR",
        "Republic of Moldova": "MD",
        "St. Kitts and Nevis": "KN",
        "St. Lucia": "LC",
        "St. Vincent and the Grenadines": "VC",
        "State of Palestine": "PS",
        "United Republic of Tanzania": "TZ",
        "Venezuela (Bolivarian Republic of)": "VE",
        "Viet Nam": "VN",
    }
)
"""The UN's names of States that differ from ISO 3166-1's, with the State's code.

ISO 3166-1 writes "Korea, Republic of" where the UN writes "Republic of
Korea", and "Bolivia, Plurinational State of" for "Bolivia (Plurinational
State of)"; the scraped tables abbreviate "Saint" as "St.". "Czech Republic"
is the State's formal name, which the tables give where ISO 3166-1 has its
short name, Czechia. "Nauru" is here because the :mod:`iso3166` package's
3.0 release names it "Naoero"; "Lao People's Democratic Republic" and "Viet
Nam", which ISO 3166-1 spells alike, so that they never depend on a release
of the package. Every other State is found by its ISO 3166-1 name.
"""

FORMER_NAMES: Final[Mapping[str, tuple[str, str]]] = types.MappingProxyType(
    {
        "Bolivia": ("BO", "Bolivia (Plurinational State of)"),
        "Burma": ("MM", "Myanmar"),
        "Cape Verde": ("CV", "Cabo Verde"),
        "Libyan Arab Jamahiriya": ("LY", "Libya"),
        "Swaziland": ("SZ", "Eswatini"),
        "The former Yugoslav Republic of Macedonia": ("MK", "North Macedonia"),
        "Turkey": ("TR", "Türkiye"),
        "Venezuela": ("VE", "Venezuela (Bolivarian Republic of)"),
        "Zaire": ("CD", "Democratic Republic of the Congo"),
    }
)
"""Former names of States, which older tables still give: the State's code and its name now.

A participant so named is mapped to the State's signatory, named as it is
now, with the former name kept as an alias and a note saying which tables
give it; the name now is mapped to the State too, whatever the release of
the :mod:`iso3166` package calls it. No renaming is recorded as a dated
change: the tables give no date and no source for it, and a curator who has
both can add one. A name of a
State that no longer exists (Czechoslovakia, Yugoslavia, the German
Democratic Republic) is not a former name of any State here, and is reported.
"""

ORGANISATIONS: Final[Mapping[str, str]] = types.MappingProxyType({"European Union": "eu"})
"""International organisations that take part in treaties, with the signatory id each is given.

They are signatories of kind ``international_organisation`` without a
country. Any other organisation is reported, for a curator to add.
"""

_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'"})


def _key(name: str) -> str:
    """A name as it is compared: composed, its white space single, its apostrophes straight, its case folded."""
    return " ".join(unicodedata.normalize("NFC", name).translate(_APOSTROPHES).split()).casefold()


@attrs.frozen
class Party:
    """What a participant's name maps to: the signatory's id, name, kind and country.

    ``former`` is the name given, when it is a former name of the State
    (``name`` is then its name now).
    """

    id: str
    name: str
    kind: SignatoryKind
    country: str | None = None
    former: str | None = None


@functools.cache
def _iso_names() -> Mapping[str, str]:
    import iso3166

    found: dict[str, str] = {}
    for country in iso3166.countries:
        for name in (country.name, country.apolitical_name):
            found.setdefault(_key(name), country.alpha2)
    return found


@functools.cache
def _known() -> Mapping[str, Party | str]:
    """Every name the tables of this module give, by its key."""
    found: dict[str, Party | str] = {}
    for name, ident in ORGANISATIONS.items():
        found[_key(name)] = Party(ident, name, SignatoryKind.INTERNATIONAL_ORGANISATION)
    for name, (code, now) in FORMER_NAMES.items():
        found[_key(name)] = Party(code.lower(), now, SignatoryKind.STATE, code, former=name)
        found.setdefault(_key(now), code)  # the name now, whatever the iso3166 package's release calls it
    for name, code in UN_NAMES.items():
        found[_key(name)] = code
    return found


def _lookup(name: str) -> Party | str:
    """The party ``name`` maps to, or why it maps to none (a message)."""
    key = _key(name)
    known = _known().get(key)
    if isinstance(known, Party):
        return known
    code = known or _iso_names().get(key)
    if code is None:
        names = sorted({*ORGANISATIONS, *FORMER_NAMES, *UN_NAMES})
        close = difflib.get_close_matches(name, names, n=1, cutoff=0.8)
        hint = f"; did you mean {close[0]!r}?" if close else ""
        return (
            f"unknown participant {name!r}: not the name of a State in ISO 3166-1, nor one of the UN's names "
            f"the importer knows; a former State or a territory is not mapped{hint}"
        )
    if code not in STATES:
        return (
            f"participant {name!r} is {code} in ISO 3166-1 but not a State in the Secretary-General's practice "
            "(a territory, or an entity the Collection does not list as a State); not mapped"
        )
    return Party(code.lower(), " ".join(name.split()), SignatoryKind.STATE, code)


def party(name: str) -> Party:
    """The signatory a participant's name stands for, by the UN's names and ISO 3166-1.

    >>> party("Viet Nam")
    Party(id='vn', name='Viet Nam', kind=<SignatoryKind.STATE: 'state'>, country='VN', former=None)
    >>> party("Swaziland").name, party("Swaziland").former
    ('Eswatini', 'Swaziland')
    >>> party("European Union").kind
    <SignatoryKind.INTERNATIONAL_ORGANISATION: 'international_organisation'>
    >>> party("Aruba")
    Traceback (most recent call last):
    ...
    mou_tracker.exceptions.UnknownName: no participant has the id or name 'Aruba'

    Raises :class:`~mou_tracker.UnknownName` for a name that maps to no
    State or organisation; :func:`convert` reports such a name with why.
    """
    found = _lookup(name)
    if isinstance(found, str):
        raise UnknownName("participant", name)
    return found


def _mapped(name: str) -> Party | None:
    """The party ``name`` maps to, or ``None``."""
    found = _lookup(name)
    return found if isinstance(found, Party) else None
