"""Country names in any spelling or language -> one canonical English name.

Names come from pycountry (ISO 3166) and Babel's CLDR territory names in several languages, plus demonyms
and common abbreviations applicants write ("Belgian", "DRC", "RD Congo").
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

import pycountry
from babel import Locale

# Canonical names where ISO's own is awkward for a committee ("Congo, The Democratic Republic of the").
_CANONICAL_OVERRIDES = {
    "CD": "Democratic Republic of the Congo",
    "CG": "Republic of the Congo",
    "PS": "Palestine",
    "TZ": "Tanzania",
    "KR": "South Korea",
    "KP": "North Korea",
    "RU": "Russia",
    "SY": "Syria",
    "IR": "Iran",
    "VE": "Venezuela",
    "BO": "Bolivia",
    "LA": "Laos",
    "MD": "Moldova",
    "VN": "Vietnam",
    "CI": "Côte d'Ivoire",
    "CV": "Cabo Verde",
    "SZ": "Eswatini",
    "TR": "Türkiye",
    "GB": "United Kingdom",
    "US": "United States",
    "FM": "Micronesia",
    "TW": "Taiwan",
    "BN": "Brunei",
}

# Extra spellings: demonyms, abbreviations, old names.
_ALIASES = {
    "drc": "CD", "dr congo": "CD", "rd congo": "CD", "rdc": "CD", "congo kinshasa": "CD", "zaire": "CD",
    "democratic republic of congo": "CD", "republique democratique du congo": "CD", "congolese": "CD",
    "congo brazzaville": "CG", "republic of congo": "CG",
    "belgian": "BE", "belge": "BE", "belgisch": "BE", "belg": "BE",
    "beninese": "BJ", "beninois": "BJ", "beninoise": "BJ",
    "burkinabe": "BF", "burkinabe faso": "BF", "burundian": "BI", "burundais": "BI", "burundaise": "BI",
    "guinean": "GN", "guineen": "GN", "guineenne": "GN", "malian": "ML", "malien": "ML", "malienne": "ML",
    "moroccan": "MA", "marocain": "MA", "marocaine": "MA", "mozambican": "MZ", "mozambicain": "MZ",
    "nigerien": "NE", "nigerienne": "NE", "ugandan": "UG", "ougandais": "UG", "ougandaise": "UG",
    "palestinian": "PS", "palestinien": "PS", "palestinienne": "PS", "palestinian territories": "PS",
    "state of palestine": "PS", "palestine": "PS", "rwandan": "RW", "rwandais": "RW", "rwandaise": "RW",
    "senegalese": "SN", "senegalais": "SN", "senegalaise": "SN", "tanzanian": "TZ", "tanzanien": "TZ",
    "tanzanienne": "TZ", "french": "FR", "francais": "FR", "francaise": "FR", "dutch": "NL",
    "netherlands": "NL", "the netherlands": "NL", "holland": "NL", "nederlands": "NL", "neerlandais": "NL",
    "german": "DE", "allemand": "DE", "allemande": "DE", "canadian": "CA", "canadien": "CA", "canadienne": "CA",
    "british": "GB", "uk": "GB", "great britain": "GB", "england": "GB", "american": "US", "usa": "US",
    "us": "US", "united states of america": "US", "italian": "IT", "spanish": "ES", "portuguese": "PT",
    "swiss": "CH", "luxembourgish": "LU", "luxembourgeois": "LU", "cameroonian": "CM", "ivorian": "CI",
    "ivory coast": "CI", "cote d ivoire": "CI", "kenyan": "KE", "nigerian": "NG", "ghanaian": "GH",
    "ethiopian": "ET", "indian": "IN", "chinese": "CN", "turkish": "TR", "turkey": "TR", "tunisian": "TN",
    "algerian": "DZ", "egyptian": "EG", "haitian": "HT", "malagasy": "MG", "togolese": "TG", "chadian": "TD",
    "mauritanian": "MR", "gambian": "GM", "sierra leonean": "SL", "liberian": "LR", "zambian": "ZM",
    "zimbabwean": "ZW", "south african": "ZA", "vietnamese": "VN", "filipino": "PH", "brazilian": "BR",
    "mexican": "MX", "colombian": "CO", "peruvian": "PE", "bolivian": "BO", "irish": "IE", "polish": "PL",
    "austrian": "AT", "danish": "DK", "swedish": "SE", "norwegian": "NO", "finnish": "FI", "greek": "GR",
}

_LOCALES = ("en", "fr", "nl", "de", "es", "pt", "it")


def _norm(text: str) -> str:
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().casefold()
    text = re.sub(r"\(.*?\)", " ", text)
    text = re.sub(r"[^a-z]+", " ", text)
    return " ".join(text.split())


@lru_cache(maxsize=1)
def _index() -> dict[str, str]:
    index: dict[str, str] = {}
    for country in pycountry.countries:
        code = country.alpha_2
        for attr in ("name", "common_name", "official_name"):
            value = getattr(country, attr, None)
            if value:
                index.setdefault(_norm(value), code)
                if "," in value:  # "Korea, Republic of" -> "republic of korea"
                    head, tail = value.split(",", 1)
                    index.setdefault(_norm(f"{tail} {head}"), code)
        index.setdefault(country.alpha_3.casefold(), code)
    for loc in _LOCALES:
        for code, value in Locale.parse(loc).territories.items():
            if len(code) == 2 and code.isalpha():
                index.setdefault(_norm(value), code)
    for alias, code in _ALIASES.items():
        index[_norm(alias)] = code
    index.pop("", None)
    return index


def country_code(text: str) -> str | None:
    """ISO 3166 alpha-2 code of a country written in any common way, or None."""
    key = _norm(text or "")
    if not key:
        return None
    index = _index()
    if key in index:
        return index[key]
    for prefix in ("the ", "republic of ", "republique du ", "republique de ", "kingdom of ", "royaume de "):
        if key.startswith(prefix) and key[len(prefix):] in index:
            return index[key[len(prefix):]]
    return None


def canonical_country(text: str) -> str | None:
    """The canonical English name of a country ("België" -> "Belgium"), or None when not recognised."""
    code = country_code(text)
    if code is None:
        return None
    if code in _CANONICAL_OVERRIDES:
        return _CANONICAL_OVERRIDES[code]
    country = pycountry.countries.get(alpha_2=code)
    if country is None:
        return None
    return getattr(country, "common_name", None) or country.name


def normalise_country(text: str) -> str:
    """Canonical name when recognised, else the text as written (trimmed)."""
    return canonical_country(text) or " ".join((text or "").split())
