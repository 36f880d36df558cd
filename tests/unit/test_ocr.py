"""Scans: an image-only P11 read by OCR and marked so, the time limit per page, and the import without Tesseract."""

from __future__ import annotations

import io
import os
import signal
from pathlib import Path

import pytest

from jpo_tui.core.records import OCR_MARK, ParsedDocument
from jpo_tui.core.vacancy import parse_vacancy
from jpo_tui.exports.json_export import vacancy_export
from jpo_tui.ingest import ocr
from jpo_tui.ingest.document import NO_TEXT_FLAG
from jpo_tui.ingest.formats import read_file
from jpo_tui.ingest.pipeline import import_applications
from jpo_tui.store.db import open_database, session_scope
from tests.pdfmake import text_pdf
from tests.unit.test_importer import P11_LINES, VACANCY

needs_tesseract = pytest.mark.skipif(
    not ocr.available() and os.environ.get("CI") != "true",  # CI installs Tesseract: there the test must run
    reason="Tesseract is not installed (apt-get install tesseract-ocr tesseract-ocr-fra)")


def scan_of(src: Path, dst: Path, dpi: int = 300) -> Path:
    """What a scanner makes of a printed PDF: each page as a grey image, no text layer."""
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(str(src))
    images = [pdf[i].render(scale=dpi / 72, grayscale=True).to_pil() for i in range(len(pdf))]
    pdf.close()
    buf = io.BytesIO()
    images[0].save(buf, "PDF", resolution=dpi, save_all=True, append_images=images[1:])
    dst.write_bytes(buf.getvalue())
    return dst


@pytest.fixture
def scanned_p11(tmp_path: Path) -> Path:
    return scan_of(text_pdf(tmp_path / "typed.pdf", P11_LINES, size=11), tmp_path / "scan.pdf")


@needs_tesseract
def test_scanned_p11_is_read_by_ocr_and_marked(tmp_path: Path, scanned_p11: Path) -> None:
    apps = tmp_path / "applications"
    (apps / "K001").mkdir(parents=True)
    scanned_p11.rename(apps / "K001" / "p11.pdf")
    spec = parse_vacancy(VACANCY)
    engine = open_database(f"sqlite:///{tmp_path / 'jpo.db'}")
    report = import_applications(engine, spec, [apps], workers=1)
    with session_scope(engine) as session:
        export = vacancy_export(session, spec.id)
    engine.dispose()
    (candidate,) = export["candidates"]
    assert candidate["name"] == "Camille Peeters"
    assert candidate["date_of_birth"] == "1997-02-14"
    assert candidate["nationality"] == "Belgium"
    assert candidate["email"] == "camille.peeters@example.org"
    assert candidate["documents"][0]["read_by_ocr"] is True
    assert ("K001", ocr.OCR_FLAG) in report.flagged
    fact_mark = next(f for f in candidate["flags"] if f.startswith(OCR_MARK) and f != ocr.OCR_FLAG)
    assert "name" in fact_mark and "date of birth" in fact_mark and "nationality" in fact_mark
    assert NO_TEXT_FLAG not in candidate["flags"]


@needs_tesseract
def test_a_page_over_its_time_limit_is_skipped_with_a_flag(scanned_p11: Path) -> None:
    doc = ParsedDocument(path="scan.pdf", sha256="", kind="other", layout="", pages=1, text="")
    content = ocr.read_scanned_pdf(scanned_p11.read_bytes(), doc, ocr.OcrOptions(page_seconds=0.05))
    assert content is None
    assert any(f.startswith("pages not read by OCR (1: longer than") for f in doc.flags)
    assert not doc.read_by_ocr


@needs_tesseract
def test_ocr_stops_before_the_documents_own_time_limit(scanned_p11: Path) -> None:
    """Inside a reader process the alarm bounds the whole file: OCR does not start a page it cannot finish."""
    previous = signal.signal(signal.SIGALRM, lambda *_: None)
    signal.setitimer(signal.ITIMER_REAL, 2.0)
    try:
        doc = read_file(scanned_p11)
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
    assert doc.layout == "scan" and NO_TEXT_FLAG in doc.flags
    assert any("the document's time limit" in f for f in doc.flags)


def test_without_tesseract_the_scan_is_flagged_as_before(monkeypatch: pytest.MonkeyPatch, scanned_p11: Path) -> None:
    monkeypatch.setenv("JPO_NO_OCR", "1")
    ocr.tesseract_languages.cache_clear()
    try:
        doc = read_file(scanned_p11)
    finally:
        monkeypatch.delenv("JPO_NO_OCR")
        ocr.tesseract_languages.cache_clear()
    assert doc.layout == "scan" and doc.flags == [NO_TEXT_FLAG] and not doc.read_by_ocr


@needs_tesseract
def test_tesseract_failing_on_a_page_is_flagged_and_the_scan_kept(monkeypatch: pytest.MonkeyPatch,
                                                                  scanned_p11: Path) -> None:
    import pytesseract

    def fail(*_args: object, **_kw: object) -> None:
        raise pytesseract.TesseractError(1, "Error in pixCreate: pix_malloc fail for data")

    monkeypatch.setattr(pytesseract, "image_to_data", fail)
    doc = read_file(scanned_p11)
    assert doc.layout == "scan" and NO_TEXT_FLAG in doc.flags
    assert any(f.startswith("pages not read by OCR (1: Tesseract failed") for f in doc.flags)
