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
    "XK": "Kosovo",  # not in ISO 3166 (a user-assigned code), but on the DAC list; CLDR names it
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
    "palestinian": "PS", "palestinien": "PS", "palestinienne": "PS", "palestinian territories": "PS", "occupied palestinian territory": "PS",
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
    # feminine French, Dutch and other forms applicants write
    "congolaise": "CD", "congolais": "CD", "kongolees": "CD", "kongolese": "CD",
    "belgische": "BE", "belgier": "BE", "belgierin": "BE", "belga": "BE", "beninees": "BJ", "burkina": "BF", "burkinabee": "BF",
    "burundese": "BI", "guineese": "GN", "malinees": "ML", "malinese": "ML", "marokkaans": "MA",
    "marokkaanse": "MA", "mozambicaine": "MZ", "mozambikaans": "MZ", "mozambikaanse": "MZ",
    "nigerees": "NE", "nigerese": "NE", "oegandees": "UG", "oegandese": "UG", "palestijns": "PS",
    "palestijnse": "PS", "rwandese": "RW", "rwandees": "RW", "senegalees": "SN",
    "tanzaniaans": "TZ", "tanzaniaanse": "TZ", "nederlandse": "NL", "neerlandaise": "NL", "brits": "GB",
    "britse": "GB", "britannique": "GB", "americain": "US", "americaine": "US", "duits": "DE", "duitse": "DE",
    "frans": "FR", "franse": "FR", "italien": "IT", "italienne": "IT", "espagnol": "ES", "espagnole": "ES",
    "suisse": "CH", "luxembourgeoise": "LU", "camerounais": "CM", "camerounaise": "CM", "ivoirien": "CI",
    "ivoirienne": "CI", "congolais de la rdc": "CD", "rd du congo": "CD",
    "tunisien": "TN", "tunisienne": "TN", "algerien": "DZ", "algerienne": "DZ", "haitien": "HT",
    "haitienne": "HT", "togolais": "TG", "togolaise": "TG", "tchadien": "TD", "tchadienne": "TD", "kenyane": "KE", "ghaneen": "GH", "ghaneenne": "GH", "ethiopien": "ET", "ethiopienne": "ET",
}

# Spellings that name more than one country; a screening rule must ask a person instead of choosing.
_AMBIGUOUS = {
    "congo": ("Democratic Republic of the Congo", "Republic of the Congo"),
    "congolese": ("Democratic Republic of the Congo", "Republic of the Congo"),
    "congolais": ("Democratic Republic of the Congo", "Republic of the Congo"),
    "congolaise": ("Democratic Republic of the Congo", "Republic of the Congo"),
    "korea": ("South Korea", "North Korea"),
    "korean": ("South Korea", "North Korea"),
}

# Words around a country name that do not change which country it is ("Belgian national", "citizen of Mali").
_FILLER = {"the", "citizen", "citizenship", "national", "nationality", "nationalite", "of", "citizens",
           "nationals", "present", "current", "actuelle", "nationaliteit"}

_LOCALES = ("en", "fr", "nl", "de", "es", "pt", "it")


def _norm(text: str, *, keep_brackets: bool = False) -> str:
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().casefold()
    text = re.sub(r"\((.*?)\)", r" \1 " if keep_brackets else " ", text)
    text = text.replace("'", " ").replace("\u2019", " ")
    text = re.sub(r"[^a-z]+", " ", text)
    # "R.D. Congo" -> "rd congo", "U.S.A." -> "usa": glue runs of single letters into one word
    text = re.sub(r"\b(?:[a-z] )+[a-z]\b", lambda m: m.group().replace(" ", ""), " ".join(text.split()))
    return text


def _keys(text: str) -> list[str]:
    """Lookup keys for a spelling, most specific first."""
    keys = [_norm(text, keep_brackets=True), _norm(text)]
    for key in list(keys):
        words = [w for w in key.split() if w not in _FILLER]
        keys.append(" ".join(words))
    return [k for i, k in enumerate(keys) if k and k not in keys[:i]]


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
                    index.setdefault(_strip_the(_norm(f"{tail} {head}")), code)
        index.setdefault(country.alpha_3.casefold(), code)
    for loc in _LOCALES:
        for code, value in Locale.parse(loc).territories.items():
            if len(code) == 2 and code.isalpha():
                index.setdefault(_norm(value), code)
    for code, name in _CANONICAL_OVERRIDES.items():
        index.setdefault(_norm(name), code)
        index.setdefault(_strip_the(_norm(name)), code)
    for alias, code in _ALIASES.items():
        index[_norm(alias)] = code
    index.pop("", None)
    return index


def _strip_the(key: str) -> str:
    return " ".join(w for w in key.split() if w != "the")


@lru_cache(maxsize=4096)
def country_code(text: str) -> str | None:
    """ISO 3166 alpha-2 code of a country written in any common way, or None."""
    index = _index()
    for key in _keys((text or "")[:200]):  # a country is a few words: a longer value is cut before parsing
        for candidate in (key, _strip_the(key)):
            if candidate in index:
                return index[candidate]
        for prefix in ("republic of ", "republique du ", "republique de ", "kingdom of ", "royaume de ",
                       "koninkrijk ", "royaume du "):
            if key.startswith(prefix) and key[len(prefix):] in index:
                return index[key[len(prefix):]]
    return None


def country_abbreviation(text: str) -> str | None:
    """ISO 3166 alpha-3 code of a country written in any common way ("COD"), for narrow columns, or None."""
    import pycountry

    code = country_code(text)
    found = pycountry.countries.get(alpha_2=code) if code else None
    return found.alpha_3 if found else None


def ambiguous_country(text: str) -> tuple[str, ...]:
    """The countries a spelling could mean when it names more than one ("Congo"), else ()."""
    keys = _keys(text or "")
    if keys and _norm(text or "", keep_brackets=True) != _norm(text or ""):
        return ()  # "Congo (Kinshasa)": the brackets settle it
    for key in keys:
        if key in _AMBIGUOUS:
            return _AMBIGUOUS[key]
    return ()


def split_countries(text: str) -> list[str]:
    """Several nationalities written in one field ("Belgian / Moroccan", "Belgique et Maroc"), each as written."""
    if country_code(text) is not None:
        return [" ".join(text.split())]
    parts = re.split(r"\s*(?:[/,;&+]|\band\b|\bet\b|\ben\b|\bund\b)\s*", text or "", flags=re.IGNORECASE)
    return [" ".join(p.split()) for p in parts if p and p.strip()]


@lru_cache(maxsize=4096)
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
