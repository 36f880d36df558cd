"""Opening a PDF safely and pulling out what the readers need: text, positioned text runs, form widgets.

Every pypdf failure leaves this module as a one-line ``DocumentRefused``.
"""

from __future__ import annotations

import io
import logging
import re
import unicodedata
from dataclasses import dataclass, field
from typing import Any

from pypdf import PdfReader
from pypdf.errors import FileNotDecryptedError, PdfReadError

from jpo_tui.parsing.records import DocumentRefused

logging.getLogger("pypdf").setLevel(logging.ERROR)

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]")


@dataclass(frozen=True)
class Run:
    """One piece of text drawn at (x, y) on a page (PDF points, y upwards), with its font size."""

    page: int
    x: float
    y: float
    size: float
    text: str


@dataclass(frozen=True)
class Widget:
    """A form field's widget: its value and where it sits."""

    page: int
    rect: tuple[float, float, float, float]
    name: str
    value: str
    tooltip: str
    is_button: bool


@dataclass
class PdfContent:
    pages: int
    page_texts: list[str]
    runs: list[Run]
    widgets: list[Widget] = field(default_factory=list)
    page_widths: list[float] = field(default_factory=list)


def clean_text(text: str) -> str:
    """Text safe for a terminal: control characters removed (newline and tab kept), spaces tidied."""
    text = unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n"))
    text = _CONTROL.sub("", text).replace("\u00a0", " ")
    lines = [re.sub(r"[ \t]{3,}", "   ", line).rstrip() for line in text.split("\n")]
    out = "\n".join(lines)
    return re.sub(r"\n{3,}", "\n\n", out).strip()


def open_pdf(data: bytes, *, max_pages: int) -> PdfReader:
    """A reader for the bytes, or DocumentRefused saying why not."""
    if not data:
        raise DocumentRefused("empty file")
    head = data[:1024].lstrip()
    if b"%PDF-" not in data[:1024]:
        shown = head[:8].decode("latin-1")
        shown = "".join(ch if ch.isprintable() else "." for ch in shown)
        kind = " (a ZIP/Office document)" if head.startswith(b"PK") else ""
        raise DocumentRefused(f"not a PDF (starts with {shown!r}){kind}")
    if b"%%EOF" not in data[-2048:] and b"%%EOF" not in data:
        raise DocumentRefused("truncated or corrupt PDF: no end-of-file marker")
    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted:
            try:
                if not reader.decrypt(""):
                    raise DocumentRefused("password-protected PDF")
            except DocumentRefused:
                raise
            except Exception as exc:  # noqa: BLE001 - any decryption failure means we cannot read it
                raise DocumentRefused("password-protected PDF") from exc
        pages = len(reader.pages)
    except DocumentRefused:
        raise
    except FileNotDecryptedError as exc:
        raise DocumentRefused("password-protected PDF") from exc
    except Exception as exc:  # noqa: BLE001 - pypdf raises many kinds on broken files
        raise DocumentRefused(f"truncated or corrupt PDF: {_short(exc)}") from exc
    if pages == 0:
        raise DocumentRefused("truncated or corrupt PDF: no pages")
    if pages > max_pages:
        raise DocumentRefused(f"too many pages ({pages} > {max_pages})")
    return reader


def read_content(reader: PdfReader, data: bytes | None = None) -> PdfContent:
    """Text and positioned runs of every page, and the form's widgets.

    With the file's ``data``, the pages are read by PDFium (several times faster); pypdf reads them when PDFium
    cannot. The form's widgets are always read by pypdf.
    """
    if data is not None and _contents_are_small(reader):
        from jpo_tui.parsing.pdfium_content import PdfiumUnavailable, read_pages

        try:
            page_texts, runs, widths = read_pages(data)
        except PdfiumUnavailable:
            pass
        else:
            if sum(len("".join(t.split())) for t in page_texts) < _PDFIUM_MIN_TEXT:
                # No text found: a scan, or content PDFium skipped as malformed; pypdf says which.
                return _read_content_pypdf(reader)
            try:
                widgets = _widgets(reader)
            except DocumentRefused:
                raise
            except Exception as exc:  # noqa: BLE001
                raise DocumentRefused(f"truncated or corrupt PDF: {_short(exc)}") from exc
            return PdfContent(len(page_texts), page_texts, runs, widgets, widths)
    return _read_content_pypdf(reader)


# PDFium aborts the process when it runs out of memory, so a content stream that could inflate past what pypdf
# allows (a Flate bomb: 1 MB on disk, 1 GB inflated) is read by pypdf, which refuses it with a clear reason.
_PDFIUM_MIN_TEXT = 25
_MAX_INFLATE_RATIO = 1032  # the most Flate can expand
_PDFIUM_MAX_ENCODED = 75_000_000 // _MAX_INFLATE_RATIO


