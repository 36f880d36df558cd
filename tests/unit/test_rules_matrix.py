"""Every action of the rulebook x every role, performed through the services (the only entry points of the CLI
and the app): each service allows exactly what :data:`jpo_tui.committee.rules.RULES` allows, and refuses the
rest with the rulebook's own one line.

Roles: the chair, a reviewer, a reviewer who declared a conflict of interest with the applicant concerned, the
single user of a vacancy without a committee, and a stranger (a name that is not on the committee). The app
and CLI adapters of a few actions are compared with each other in ``tests/ui/test_rulebook_matrix.py``.
"""

from __future__ import annotations

import dataclasses
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from sqlmodel import select

from jpo_tui.committee import rules
from jpo_tui.committee.decisions import DecisionChange
from jpo_tui.committee.rules import RULES, Action
from jpo_tui.core.errors import Refused
from jpo_tui.core.vacancy import parse_vacancy
from jpo_tui.services import committee as committee_service
from jpo_tui.services import exports, facts, imports, review, trust
from jpo_tui.services.acting import Login, actor_in
from jpo_tui.store import models as m
from jpo_tui.store.db import session_scope
from tests.ui.committee import PASSPHRASES, key_ids, make_committee
from tests.ui.sample import VACANCY_TOML

SUBJECT = "A1001"  # the applicant an applicant-scoped action concerns (the conflicted reviewer's conflict)
ROLES = ("chair", "reviewer", "conflicted", "solo", "stranger")
ACTING = {"chair": "chair", "reviewer": "ana", "conflicted": "ben", "solo": "alice", "stranger": "zed"}


@dataclass(frozen=True)
class Ctx:
    """One case's database and the acting person."""

    engine: Any
    url: str
    vacancy_id: str
    who: Login
    subject_id: int
    criterion_id: int
    entry_id: int
    tmp: Path
    backup: Path


class Hidden(Exception):
    """A sight refused: the data is left out of what the service returns (no error is raised)."""


def _ranking_row(c: Ctx) -> bool:
    """SEE_OTHERS_SCORES is a sight: the ranking's row of the subject shows the scores, or hides them."""
    ranking = committee_service.ranking(c.engine, c.vacancy_id, c.who)
    row = next(r for r in ranking.rows if r.key == SUBJECT)
    if not row.visible:
        raise Hidden(row.hidden_reason)
    return True


def _add_member(c: Ctx) -> object:
    """The chair adds a reviewer; the single user adds themself, as the first member and chair."""
    if c.who.passphrase is None:
        return committee_service.add_member(c.engine, c.vacancy_id, Login(c.who.name, "a new passphrase"),
                                            c.who.name, "chair")
    return committee_service.add_member(c.engine, c.vacancy_id, c.who, "dee", "reviewer", "dee-passphrase")


