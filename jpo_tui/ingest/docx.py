"""Word files (.docx) -> the same pages, text and positioned runs the PDF readers hand to the layout readers.

python-docx opens the package (its parts, styles, sections, headers and footers); the body is then walked in
document order so that content controls, text boxes and tick boxes are not missed (python-docx's ``.text`` skips
them). Word does not store where a line falls on a page, so the page is laid out here the simple way a printer
would: paragraphs one under the other from the top margin, a table's cells at their grid columns, so a row of
labels stands over the row of values below it; tab-separated pieces at Word's tab stops; a new page when the
body reaches the bottom margin or at a page break. Ticked and empty boxes (content-control check boxes, legacy
form check boxes, Wingdings symbols) become ☒ and ☐.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from jpo_tui.core.records import DocumentRefused
from jpo_tui.ingest.archive import PACKAGE_LIMITS, check_infos
from jpo_tui.ingest.pdf.pdfio import PdfContent, Run, clean_text

_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"


def _q(tag: str) -> str:
    return f"{{{_W}}}{tag}"


_P, _TBL, _TR, _TC, _SDT, _SDT_CONTENT = _q("p"), _q("tbl"), _q("tr"), _q("tc"), _q("sdt"), _q("sdtContent")
_T, _TAB, _BR, _CR, _SYM, _FLD_CHAR = _q("t"), _q("tab"), _q("br"), _q("cr"), _q("sym"), _q("fldChar")
_TXBX = _q("txbxContent")
_SKIP = {_q("del"), _q("delText"), _q("instrText"), _q("rPr"), _q("pPr"), _q("tblPr"), _q("trPr"), _q("tcPr"),
         _q("sdtPr"), _q("sdtEndPr"), f"{{{_MC}}}Fallback", _q("footnoteReference"), _q("commentReference"),
         _q("moveFrom")}

TICKED, EMPTY = "\u2612", "\u2610"
# Tick boxes typed with a symbol font: (font, character code) -> box.
_SYMBOL_BOXES = {("wingdings", 0xFE): TICKED, ("wingdings", 0xFD): TICKED, ("wingdings", 0xFB): TICKED,
                 ("wingdings", 0xA8): EMPTY, ("wingdings", 0x6F): EMPTY, ("wingdings", 0x71): EMPTY,
                 ("wingdings 2", 0x53): TICKED, ("wingdings 2", 0x54): TICKED, ("wingdings 2", 0x52): TICKED,
                 ("wingdings 2", 0xA3): EMPTY, ("wingdings 2", 0x2A): EMPTY, ("ms gothic", 0x2612): TICKED,
                 ("ms gothic", 0x2610): EMPTY, ("segoe ui symbol", 0x2612): TICKED, ("segoe ui symbol", 0x2610): EMPTY}

_DEFAULT_SIZE = 11.0
_LINE = 1.2  # line height / font size
_CELL_PAD = 5.4  # Word's default cell margin (0.08 in)
_TAB_STOP = 36.0  # Word's default tab stops (0.5 in)
_CHAR = 0.5  # average character width / font size


@dataclass
class _Page:
    width: float = 595.3
    height: float = 841.9
    left: float = 72.0
    top: float = 72.0
    bottom: float = 72.0


@dataclass
class _Piece:
    """A line's text at an x offset from the paragraph's left edge."""

    x: float
    text: str


@dataclass
class _Line:
    pieces: list[_Piece]
    size: float
    page_break: bool = False


@dataclass
class _Writer:
    """Lays lines out on pages, top to bottom, and keeps the runs and the page texts."""

    page: _Page
    runs: list[Run] = field(default_factory=list)
    texts: list[list[str]] = field(default_factory=lambda: [[]])
    y: float = 0.0

    def __post_init__(self) -> None:
        self.y = self.page.height - self.page.top

    @property
    def number(self) -> int:
        return len(self.texts) - 1

    def new_page(self) -> None:
        self.texts.append([])
        self.y = self.page.height - self.page.top

    def row(self, cells: list[tuple[float, list[_Line]]]) -> None:
        """Lines side by side: each cell's lines at its x, line i of every cell on one baseline."""
        height = max((len(lines) for _, lines in cells), default=0)
        if height == 0:
            return
        for i in range(height):
            size = max((lines[i].size for _, lines in cells if i < len(lines)), default=_DEFAULT_SIZE)
            if self.y - size * _LINE < self.page.bottom and (self.runs and self.runs[-1].page == self.number):
                self.new_page()
            self.y -= size * _LINE
            shown: list[str] = []
            for x, lines in cells:
                if i >= len(lines):
                    continue
                for piece in lines[i].pieces:
                    text = piece.text.strip()
                    if text:
                        self.runs.append(Run(self.number, round(x + piece.x, 2), round(self.y, 2), lines[i].size, text))
                        shown.append(text)
            self.texts[-1].append("   ".join(shown))
        self.y -= 2.0

    def line(self, line: _Line, x: float) -> None:
        if line.page_break:
            if self.runs and self.runs[-1].page == self.number:
                self.new_page()
            return
        self.row([(x, [line])])

    def content(self) -> PdfContent:
        texts = [clean_text("\n".join(lines)) for lines in self.texts]
        return PdfContent(len(texts), texts, self.runs, [], [self.page.width] * len(texts))