def _contents_are_small(reader: PdfReader) -> bool:
    """True when no page's content stream (nor a form drawn on it) is large enough to hide a decompression bomb."""
    try:
        for page in reader.pages:
            if not _streams_small(page.get("/Contents"), page.get("/Resources"), depth=0, seen=set()):
                return False
    except Exception:  # noqa: BLE001 - a broken structure: let pypdf read it and say what is wrong
        return False
    return True


def _streams_small(contents: Any, resources: Any, *, depth: int, seen: set[int]) -> bool:
    if depth > 8:
        return False
    contents = contents.get_object() if contents is not None else None
    streams = contents if isinstance(contents, list) else [contents] if contents is not None else []
    for stream in streams:
        stream = stream.get_object()
        if len(getattr(stream, "_data", b"") or b"") > _PDFIUM_MAX_ENCODED:
            return False
    resources = resources.get_object() if resources is not None else None
    xobjects = resources.get("/XObject") if hasattr(resources, "get") else None
    xobjects = xobjects.get_object() if xobjects is not None else None
    for ref in (xobjects.values() if hasattr(xobjects, "values") else ()):
        key = getattr(ref, "idnum", None) or id(ref)
        if key in seen:
            continue
        seen.add(key)
        form = ref.get_object()
        if form.get("/Subtype") == "/Form" and not _streams_small(form, form.get("/Resources"), depth=depth + 1,
                                                                    seen=seen):
            return False
    return True


def _read_content_pypdf(reader: PdfReader) -> PdfContent:
    page_texts: list[str] = []
    runs: list[Run] = []
    widths: list[float] = []
    try:
        for number, page in enumerate(reader.pages):
            page_runs: list[Run] = []

            def visit(text: str, cm: Any, tm: Any, font: Any, size: float, _n: int = number,
                      _acc: list[Run] = page_runs) -> None:
                if text and text.strip():
                    scale = abs(float(tm[0]) * float(cm[0])) or 1.0
                    x = float(tm[4]) * float(cm[0]) + float(cm[4])
                    y = float(tm[5]) * float(cm[3]) + float(cm[5])
                    _acc.append(Run(_n, x, y, round(float(size) * scale, 1), text))

            text = page.extract_text(visitor_text=visit) or ""
            page_texts.append(text)
            runs.extend(_split_runs(page_runs))
            widths.append(float(page.mediabox.width))
        widgets = _widgets(reader)
    except DocumentRefused:
        raise
    except (PdfReadError, FileNotDecryptedError, Exception) as exc:  # noqa: BLE001
        raise DocumentRefused(f"truncated or corrupt PDF: {_short(exc)}") from exc
    return PdfContent(len(reader.pages), page_texts, runs, widgets, widths)


def _split_runs(runs: list[Run]) -> list[Run]:
    """One run per line of text (pypdf may hand several lines over in one call)."""
    out: list[Run] = []
    for run in runs:
        lines = [ln for ln in run.text.split("\n") if ln.strip()]
        for i, line in enumerate(lines):
            out.append(Run(run.page, run.x, run.y - i * run.size * 1.2, run.size, line.strip()))
    return out


def _widgets(reader: PdfReader) -> list[Widget]:
    if "/AcroForm" not in reader.trailer["/Root"]:
        return []
    widgets: list[Widget] = []
    for number, page in enumerate(reader.pages):
        annots = page.get("/Annots")
        if not annots:
            continue
        for ref in annots.get_object():
            annot = ref.get_object()
            if annot.get("/Subtype") != "/Widget":
                continue
            node = annot
            name_parts: list[str] = []
            props: dict[str, Any] = {}
            while node is not None:
                for key in ("/V", "/FT", "/TU"):
                    if key not in props and key in node:
                        props[key] = node[key]
                if "/T" in node:
                    name_parts.insert(0, str(node["/T"]))
                parent = node.get("/Parent")
                node = parent.get_object() if parent is not None else None
            rect = tuple(float(v) for v in annot.get("/Rect", (0, 0, 0, 0)))
            is_button = props.get("/FT") == "/Btn"
            value = props.get("/V")
            if is_button:
                state = str(annot.get("/AS", value or "/Off"))
                text = "X" if state not in ("/Off", "Off", "None") else ""
            else:
                text = _field_text(value)
            widgets.append(Widget(number, (min(rect[0], rect[2]), min(rect[1], rect[3]),
                                           max(rect[0], rect[2]), max(rect[1], rect[3])),
                                  ".".join(name_parts), clean_text(text), str(props.get("/TU", "") or ""),
                                  is_button))
    return widgets


def _field_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    text = str(value)
    return text[1:] if text.startswith("/") else text


def _short(exc: BaseException) -> str:
    text = " ".join(str(exc).split()) or type(exc).__name__
    return text[:120]
