"""The hash-chained audit trail: ``jpo-tui audit --verify`` passes on an honest trail (erasures included) and
names the first broken link after each tampering: an UPDATE that appends [erased], a rewritten redacted event,
a back-dated insert, deleted events, and on PostgreSQL TRUNCATE, DISABLE TRIGGER and session_replication_role."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from sqlalchemy import text

from jpo_tui.cli.main import main
from jpo_tui.privacy import audit
from jpo_tui.privacy import erasure as gdpr
from jpo_tui.store.db import open_database, session_scope
from tests.trust_data import PEOPLE, VACANCY_ID, populate


def _verify(db_url: str, capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    code = main(["audit", "--verify", "--db", db_url])
    captured = capsys.readouterr()
    return code, (captured.out + captured.err).strip()


def _trail(db_url: str) -> None:
    engine = open_database(db_url)
    populate(engine)
    gdpr.erase_applicant(engine, VACANCY_ID, PEOPLE[0].key, actor="Chair", compact=False)
    with session_scope(engine, write=True) as session:
        audit.record(session, "Chair", "export", vacancy_id=VACANCY_ID, detail="after the erasure")
    engine.dispose()


def _sql(db_url: str, *statements: str) -> None:
    engine = open_database(db_url)
    with engine.begin() as conn:
        for statement in statements:
            conn.execute(text(statement))
    engine.dispose()


def test_an_honest_trail_with_an_erasure_verifies(db_url: str, capsys: pytest.CaptureFixture[str]) -> None:
    _trail(db_url)
    code, out = _verify(db_url, capsys)
    assert code == 0 and "audit trail intact" in out and "redacted by erasures" in out
    n = int(out.split(" events")[0].split()[-1])
    assert n >= 20


def _disable(db_url: str) -> list[str]:
    if db_url.startswith("sqlite"):
        return ["DROP TRIGGER auditevent_no_update", "DROP TRIGGER auditevent_no_delete"]
    return ["ALTER TABLE auditevent DISABLE TRIGGER USER"]


TAMPERINGS: dict[str, Callable[[str], list[str]]] = {
    "update appending [erased]": lambda url: [
        "UPDATE auditevent SET \"after\" = '5 [erased]' WHERE action = 'score' AND seq = "
        "(SELECT max(seq) FROM auditevent WHERE action = 'score' AND applicant_key NOT LIKE 'erased:%')"],
    "rewritten redacted event": lambda url: [*_disable(url),
        "UPDATE auditevent SET detail = 'rewritten [erased]' WHERE applicant_key LIKE 'erased:%' AND "
        "action = 'score'"],
    "back-dated insert": lambda url: [
        "INSERT INTO auditevent (at, actor, action, vacancy_id, applicant_key, detail, \"before\", \"after\", "
        "prev_hash, content_hash, chain_hash) VALUES ('2020-01-01 00:00:00', 'Mallory', 'score', "
        f"'{VACANCY_ID}', 'TRUST-0002', 'Monitoring', '1', '5', '', '', '')"],
    "deleted events": lambda url: [*_disable(url), "DELETE FROM auditevent WHERE seq IN (3, 4)"],
    "deleted newest events": lambda url: [*_disable(url),
        "DELETE FROM auditevent WHERE seq >= (SELECT max(seq) - 1 FROM auditevent)"],
}


@pytest.mark.parametrize("kind", list(TAMPERINGS))
def test_verify_names_the_first_broken_link(db_url: str, kind: str, capsys: pytest.CaptureFixture[str]) -> None:
    _trail(db_url)
    _sql(db_url, *TAMPERINGS[kind](db_url))
    code, out = _verify(db_url, capsys)
    assert code == 1, out
    assert out.startswith("audit trail broken:") and out.count("\n") == 0
    assert "event" in out


@pytest.mark.postgres
@pytest.mark.parametrize("how", ["truncate", "replica", "disable"])
def test_postgres_trigger_bypasses_are_seen(db_url: str, how: str, capsys: pytest.CaptureFixture[str]) -> None:
    if not db_url.startswith("postgresql"):
        pytest.skip("PostgreSQL only")
    _trail(db_url)
    with pytest.raises(Exception, match="cannot be deleted"):
        _sql(db_url, "TRUNCATE auditevent")
    if how == "truncate":
        _sql(db_url, "ALTER TABLE auditevent DISABLE TRIGGER USER", "TRUNCATE auditevent")
        engine = open_database(db_url)  # the app goes on recording
        with session_scope(engine, write=True) as session:
            audit.record(session, "Chair", "export", vacancy_id=VACANCY_ID, detail="after the truncate")
        engine.dispose()
    elif how == "replica":
        _sql(db_url, "SET session_replication_role = replica",
             "UPDATE auditevent SET actor = 'Mallory' WHERE seq = 2")
    else:
        _sql(db_url, "ALTER TABLE auditevent DISABLE TRIGGER ALL",
             "UPDATE auditevent SET \"before\" = '0' WHERE action = 'score' AND seq = "
             "(SELECT min(seq) FROM auditevent WHERE action = 'score')")
    code, out = _verify(db_url, capsys)
    assert code == 1 and "audit trail broken" in out
    if how == "truncate":
        assert "missing" in out


def test_attested_redaction_cannot_be_forged_by_the_trigger_rule(db_url: str,
                                                                capsys: pytest.CaptureFixture[str]) -> None:
    """The append-only trigger still lets an UPDATE through when it looks like a redaction: verify refuses it."""
    _trail(db_url)
    _sql(db_url, "UPDATE auditevent SET applicant_key = 'erased:0000' WHERE applicant_key = 'TRUST-0002'")
    code, out = _verify(db_url, capsys)
    assert code == 1 and "not by an erasure" in out
