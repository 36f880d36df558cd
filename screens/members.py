"""The committee's members with their review progress (for chasing reviewers: who has which applicants still to
submit); the chair adds and removes members, assigns reviewers and resets a member's passphrase; every member
changes their own passphrase."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import DataTable, Label

from jpo_tui.committee.assignments import AssignmentReport, ReviewerProgress
from jpo_tui.committee.members import MIN_PASSPHRASE, ROLES, Member
from jpo_tui.core.wording import counted
from jpo_tui.services import committee as committee_service
from jpo_tui.services.committee import add_member, assign, remove_member

from .dialogs import Dialog
from .forms import ConfirmDialog, Field, FormDialog
from .latest import NewestLoadWins
from .safe import clean

if TYPE_CHECKING:
    from .app import JpoApp


def ask_assignment(app: JpoApp) -> None:
    """Chair: how many reviewers per applicant (0: everyone scores everyone), then assign."""

    def check(v: dict[str, str]) -> str | None:
        return None if v["k"].strip().isdigit() else "A whole number: reviewers per applicant (0: everyone)."

    def done(report: AssignmentReport) -> None:
        if report.per_applicant == 0:
            app.notify("Every member scores every applicant.", timeout=4)
            return
        load = ", ".join(f"{name} {n}" for name, n in sorted(report.load.items()))
        short = f" Too few reviewers without a conflict for: {', '.join(report.short)}." if report.short else ""
        app.notify(f"{report.per_applicant} reviewers per applicant: {report.added} added, {report.removed} removed "
                   f"({load}).{short}", timeout=6, markup=False)

    def save(v: dict[str, str] | None) -> None:
        if v:
            app.call(assign, app.engine, app.vacancy_id, app.who, int(v["k"]), on_done=done)

    app.push_screen(FormDialog(
        "Assign reviewers", [Field("k", "Reviewers per applicant (0: everyone scores everyone)", "2")],
        hint="Balanced, conflicts respected, existing assignments kept; applicants screened ineligible are left out.",
        check=check), save)


def _passphrase_check(v: dict[str, str]) -> str | None:
    if len(v["new"]) < MIN_PASSPHRASE:
        return f"A passphrase needs at least {MIN_PASSPHRASE} characters."
    if v["new"] != v["again"]:
        return "The two new passphrases differ."
    return None


class MembersScreen(NewestLoadWins, Dialog):
    """Members, roles and review progress; ``a`` adds, ``d`` removes, ``k`` assigns, ``r`` resets a member's
    passphrase (chair); ``c`` changes one's own."""

    BINDINGS = [
        Binding("a", "add", "Add member", id="members.add"),
        Binding("d", "remove", "Remove", id="members.remove"),
        Binding("k", "assign", "Assign reviewers", id="members.assign"),
        Binding("c", "change_passphrase", "My passphrase", id="members.passphrase"),
        Binding("r", "reset_passphrase", "Reset passphrase", id="members.reset"),
        Binding("q", "cancel", "Close", id="members.close"),
    ]

    def __init__(self, vacancy_id: str) -> None:
        super().__init__()
        self.vacancy_id = vacancy_id
        self.people: tuple[ReviewerProgress, ...] = ()

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog wide"):
            yield Label(Text(f"Committee of {clean(self.vacancy_id, single_line=True)}: review progress"),
                        classes="title")
            yield DataTable(cursor_type="row", zebra_stripes=True, id="members")
            yield Label("", id="member-missing")
            yield Label("a add · d remove · k assign · r reset a passphrase (chair) · c my passphrase · "
                        "escape close", classes="hint")

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        table.focus()
        self.load()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        return True  # the services refuse what the rulebook does not allow, with the reason

    def load(self) -> None:
        self._load(self.new_load())

    @work(thread=True, exclusive=True, exit_on_error=False, description="load the committee's progress")
    def _load(self, token: int) -> None:
        from .app import refusal_text

        app = self.jpo
        try:
            people = committee_service.progress(app.engine, self.vacancy_id, app.who)
        except Exception as exc:  # noqa: BLE001 - a refusal, shown
            app.call_from_thread(app.notify, refusal_text(exc), severity="error", markup=False)
            return
        app.call_from_thread(self._show, people, token)

    def _show(self, people: tuple[ReviewerProgress, ...], token: int) -> None:
        if not self.is_newest(token):
            return  # an older load finishing late
        self.people = people
        table = self.query_one(DataTable)
        table.clear(columns=True)  # widths from the rows shown, the same however often it is loaded
        name_width = max([len("Member"), *(len(clean(p.name, single_line=True)) for p in people)])
        table.add_column("Member", width=min(name_width, 24))
        table.add_column("Role", width=max(len(r) for r in ROLES))
        for title in ("Assigned", "Submitted", "Skipped", "Abstained", "Missing"):
            table.add_column(title, width=len(title))
        for p in people:
            table.add_row(Text(clean(p.name, single_line=True), style="bold" if p.role == "chair" else ""),
                          Text(p.role), Text(str(p.to_review), justify="right"),
                          Text(str(p.submitted), justify="right"), Text(str(p.skipped), justify="right"),
                          Text(str(p.abstained), justify="right"),
                          Text(str(p.remaining), justify="right", style="bold yellow" if p.remaining else "green"))
        self._show_missing()

    def on_data_table_row_highlighted(self, _event: DataTable.RowHighlighted) -> None:
        self._show_missing()

    def _current(self) -> ReviewerProgress | None:
        row = self.query_one(DataTable).cursor_row
        return self.people[row] if 0 <= row < len(self.people) else None

    def _show_missing(self) -> None:
        p = self._current()
        out = Text()
        if p is not None:
            out.append(clean(p.name, single_line=True), style="bold")
            if not p.missing:
                out.append(": every assigned review submitted", style="green")
            else:
                out.append(f": {p.remaining} not submitted: ")
                shown = ", ".join(p.missing[:12]) + (f" and {len(p.missing) - 12} more" if len(p.missing) > 12 else "")
                out.append(clean(shown, single_line=True), style="yellow")
            if p.conflicts:
                out.append(f" · {counted(p.conflicts, 'conflict')} of interest", style="dim")
        self.query_one("#member-missing", Label).update(out)

    def action_add(self) -> None:
        def check(v: dict[str, str]) -> str | None:
            if not v["name"].strip():
                return "A member needs a name."
            if v["role"].strip() not in ROLES:
                return f"A role is one of: {', '.join(ROLES)}."
            if v["passphrase"] and len(v["passphrase"]) < MIN_PASSPHRASE:
                return f"A passphrase needs at least {MIN_PASSPHRASE} characters."
            return None

        def added(member: Member) -> None:
            self.notify(f"{member.name} is a {member.role} on this committee.", markup=False)
            self.load()

        def save(v: dict[str, str] | None) -> None:
            if v:
                app = self.jpo
                app.call(add_member, app.engine, self.vacancy_id, app.who, v["name"].strip(), v["role"].strip(),
                         v["passphrase"] or None, on_done=added)

        self.app.push_screen(FormDialog(
            "Add a committee member",
            [Field("name", "Name"), Field("role", "Role (reviewer or chair)", "reviewer"),
             Field("passphrase", "Initial passphrase (new people only; they can change it)", password=True)],
            check=check), save)

    def action_remove(self) -> None:
        row = self.query_one(DataTable).cursor_row
        if not 0 <= row < len(self.people):
            return
        name = self.people[row].name

        def answer(yes: bool | None) -> None:
            if yes:
                app = self.jpo
                app.call(remove_member, app.engine, self.vacancy_id, app.who, name,
                             on_done=lambda _: self.load())

        self.app.push_screen(ConfirmDialog(f"Remove {name}?", "Their assignments go; submitted scores stay on "
                                           "record."), answer)

    def action_assign(self) -> None:
        ask_assignment(self.jpo)

    def action_change_passphrase(self) -> None:
        """The signed-in member replaces their own passphrase (the current one first)."""
        app = self.jpo
        member = app.member
        if member is None:
            return

        def save(v: dict[str, str] | None) -> None:
            if v:
                from jpo_tui.services.acting import Login

                app.call(committee_service.change_passphrase, app.engine, self.vacancy_id,
                         Login(member.name, v["current"]), v["new"],
                         on_done=lambda done: self.notify(done.message, markup=False))

        app.push_screen(FormDialog(
            f"Change the passphrase of {member.name}",
            [Field("current", "Current passphrase", password=True), Field("new", "New passphrase", password=True),
             Field("again", "New passphrase again", password=True)], check=_passphrase_check, compact=True), save)

    def action_reset_passphrase(self) -> None:
        """The chair gives the highlighted member a new passphrase (they forgot theirs); audited."""
        from jpo_tui.committee.rules import Action
        from jpo_tui.services.acting import refusal_for

        app = self.jpo
        p = self._current()
        if p is None:
            return
        why = refusal_for(app.engine, self.vacancy_id, app.who, Action.RESET_PASSPHRASE)
        if why:
            self.notify(why, severity="warning", markup=False)
            return

        def save(v: dict[str, str] | None) -> None:
            if v:
                app.call(committee_service.reset_passphrase, app.engine, self.vacancy_id, app.who,
                         p.name, v["new"], on_done=lambda done: self.notify(done.message, markup=False))

        app.push_screen(FormDialog(
            f"Reset the passphrase of {p.name}",
            [Field("new", "New passphrase (give it to them in person)", password=True),
             Field("again", "New passphrase again", password=True)],
            hint="Recorded in the audit trail. They then choose their own (c on this screen, or "
                 "jpo-tui committee passphrase).", check=_passphrase_check, compact=True), save)