class _Reader:
    def __init__(self, document: Any) -> None:
        self.document = document
        self.sizes: dict[str, float | None] = {}
        self.default_size = _default_size(document)
        self.boxes: list[Any] = []  # text boxes met while reading a paragraph, laid out after it

    # ---- sizes -----------------------------------------------------------------------------------------------
    def style_size(self, style_id: str | None) -> float:
        if not style_id:
            return self.default_size
        if style_id not in self.sizes:
            size = None
            try:
                style = self.document.styles.element.get_by_id(style_id)
                hops = 0
                while style is not None and size is None and hops < 10:
                    sz = style.find(f"{_q('rPr')}/{_q('sz')}")
                    if sz is not None:
                        size = _half_points(sz)
                    based = style.find(_q("basedOn"))
                    style = self.document.styles.element.get_by_id(based.get(_q("val"))) if based is not None else None
                    hops += 1
            except Exception:  # noqa: BLE001 - a damaged style: the default size will do
                size = None
            self.sizes[style_id] = size
        return self.sizes[style_id] or self.default_size

    # ---- blocks ----------------------------------------------------------------------------------------------
    def blocks(self, parent: Any, writer: _Writer, x: float, width: float) -> None:
        """Lay out the paragraphs and tables below ``parent`` (a body, a cell, a header, a content control)."""
        for child in parent.iterchildren():
            tag = child.tag
            if tag == _P:
                for line in self.paragraph(child):
                    writer.line(line, x)
                self.flush_boxes(writer, x, width)
            elif tag == _TBL:
                self.table(child, writer, x, width)
            elif tag in (_SDT, _SDT_CONTENT, _q("customXml"), f"{{{_MC}}}AlternateContent", f"{{{_MC}}}Choice"):
                inner = child.find(_SDT_CONTENT) if tag == _SDT else child
                if inner is not None:
                    self.blocks(inner, writer, x, width)

    def flush_boxes(self, writer: _Writer, x: float, width: float) -> None:
        boxes, self.boxes = self.boxes, []
        for box in boxes:
            self.blocks(box, writer, x, width)

    def cell_lines(self, cell: Any, width: float) -> list[_Line]:
        """A table cell's content as lines (nested tables flattened: their cells side by side)."""
        lines: list[_Line] = []
        for child in _block_children(cell):
            if child.tag == _P:
                lines.extend(line for line in self.paragraph(child) if not line.page_break)
                for box in self.boxes:
                    lines.extend(self.cell_lines(box, width))
                self.boxes = []
            elif child.tag == _TBL:
                for row in child.iter(_TR):
                    pieces: list[_Piece] = []
                    size = self.default_size
                    for offset, cell_ in enumerate(c for c in row if c.tag == _TC):
                        inner = self.cell_lines(cell_, width)
                        text = "  ".join(p.text for ln in inner for p in ln.pieces if p.text.strip())
                        if inner:
                            size = inner[0].size
                        if text:
                            pieces.append(_Piece(offset * width / 4, text))
                    if pieces:
                        lines.append(_Line(pieces, size))
        return lines

    def table(self, table: Any, writer: _Writer, x: float, width: float) -> None:
        grid = [_twips(col.get(_q("w"))) for col in table.iterfind(f"{_q('tblGrid')}/{_q('gridCol')}")]
        indent = table.find(f"{_q('tblPr')}/{_q('tblInd')}")
        left = x + (_twips(indent.get(_q("w"))) if indent is not None and indent.get(_q("type"), "dxa") == "dxa" else 0)
        for row in _rows(table):
            cells = [c for c in _row_cells(row)]
            if not grid or sum(grid) <= 0:
                n = max(1, sum(_span(c) for c in cells))
                grid = [width / n] * n
            laid: list[tuple[float, list[_Line]]] = []
            column = _grid_before(row)
            for cell in cells:
                span = _span(cell)
                cx = left + sum(grid[:column]) + _CELL_PAD
                cw = max(10.0, sum(grid[column:column + span]) - 2 * _CELL_PAD)
                column += span
                if _continues_merge(cell):
                    continue
                laid.append((cx, self.cell_lines(cell, cw)))
            writer.row(laid)

    # ---- paragraphs ------------------------------------------------------------------------------------------
    def paragraph(self, p: Any) -> list[_Line]:
        """The paragraph's lines (split at line breaks), each as pieces at tab stops; a page break as a marker."""
        ppr = p.find(_q("pPr"))
        style = ppr.find(_q("pStyle")) if ppr is not None else None
        base_size = self.style_size(style.get(_q("val")) if style is not None else None)
        stops = _tab_stops(ppr)
        lines: list[_Line] = []
        pieces: list[_Piece] = []
        text: list[str] = []
        pos = 0.0
        size: float | None = None
        checkbox: list[bool | None] = [None]  # a legacy form check box's state, between its field's begin and end

        def close_piece() -> None:
            nonlocal text
            if text:
                pieces.append(_Piece(start[0], "".join(text)))
                text = []

        def close_line(page_break: bool = False) -> None:
            nonlocal pieces, pos
            close_piece()
            if pieces:
                lines.append(_Line(pieces, size or base_size))
            if page_break:
                lines.append(_Line([], size or base_size, page_break=True))
            pieces, pos = [], 0.0
            start[0] = 0.0

        start = [0.0]
        if ppr is not None and ppr.find(_q("pageBreakBefore")) is not None and ppr.find(_q("pageBreakBefore")).get(
                _q("val"), "true") not in ("0", "false"):
            lines.append(_Line([], base_size, page_break=True))
        for kind, value, run_size in _inline(p, self.boxes, checkbox):
            if run_size and size is None:
                size = run_size
            char = (run_size or size or base_size) * _CHAR
            if kind == "text":
                if not text:
                    start[0] = pos
                text.append(value)
                pos += len(value) * char
            elif kind == "tab":
                close_piece()
                pos = _next_stop(pos + 1.0, stops)
            elif kind == "line":
                close_line()
            elif kind == "page":
                close_line(page_break=True)
        close_line()
        indent = _indent(ppr)
        if indent:
            for line in lines:
                for piece in line.pieces:
                    piece.x += indent
        return lines


