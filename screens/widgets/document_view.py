"""A document's text with keyword hits highlighted in their criterion's colour (Line API, wraps to width)."""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence

from rich.style import Style
from rich.text import Text
from textual.binding import Binding
from textual.geometry import Size
from textual.scroll_view import ScrollView
from textual.strip import Strip

from ..safe import clean

# Background colours readable under black text on light and dark themes; hits are also underlined.
HIT_COLOURS = ("#f4a261", "#7ec8e3", "#e9c46a", "#90be6d", "#c9a0ff", "#f28482", "#a0c4ff", "#ffd6a5")


def hit_style(criterion_index: int) -> Style:
    return Style(color="black", bgcolor=HIT_COLOURS[criterion_index % len(HIT_COLOURS)], underline=True)


def wrap_offsets(text: str, width: int) -> list[tuple[int, int]]:
    """(start, end) offsets of each screen line when ``text`` is wrapped at ``width`` cells (words kept whole)."""
    width = max(8, width)
    lines: list[tuple[int, int]] = []
    pos = 0
    for raw in text.split("\n"):
        end_of_line = pos + len(raw)
        start = pos
        while end_of_line - start > width:
            cut = text.rfind(" ", start, start + width + 1)
            if cut <= start:
                cut = start + width
                lines.append((start, cut))
                start = cut
            else:
                lines.append((start, cut))
                start = cut + 1
        lines.append((start, end_of_line))
        pos = end_of_line + 1
    return lines


class DocumentView(ScrollView, can_focus=True):
    """Shows one document; ``hits`` are (start, end, criterion index) spans into its text."""

    BINDINGS = [
        Binding("up,k", "scroll_up", "Scroll up", show=False),
        Binding("down,j", "scroll_down", "Scroll down", show=False),
        Binding("pageup", "page_up", "Page up", show=False),
        Binding("pagedown,space", "page_down", "Page down", show=False),
        Binding("home,g", "scroll_home", "Top", show=False),
        Binding("end,G", "scroll_end", "Bottom", show=False),
    ]
    DEFAULT_CSS = """
    DocumentView { height: 1fr; padding: 0 1; }
    """

    def __init__(self, text: str = "", hits: Sequence[tuple[int, int, int]] = (), *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.text = clean(text)
        self.hits = sorted(hits)
        self.current: int | None = None  # index into hits of the hit shown as "current"
        self._lines: list[tuple[int, int]] = []
        self._starts: list[int] = []
        self._width = 0

    def set_document(self, text: str, hits: Sequence[tuple[int, int, int]]) -> None:
        """Show another document (in place: nothing is mounted)."""
        self.text = clean(text)
        self.hits = sorted(hits)
        self.current = None
        self._lines, self._starts, self._width = [], [], 0
        self.scroll_to(y=0, animate=False, force=True)
        self._layout()
        self.refresh()

    def _layout(self) -> None:
        width = self.scrollable_content_region.width
        if width == self._width and self._lines:
            return
        self._width = width
        self._lines = wrap_offsets(self.text, width)
        self._starts = [s for s, _ in self._lines]
        self.virtual_size = Size(width, len(self._lines))

    def on_resize(self) -> None:
        self._width = 0
        self._layout()
        self.refresh()

    def line_of(self, offset: int) -> int:
        """The screen line showing character ``offset``."""
        self._layout()
        return max(0, bisect_right(self._starts, offset) - 1)

    def show_hit(self, index: int) -> None:
        """Mark hit ``index`` as current and scroll it into the middle of the view."""
        self.current = index
        start = self.hits[index][0]
        line = self.line_of(start)
        height = self.scrollable_content_region.height or 1
        self.scroll_to(y=max(0, line - height // 3), animate=False, force=True)
        self.refresh()

    def render_line(self, y: int) -> Strip:
        self._layout()
        width = self._width
        number = y + int(self.scroll_offset.y)
        if number >= len(self._lines):
            return Strip.blank(width, self.rich_style)
        start, end = self._lines[number]
        line = Text(self.text[start:end], no_wrap=True, end="")
        for n, (h_start, h_end, crit) in enumerate(self.hits):
            if h_end <= start or h_start >= end:
                continue
            style = hit_style(crit)
            if n == self.current:
                style = style + Style(bold=True, reverse=True)
            line.stylize(style, max(0, h_start - start), min(end, h_end) - start)
        segments = list(line.render(self.app.console))
        return Strip(segments).adjust_cell_length(width, self.rich_style).apply_style(self.rich_style)
