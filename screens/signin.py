"""Signing in to a vacancy that has a committee: the member's passphrase, or a clear refusal."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Input, Label

from jpo_tui.committee.members import CommitteeError, Member
from jpo_tui.services import views as committee_view

from .dialogs import Dialog
from .safe import clean

if TYPE_CHECKING:
    from .app import JpoApp

MAX_TRIES = 3


def sign_in(app: JpoApp, vacancy_id: str, then: Callable[[str, Member | None], None]) -> None:
    """Call ``then(vacancy_id, member)`` once the app's reviewer may open the vacancy (member None: no
    committee); otherwise ask the passphrase, or say why the vacancy stays closed."""
    while len(app.screen_stack) > 1:  # nothing of the previous identity stays on screen
        app.pop_screen()
    app.member = None
    if app.reviewer is None:
        raise RuntimeError("sign_in needs the reviewer's name first")
    name = app.reviewer.name
    ctx = committee_view.context(app.engine, vacancy_id, name)
    if not ctx.has_committee:
        then(vacancy_id, None)
        return

    def closed(message: str) -> None:
        app.push_screen(ClosedDialog(message), lambda choice: _after_closed(app, vacancy_id, choice))

    if not ctx.is_member:
        closed(f"{name} is not on the committee of vacancy {vacancy_id}: only its members can open it. "
               "Ask the chair to add you, or sign in under another name.")
        return

    def signed(result: Member | str | None) -> None:
        if isinstance(result, Member):
            then(vacancy_id, result)
        else:
            closed(result or f"Not signed in: vacancy {vacancy_id} stays closed.")

    app.push_screen(PassphraseDialog(vacancy_id, name, ctx.role), signed)


def _after_closed(app: JpoApp, vacancy_id: str, choice: str | None) -> None:
    if choice == "quit":
        app.exit()
    elif choice == "vacancy":
        app.choose_vacancy()
    else:
        app.ask_reviewer(then=lambda: app.open_vacancy(vacancy_id))


class PassphraseDialog(Dialog):
    """Asks a committee member's passphrase; three wrong answers close it."""

    def __init__(self, vacancy_id: str, name: str, role: str) -> None:
        super().__init__()
        self.vacancy_id, self.member_name, self.role = vacancy_id, name, role
        self.tries = 0

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(Text(f"Sign in to {clean(self.vacancy_id, single_line=True)}"), classes="title")
            yield Label(Text(f"{clean(self.member_name, single_line=True)} · committee {self.role}. "
                             "Your passphrase, please (escape cancels)."), classes="hint")
            yield Input(password=True, placeholder="passphrase", id="passphrase", max_length=1000)
            yield Label("", id="signin-error", classes="error")

    @on(Input.Submitted)
    def submitted(self, event: Input.Submitted) -> None:
        if event.value:
            event.input.disabled = True
            self.check(event.value)

    @work(thread=True, exclusive=True, exit_on_error=False, description="check the passphrase")
    def check(self, passphrase: str) -> None:
        app = self.jpo
        try:
            member = committee_view.sign_in(app.engine, self.vacancy_id, self.member_name, passphrase)
        except CommitteeError as exc:
            app.call_from_thread(self._refused, str(exc))
            return
        app.call_from_thread(self.dismiss, member)

    def _refused(self, reason: str) -> None:
        self.tries += 1
        if self.tries >= MAX_TRIES:
            self.dismiss(f"{MAX_TRIES} wrong passphrases for {self.member_name}: vacancy {self.vacancy_id} "
                         "stays closed.")
            return
        left = MAX_TRIES - self.tries
        self.query_one("#signin-error", Label).update(
            Text(f"Wrong passphrase — {left} {'try' if left == 1 else 'tries'} left.", style="bold red"))
        box = self.query_one(Input)
        box.value = ""
        box.disabled = False
        box.focus()


class ClosedDialog(Dialog):
    """Says why the vacancy stays closed and offers another name, another vacancy or quitting."""

    BINDINGS = [
        Binding("r", "choose('reviewer')", "Another name", id="closed.reviewer"),
        Binding("v", "choose('vacancy')", "Another vacancy", id="closed.vacancy"),
        Binding("q", "choose('quit')", "Quit", id="closed.quit"),
    ]

    def __init__(self, message: str) -> None:
        super().__init__()
        self.message = message

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label("Vacancy closed", classes="title")
            yield Label(Text(clean(self.message)), id="closed-message")
            yield Label("r: sign in under another name · v: another vacancy · q: quit", classes="hint")

    def action_choose(self, choice: str) -> None:
        self.dismiss(choice)

    def action_cancel(self) -> None:
        self.dismiss("reviewer")