def _inline(p: Any, boxes: list[Any], checkbox: list[bool | None]) -> Iterator[tuple[str, str, float | None]]:
    """("text" | "tab" | "line" | "page", text, run font size) in reading order; text boxes go to ``boxes``."""
    stack = [iter(p.iterchildren())]
    sizes: list[float | None] = [None]
    while stack:
        child = next(stack[-1], None)
        if child is None:
            stack.pop()
            sizes.pop()
            continue
        tag = child.tag
        if not isinstance(tag, str) or tag in _SKIP:
            continue
        if tag == _TXBX:
            boxes.append(child)
            continue
        if tag == _T:
            if child.text:
                yield "text", child.text, sizes[-1]
        elif tag == _TAB:
            yield "tab", "", sizes[-1]
        elif tag in (_BR, _CR):
            yield ("page" if child.get(_q("type")) == "page" else "line"), "", sizes[-1]
        elif tag == _SYM:
            box = _symbol_box(child)
            if box:
                yield "text", box, sizes[-1]
        elif tag == _FLD_CHAR:
            kind = child.get(_q("fldCharType"))
            if kind == "begin":
                checkbox[0] = _legacy_checkbox(child)
            elif kind in ("separate", "end") and checkbox[0] is not None:
                yield "text", TICKED if checkbox[0] else EMPTY, sizes[-1]
                checkbox[0] = None
        elif tag == _P:  # a paragraph inside a drawing or a frame not marked as a text box
            if all(box is not child.getparent() for box in boxes):
                boxes.append(child.getparent())
        else:
            size = sizes[-1]
            if tag == _q("r"):
                sz = child.find(f"{_q('rPr')}/{_q('sz')}")
                size = _half_points(sz) if sz is not None else None
            stack.append(iter(child.iterchildren()))
            sizes.append(size)


