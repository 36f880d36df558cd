"""``?``: every key of the screen below, shown hidden ones included."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import Label, Static

from jpo_tui.committee.scoring import SCALE

from .dialogs import Dialog

GENERAL = [
    ("ctrl+p", "Command palette: import, export, switch vacancy / reviewer, theme, open an applicant"),
    ("tab / shift+tab", "Move between panels"),
    ("?", "This help"),
]
HIDDEN = {"app.help", "app.palette"}  # said once, in GENERAL
SIDEWAYS = {"scroll_left", "scroll_right", "page_left", "page_right"}  # nothing here scrolls sideways
# First among a screen's bindings, so that the footer shows "? Help" before anything an 80-column terminal cuts
HELP_BINDING = Binding("question_mark", "app.help", "Help", id="app.help", tooltip="Show every key")


SCORE_LEGEND = "Scores: " + " · ".join(f"{k} {v}" for k, v in SCALE.items())
CRITERIA_LEGEND = "Criteria: ● the documents name the criterion's keywords · ○ they do not"


def legend_of(screen: Screen) -> str:
    """What the screen's signs mean (its ``HELP_LEGEND``), shown under its keys."""
    return getattr(screen, "HELP_LEGEND", "")


class HelpScreen(Dialog):
    """Lists the bindings active on ``screen`` (taken before this screen opened)."""

    CSS_PATH = "dialogs.tcss"
    BINDINGS = [
        Binding("escape,q,question_mark", "close", "Close", id="help.close"),
        Binding("j", "scroll('down')", "Scroll down", show=False),
        Binding("k", "scroll('up')", "Scroll up", show=False),
    ]

    def __init__(self, screen: Screen, active: dict) -> None:
        super().__init__()
        self.below = screen
        self.active = active

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog wide", id="help"):
            yield Label(f"Keys — {type(self.below).__name__.removesuffix('Screen') or 'App'}", classes="title")
            with VerticalScroll(id="keys"):
                yield Static(id="keys-table")
            legend = legend_of(self.below)
            if legend:
                yield Label(Text(legend), classes="hint")

    def on_mount(self) -> None:
        # a rich table wraps long descriptions (a DataTable would cut them at 80 columns)
        table = Table(box=None, expand=True, padding=(0, 1), show_edge=False, header_style="bold")
        table.add_column("Key", no_wrap=True, style="bold")
        table.add_column("Action", ratio=1)
        for key, action in [*self.entries(), *GENERAL]:
            table.add_row(Text(key), Text(action))
        self.query_one("#keys-table", Static).update(table)
        self.query_one("#keys", VerticalScroll).focus()

    def action_scroll(self, direction: str) -> None:
        keys = self.query_one("#keys", VerticalScroll)
        if direction == "down":
            keys.scroll_down(animate=False)
        else:
            keys.scroll_up(animate=False)

    def entries(self) -> list[tuple[str, str]]:
        """(keys, what they do) of every binding that acts now: the screen's first, then the focused widget's.

        A key is listed only for the binding it triggers (the focused widget's before its containers'), and an
        action the screen disables now (a chair's key for a reviewer, the committee's keys without one) is left
        out."""
        focused = self.below.focused
        chain = list(focused.ancestors_with_self) if focused else [self.below, self.app]
        claimed: set[str] = set()
        found: dict[int, list[tuple[str, str]]] = {}
        for node in chain:  # the order in which Textual looks a key up
            for binding in getattr(node, "BINDINGS", []):
                if not isinstance(binding, Binding) or not binding.description or binding.id in HIDDEN:
                    continue
                action = binding.action.split("(")[0]
                if action in SIDEWAYS:
                    continue
                keys = [k.strip() for k in binding.key.split(",")]
                live = [k for k in keys if k not in claimed]
                if not action.startswith(("scroll_", "page_")):  # a container that cannot scroll lets keys through
                    claimed.update(keys)
                if not live or node.check_action(action, ()) is False:
                    continue
                key = binding.key_display or ", ".join(self.app.get_key_display(Binding(k, "")) for k in live)
                entry = (key, binding.tooltip or binding.description)
                if binding.action.startswith("score("):
                    entry = ("0-5", "Score the selected criterion (then move to the next)")
                found.setdefault(id(node), [])
                if entry not in found[id(node)]:
                    found[id(node)].append(entry)
        ordered = [self.below, *(n for n in chain if n is not self.below)]
        rows: list[tuple[str, str]] = []
        for node in ordered:
            rows.extend(e for e in found.get(id(node), []) if e not in rows)
        return rows

    def action_close(self) -> None:
        self.dismiss()
