"""The vacancy file (TOML): read with tomllib, validated with messages that name the bad key.

The ``[eligibility]`` table may name a donor rule profile (``profile = "belgium"``, see
``jpo_tui.core.profiles``) and override any of its keys; the spec then records which profile and which
overrides applied. Countries are checked against pycountry and languages against Babel: a typo is refused with
the key and the closest name.
"""

from __future__ import annotations

import tomllib
from collections.abc import Callable, Mapping
from dataclasses import asdict, dataclass, field, fields, replace
from datetime import date
from pathlib import Path
from typing import Any

from jpo_tui.core.countries import ambiguous_country, canonical_country

DEGREE_LEVELS = ("bachelor", "master", "doctorate")
AGE_REFERENCES = ("31-december", "deadline")  # age reached on 31 December of the call year, or on the deadline
AGE_LIMITS = ("or-younger", "under")  # "32 or younger" (age <= max_age) or "under 33" (age < max_age)
LANGUAGE_LEVELS = ("fluent", "working", "basic")


class VacancyFileError(ValueError):
    """The vacancy file is unreadable or invalid; the message names the file and the key."""


@dataclass(frozen=True)
class CriterionSpec:
    name: str
    weight: float
    keywords: tuple[str, ...]


@dataclass(frozen=True)
class EligibilitySpec:
    """The eligibility rules of one vacancy, after its profile and its own keys are merged."""

    max_age: int = 32
    age_reference: str = "31-december"
    age_limit: str = "or-younger"
    min_degree: str = "master"
    bachelor_extra_experience_years: float = 2
    min_experience_years: float = 2
    internship_weight: float = 0.5
    nationalities: tuple[str, ...] = ()
    dcc_nationalities: tuple[str, ...] = ()
    dcc_lists: tuple[str, ...] = ()
    dcc_reserved: bool = False
    dcc_study_in_developing_country: bool = False
    developing_country_lists: tuple[str, ...] = ("oecd-dac-oda-recipients",)
    required_languages: tuple[str, ...] = ()
    any_languages: tuple[str, ...] = ()
    desirable_languages: tuple[str, ...] = ()
    min_language_level: str = "working"
    # Filled when the file is read (never written by hand), so that any machine sharing the database screens
    # alike without the profile and list files: which profile, what the file overrode, the lists resolved.
    profile: str = ""
    profile_title: str = ""
    profile_sources: tuple[str, ...] = ()
    profile_overrides: tuple[str, ...] = ()
    dcc_countries: tuple[str, ...] = ()
    dcc_description: str = ""
    developing_countries: tuple[str, ...] = ()
    developing_description: str = ""

    @property
    def dcc(self) -> tuple[str, ...]:
        """Every DCC nationality: the named lists' countries and the hand-typed ones."""
        return tuple(dict.fromkeys(self.dcc_countries + self.dcc_nationalities))

    def rules_summary(self) -> str:
        """One line saying which profile and which overrides applied."""
        return rules_summary(asdict(self))


def rules_summary(eligibility: Mapping[str, Any]) -> str:
    """Which profile and which of the vacancy file's overrides applied, from a stored eligibility dict."""
    profile = str(eligibility.get("profile") or "")
    if not profile:
        return "Rules written in the vacancy file (no profile)"
    title = str(eligibility.get("profile_title") or "")
    head = f"Rules of profile '{profile}'" + (f" ({title})" if title else "")
    overrides = list(eligibility.get("profile_overrides") or ())
    if overrides:
        return f"{head}; the vacancy file overrides {', '.join(overrides)}"
    return f"{head}; no overrides"


def comparable_eligibility(stored: Mapping[str, Any]) -> dict[str, Any]:
    """A stored eligibility dict as today's reader would write it: keys added since filled with their defaults,
    languages by their English names (so re-importing an unchanged file changes nothing)."""
    from jpo_tui.core.languages import canonical_language

    defaults = {k: list(v) if isinstance(v, tuple) else v for k, v in asdict(EligibilitySpec()).items()}
    data = {**defaults, **dict(stored)}
    for key in ("required_languages", "any_languages", "desirable_languages"):
        data[key] = [canonical_language(v) or v for v in data.get(key) or []]
    return data


COMPUTED_KEYS = ("profile_title", "profile_sources", "profile_overrides", "dcc_countries", "dcc_description",
                 "developing_countries", "developing_description")
WRITABLE_KEYS = tuple(f.name for f in fields(EligibilitySpec) if f.name not in COMPUTED_KEYS and f.name != "profile")

