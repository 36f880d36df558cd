"""The applicants list: a Line-API ScrollView that renders only the visible rows (fast with 10,000 rows)."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

from rich.cells import set_cell_size
from rich.segment import Segment
from rich.style import Style
from textual.binding import Binding
from textual.cache import LRUCache
from textual.events import Click
from textual.geometry import Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from jpo_tui.core.countries import country_abbreviation
from jpo_tui.services.queries import ApplicantRow

from ..listmodel import MATCH_DOCUMENTS
from ..safe import clean
from .row_cursor import ROW_BINDINGS, RowCursor

BADGES = {"eligible": "✔ eligible", "ineligible": "✘ ineligible", "review": "? review"}
MARKS = {"shortlist": "★", "maybe": "~", "reject": "✘"}
DEGREES = {"doctorate": "doctorate", "master": "master", "bachelor": "bachelor", "secondary": "secondary"}


NAME_MAX = 30  # past this width the name column gives its room to the nationality first
NATIONALITY_MAX = 32  # "Democratic Republic of the Congo"
CONFLICT_TEXT = "conflict — hidden"
MERGED = ("coverage", "total", "panel")  # a conflicted row shows CONFLICT_TEXT across these columns


def columns(width: int, criteria: int, committee: bool = False) -> list[tuple[str, str, int]]:
    """(sort name, header, width) of each column for a list ``width`` cells wide (``committee``: with the
    committee's aggregate, "Panel", as the viewer may see it)."""
    cov = max(3, criteria)
    cols = [("mark", "★", 1), ("key", "Key", 8), ("name", "Name", 0), ("nationality", "Nationality", 11),
            ("age", "Age", 3), ("degree", "Degree", 9), ("experience", "Exp.", 5),
            ("eligibility", "Eligibility", 12), ("coverage", "Criteria", max(cov, 8)), ("total", "Mine", 4)]
    if committee:
        cols.append(("panel", "Panel", 6))
    if width < 100:
        cols = [c for c in cols if c[0] != "degree"]
        cols = [(n, h, 8) if n == "nationality" else (n, h, w) for n, h, w in cols]
    fixed = sum(w for _, _, w in cols) + len(cols) - 1
    name_width = max(10, width - fixed)
    nationality_width = next(w for n, _, w in cols if n == "nationality")
    # a name wider than NAME_MAX gives its room to whole country names ("Democratic Republic of the Congo")
    grant = max(0, min(name_width - NAME_MAX, NATIONALITY_MAX - nationality_width))
    name_width, nationality_width = name_width - grant, nationality_width + grant
    return [(n, h, name_width if n == "name" else nationality_width if n == "nationality" else w)
            for n, h, w in cols]


def nationality_text(nationality: str, width: int) -> str:
    """The country's name where it fits the column, else its ISO code ("COD" for a narrow column)."""
    if len(nationality) <= width:
        return nationality
    return country_abbreviation(nationality) or nationality


def experience_text(months: float) -> str:
    """Months as years with one decimal ("3.2y")."""
    return f"{months / 12:.1f}y"


class ApplicantList(RowCursor, ScrollView, can_focus=True):
    """Rows are light records kept in memory; ``order`` is the list of row indexes shown."""

    BINDINGS = [
        *ROW_BINDINGS,
        Binding("enter", "open", "Open", id="list.open", show=False),  # a convention: in ? help, not the footer
    ]
    COMPONENT_CLASSES = {
        "applicant-list--cursor", "applicant-list--eligible", "applicant-list--ineligible",
        "applicant-list--review", "applicant-list--covered", "applicant-list--missing", "applicant-list--mark",
        "applicant-list--header", "applicant-list--sorted", "applicant-list--conflict",
    }
    DEFAULT_CSS = """
    ApplicantList { height: 1fr; overflow-x: hidden; }  /* rows always fit the width: no sideways scrolling */
    ApplicantList > .applicant-list--cursor { background: $block-cursor-background; color: $block-cursor-foreground; text-style: bold; }
    ApplicantList:blur > .applicant-list--cursor { background: $block-cursor-blurred-background; text-style: none; }
    ApplicantList > .applicant-list--eligible { color: $text-success; }
    ApplicantList > .applicant-list--ineligible { color: $text-error; }
    ApplicantList > .applicant-list--review { color: $text-warning; }
    ApplicantList > .applicant-list--covered { color: $text-accent; }
    ApplicantList > .applicant-list--missing { color: $text-muted; }  /* readable on light themes too */
    ApplicantList > .applicant-list--mark { color: $text-warning; text-style: bold; }
    ApplicantList > .applicant-list--header { background: $panel; text-style: bold; }
    ApplicantList > .applicant-list--sorted { background: $panel; text-style: bold underline; }
    ApplicantList > .applicant-list--conflict { color: $text-error; text-style: italic; }
    """

    cursor: reactive[int] = reactive(0, always_update=True)

    class Opened(Message):
        """Enter (or a double click) on a row."""

        def __init__(self, applicant_id: int) -> None:
            super().__init__()
            self.applicant_id = applicant_id

    class Highlighted(Message):
        def __init__(self, applicant_id: int | None) -> None:
            super().__init__()
            self.applicant_id = applicant_id

    def __init__(self, *, name: str | None = None, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(name=name, id=id, classes=classes)
        self.rows: Sequence[ApplicantRow] = ()
        self.order: list[int] = []
        self.criteria_count = 0
        self.committee = False
        self.sort_column = "key"
        self.descending = False
        self._cache: LRUCache[tuple, Strip] = LRUCache(1024)
        self.match_kind: Mapping[int, int] = {}  # row index -> how it matched the filter (listmodel.MATCH_*)
        self.snippet: Callable[[int], str] = lambda index: ""

    # ---- data -------------------------------------------------------------------------------------------

    def set_data(self, rows: Sequence[ApplicantRow], order: list[int], criteria_count: int,
                 *, keep_id: int | None = None, match_kind: Mapping[int, int] | None = None,
                 snippet: Callable[[int], str] | None = None) -> None:
        """Show ``order`` (indexes into ``rows``); the cursor stays on ``keep_id`` when it is still shown.
        ``match_kind`` and ``snippet`` say why a row passes the filter (a row matched in its documents only
        shows where)."""
        if rows is not self.rows or criteria_count != self.criteria_count:
            self._cache.clear()  # rows are frozen: the same rows draw the same, whatever the filter shows
        if match_kind or self.match_kind:
            self._cache.clear()  # a row matched in its documents shows the words of this filter
        self.match_kind, self.snippet = match_kind or {}, snippet or (lambda index: "")
        self.rows, self.order, self.criteria_count = rows, order, criteria_count
        size = Size(self.size.width, len(order) + 1)
        if size != self.virtual_size:
            self.virtual_size = size
        position = 0
        if keep_id is not None:
            position = next((n for n, i in enumerate(order) if rows[i].id == keep_id), 0)
        self.cursor = position
        self.refresh()

    def set_sort(self, column: str, descending: bool) -> None:
        if (column, descending) != (self.sort_column, self.descending):
            self.sort_column, self.descending = column, descending
            self.refresh()  # the header shows the sort; the rows are drawn from the cache

    @property
    def current_id(self) -> int | None:
        if 0 <= self.cursor < len(self.order):
            return self.rows[self.order[self.cursor]].id
        return None

    def visible_ids(self) -> list[int]:
        """Applicant ids in the order shown."""
        return [self.rows[i].id for i in self.order]

    def move_to(self, applicant_id: int) -> None:
        position = next((n for n, i in enumerate(self.order) if self.rows[i].id == applicant_id), None)
        if position is not None:
            self.cursor = position

    # ---- cursor -----------------------------------------------------------------------------------------

    def validate_cursor(self, value: int) -> int:
        return max(0, min(value, len(self.order) - 1)) if self.order else 0

    def watch_cursor(self, old: int, new: int) -> None:
        self.refresh()
        self._scroll_to_cursor()
        self.post_message(self.Highlighted(self.current_id))

    def _scroll_to_cursor(self) -> None:
        # viewport line 0 is the pinned header: row p is drawn on line p - scroll_y + 1
        height = self.scrollable_content_region.height
        top = int(self.scroll_offset.y)
        if self.cursor < top:
            self.scroll_to(y=self.cursor, animate=False, force=True)
        elif height > 1 and self.cursor > top + height - 2:
            self.scroll_to(y=self.cursor - height + 2, animate=False, force=True)

    def row_count(self) -> int:
        return len(self.order)

    def action_open(self) -> None:
        if self.current_id is not None:
            self.post_message(self.Opened(self.current_id))

    def on_click(self, event: Click) -> None:
        if event.y == 0:
            return
        self.cursor = int(self.scroll_offset.y) + event.y - 1
        if event.chain >= 2:
            self.action_open()

    def notify_style_update(self) -> None:
        self._cache.clear()  # a new theme: every row is drawn again
        super().notify_style_update()

    def on_resize(self) -> None:
        self._cache.clear()
        self.virtual_size = Size(self.size.width, len(self.order) + 1)

    # ---- rendering --------------------------------------------------------------------------------------

    def _style(self, name: str) -> Style:
        return self.get_component_rich_style(f"applicant-list--{name}", partial=True)

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        if y == 0:
            return self._header(width)
        scroll_y = int(self.scroll_offset.y)
        position = scroll_y + y - 1  # line 0 of the viewport is the pinned header
        if not 0 <= position < len(self.order):
            return Strip.blank(width, self.rich_style)
        index = self.order[position]
        row = self.rows[index]
        key = (row.id, width, position == self.cursor, self.has_focus)
        strip = self._cache.get(key)
        if strip is None:
            found_in = self.snippet(index) if self.match_kind.get(index) == MATCH_DOCUMENTS else ""
            strip = self._row(row, width, position == self.cursor, found_in)
            self._cache[key] = strip
        return strip

    def _header(self, width: int) -> Strip:
        base = self.rich_style + self._style("header")
        segments = []
        for n, (name, title, w) in enumerate(columns(width, self.criteria_count, self.committee)):
            if n:
                segments.append(Segment(" ", base))
            if name == self.sort_column and title:
                title = f"{title}{'▼' if self.descending else '▲'}"
            style = base + self._style("sorted") if name == self.sort_column else base
            segments.append(Segment(set_cell_size(title, w), style))
        return Strip(segments).adjust_cell_length(width, base)

    def _row(self, row: ApplicantRow, width: int, is_cursor: bool, found_in: str = "") -> Strip:
        base = self.rich_style
        if is_cursor:
            base = base + self._style("cursor")
        cells: list[list[Segment]] = []
        merged = 0
        for name, _, w in columns(width, self.criteria_count, self.committee):
            if row.panel_state == "conflict" and name in MERGED:
                merged += w + (1 if merged else 0)
                continue
            cells.append(self._name_cell(row, w, base, found_in) if name == "name" and found_in
                         else self._cell(row, name, w, base))
        if merged:
            cells.append([Segment(set_cell_size(CONFLICT_TEXT, merged), base + self._style("conflict"))])
        segments: list[Segment] = []
        for n, cell in enumerate(cells):
            if n:
                segments.append(Segment(" ", base))
            segments.extend(cell)
        return Strip(segments).adjust_cell_length(width, base)

    def _name_cell(self, row: ApplicantRow, w: int, base: Style, found_in: str) -> list[Segment]:
        """The name, then where the filter's words stand in the documents (the name itself did not match)."""
        name = clean(row.name or "(no name)", single_line=True)
        where = set_cell_size(" ¶ " + clean(found_in, single_line=True), max(0, w - len(name)))
        return [Segment(name[:w], base), Segment(where, base + self._style("missing"))] if len(name) < w \
            else [Segment(set_cell_size(name, w), base)]

    def _cell(self, row: ApplicantRow, name: str, w: int, base: Style) -> list[Segment]:
        def text(value: str, extra: Style | None = None, right: bool = False) -> list[Segment]:
            value = clean(value, single_line=True)
            if right:
                value = value.rjust(w)
            return [Segment(set_cell_size(value, w), base + extra if extra else base)]

        if name == "mark":
            return text(MARKS.get(row.recommendation, " "), self._style("mark"))
        if name == "key":
            return text(row.key)
        if name == "name":
            return text(row.name or "(no name)")
        if name == "nationality":
            return text(nationality_text(row.nationality, w) or "?")
        if name == "age":
            return text("?" if row.age is None else str(row.age), right=True)
        if name == "degree":
            return text(DEGREES.get(row.degree, "none"))
        if name == "experience":
            return text(experience_text(row.experience_months), right=True)
        if name == "eligibility":
            return text(BADGES.get(row.status, "? review"), self._style(row.status if row.status in BADGES else "review"))
        if name == "coverage":
            covered, missing = self._style("covered"), self._style("missing")
            marks = [Segment("●" if c else "○", base + (covered if c else missing)) for c in row.coverage]
            return [*marks, Segment(" " * max(0, w - len(marks)), base)]
        if name == "total":
            mine = "—" if row.total is None else f"{row.total:.1f}"
            return text(mine + ("✓" if row.submitted else " ") if self.committee else mine, right=True)
        if name == "panel":
            if row.panel_state in ("hidden", ""):  # "": the committee's columns are still loading
                return text("hidden" if row.panel_state else "…", self._style("missing"))
            value = "—" if row.panel is None else f"{row.panel:.2f}"
            return text(value + ("!" if row.disagreement else " "), self._style("mark") if row.disagreement else None,
                        right=True)
        return text("")
