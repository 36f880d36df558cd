"""Broken files are refused with one clear line; scans are flagged, not refused; text is terminal-safe."""

from __future__ import annotations

from pathlib import Path

import pytest

from jpo_tui.core.records import DocumentRefused
from jpo_tui.ingest.document import NO_TEXT_FLAG, read_pdf
from tests.pdfmake import encrypt, scanned_pdf, text_pdf, truncate, zip_bytes


def _reason(path: Path, **kw: int) -> str:
    with pytest.raises(DocumentRefused) as info:
        read_pdf(path, **kw)
    assert "\n" not in info.value.reason
    return info.value.reason


def test_empty_file(tmp_path: Path) -> None:
    (tmp_path / "p11.pdf").write_bytes(b"")
    assert _reason(tmp_path / "p11.pdf") == "empty file"


def test_not_a_pdf(tmp_path: Path) -> None:
    (tmp_path / "cv.pdf").write_bytes(zip_bytes())
    assert _reason(tmp_path / "cv.pdf").startswith("not a PDF (starts with 'PK")


def test_truncated(tmp_path: Path) -> None:
    src = text_pdf(tmp_path / "ok.pdf", ["Some text"] * 40)
    assert _reason(truncate(src, tmp_path / "cut.pdf")).startswith("truncated or corrupt PDF")


def test_garbage_after_header(tmp_path: Path) -> None:
    (tmp_path / "g.pdf").write_bytes(b"%PDF-1.7\n" + bytes(range(256)) * 20 + b"\n%%EOF\n")
    assert _reason(tmp_path / "g.pdf").startswith("truncated or corrupt PDF")


def test_password_protected(tmp_path: Path) -> None:
    src = text_pdf(tmp_path / "ok.pdf", ["Family name: Secret"])
    assert _reason(encrypt(src, tmp_path / "locked.pdf")) == "password-protected PDF"


def test_over_limits(tmp_path: Path) -> None:
    src = text_pdf(tmp_path / "long.pdf", ["line"] * 200)
    assert "too many pages" in _reason(src, max_pages=2)
    assert "too large" in _reason(src, max_bytes=100)


def test_scanned_pdf_is_flagged_not_refused(tmp_path: Path) -> None:
    doc = read_pdf(scanned_pdf(tmp_path / "scan.pdf"))
    assert doc.kind == "other" and doc.flags == [NO_TEXT_FLAG]
    assert doc.pages == 1 and len(doc.sha256) == 64 and doc.size_bytes > 0


def test_control_characters_are_stripped(tmp_path: Path) -> None:
    doc = read_pdf(text_pdf(tmp_path / "x.pdf", ["Dear committee,\x1b[31m red \x07", "Yours sincerely, Ann Lee"]))
    assert "\x1b" not in doc.text and "\x07" not in doc.text
    assert "red" in doc.text and "\n" in doc.text


def test_clean_text_keeps_lines_and_tabs() -> None:
    from jpo_tui.ingest.pdf.pdfio import clean_text

    assert clean_text("a\x1b[2Jb\tc\r\nd\u202ee\x00") == "a[2Jb\tc\nde"
