"""The design card: the domain (every jpo_tui module outside jpo_tui.screens) never imports Textual, and the
architecture's import contracts ([tool.importlinter] in pyproject.toml) hold on the installed layout.

``screens/`` is installed as ``jpo_tui.screens`` (setuptools package-dir), so the source tree alone has no
``jpo_tui/screens``: the contract tests copy ``jpo_tui/`` with ``screens/`` inside it into a temporary folder and
run ``lint-imports`` there, in a fresh interpreter whose path finds that copy first.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

CODE = """
import importlib, pkgutil, sys
import jpo_tui
names = [m.name for m in pkgutil.walk_packages(jpo_tui.__path__, "jpo_tui.")
         if not m.name.startswith("jpo_tui.screens") and m.name != "jpo_tui.store.migrations.env"]
for name in names:
    importlib.import_module(name)
print(len(names), sorted(m for m in sys.modules if m == "textual" or m.startswith("textual.")))
"""


def test_no_domain_module_imports_textual() -> None:
    out = subprocess.run([sys.executable, "-c", CODE], capture_output=True, text=True, check=True).stdout.split(" ", 1)
    assert int(out[0]) > 40  # every module was imported, not a handful
    assert out[1].strip() == "[]"


def test_adapters_call_services_only() -> None:
    """Screens and CLI verbs never open a session, write the audit trail or decide a permission themselves."""
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    adapters = [*(root / "screens").rglob("*.py"), *(root / "jpo_tui" / "cli").glob("*.py")]
    assert len(adapters) > 20
    for path in adapters:
        text = path.read_text(encoding="utf-8")
        for forbidden in ("session_scope", "audit.record", "require_chair", "check_chair", "_require_chair",
                          "vacancy_export(", "export_committee("):
            assert forbidden not in text, f"{path.relative_to(root)} uses {forbidden}"


def test_help_imports_no_heavy_library() -> None:
    """``jpo-tui --help`` parses its arguments without loading the database, the UI or the readers."""
    code = ("import sys\nfrom jpo_tui.cli.main import build_parser\nbuild_parser()\n"
            "heavy = ('sqlalchemy', 'sqlmodel', 'textual', 'pypdf', 'rapidfuzz', 'openpyxl', 'jinja2')\n"
            "print(sorted(m for m in sys.modules if m.split('.')[0] in heavy))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


ROOT = Path(__file__).resolve().parents[2]
PYPROJECT = ROOT / "pyproject.toml"
_LINT = "import sys; from importlinter.cli import lint_imports_command; sys.argv[0] = 'lint-imports'; lint_imports_command()"


def _installed_layout(into: Path) -> Path:
    """``jpo_tui`` as installed: the package with ``screens/`` as its ``screens`` subpackage."""
    skip = shutil.ignore_patterns("__pycache__", "*.pyc")
    shutil.copytree(ROOT / "jpo_tui", into / "jpo_tui", ignore=skip)
    shutil.copytree(ROOT / "screens", into / "jpo_tui" / "screens", ignore=skip)
    return into


def _lint(where: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(where), "NO_COLOR": "1", "COLUMNS": "200"}
    return subprocess.run([sys.executable, "-c", _LINT, str(PYPROJECT), "--no-cache"], cwd=where, env=env,
                          capture_output=True, text=True, timeout=120)


def test_import_contracts_are_kept(tmp_path: Path) -> None:
    run = _lint(_installed_layout(tmp_path))
    assert run.returncode == 0, f"lint-imports found a broken contract:\n{run.stdout}\n{run.stderr}"
    assert "0 broken" in run.stdout, run.stdout


@pytest.mark.parametrize(("module", "source", "contract"), [
    ("core/_probe.py", "from jpo_tui.services import queries\n", "Layers"),
    ("committee/_probe.py", "import textual\n", "never import Textual"),
    ("screens/_probe.py", "from jpo_tui.store import models\n", "only through the services"),
])
def test_a_broken_contract_fails(tmp_path: Path, module: str, source: str, contract: str) -> None:
    """The check is live: one forbidden import in the copy breaks the contract that forbids it."""
    layout = _installed_layout(tmp_path)
    (layout / "jpo_tui" / module).write_text(source, encoding="utf-8")
    run = _lint(layout)
    assert run.returncode != 0, run.stdout
    broken = [line for line in run.stdout.splitlines() if " BROKEN" in line]
    assert len(broken) == 1 and contract in broken[0], run.stdout
    assert "_probe" in run.stdout
