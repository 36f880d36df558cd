"""The design card: the domain (every jpo_tui module outside jpo_tui.screens) never imports Textual."""

from __future__ import annotations

import subprocess
import sys

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
