"""The type checker passes over the package and the Textual app: `mypy` in the repository root, configured by
[tool.mypy] in pyproject.toml, reports no error."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def test_mypy_reports_no_error_over_jpo_tui_and_screens() -> None:
    pytest.importorskip("mypy", reason="mypy is in the test extras")
    done = subprocess.run([sys.executable, "-m", "mypy"], cwd=ROOT, capture_output=True, text=True, timeout=600)
    output = done.stdout + done.stderr
    assert done.returncode == 0, f"mypy found errors:\n{output}"
    checked = re.search(r"Success: no issues found in (\d+) source files", output)
    assert checked, output
    # Every module of both trees was checked, not an empty selection.
    sources = [p for tree in ("jpo_tui", "screens") for p in (ROOT / tree).rglob("*.py")]
    assert int(checked.group(1)) == len(sources), output
