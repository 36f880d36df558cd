"""A read-only table of rich Text cells drawn with the Line API: only the visible rows are rendered, the header
is pinned, columns too wide for the terminal are dropped (``min_width``) and one column takes the rest."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from rich.text import Text
from textual.cache import LRUCache
from textual.events import Click
from textual.geometry import Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from .row_cursor import ROW_BINDINGS, RowCursor


@dataclass(frozen=True)
class Column:
    key: str
    title: str
    width: int  # 0: takes the width the others leave
    right: bool = False
    min_table_width: int = 0  # shown only when the table is at least this wide


def layout(columns: Sequence[Column], width: int) -> list[tuple[Column, int]]:
    """The columns shown at ``width`` with their widths (one space between columns)."""
    shown = [c for c in columns if width >= c.min_table_width]
    fixed = sum(c.width for c in shown) + max(len(shown) - 1, 0)
    return [(c, c.width or max(8, width - fixed)) for c in shown]


class TableView(RowCursor, ScrollView, can_focus=True):
    """``rows`` are lists of Text, one per column key, in the order given to :meth:`set_table`."""

    BINDINGS = [
        *ROW_BINDINGS,
    ]
    COMPONENT_CLASSES = {"table-view--cursor", "table-view--header"}
    DEFAULT_CSS = """
    TableView { height: 1fr; overflow-x: hidden; }  /* rows always fit the width: no sideways scrolling */
    TableView > .table-view--cursor { background: $block-cursor-background; color: $block-cursor-foreground; }
    TableView:blur > .table-view--cursor { background: $block-cursor-blurred-background; }
    TableView > .table-view--header { background: $panel; text-style: bold; }
    """

    cursor: reactive[int] = reactive(0, always_update=True)

    class Highlighted(Message):
        def __init__(self, index: int) -> None:
            super().__init__()
            self.index = index

    class Selected(Message):
        def __init__(self, index: int) -> None:
            super().__init__()
            self.index = index

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.columns: tuple[Column, ...] = ()
        self.rows: Sequence[dict[str, Text]] = ()
        self._cache: LRUCache[tuple, Strip] = LRUCache(512)

    def set_table(self, columns: Sequence[Column], rows: Sequence[dict[str, Text]], cursor: int | None = None) -> None:
        """Show ``rows`` (column key -> cell); the cursor stays where it was unless ``cursor`` is given."""
        self.columns, self.rows = tuple(columns), rows
        self._cache.clear()
        self.virtual_size = Size(self.size.width, len(rows) + 1)
        self.cursor = self.cursor if cursor is None else cursor
        self.refresh()

    def validate_cursor(self, value: int) -> int:
        return max(0, min(value, len(self.rows) - 1)) if self.rows else 0

    def watch_cursor(self) -> None:
        self._cache.clear()
        self.refresh()
        height = self.scrollable_content_region.height
        top = int(self.scroll_offset.y)
        if self.cursor < top:
            self.scroll_to(y=self.cursor, animate=False, force=True)
        elif height > 1 and self.cursor > top + height - 2:
            self.scroll_to(y=self.cursor - height + 2, animate=False, force=True)
        self.post_message(self.Highlighted(self.cursor))

    def row_count(self) -> int:
        return len(self.rows)

    def on_click(self, event: Click) -> None:
        if event.y == 0:
            return
        self.cursor = int(self.scroll_offset.y) + event.y - 1
        if event.chain >= 2 and self.rows:
            self.post_message(self.Selected(self.cursor))

    def on_resize(self) -> None:
        self._cache.clear()
        self.virtual_size = Size(self.size.width, len(self.rows) + 1)

    def _line(self, cells: dict[str, Text] | None, width: int) -> Text:
        line = Text(no_wrap=True, end="")
        for n, (col, w) in enumerate(layout(self.columns, width)):
            if n:
                line.append(" ")
            cell = (cells or {}).get(col.key) if cells is not None else Text(col.title)
            cell = cell.copy() if cell is not None else Text("")
            cell.no_wrap = True
            cell.truncate(w, overflow="ellipsis")
            if col.right:
                cell.pad_left(w - cell.cell_len)
            else:
                cell.pad_right(w - cell.cell_len)
            line.append_text(cell)
        return line

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        base = self.rich_style
        if y == 0:
            header = self._line(None, width)
            style = base + self.get_component_rich_style("table-view--header", partial=True)
            return Strip(header.render(self.app.console)).apply_style(style).adjust_cell_length(width, style)
        position = int(self.scroll_offset.y) + y - 1
        if not 0 <= position < len(self.rows):
            return Strip.blank(width, base)
        is_cursor = position == self.cursor
        key = (position, width, is_cursor, self.has_focus)
        strip = self._cache.get(key)
        if strip is None:
            line = self._line(self.rows[position], width)
            if is_cursor:
                line.stylize(self.get_component_rich_style("table-view--cursor", partial=True))
            strip = Strip(line.render(self.app.console)).apply_style(base).adjust_cell_length(width, base)
            self._cache[key] = strip
        return strip
