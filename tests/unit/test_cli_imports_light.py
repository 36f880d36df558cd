"""`jpo-tui --help` and the verbs' parsing load none of the heavy libraries: they answer at once."""

from __future__ import annotations

import json
import subprocess
import sys

HEAVY = ("sqlalchemy", "sqlmodel", "textual", "pypdf", "pypdfium2", "rapidfuzz", "openpyxl", "jinja2", "alembic")
CODE = """
import contextlib, io, json, sys
from jpo_tui.cli import main
for argv in (["--help"], ["import", "--help"], ["export", "--help"], ["rank", "--help"]):
    with contextlib.redirect_stdout(io.StringIO()), contextlib.suppress(SystemExit):
        main.main(argv)
print(json.dumps(sorted({name.split(".")[0] for name in sys.modules})))
"""


def test_help_and_parsing_import_no_heavy_module() -> None:
    loaded = set(json.loads(subprocess.run([sys.executable, "-c", CODE], capture_output=True, text=True,
                                           check=True).stdout))
    assert not loaded & set(HEAVY), sorted(loaded & set(HEAVY))
