"""Hostile and broken files: each is refused or capped with a reason, within bounded time and memory, and the
rest of the batch is imported; file names with shell, escape or newline characters are printed safely."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
from sqlmodel import select

from jpo_tui.cli.main import main
from jpo_tui.ingest.pipeline import ImportLimits, import_applications, read_document
from jpo_tui.store import models as m
from jpo_tui.store.db import open_database, session_scope
from tests import hostile
from tests.trust_data import VACANCY_TOML, vacancy_spec

GOOD_LINES = ("Curriculum vitae", "Jane Testcase", "jane@example.org",
              "Five years of monitoring and evaluation and data analysis for UNDP in Dakar.")

# file -> (outcome, pattern the reason or a flag must match)
EXPECTED = {
    "empty.pdf": ("refused", r"empty"),
    "not-a-pdf.pdf": ("refused", r"not a PDF"),
    "truncated.pdf": ("refused", r"truncated|corrupt"),
    "encrypted.pdf": ("refused", r"password"),
    "scanned.pdf": ("ok", r"no text layer"),
    "bomb.pdf": ("refused", r"decompress|memory|limit|bomb"),
    "many-pages.pdf": ("refused", r"too many pages"),
    "nested.pdf": ("refused", r"corrupt|nested|recursion"),
    "nested-content.pdf": ("refused", r"corrupt|nested|recursion"),
    "huge-field.pdf": ("ok", r"capped"),
}
LIMITS = ImportLimits(timeout_seconds=30, max_pages=200, max_text_chars=200_000, max_field_chars=500)
MAX_SECONDS = 35  # the per-file timeout plus interpreter start-up
MAX_RSS_MB = 700


@pytest.fixture(scope="module")
def hostile_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("hostile")


@pytest.fixture(scope="module")
def hostile_files(hostile_dir: Path) -> dict[str, Path]:
    return hostile.write_all(hostile_dir / "apps")


PROBE = textwrap.dedent("""
    import json, resource, sys, time
    from jpo_tui.ingest.pipeline import ImportLimits, _worker_init, read_document
    limits = ImportLimits(**json.loads(sys.argv[2]))
    _worker_init(limits.memory_mb)  # as a reader process of the import pool
    t = time.monotonic()
    status, value = read_document(sys.argv[1], limits)
    out = {"status": status, "seconds": time.monotonic() - t,
           "rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}
    if status == "ok":
        out.update(flags=value.flags, text_len=len(value.text), name_len=len(value.facts.name) if value.facts else 0)
    else:
        out["reason"] = value
    print(json.dumps(out))
""")


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_each_hostile_file_is_refused_or_capped_in_bounded_time_and_memory(
        name: str, hostile_files: dict[str, Path]) -> None:
    limits = {"timeout_seconds": LIMITS.timeout_seconds, "max_pages": LIMITS.max_pages, "memory_mb": 1024,
              "max_text_chars": LIMITS.max_text_chars, "max_field_chars": LIMITS.max_field_chars}
    started = time.monotonic()
    proc = subprocess.run([sys.executable, "-c", PROBE, str(hostile_files[name]), json.dumps(limits)],
                          capture_output=True, text=True, timeout=MAX_SECONDS * 2)
    elapsed = time.monotonic() - started
    assert proc.returncode == 0, proc.stderr[-2000:]
    result = json.loads(proc.stdout.strip().splitlines()[-1])
    outcome, pattern = EXPECTED[name]
    assert result["status"] == outcome, result
    said = result.get("reason") or " ".join(result.get("flags", []))
    assert re.search(pattern, said, re.IGNORECASE), said
    assert elapsed < MAX_SECONDS and result["rss_mb"] < MAX_RSS_MB, result
    if name == "huge-field.pdf":
        assert result["text_len"] <= LIMITS.max_text_chars and result["name_len"] <= LIMITS.max_field_chars


def test_per_file_timeout_stops_a_slow_file(tmp_path: Path) -> None:
    path = tmp_path / "slow.pdf"
    path.write_bytes(hostile.huge_form_value())  # several seconds of parsing
    started = time.monotonic()
    status, reason = read_document(str(path), ImportLimits(timeout_seconds=0.5))
    assert (status, time.monotonic() - started < 3) == ("refused", True)
    assert "longer than 0.5 s" in str(reason)


def test_page_and_size_limits_are_configurable(tmp_path: Path) -> None:
    path = tmp_path / "ten.pdf"
    path.write_bytes(hostile.simple_pdf(GOOD_LINES, pages=10))
    assert read_document(str(path), ImportLimits(max_pages=9)) == ("refused", "too many pages (10 > 9)")
    status, reason = read_document(str(path), ImportLimits(max_bytes=100))
    assert status == "refused" and "too large" in str(reason)
    assert read_document(str(path), ImportLimits(max_pages=10))[0] == "ok"


def _batch(root: Path, outside: Path) -> Path:
    """Hostile files, files with dangerous names, a symlink to a file outside, and two good applicants."""
    apps = root / "apps"
    hostile.write_all(apps)
    for key in ("good-1", "good-2"):
        (apps / key).mkdir()
        (apps / key / "cv.pdf").write_bytes(hostile.simple_pdf(GOOD_LINES + (key,)))
    names = apps / "names"
    names.mkdir()
    (names / hostile.SHELL_NAME).write_bytes(hostile.simple_pdf(GOOD_LINES))
    for bad in (hostile.ESCAPE_NAME, hostile.NEWLINE_NAME, hostile.MARKUP_NAME):
        (names / bad).write_bytes(hostile.not_a_pdf())
    (apps / "evil\x1b[2Jkey").mkdir()
    (apps / "evil\x1b[2Jkey" / "cv.pdf").write_bytes(hostile.simple_pdf(GOOD_LINES))
    outside.write_bytes(hostile.simple_pdf(("Secret file outside the import folder",)))
    (apps / "linker").mkdir()
    os.symlink(outside, apps / "linker" / "cv.pdf")
    return apps


def test_batch_imports_the_good_files_and_reports_each_hostile_one(tmp_path: Path) -> None:
    apps = _batch(tmp_path, tmp_path / "outside.pdf")
    engine = open_database(f"sqlite:///{tmp_path / 'jpo.db'}")
    started = time.monotonic()
    report = import_applications(engine, vacancy_spec(), [apps], workers=2, limits=LIMITS)
    assert time.monotonic() - started < 120
    refused = dict(report.refused)
    for name, (outcome, pattern) in EXPECTED.items():
        shown = f"{Path(name).stem}/{name}"
        if outcome == "refused":
            assert re.search(pattern, refused[shown], re.IGNORECASE), (name, refused.get(shown))
        else:
            assert shown not in refused
    assert "symbolic link" in refused["linker/cv.pdf"]
    assert refused["names/a\\x1b[31mb.pdf"].startswith("not a PDF")
    assert "names/line\\x0abreak.pdf" in refused
    assert all("\x1b" not in f and "\n" not in f and "\x1b" not in r for f, r in report.refused)
    with session_scope(engine) as session:
        docs = {(a.key, d.file_path) for a, d in session.exec(
            select(m.Applicant, m.Document).join(m.Document, m.Document.applicant_id == m.Applicant.id))}
        problems = session.exec(select(m.ImportProblem)).all()
    assert {("good-1", "good-1/cv.pdf"), ("good-2", "good-2/cv.pdf"), ("names", f"names/{hostile.SHELL_NAME}"),
            ("evil\\x1b[2Jkey", "evil\\x1b[2Jkey/cv.pdf")} <= docs
    assert not any("linker" in key for key, _ in docs)
    assert all(p.file_path.isprintable() and p.reason.isprintable() for p in problems)
    huge = [d for k, d in docs if k == "huge-field"]
    assert huge == ["huge-field/huge-field.pdf"]


def test_cli_import_prints_file_names_safely(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    apps = _batch(tmp_path, tmp_path / "outside.pdf")
    vacancy = tmp_path / "vacancy.toml"
    vacancy.write_text(VACANCY_TOML.format(id="BE-HOSTILE", retention=""), encoding="utf-8")
    code = main(["import", "--vacancy", str(vacancy), str(apps), "--db", str(tmp_path / "jpo.db"),
                 "--workers", "2", "--timeout", "30", "--quiet"])
    out = capsys.readouterr().out
    assert code == 0
    assert "\x1b" not in out and "\r" not in out
    lines = out.splitlines()
    assert all(re.match(r"(refused|flagged|ignored|warning|possible duplicate|vacancy) ", line) for line in lines), lines
    assert any("a\\x1b[31mb.pdf" in line for line in lines)
    assert any("line\\x0abreak.pdf" in line for line in lines)
    assert any(hostile.MARKUP_NAME in line for line in lines)
    assert (tmp_path / "outside.pdf").exists() and Path.home().exists()  # nothing was run through a shell
