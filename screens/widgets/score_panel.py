"""The scoring panel: one row per criterion (weight, score 0-5 with its meaning, comment), overall comment,
recommendation and the live weighted total."""

from __future__ import annotations

from collections.abc import Sequence

from rich.cells import set_cell_size
from rich.console import Group, RenderableType
from rich.style import Style
from rich.text import Text
from textual.binding import Binding
from textual.geometry import Region, Spacing
from textual.message import Message
from textual.reactive import reactive
from textual.widget import Widget

from jpo_tui.committee.scoring import SCALE, ReviewState, weighted_total
from jpo_tui.services.queries import CriterionInfo

from ..safe import clean
from .document_view import hit_style

HEAD_LINES = 2  # the weighted total and the scale, above the criteria
RECOMMENDATION_LABELS = {"shortlist": "★ shortlist", "maybe": "~ maybe", "reject": "✘ reject", "": "— none"}


class ScorePanel(Widget, can_focus=True):
    """Shows a review; the screen changes it through :meth:`set_state` and reads :attr:`cursor`."""

    BINDINGS = [
        Binding("up,k", "cursor_up", "Previous criterion", show=False),
        Binding("down,j", "cursor_down", "Next criterion", show=False),
    ]
    DEFAULT_CSS = """
    ScorePanel { height: auto; padding: 0 1; }
    ScorePanel:focus { background-tint: $foreground 4%; }
    """

    cursor: reactive[int] = reactive(0)

    class CursorMoved(Message):
        def __init__(self, index: int) -> None:
            super().__init__()
            self.index = index

    def __init__(self, criteria: Sequence[CriterionInfo] = (), hit_counts: dict[int, int] | None = None,
                 *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.criteria = tuple(criteria)
        self.hit_counts = hit_counts or {}
        self.state = ReviewState()

    def set_state(self, state: ReviewState) -> None:
        self.state = state
        self.refresh(layout=True)

    def validate_cursor(self, value: int) -> int:
        return max(0, min(value, len(self.criteria) - 1)) if self.criteria else 0

    def watch_cursor(self) -> None:
        self.refresh()
        self.show_cursor()

    def show_cursor(self) -> None:
        """Scroll the selected criterion into sight (after the next refresh)."""
        self.call_after_refresh(self._scroll_to_cursor)

    def _scroll_to_cursor(self) -> None:
        # in a short scrolling column (80x24) keep the selected criterion visible, with the live total above it
        # when both fit
        line = HEAD_LINES + self.cursor + sum(1 for c in self.criteria[:self.cursor] if self.state.comments.get(c.id))
        parent = self.parent
        if isinstance(parent, Widget) and parent.is_scrollable:
            top = self.virtual_region.y
            if line + 2 <= parent.scrollable_content_region.height:
                parent.scroll_to_region(Region(0, top, 1, line + 2), animate=False)
            else:
                parent.scroll_to_region(Region(0, top + line, 1, 1), animate=False, spacing=Spacing(1, 0, 1, 0))

    def action_cursor_up(self) -> None:
        self.cursor -= 1

    def action_cursor_down(self) -> None:
        self.cursor += 1

    @property
    def total(self) -> float | None:
        return weighted_total(self.state.scores, {c.id: c.weight for c in self.criteria})

    def render(self) -> RenderableType:
        width = max(20, self.content_region.width or 40)
        state = self.state
        total = self.total
        scored = sum(1 for c in self.criteria if c.id in state.scores)
        scale = Text("Scale: " + " · ".join(f"{k} {v}" for k, v in SCALE.items()), style="dim")
        lines: list[Text] = [Text.assemble(  # first, so that it stays in sight while scoring (HEAD_LINES)
            ("Weighted total: ", "bold"), ("—" if total is None else f"{total:.2f} / 5", "bold"),
            (f"   {scored}/{len(self.criteria)} scored", "dim"), ("   (submitted)" if state.submitted else "", "dim")),
            scale]
        name_width = max(8, width - 24)
        for n, crit in enumerate(self.criteria):
            value = state.scores.get(crit.id)
            pointer = "▶" if n == self.cursor else " "
            line = Text(no_wrap=True, overflow="ellipsis")
            line.append(f"{pointer} ", style="bold" if n == self.cursor else "")
            line.append("■ ", style=hit_style(n) + _plain_bg())
            line.append(set_cell_size(clean(crit.name, single_line=True), name_width),
                        style="bold" if n == self.cursor else "")
            line.append(f" ×{crit.weight:g} ", style="dim")
            if value is None:
                line.append("[ ]", style="dim")
                line.append(" not scored", style="dim italic")
            else:
                line.append(f"[{value}]", style="bold")
                line.append(f" {SCALE[value]}")
            if n == self.cursor:
                line.stylize("reverse" if self.has_focus else "underline")
            lines.append(line)
            comment = state.comments.get(crit.id)
            if comment:
                lines.append(Text("    ↳ " + clean(comment, single_line=True), style="italic", no_wrap=True,
                                  overflow="ellipsis"))
        lines.append(Text(""))
        overall = clean(state.comment, single_line=True) if state.comment else "—"
        lines.append(Text.assemble(("Comment ", "bold"), ("(o): ", "dim"), overall, no_wrap=True, overflow="ellipsis"))
        lines.append(Text.assemble(("Recommendation ", "bold"), ("(s/m/x): ", "dim"),
                                   RECOMMENDATION_LABELS.get(state.recommendation, "—")))
        return Group(*lines)


def _plain_bg() -> Style:
    return Style(underline=False)
