"""ApplicantFacts <-> JSON-safe dicts, so each document's parsed facts can be kept and merged again later."""

from __future__ import annotations

from dataclasses import asdict, fields
from datetime import date
from typing import Any

from jpo_tui.core.records import (
    ApplicantFacts,
    EducationEntry,
    EmploymentEntry,
    LanguageSkill,
    YearMonth,
)


def _ym_out(value: YearMonth | None) -> dict | None:
    return None if value is None else {"year": value.year, "month": value.month, "approximate": value.approximate}


def _ym_in(value: Any) -> YearMonth | None:
    if not value:
        return None
    return YearMonth(int(value["year"]), int(value["month"]), bool(value.get("approximate", False)))


def facts_to_dict(facts: ApplicantFacts) -> dict[str, Any]:
    """A JSON-safe dict of ``facts``."""
    data = asdict(facts)
    data["date_of_birth"] = facts.date_of_birth.isoformat() if facts.date_of_birth else None
    data["education"] = [
        {**asdict(e), "start": _ym_out(e.start), "end": _ym_out(e.end)} for e in facts.education
    ]
    data["employment"] = [
        {**asdict(e), "start": _ym_out(e.start), "end": _ym_out(e.end)} for e in facts.employment
    ]
    return data


def _known(cls: type, data: dict) -> dict:
    names = {f.name for f in fields(cls)}
    return {k: v for k, v in data.items() if k in names}


def facts_from_dict(data: dict[str, Any] | None) -> ApplicantFacts | None:
    """The inverse of :func:`facts_to_dict`; unknown keys (from newer versions) are ignored."""
    if not data:
        return None
    raw = _known(ApplicantFacts, data)
    dob = raw.get("date_of_birth")
    raw["date_of_birth"] = date.fromisoformat(dob) if dob else None
    raw["languages"] = [LanguageSkill(**_known(LanguageSkill, x)) for x in raw.get("languages", [])]
    raw["education"] = [
        EducationEntry(**{**_known(EducationEntry, x), "start": _ym_in(x.get("start")), "end": _ym_in(x.get("end"))})
        for x in raw.get("education", [])
    ]
    raw["employment"] = [
        EmploymentEntry(**{**_known(EmploymentEntry, x), "start": _ym_in(x.get("start")), "end": _ym_in(x.get("end"))})
        for x in raw.get("employment", [])
    ]
    raw["warnings"] = list(raw.get("warnings", []))
    return ApplicantFacts(**raw)
