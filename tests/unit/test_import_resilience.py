"""Imports survive hostile files and dead readers: every bomb kind is refused with a reason while the good
applicants are imported, a reader that dies costs exactly the file it held, no reader outlives a killed import,
and the import options refuse what would mean "no limit"."""

from __future__ import annotations

import contextlib
import os
import re
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from sqlmodel import func, select

from jpo_tui.cli.main import main
from jpo_tui.ingest import pipeline, readers
from jpo_tui.ingest.pdf import pdfio
from jpo_tui.ingest.pipeline import ImportLimits, import_applications
from jpo_tui.store import models as m
from jpo_tui.store.db import open_database, session_scope
from tests import hostile
from tests.trust_data import VACANCY_TOML, vacancy_spec

GOOD = 60
RUNS = 10
LIMITS = ImportLimits(timeout_seconds=20, max_text_chars=200_000, max_field_chars=500)
# The reason each bomb may be refused for (the 44 MB value needs more memory or time than a reader has).
BOMB_REASONS = {
    "inline-image-bomb.pdf": r"an inline image inflates to more than 75 MB \(a decompression bomb\)",
    "tounicode-bomb.pdf": r"a ToUnicode map inflates to more than 75 MB \(a decompression bomb\)",
    "cmap-bomb.pdf": r"an embedded CMap inflates to more than 75 MB \(a decompression bomb\)",
    "huge-field-44.pdf": r"needs more than 1024 MB of memory|took longer than 20 s",
    "bomb.pdf": r"decompression bomb",
}
OLD_HOSTILE = ("empty.pdf", "not-a-pdf.pdf", "truncated.pdf", "encrypted.pdf", "many-pages.pdf", "nested.pdf",
               "nested-content.pdf")


def _good(apps: Path, count: int) -> None:
    for i in range(count):
        folder = apps / f"good-{i:03d}"
        folder.mkdir(parents=True)
        (folder / "cv.pdf").write_bytes(hostile.simple_pdf(
            ("Curriculum vitae", f"Applicant {i}", "Five years of monitoring and evaluation for UNDP in Dakar.")))


@pytest.fixture(scope="module")
def bomb_batch(tmp_path_factory: pytest.TempPathFactory) -> Path:
    apps = tmp_path_factory.mktemp("bombs") / "apps"
    hostile.write_all(apps)
    for name, build in hostile.BOMBS.items():
        (apps / Path(name).stem).mkdir(parents=True)
        (apps / Path(name).stem / name).write_bytes(build())
    _good(apps, GOOD)
    return apps


def _documents(engine) -> dict[str, int]:  # noqa: ANN001
    with session_scope(engine) as session:
        return dict(session.exec(select(m.Applicant.key, func.count(m.Document.id))
                                 .join(m.Document, m.Document.applicant_id == m.Applicant.id)
                                 .group_by(m.Applicant.key)).all())


@pytest.mark.slow
@pytest.mark.timeout(1800)
def test_a_batch_of_every_bomb_kind_imports_the_good_applicants_ten_times_in_a_row(
        bomb_batch: Path, tmp_path: Path) -> None:
    for run in range(RUNS):
        engine = open_database(f"sqlite:///{tmp_path / f'run{run}.db'}")
        report = import_applications(engine, vacancy_spec(), [bomb_batch], workers=2, limits=LIMITS)
        refused = dict(report.refused)
        for name, pattern in BOMB_REASONS.items():
            reason = refused.get(f"{Path(name).stem}/{name}", "")
            assert re.search(pattern, reason), (run, name, reason)
        assert all(f"{Path(n).stem}/{n}" in refused for n in OLD_HOSTILE), (run, sorted(refused))
        assert not any("crashed" in reason for reason in refused.values()), (run, refused)
        documents = _documents(engine)
        assert all(documents.get(f"good-{i:03d}") == 1 for i in range(GOOD)), (run, documents)
        # every file has an outcome: imported, or refused with its reason (the 16 MB value: capped, or too slow)
        files = len(hostile.BUILDERS) + len(hostile.BOMBS) + GOOD
        assert report.documents_added + len(refused) == files == report.files_total, (run, refused)
        assert re.search(r"memory|longer", refused.get("huge-field/huge-field.pdf", "memory")), refused
        engine.dispose()