def _legacy_checkbox(fld_char: Any) -> bool | None:
    box = fld_char.find(f"{_q('ffData')}/{_q('checkBox')}")
    if box is None:
        return None
    for tag in ("checked", "default"):
        node = box.find(_q(tag))
        if node is not None:
            return node.get(_q("val"), "1") not in ("0", "false")
    return False


def _symbol_box(sym: Any) -> str:
    font = (sym.get(_q("font")) or "").casefold()
    try:
        code = int(sym.get(_q("char")) or "0", 16)
    except ValueError:
        return ""
    if 0xF000 <= code <= 0xF0FF:
        code -= 0xF000
    return _SYMBOL_BOXES.get((font, code), "")


def _block_children(parent: Any) -> Iterator[Any]:
    for child in parent.iterchildren():
        if child.tag in (_P, _TBL):
            yield child
        elif child.tag == _SDT:
            content = child.find(_SDT_CONTENT)
            if content is not None:
                yield from _block_children(content)
        elif child.tag in (_q("customXml"), _SDT_CONTENT):
            yield from _block_children(child)


def _rows(table: Any) -> Iterator[Any]:
    for child in table.iterchildren():
        if child.tag == _TR:
            yield child
        elif child.tag in (_SDT, _q("customXml")):
            content = child.find(_SDT_CONTENT) if child.tag == _SDT else child
            if content is not None:
                yield from (r for r in content.iterchildren() if r.tag == _TR)


def _row_cells(row: Any) -> Iterator[Any]:
    for child in row.iterchildren():
        if child.tag == _TC:
            yield child
        elif child.tag in (_SDT, _q("customXml")):
            content = child.find(_SDT_CONTENT) if child.tag == _SDT else child
            if content is not None:
                yield from (c for c in content.iterchildren() if c.tag == _TC)


def _span(cell: Any) -> int:
    span = cell.find(f"{_q('tcPr')}/{_q('gridSpan')}")
    try:
        return max(1, int(span.get(_q("val")))) if span is not None else 1
    except (TypeError, ValueError):
        return 1


def _grid_before(row: Any) -> int:
    before = row.find(f"{_q('trPr')}/{_q('gridBefore')}")
    try:
        return max(0, int(before.get(_q("val")))) if before is not None else 0
    except (TypeError, ValueError):
        return 0


def _continues_merge(cell: Any) -> bool:
    merge = cell.find(f"{_q('tcPr')}/{_q('vMerge')}")
    return merge is not None and merge.get(_q("val"), "continue") == "continue"


def _twips(value: str | None) -> float:
    try:
        return max(0.0, float(value or 0)) / 20.0
    except ValueError:
        return 0.0


def _half_points(sz: Any) -> float | None:
    try:
        return max(1.0, min(200.0, float(sz.get(_q("val"))) / 2.0))
    except (TypeError, ValueError):
        return None


def _indent(ppr: Any) -> float:
    ind = ppr.find(_q("ind")) if ppr is not None else None
    if ind is None:
        return 0.0
    return _twips(ind.get(_q("start")) or ind.get(_q("left")))


