"""The vacancy file (TOML): read with tomllib, validated with messages that name the bad key."""

from __future__ import annotations

import tomllib
from dataclasses import asdict, dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from jpo_tui.core.countries import normalise_country

DEGREE_LEVELS = ("bachelor", "master", "doctorate")


class VacancyFileError(ValueError):
    """The vacancy file is unreadable or invalid; the message names the file and the key."""


@dataclass(frozen=True)
class CriterionSpec:
    name: str
    weight: float
    keywords: tuple[str, ...]


@dataclass(frozen=True)
class EligibilitySpec:
    max_age: int = 32
    min_degree: str = "master"
    bachelor_extra_experience_years: float = 2
    min_experience_years: float = 2
    internship_weight: float = 0.5
    nationalities: tuple[str, ...] = ()
    dcc_nationalities: tuple[str, ...] = ()
    required_languages: tuple[str, ...] = ()
    any_languages: tuple[str, ...] = ()
    min_language_level: str = "working"


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
    defaults = EligibilitySpec()
    allowed_elig = set(EligibilitySpec.__dataclass_fields__)
    for key in elig_table:
        if key not in allowed_elig:
            raise VacancyFileError(f"{path}: unknown key 'eligibility.{key}'")
    max_age = _check(elig_table.get("max_age", defaults.max_age), int, "eligibility.max_age", path)
    min_degree = _check(elig_table.get("min_degree", defaults.min_degree), str, "eligibility.min_degree", path)
    if min_degree not in DEGREE_LEVELS:
        raise VacancyFileError(f"{path}: 'eligibility.min_degree' must be one of {', '.join(DEGREE_LEVELS)}, not {min_degree!r}")
    numbers = {}
    for key in ("bachelor_extra_experience_years", "min_experience_years", "internship_weight"):
        value = _check(elig_table.get(key, getattr(defaults, key)), (int, float), f"eligibility.{key}", path)
        if value < 0:
            raise VacancyFileError(f"{path}: 'eligibility.{key}' must not be negative")
        numbers[key] = float(value)
    if numbers["internship_weight"] > 1:
        raise VacancyFileError(f"{path}: 'eligibility.internship_weight' must be between 0 and 1")
    level = _check(elig_table.get("min_language_level", "working"), str, "eligibility.min_language_level", path)
    if level not in ("fluent", "working", "basic"):
        raise VacancyFileError(f"{path}: 'eligibility.min_language_level' must be fluent, working or basic")
    eligibility = EligibilitySpec(
        max_age=max_age,
        min_degree=min_degree,
        nationalities=tuple(normalise_country(c) for c in _str_list(elig_table, "nationalities", "eligibility", path)),
        dcc_nationalities=tuple(
            normalise_country(c) for c in _str_list(elig_table, "dcc_nationalities", "eligibility", path)
        ),
        required_languages=_str_list(elig_table, "required_languages", "eligibility", path),
        any_languages=_str_list(elig_table, "any_languages", "eligibility", path),
        min_language_level=level,
        **numbers,
    )

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