# Action -> (concerns the subject, the service call). Every action of the rulebook has one.
CALLS: dict[Action, tuple[bool, Callable[[Ctx], object]]] = {
    Action.OPEN_APPLICANT: (True, lambda c: facts.show_facts(c.engine, c.vacancy_id, c.who, SUBJECT)),
    Action.SEE_OTHERS_SCORES: (True, _ranking_row),
    Action.SCORE: (True, lambda c: review.score(c.engine, c.vacancy_id, c.who, c.subject_id, c.criterion_id, 4)),
    Action.COMMENT: (True, lambda c: review.comment(c.engine, c.vacancy_id, c.who, c.subject_id, "solid M&E")),
    Action.RECOMMEND: (True, lambda c: review.recommend(c.engine, c.vacancy_id, c.who, c.subject_id, "maybe")),
    Action.SUBMIT: (True, lambda c: review.submit(c.engine, c.vacancy_id, c.who, c.subject_id)),
    Action.SKIP: (True, lambda c: review.skip(c.engine, c.vacancy_id, c.who, c.subject_id)),
    Action.ABSTAIN: (True, lambda c: review.abstain(c.engine, c.vacancy_id, c.who, c.subject_id, "my cousin")),
    Action.MARK_NOT_RELEVANT: (True, lambda c: review.set_entry_relevant(c.engine, c.vacancy_id, c.who, c.subject_id,
                                                                         c.entry_id, False, "a summer job")),
    Action.CORRECT_FACT: (True, lambda c: facts.correct(c.engine, c.vacancy_id, c.who, SUBJECT, "nationality",
                                                        "Belgium", "passport seen")),
    Action.FLAG_FACT: (True, lambda c: facts.flag(c.engine, c.vacancy_id, c.who, SUBJECT, "nationality",
                                                  "two passports?")),
    Action.DECIDE_DUPLICATE: (False, lambda c: facts.decide_duplicate(c.engine, c.vacancy_id, c.who, SUBJECT,
                                                                      "A1002", "different", "other passports")),
    Action.OVERRIDE_ELIGIBILITY: (True, lambda c: committee_service.override_eligibility(
        c.engine, c.vacancy_id, c.who, SUBJECT, "languages", "pass", "interview in French")),
    Action.DECLARE_CONFLICT: (False, lambda c: committee_service.declare_conflict(
        c.engine, c.vacancy_id, c.who, "A1002", "former colleague")),
    Action.DECLARE_CONFLICT_FOR_OTHER: (False, lambda c: committee_service.declare_conflict(
        c.engine, c.vacancy_id, c.who, "A1002", "former colleague", member_name="cy")),
    Action.WITHDRAW_CONFLICT: (False, lambda c: committee_service.withdraw_conflict(
        c.engine, c.vacancy_id, c.who, "A1003", "cy", "declared by mistake")),
    Action.IMPORT: (False, lambda c: imports.import_actor(c.engine, parse_vacancy(VACANCY_TOML), c.who)),
    Action.CHANGE_VACANCY: (False, lambda c: imports.import_actor(
        c.engine, dataclasses.replace(parse_vacancy(VACANCY_TOML), title="JPO Evaluation (changed)"), c.who)),
    Action.LIST_MEMBERS: (False, lambda c: committee_service.committee(c.engine, c.vacancy_id, c.who)),
    Action.ADD_MEMBER: (False, _add_member),
    Action.REMOVE_MEMBER: (False, lambda c: committee_service.remove_member(c.engine, c.vacancy_id, c.who, "cy")),
    Action.RESET_PASSPHRASE: (False, lambda c: committee_service.reset_passphrase(
        c.engine, c.vacancy_id, c.who, "cy", "a reset passphrase for cy")),
    Action.CHANGE_PASSPHRASE: (False, lambda c: committee_service.change_passphrase(
        c.engine, c.vacancy_id, c.who, "a brand new passphrase")),
    Action.ASSIGN: (False, lambda c: committee_service.assign(c.engine, c.vacancy_id, c.who, 0)),
    Action.VIEW_RANKING: (False, lambda c: committee_service.ranking(c.engine, c.vacancy_id, c.who)),
    Action.SET_AGGREGATION: (False, lambda c: committee_service.set_aggregation(c.engine, c.vacancy_id, c.who,
                                                                                "median")),
    Action.DECIDE: (True, lambda c: committee_service.decide(c.engine, c.vacancy_id, c.who, [
        DecisionChange(SUBJECT, "long_list", "matrix")])),
    Action.PLACE_RANK: (True, lambda c: committee_service.decide(c.engine, c.vacancy_id, c.who, [
        DecisionChange(SUBJECT, None, "matrix", rank=1)])),
    Action.SET_SLOT: (True, lambda c: committee_service.set_slot(c.engine, c.vacancy_id, c.who, SUBJECT,
                                                                 "2030-05-06 10:00", "Europe/Brussels")),
    Action.LOCK: (False, lambda c: committee_service.lock(c.engine, c.vacancy_id, c.who, incomplete_ok=True)),
    Action.UNLOCK: (False, lambda c: committee_service.unlock(c.engine, c.vacancy_id, c.who, "one more review")),
    Action.EXPORT_VACANCY: (False, lambda c: exports.export(c.engine, c.vacancy_id, c.who, "json")),
    Action.EXPORT_SUBJECT: (True, lambda c: exports.export(c.engine, c.vacancy_id, c.who, "json", subject=SUBJECT)),
    Action.EXPORT_SHORTLIST: (False, lambda c: exports.export(c.engine, c.vacancy_id, c.who, "csv", "shortlist")),
    Action.EXPORT_RANKING: (False, lambda c: exports.export(c.engine, c.vacancy_id, c.who, "csv", "ranking")),
    Action.EXPORT_SHEETS: (False, lambda c: exports.export(c.engine, c.vacancy_id, c.who, "csv", "sheets")),
    Action.EXPORT_REPORT: (False, lambda c: exports.export(c.engine, c.vacancy_id, c.who, "md", "report")),
    Action.EXPORT_SLOTS: (False, lambda c: exports.export(c.engine, c.vacancy_id, c.who, "ics", organizer="chair@example.org")),
    Action.VIEW_AUDIT: (False, lambda c: trust.audit_trail(c.engine, c.vacancy_id, c.who)),
    Action.ERASE: (True, lambda c: trust.erase(c.engine, c.vacancy_id, c.who, SUBJECT)),
    Action.PURGE: (False, lambda c: trust.purge(c.engine, c.vacancy_id, c.who)),
    Action.BACKUP: (False, lambda c: trust.backup(c.url, c.who, str(c.tmp / "copy.db"))),
    Action.RESTORE: (False, lambda c: trust.restore(c.url, c.who, str(c.backup))),
}