def _tab_stops(ppr: Any) -> list[float]:
    if ppr is None:
        return []
    stops = [_twips(tab.get(_q("pos"))) for tab in ppr.iterfind(f"{_q('tabs')}/{_q('tab')}")
             if tab.get(_q("val")) not in ("clear", "bar")]
    return sorted(s for s in stops if s > 0)


def _next_stop(pos: float, stops: list[float]) -> float:
    for stop in stops:
        if stop > pos:
            return stop
    return (int(pos // _TAB_STOP) + 1) * _TAB_STOP


def _default_size(document: Any) -> float:
    try:
        sz = document.styles.element.find(f"{_q('docDefaults')}/{_q('rPrDefault')}/{_q('rPr')}/{_q('sz')}")
        return (_half_points(sz) if sz is not None else None) or _DEFAULT_SIZE
    except Exception:  # noqa: BLE001
        return _DEFAULT_SIZE


def _page_of(document: Any) -> _Page:
    try:
        section = document.sections[0]
        return _Page(width=section.page_width.pt, height=section.page_height.pt, left=section.left_margin.pt,
                     top=section.top_margin.pt, bottom=section.bottom_margin.pt)
    except Exception:  # noqa: BLE001 - no or a damaged section: A4 with Word's margins
        return _Page()


def _open(data: bytes) -> Any:
    """python-docx's Document for the bytes, after the package passed the archive limits; DocumentRefused else."""
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as package:
            check_infos(package.infolist(), PACKAGE_LIMITS)
    except zipfile.BadZipFile as exc:
        raise DocumentRefused(f"damaged Word file: {exc}") from exc
    try:
        return docx.Document(io.BytesIO(data))
    except PackageNotFoundError as exc:
        raise DocumentRefused("damaged Word file: not a Word package") from exc
    except ValueError as exc:
        if "macroEnabled" in str(exc):
            raise DocumentRefused("macro-enabled Word file (.docm): save it as .docx or PDF") from exc
        raise DocumentRefused(f"damaged Word file: {str(exc)[:120]}") from exc
    except (KeyError, zipfile.BadZipFile, OSError) as exc:
        raise DocumentRefused(f"damaged Word file: {str(exc)[:120] or type(exc).__name__}") from exc
    except Exception as exc:  # noqa: BLE001 - lxml and python-docx raise many kinds on broken parts
        raise DocumentRefused(f"damaged Word file ({type(exc).__name__}): {str(exc)[:100]}") from exc


def read_docx_content(data: bytes, *, max_pages: int = 200) -> PdfContent:
    """The Word file's pages as the PDF readers' ``PdfContent``: header first, the body, then the footer."""
    document = _open(data)
    page = _page_of(document)
    writer = _Writer(page)
    reader = _Reader(document)
    width = page.width - page.left - 72.0
    seen: set[str] = set()
    headers: list[Any] = []  # the parts' XML elements
    footers: list[Any] = []
    for section in document.sections:
        for attr, out in (("first_page_header", headers), ("header", headers), ("even_page_header", headers),
                          ("header", None), ("first_page_footer", footers), ("footer", footers),
                          ("even_page_footer", footers)):
            if out is None:
                continue
            part = getattr(section, attr)
            try:
                if part.is_linked_to_previous:
                    continue
                element = part._element  # noqa: SLF001 - the header's XML, walked like the body
            except Exception:  # noqa: BLE001 - a damaged header part is skipped
                continue
            key = "".join(element.itertext())
            if key.strip() and key not in seen:
                seen.add(key)
                out.append(element)
    for element in headers:
        reader.blocks(element, writer, page.left, width)
    reader.blocks(document.element.body, writer, page.left, width)
    for element in footers:
        reader.blocks(element, writer, page.left, width)
    content = writer.content()
    if content.pages > max_pages:
        raise DocumentRefused(f"too many pages ({content.pages} > {max_pages})")
    return content


__all__ = ["EMPTY", "TICKED", "read_docx_content"]
