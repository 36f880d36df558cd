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
