"""The installed ``jpo-tui`` driven in a real terminal (tmux): open, score, go back, quit."""

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