def test_every_action_of_the_rulebook_is_in_the_matrix() -> None:
    assert set(CALLS) == set(RULES) == set(Action)


@pytest.fixture(scope="module")
def role_template(_sample_template: tuple[Path, str], tmp_path_factory: pytest.TempPathFactory):  # noqa: ANN201
    """role -> (a database file set up for it, the vacancy id) (built once per module: committees, conflicts, reviews)."""
    from jpo_tui.committee import members
    from jpo_tui.committee.assignments import abstain
    from jpo_tui.store.db import open_database
    from tests.ui.committee import score_and_submit

    built: dict[str, Path] = {}

    def make(role: str) -> Path:
        kind = "solo" if role == "solo" else "committee"
        source, vacancy_id = _sample_template
        if kind in built:
            return built[kind], vacancy_id
        path = tmp_path_factory.mktemp(f"matrix-{kind}") / "jpo.db"
        shutil.copyfile(source, path)
        engine = open_database(f"sqlite:///{path}", upgrade=False)
        ids = key_ids(engine, vacancy_id)
        with pytest.MonkeyPatch.context() as mp:
            mp.setattr(members, "SCRYPT_N", 2**4)  # cheap hashes: the matrix is about rules, not about scrypt
            if kind == "committee":
                make_committee(engine, vacancy_id)  # chair; ana, ben, cy review
                with session_scope(engine, write=True) as session:
                    abstain(session, vacancy_id, "ben", ids[SUBJECT], "former colleague")  # the conflicted one
                    abstain(session, vacancy_id, "cy", ids["A1003"], "neighbour")  # for the chair to withdraw
                score_and_submit(engine, vacancy_id, "cy", ids[SUBJECT], (4, 3, 4, 3, 2))
                score_and_submit(engine, vacancy_id, "ana", ids[SUBJECT], (3, 3, 3, 3, 3))  # ana sees through
            else:
                score_and_submit(engine, vacancy_id, "alice", ids[SUBJECT], (3, 3, 3, 3, 3))
        engine.dispose()
        built[kind] = path
        return path, vacancy_id

    return make


def _prepare(role_template, role: str, action: Action, tmp: Path) -> Ctx:  # noqa: ANN001
    from jpo_tui.committee.decisions import apply_decisions, lock_ranking
    from jpo_tui.privacy.backup import backup_sqlite
    from jpo_tui.store.db import open_database
    path = tmp / "jpo.db"
    template, vacancy_id = role_template(role)
    shutil.copyfile(template, path)
    url = f"sqlite:///{path}"
    engine = open_database(url, upgrade=False)
    ids = key_ids(engine, vacancy_id)
    deciding = "alice" if role == "solo" else "chair"
    with session_scope(engine, write=True) as session:
        if action is Action.SET_SLOT:
            apply_decisions(session, vacancy_id, deciding, [DecisionChange(SUBJECT, "short_list", "matrix")])
        if action is Action.UNLOCK:
            lock_ranking(session, vacancy_id, deciding, incomplete_ok=True)
        if action is Action.PURGE:  # a retention date that has passed: the purge has work to do
            vacancy = session.get(m.Vacancy, vacancy_id)
            vacancy.retention_until = date(2020, 1, 31)
            session.add(vacancy)
        criterion_id = session.exec(select(m.Criterion.id).where(m.Criterion.vacancy_id == vacancy_id)).first()
        entry_id = session.exec(select(m.EmploymentEntry.id).where(
            m.EmploymentEntry.applicant_id == ids[SUBJECT])).first()
    backup = tmp / "backup.db"
    if action is Action.RESTORE:
        backup_sqlite(url, str(backup), actor="setup")
    name = ACTING[role]
    who = Login(name, None if role == "solo" else PASSPHRASES.get(name, "zed-passphrase"))
    return Ctx(engine, url, vacancy_id, who, ids[SUBJECT], criterion_id or 0, entry_id or 0, tmp, backup)


