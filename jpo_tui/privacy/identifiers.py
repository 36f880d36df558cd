"""What identifies an applicant in free text: ONE definition, used by pseudonymised exports (replaced by
``[redacted]``) and by erasure (replaced by ``[erased]`` in every table).

The set: each word of their names (not lower-case particles such as "de", "van"), the full name in both orders,
e-mail and its local part, the applicant key, their file names (with and without folders and extensions) and
the birth date in every spelling the importer reads (ISO, numeric day/month orders with ``/ . -``, and day-month
-year or month-day-year with the month's name or abbreviation in each language of :data:`MONTH_LOCALES`,
from Babel). Matching is case-insensitive and on word boundaries.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date
from functools import lru_cache
from pathlib import PurePosixPath, PureWindowsPath
from typing import Any

from babel.dates import get_month_names

from jpo_tui.ingest.dates import MONTH_LOCALES

NAME_WORD = re.compile(r"[^\W\d_][\w'-]+")


@lru_cache(maxsize=1)
def _month_words() -> dict[int, set[str]]:
    words: dict[int, set[str]] = {}
    for loc in MONTH_LOCALES:
        for width in ("wide", "abbreviated"):
            for context in ("format", "stand-alone"):
                for number, name in get_month_names(width, context, locale=loc).items():
                    words.setdefault(number, set()).update({name, name.rstrip(".")})
    return words


def birth_date_forms(born: date) -> set[str]:
    """Every way a birth date is written in the app's sentences and in documents."""
    d, mo, y = born.day, born.month, born.year
    forms = {born.isoformat(), f"{y}/{mo:02d}/{d:02d}", f"{y}.{mo:02d}.{d:02d}"}
    for day in {f"{d}", f"{d:02d}"}:
        for month in {f"{mo}", f"{mo:02d}"}:
            for sep in "/.-":
                forms.add(f"{day}{sep}{month}{sep}{y}")
                forms.add(f"{month}{sep}{day}{sep}{y}")
        for name in _month_words()[mo]:
            forms |= {f"{day} {name} {y}", f"{day}. {name} {y}", f"{name} {day}, {y}", f"{name} {day} {y}",
                      f"{day} de {name} de {y}", f"{day}-{name}-{y}", f"{day} {name}, {y}"}
    return forms


def _file_forms(path: str) -> set[str]:
    forms = {path}
    for pure in (PurePosixPath(path), PureWindowsPath(path)):
        forms |= {pure.name, pure.stem}
    return forms


def identifiers(applicant: Any, file_paths: Iterable[str] = (), *, with_key: bool = True) -> list[str]:
    """The strings identifying ``applicant`` (an ``Applicant`` row) in free text, longest first.
    ``with_key=False`` for pseudonymised exports, which show the key as the applicant's pseudonym."""
    names = [n for n in (applicant.name, applicant.first_name, applicant.family_name) if n]
    found = {w for w in NAME_WORD.findall(" ".join(names)) if not w.islower()}
    found |= set(names)
    if applicant.first_name and applicant.family_name:
        found |= {f"{applicant.first_name} {applicant.family_name}", f"{applicant.family_name} {applicant.first_name}",
                  f"{applicant.family_name}, {applicant.first_name}"}
    if applicant.email:
        found |= {applicant.email, applicant.email.split("@")[0]}
    if with_key and getattr(applicant, "key", None):
        found.add(applicant.key)
    for path in file_paths:
        found |= _file_forms(path)
    if applicant.date_of_birth:
        found |= birth_date_forms(applicant.date_of_birth)
    return sorted((s for s in found if len(s.strip()) >= 2), key=lambda s: (-len(s), s))


def pattern(found: Iterable[str]) -> re.Pattern[str] | None:
    """One case-insensitive pattern matching any of ``found`` as a whole word (None when empty)."""
    items = sorted(set(found), key=len, reverse=True)
    if not items:
        return None
    return re.compile("|".join(rf"(?<!\w){re.escape(w)}(?!\w)" for w in items), re.IGNORECASE)
