"""Data safety: the app leaves every score in ``jpo.db`` itself on every exit path; read commands never create a
database; database and output errors are one line, never a traceback."""

from __future__ import annotations

import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from jpo_tui.cli.main import main
from jpo_tui.store.db import open_database
from tests.trust_data import PEOPLE, populate

ROOT = Path(__file__).resolve().parents[2]
CLI = [sys.executable, "-c", "import sys; from jpo_tui.cli.main import main; sys.exit(main())"]

APP_SCRIPT = textwrap.dedent("""
    import sys
    from jpo_tui.store.db import open_database
    from jpo_tui.screens.app import JpoApp
    from tests.trust_data import populate

    db, mode = sys.argv[1], sys.argv[2]
    engine = open_database(db)
    populate(engine)

    class Probe(JpoApp):
        def on_mount(self):
            super().on_mount()
            self.set_timer(0.5, self.ready)

        def ready(self):
            print("ready", flush=True)
            if mode == "crash":
                raise RuntimeError("a bug in a screen")

    Probe(engine=engine, reviewer="Rita Reviewer").run(headless=True)
""")


def _scores_in_file_alone(db: Path, tmp: Path) -> int:
    """Copy ``db`` without its -wal (as a hand-made copy would) and count the scores it holds."""
    copy = tmp / "copy" / db.name
    copy.parent.mkdir(exist_ok=True)
    shutil.copyfile(db, copy)
    for suffix in ("-wal", "-shm"):
        Path(f"{copy}{suffix}").unlink(missing_ok=True)
    conn = sqlite3.connect(copy)
    try:
        return conn.execute("SELECT count(*) FROM score WHERE value IS NOT NULL").fetchone()[0]
    except sqlite3.OperationalError:  # the schema itself is still in the WAL
        return 0
    finally:
        conn.close()


@pytest.mark.parametrize("mode", ["sigterm", "sigint", "crash"])
def test_jpo_db_alone_holds_every_score_after_the_app_ends(tmp_path: Path, mode: str) -> None:
    db = tmp_path / "jpo.db"
    script = tmp_path / "app.py"
    script.write_text(APP_SCRIPT, encoding="utf-8")
    proc = subprocess.Popen([sys.executable, str(script), str(db), mode], cwd=ROOT, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, env={**os.environ, "PYTHONPATH": str(ROOT)})
    try:
        assert proc.stdout is not None
        assert proc.stdout.readline().strip() == "ready", proc.stderr.read() if proc.stderr else ""
        assert _scores_in_file_alone(db, tmp_path) < len(PEOPLE)  # while it runs, the scores are in the WAL
        if mode == "sigterm":
            proc.send_signal(signal.SIGTERM)
        elif mode == "sigint":
            proc.send_signal(signal.SIGINT)
        proc.wait(timeout=30)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    assert _scores_in_file_alone(db, tmp_path) == len(PEOPLE)
    assert not Path(f"{db}-wal").exists() or Path(f"{db}-wal").stat().st_size == 0


async def test_quitting_the_app_checkpoints_the_wal(tmp_path: Path) -> None:
    from jpo_tui.committee import scoring
    from jpo_tui.committee.reviewers import get_or_create_reviewer
    from jpo_tui.screens.app import JpoApp

    db = tmp_path / "jpo.db"
    engine = open_database(str(db))
    ids = populate(engine)
    app = JpoApp(engine=engine, reviewer="Rita Reviewer")
    async with app.run_test() as pilot:
        reviewer = get_or_create_reviewer(engine, "Another Reviewer")
        with engine.connect() as conn:
            criterion = conn.exec_driver_sql("SELECT min(id) FROM criterion").scalar()
        for aid in ids.values():
            app.write(scoring.set_score, engine, aid, reviewer, criterion, 2)
        await app.flush_writes()
        await pilot.press("ctrl+q")
    assert _scores_in_file_alone(db, tmp_path) == 2 * len(PEOPLE)


@pytest.mark.parametrize("command", [["rank"], ["export"], ["audit", "--verify"], ["export", "--format", "csv"]])
def test_read_commands_never_create_a_database(tmp_path: Path, command: list[str],
                                               capsys: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / "typo" / "jpo.bd"
    assert main([*command, "--db", str(db)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "no such database" in err
    assert not db.parent.exists()


def test_import_demo_create_it(tmp_path: Path) -> None:
    db = tmp_path / "new" / "jpo.db"
    assert main(["demo", "--no-app", "--db", str(db)]) == 0
    assert db.is_file()


def _one_line_error(args: list[str], cwd: Path | None = None) -> str:
    proc = subprocess.run([*CLI, *args], capture_output=True, text=True,
                          cwd=cwd or ROOT, timeout=120, stdin=subprocess.DEVNULL)
    assert proc.returncode == 2, proc.stderr
    assert "Traceback" not in proc.stderr
    assert proc.stderr.count("\n") == 1, proc.stderr
    return proc.stderr


@pytest.mark.parametrize(("db", "expected"), [
    ("mysql://root@localhost/jpo", "unsupported database URL scheme 'mysql'"),
    ("postgresql://postgres@127.0.0.1:1/jpo", "unreachable"),
])
def test_unusable_database_urls_are_one_line(db: str, expected: str) -> None:
    assert expected in _one_line_error(["rank", "--db", db])


def test_a_file_that_is_not_a_database(tmp_path: Path) -> None:
    fake = tmp_path / "notes.db"
    fake.write_text("not a database at all, just some notes\n" * 100, encoding="utf-8")
    assert "not a SQLite database" in _one_line_error(["export", "--db", str(fake)])
    assert fake.read_text(encoding="utf-8").startswith("not a database")


@pytest.mark.postgres
def test_unknown_postgres_database_and_role() -> None:
    from tests.dbutil import pg_url

    url = pg_url()
    if not url:
        pytest.skip("JPO_TEST_PG_URL is unset")
    base, _ = url.rsplit("/", 1)
    assert "no database 'jpo_no_such_db'" in _one_line_error(["rank", "--db", f"{base}/jpo_no_such_db"])
    role = url.replace("postgres@", "jpo_no_such_role@", 1)
    assert "no role 'jpo_no_such_role'" in _one_line_error(["rank", "--db", role])


def test_export_to_a_missing_folder_is_refused_and_not_audited(tmp_path: Path) -> None:
    db = tmp_path / "jpo.db"
    populate(open_database(str(db)))
    for fmt in ("json", "csv"):
        err = _one_line_error(["export", "--db", str(db), "--format", fmt, "--out", str(tmp_path / "no" / "x")])
        assert "no such folder" in err
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT count(*) FROM auditevent WHERE action = 'export'").fetchone()[0] == 0


def test_xlsx_to_a_terminal_is_refused(tmp_path: Path) -> None:
    import pty

    db = tmp_path / "jpo.db"
    populate(open_database(str(db)))
    leader, follower = pty.openpty()
    try:
        proc = subprocess.run([*CLI, "export", "--db", str(db), "--format",
                               "xlsx"], stdout=follower, stderr=subprocess.PIPE, text=True, cwd=ROOT, timeout=120)
    finally:
        os.close(follower)
        os.close(leader)
    assert proc.returncode == 2 and "binary format" in proc.stderr and proc.stderr.count("\n") == 1
