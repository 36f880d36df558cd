"""Shared set-up for the committee tests: a vacancy with criteria, applicants, a committee, scores."""

from __future__ import annotations

from datetime import date

from sqlalchemy.engine import Engine

from jpo_tui.committee.members import add_member, bootstrap_chair, upsert_row
from jpo_tui.core.vacancy import CriterionSpec, EligibilitySpec, VacancySpec
from jpo_tui.store import models as m
from jpo_tui.store.db import open_database, session_scope
from jpo_tui.store.writes import upsert_vacancy

VACANCY = "JPO-TEST-2026"
PASS = {"chair": "chair-passphrase", "ana": "ana-passphrase", "ben": "ben-passphrase", "cy": "cy-passphrase"}
CRITERIA = (("Evaluation", 2.0), ("Climate", 1.0), ("French", 1.0))


def spec(vacancy_id: str = VACANCY) -> VacancySpec:
    return VacancySpec(
        id=vacancy_id, title="Programme Officer", organisation="UNDP", duty_station="Dakar", grade="P2",
        donor="Belgium", call_year=2026, deadline=date(2026, 3, 31), eligibility=EligibilitySpec(),
        criteria=tuple(CriterionSpec(name, weight, (name.lower(),)) for name, weight in CRITERIA),
    )


def make_vacancy(url: str, names: dict[str, str], status: dict[str, str] | None = None,
                 vacancy_id: str = VACANCY) -> Engine:
    """A migrated database with the vacancy and applicants ``key -> name`` (screening ``status`` per key)."""
    engine = open_database(url)
    with session_scope(engine, write=True) as session:
        upsert_vacancy(session, spec(vacancy_id))
        for key, name in names.items():
            a = m.Applicant(vacancy_id=vacancy_id, key=key, name=name, nationality="Belgium")
            session.add(a)
            session.flush()
            st = (status or {}).get(key, "eligible")
            session.add(m.ScreeningResult(applicant_id=a.id, status=st,
                                          reasons=[] if st == "eligible" else [f"{key}: degree below master"]))
    return engine


def make_committee(engine: Engine, reviewers: tuple[str, ...] = ("ana", "ben"), vacancy_id: str = VACANCY) -> None:
    """``chair`` chairs; the others are reviewers (passphrases in PASS)."""
    with session_scope(engine, write=True) as session:
        bootstrap_chair(session, vacancy_id, "chair", PASS["chair"])
        for name in reviewers:
            add_member(session, vacancy_id, "chair", name, "reviewer", PASS[name])


def ids(engine: Engine, vacancy_id: str = VACANCY) -> dict[str, int]:
    """Applicant key -> id, criterion name -> id (criteria prefixed with 'c:')."""
    from sqlmodel import select

    with session_scope(engine) as session:
        out = {a.key: a.id for a in session.exec(select(m.Applicant).where(m.Applicant.vacancy_id == vacancy_id))}
        for c in session.exec(select(m.Criterion).where(m.Criterion.vacancy_id == vacancy_id)):
            out[f"c:{c.name}"] = c.id
    return out  # type: ignore[return-value]


def score(engine: Engine, reviewer: str, key: str, values: tuple[int | None, ...], *, submit: bool = True,
          vacancy_id: str = VACANCY) -> None:
    """Write one reviewer's scores (one row per criterion, upserted) and submit the review."""
    from sqlmodel import select

    known = ids(engine, vacancy_id)
    with session_scope(engine, write=True) as session:
        rid = session.exec(select(m.Reviewer.id).where(m.Reviewer.name == reviewer)).one()
        aid = known[key]
        for (name, _), value in zip(CRITERIA, values, strict=True):
            upsert_row(session, m.Score, {"applicant_id": aid, "reviewer_id": rid,
                                          "criterion_id": known[f"c:{name}"]},
                       {"value": value, "updated_at": m.utcnow()})
        if submit:
            upsert_row(session, m.Review, {"applicant_id": aid, "reviewer_id": rid},
                       {"submitted_at": m.utcnow(), "updated_at": m.utcnow()})
