"""The installed ``jpo-tui`` driven in a real terminal (tmux): open, score, go back, quit; and a committee's walk
from an empty database: import a vacancy, sign in as its chair, open an applicant, score, submit, rank, lock.

Every step waits for text on the screen (``capture-pane``) with a generous timeout, never for a fixed time: the
test holds on a loaded machine."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest

from jpo_tui.ingest.demo import demo_data_dir

pytestmark = [pytest.mark.tmux, pytest.mark.slow]

TMUX = shutil.which("tmux")
JPO = shutil.which("jpo-tui")
# A private tmux server: another tmux (a developer's, a parallel test) cannot resize or share our window.
SOCKET = f"jpo-test-{os.getpid()}-{uuid.uuid4().hex[:6]}"


def _tmux(*args: str) -> str:
    return subprocess.run(["tmux", "-L", SOCKET, *args], check=True, capture_output=True, text=True).stdout


def _screen(session: str) -> str:
    return _tmux("capture-pane", "-p", "-t", session)


def _wait_for(session: str, text: str, timeout: float = 90.0) -> str:
    deadline = time.monotonic() + timeout
    screen = ""
    while time.monotonic() < deadline:
        try:
            screen = _screen(session)
        except subprocess.CalledProcessError:
            break
        if text in screen:
            return screen
        time.sleep(0.25)
    size = _tmux("display-message", "-p", "-t", session, "#{window_width}x#{window_height}")
    raise AssertionError(f"{text!r} did not appear within {timeout:.0f} s; window {size}; the screen shows:\n{screen}")


def _command(tmp_path: Path) -> list[str]:
    """``jpo-tui demo`` when the demo data is installed, else the app on a sample database."""
    if (demo_data_dir() / "vacancy.toml").is_file() and (demo_data_dir() / "applications").is_dir():
        return [JPO, "demo", "--db", f"sqlite:///{tmp_path / 'demo.db'}", "--reviewer", "tmux-tester"]  # type: ignore[list-item]
    db = tmp_path / "sample.db"
    code = ("import sys; from jpo_tui.store.db import open_database; from tests.ui.sample import build_sample; "
            f"build_sample(open_database({f'sqlite:///{db}'!r}))")
    subprocess.run([sys.executable, "-c", code], check=True, cwd=Path(__file__).parents[2])
    return [JPO, "--db", f"sqlite:///{db}", "--reviewer", "tmux-tester"]  # type: ignore[list-item]


@pytest.mark.skipif(TMUX is None, reason="tmux is not installed (CI installs it with apt-get install tmux)")
@pytest.mark.skipif(JPO is None, reason="the jpo-tui command is not on PATH (pip install -e .)")
def test_installed_app_in_tmux(tmp_path: Path) -> None:
    session = f"jpo-test-{uuid.uuid4().hex[:8]}"
    command = " ".join(f"'{part}'" for part in _command(tmp_path))
    # COLUMNS/LINES (set by some runners) would override the terminal's real size in the app
    env = {k: v for k, v in os.environ.items() if k not in ("COLUMNS", "LINES")} | {"TERM": "xterm-256color"}
    subprocess.run(["tmux", "-L", SOCKET, "-f", "/dev/null", "new-session", "-d", "-s", session,
                    "-x", "120", "-y", "40", f"cd {tmp_path} && {command}; sleep 30"], check=True, env=env)
    _tmux("set-option", "-t", session, "window-size", "manual")
    _tmux("resize-window", "-t", session, "-x", "120", "-y", "40")
    try:
        screen = _wait_for(session, "scored 0 /", timeout=180)
        screen = _wait_for(session, "Eligibility")
        assert "✔ eligible" in screen or "? review" in screen or "✘ ineligible" in screen
        _tmux("send-keys", "-t", session, "Enter")
        _wait_for(session, "Keyword hits")
        _wait_for(session, "Weighted total")  # the score panel is drawn after the documents
        _tmux("send-keys", "-t", session, "5")
        screen = _wait_for(session, "[5] excellent")
        _tmux("send-keys", "-t", session, "q")
        _wait_for(session, "scored 0 /")  # one criterion scored: not yet "scored"
        _tmux("send-keys", "-t", session, "/")
        time.sleep(0.5)
        _tmux("send-keys", "-t", session, "-l", "zzzzqqqq")
        _wait_for(session, "showing 0")
        _tmux("send-keys", "-t", session, "Escape")
        _wait_for(session, "scored 0 /")
        _tmux("send-keys", "-t", session, "q")
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline and "jpo-tui" in _tmux("list-panes", "-t", session, "-F",
                                                                  "#{pane_current_command}"):
            time.sleep(0.2)
        assert "Weighted total" not in _screen(session)  # the app has quit and left the terminal
    finally:
        subprocess.run(["tmux", "-L", SOCKET, "kill-server"], capture_output=True)


def _start(session: str, cwd: Path, command: list[str], size: tuple[int, int] = (120, 40)) -> None:
    """``command`` in a new detached tmux session of the private server, in a window of exactly ``size``."""
    line = " ".join(f"'{part}'" for part in command)
    env = {k: v for k, v in os.environ.items() if k not in ("COLUMNS", "LINES")} | {
        "TERM": "xterm-256color", "LANG": "C.UTF-8", "LC_ALL": "C.UTF-8"}
    subprocess.run(["tmux", "-L", SOCKET, "-f", "/dev/null", "new-session", "-d", "-s", session,
                    "-x", str(size[0]), "-y", str(size[1]), f"cd '{cwd}' && {line}; sleep 60"], check=True, env=env)
    _tmux("set-option", "-t", session, "window-size", "manual")
    _tmux("resize-window", "-t", session, "-x", str(size[0]), "-y", str(size[1]))


def _keys(session: str, *keys: str) -> None:
    _tmux("send-keys", "-t", session, *keys)


def _type(session: str, text: str) -> None:
    _tmux("send-keys", "-t", session, "-l", text)


def _enter_path(session: str, path: Path) -> None:
    """Type ``path`` in the import screen's path box (p) and press enter. The path is pasted (bracketed paste),
    never typed key by key: should a key reach the tree before the box has the focus, a letter of the path would
    be a binding (f, i, v...); a paste there is ignored, and is made again."""
    _keys(session, "p")
    _wait_for(session, os.sep)  # the box, prefilled with the tree's folder
    _tmux("set-buffer", "-b", "jpo-path", str(path))
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        _keys(session, "C-u")  # the box emptied
        _tmux("paste-buffer", "-p", "-b", "jpo-path", "-t", session)
        end = time.monotonic() + 5
        while time.monotonic() < end and str(path) not in _screen(session):
            time.sleep(0.25)
        if str(path) in _screen(session):
            _keys(session, "Enter")
            return
        _keys(session, "p")
    raise AssertionError(f"the path box never showed {path}; the screen shows:\n{_screen(session)}")


def _quit(session: str, screen_text: str) -> None:
    """Leave the app with q / escape (one screen at a time) until it has exited."""
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if "jpo-tui" not in _tmux("list-panes", "-t", session, "-F", "#{pane_current_command}") and \
                screen_text not in _screen(session):
            return
        _keys(session, "q")
        time.sleep(0.5)
    raise AssertionError(f"the app did not quit; the screen shows:\n{_screen(session)}")


@pytest.mark.skipif(TMUX is None, reason="tmux is not installed (CI installs it with apt-get install tmux)")
@pytest.mark.skipif(JPO is None, reason="the jpo-tui command is not on PATH (pip install -e .)")
def test_a_committee_walk_in_tmux(tmp_path: Path) -> None:
    from tests.ui.conftest import IMPORT_ROOT

    root = tmp_path / "received"
    shutil.copytree(IMPORT_ROOT, root)
    vacancy = root / "vacancy.toml"  # English only: both applicants are in the committee's pool (not ineligible)
    vacancy.write_text(vacancy.read_text(encoding="utf-8").replace('["English", "French"]', '["English"]'),
                       encoding="utf-8")
    db = f"sqlite:///{tmp_path / 'walk.db'}"
    passphrase = "the chair's walk passphrase"
    session = f"jpo-walk-{uuid.uuid4().hex[:8]}"

    def cli(*args: str, **env: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([JPO, *args, "--db", db, "--reviewer", "chair"], capture_output=True, text=True,  # type: ignore[list-item]
                              env=os.environ | env, timeout=300, cwd=tmp_path)

    try:
        # 1. The vacancy and its first applicant, from one applicant's folder; its committee, chaired by "chair"
        done = cli("import", "--vacancy", str(root / "vacancy.toml"), "--quiet", str(root / "applications" / "B2000"))
        assert done.returncode == 0 and "vacancy TEST-2026-IMPORT: 1 applicant (1 new" in done.stdout, done
        done = cli("committee", "add", "chair", "--role", "chair", "--vacancy", "TEST-2026-IMPORT",
                   JPO_NEW_PASSPHRASE=passphrase)
        assert done.returncode == 0, done.stderr

        # 2. The chair signs in, and imports the late applications into the open vacancy (no vacancy file asked),
        # typing the folder's path
        _start(session, tmp_path, [JPO, "--db", db, "--reviewer", "chair"])  # type: ignore[list-item]
        _wait_for(session, "Sign in to TEST-2026-IMPORT", timeout=180)
        _type(session, passphrase)
        _keys(session, "Enter")
        _wait_for(session, "0/1 submitted")
        _keys(session, "i")
        _wait_for(session, "Vacancy: TEST-2026-IMPORT")
        _enter_path(session, root / "applications")
        _wait_for(session, "Folder: received/applications")
        _keys(session, "i")
        screen = _wait_for(session, "vacancy TEST-2026-IMPORT:", timeout=180)
        screen = _wait_for(session, "⚠ B2001")
        assert "✔ B2000" in screen and "1 refused" in screen
        _keys(session, "Escape")  # back to the vacancy's list, the late applicant in it
        # its only file was refused: it waits for its facts to be entered by hand, not assigned to reviewers
        screen = _wait_for(session, "0/1 submitted   showing 2")
        assert "[waits for data]" in screen

        # 3. The first applicant: every criterion scored, then submitted
        _keys(session, "Enter")
        _wait_for(session, "Weighted total")
        _wait_for(session, "Jan Verstraeten")
        for digit in "54321":
            _keys(session, digit)
        _wait_for(session, "5/5 scored")
        _keys(session, "S")
        _wait_for(session, "my assigned: 1/1 submitted")  # nothing left: the screen stays, reloaded once stored
        _keys(session, "Escape")  # (waited for: an escape followed at once by a key reads as alt+key)
        _wait_for(session, "my assigned: 1/1 submitted   showing 2")  # the list's status line

        # 4. The ranking, then the lock (each question the lock asks is answered yes)
        _keys(session, "R")
        screen = _wait_for(session, "submitted by 1 member")
        assert "Jan Verstraeten" in screen
        _keys(session, "L")
        deadline = time.monotonic() + 120
        while "🔒 LOCKED" not in (screen := _screen(session)) and time.monotonic() < deadline:
            if "y / enter: yes" in screen:
                _keys(session, "y")
            time.sleep(0.5)
        assert "🔒 LOCKED" in screen, f"the ranking was not locked; the screen shows:\n{screen}"
        _quit(session, "LOCKED")
        done = cli("rank", "--vacancy", "TEST-2026-IMPORT", JPO_PASSPHRASE=passphrase)
        assert done.returncode == 0 and "locked" in done.stdout.lower(), done
    finally:
        subprocess.run(["tmux", "-L", SOCKET, "kill-server"], capture_output=True)
