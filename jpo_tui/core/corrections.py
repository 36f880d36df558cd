"""Hand-made facts: what a chair's correction means, how its value is checked, and how it is applied.

A correction names a FIELD (``date_of_birth``, ``nationality``, ``email``, ``name``, ``highest_degree``,
``language.French``, ``employment.2.from``, ``employment.2`` with ``remove``, ``employment.add``, the same for
``education``) and a VALUE written as a person types it. :func:`parse` checks both and returns the JSON-safe
value stored; :func:`apply` lays the stored corrections, oldest first, over the facts merged from the documents.
Entries are numbered from 1 in the order ``jpo-tui facts`` shows them. A correction of an entry remembers the
entry it was made on (its dates, title and employer), so a re-import that reorders entries still finds it.
Nothing here reads a database.
"""

from __future__ import annotations

import copy
import re
from dataclasses import dataclass
from datetime import date
from typing import Any

from jpo_tui.core.records import (
    DEGREE_RANK,
    ApplicantFacts,
    EducationEntry,
    EmploymentEntry,
    LanguageSkill,
    YearMonth,
)

KEPT = "hand-made fact kept"  # the start of the warning when the documents now say otherwise
SCALARS = ("name", "family_name", "first_name", "date_of_birth", "nationality", "email")
LEVELS = ("fluent", "working", "basic")
DEGREES = tuple(k for k in DEGREE_RANK if k not in ("unknown",))
_EMP_ATTRS = {"from": "start", "to": "end", "title": "title", "employer": "employer", "internship": "internship",
              "duties": "duties"}
_EDU_ATTRS = {"from": "start", "to": "end", "level": "level", "degree": "degree", "institution": "institution"}
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
_YM = re.compile(r"^(\d{4})-(\d{1,2})$")
FIELDS_HELP = ("date_of_birth, nationality, email, name, family_name, first_name, highest_degree, language.NAME, "
               "employment.N.{from,to,title,employer,internship,duties}, employment.N (remove), employment.add, "
               "education.N.{from,to,level,degree,institution}, education.N (remove), education.add")


@dataclass(frozen=True)
class Stored:
    """One correction as kept: the field, its checked value, the entry it was made on (entries only)."""

    field: str
    value: Any
    target: dict | None = None  # identity of the entry corrected (entries only)
    parsed: Any = None  # what the documents said when it was made (scalars only)
    by: str = ""
    reason: str = ""


def _ym(text: str, what: str, *, present: bool = False) -> str | None:
    text = text.strip().lower()
    if present and text in ("present", "now", "today"):
        return None
    found = _YM.match(text)
    if not found or not 1 <= int(found.group(2)) <= 12 or not 1900 <= int(found.group(1)) <= 2100:
        more = " or present" if present else ""
        raise ValueError(f"{what}: give a month as YYYY-MM{more} (e.g. 2019-03), not {text!r}")
    return f"{int(found.group(1)):04d}-{int(found.group(2)):02d}"


def _yes(text: str, what: str) -> bool:
    low = text.strip().lower()
    if low in ("yes", "true", "1", "y"):
        return True
    if low in ("no", "false", "0", "n"):
        return False
    raise ValueError(f"{what}: give yes or no, not {text!r}")


def _split_field(field: str) -> tuple[str, str, str]:
    """(group, index or name, attribute) of a field; raises ValueError for an unknown one."""
    parts = field.strip().split(".")
    head = parts[0]
    if len(parts) == 1 and head in (*SCALARS, "highest_degree"):
        return head, "", ""
    if head == "language" and len(parts) == 2 and parts[1].strip():
        return head, parts[1].strip(), ""
    if head in ("employment", "education") and len(parts) in (2, 3):
        attrs = _EMP_ATTRS if head == "employment" else _EDU_ATTRS
        if len(parts) == 2 and parts[1] == "add":
            return head, "add", ""
        if parts[1].isdigit() and int(parts[1]) >= 1 and (len(parts) == 2 or parts[2] in attrs):
            return head, parts[1], parts[2] if len(parts) == 3 else ""
    raise ValueError(f"no field {field!r}: use one of {FIELDS_HELP}")


