"""The committee's members with their progress; the chair adds and removes members and assigns reviewers."""

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
from jpo_tui.services import views as committee_view
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


class MembersScreen(NewestLoadWins, Dialog):
    """Members, roles and progress; ``a`` adds, ``d`` removes, ``k`` assigns (chair)."""

    BINDINGS = [
        Binding("a", "add", "Add member", id="members.add"),
        Binding("d", "remove", "Remove", id="members.remove"),
        Binding("k", "assign", "Assign reviewers", id="members.assign"),
        Binding("q", "cancel", "Close", id="members.close"),
    ]

    def __init__(self, vacancy_id: str) -> None:
        super().__init__()
        self.vacancy_id = vacancy_id
        self.people: tuple[ReviewerProgress, ...] = ()

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog wide"):
            yield Label(Text(f"Committee of {clean(self.vacancy_id, single_line=True)}"), classes="title")
            yield DataTable(cursor_type="row", zebra_stripes=True, id="members")
            yield Label("a add · d remove · k assign reviewers (chair) · escape close", classes="hint")

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        table.add_columns("Member", "Role", "To review", "Submitted", "Skipped", "Abstained", "Conflicts")
        table.focus()
        self.load()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        return True  # the services refuse what the rulebook does not allow, with the reason

    def load(self) -> None:
        self._load(self.new_load())

    @work(thread=True, exclusive=True, exit_on_error=False, description="load the committee's progress")
    def _load(self, token: int) -> None:
        people = committee_view.committee_progress(self.jpo.engine, self.vacancy_id)
        self.app.call_from_thread(self._show, people, token)

    def _show(self, people: tuple[ReviewerProgress, ...], token: int) -> None:
        if not self.is_newest(token):
            return  # an older load finishing late
        self.people = people
        table = self.query_one(DataTable)
        table.clear()
        for p in people:
            table.add_row(Text(clean(p.name, single_line=True), style="bold" if p.role == "chair" else ""),
                          Text(p.role), Text(str(p.to_review)), Text(str(p.submitted)), Text(str(p.skipped)),
                          Text(str(p.abstained)), Text(str(p.conflicts)))

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
