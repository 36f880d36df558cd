"""Which kind of file this is, told from its bytes (never its name), and the reader for it.

PDFs and Word files (.docx) are read; a scan is read by OCR when Tesseract is installed. Everything else a
committee is sent is refused with a reason it can act on: legacy Word (.doc), OpenDocument, RTF, an HTML page
saved under a .pdf name, an image, a spreadsheet. A member of a ZIP archive is read in place (``archive``).
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

from jpo_tui.core.records import DocumentRefused, ParsedDocument
from jpo_tui.ingest.archive import is_zip, read_member, split_member

_OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_IMAGES = ((b"\x89PNG\r\n\x1a\n", "PNG"), (b"\xff\xd8\xff", "JPEG"), (b"II*\x00", "TIFF"), (b"MM\x00*", "TIFF"),
           (b"GIF87a", "GIF"), (b"GIF89a", "GIF"), (b"BM", "BMP"))
_SAVE_AS = "save it as PDF or .docx and import it again"
PLAIN_TEXT = "plain text, not a PDF, Word .docx or scan: not an application document"


class NotADocument(DocumentRefused):
    """Plain text beside the documents (notes, a README, a CSV): not an application document, so ignored; an
    applicant folder holding nothing else is no applicant."""

    def __init__(self) -> None:
        super().__init__(PLAIN_TEXT)


def sniff(data: bytes) -> str:
    """"pdf", "docx" or "zip" for what can be read; DocumentRefused (one line) naming what it is otherwise."""
    if not data:
        raise DocumentRefused("empty file")
    if b"%PDF-" in data[:1024]:
        return "pdf"
    head = data[:16]
    if is_zip(head):
        return _zip_kind(data)
    if head.startswith(_OLE2):
        if "EncryptedPackage".encode("utf-16-le") in data[:200_000]:
            raise DocumentRefused("password-protected Office file: remove the password, or save it as PDF")
        raise DocumentRefused(f"legacy Word (.doc) or other old Office file: not read; {_SAVE_AS}")
    if head.startswith(b"{\\rtf"):
        raise DocumentRefused(f"RTF document: not read; {_SAVE_AS}")
    for magic, name in _IMAGES:
        if head.startswith(magic):
            raise DocumentRefused(f"not a PDF but a {name} image: scan or print it to PDF and import it again")
    if head[:4] == b"RIFF" and data[8:12] == b"WEBP":
        raise DocumentRefused("not a PDF but a WebP image: scan or print it to PDF and import it again")
    text = data[:2048].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if text.startswith(b"<!doctype html") or b"<html" in text or b"<body" in text:
        raise DocumentRefused("not a PDF but an HTML page (a web page or a download's error page saved as a "
                              "file): open it in a browser and print it to PDF")
    if text.startswith(b"mime-version:") or b"content-type: multipart/related" in text:
        raise DocumentRefused("not a PDF but a saved web archive (.mht): open it in a browser and print it to PDF")
    if _is_text(data[:4096]):
        raise NotADocument
    shown = "".join(ch if ch.isprintable() else "." for ch in data[:1024].lstrip()[:8].decode("latin-1"))
    raise DocumentRefused(f"not a PDF (starts with {shown!r})")


def _is_text(head: bytes) -> bool:
    """Whether ``head`` (a file's first bytes) is UTF-8 text: printable characters and line breaks only."""
    if b"\x00" in head:
        return False
    for cut in range(4):  # the head may end inside a multi-byte character
        try:
            text = head[: len(head) - cut].decode("utf-8")
        except UnicodeDecodeError:
            continue
        return all(ch.isprintable() or ch in "\t\r\n\f\ufeff" for ch in text)
    return False


def is_plain_text(head: bytes) -> bool:
    """Whether a file starting with ``head`` is plain text rather than a document (read, or refused for its
    format): the one test the importer uses to ignore notes lying beside an applicant's documents."""
    try:
        sniff(head)
    except NotADocument:
        return True
    except DocumentRefused:
        return False
    return False


def _zip_kind(data: bytes) -> str:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as package:
            names = set(package.namelist())
            mimetype = package.read("mimetype")[:100] if "mimetype" in names else b""
    except (zipfile.BadZipFile, OSError, ValueError, EOFError, RuntimeError, NotImplementedError):
        shown = "".join(ch if ch.isprintable() else "." for ch in data[:8].decode("latin-1"))
        raise DocumentRefused(f"not a PDF (starts with {shown!r}): a damaged ZIP or Office file") from None
    if "word/document.xml" in names or any(n.startswith("word/") for n in names) and "[Content_Types].xml" in names:
        return "docx"
    if b"opendocument.text" in mimetype:
        raise DocumentRefused(f"OpenDocument text (.odt): not read; {_SAVE_AS}")
    if mimetype.startswith(b"application/vnd.oasis.opendocument"):
        raise DocumentRefused("OpenDocument spreadsheet or presentation: not an application document; save it as PDF")
    if any(n.startswith("xl/") for n in names):
        raise DocumentRefused("Excel workbook: not an application document; save it as PDF if it is one")
    if any(n.startswith("ppt/") for n in names):
        raise DocumentRefused("PowerPoint presentation: not an application document; save it as PDF if it is one")
    return "zip"


def read_bytes(data: bytes, *, path: str = "", max_pages: int = 200, ocr: bool = True) -> ParsedDocument:
    """The document in ``data``: a PDF (its scans read by OCR when available) or a Word file."""
    from jpo_tui.ingest.document import parse_content, parse_pdf_bytes

    kind = sniff(data)
    if kind == "pdf":
        scan = None
        if ocr:
            from jpo_tui.ingest.ocr import options_from_env, scan_reader

            scan = scan_reader(data, options_from_env())
        return parse_pdf_bytes(data, path=path, max_pages=max_pages, scan=scan)
    if kind == "docx":
        from jpo_tui.ingest.docx import read_docx_content

        return parse_content(read_docx_content(data, max_pages=max_pages), data, path=path)
    raise DocumentRefused("an archive inside an archive or given as a document: not opened (extract it first)")


def read_file(path: str | Path, *, max_pages: int = 200, max_bytes: int = 50_000_000, ocr: bool = True
              ) -> ParsedDocument:
    """Read one file, or one member of an archive (``folder/applications.zip/cv.pdf``); DocumentRefused else."""
    p = Path(path)
    inside = split_member(p)
    if inside is not None:
        data = read_member(*inside, max_bytes=max_bytes)
    else:
        try:
            size = p.stat().st_size
            if size > max_bytes:
                raise DocumentRefused(f"file too large ({size:,} bytes > {max_bytes:,})")
            data = p.read_bytes()
        except OSError as exc:
            raise DocumentRefused(f"cannot read file: {exc.strerror or exc}") from exc
    return read_bytes(data, path=str(path), max_pages=max_pages, ocr=ocr)


__all__ = ["NotADocument", "PLAIN_TEXT", "is_plain_text", "read_bytes", "read_file", "sniff"]
