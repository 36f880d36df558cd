"""The applicants list in memory: filtering (fuzzy, rapidfuzz) and sorting without touching the database.

No Textual here, so it can be measured and tested on its own.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from rapidfuzz import fuzz, process

from jpo_tui.services.queries import ApplicantRow

FUZZY_CUTOFF = 80.0
TEXT_CACHE_SIZE = 32  # remembered document-text queries
STATUS_RANK = {"eligible": 0, "review": 1, "ineligible": 2}
RECOMMENDATION_RANK = {"shortlist": 0, "maybe": 1, "": 2, "reject": 3}

SORTS: dict[str, Callable[[ApplicantRow], Any]] = {
    "key": lambda r: r.key,
    "name": lambda r: (not r.name, r.name.casefold()),  # unknown values last
    "nationality": lambda r: (not r.nationality, r.nationality.casefold()),
    "age": lambda r: (r.age is None, r.age or 0),
    "degree": lambda r: {"doctorate": 0, "master": 1, "bachelor": 2}.get(r.degree, 3),
    "experience": lambda r: -r.experience_months,
    "eligibility": lambda r: STATUS_RANK.get(r.status, 3),
    "coverage": lambda r: -sum(r.coverage),
    "total": lambda r: (r.total is None, -(r.total or 0.0)),
    "mark": lambda r: RECOMMENDATION_RANK.get(r.recommendation, 2),
    # only what the viewer may see: hidden aggregates are None and sort last, by key (blind scoring)
    "panel": lambda r: (r.panel is None, -(r.panel or 0.0)),
}
SORT_ORDER = tuple(SORTS)
PLAIN_SORTS = tuple(s for s in SORT_ORDER if s != "panel")  # without a committee there is no aggregate


@dataclass
class Filters:
    query: str = ""
    eligible_only: bool = False
    unscored_only: bool = False
    sort: str = "key"
    descending: bool = False


@dataclass
class ListModel:
    """Rows, their search haystacks and the current filter; ``visible`` holds row indexes in display order."""

    rows: Sequence[ApplicantRow] = ()
    criteria_count: int = 0
    texts: Mapping[int, str] = field(default_factory=dict)  # applicant id -> casefolded document text
    filters: Filters = field(default_factory=Filters)
    committee: bool = False  # rows carry the committee's columns; "not scored" means "mine, not submitted"

    def __post_init__(self) -> None:
        self._haystacks = [f"{r.name} {r.key}".casefold() for r in self.rows]
        self._text_cache: OrderedDict[str, frozenset[int]] = OrderedDict()  # query -> rows whose documents hold it

    def set_rows(self, rows: Sequence[ApplicantRow]) -> None:
        self.rows = rows
        self.__post_init__()

    def matching(self, query: str) -> set[int]:
        """Indexes of rows whose name or key matches ``query`` fuzzily, or whose documents contain it."""
        q = " ".join(query.casefold().split())
        if not q:
            return set(range(len(self.rows)))
        if len(q) < 3:
            found = {i for i, h in enumerate(self._haystacks) if q in h}
        else:
            found = {i for _, _, i in process.extract(
                q, self._haystacks, scorer=fuzz.partial_ratio, processor=None, limit=None,
                score_cutoff=FUZZY_CUTOFF)}
        if self.texts:
            found |= self._text_matches(q)
        return found

    def _text_matches(self, q: str) -> frozenset[int]:
        """Rows whose documents contain ``q``, remembered for the last queries (backspace returns at once).

        A text holding ``q`` holds every part of it too: so only the rows found for the best remembered part
        of ``q`` (typically the previous keystroke's query) are searched again, not every document.
        """
        cache = self._text_cache
        if q in cache:
            cache.move_to_end(q)
            return cache[q]
        parts = [found for query, found in cache.items() if query in q]
        candidates = min(parts, key=len) if parts else range(len(self.rows))
        rows, texts = self.rows, self.texts
        found = frozenset(i for i in candidates if q in texts.get(rows[i].id, ""))
        cache[q] = found
        if len(cache) > TEXT_CACHE_SIZE:
            cache.popitem(last=False)
        return found

    def compute(self) -> list[int]:
        """Row indexes passing the filters, in the chosen order."""
        f = self.filters
        chosen = self.matching(f.query) if f.query.strip() else range(len(self.rows))
        rows = self.rows
        keep = [
            i for i in chosen
            if (not f.eligible_only or rows[i].status == "eligible")
            and (not f.unscored_only or self._open(rows[i]))
        ]
        key = SORTS.get(f.sort, SORTS["key"])
        keep.sort(key=lambda i: (key(rows[i]), rows[i].key), reverse=f.descending)
        return keep

    def _open(self, row: ApplicantRow) -> bool:
        if self.committee:
            return row.to_review and not row.submitted
        return row.scored < self.criteria_count

    def sorts(self) -> tuple[str, ...]:
        """The sort columns ``s`` cycles through."""
        return SORT_ORDER if self.committee else PLAIN_SORTS

    def committee_progress(self) -> tuple[int, int, int]:
        """(my assigned applicants submitted, my assigned applicants, conflicts)."""
        mine = [r for r in self.rows if r.to_review]
        return (sum(1 for r in mine if r.submitted), len(mine),
                sum(1 for r in self.rows if r.panel_state == "conflict"))

    def progress(self) -> tuple[int, int, int]:
        """(applicants I scored on every criterion, applicants, applicants I shortlisted)."""
        n = self.criteria_count
        scored = sum(1 for r in self.rows if n and r.scored >= n)
        shortlisted = sum(1 for r in self.rows if r.recommendation == "shortlist")
        return scored, len(self.rows), shortlisted