def _entry_value(group: str, text: str) -> dict:
    """``FROM..TO; title; employer[; internship]`` or ``FROM..TO; level; degree; institution``."""
    parts = [p.strip() for p in text.split(";")]
    dates = parts[0].split("..")
    if len(dates) != 2 or len(parts) < 2:
        shape = ("FROM..TO; TITLE; EMPLOYER[; internship]" if group == "employment"
                 else "FROM..TO; LEVEL; DEGREE; INSTITUTION")
        raise ValueError(f"{group}.add: give {shape} (e.g. 2019-01..present; ...), not {text!r}")
    start, end = _ym(dates[0], f"{group}.add from"), _ym(dates[1], f"{group}.add to", present=True)
    if group == "employment":
        return {"from": start, "to": end, "title": parts[1], "employer": parts[2] if len(parts) > 2 else "",
                "internship": len(parts) > 3 and parts[3].lower().startswith("intern")}
    level = parts[1].lower()
    if level not in DEGREES:
        raise ValueError(f"education.add level: one of {', '.join(DEGREES)}, not {parts[1]!r}")
    return {"from": start, "to": end, "level": level, "degree": parts[2] if len(parts) > 2 else "",
            "institution": parts[3] if len(parts) > 3 else ""}


def parse(field: str, text: str) -> tuple[str, Any]:
    """The normalised field name and the checked JSON-safe value of a correction; ValueError (one line) if bad."""
    from jpo_tui.core.countries import canonical_country

    group, which, attr = _split_field(field)
    field = ".".join(p for p in (group, which, attr) if p)
    text = text.strip()
    if group == "date_of_birth":
        try:
            born = date.fromisoformat(text)
        except ValueError:
            raise ValueError(f"date_of_birth: give the date as YYYY-MM-DD (e.g. 1994-03-14), not {text!r}") from None
        if not 1900 <= born.year <= date.today().year:
            raise ValueError(f"date_of_birth: {text} is not a plausible birth date")
        return field, born.isoformat()
    if group == "nationality":
        country = canonical_country(text)
        if country is None:
            raise ValueError(f"nationality: {text!r} is not a country name or code I know")
        return field, {"country": country, "raw": text}
    if group == "email":
        if not _EMAIL.match(text):
            raise ValueError(f"email: {text!r} is not an e-mail address")
        return field, text
    if group in ("name", "family_name", "first_name"):
        if not text:
            raise ValueError(f"{group}: give the name")
        return field, text
    if group == "highest_degree":
        if text.lower() not in DEGREES:
            raise ValueError(f"highest_degree: one of {', '.join(DEGREES)}, not {text!r}")
        return field, text.lower()
    if group == "language":
        low = text.lower()
        if low not in (*LEVELS, "mother tongue", "none"):
            raise ValueError(f"{field}: one of {', '.join(LEVELS)}, mother tongue, none (remove), not {text!r}")
        return field, low
    if which == "add":
        return field, _entry_value(group, text)
    if not attr:
        if text.lower() != "remove":
            raise ValueError(f"{field}: the only value for a whole entry is remove (or give {field}.ATTRIBUTE)")
        return field, "remove"
    if attr == "from":
        return field, _ym(text, field)
    if attr == "to":
        return field, _ym(text, field, present=True)
    if attr == "internship":
        return field, _yes(text, field)
    if attr == "level":
        if text.lower() not in DEGREES:
            raise ValueError(f"{field}: one of {', '.join(DEGREES)}, not {text!r}")
        return field, text.lower()
    return field, text


def _ym_of(text: str | None) -> YearMonth | None:
    return None if not text else YearMonth(int(text[:4]), int(text[5:7]))


def identity(entry: EmploymentEntry | EducationEntry) -> dict:
    """What identifies an entry across re-imports (its dates and its names)."""
    start = entry.start.iso() if entry.start else None
    end = entry.end.iso() if entry.end else None
    if isinstance(entry, EmploymentEntry):
        return {"start": start, "end": end, "title": entry.title, "employer": entry.employer}
    return {"start": start, "end": end, "degree": entry.degree, "institution": entry.institution}


def current(facts: ApplicantFacts, field: str) -> Any:
    """The value ``field`` has in ``facts`` (as stored in a correction's ``parsed``): for the audit's before."""
    group, which, attr = _split_field(field)
    if group == "date_of_birth":
        return facts.date_of_birth.isoformat() if facts.date_of_birth else None
    if group == "nationality":
        return {"country": facts.nationality, "raw": facts.nationality_raw}
    if group in SCALARS:
        return getattr(facts, group)
    if group == "highest_degree":
        levels = [e.level for e in facts.education]
        return max(levels, key=lambda x: DEGREE_RANK.get(x, 0)) if levels else None
    if group == "language":
        for lang in facts.languages:
            if lang.language.casefold() == which.casefold():
                return "mother tongue" if lang.mother_tongue else lang.level
        return None
    entries = facts.employment if group == "employment" else facts.education
    if which == "add":
        return None
    index = int(which) - 1
    if index >= len(entries):
        raise ValueError(f"{group}.{which}: the applicant has {len(entries)} {group} entries")
    entry = entries[index]
    if not attr:
        return identity(entry)
    name = (_EMP_ATTRS if group == "employment" else _EDU_ATTRS)[attr]
    value = getattr(entry, name)
    if attr == "to" and isinstance(entry, EmploymentEntry) and entry.present:
        return "present"
    return value.iso() if isinstance(value, YearMonth) else value


