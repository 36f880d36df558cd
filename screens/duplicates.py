"""The applications that may be one person, with why; the chair decides per pair: the same person (one kept,
the other withdrawn) or different people (dismissed). Decisions are kept by key: re-imports keep them."""

from __future__ import annotations

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import DataTable, Label

from jpo_tui.committee.rules import Action
from jpo_tui.services import facts as service
from jpo_tui.services.acting import refusal_for

from .dialogs import Dialog
from .forms import ChoiceDialog, Field, FormDialog
from .latest import NewestLoadWins
from .safe import clean


class DuplicatesScreen(NewestLoadWins, Dialog):
    """Suspected pairs; ``s`` the same person (choose the one kept), ``d`` different people (chair)."""

    BINDINGS = [
        Binding("s", "same", "Same person", id="duplicates.same"),
        Binding("d", "different", "Different people", id="duplicates.different"),
        Binding("q", "cancel", "Close", id="duplicates.close"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.pairs: list[service.DuplicatePair] = []

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog wide"):
            yield Label(Text("Possible duplicates"), classes="title")
            yield DataTable(cursor_type="row", zebra_stripes=True, id="pairs")
            yield Label("", id="pairs-empty", classes="hint")
            yield Label("s same person (keep one) · d different people · escape close", classes="hint")

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        table.add_columns("Applications", "Decision", "Why", "Names")
        table.focus()
        self.load()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        return True  # the services refuse what the rulebook does not allow, with the reason

    def _after_decision(self, done: object) -> None:
        self.app.notify(getattr(done, "message", ""), timeout=4, markup=False)
        self.load()

    def load(self) -> None:
        self._load(self.new_load())

    @work(thread=True, exclusive=True, group="duplicates", exit_on_error=False)
    def _load(self, token: int) -> None:
        app = self.app
        try:
            pairs = service.duplicates(app.engine, app.vacancy_id, app.who)  # type: ignore[attr-defined]
        except Exception as exc:  # noqa: BLE001 - a refusal, one line
            app.call_from_thread(self.dismiss, None)
            app.call_from_thread(app.notify, str(exc), severity="error", markup=False)
            return
        app.call_from_thread(self._show, pairs, token)

    def _show(self, pairs: list[service.DuplicatePair], token: int) -> None:
        if not self.is_newest(token):
            return
        self.pairs = pairs
        table = self.query_one(DataTable)
        cursor = table.cursor_row
        table.clear()
        for p in pairs:
            if p.decision == "same":
                decided = f"same: {p.kept} kept ({p.by})"
            elif p.decision == "different":
                decided = f"different people ({p.by})"
            else:
                decided = "open"
            names = p.name_a if p.name_a == p.name_b else f"{p.name_a} / {p.name_b}"
            table.add_row(clean(f"{p.key_a} / {p.key_b}", single_line=True),
                          Text(clean(decided, single_line=True), style="bold yellow" if not p.decision else ""),
                          clean(p.why, single_line=True), clean(names, single_line=True))
        if pairs:
            table.move_cursor(row=min(max(cursor, 0), len(pairs) - 1))
        self.query_one("#pairs-empty", Label).update("" if pairs else "No possible duplicates in this vacancy.")

    def _pair(self) -> service.DuplicatePair | None:
        table = self.query_one(DataTable)
        if not self.pairs or not 0 <= table.cursor_row < len(self.pairs):
            return None
        return self.pairs[table.cursor_row]

    def _decide(self, pair: service.DuplicatePair, decision: str, kept: str = "") -> None:
        app = self.app

        def save(answer: dict[str, str] | None) -> None:
            if answer:
                app.call(service.decide_duplicate, app.engine, app.vacancy_id, app.who, pair.key_a,  # type: ignore[attr-defined]
                         pair.key_b, decision, answer["reason"], kept,
                         on_done=self._after_decision)

        gone = pair.key_b if kept == pair.key_a else pair.key_a
        title = (f"The same person: keep {kept}, withdraw {gone}" if decision == "same"
                 else f"{pair.key_a} and {pair.key_b} are different people")
        self.app.push_screen(FormDialog(title, [Field("reason", "Reason", placeholder="required")],
                                        hint="Kept by key: a re-import keeps the decision.",
                                        check=lambda v: None if v["reason"].strip() else "Give a reason."), save)

    def _allowed(self) -> bool:
        app = self.app
        why = refusal_for(app.engine, app.vacancy_id, app.who, Action.DECIDE_DUPLICATE)  # type: ignore[attr-defined]
        if why:
            app.notify(why, severity="error", markup=False)
        return not why

    def action_same(self) -> None:
        pair = self._pair()
        if pair is None or not self._allowed():
            return

        def chosen(kept: str | None) -> None:
            if kept:
                self._decide(pair, "same", kept)

        self.app.push_screen(ChoiceDialog("Which application is kept?", [
            (pair.key_a, f"{pair.key_a}  {pair.name_a}"), (pair.key_b, f"{pair.key_b}  {pair.name_b}")],
            hint="The other is withdrawn: not assigned to reviewers; both stay in the audit trail."), chosen)

    def action_different(self) -> None:
        pair = self._pair()
        if pair is not None and self._allowed():
            self._decide(pair, "different")
