"""The rulebook's (action, role) matrix, performed through both adapters.

For each action that both the CLI and the app offer, and each role (chair, reviewer, a chair and a reviewer with a
conflict of interest with the applicant concerned, the single user of a vacancy without a committee; every action
of the rulebook x every role, a stranger too, is checked through the services in
``tests/unit/test_rules_matrix.py``), the action is taken
once with ``jpo-tui ...`` (``main()``) and once in the app with Pilot, each on its own copy of the same database.
Both must allow it, or both refuse it with the rulebook's own one-line reason.
"""

from __future__ import annotations

import shutil
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from sqlmodel import select

from jpo_tui.cli.main import main
from jpo_tui.committee import rules
from jpo_tui.committee.members import declare_conflict
from jpo_tui.committee.rules import Action
from jpo_tui.screens.app import JpoApp
from jpo_tui.services.acting import Login, actor_in
from jpo_tui.store import models as m
from jpo_tui.store.db import open_database, session_scope
from tests.ui.committee import PASSPHRASES, key_ids, make_committee, sign_in
from tests.ui.conftest import screen_text, settle

SUBJECT = "A1001"  # the applicant an applicant-scoped action concerns (the conflicted chair's conflict)
ROLES = ("chair", "reviewer", "conflicted", "conflicted_reviewer", "solo")
ACTING = {"chair": "chair", "reviewer": "ana", "conflicted": "chair", "conflicted_reviewer": "ben", "solo": "alice"}


@dataclass(frozen=True)
class Case:
    action: Action
    about_subject: bool  # the action concerns SUBJECT (so a conflict with it matters)
    cli: Callable[[str, Path], list[str]]  # (db url, tmp folder) -> argv after --db/--reviewer
    app: Callable[[JpoApp, object, Path], Awaitable[None]]  # performs it with Pilot
    done: Callable[[str], bool]  # (db url) -> whether the action took effect


async def _ranking(app, pilot):  # noqa: ANN001, ANN202
    from jpo_tui.screens.ranking import RankingScreen

    await pilot.press("R")
    await settle(app, pilot)
    assert isinstance(app.screen, RankingScreen), type(app.screen).__name__
    return app.screen


async def _lock_in_app(app, pilot, tmp: Path) -> None:  # noqa: ANN001
    await _ranking(app, pilot)
    await pilot.press("L")
    await settle(app, pilot)
    await pilot.press("y")
    await settle(app, pilot)


async def _decide_in_app(app, pilot, tmp: Path) -> None:  # noqa: ANN001
    from jpo_tui.screens.forms import FormDialog
    from jpo_tui.screens.widgets.table_view import TableView

    screen = await _ranking(app, pilot)
    keys = [r.key for r in screen.rows]
    screen.query_one(TableView).cursor = keys.index(SUBJECT)
    await pilot.press("l", "A")
    await settle(app, pilot)
    if isinstance(app.screen, FormDialog):  # a reason asked (the decision goes against the ranking)
        await pilot.press(*"matrix", "enter")
        await settle(app, pilot)


async def _export_json_in_app(app, pilot, tmp: Path) -> None:  # noqa: ANN001
    from textual.widgets import Input

    app.open_export()  # the command palette's "Export vacancy (JSON)"
    await settle(app, pilot)
    app.screen.query_one("#export-path", Input).value = str(tmp / "app.json")
    await pilot.press("enter")
    await settle(app, pilot)


async def _export_ranking_in_app(app, pilot, tmp: Path) -> None:  # noqa: ANN001
    from textual.widgets import Input

    from jpo_tui.screens.exporting import CHOICES

    await _ranking(app, pilot)
    await pilot.press("E")
    await settle(app, pilot)
    await pilot.press(*["down"] * [c for c, _ in CHOICES].index("ranking:csv"), "enter")
    await settle(app, pilot)
    app.screen.query_one("#field-path", Input).value = str(tmp / "app.csv")
    await pilot.press("enter")
    await settle(app, pilot)


async def _assign_in_app(app, pilot, tmp: Path) -> None:  # noqa: ANN001
    from textual.widgets import Input

    app.ask_assignment()
    await settle(app, pilot)
    app.screen.query_one("#field-k", Input).value = "0"
    await pilot.press("enter")
    await settle(app, pilot)


def _locked(url: str) -> bool:
    engine = open_database(url, upgrade=False)
    with session_scope(engine) as session:
        state = session.exec(select(m.VacancyState)).first()
        return bool(state and state.locked)


def _decided(url: str) -> bool:
    engine = open_database(url, upgrade=False)
    with session_scope(engine) as session:
        row = session.exec(select(m.Decision).join(m.Applicant, m.Applicant.id == m.Decision.applicant_id)
                           .where(m.Applicant.key == SUBJECT)).first()
        return row is not None and row.status == "long_list"


