"""Application-quality notes from the donors' own advice to applicants (use the vacancy's keywords, give dates
with month and year, concrete examples, no unexplained acronyms): notes for reviewers, never a score.

The words that mark a concrete result live in ``jpo_tui/ingest/lexicon/quality.toml``. Pure: no database.
Keywords set in bold are not noted: the readers do not keep font weights.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Mapping, Sequence
from functools import lru_cache
from importlib import resources

from jpo_tui.core.records import ApplicantFacts

_ACRONYM = re.compile(r"\b[A-Z][A-Z0-9]{1,5}s?\b")
_WORD = re.compile(r"[^\W\d_][\w'-]*")
SMALL_WORDS = 3  # words this short may be left out of an acronym (of, the, and, de, la ...)
SHOWN = 5  # examples named per note


@lru_cache(maxsize=1)
def _lexicon() -> tuple[tuple[str, ...], frozenset[str]]:
    from jpo_tui.ingest.lexicon import fold

    data = tomllib.loads((resources.files("jpo_tui.ingest.lexicon") / "quality.toml").read_text(encoding="utf-8"))
    outcome = tuple(sorted({fold(w) for code, lex in data.items() if code != "all" for w in lex.get("outcome", ())}))
    return outcome, frozenset(data.get("all", {}).get("well_known", ()))


def _concrete(duties: str) -> bool:
    from jpo_tui.ingest.lexicon import fold

    if re.search(r"\d", duties):
        return True
    folded = f" {fold(duties)} "
    return any(f" {w}" in folded for w in _lexicon()[0])


def _spelled_out(acronym: str, text: str) -> bool:
    """Whether ``text`` defines ``acronym``: "(ACR)" after words, or words whose initials spell it."""
    core = acronym[:-1] if acronym.endswith("s") and len(acronym) > 2 else acronym
    if re.search(rf"\w[\w\s,'-]{{3,}}\(\s*{re.escape(acronym)}\s*\)", text):
        return True
    words = _WORD.findall(text)
    initials = [w[0].upper() for w in words]
    n = len(core)
    for i in range(len(words)):
        j, k = i, 0
        while j < len(words) and k < n:
            if initials[j] == core[k] and words[j] != acronym:
                k += 1
            elif len(words[j]) > SMALL_WORDS or k == 0:
                break
            j += 1
        if k == n and j - i >= n:
            return True
    return False


def _example(items: Sequence[str]) -> str:
    shown = ", ".join(items[:SHOWN])
    return shown + (f" and {len(items) - SHOWN} more" if len(items) > SHOWN else "")


def quality_notes(facts: ApplicantFacts, texts: Sequence[str], missing_criteria: Sequence[str],
                  criteria_keywords: Mapping[str, Sequence[str]] | None = None) -> list[str]:
    """The notes for one applicant: ``texts`` are their documents' texts, ``missing_criteria`` the vacancy's
    criteria none of whose keywords is in them."""
    notes: list[str] = []
    yearly = []
    for e in facts.employment:
        if (e.start and e.start.approximate) or (e.end and e.end.approximate):
            yearly.append(e.title or e.employer or "an entry")
    for school in facts.education:
        if (school.start and school.start.approximate) or (school.end and school.end.approximate):
            yearly.append(school.degree or school.institution or "an entry")
    if yearly:
        notes.append(f"dates without a month ({len(yearly)}): {_example(yearly)}")
    for name in missing_criteria:
        words = list((criteria_keywords or {}).get(name, ()))
        said = f" (e.g. {', '.join(words[:3])})" if words else ""
        notes.append(f"no keyword of the criterion “{name}”{said}")
    described = [e for e in facts.employment if e.duties.strip()]
    vague = [e.title or e.employer or "an entry" for e in described if not _concrete(e.duties)]
    if facts.employment and not described:
        notes.append("no duties described for any employment entry")
    elif vague:
        notes.append(f"duties with no concrete result (no figure, no outcome) ({len(vague)}): {_example(vague)}")
    text = "\n".join(texts)
    well_known = _lexicon()[1]
    unexplained: list[str] = []
    in_prose = [a for line in text.splitlines() if re.search(r"[a-z]", line) for a in _ACRONYM.findall(line)]
    for acronym in dict.fromkeys(in_prose):  # an all-capitals line is a heading, not acronyms
        if acronym in well_known or acronym.rstrip("s") in well_known or acronym.isdigit():
            continue
        if not _spelled_out(acronym, text):
            unexplained.append(acronym)
    if unexplained:
        notes.append(f"acronyms never spelled out ({len(unexplained)}): {_example(unexplained)}")
    return notes
