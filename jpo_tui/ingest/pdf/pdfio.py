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
from typing import Any, cast

from pypdf import PdfReader
from pypdf.errors import FileNotDecryptedError, PdfReadError
from pypdf.generic import DictionaryObject

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


# A spacing accent printed before its letter, as TeX's old font encoding draws "H´ebert", "M¨arz", "Espa˜na".
_SPACING_ACCENT = re.compile("([\u00b4\u00a8\u02c6\u02dc\u00b8\u02c7])([A-Za-z])")
_COMBINING = {"\u00b4": "\u0301", "\u00a8": "\u0308", "\u02c6": "\u0302", "\u02dc": "\u0303", "\u00b8": "\u0327",
              "\u02c7": "\u030c"}


def clean_text(text: str) -> str:
    """Text safe for a terminal: control characters removed (newline and tab kept), spaces tidied, accents
    printed apart from their letters put back on them."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if any(accent in text for accent in _COMBINING):
        text = _SPACING_ACCENT.sub(lambda m: m.group(2) + _COMBINING[m.group(1)], text)
    text = unicodedata.normalize("NFC", text)
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
        if _out_of_memory(exc):
            raise MemoryError() from exc  # the reader says how much memory it was allowed
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

        form = _has_form(reader)
        short_values = form and _values_are_short(reader)
        try:
            pages = read_pages(data, widgets=short_values)
        except PdfiumUnavailable:
            pass
        else:
            if form and not short_values:
                pages.widgets = None  # PDFium would copy a value of megabytes several times over: pypdf reads them
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
# allows (a Flate bomb: 1 MB on disk, 1 GB inflated) is never given to it. What PDFium inflates to read text: each
# page's content streams and forms, and the inline images (BI ... ID ... EI) in them, whose end it finds by decoding
# them (freed page by page); the fonts' files, ToUnicode maps, embedded CMaps and CID-to-glyph maps, and the object
# streams (kept for the whole document). Flate alone is measured (inflated up to the limit, in C); other filters and
# chains are bounded by how much they can expand at most. One stream measured past the limit is a decompression
# bomb: the document is refused. A sum past it (or a bound of an unmeasured filter) sends the document to pypdf,
# whose own inflate limits stop what it cannot read.
_PDFIUM_MIN_TEXT = 25
_PDFIUM_MAX_INFLATED = 75_000_000
_MOST_EXPANSION = {"/FlateDecode": 1032, "/Fl": 1032, "/LZWDecode": 4096, "/LZW": 4096, "/RunLengthDecode": 128,
                   "/RL": 128, "/ASCII85Decode": 1, "/A85": 1, "/ASCIIHexDecode": 1, "/AHx": 1}
_FONT_FILES = ("/FontFile", "/FontFile2", "/FontFile3")
_FLATE = ("/FlateDecode", "/Fl")
_INLINE_IMAGE = re.compile(rb"(?:^|[\s\]>)])BI[\s/]")
_INLINE_DATA = re.compile(rb"\sID\s")
_INLINE_FILTER = re.compile(rb"/(?:F|Filter)\s*(\[[^\]]{0,400}\]|/[A-Za-z0-9]{1,40})")


class DecompressionBomb(DocumentRefused):
    """A stream inflates past what any reader is allowed (the document is refused)."""

    def __init__(self, what: str) -> None:
        super().__init__(f"{what} inflates to more than {_PDFIUM_MAX_INFLATED // 1_000_000} MB (a decompression "
                         "bomb): not read")


class _InflationBudget:
    """Worst-case inflated bytes of the streams PDFium would read, page by page and for the whole document."""

    def __init__(self) -> None:
        self.sizes: dict[int, int] = {}
        self.seen: set[object] = set()
        self.document = 0  # fonts, CMaps and object streams: kept while the document is open

    def page_fits(self, page: Any) -> bool:
        return self._drawing(page.get("/Contents"), page.get("/Resources"), depth=0, forms=set()) \
            <= _PDFIUM_MAX_INFLATED and self.document <= _PDFIUM_MAX_INFLATED

    def object_streams_fit(self, reader: PdfReader) -> bool:
        """The object streams (and the cross-reference streams) PDFium inflates to find objects."""
        numbers = {number for number, _ in getattr(reader, "xref_objStm", {}).values()}
        for number in sorted(numbers):
            self.document += self._inflated(reader.get_object(number), "an object stream", key=number)
        for number in getattr(reader, "xref", {}).get(0, {}):
            obj: Any = reader.get_object(number)
            if getattr(obj, "get", None) and obj.get("/Type") == "/XRef":
                self.document += self._inflated(obj, "a cross-reference stream", key=number)
        return self.document <= _PDFIUM_MAX_INFLATED

    def _drawing(self, contents: Any, resources: Any, *, depth: int, forms: set[int]) -> int:
        """Inflated bytes of content streams (each listed one counted every time) and of the forms they draw."""
        if depth > 8:
            return _PDFIUM_MAX_INFLATED + 1
        contents = contents.get_object() if contents is not None else None
        streams = contents if isinstance(contents, list) else [contents] if contents is not None else []
        total = sum(self._inflated(ref, "a content stream", content=True) for ref in streams)
        resources = resources.get_object() if resources is not None else None
        if not hasattr(resources, "get"):
            return total
        self._count_fonts(resources.get("/Font"), depth=depth)
        xobjects: Any = resources.get("/XObject")
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
            if key in self.seen:
                continue
            self.seen.add(key)
            font = ref.get_object()
            described = [font] + [d.get_object() for d in (font.get("/DescendantFonts") or [])]
            for item in described:
                descriptor: Any = item.get("/FontDescriptor")
                descriptor = descriptor.get_object() if descriptor is not None else {}
                for name in _FONT_FILES:
                    if name in descriptor:
                        self.document += self._inflated(descriptor.raw_get(name), "a font file")
                self._count_cmap(item.raw_get("/ToUnicode") if "/ToUnicode" in item else None, "a ToUnicode map")
                self._count_cmap(item.raw_get("/CIDToGIDMap") if "/CIDToGIDMap" in item else None,
                                 "a CID-to-glyph map")
            self._count_cmap(font.raw_get("/Encoding") if "/Encoding" in font else None, "an embedded CMap")
            procs: Any = font.get("/CharProcs")  # a Type 3 font draws its glyphs with content streams
            procs = procs.get_object() if procs is not None else None
            for proc in (procs.values() if hasattr(procs, "values") else ()):
                self.document += self._inflated(proc, "a Type 3 glyph", content=True)
            self._count_fonts_in(font.get("/Resources"), depth=depth)

    def _count_cmap(self, ref: Any, what: str, depth: int = 0) -> None:
        """A stream-valued font entry (a ToUnicode or embedded CMap, a CID map) and the CMaps it uses."""
        stream: Any = ref.get_object() if ref is not None else None
        if not hasattr(stream, "get_data") or depth > 8:
            return
        key = getattr(ref, "idnum", None)
        if key is not None and ("cmap", key) in self.seen:
            return
        if key is not None:
            self.seen.add(("cmap", key))
        self.document += self._inflated(ref, what)
        if "/UseCMap" in stream:
            self._count_cmap(stream.raw_get("/UseCMap"), what, depth + 1)

    def _count_fonts_in(self, resources: Any, *, depth: int) -> None:
        resources = resources.get_object() if resources is not None else None
        if hasattr(resources, "get") and depth < 8:
            self._count_fonts(resources.get("/Font"), depth=depth + 1)

    def _inflated(self, ref: Any, what: str, *, content: bool = False, key: int | None = None) -> int:
        key = key if key is not None else getattr(ref, "idnum", None)
        if key is not None and key in self.sizes:
            return self.sizes[key]
        size, data = _inflate(ref.get_object(), what)
        if content and data is not None:
            size += _inline_images(data)
        elif content and size <= _PDFIUM_MAX_INFLATED and b"ID" in (getattr(ref.get_object(), "_data", b"") or b""):
            size = _PDFIUM_MAX_INFLATED + 1  # a filter chain hides inline images: too costly to look, ask pypdf
        if key is not None:
            self.sizes[key] = size
        return size


def _inflate(stream: Any, what: str) -> tuple[int, bytes | None]:
    """At most how many bytes the stream decodes to (exact when Flate is its only or first filter), and the decoded
    bytes when they are known; DecompressionBomb when Flate alone inflates it past the limit."""
    raw: bytes = getattr(stream, "_data", b"") or b""
    data: bytes | None = raw
    bound = len(raw)
    filters = stream.get("/Filter")
    filters = filters.get_object() if filters is not None else []
    for name in [str(f) for f in filters] if isinstance(filters, list) else [str(filters)]:
        if name in _FLATE and data is not None:
            try:
                data = zlib.decompressobj().decompress(data, _PDFIUM_MAX_INFLATED + 1)
            except zlib.error:
                data = None  # damaged: bound it instead
                bound *= _MOST_EXPANSION[name]
                continue
            bound = len(data)
            if bound > _PDFIUM_MAX_INFLATED:
                raise DecompressionBomb(what)
            continue
        data = None
        bound *= _expansion(name)
    return bound, data


def _expansion(name: str) -> int:
    if name in _MOST_EXPANSION:
        return _MOST_EXPANSION[name]
    return 1 if name.endswith(("DCTDecode", "JPXDecode", "CCITTFaxDecode", "JBIG2Decode", "/DCT", "/CCF")) else 1032


def _inline_images(content: bytes) -> int:
    """Bytes PDFium inflates to find the end of the inline images (BI <dict> ID <data> EI) of a content stream."""
    total = 0
    at = 0
    while (found := _INLINE_IMAGE.search(content, at)) is not None:
        start = _INLINE_DATA.search(content, found.end(), found.end() + 4096)
        if start is None:
            at = found.end()
            continue
        filters = _INLINE_FILTER.search(content[found.end():start.start()])
        names = re.findall(rb"/[A-Za-z0-9]+", filters.group(1)) if filters else []
        data = content[start.end():]
        first = names[0].decode("latin-1") if names else ""
        if first in _FLATE:
            inflater = zlib.decompressobj()
            try:
                size = len(inflater.decompress(data, _PDFIUM_MAX_INFLATED + 1))
            except zlib.error:
                size = 0  # PDFium cannot inflate it either
            if size > _PDFIUM_MAX_INFLATED:
                raise DecompressionBomb("an inline image")
            used = len(data) - len(inflater.unconsumed_tail) - len(inflater.unused_data)
        else:
            end = data.find(b"EI")
            used = len(data) if end < 0 else end
            size = used * max([_expansion(n.decode("latin-1")) for n in names] or [1])
        for name in names[1:]:
            size *= _expansion(name.decode("latin-1"))
        total += size
        at = start.end() + max(used, 1)
    return total


def _contents_are_small(reader: PdfReader) -> bool:
    """True when the streams PDFium would inflate to read the text cannot exceed the limit (no decompression bomb);
    DecompressionBomb when one stream alone inflates past it."""
    budget = _InflationBudget()
    try:
        return budget.object_streams_fit(reader) and all(budget.page_fits(page) for page in reader.pages)
    except DecompressionBomb:
        raise
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


_MAX_PDFIUM_VALUE = 1_000_000  # characters of one form value PDFium is asked for


def _values_are_short(reader: PdfReader) -> bool:
    """True when no widget's value (as pypdf already parsed it) is longer than _MAX_PDFIUM_VALUE."""
    try:
        for page in reader.pages:
            for ref in (page.get("/Annots") or ()):  # a broken /Annots: pypdf says what is wrong
                value = ref.get_object().get("/V")
                if isinstance(value, str | bytes) and len(value) > _MAX_PDFIUM_VALUE:
                    return False
        return True
    except Exception:  # noqa: BLE001
        return False


def _has_form(reader: PdfReader) -> bool:
    try:
        return "/AcroForm" in _root(reader)
    except Exception:  # noqa: BLE001
        return False


def _root(reader: PdfReader) -> DictionaryObject:
    """The document catalog, as the trailer holds it (pypdf types a dictionary's values as any PdfObject)."""
    return cast(DictionaryObject, reader.trailer["/Root"])


def _widgets(reader: PdfReader) -> list[Widget]:
    if "/AcroForm" not in _root(reader):
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


def _out_of_memory(exc: BaseException) -> bool:
    """True when pypdf's error hides a MemoryError (it wraps what it catches)."""
    seen: BaseException | None = exc
    for _ in range(16):
        if seen is None:
            return False
        if isinstance(seen, MemoryError):
            return True
        seen = seen.__cause__ or seen.__context__
    return False


def _short(exc: BaseException) -> str:
    text = " ".join(str(exc).split()) or type(exc).__name__
    return text[:120]
