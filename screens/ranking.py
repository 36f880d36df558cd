"""The chair's screen: the ranked list with aggregates, spread, disagreement, conflicts and decisions.

Decisions are pending until applied together (``A``); slots, locking and exports go straight to the domain,
which re-checks the chair's role in the database on every action.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import Static

from jpo_tui.committee.aggregate import ApplicantAggregate
from jpo_tui.committee.decisions import DecisionChange
from jpo_tui.committee.rules import Action
from jpo_tui.core.wording import counted
from jpo_tui.services import committee as committee_service
from jpo_tui.services import queries
from jpo_tui.services import views as committee_view
from jpo_tui.services.acting import refusal_for
from jpo_tui.services.queries import CriterionInfo
from jpo_tui.services.views import RankingView

from .base import JpoNode
from .forms import ChoiceDialog, ConfirmDialog, Field, FormDialog
from .help import HELP_BINDING
from .latest import NewestLoadWins
from .safe import clean
from .slots import ask_slot
from .widgets.committee_panel import DECISIONS
from .widgets.footer import SteadyFooter
from .widgets.table_view import Column, TableView

ELIGIBILITY = {"eligible": ("✔", "green"), "ineligible": ("✘", "red"), "review": ("?", "yellow")}
DECISION_STYLES = {"short_list": "bold green", "long_list": "cyan", "not_suitable": "red", "": "dim"}


def _num(value: float | None) -> str:
    return "—" if value is None else f"{value:.2f}"


class RankingScreen(JpoNode, NewestLoadWins, Screen):
    """Ranking of one vacancy for its chair."""

    CSS_PATH = "ranking.tcss"
    BINDINGS = [
        HELP_BINDING,
        Binding("s", "decide('short_list')", "Short", id="ranking.short", tooltip="Short list (pending)"),
        Binding("l", "decide('long_list')", "Long", id="ranking.long", tooltip="Long list (pending)"),
        Binding("x", "decide('not_suitable')", "Unsuitable", id="ranking.unsuitable",
                tooltip="Not suitable (pending)"),
        Binding("u", "decide('')", "Undecided", id="ranking.undecided", show=False,
                tooltip="Clear the decision (pending)"),
        Binding("delete,backspace", "drop_pending", "Drop pending", id="ranking.drop", show=False,
                tooltip="Forget the pending change of this applicant"),
        Binding("A", "apply", "Apply", id="ranking.apply", tooltip="Apply every pending change in one batch"),
        Binding("o", "override_rank", "Place by hand", id="ranking.override", show=False,
                tooltip="Place this applicant at a rank by hand, with a reason (pending)"),
        Binding("t", "slot", "Slot", id="ranking.slot", tooltip="Interview slot of a short-listed applicant"),
        Binding("m", "toggle_method", "Mean/median", id="ranking.method", show=False,
                tooltip="Aggregate reviewers' totals by mean or median"),
        Binding("z", "toggle_normalised", "Normalised", id="ranking.normalised", show=False,
                tooltip="Show the z-score normalised aggregate and rank by it"),
        Binding("L", "lock", "Lock ranking", id="ranking.lock", show=False,
                tooltip="Lock the ranking: no score or decision changes afterwards"),
        Binding("E", "export", "Export", id="ranking.export",
                tooltip="Export the shortlist, ranking, sheets, report or interview calendar"),
        Binding("enter", "open", "Open", id="ranking.open", show=False, tooltip="Open the applicant"),
        Binding("ctrl+r", "reload", "Reload", id="ranking.reload", show=False),
        Binding("escape,q", "close", "Back", id="ranking.back"),
    ]

    def __init__(self, vacancy_id: str) -> None:
        super().__init__()
        self.vacancy_id = vacancy_id
        self.method: str | None = None  # None: the vacancy's stored choice
        self.normalised = False
        self.view: RankingView | None = None
        self.criteria: tuple[CriterionInfo, ...] = ()
        self.pending: dict[int, DecisionChange] = {}  # applicant id -> change not applied yet

    def compose(self) -> ComposeResult:
        yield Static("loading…", id="ranking-title")
        yield TableView(id="ranking")
        yield Static(id="ranking-detail")
        yield Static(id="ranking-status")
        yield SteadyFooter()

    def on_mount(self) -> None:
        self.query_one(TableView).focus()
        self.load()

    def on_screen_resume(self) -> None:
        if self.view is not None:
            self.load()

    # ---- loading ------------------------------------------------------------------------------------------

    def load(self) -> None:
        self._load(self.new_load())

    @work(thread=True, exclusive=True, group="ranking", exit_on_error=False, description="load the ranking")
    def _load(self, token: int) -> None:
        app = self.jpo
        view = committee_view.ranking_view(app.engine, self.vacancy_id, app.viewer, method=self.method,
                                           by_normalised=self.normalised)
        criteria = queries.vacancy_criteria(app.engine, self.vacancy_id)
        app.call_from_thread(self._loaded, view, criteria, token)

    def _loaded(self, view: RankingView, criteria: tuple[CriterionInfo, ...], token: int) -> None:
        if not self.is_newest(token):
            return  # an older load finishing late: a newer one is on its way
        self.view, self.criteria = view, criteria
        self.method = view.ranking.method
        self._redraw()

    @property
    def rows(self) -> tuple[ApplicantAggregate, ...]:
        return self.view.ranking.rows if self.view is not None else ()

    @property
    def current(self) -> ApplicantAggregate | None:
        rows, cursor = self.rows, self.query_one(TableView).cursor
        return rows[cursor] if 0 <= cursor < len(rows) else None

    def _columns(self) -> list[Column]:
        method = (self.method or "mean").capitalize()
        cols = [Column("rank", "#", 3, right=True), Column("key", "Key", 8), Column("name", "Name", 0),
                Column("elig", "El.", 3), Column("agg", method, 6, right=True)]
        if self.normalised:
            cols.append(Column("norm", "Norm", 5, right=True))
        cols += [Column("spread", "Spr.", 5, right=True), Column("flag", "!", 1), Column("reviews", "Rev", 3, right=True),
                 Column("conflicts", "Conflicts", 14, min_table_width=110), Column("decision", "Decision", 13),
                 Column("slot", "Interview", 32, min_table_width=150)]
        return cols

    def _cells(self, r: ApplicantAggregate) -> dict[str, Text]:
        view = self.view
        assert view is not None
        mark, colour = ELIGIBILITY.get(r.eligibility, ("?", "yellow"))
        who = view.conflicts.get(r.applicant_id, ())
        cells = {
            "rank": Text(str(r.rank) if r.rank else "—"),
            "key": Text(clean(r.key, single_line=True)),
            "name": Text(clean(r.name or "(no name)", single_line=True)),
            "elig": Text(f" {mark}", style=colour),
            "agg": Text(_num(r.aggregate), style="bold") if r.visible else Text("hidden", style="dim"),
            "norm": Text(_num(r.normalised)),
            "spread": Text(_num(r.spread)),
            "flag": Text("⚑", style="bold red") if r.disagreement else Text(""),
            "reviews": Text(str(r.reviews)),
            "conflicts": Text(", ".join(clean(w, single_line=True) for w in who), style="red"),
            "slot": Text(view.slots.get(r.applicant_id, "")),
        }
        change = self.pending.get(r.applicant_id)
        if change is not None and (change.status is not None or change.rank is not None):
            label = DECISIONS.get(change.status, "") if change.status is not None else DECISIONS.get(r.decision, "")
            extra = f" @{change.rank}" if change.rank else ""
            cells["decision"] = Text(f"→{label}{extra}*", style="bold italic yellow")
        else:
            cells["decision"] = Text(DECISIONS.get(r.decision, r.decision), style=DECISION_STYLES.get(r.decision, ""))
        return cells

    def _redraw(self) -> None:
        view = self.view
        if view is None:
            return
        table = view.ranking
        title = Text(no_wrap=True, overflow="ellipsis")
        title.append("Ranking ", style="bold")
        title.append(clean(self.vacancy_id, single_line=True), style="bold")
        basis = "normalised " if table.by_normalised else ""
        title.append(f"  {basis}{table.method} of weighted totals (0-5) · ⚑ spread > {table.threshold:g}")
        if table.locked:
            title.append("  🔒 locked", style="bold yellow")
        self.query_one("#ranking-title", Static).update(title)
        self.query_one(TableView).set_table(self._columns(), [self._cells(r) for r in table.rows])
        self._show_detail()
        self._show_status()

    def _show_detail(self) -> None:
        r = self.current
        box = self.query_one("#ranking-detail", Static)
        if r is None or self.view is None:
            box.update(Text("No applicant in this vacancy yet.", style="italic"))
            return
        out = Text(no_wrap=True, overflow="ellipsis")
        out.append(clean(r.key, single_line=True), style="bold")
        out.append(" ")
        out.append(clean(r.name or "(no name)", single_line=True))
        if r.visible:
            out.append(f" · mean {_num(r.mean)} · median {_num(r.median)} · normalised {_num(r.normalised)}"
                       f" · spread {_num(r.spread)} · {counted(r.reviews, 'review')}")
        else:
            out.append(" · ")
            out.append(clean(r.hidden_reason, single_line=True), style="italic")
        notes = []
        who = self.view.conflicts.get(r.applicant_id, ())
        if who:
            notes.append("conflicted: " + ", ".join(who))
        if r.disagreement:
            notes.append("reviewers disagree: discuss")
        for note in (r.override, r.tie_break, self.view.slots.get(r.applicant_id, "")):
            if note:
                notes.append(note)
        change = self.pending.get(r.applicant_id)
        if change is not None and change.reason:
            notes.append(f"pending reason: {change.reason}")
        out.append("\n")
        out.append(clean(" · ".join(notes), single_line=True) if notes else "—", style="dim")
        box.update(out)

    def _show_status(self) -> None:
        view = self.view
        status = Text(no_wrap=True, overflow="ellipsis")
        if self.pending:
            status.append(f"{len(self.pending)} pending change{'s' if len(self.pending) > 1 else ''}",
                          style="bold yellow")
            status.append(" (A applies, delete drops one) · ")
        if view is not None:
            decided = sum(1 for r in view.ranking.rows if r.decision == "short_list")
            status.append(f"{decided} short-listed · {counted(view.submitted, 'review')} submitted by {counted(view.members, 'member')}")
            status.append("   m mean/median · z normalised · o place by hand · L lock", style="dim")
        self.query_one("#ranking-status", Static).update(status)

    @on(TableView.Highlighted)
    def highlighted(self) -> None:
        self._show_detail()

    @on(TableView.Selected)
    def selected(self) -> None:
        self.action_open()

    # ---- decisions: pending, then applied together --------------------------------------------------------

    def _editable(self, action: Action = Action.DECIDE) -> ApplicantAggregate | None:
        """The current row, when the rulebook lets the person take ``action`` on it now (else says why)."""
        r = self.current
        if r is None or self.view is None:
            return None
        app = self.jpo
        why = refusal_for(app.engine, self.vacancy_id, app.who, action, r.applicant_id)
        if why:
            self.notify(why, severity="warning", markup=False)
            return None
        return r

    def _set_pending(self, r: ApplicantAggregate, **changes: Any) -> None:
        change = self.pending.get(r.applicant_id) or DecisionChange(r.key)
        self.pending[r.applicant_id] = replace(change, **changes)
        self._redraw()

    def action_decide(self, status: str) -> None:
        r = self._editable()
        if r is not None:
            self._set_pending(r, status=status)
            self.query_one(TableView).cursor += 1

    def action_drop_pending(self) -> None:
        r = self.current
        if r is not None and self.pending.pop(r.applicant_id, None) is not None:
            self._redraw()

    def action_override_rank(self) -> None:
        r = self._editable(Action.PLACE_RANK)
        if r is None:
            return

        def check(v: dict[str, str]) -> str | None:
            if not v["rank"].strip().isdigit():
                return "A rank is a whole number (0 clears a rank placed by hand)."
            if int(v["rank"]) and not v["reason"].strip():
                return "Placing an applicant by hand needs a reason."
            return None

        def done(v: dict[str, str] | None) -> None:
            if v:
                self._set_pending(r, rank=int(v["rank"]), reason=v["reason"].strip())

        self.app.push_screen(FormDialog(
            f"Place {r.key} by hand", [Field("rank", "Rank (0 clears it)", str(r.rank or "")),
                                       Field("reason", "Reason (recorded and shown)")],
            hint=f"Computed rank: {r.rank or '—'}. The change is pending until you apply (A).", check=check), done)

    def action_apply(self, reason: str = "") -> None:
        if not self.pending:
            self.notify("No pending change to apply.", timeout=2)
            return
        changes = [c if c.reason or not reason else replace(c, reason=reason) for c in self.pending.values()]
        app = self.jpo
        app.call(committee_service.decide, app.engine, self.vacancy_id, app.who, changes,
                     on_done=self._applied, on_error=self._apply_refused)

    def _applied(self, lines: list[str]) -> None:
        self.pending.clear()
        self.notify(f"{len(lines)} decision{'s' if len(lines) != 1 else ''} applied.", timeout=3)
        self.load()

    def _apply_refused(self, exc: Exception) -> None:
        message = str(exc)
        if isinstance(exc, ValueError) and "reason" in message:
            self.app.push_screen(FormDialog(
                "A reason is needed", [Field("reason", "Reason (recorded with each change that lacks one)")],
                hint=message, check=lambda v: None if v["reason"].strip() else "Give a reason, or escape."),
                lambda v: self.action_apply(v["reason"].strip()) if v else None)
            return
        self.notify(message, severity="error", markup=False)

    # ---- slots, aggregation, lock, export -----------------------------------------------------------------

    def action_slot(self) -> None:
        r = self.current
        if r is None:
            return
        if r.decision != "short_list":
            self.notify(f"{r.key} is not on the short list (apply the decision first): only short-listed "
                        "applicants get an interview slot.", severity="warning", markup=False)
            return
        ask_slot(self, r, self.view.slots.get(r.applicant_id, "") if self.view else "")

    def action_toggle_method(self) -> None:
        self.method = "median" if (self.method or "mean") == "mean" else "mean"
        app = self.jpo
        if self.view is not None and not self.view.ranking.locked:
            app.call(committee_service.set_aggregation, app.engine, self.vacancy_id, app.who, self.method,
                         on_done=lambda _: self.load())
        else:
            self.load()

    def action_toggle_normalised(self) -> None:
        self.normalised = not self.normalised
        self.load()

    def action_lock(self) -> None:
        if self.view is not None and self.view.ranking.locked:
            self.notify("The ranking is already locked.", timeout=2)
            return
        if self.pending:
            self.notify("Apply (A) or drop the pending changes before locking.", severity="warning")
            return

        def locked(_: object) -> None:
            self.notify("Ranking locked.", timeout=3)
            self.load()

        def answer(yes: bool | None) -> None:
            if yes:
                app = self.jpo
                app.call(committee_service.lock, app.engine, self.vacancy_id, app.who, on_done=locked)

        self.app.push_screen(ConfirmDialog(
            "Lock the ranking?", "No score or decision can change afterwards (re-opening needs a reason, "
            "from the command line: jpo-tui unlock)."), answer)

    def action_export(self) -> None:
        from .exporting import CHOICES, default_path, write_export

        app = self.jpo

        def chosen(choice: str | None) -> None:
            if not choice:
                return
            app.push_screen(FormDialog("Export to", [Field("path", "File", str(default_path(self.vacancy_id, choice)))],
                                       check=lambda v: None if v["path"].strip() else "Give a file name."),
                            lambda v: write(choice, Path(v["path"].strip())) if v else None)

        def write(choice: str, path: Path) -> None:
            app.call(write_export, app.engine, self.vacancy_id, app.who, choice, path,
                     on_done=lambda _: self.notify(f"Exported to {path}", timeout=4, markup=False))

        app.push_screen(ChoiceDialog("Export", CHOICES), chosen)

    # ---- navigation ---------------------------------------------------------------------------------------

    def action_open(self) -> None:
        from .applicant import ApplicantScreen

        r = self.current
        if r is None:
            return
        order = [x.applicant_id for x in self.rows]
        self.app.push_screen(ApplicantScreen(r.applicant_id, order, self.criteria))

    def action_reload(self) -> None:
        self.load()

    def action_close(self) -> None:
        self.dismiss()