def _expected(c: Ctx, action: Action, about_subject: bool) -> str | None:
    """The rulebook's answer for the acting person as the services read them (None: allowed)."""
    from jpo_tui.committee.members import is_locked

    with session_scope(c.engine) as session:
        try:
            actor = actor_in(session, c.vacancy_id, c.who)
        except Refused as exc:  # a stranger's name with no place on the committee
            return str(exc)
        locked = is_locked(session, c.vacancy_id)
    return rules.refusal(actor, action, c.subject_id if about_subject else None, locked=locked,
                         applicant_key=SUBJECT if about_subject else "")


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("action", list(Action), ids=lambda a: a.value)
def test_each_service_allows_or_refuses_as_the_rulebook(action: Action, role: str, role_template,  # noqa: ANN001
                                                        tmp_path: Path) -> None:
    about_subject, call = CALLS[action]
    c = _prepare(role_template, role, action, tmp_path)
    expected = _expected(c, action, about_subject)
    try:
        call(c)
    except Hidden as exc:
        assert expected is not None, f"{ACTING[role]} ({role}) was not shown {action.value}: {exc}"
    except Refused as exc:
        assert expected is not None, f"{ACTING[role]} ({role}) was refused {action.value}: {exc}"
        # the import says which fields of the vacancy file differ after the rulebook's line
        assert str(exc) == expected or (action is Action.CHANGE_VACANCY and str(exc).startswith(expected)), exc
    else:
        assert expected is None, f"{ACTING[role]} ({role}) may {action.value}; the rulebook says: {expected}"
    finally:
        c.engine.dispose()


def test_scoring_and_its_undo_go_through_the_service_and_the_audit(role_template, tmp_path: Path) -> None:  # noqa: ANN001
    """The scoring panel's score, clear and undo (``u``) are review.score calls: each one audited, before -> after."""
    c = _prepare(role_template, "reviewer", Action.SCORE, tmp_path)
    try:
        review.score(c.engine, c.vacancy_id, c.who, c.subject_id, c.criterion_id, 5)  # was 3 (ana's review)
        review.score(c.engine, c.vacancy_id, c.who, c.subject_id, c.criterion_id, None)  # cleared
        review.score(c.engine, c.vacancy_id, c.who, c.subject_id, c.criterion_id, 5)  # "u": back to 5
        with session_scope(c.engine) as session:
            events = session.exec(select(m.AuditEvent).where(m.AuditEvent.action == "score",
                                                             m.AuditEvent.actor == "ana",
                                                             m.AuditEvent.applicant_key == SUBJECT)
                                  .order_by(m.AuditEvent.id)).all()
            value = session.exec(select(m.Score.value).join(m.Reviewer, m.Reviewer.id == m.Score.reviewer_id).where(
                m.Reviewer.name == "ana", m.Score.applicant_id == c.subject_id,
                m.Score.criterion_id == c.criterion_id)).one()
        assert [(e.before, e.after) for e in events[-3:]] == [("3", "5"), ("5", ""), ("", "5")]
        assert value == 5
        conflicted = Login("ben", PASSPHRASES["ben"])
        with pytest.raises(Refused, match=f"ben declared a conflict of interest with {SUBJECT}"):
            review.score(c.engine, c.vacancy_id, conflicted, c.subject_id, c.criterion_id, 1)
    finally:
        c.engine.dispose()