@dataclass(frozen=True)
class VacancySpec:
    id: str
    title: str
    organisation: str
    duty_station: str
    grade: str
    donor: str
    call_year: int
    deadline: date
    eligibility: EligibilitySpec
    criteria: tuple[CriterionSpec, ...]
    retention_until: date | None = None
    source_toml: str = field(default="", compare=False, repr=False)

    def eligibility_dict(self) -> dict[str, Any]:
        data = asdict(self.eligibility)
        return {k: list(v) if isinstance(v, tuple) else v for k, v in data.items()}


def _require(table: dict, key: str, kind: type | tuple[type, ...], where: str, path: str) -> Any:
    if key not in table:
        raise VacancyFileError(f"{path}: missing key '{where}.{key}'")
    return _check(table[key], kind, f"{where}.{key}", path)


def _check(value: Any, kind: type | tuple[type, ...], name: str, path: str) -> Any:
    if isinstance(value, bool) and bool not in (kind if isinstance(kind, tuple) else (kind,)):
        raise VacancyFileError(f"{path}: '{name}' must be {_kind_name(kind)}, not {value!r}")
    if not isinstance(value, kind):
        raise VacancyFileError(f"{path}: '{name}' must be {_kind_name(kind)}, not {value!r}")
    return value


def _kind_name(kind: type | tuple[type, ...]) -> str:
    kinds = kind if isinstance(kind, tuple) else (kind,)
    names = {str: "text", int: "a whole number", float: "a number", list: "a list", date: "a date (YYYY-MM-DD)",
             dict: "a table", bool: "true or false"}
    return " or ".join(names.get(k, k.__name__) for k in kinds)


def _str_list(table: dict, key: str, where: str, path: str, *, required: bool = False) -> tuple[str, ...]:
    if key not in table:
        if required:
            raise VacancyFileError(f"{path}: missing key '{where}.{key}'")
        return ()
    values = _check(table[key], list, f"{where}.{key}", path)
    for i, v in enumerate(values):
        if not isinstance(v, str) or not v.strip():
            raise VacancyFileError(f"{path}: '{where}.{key}[{i}]' must be non-empty text, not {v!r}")
    return tuple(v.strip() for v in values)


def closest(text: str, choices: list[str], cutoff: float = 72) -> str | None:
    """The choice nearest to ``text`` (rapidfuzz), for "did you mean ...?" messages."""
    from rapidfuzz import fuzz, process, utils

    best = process.extractOne(text, choices, scorer=fuzz.WRatio, processor=utils.default_process,
                              score_cutoff=cutoff)
    return best[0] if best else None


def _did_you_mean(text: str, choices: list[str]) -> str:
    near = closest(text, choices)
    return f": did you mean {near!r}?" if near else ""


def country_names() -> list[str]:
    """Every canonical country name (for suggestions)."""
    import pycountry

    return sorted({canonical_country(c.alpha_2) or c.name for c in pycountry.countries})


def language_names() -> list[str]:
    """Every language name Babel knows in English (for suggestions)."""
    from babel import Locale

    return sorted({n for code, n in Locale.parse("en").languages.items() if "_" not in code})


def check_country(text: str, name: str, path: str) -> str:
    """The canonical name of a country written in a rules file, or a VacancyFileError naming the key."""
    if ambiguous_country(text):
        raise VacancyFileError(f"{path}: '{name}' {text!r} could be {' or '.join(ambiguous_country(text))}: "
                               "write which")
    found = canonical_country(text)
    if found is None:
        raise VacancyFileError(f"{path}: '{name}' {text!r} is not a country{_did_you_mean(text, country_names())}")
    return found


def check_language(text: str, name: str, path: str) -> str:
    """The English name of a language written in a rules file, or a VacancyFileError naming the key."""
    from jpo_tui.core.languages import canonical_language

    found = canonical_language(text)
    if found is None:
        raise VacancyFileError(f"{path}: '{name}' {text!r} is not a language{_did_you_mean(text, language_names())}")
    return found


def _choice(options: tuple[str, ...]) -> Callable[[Any, str, str], Any]:
    def check(value: Any, name: str, path: str) -> str:
        _check(value, str, name, path)
        if value not in options:
            raise VacancyFileError(f"{path}: '{name}' must be one of {', '.join(options)}, not {value!r}"
                                   + (_did_you_mean(value, list(options)) if value.strip() else ""))
        return value
    return check


def _number(low: float, high: float | None = None) -> Callable[[Any, str, str], Any]:
    def check(value: Any, name: str, path: str) -> float:
        _check(value, (int, float), name, path)
        if value < low:
            raise VacancyFileError(f"{path}: '{name}' must not be " + ("negative" if low == 0 else f"below {low:g}"))
        if high is not None and value > high:
            raise VacancyFileError(f"{path}: '{name}' must be between {low:g} and {high:g}")
        return float(value)
    return check


