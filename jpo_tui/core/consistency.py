"""Where an applicant's documents disagree: the P11 and the CV (or the letter) give another birth date,
nationality, highest degree or its year, or other dates for the same employer. Pure: no database."""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from dataclasses import asdict, dataclass

from jpo_tui.core.records import DEGREE_RANK, ApplicantFacts, EmploymentEntry

_NAME_SAME = 85.0  # rapidfuzz token_set_ratio for "the same employer"


@dataclass(frozen=True)
class Disagreement:
    """One fact two documents give differently, with both values and their documents."""

    fact: str  # date_of_birth | nationality | highest_degree | degree_year | employment
    value_a: str
    source_a: str
    value_b: str
    source_b: str

    def line(self) -> str:
        return f"{self.fact}: {self.value_a} ({self.source_a}) but {self.value_b} ({self.source_b})"

    def to_dict(self) -> dict:
        return asdict(self)


def _fold(text: str) -> str:
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().casefold()
    return " ".join("".join(ch if ch.isalnum() else " " for ch in text).split())


def _highest(facts: ApplicantFacts) -> tuple[str, int | None]:
    best = max(facts.education, key=lambda e: DEGREE_RANK.get(e.level, 0), default=None)
    if best is None or DEGREE_RANK.get(best.level, 0) == 0:
        return "", None
    return best.level, best.end.year if best.end else None


def _span(e: EmploymentEntry) -> str:
    start = e.start.iso() if e.start else "?"
    end = "present" if e.present else e.end.iso() if e.end else "?"
    return f"{start}..{end}"


def _same_employer(a: EmploymentEntry, b: EmploymentEntry) -> bool:
    from rapidfuzz import fuzz

    x, y = _fold(a.employer), _fold(b.employer)
    return bool(x and y) and fuzz.token_set_ratio(x, y) >= _NAME_SAME


def _dates_differ(a: EmploymentEntry, b: EmploymentEntry) -> bool:
    if a.start and b.start:
        if a.start.approximate or b.start.approximate:
            if a.start.year != b.start.year:
                return True
        elif a.start != b.start:
            return True
    if a.present != b.present:
        return bool(a.end or b.end)
    if a.end and b.end:
        if a.end.approximate or b.end.approximate:
            return a.end.year != b.end.year
        return a.end != b.end
    return False


def disagreements(docs: Sequence[tuple[str, ApplicantFacts]]) -> list[Disagreement]:
    """Each disagreement between the first document (P11 first) that gives a fact and any later one.
    ``docs`` is (file name, parsed facts) in merge order."""
    out: list[Disagreement] = []

    def compare(fact: str, values: list[tuple[str, str]]) -> None:
        given = [(v, src) for v, src in values if v]
        if not given:
            return
        first, src = given[0]
        for other, other_src in given[1:]:
            if _fold(other) != _fold(first):
                out.append(Disagreement(fact, first, src, other, other_src))

    compare("date_of_birth", [(f.date_of_birth.isoformat() if f.date_of_birth else "", s) for s, f in docs])
    compare("nationality", [(f.nationality or f.nationality_raw, s) for s, f in docs])
    degrees = [(_highest(f), s) for s, f in docs if f.education]
    compare("highest_degree", [(d[0], s) for d, s in degrees])
    same_degree = [(str(d[1]) if d[1] else "", s) for d, s in degrees if degrees and d[0] == degrees[0][0][0]]
    compare("degree_year", same_degree)
    with_jobs = [(s, f) for s, f in docs if f.employment]
    if len(with_jobs) > 1:
        first_src, first = with_jobs[0]
        for other_src, other in with_jobs[1:]:
            for a in first.employment:
                for b in other.employment:
                    if _same_employer(a, b) and _dates_differ(a, b):
                        out.append(Disagreement("employment", f"{a.employer} {_span(a)}", first_src,
                                                f"{b.employer} {_span(b)}", other_src))
                        break
    return out
