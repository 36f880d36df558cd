"""Stored text and exported cells are safe: interview URLs are one clean line, comments lose raw control characters
(ESC, OSC 52), CSV on standard output never carries them, formulas are neutralised behind leading whitespace and
in full-width forms; same-reviewer concurrent scoring on PostgreSQL records true "before" values."""

from __future__ import annotations

import random
import threading

import pytest
from sqlmodel import select

from jpo_tui.committee import scoring
from jpo_tui.committee.decisions import DecisionChange, apply_decisions, set_slot
from jpo_tui.committee.reviewers import get_or_create_reviewer
from jpo_tui.exports.tables import Table, safe_cell, to_csv
from jpo_tui.store import models as m
from jpo_tui.store.db import open_database, session_scope
from tests.trust_data import PEOPLE, VACANCY_ID, populate

OSC52 = "\x1b]52;c;ZXZpbA==\x07"


@pytest.mark.parametrize("url", ["https://meet.example/a\r\nX-Evil: 1", "https://meet.example/a\nb",
                                 "https://meet.example/\x1b[31m", "https://meet.example/a b"])
def test_slot_url_refuses_line_breaks_and_control_characters(tmp_path, url: str) -> None:  # noqa: ANN001
    engine = open_database(str(tmp_path / "jpo.db"))
    populate(engine, committee=True)
    with session_scope(engine, write=True) as session:
        apply_decisions(session, VACANCY_ID, "Chair Person", [DecisionChange(PEOPLE[0].key, "short_list",
                                                                             reason="strong")])
    with pytest.raises(ValueError, match="one line"), session_scope(engine, write=True) as session:
        set_slot(session, VACANCY_ID, "Chair Person", PEOPLE[0].key, "2030-05-06 10:00", "Europe/Brussels",
                 url=url)
    with session_scope(engine, write=True) as session:
        slot = set_slot(session, VACANCY_ID, "Chair Person", PEOPLE[0].key, "2030-05-06 10:00", "Europe/Brussels",
                        url="https://meet.example/jpo?room=1")
    assert slot is not None and slot.url == "https://meet.example/jpo?room=1"


def test_comments_are_stored_without_control_characters_and_csv_never_prints_them(tmp_path) -> None:  # noqa: ANN001
    engine = open_database(str(tmp_path / "jpo.db"))
    ids = populate(engine)
    reviewer = get_or_create_reviewer(engine, "Rita Reviewer")
    with session_scope(engine) as session:
        criterion = session.exec(select(m.Criterion.id)).first()
    aid = ids[PEOPLE[1].key]
    scoring.set_criterion_comment(engine, aid, reviewer, criterion, f"good{OSC52} \x1b[2Jwork\u202e")
    scoring.set_overall_comment(engine, aid, reviewer, f"line one\nline two{OSC52}")
    state = scoring.review_state(engine, aid, reviewer.id)
    assert state.comments[criterion] == "good]52;c;ZXZpbA== [2Jwork"
    assert state.comment == "line one\nline two]52;c;ZXZpbA=="
    with session_scope(engine, write=True) as session:  # written around the app (an older version, by hand)
        row = session.exec(select(m.Review).where(m.Review.applicant_id == aid)).first()
        row.comment = f"raw {OSC52} in the database"
        session.add(row)
    with session_scope(engine) as session:
        stored = session.exec(select(m.Review.comment).where(m.Review.applicant_id == aid)).first()
    out = to_csv([Table("Rita Reviewer", ("key", "comment"), ((PEOPLE[1].key, stored),))], reviewer_column=True)
    assert b"raw ]52;c;ZXZpbA== in the database" in out
    assert b"\x1b" not in out and b"\x07" not in out


@pytest.mark.parametrize("value", ["=1+1", " =HYPERLINK(\"x\")", "\t=1", "\u3000=1", "\uff1dcmd|' /C calc'!A0",
                                   "\uff0b1", "\uff0d1", "\uff20SUM(A1)", "  +1", "\n-1"])
def test_formulas_are_neutralised(value: str) -> None:
    assert safe_cell(value).startswith("'")


@pytest.mark.parametrize("value", ["plain text", "Ondine: good", "a = b", 42])
def test_ordinary_cells_are_kept(value: object) -> None:
    assert safe_cell(value) == value


@pytest.mark.postgres
def test_same_reviewer_concurrent_scores_record_true_before_values(db_url: str) -> None:
    if not db_url.startswith("postgresql"):
        pytest.skip("PostgreSQL only (SQLite writers queue on the database's write lock)")
    engine = open_database(db_url)
    ids = populate(engine)
    reviewer = get_or_create_reviewer(engine, "Rita Reviewer")
    with session_scope(engine) as session:
        criterion = session.exec(select(m.Criterion.id)).first()
        name = session.get(m.Criterion, criterion).name
    aid = ids[PEOPLE[2].key]
    errors: list[BaseException] = []

    def scorer(seed: int) -> None:
        rng = random.Random(seed)
        try:
            for _ in range(25):
                scoring.set_score(engine, aid, reviewer, criterion, rng.randint(0, 5))
        except BaseException as exc:  # noqa: BLE001 - reported below
            errors.append(exc)

    threads = [threading.Thread(target=scorer, args=(i,)) for i in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    with session_scope(engine) as session:
        events = session.exec(select(m.AuditEvent).where(
            m.AuditEvent.action == "score", m.AuditEvent.applicant_key == PEOPLE[2].key,
            m.AuditEvent.detail == name).order_by(m.AuditEvent.seq)).all()
        final = session.exec(select(m.Score.value).where(m.Score.applicant_id == aid,
                                                         m.Score.reviewer_id == reviewer.id,
                                                         m.Score.criterion_id == criterion)).one()
    assert len(events) == 1 + 6 * 25
    wrong = [e.seq for prev, e in zip(events, events[1:], strict=False) if e.before != prev.after]
    assert wrong == []
    assert events[-1].after == str(final)
