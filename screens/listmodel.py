"""The applicants list in memory: filtering (fuzzy, rapidfuzz) and sorting without touching the database.

No Textual here, so it can be measured and tested on its own.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from rapidfuzz import fuzz, process

from jpo_tui.services.queries import ApplicantRow

FUZZY_CUTOFF = 80.0
TEXT_CACHE_SIZE = 32  # remembered document-text queries
STATUS_RANK = {"eligible": 0, "review": 1, "ineligible": 2}
RECOMMENDATION_RANK = {"shortlist": 0, "maybe": 1, "": 2, "reject": 3}

DEGREE_RANK = {"bachelor": 1, "master": 2, "doctorate": 3}

# Each sort's key in natural ascending order (A to Z, youngest first, fewest months first); None for an
# unknown value, which is listed last whichever way the column is sorted.
SORTS: dict[str, Callable[[ApplicantRow], Any]] = {
    "key": lambda r: r.key,
    "name": lambda r: (r.sort_name or r.name).casefold() or None,  # family name first, as a list of people reads
    "nationality": lambda r: r.nationality.casefold() or None,
    "age": lambda r: r.age,
    "degree": lambda r: DEGREE_RANK.get(r.degree),
    "experience": lambda r: r.experience_months,
    "eligibility": lambda r: STATUS_RANK.get(r.status),
    "coverage": lambda r: sum(r.coverage),
    "total": lambda r: r.total,
    "mark": lambda r: RECOMMENDATION_RANK.get(r.recommendation, 2),
    # only what the viewer may see: hidden aggregates are None and sort last, by key (blind scoring)
    "panel": lambda r: r.panel,
}
SORT_LABELS = {"key": "key", "name": "name", "nationality": "nationality", "age": "age", "degree": "degree",
               "experience": "experience", "eligibility": "eligibility", "coverage": "criteria met",
               "total": "my total", "mark": "my mark", "panel": "panel score"}
# Where a column is first sorted by the useful end: most experience, most criteria, best scores first.
STARTS_DESCENDING = frozenset({"degree", "experience", "coverage", "total", "panel"})
SORT_ORDER = tuple(SORTS)
PLAIN_SORTS = tuple(s for s in SORT_ORDER if s != "panel")  # without a committee there is no aggregate
# Why a row passes the filter, best first: rows are listed by this before the chosen sort.
MATCH_NAME, MATCH_FUZZY, MATCH_DOCUMENTS = 0, 1, 2
SNIPPET_CONTEXT = 24


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
        self.match_kind: dict[int, int] = {}  # row index -> MATCH_*, for the rows of the last filter

    def set_rows(self, rows: Sequence[ApplicantRow]) -> None:
        self.rows = rows
        self.__post_init__()

    def matching(self, query: str) -> set[int]:
        """Indexes of rows whose name or key matches ``query`` fuzzily, or whose documents contain it."""
        return set(self.match_kinds(query))

    def match_kinds(self, query: str) -> dict[int, int]:
        """Row index -> how it matched ``query``: its name or key holds it (MATCH_NAME), matches it fuzzily
        (MATCH_FUZZY), or only its documents hold it (MATCH_DOCUMENTS)."""
        q = " ".join(query.casefold().split())
        if not q:
            return dict.fromkeys(range(len(self.rows)), MATCH_NAME)
        found = {i: MATCH_NAME for i, h in enumerate(self._haystacks) if q in h}
        if len(q) >= 3:
            for _, _, i in process.extract(q, self._haystacks, scorer=fuzz.partial_ratio, processor=None,
                                           limit=None, score_cutoff=FUZZY_CUTOFF):
                found.setdefault(i, MATCH_FUZZY)
        if self.texts:
            for i in self._text_matches(q):
                found.setdefault(i, MATCH_DOCUMENTS)
        return found

    def snippet(self, index: int) -> str:
        """Where the filter's words stand in the row's documents ("…supervisor marc renard, …"), or ""."""
        q = " ".join(self.filters.query.casefold().split())
        text = self.texts.get(self.rows[index].id, "") if q else ""
        at = text.find(q)
        if at < 0:
            return ""
        start, end = max(0, at - SNIPPET_CONTEXT), min(len(text), at + len(q) + SNIPPET_CONTEXT)
        return ("…" if start else "") + " ".join(text[start:end].split()) + ("…" if end < len(text) else "")

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
        """Row indexes passing the filters, in the chosen order: while filtering, the rows whose name or key
        matches come first, then fuzzy name matches, then rows matched in their documents only
        (``match_kind`` says which, per row index)."""
        f = self.filters
        kinds = self.match_kinds(f.query) if f.query.strip() else None
        self.match_kind = kinds or {}
        chosen = kinds if kinds is not None else range(len(self.rows))
        rows = self.rows
        keep = [
            i for i in chosen
            if (not f.eligible_only or rows[i].status == "eligible")
            and (not f.unscored_only or self._open(rows[i]))
        ]
        key = SORTS.get(f.sort, SORTS["key"])
        values = {i: key(rows[i]) for i in keep}
        known = sorted((i for i in keep if values[i] is not None), key=lambda i: (values[i], rows[i].key),
                       reverse=f.descending)
        unknown = sorted((i for i in keep if values[i] is None), key=lambda i: rows[i].key)
        order = known + unknown
        if kinds:
            order.sort(key=lambda i: kinds[i])  # stable: the chosen sort within each kind of match
        return order

    def sort_label(self) -> str:
        """The current sort as the status line names it ("experience ▼")."""
        f = self.filters
        return f"{SORT_LABELS.get(f.sort, f.sort)} {'▼' if f.descending else '▲'}"

    def _open(self, row: ApplicantRow) -> bool:
        if self.committee:
            return row.to_review and not row.submitted
        return row.scored < self.criteria_count

    def sorts(self, shown: Collection[str] | None = None) -> tuple[str, ...]:
        """The sort columns ``s`` cycles through: those the list shows (``shown``), in column order."""
        order = SORT_ORDER if self.committee else PLAIN_SORTS
        return tuple(s for s in order if shown is None or s in shown)

    def next_sort(self, shown: Collection[str] | None = None) -> None:
        """Sort by the next shown column, starting at its useful end (most experience first, A to Z)."""
        f, order = self.filters, self.sorts(shown)
        f.sort = order[(order.index(f.sort) + 1) % len(order)] if f.sort in order else order[0]
        f.descending = f.sort in STARTS_DESCENDING

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
