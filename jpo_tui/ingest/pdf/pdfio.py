"""Opening a PDF safely and pulling out what the readers need: text, positioned text runs, form widgets.

Every pypdf failure leaves this module as a one-line ``DocumentRefused``.
"""

from __future__ import annotations

import io
import logging
import re
import unicodedata
import zlib
from dataclasses import dataclass, field
from typing import Any

from pypdf import PdfReader
from pypdf.errors import FileNotDecryptedError, PdfReadError

from jpo_tui.core.records import DocumentRefused

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

    With the file's ``data``, the pages and the form's widgets are read by PDFium (several times faster); pypdf
    reads them when PDFium cannot or should not.
    """
    if data is not None and _contents_are_small(reader):
        from jpo_tui.ingest.pdf.pdfium_content import PdfiumUnavailable, read_pages

        try:
            pages = read_pages(data, widgets=_has_form(reader))
        except PdfiumUnavailable:
            pass
        else:
            try:
                widgets = pages.widgets if pages.widgets is not None else _widgets(reader)
            except DocumentRefused:
                raise
            except Exception as exc:  # noqa: BLE001 - pypdf raises many kinds on broken files
                raise DocumentRefused(f"truncated or corrupt PDF: {_short(exc)}") from exc
            visible = sum(len("".join(t.split())) for t in pages.texts) + sum(len(w.value) for w in widgets)
            if visible < _PDFIUM_MIN_TEXT:
                # No text found: a scan, or content PDFium skipped as malformed; pypdf says which.
                return _read_content_pypdf(reader)
            return PdfContent(len(pages.texts), pages.texts, pages.runs, widgets, pages.widths)
    return _read_content_pypdf(reader)


# PDFium aborts the process when it runs out of memory, so a document whose streams could inflate past what pypdf
# allows (a Flate bomb: 1 MB on disk, 1 GB inflated) is read by pypdf, which refuses it with a clear reason. What
# PDFium inflates to read text: each page's content streams and forms (freed page by page) and the embedded fonts
# (kept for the whole document). Flate alone is measured (inflated up to the limit, in C); other filters and chains
# are bounded by how much they can expand at most.
_PDFIUM_MIN_TEXT = 25
_PDFIUM_MAX_INFLATED = 75_000_000
_MOST_EXPANSION = {"/FlateDecode": 1032, "/Fl": 1032, "/LZWDecode": 4096, "/LZW": 4096, "/RunLengthDecode": 128,
                   "/RL": 128, "/ASCII85Decode": 1, "/A85": 1, "/ASCIIHexDecode": 1, "/AHx": 1}
_FONT_FILES = ("/FontFile", "/FontFile2", "/FontFile3")


class _InflationBudget:
    """Worst-case inflated bytes of the streams PDFium would read, page by page and for the fonts."""

    def __init__(self) -> None:
        self.sizes: dict[int, int] = {}
        self.fonts_seen: set[int] = set()
        self.fonts = 0

    def page_fits(self, page: Any) -> bool:
        return self._drawing(page.get("/Contents"), page.get("/Resources"), depth=0, forms=set()) \
            <= _PDFIUM_MAX_INFLATED and self.fonts <= _PDFIUM_MAX_INFLATED

    def _drawing(self, contents: Any, resources: Any, *, depth: int, forms: set[int]) -> int:
        """Inflated bytes of content streams (each listed one counted every time) and of the forms they draw."""
        if depth > 8:
            return _PDFIUM_MAX_INFLATED + 1
        contents = contents.get_object() if contents is not None else None
        streams = contents if isinstance(contents, list) else [contents] if contents is not None else []
        total = sum(self._inflated(ref) for ref in streams)
        resources = resources.get_object() if resources is not None else None
        if not hasattr(resources, "get"):
            return total
        self._count_fonts(resources.get("/Font"), depth=depth)
        xobjects = resources.get("/XObject")
        xobjects = xobjects.get_object() if xobjects is not None else None
        for ref in (xobjects.values() if hasattr(xobjects, "values") else ()):
            key = getattr(ref, "idnum", None) or id(ref)
            form = ref.get_object()
            if key in forms or form.get("/Subtype") != "/Form":
                continue
            forms.add(key)
            total += self._drawing(ref, form.get("/Resources"), depth=depth + 1, forms=forms)
            if total > _PDFIUM_MAX_INFLATED:
                break
        return total

    def _count_fonts(self, fonts: Any, *, depth: int) -> None:
        fonts = fonts.get_object() if fonts is not None else None
        for ref in (fonts.values() if hasattr(fonts, "values") else ()):
            key = getattr(ref, "idnum", None) or id(ref)
            if key in self.fonts_seen:
                continue
            self.fonts_seen.add(key)
            font = ref.get_object()
            described = [font] + [d.get_object() for d in (font.get("/DescendantFonts") or [])]
            for item in described:
                descriptor = item.get("/FontDescriptor")
                descriptor = descriptor.get_object() if descriptor is not None else {}
                for name in _FONT_FILES:
                    if name in descriptor:
                        self.fonts += self._inflated(descriptor.raw_get(name))
            procs = font.get("/CharProcs")  # a Type 3 font draws its glyphs with content streams
            procs = procs.get_object() if procs is not None else None
            for proc in (procs.values() if hasattr(procs, "values") else ()):
                self.fonts += self._inflated(proc)
            self._count_fonts_in(font.get("/Resources"), depth=depth)

    def _count_fonts_in(self, resources: Any, *, depth: int) -> None:
        resources = resources.get_object() if resources is not None else None
        if hasattr(resources, "get") and depth < 8:
            self._count_fonts(resources.get("/Font"), depth=depth + 1)

    def _inflated(self, ref: Any) -> int:
        key = getattr(ref, "idnum", None)
        if key is not None and key in self.sizes:
            return self.sizes[key]
        size = _inflated_size(ref.get_object())
        if key is not None:
            self.sizes[key] = size
        return size


def _inflated_size(stream: Any) -> int:
    """At most how many bytes the stream decodes to (exact when Flate is its only or first filter)."""
    data: bytes | None = getattr(stream, "_data", b"") or b""
    bound = len(data)
    filters = stream.get("/Filter")
    filters = filters.get_object() if filters is not None else []
    for name in [str(f) for f in filters] if isinstance(filters, list) else [str(filters)]:
        if name in ("/FlateDecode", "/Fl") and data is not None:
            try:
                data = zlib.decompressobj().decompress(data, _PDFIUM_MAX_INFLATED + 1)
            except zlib.error:
                data = None  # damaged: bound it instead
                bound *= _MOST_EXPANSION[name]
                continue
            bound = len(data)
            if bound > _PDFIUM_MAX_INFLATED:
                return bound
            continue
        data = None
        bound *= _MOST_EXPANSION.get(name, 1 if name.endswith(("DCTDecode", "JPXDecode", "CCITTFaxDecode",
                                                                   "JBIG2Decode", "/DCT", "/CCF")) else 1032)
    return bound


def _contents_are_small(reader: PdfReader) -> bool:
    """True when the streams PDFium would inflate to read the text cannot exceed the limit (no decompression bomb)."""
    budget = _InflationBudget()
    try:
        return all(budget.page_fits(page) for page in reader.pages)
    except Exception:  # noqa: BLE001 - a broken structure: let pypdf read it and say what is wrong
        return False


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


def _has_form(reader: PdfReader) -> bool:
    try:
        return "/AcroForm" in reader.trailer["/Root"]
    except Exception:  # noqa: BLE001
        return False


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
