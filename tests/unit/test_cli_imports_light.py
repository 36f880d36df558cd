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


READ = """
import contextlib, io, json, sys
from jpo_tui.cli import main
with contextlib.redirect_stdout(io.StringIO()):
    code = main.main(["rank", "--db", sys.argv[1]])
print(json.dumps([code, sorted({name.split(".")[0] for name in sys.modules})]))
"""


def test_a_read_command_on_a_current_database_loads_no_migration_ui_or_reader(tmp_path) -> None:
    from benchmarks.bigdb import vacancy_toml
    from jpo_tui.core.vacancy import parse_vacancy
    from jpo_tui.store.db import open_database, session_scope
    from jpo_tui.store.writes import upsert_vacancy

    url = f"sqlite:///{tmp_path / 'read.db'}"
    engine = open_database(url)
    with session_scope(engine, write=True) as session:
        upsert_vacancy(session, parse_vacancy(vacancy_toml()))
    engine.dispose()
    code, loaded = json.loads(subprocess.run([sys.executable, "-c", READ, url], capture_output=True, text=True,
                                             check=True).stdout)
    assert code == 0
    assert not set(loaded) & (set(HEAVY) - {"sqlalchemy", "sqlmodel"}), sorted(set(loaded) & set(HEAVY))
