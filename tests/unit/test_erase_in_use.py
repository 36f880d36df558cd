"""Erasing while the database is open elsewhere: the CLI says the bytes are still in the file, and running the
same ``jpo-tui erase KEY`` again once the others have closed finishes the job (no byte left)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from jpo_tui.cli.main import main
from jpo_tui.store import db as jpo_db
from jpo_tui.store.db import open_database
from tests.trust_data import PEOPLE, populate

ERASED = PEOPLE[0]


def _on_disk(db_file: Path) -> bytes:
    return b"".join(Path(f"{db_file}{s}").read_bytes() for s in ("", "-wal") if Path(f"{db_file}{s}").exists())


def test_erase_while_open_elsewhere_then_again(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(jpo_db, "SQLITE_BUSY_TIMEOUT_MS", 300)  # wait briefly for the other reader
    db_file = tmp_path / "jpo.db"
    engine = open_database(f"sqlite:///{db_file}")
    populate(engine)
    engine.dispose()
    assert ERASED.email.encode() in _on_disk(db_file)
    reader = sqlite3.connect(db_file, isolation_level=None)  # the app, open on another screen
    reader.execute("BEGIN")
    reader.execute("SELECT count(*) FROM applicant").fetchone()
    try:
        assert main(["erase", ERASED.key, "--yes", "--db", str(db_file)]) == 0
        out = capsys.readouterr().out
        assert f"erased applicant {ERASED.key}" in out and "open elsewhere" in out
        assert f"jpo-tui erase {ERASED.key}' again" in out
        assert ERASED.email.encode() in _on_disk(db_file)  # the snapshot the reader holds keeps the old pages
        assert main(["erase", ERASED.key, "--yes", "--db", str(db_file)]) == 1  # still open: says so again
        assert "open elsewhere" in capsys.readouterr().out
    finally:
        reader.execute("COMMIT")
        reader.close()
    assert main(["erase", ERASED.key, "--yes", "--db", str(db_file)]) == 0
    assert "none of their bytes remain" in capsys.readouterr().out
    data = _on_disk(db_file)
    assert [mark for mark in (ERASED.name, ERASED.email, ERASED.secret, ERASED.comment) if mark.encode() in data] == []
    assert PEOPLE[1].email.encode() in data
    assert main(["erase", "NO-SUCH-KEY", "--yes", "--db", str(db_file)]) == 2
    assert "no applicant 'NO-SUCH-KEY'" in capsys.readouterr().err