def _crash_on(name_part: str, how: str):  # noqa: ANN202
    """A read_document that dies as PDFium does on a bomb (SIGABRT) or hangs in C code for files named so."""
    real = readers.read_document

    def read(path: str, limits: ImportLimits, criteria=()):  # noqa: ANN001, ANN202
        if name_part in path:
            if how == "abort":
                os.abort()
            signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGALRM})  # as C code, deaf to the alarm
            time.sleep(3600)
        return real(path, limits, criteria)

    return read


@pytest.mark.parametrize("workers", [1, 2])
def test_a_reader_that_dies_costs_exactly_the_file_it_held(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                          workers: int) -> None:
    apps = tmp_path / "apps"
    _good(apps, 40)
    for i in (3, 17, 31):  # three readers die while dozens of files are queued behind them
        (apps / f"good-{i:03d}" / "CRASH-ME.pdf").write_bytes(hostile.simple_pdf(("Curriculum vitae", "crash")))
    monkeypatch.setattr(readers, "read_document", _crash_on("CRASH-ME", "abort"))  # the readers are forked
    engine = open_database(f"sqlite:///{tmp_path / 'jpo.db'}")
    report = import_applications(engine, vacancy_spec(), [apps], workers=workers, limits=LIMITS)
    assert sorted(report.refused) == [(f"good-{i:03d}/CRASH-ME.pdf",
                                       "the reader process crashed on this file (killed by SIGABRT)")
                                      for i in (3, 17, 31)]
    assert report.documents_added == 40 and set(_documents(engine).values()) == {1}


