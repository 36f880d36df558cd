"""Text and positioned runs of every page through PDFium (pypdfium2), several times faster than pypdf's extractor.

PDFium lists a page's text objects (one per text-showing operator) in content order, each with its text, its
matrix (origin on the baseline, scale) and its font size. Pieces of one line that nearly touch (words placed one by
one, kerned fragments) are joined into a run; pieces far apart on a line (a form's label and its value, two table
cells) stay separate runs. The page text is the runs in content order, one per line, as pypdf prints them.
"""

from __future__ import annotations

import ctypes
import math
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

import pypdfium2 as pdfium
import pypdfium2.raw as raw

from jpo_tui.ingest.pdf.pdfio import Run, Widget, clean_text

# Two pieces on one baseline, in one font size, whose gap is under this many font sizes belong to one run (words
# placed one by one: a space is about 0.28); over 0.15 a space is put between them. Cells of a form stand further
# apart and stay separate runs, as pypdf gives them.
_JOIN_GAP = 0.45
_SPACE_GAP = 0.15
_WIDE_GAP = 1.5
# A form value longer than this is cut as it is read (the importer caps values far shorter, with a flag).
_MAX_VALUE_CHARS = 1_000_000

_Matrix = tuple[float, float, float, float, float, float]
_IDENTITY: _Matrix = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)


class PdfiumUnavailable(Exception):
    """PDFium could not open or read the file; the caller falls back to pypdf."""


@dataclass
class PdfiumPages:
    """What PDFium read: each page's text and width, the positioned runs, and (when asked) the form's widgets."""

    texts: list[str]
    runs: list[Run]
    widths: list[float]
    widgets: list[Widget] | None = field(default_factory=list)  # None: fields PDFium cannot read, ask pypdf


_PDFIUM = threading.Lock()  # PDFium is not thread-safe: one document at a time per process


def read_pages(data: bytes, *, widgets: bool = False) -> PdfiumPages:
    """The pages of a PDF's bytes (and its form widgets with ``widgets``), or PdfiumUnavailable; see _read_pages."""
    with _PDFIUM:
        return _read_pages(data, widgets=widgets)


def _read_pages(data: bytes, *, widgets: bool = False) -> PdfiumPages:
    """The pages of a PDF's bytes (and its form widgets with ``widgets``), or PdfiumUnavailable.

    The widgets are read from the annotations' dictionaries, as pypdf reads them, not through PDFium's form filler
    (which lays out every value when a page loads: minutes and gigabytes for a value of megabytes).
    """
    try:
        doc = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        raise PdfiumUnavailable(str(exc)) from exc
    try:
        out = PdfiumPages([], [], [])
        buffer = ctypes.create_string_buffer(4096)
        for number in range(len(doc)):
            page = doc[number]
            try:
                textpage = page.get_textpage()
                try:
                    page_pieces = _join(list(_pieces(page.raw, textpage.raw, number, buffer)))
                finally:
                    textpage.close()
                left, _, right, _ = page.get_mediabox()  # unrotated, as the runs' coordinates are
                out.widths.append(float(right - left))
                if widgets and out.widgets is not None:
                    try:
                        out.widgets.extend(_widgets(page.raw, number, buffer))
                    except _FieldsNested:
                        out.widgets = None
            finally:
                page.close()
            out.texts.append(_page_text(page_pieces))
            out.runs.extend(run for piece in page_pieces for run in _lines(piece))
        return out
    finally:
        doc.close()


_OFF = ("Off", "None", "")


