"""Erasure leaves 0 of the applicant's identifiers in any table (SQLite and PostgreSQL): name, e-mail, birth date
in any spelling, file names and distinctive document phrases, including where other applicants' review comments,
conflict reasons and audit events mention them; the pseudonym is keyed; purged applicants stay out on re-import."""

from __future__ import annotations

import hashlib
from datetime import date

from sqlalchemy import MetaData, select
from sqlmodel import select as sm_select

from jpo_tui.committee import scoring
from jpo_tui.committee.reviewers import get_or_create_reviewer
from jpo_tui.privacy import audit
from jpo_tui.privacy import erasure as gdpr
from jpo_tui.privacy.identifiers import birth_date_forms
from jpo_tui.store import models as m
from jpo_tui.store.db import open_database, session_scope
from tests.trust_data import PEOPLE, VACANCY_ID, populate

ERASED, OTHER = PEOPLE[0], PEOPLE[1]
BORN = date(1993, 11, 4)  # the others are born on another day
SPELLINGS = ["4 November 1993", "Nov 4, 1993", "04/11/1993", "4.11.1993", "1993-11-04", "4 novembre 1993",
             "4. November 1993", "4 de noviembre de 1993", "11/04/1993"]


def _identifiers() -> list[str]:
    family = ERASED.name.split(" ", 1)[1]
    return [ERASED.key, ERASED.name, ERASED.email, ERASED.secret, f"cv-{family}.pdf", *SPELLINGS]


def _every_text(engine) -> str:  # noqa: ANN001
    meta = MetaData()
    meta.reflect(bind=engine)
    parts = []
    with engine.connect() as conn:
        for table in meta.sorted_tables:
            for row in conn.execute(select(table)):
                parts.append(" | ".join(str(v) for v in row))
    return "\n".join(parts).casefold()


def _mention_everywhere(engine, ids: dict[str, int]) -> None:  # noqa: ANN001
    """Others' free text names the erased applicant: a review comment, a conflict reason, an audit event."""
    other = ids[OTHER.key]
    with session_scope(engine, write=True) as session:
        erased = session.get(m.Applicant, ids[ERASED.key])
        erased.date_of_birth = BORN
        session.add(erased)
    reviewer = get_or_create_reviewer(engine, "Second Reviewer")
    with session_scope(engine) as session:
        criterion = session.exec(sm_select(m.Criterion.id)).first()
    scoring.set_criterion_comment(engine, other, reviewer, criterion,
                                  f"stronger than {ERASED.name} ({ERASED.email}), born {SPELLINGS[0]}")
    scoring.set_overall_comment(engine, other, reviewer, f"compare with {ERASED.key}, b. {SPELLINGS[5]} "
                                f"and {SPELLINGS[7]}; {SPELLINGS[1]}")
    with session_scope(engine, write=True) as session:
        session.add(m.Conflict(applicant_id=other, reviewer_id=reviewer.id,
                               reason=f"shares a flat with {ERASED.name}, see cv-{ERASED.name.split()[1]}.pdf"))
        audit.record(session, "Chair", "note", vacancy_id=VACANCY_ID,
                     detail=f"{ERASED.secret}; born {SPELLINGS[2]} / {SPELLINGS[3]} / {SPELLINGS[6]} / "
                     f"{SPELLINGS[8]}")


def test_erasure_leaves_no_identifier_in_any_table(db_url: str) -> None:
    engine = open_database(db_url)
    ids = populate(engine)
    _mention_everywhere(engine, ids)
    before = _every_text(engine)
    for ident in _identifiers():
        assert ident.casefold() in before, ident  # the test data holds every identifier first
    report = gdpr.erase_applicant(engine, VACANCY_ID, ERASED.key, actor="Chair")
    after = _every_text(engine)
    left = [ident for ident in _identifiers() if ident.casefold() in after]
    assert left == []
    assert report.mentions_redacted >= 2
    assert OTHER.name.casefold() in after  # others keep their data
    with session_scope(engine) as session:
        assert audit.verify(session).ok


def test_birth_date_forms_cover_every_spelling() -> None:
    forms = {f.casefold() for f in birth_date_forms(BORN)}
    assert all(s.casefold() in forms for s in SPELLINGS)


def test_pseudonym_is_keyed_by_a_secret_in_the_database(db_url: str) -> None:
    engine = open_database(db_url)
    populate(engine)
    gdpr.erase_applicant(engine, VACANCY_ID, ERASED.key, actor="Chair", compact=False)
    with session_scope(engine) as session:
        event = session.exec(sm_select(m.AuditEvent).where(m.AuditEvent.action == "erase")).one()
        secret = session.get(m.Setting, gdpr.SECRET_SETTING)
    unkeyed = hashlib.sha256(f"{VACANCY_ID}\x00{ERASED.key}".encode()).hexdigest()
    assert unkeyed[:16] not in event.applicant_key and unkeyed not in event.applicant_key
    assert secret is not None and len(secret.value) == 64
    other = open_database(db_url.replace("test.db", "other.db")) if db_url.startswith("sqlite") else None
    if other is not None:  # another database, another secret: the same key gets another pseudonym
        with session_scope(other, write=True) as session:
            assert gdpr.pseudonym(session, VACANCY_ID, ERASED.key) != event.applicant_key


def test_purged_applicants_are_refused_on_reimport(db_url: str) -> None:
    engine = open_database(db_url)
    populate(engine, retention_until=date(2020, 1, 1))
    gdpr.purge_vacancy(engine, VACANCY_ID, actor="Chair", compact=False)
    with session_scope(engine) as session:
        refused = gdpr.erased_matcher(session, VACANCY_ID)
        assert all(refused(p.key) for p in PEOPLE)
        assert not refused("NEW-0001")
        assert audit.verify(session).ok