def _exported(url: str) -> bool:
    engine = open_database(url, upgrade=False)
    with session_scope(engine) as session:
        return session.exec(select(m.AuditEvent).where(m.AuditEvent.action == "export")).first() is not None


def _assigned(url: str) -> bool:
    engine = open_database(url, upgrade=False)
    with session_scope(engine) as session:
        return session.exec(select(m.AuditEvent).where(m.AuditEvent.action.like("assign%"))).first() is not None  # type: ignore[attr-defined]


CASES = {
    Action.LOCK: Case(Action.LOCK, False, lambda url, tmp: ["lock"], _lock_in_app, _locked),
    Action.DECIDE: Case(Action.DECIDE, True, lambda url, tmp: ["decide", SUBJECT, "--status", "long_list",
                                                                 "--reason", "matrix"], _decide_in_app, _decided),
    Action.EXPORT_VACANCY: Case(Action.EXPORT_VACANCY, False,
                                lambda url, tmp: ["export", "--format", "json", "--out", str(tmp / "cli.json")],
                                _export_json_in_app, _exported),
    Action.EXPORT_RANKING: Case(Action.EXPORT_RANKING, False,
                                lambda url, tmp: ["export", "--format", "csv", "--what", "ranking", "--out",
                                                  str(tmp / "cli.csv")], _export_ranking_in_app, _exported),
    Action.ASSIGN: Case(Action.ASSIGN, False, lambda url, tmp: ["assign", "--everyone"], _assign_in_app,
                        _assigned),
}


def _prepare(sample_db, role: str) -> None:  # noqa: ANN001
    if role == "solo":
        return
    make_committee(sample_db.engine, sample_db.vacancy_id)
    if role in ("conflicted", "conflicted_reviewer"):
        with session_scope(sample_db.engine, write=True) as session:
            declare_conflict(session, sample_db.vacancy_id, ACTING[role], key_ids(sample_db.engine,
                                                                                 sample_db.vacancy_id)[SUBJECT],
                             "former colleague")


def _expected(url: str, vacancy_id: str, role: str, case: Case) -> str | None:
    """The rulebook's answer (None: allowed), for the acting person as the services read them."""
    engine = open_database(url, upgrade=False)
    name = ACTING[role]
    with session_scope(engine) as session:
        actor = actor_in(session, vacancy_id, Login(name, PASSPHRASES.get(name)))
    subject = key_ids(engine, vacancy_id)[SUBJECT] if case.about_subject else None
    return rules.refusal(actor, case.action, subject, applicant_key=SUBJECT)


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("action", list(CASES), ids=lambda a: a.value)
async def test_cli_and_app_allow_or_refuse_alike(action: Action, role: str, sample_db, tmp_path: Path,  # noqa: ANN001
                                                 monkeypatch: pytest.MonkeyPatch,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    case = CASES[action]
    _prepare(sample_db, role)
    sample_db.engine.dispose()
    app_db = tmp_path / "app.db"
    shutil.copyfile(sample_db.path, app_db)
    name = ACTING[role]
    expected = _expected(sample_db.url, sample_db.vacancy_id, role, case)

    # the CLI
    if role == "solo":
        monkeypatch.delenv("JPO_PASSPHRASE", raising=False)
    else:
        monkeypatch.setenv("JPO_PASSPHRASE", PASSPHRASES[name])
    capsys.readouterr()
    rc = main(["--db", sample_db.url, "--reviewer", name, *case.cli(sample_db.url, tmp_path)])
    err = capsys.readouterr().err
    if expected is None:
        assert rc == 0, err
        assert case.done(sample_db.url)
    else:
        assert rc == 2 and err.strip() == f"jpo-tui: {expected}"
        assert not case.done(sample_db.url)

    # the app (Pilot), on its own copy of the same database
    engine = open_database(f"sqlite:///{app_db}", upgrade=False)
    app = JpoApp(engine=engine, reviewer=name, import_workers=1)
    async with app.run_test(size=(160, 48)) as pilot:
        if role == "solo":
            await settle(app, pilot)
        else:
            await sign_in(app, pilot, PASSPHRASES[name])
        await case.app(app, pilot, tmp_path)
        await app.flush_writes()
        await settle(app, pilot)
        messages = [str(n.message) for n in app._notifications]
        text = screen_text(app)
    engine.dispose()
    if expected is None:
        assert case.done(f"sqlite:///{app_db}"), (messages, text)
        assert not any("only the chair" in msg or "conflict of interest" in msg for msg in messages)
    else:
        assert any(msg.endswith(expected) for msg in messages), (expected, messages)
        assert not case.done(f"sqlite:///{app_db}")
