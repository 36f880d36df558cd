"""The applicants list in memory: filtering (fuzzy, rapidfuzz) and sorting without touching the database.

No Textual here, so it can be measured and tested on its own.
"""

from __future__ import annotations

from bisect import bisect_right
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


@dataclass(frozen=True)
class JoinedTexts:
    """Every applicant's document text in one string (``\\x00`` between them), for one C search over all."""

    text: str
    starts: list[int]  # where each text starts in ``text``
    ids: list[int]  # whose text it is (applicant id)
    texts: Mapping[int, str]  # the texts it was made of


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
        self._name_cache: OrderedDict[str, tuple[int, ...]] = OrderedDict()  # query -> rows whose name holds it
        self._orders: dict[tuple[str, bool], list[int]] = {}  # (sort, descending) -> every row index, sorted
        self._progress: tuple[tuple[int, int, int], tuple[int, int, int]] | None = None
        self._progress_n = -1
        self._joined: JoinedTexts | None = None  # all texts in one string, for a scan of every document
        self._position = {r.id: i for i, r in enumerate(self.rows)}  # applicant id -> row index
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
        found = dict.fromkeys(self._name_matches(q), MATCH_NAME)
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

    def _name_matches(self, q: str) -> tuple[int, ...]:
        """Rows whose name or key holds ``q``, in row order; like the document texts, only the rows found for the
        best remembered part of ``q`` are searched again."""
        cache = self._name_cache
        if q in cache:
            cache.move_to_end(q)
            return cache[q]
        parts = [found for query, found in cache.items() if query in q]
        hay = self._haystacks
        if parts:
            found = tuple(i for i in min(parts, key=len) if q in hay[i])
        else:
            found = tuple(i for i, h in enumerate(hay) if q in h)
        cache[q] = found
        if len(cache) > TEXT_CACHE_SIZE:
            cache.popitem(last=False)
        return found

    @staticmethod
    def join_texts(texts: Mapping[int, str]) -> JoinedTexts:
        """Every document text in one string with where each applicant's starts (built once, off the UI thread)."""
        ids = [aid for aid, text in texts.items() if text]
        starts, at = [], 0
        for aid in ids:
            starts.append(at)
            at += len(texts[aid]) + 1
        return JoinedTexts("\x00".join(texts[aid] for aid in ids), starts, ids, texts)

    def set_texts(self, texts: Mapping[int, str], joined: JoinedTexts | None = None) -> None:
        """The casefolded document texts (and, when already built, their joined string)."""
        self.texts = texts
        self._joined = joined if joined is not None and joined.texts is texts else None
        self._text_cache.clear()

    def _scan_all_texts(self, q: str) -> frozenset[int]:
        """Rows whose documents hold ``q``, found in one string of every text (C's search, not a Python loop)."""
        if self._joined is None or self._joined.texts is not self.texts:
            self._joined = self.join_texts(self.texts)
        joined, starts, ids = self._joined.text, self._joined.starts, self._joined.ids
        position = self._position
        found: list[int] = []
        at = joined.find(q)
        while at >= 0:
            n = bisect_right(starts, at) - 1
            index = position.get(ids[n])
            if index is not None:
                found.append(index)
            at = joined.find(q, starts[n + 1]) if n + 1 < len(starts) else -1
        return frozenset(found)

    def _text_matches(self, q: str) -> frozenset[int]:
        """Rows whose documents contain ``q``, remembered for the last queries (backspace returns at once).

        A text holding ``q`` holds every part of it too: so only the rows found for the best remembered part
        of ``q`` (typically the previous keystroke's query) are searched again, not every document.
        """
        cache = self._text_cache
        if q in cache:
            cache.move_to_end(q)
            return cache[q]
        parts = [found for query, found in cache.items() if query in q and "\x00" not in q]
        candidates = min(parts, key=len) if parts else None
        rows, texts = self.rows, self.texts
        if candidates is None or len(candidates) > len(rows) // 4:
            found = self._scan_all_texts(q) if "\x00" not in q else frozenset()
            if candidates is not None:
                found &= candidates
        else:
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
        full = self._sorted(f.sort, f.descending)
        if len(keep) == len(rows):
            order = list(full)
        else:
            wanted = set(keep)
            order = [i for i in full if i in wanted]
        if kinds:
            groups: dict[int, list[int]] = {}
            for i in order:  # the chosen sort within each kind of match
                groups.setdefault(kinds[i], []).append(i)
            order = [i for kind in sorted(groups) for i in groups[kind]]
        return order

    def _sorted(self, sort: str, descending: bool) -> list[int]:
        """Every row index in the order of ``sort`` (unknown values last, by key); computed once per sort."""
        cached = self._orders.get((sort, descending))
        if cached is None:
            rows, key = self.rows, SORTS.get(sort, SORTS["key"])
            values = [key(r) for r in rows]
            known = sorted((i for i in range(len(rows)) if values[i] is not None),
                           key=lambda i: (values[i], rows[i].key), reverse=descending)
            unknown = sorted((i for i in range(len(rows)) if values[i] is None), key=lambda i: rows[i].key)
            cached = self._orders[(sort, descending)] = known + unknown
        return cached

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
        return self._counts()[1]

    def progress(self) -> tuple[int, int, int]:
        """(applicants I scored on every criterion, applicants, applicants I shortlisted)."""
        return self._counts()[0]

    def _counts(self) -> tuple[tuple[int, int, int], tuple[int, int, int]]:
        """Both progress counts, counted once per set of rows and criteria count (not per keystroke)."""
        n = self.criteria_count
        if self._progress is None or self._progress_n != n:
            rows = self.rows
            mine = [r for r in rows if r.to_review]
            self._progress_n = n
            self._progress = ((sum(1 for r in rows if n and r.scored >= n), len(rows),
                               sum(1 for r in rows if r.recommendation == "shortlist")),
                              (sum(1 for r in mine if r.submitted), len(mine),
                               sum(1 for r in rows if r.panel_state == "conflict")))
        return self._progress
