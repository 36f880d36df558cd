"""CLI output of the committee verbs: applicants' text cannot colour the terminal or forge lines, and a closed
pipe (``jpo-tui rank | head``) ends the command quietly instead of with a traceback."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from jpo_tui.cli.main import main
from jpo_tui.committee.members import declare_conflict
from jpo_tui.store.db import session_scope
from tests.unit.committee_setup import PASS, VACANCY, ids, make_committee, make_vacancy

HOSTILE = "Eve \x1b[31mRed\x1b[0m\nforged line"


def test_rank_and_committee_list_escape_applicant_text(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    db = f"sqlite:///{tmp_path / 'jpo.db'}"
    engine = make_vacancy(db, {"K01": HOSTILE, "K02": "Plain"})
    make_committee(engine, ("ana",))
    with session_scope(engine, write=True) as session:
        declare_conflict(session, VACANCY, "ana", ids(engine)["K01"], "knows \x1b[2J her")
    monkeypatch.setenv("JPO_PASSPHRASE", PASS["chair"])
    assert main(["--db", db, "--reviewer", "chair", "rank"]) == 0
    assert main(["--db", db, "--reviewer", "chair", "committee", "list"]) == 0
    out = capsys.readouterr().out
    assert "\x1b" not in out and "forged line" in out
    assert not any(line.startswith("forged line") for line in out.splitlines())
    assert "\\x1b[31mRed" in out and "knows \\x1b[2J her" in out


def test_closed_pipe_ends_quietly(tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'jpo.db'}"
    engine = make_vacancy(db, {f"K{i:04d}": f"Applicant number {i}" for i in range(1500)})
    make_committee(engine, ())
    engine.dispose()
    env = {**os.environ, "JPO_PASSPHRASE": PASS["chair"]}
    proc = subprocess.Popen([sys.executable, "-m", "jpo_tui.cli.main", "--db", db, "--reviewer", "chair", "rank"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)
    assert proc.stdout is not None and proc.stdout.readline().startswith(b"vacancy ")
    proc.stdout.close()  # like head -1
    _, err = proc.communicate(timeout=120)
    assert b"Traceback" not in err and b"BrokenPipe" not in err, err.decode()[-800:]
    assert proc.returncode == 141