def _max_age(value: Any, name: str, path: str) -> int:
    _check(value, int, name, path)
    if not 15 <= value <= 100:
        raise VacancyFileError(f"{path}: '{name}' must be an age such as 32, not {value}")
    return value


def _flag(value: Any, name: str, path: str) -> bool:
    return _check(value, bool, name, path)


def _names(each: Callable[[str, str, str], str]) -> Callable[[Any, str, str], tuple[str, ...]]:
    def check(value: Any, name: str, path: str) -> tuple[str, ...]:
        _check(value, list, name, path)
        out: list[str] = []
        for i, v in enumerate(value):
            if not isinstance(v, str) or not v.strip():
                raise VacancyFileError(f"{path}: '{name}[{i}]' must be non-empty text, not {v!r}")
            out.append(each(v.strip(), f"{name}[{i}]", path))
        return tuple(dict.fromkeys(out))
    return check


def _list_name(text: str, name: str, path: str) -> str:
    from jpo_tui.core.profiles import broken_country_lists, country_lists

    known = country_lists()
    if text in broken_country_lists():
        raise VacancyFileError(f"{path}: '{name}' names the country list {text!r}, which cannot be read: "
                               f"{broken_country_lists()[text]}")
    if text not in known:
        raise VacancyFileError(f"{path}: '{name}' names no country list {text!r}{_did_you_mean(text, list(known))} "
                               f"(known: {', '.join(sorted(known))})")
    return text


_CHECKS: dict[str, Callable[[Any, str, str], Any]] = {
    "max_age": _max_age,
    "age_reference": _choice(AGE_REFERENCES),
    "age_limit": _choice(AGE_LIMITS),
    "min_degree": _choice(DEGREE_LEVELS),
    "bachelor_extra_experience_years": _number(0),
    "min_experience_years": _number(0),
    "internship_weight": _number(0, 1),
    "nationalities": _names(check_country),
    "dcc_nationalities": _names(check_country),
    "dcc_lists": _names(_list_name),
    "dcc_reserved": _flag,
    "dcc_study_in_developing_country": _flag,
    "developing_country_lists": _names(_list_name),
    "required_languages": _names(check_language),
    "any_languages": _names(check_language),
    "desirable_languages": _names(check_language),
    "min_language_level": _choice(LANGUAGE_LEVELS),
}
assert set(_CHECKS) == set(WRITABLE_KEYS), "every writable eligibility key has a check"


def check_eligibility_table(table: dict, path: str, where: str = "eligibility", *,
                            profile: str = "") -> dict[str, Any]:
    """Validate the eligibility keys present in ``table`` (a vacancy's or a profile's) and normalise them.

    ``profile`` (the profile in force) is named when a key is unknown. The ``profile`` key itself is skipped.
    """
    values: dict[str, Any] = {}
    for key, value in table.items():
        if key == "profile":
            continue
        if key in COMPUTED_KEYS:
            raise VacancyFileError(f"{path}: '{where}.{key}' is computed when the file is read; write "
                                   "dcc_lists, dcc_nationalities or developing_country_lists instead")
        if key not in _CHECKS:
            known = f"profile '{profile}' has no such rule" if profile else "no such rule"
            hint = closest(key, list(_CHECKS), cutoff=75)
            raise VacancyFileError(f"{path}: unknown key '{where}.{key}' ({known}"
                                   + (f"; did you mean {hint!r}?" if hint else "") + ")")
        values[key] = _CHECKS[key](value, f"{where}.{key}", path)
    return values


def build_eligibility(table: dict, path: str) -> EligibilitySpec:
    """The vacancy's ``[eligibility]`` table merged over its profile (if it names one), validated."""
    from jpo_tui.core.profiles import ProfileError, country_lists, resolve_profile

    profile_name = table.get("profile", "")
    _check(profile_name, str, "eligibility.profile", path)
    profile_name = profile_name.strip()
    base: dict[str, Any] = {}
    title = ""
    sources: tuple[str, ...] = ()
    if profile_name:
        try:
            resolved = resolve_profile(profile_name)
        except ProfileError as exc:
            raise VacancyFileError(f"{path}: 'eligibility.profile': {exc}") from None
        base, title, sources = dict(resolved.values), resolved.title, resolved.sources
    own = check_eligibility_table(table, path, profile=profile_name)
    defaults = asdict(EligibilitySpec())
    overrides = tuple(k for k, v in own.items() if profile_name and base.get(k, defaults[k]) != v)
    merged = {**base, **own}
    spec = EligibilitySpec(**merged, profile=profile_name, profile_title=title, profile_sources=tuple(sources),
                           profile_overrides=overrides)
    where = {k: (f"'eligibility.{k}'" if k in own else f"profile {profile_name!r}'s '{k}'") for k in _CHECKS}
    if spec.dcc_reserved and not (spec.dcc_lists or spec.dcc_nationalities):
        raise VacancyFileError(f"{path}: {where['dcc_reserved']}: a post reserved for DCC needs dcc_lists or "
                               "dcc_nationalities")
    if spec.dcc_study_in_developing_country and not spec.developing_country_lists:
        raise VacancyFileError(f"{path}: {where['dcc_study_in_developing_country']}: needs "
                               "developing_country_lists (e.g. [\"oecd-dac-oda-recipients\"])")
    lists = country_lists()

    def resolve(names: tuple[str, ...]) -> tuple[tuple[str, ...], str]:
        countries: list[str] = []
        for n in names:
            countries.extend(lists[n].countries)
        return tuple(dict.fromkeys(countries)), "; ".join(lists[n].label for n in names)

    dcc_countries, dcc_description = resolve(spec.dcc_lists)
    if dcc_description and spec.dcc_nationalities:
        dcc_description += "; plus the countries the vacancy file names"
    developing, developing_description = (resolve(spec.developing_country_lists)
                                          if spec.dcc_study_in_developing_country else ((), ""))
    return replace(spec, dcc_countries=dcc_countries, dcc_description=dcc_description,
                   developing_countries=developing, developing_description=developing_description)


