"""The chair overrides one eligibility rule of an applicant: which rule, pass or fail, and why."""

from __future__ import annotations

from typing import TYPE_CHECKING

from jpo_tui.services.committee import override_eligibility
from jpo_tui.services.queries import ApplicantDetail

from .base import jpo_app
from .forms import ChoiceDialog, Field, FormDialog
from .safe import clean

if TYPE_CHECKING:
    from .applicant import ApplicantScreen


def ask_override(screen: ApplicantScreen, detail: ApplicantDetail) -> None:
    """Three short steps (rule, pass/fail, reason), then the service (the rulebook decides who may); the screen
    reloads its rules."""
    app = jpo_app(screen.app)
    if not detail.rules:
        screen.notify("This applicant has not been screened yet.", severity="warning")
        return
    key = detail.key

    def chose_rule(rule: str | None) -> None:
        if rule:
            app.push_screen(ChoiceDialog(f"Override “{rule}” for {key}", [("pass", "✔ pass"), ("fail", "✘ fail")]),
                            lambda status: chose_status(rule, status))

    def chose_status(rule: str, status: str | None) -> None:
        if not status:
            return
        app.push_screen(FormDialog(
            f"Override “{rule}” to {status} for {key}", [Field("reason", "Reason (recorded and shown)")],
            check=lambda v: None if v["reason"].strip() else "An eligibility override needs a reason."),
            lambda answer: save(rule, status, answer["reason"]) if answer else None)

    def save(rule: str, status: str, reason: str) -> None:
        def done(_: object) -> None:
            screen.notify(f"{rule} overridden to {status}.", timeout=3)
            screen.load()

        app.call(override_eligibility, app.engine, detail.vacancy_id, app.who, key, rule, status, reason,
                     on_done=done)

    options = [(r.rule, f"{r.rule}: {r.status} — {clean(r.sentence, single_line=True)}") for r in detail.rules]
    app.push_screen(ChoiceDialog(f"Override eligibility of {key}: which rule?", options), chose_rule)