def _widgets(page: object, number: int, buffer: ctypes.Array) -> Iterator[Widget]:
    """The page's form widgets in the order of its annotations: name (/T), value (/V), tooltip (/TU), field type
    (/FT), check state (/AS), box; _FieldsNested when a widget's field is its parent (pypdf then reads them)."""
    rect = raw.FS_RECTF()
    for index in range(raw.FPDFPage_GetAnnotCount(page)):
        annot = raw.FPDFPage_GetAnnot(page, index)
        if not annot:
            continue
        try:
            if raw.FPDFAnnot_GetSubtype(annot) != raw.FPDF_ANNOT_WIDGET:
                continue
            names, props = _inherited(annot, buffer)
            if not raw.FPDFAnnot_GetRect(annot, rect):
                rect.left = rect.bottom = rect.right = rect.top = 0.0
            is_button = props.get("FT") == "Btn"
            if is_button:
                state = _string(annot, "AS", buffer) if raw.FPDFAnnot_HasKey(annot, b"AS") else props.get("V", "")
                value = "" if state in _OFF else "X"
            else:
                value = props.get("V", "")
            box = (min(rect.left, rect.right), min(rect.bottom, rect.top),
                   max(rect.left, rect.right), max(rect.bottom, rect.top))
            yield Widget(number, box, ".".join(names), clean_text(value), props.get("TU", ""), is_button)
        finally:
            raw.FPDFPage_CloseAnnot(annot)


class _FieldsNested(Exception):
    """A widget is the kid of a field (a radio group): PDFium does not open the parent field's dictionary."""


def _inherited(annot: object, buffer: ctypes.Array) -> tuple[list[str], dict[str, str]]:
    """The widget's /T name and its /V, /FT, /TU."""
    if raw.FPDFAnnot_HasKey(annot, b"Parent"):
        raise _FieldsNested()
    props: dict[str, str] = {}
    for key in ("V", "FT", "TU"):
        if raw.FPDFAnnot_HasKey(annot, key.encode()):
            if raw.FPDFAnnot_GetValueType(annot, key.encode()) not in (raw.FPDF_OBJECT_STRING, raw.FPDF_OBJECT_NAME):
                raise _FieldsNested()  # a list of values (a multiple choice): pypdf reads it
            props[key] = _string(annot, key, buffer)
    names = [_string(annot, "T", buffer)] if raw.FPDFAnnot_HasKey(annot, b"T") else []
    return names, props


def _string(annot: object, key: str, buffer: ctypes.Array) -> str:
    """A string or name value of an annotation's dictionary (a name without its slash), cut at _MAX_VALUE_CHARS."""
    return _utf16(lambda out, size: raw.FPDFAnnot_GetStringValue(annot, key.encode(), out, size), buffer,
                  limit=2 * _MAX_VALUE_CHARS)


def _utf16(fetch: Callable[[object, int], int], buffer: ctypes.Array, *, limit: int | None = None) -> str:
    """A string from one of PDFium's getters that fill a UTF-16 buffer and return the bytes needed (with the
    terminating NUL): the shared buffer when it is big enough, else one of the size asked; at most ``limit`` bytes."""
    length = fetch(ctypes.cast(buffer, ctypes.POINTER(raw.FPDF_WCHAR)), len(buffer))
    if length > len(buffer):
        buffer = ctypes.create_string_buffer(length)
        length = fetch(ctypes.cast(buffer, ctypes.POINTER(raw.FPDF_WCHAR)), length)
    size = max(0, length - 2)
    return ctypes.string_at(buffer, size if limit is None else min(size, limit)).decode("utf-16-le",
                                                                                      errors="replace")


class _Piece:
    __slots__ = ("page", "x", "y", "right", "size", "text")

    def __init__(self, page: int, x: float, y: float, right: float, size: float, text: str) -> None:
        self.page, self.x, self.y, self.right, self.size, self.text = page, x, y, right, size, text