def parse_vacancy(text: str, path: str = "<vacancy>") -> VacancySpec:
    """Validate the TOML text of a vacancy file."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise VacancyFileError(f"{path}: not valid TOML: {exc}") from None
    known = {"vacancy", "eligibility", "criteria"}
    for key in data:
        if key not in known:
            raise VacancyFileError(f"{path}: unknown table '{key}' (expected [vacancy], [eligibility], [[criteria]])")
    vac = _require(data, "vacancy", dict, "file", path) if "vacancy" in data else None
    if vac is None:
        raise VacancyFileError(f"{path}: missing table [vacancy]")
    vid = _require(vac, "id", str, "vacancy", path).strip()
    if not vid:
        raise VacancyFileError(f"{path}: 'vacancy.id' must not be empty")
    call_year = _require(vac, "call_year", int, "vacancy", path)
    if not 1990 <= call_year <= 2100:
        raise VacancyFileError(f"{path}: 'vacancy.call_year' must be a year such as 2026, not {call_year}")
    deadline = _require(vac, "deadline", date, "vacancy", path)
    retention = vac.get("retention_until")
    if retention is not None:
        _check(retention, date, "vacancy.retention_until", path)
    text_fields = {}
    for key in ("title", "organisation", "duty_station", "grade", "donor"):
        text_fields[key] = _check(vac.get(key, ""), str, f"vacancy.{key}", path).strip()
    allowed_vac = {"id", "call_year", "deadline", "retention_until", *text_fields}
    for key in vac:
        if key not in allowed_vac:
            raise VacancyFileError(f"{path}: unknown key 'vacancy.{key}'")

    elig_table = data.get("eligibility", {})
    _check(elig_table, dict, "eligibility", path)
    eligibility = build_eligibility(elig_table, path)

    crit_list = data.get("criteria", [])
    _check(crit_list, list, "criteria", path)
    criteria = []
    seen = set()
    for i, crit in enumerate(crit_list):
        where = f"criteria[{i}]"
        _check(crit, dict, where, path)
        for key in crit:
            if key not in ("name", "weight", "keywords"):
                raise VacancyFileError(f"{path}: unknown key '{where}.{key}'")
        name = _require(crit, "name", str, where, path).strip()
        if not name:
            raise VacancyFileError(f"{path}: '{where}.name' must not be empty")
        if name in seen:
            raise VacancyFileError(f"{path}: '{where}.name' repeats the criterion {name!r}")
        seen.add(name)
        weight = _check(crit.get("weight", 1), (int, float), f"{where}.weight", path)
        if weight <= 0:
            raise VacancyFileError(f"{path}: '{where}.weight' must be above 0")
        keywords = _str_list(crit, "keywords", where, path, required=True)
        if not keywords:
            raise VacancyFileError(f"{path}: '{where}.keywords' must list at least one keyword")
        criteria.append(CriterionSpec(name=name, weight=float(weight), keywords=keywords))
    return VacancySpec(
        id=vid,
        call_year=call_year,
        deadline=deadline,
        retention_until=retention,
        eligibility=eligibility,
        criteria=tuple(criteria),
        source_toml=text,
        **text_fields,
    )


def load_vacancy(path: str | Path) -> VacancySpec:
    """Read and validate a vacancy file; raises VacancyFileError with a message naming the bad key."""
    p = Path(path)
    try:
        text = p.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise VacancyFileError(f"{p}: no such vacancy file") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise VacancyFileError(f"{p}: cannot read the vacancy file: {exc}") from None
    return parse_vacancy(text, str(p))