def test_pdfium_aborting_on_real_bombs_costs_each_bomb_only(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """With the inflation budget switched off, PDFium really aborts on the bombs: the batch still goes through."""
    apps = tmp_path / "apps"
    _good(apps, 20)
    for name in ("inline-image-bomb.pdf", "tounicode-bomb.pdf", "cmap-bomb.pdf"):
        (apps / Path(name).stem).mkdir()
        (apps / Path(name).stem / name).write_bytes(hostile.BOMBS[name]())
    monkeypatch.setattr(pdfio, "_contents_are_small", lambda reader: True)
    engine = open_database(f"sqlite:///{tmp_path / 'jpo.db'}")
    report = import_applications(engine, vacancy_spec(), [apps], workers=2, limits=LIMITS)
    refused = dict(report.refused)
    assert len(refused) == 3 and all(re.search(r"crashed|memory", r) for r in refused.values()), refused
    assert report.documents_added == 20


def test_a_reader_stuck_in_c_code_is_killed_after_the_timeout(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    apps = tmp_path / "apps"
    _good(apps, 6)
    (apps / "good-002" / "STUCK-FILE.pdf").write_bytes(hostile.simple_pdf(("stuck",)))
    monkeypatch.setattr(readers, "read_document", _crash_on("STUCK-FILE", "hang"))
    monkeypatch.setattr(readers.ReaderPool, "GRACE_SECONDS", 1.0)
    engine = open_database(f"sqlite:///{tmp_path / 'jpo.db'}")
    started = time.monotonic()
    report = import_applications(engine, vacancy_spec(), [apps], workers=2, limits=ImportLimits(timeout_seconds=2))
    assert time.monotonic() - started < 60
    assert report.refused == [("good-002/STUCK-FILE.pdf", "took longer than 2 s to read: stopped")]
    assert report.documents_added == 6


def _children(pid: int) -> set[int]:
    found = set()
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            with contextlib.suppress(OSError, IndexError):
                if int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1]) == pid:
                    found.add(int(entry.name))
    return found


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
def test_no_process_of_an_import_outlives_kill_9_by_5_seconds(tmp_path: Path) -> None:
    apps = tmp_path / "apps"
    _good(apps, 30)
    vacancy = tmp_path / "vacancy.toml"
    vacancy.write_text(VACANCY_TOML.format(id="BE-KILL", retention=""), encoding="utf-8")
    # a slow file keeps a reader busy whatever the machine's speed
    (apps / "good-000" / "slow.pdf").write_bytes(hostile.huge_form_value())
    proc = subprocess.Popen([sys.executable, "-m", "jpo_tui.cli.main", "import", "--vacancy", str(vacancy),
                             str(apps), "--db", str(tmp_path / "jpo.db"), "--workers", "2", "--quiet"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    readers_seen: set[int] = set()
    while time.monotonic() < deadline and len(readers_seen) < 2 and proc.poll() is None:
        readers_seen |= _children(proc.pid)
        time.sleep(0.05)
    assert len(readers_seen) >= 2 and proc.poll() is None, "the import ended before its readers were seen"
    proc.kill()  # SIGKILL of the import alone, not of its process group
    proc.wait()
    time.sleep(5)
    assert [pid for pid in readers_seen if _alive(pid)] == []


def test_stopping_all_readers_ends_an_import_in_progress(tmp_path: Path) -> None:
    """What the app does when it quits during an import: the readers die, the import ends, nothing is lost."""
    apps = tmp_path / "apps"
    _good(apps, 8)
    (apps / "good-000" / "slow.pdf").write_bytes(hostile.huge_form_value())
    engine = open_database(f"sqlite:///{tmp_path / 'jpo.db'}")
    result: list = []
    thread = threading.Thread(target=lambda: result.append(
        import_applications(engine, vacancy_spec(), [apps], workers=2, limits=LIMITS)))
    thread.start()
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and not readers._LIVE:
        time.sleep(0.02)
    pids = {r.process.pid for pool in list(readers._LIVE) for r in pool.readers}
    time.sleep(0.5)
    readers.stop_all_readers()
    thread.join(timeout=30)
    assert not thread.is_alive() and result
    time.sleep(1)
    assert [pid for pid in pids if _alive(pid)] == []
    assert "good-000" not in _documents(engine)  # its slow file was never read: a re-run imports it


@pytest.mark.parametrize("value", ["0", "-1", "nan"])
def test_a_timeout_that_would_mean_no_limit_is_refused(value: str, tmp_path: Path,
                                                      capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["import", "--vacancy", str(tmp_path / "v.toml"), str(tmp_path), "--db", str(tmp_path / "jpo.db"),
                 f"--timeout={value}"])
    err = capsys.readouterr().err
    assert code == 2 and err.startswith(f"jpo-tui: --timeout must be above 0 (got {value})") and err[-1:] == "\n"
    assert err.count("\n") == 1 and not (tmp_path / "jpo.db").exists()
    with pytest.raises(ValueError, match="no 'no limit'"):
        ImportLimits(timeout_seconds=float(value))


def test_max_mb_is_checked_before_the_file_is_hashed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    apps = tmp_path / "apps"
    _good(apps, 2)
    big = apps / "good-001" / "sparse.pdf"
    with big.open("wb") as fh:
        fh.truncate(20 * 10**9)  # 20 GB, sparse: hashing it took 55 s
    hashed: list[Path] = []
    real = pipeline.sha256_file
    monkeypatch.setattr(pipeline, "sha256_file", lambda path: hashed.append(path) or real(path))
    engine = open_database(f"sqlite:///{tmp_path / 'jpo.db'}")
    report = import_applications(engine, vacancy_spec(), [apps], workers=1,
                                 limits=ImportLimits(max_bytes=50_000_000))
    assert report.refused == [("good-001/sparse.pdf", "file too large (20,000,000,000 bytes > 50,000,000)")]
    assert big not in hashed and len(hashed) == 2
    assert report.documents_added == 2


def test_an_over_long_folder_name_refuses_that_applicant_alone(db_url: str, tmp_path: Path) -> None:
    apps = tmp_path / "apps"
    _good(apps, 3)
    long_name = "x" * 201
    (apps / long_name).mkdir()
    (apps / long_name / "cv.pdf").write_bytes(hostile.simple_pdf(("Curriculum vitae", "long folder")))
    (apps / ("y" * 200)).mkdir()  # exactly the limit: imported
    (apps / ("y" * 200) / "cv.pdf").write_bytes(hostile.simple_pdf(("Curriculum vitae", "just fits")))
    engine = open_database(db_url)
    for _ in range(2):  # a re-run gets past it as well
        report = import_applications(engine, vacancy_spec(), [apps], workers=2, limits=LIMITS)
        assert report.refused == [("x" * 60 + "...", "folder name too long for an applicant key (201 characters "
                                   "> 200): rename the folder to import this applicant")]
    assert sorted(_documents(engine)) == sorted([f"good-{i:03d}" for i in range(3)] + ["y" * 200])
    engine.dispose()
