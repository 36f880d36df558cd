"""``?``: every key of the screen below, shown hidden ones included."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen, Screen
from textual.widgets import DataTable, Label

from jpo_tui.scoring import SCALE

GENERAL = [
    ("ctrl+p", "Command palette: import, export, switch vacancy / reviewer, theme, open an applicant"),
    ("tab / shift+tab", "Move between panels"),
    ("?", "This help"),
]


class HelpScreen(ModalScreen):
    """Lists the bindings active on ``screen`` (taken before this screen opened)."""

    CSS_PATH = "dialogs.tcss"
    BINDINGS = [Binding("escape,q,question_mark", "close", "Close", id="help.close")]

    def __init__(self, screen: Screen, active: dict) -> None:
        super().__init__()
        self.below = screen
        self.active = active

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog wide"):
            yield Label(f"Keys — {type(self.below).__name__.removesuffix('Screen') or 'App'}", classes="title")
            yield DataTable(cursor_type="row", zebra_stripes=True, id="keys")
            yield Label(Text("Scores: " + " · ".join(f"{k} {v}" for k, v in SCALE.items())), classes="hint")

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        table.add_columns("Key", "Action")
        seen: set[tuple[str, str]] = set()
        rows: list[tuple[str, str]] = []
        for node in [self.below, *self.below.focused.ancestors_with_self] if self.below.focused else [self.below]:
            for binding in getattr(node, "BINDINGS", []):
                if not isinstance(binding, Binding) or not binding.description:
                    continue
                key = binding.key_display or ", ".join(
                    self.app.get_key_display(Binding(k.strip(), "")) for k in binding.key.split(","))
                entry = (key, binding.tooltip or binding.description)
                if entry[1] == "Score" or binding.action.startswith("score("):
                    entry = ("0-5", "Score the selected criterion (then move to the next)")
                if entry not in seen:
                    seen.add(entry)
                    rows.append(entry)
        for key, action in [*rows, *GENERAL]:
            table.add_row(Text(key, style="bold"), Text(action))
        table.focus()

    def action_close(self) -> None:
        self.dismiss()