def target_of(facts: ApplicantFacts, field: str) -> dict | None:
    """The identity of the entry ``field`` names in ``facts`` (None for a field that is not an entry's)."""
    group, which, _ = _split_field(field)
    if group not in ("employment", "education") or which == "add":
        return None
    current(facts, field)  # raises for an entry that is not there
    entries = facts.employment if group == "employment" else facts.education
    return identity(entries[int(which) - 1])


def _find(entries: list, target: dict | None, which: str) -> int | None:
    index = int(which) - 1
    if 0 <= index < len(entries) and (target is None or identity(entries[index]) == target):
        return index
    for i, entry in enumerate(entries):
        if identity(entry) == target:
            return i
    return None


def _show(value: Any) -> str:
    if isinstance(value, dict) and "country" in value:
        return str(value["country"] or value["raw"] or "nothing")
    return "nothing" if value in (None, "") else str(value)


def apply(facts: ApplicantFacts, corrections: list[Stored]) -> tuple[ApplicantFacts, list[str]]:
    """``facts`` with ``corrections`` applied oldest first, and one warning per correction the documents now
    contradict (the hand-made fact is kept) or whose entry is no longer in them (it is then not applied)."""
    out = copy.deepcopy(facts)
    warnings: list[str] = []
    removed: dict[str, set[int]] = {"employment": set(), "education": set()}
    for c in corrections:
        group, which, attr = _split_field(c.field)
        if group in SCALARS or group in ("highest_degree", "language"):
            now = current(facts, c.field)
            if c.parsed is not None and now != c.parsed and now != c.value and now not in (None, ""):
                warnings.append(f"{KEPT}: {c.field} is {_show(c.value)} (by {c.by}); a newer document says "
                                f"{_show(now)}")
        if group == "date_of_birth":
            out.date_of_birth = date.fromisoformat(c.value)
        elif group == "nationality":
            out.nationality, out.nationality_raw = c.value["country"], c.value["raw"]
        elif group in SCALARS:
            setattr(out, group, c.value)
        elif group == "highest_degree":
            rank = DEGREE_RANK[c.value]
            for e in out.education:
                if DEGREE_RANK.get(e.level, 0) > rank:
                    e.level = c.value
            if not any(DEGREE_RANK.get(e.level, 0) == rank for e in out.education):
                out.education.append(EducationEntry(degree=f"{c.value} (entered by {c.by})", level=c.value))
        elif group == "language":
            out.languages = [x for x in out.languages if x.language.casefold() != which.casefold()]
            if c.value != "none":
                mother = c.value == "mother tongue"
                out.languages.append(LanguageSkill(language=which, mother_tongue=mother,
                                                   stated_level=None if mother else c.value))
        else:
            entries = out.employment if group == "employment" else out.education
            if which == "add":
                v = c.value
                if group == "employment":
                    out.employment.append(EmploymentEntry(start=_ym_of(v["from"]), end=_ym_of(v["to"]),
                                                   present=v["to"] is None, title=v["title"],
                                                   employer=v["employer"], internship=v["internship"]))
                else:
                    out.education.append(EducationEntry(institution=v["institution"], degree=v["degree"],
                                                  start=_ym_of(v["from"]), end=_ym_of(v["to"]), level=v["level"],
                                                  ongoing=v["to"] is None))
                continue
            index = _find(entries, c.target, which)
            if index is None or index in removed[group]:
                warnings.append(f"{KEPT.replace('kept', 'not applied')}: {c.field} (by {c.by}): the entry it "
                                "corrected is no longer in the documents")
                continue
            entry = entries[index]
            if not attr:
                removed[group].add(index)
                continue
            name = (_EMP_ATTRS if group == "employment" else _EDU_ATTRS)[attr]
            if attr in ("from", "to"):
                setattr(entry, name, _ym_of(c.value))
                if attr == "to" and isinstance(entry, EmploymentEntry):
                    entry.present = c.value is None
                elif attr == "to" and isinstance(entry, EducationEntry):
                    entry.ongoing = c.value is None
            else:
                setattr(entry, name, c.value)
    out.employment = [e for i, e in enumerate(out.employment) if i not in removed["employment"]]
    out.education = [e for i, e in enumerate(out.education) if i not in removed["education"]]
    return out, warnings