def _pieces(page: object, textpage: object, number: int, buffer: ctypes.Array,
            ) -> Iterator[_Piece]:
    """Every text object of the page, forms' objects included, in content order."""
    stack: list[tuple[object, int, int, _Matrix, bool]] = [(page, 0, raw.FPDFPage_CountObjects(page), _IDENTITY, True)]
    matrix = raw.FS_MATRIX()
    left, bottom, right, top = ctypes.c_float(), ctypes.c_float(), ctypes.c_float(), ctypes.c_float()
    size = ctypes.c_float()
    while stack:
        holder, index, count, outer, on_page = stack.pop()
        if index >= count:
            continue
        stack.append((holder, index + 1, count, outer, on_page))
        obj = raw.FPDFPage_GetObject(holder, index) if on_page else raw.FPDFFormObj_GetObject(holder, index)
        if not obj:
            continue
        kind = raw.FPDFPageObj_GetType(obj)
        if kind == raw.FPDF_PAGEOBJ_FORM:
            if raw.FPDFPageObj_GetMatrix(obj, matrix):
                inner = _compose((matrix.a, matrix.b, matrix.c, matrix.d, matrix.e, matrix.f), outer)
                stack.append((obj, 0, raw.FPDFFormObj_CountObjects(obj), inner, False))
            continue
        if kind != raw.FPDF_PAGEOBJ_TEXT:
            continue
        text = _text(obj, textpage, buffer)
        if not text or not text.strip():
            continue
        if not raw.FPDFPageObj_GetMatrix(obj, matrix):
            continue
        a, b, c, d, e, f = _compose((matrix.a, matrix.b, matrix.c, matrix.d, matrix.e, matrix.f), outer)
        if not raw.FPDFTextObj_GetFontSize(obj, size):
            size.value = 0.0
        scale = math.hypot(c, d) or 1.0
        end = e
        if raw.FPDFPageObj_GetBounds(obj, left, bottom, right, top):
            end = right.value * outer[0] + bottom.value * outer[2] + outer[4]
        yield _Piece(number, e, f, end, round(float(size.value) * scale, 1), text)


def _text(obj: object, textpage: object, buffer: ctypes.Array) -> str:
    text = _utf16(lambda out, size: raw.FPDFTextObj_GetText(obj, textpage, out, size), buffer)
    return text.replace("\x02", "-")  # PDFium marks a line-end hyphen 0x02


def _compose(inner: _Matrix, outer: _Matrix) -> _Matrix:
    """The matrix inner then outer (PDF row-vector convention)."""
    a, b, c, d, e, f = inner
    A, B, C, D, E, F = outer  # noqa: N806 - the usual names of a PDF matrix
    return (a * A + b * C, a * B + b * D, c * A + d * C, c * B + d * D, e * A + f * C + E, e * B + f * D + F)


def _join(pieces: list[_Piece]) -> list[_Piece]:
    """Pieces of one line that nearly touch joined into one."""
    joined: list[_Piece] = []
    for piece in pieces:
        current = joined[-1] if joined else None
        if current is not None and _continues(current, piece, _JOIN_GAP):
            current.text += _joint(current, piece) + piece.text
            current.right = max(current.right, piece.right)
        else:
            joined.append(_Piece(piece.page, piece.x, piece.y, piece.right, piece.size, piece.text))
    return joined


def _joint(left: _Piece, right: _Piece) -> str:
    """What stands between two pieces of a line: nothing, a space, or a wide gap ("   ", as a tab prints)."""
    gap = right.x - left.right
    size = max(left.size, right.size, 1.0)
    if gap > _WIDE_GAP * size:
        return "   "
    if gap <= _SPACE_GAP * size or left.text.endswith(" ") or right.text.startswith(" "):
        return ""
    return " "


def _page_text(pieces: list[_Piece]) -> str:
    """The page's text in content order: the pieces of a line on one line, cells far apart set off by wide gaps."""
    out: list[str] = []
    previous: _Piece | None = None
    for piece in pieces:
        if previous is not None:
            out.append(_joint(previous, piece) if _continues(previous, piece, None) else "\n")
        out.append(piece.text)
        previous = piece
    return "".join(out)


def _continues(current: _Piece, piece: _Piece, max_gap: float | None) -> bool:
    """The piece goes on along the current one's line, at most ``max_gap`` font sizes further (any, when None)."""
    size = max(current.size, piece.size, 1.0)
    if abs(piece.y - current.y) > 0.3 * size:
        return False
    gap = piece.x - current.right
    if max_gap is None:
        return gap >= -0.5 * size
    return abs(piece.size - current.size) <= 0.3 and -0.5 * size <= gap <= max_gap * size


def _lines(piece: _Piece) -> list[Run]:
    parts = [p.strip() for p in piece.text.replace("\r\n", "\n").replace("\r", "\n").split("\n")]
    return [Run(piece.page, piece.x, piece.y - i * piece.size * 1.2, piece.size, p)
            for i, p in enumerate(parts) if p]
