"""Relevant work experience in months, as the JPO rules count it.

Conventions: calendar months counted inclusively from/to; overlapping entries merged (a month counts once);
a month held only by internships counts ``internship_weight``; "present" (or an end after the deadline)
means the deadline's month; entries marked not relevant are left out. Year-only dates
(``YearMonth.approximate``) give a range of possible totals, so a rule near its threshold can ask for review
instead of guessing.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass, field
from datetime import date

from jpo_tui.core.records import EmploymentEntry, YearMonth


@dataclass(frozen=True)
class ExperienceBreakdown:
    """Weighted months plus what went into them; ``low``/``high`` bound the total when dates are year-only."""

    months: float
    low: float
    high: float
    paid_months: int
    internship_only_months: int
    undated: tuple[int, ...] = ()  # indexes of relevant entries whose dates could not be read
    excluded: tuple[int, ...] = ()  # indexes left out as not relevant
    approximate: tuple[int, ...] = field(default=())  # indexes with year-only dates

    @property
    def exact(self) -> bool:
        """True when every counted date was a real month and nothing was undated."""
        return not self.undated and self.low == self.high


def _month_index(d: date) -> int:
    return d.year * 12 + (d.month - 1)


def entry_months(entry: EmploymentEntry, deadline: date, *, bound: str = "as_written") -> range:
    """The month indexes an entry covers, clipped to the deadline's month (empty when undated or later).

    ``bound`` = "low" or "high" moves year-only dates to the end (low) or start (high) of their year, and an
    approximate end the other way, to give the fewest or the most months the entry can stand for.
    """
    if entry.start is None or (entry.end is None and not entry.present):
        return range(0)
    last_allowed = _month_index(deadline)
    start = _bounded(entry.start, "late" if bound == "low" else "early" if bound == "high" else "")
    if entry.present:
        end = last_allowed
    else:
        assert entry.end is not None
        end = _bounded(entry.end, "early" if bound == "low" else "late" if bound == "high" else "")
    end = min(end, last_allowed)
    if end < start:
        return range(0)
    return range(start, end + 1)


def _bounded(ym: YearMonth, where: str) -> int:
    if not ym.approximate or not where:
        return ym.index()
    return ym.year * 12 + (11 if where == "late" else 0)


def is_relevant(entry: EmploymentEntry, index: int, excluded: Collection[int]) -> bool:
    """An entry counts unless a reviewer marked it not relevant (flag on the entry or index in ``excluded``)."""
    return index not in excluded and getattr(entry, "relevant", True)


def _weighted(entries: Sequence[EmploymentEntry], indexes: Sequence[int], deadline: date, weight: float,
              bound: str) -> tuple[float, int, int]:
    paid: set[int] = set()
    interns: set[int] = set()
    for i in indexes:
        months = entry_months(entries[i], deadline, bound=bound)
        (interns if entries[i].internship else paid).update(months)
    only_intern = interns - paid
    return len(paid) + weight * len(only_intern), len(paid), len(only_intern)


def experience_breakdown(entries: Sequence[EmploymentEntry], deadline: date, internship_weight: float,
                         excluded: Collection[int] = ()) -> ExperienceBreakdown:
    """Weighted months with the details a reviewer needs to trust them."""
    counted: list[int] = []
    undated: list[int] = []
    dropped: list[int] = []
    approx: list[int] = []
    for i, entry in enumerate(entries):
        if not is_relevant(entry, i, excluded):
            dropped.append(i)
            continue
        if entry.start is None or (entry.end is None and not entry.present):
            undated.append(i)
            continue
        counted.append(i)
        if entry.start.approximate or (entry.end is not None and entry.end.approximate and not entry.present):
            approx.append(i)
    months, paid, only_intern = _weighted(entries, counted, deadline, internship_weight, "as_written")
    low = _weighted(entries, counted, deadline, internship_weight, "low")[0] if approx else months
    high = _weighted(entries, counted, deadline, internship_weight, "high")[0] if approx else months
    return ExperienceBreakdown(
        months=months, low=min(low, months), high=max(high, months), paid_months=paid,
        internship_only_months=only_intern, undated=tuple(undated), excluded=tuple(dropped),
        approximate=tuple(approx),
    )


def weighted_experience_months(entries: Sequence[EmploymentEntry], deadline: date, internship_weight: float,
                               excluded: Collection[int] = ()) -> float:
    """Weighted months of relevant experience up to the deadline (undated entries count nothing)."""
    return experience_breakdown(entries, deadline, internship_weight, excluded).months
