"""read_pdf: one file -> ParsedDocument (kind, layout, reviewer text, applicant facts, flags)."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from pathlib import Path

from jpo_tui.core.records import ApplicantFacts, DocumentRefused, ParsedDocument
from jpo_tui.ingest.cv import parse_cv, parse_letter
from jpo_tui.ingest.interpret import Item, interpret
from jpo_tui.ingest.kind import classify, p11_score
from jpo_tui.ingest.layouts.columns import column_text, largest_line, table_rows_text, topmost_line
from jpo_tui.ingest.layouts.flat import count_bare_lines, count_labelled_lines, flat_items
from jpo_tui.ingest.layouts.form import form_items
from jpo_tui.ingest.layouts.grid import grid_items
from jpo_tui.ingest.pdf.pdfio import PdfContent, clean_text, open_pdf, read_content

NO_TEXT_FLAG = "no text layer: needs OCR or manual entry"
# Reads the pages of a document found to have no text (OCR): their content, or None; it may add flags to the doc.
ScanReader = Callable[[ParsedDocument], "PdfContent | None"]
_MIN_TEXT_CHARS = 25


def read_pdf(path: str | Path, *, max_pages: int = 200, max_bytes: int = 50_000_000) -> ParsedDocument:
    """Read one PDF; raise DocumentRefused (one line) when it cannot be read at all."""
    p = Path(path)
    try:
        size = p.stat().st_size
        if size > max_bytes:
            raise DocumentRefused(f"file too large ({size:,} bytes > {max_bytes:,})")
        data = p.read_bytes()
    except OSError as exc:
        raise DocumentRefused(f"cannot read file: {exc.strerror or exc}") from exc
    return parse_pdf_bytes(data, path=str(path), max_pages=max_pages)


def parse_pdf_bytes(data: bytes, *, path: str = "", max_pages: int = 200, scan: ScanReader | None = None
                    ) -> ParsedDocument:
    """read_pdf for bytes already in memory; ``scan`` reads the pages of a PDF without text (OCR)."""
    reader = open_pdf(data, max_pages=max_pages)
    return parse_content(read_content(reader, data), data, path=path, scan=scan)


def parse_content(content: PdfContent, data: bytes, *, path: str = "", scan: ScanReader | None = None
                  ) -> ParsedDocument:
    """The document read from its pages' content (a PDF's, a Word file's); ``scan`` reads pages with no text."""
    sha = hashlib.sha256(data).hexdigest()
    doc = ParsedDocument(path=path, sha256=sha, kind="other", layout="", pages=content.pages, text="",
                         size_bytes=len(data))
    try:
        return _fill(doc, content, scan)
    except DocumentRefused:
        raise
    except Exception as exc:  # noqa: BLE001 - a reading fault must not stop an import of 10,000 files
        doc.flags.append(f"could not read the document's fields ({type(exc).__name__}): enter them by hand")
        doc.text = doc.text or clean_text("\n\n".join(content.page_texts))
        return doc


def _fill(doc: ParsedDocument, content: PdfContent, scan: ScanReader | None = None) -> ParsedDocument:
    filled = [w for w in content.widgets if w.value]
    if filled:
        items = form_items(content.runs, content.widgets)
        doc.text = items_text(items)
        doc.kind = classify(doc.text, form_fields=len(filled))
        if doc.kind == "p11":
            doc.layout, doc.facts = "form", _checked(interpret(items))
            return doc
        doc.text = clean_text("\n".join([*content.page_texts, doc.text]))
    else:
        doc.text = clean_text("\n\n".join(content.page_texts))
    if _visible_chars(doc.text) < _MIN_TEXT_CHARS:
        recognised = scan(doc) if scan is not None else None
        if recognised is None or _visible_chars(clean_text("\n\n".join(recognised.page_texts))) < _MIN_TEXT_CHARS:
            doc.layout = "scan"
            if NO_TEXT_FLAG not in doc.flags:
                doc.flags.append(NO_TEXT_FLAG)
            return doc
        content = recognised
        doc.text = clean_text("\n\n".join(content.page_texts))
    doc.kind = classify(doc.text)
    columns = column_text(content.runs, content.page_widths) if doc.kind != "p11" else None
    rows = table_rows_text(content.runs, content.page_widths) if doc.kind != "p11" and columns is None else None
    if columns is not None or rows is not None:
        # a sidebar beside a main column read column by column; a column of dates beside its entries, row by row
        doc.text = clean_text(columns.text if columns is not None else rows or "")
        doc.kind = classify(doc.text)
    if doc.kind == "p11":
        doc.layout, doc.facts = _read_p11(doc.text, content)
    elif doc.kind == "cv":
        doc.layout, doc.facts = "cv", parse_cv(doc.text, largest=clean_text(largest_line(content.runs)),
                                            topmost=clean_text(topmost_line(content.runs)),
                                            headings=columns.headings if columns is not None else None)
    elif doc.kind == "cover_letter":
        doc.layout, doc.facts = "letter", parse_letter(doc.text)
    else:
        doc.layout = "text"
    return doc


def _visible_chars(text: str) -> int:
    """Characters other than white space."""
    return len("".join(text.split()))


def items_text(items: list[Item]) -> str:
    """Reviewer text of a filled form: headings on their own lines, "Label: value" for answered fields."""
    lines: list[str] = []
    for item in items:
        if item.value is None:
            lines.append(item.label)
        elif item.value.strip():
            lines.append(f"{item.label}: {item.value}")
    return clean_text("\n".join(lines))


def _read_p11(text: str, content: PdfContent) -> tuple[str, ApplicantFacts]:
    """Flat "Label: value" reading when most labels carry their values, else reading by position."""
    php = "personal history profile" in text[:3000].casefold()
    candidates: list[tuple[str, ApplicantFacts]] = []
    grid_first = False
    if count_labelled_lines(text) >= 5:
        candidates.append(("php" if php else "flat", interpret(flat_items(text))))
    elif count_bare_lines(text) >= 5:  # labels without colons: a line form, or a grid whose cells share lines
        candidates.append(("php" if php else "flat", interpret(flat_items(text))))
        grid_first = True
    if not candidates or grid_first or _score(candidates[0][1]) < 4:
        grid = ("php" if php else "grid", interpret(grid_items(content.runs, content.page_widths)))
        candidates.insert(0, grid) if grid_first else candidates.append(grid)
    layout, facts = max(candidates, key=lambda c: _score(c[1]))  # the first of the best
    return layout, _checked(facts)


def _score(facts: ApplicantFacts) -> int:
    return sum(bool(v) for v in (facts.name, facts.date_of_birth, facts.nationality, facts.email,
                                 facts.languages, facts.education, facts.employment))


def _checked(facts: ApplicantFacts) -> ApplicantFacts:
    """Warn about what a P11 should hold but was not found."""
    for name, label in (("name", "name"), ("date_of_birth", "date of birth"), ("nationality", "nationality"),
                        ("email", "e-mail")):
        if not getattr(facts, name):
            facts.warnings.append(f"P11: no {label} found")
    return facts


__all__ = ["NO_TEXT_FLAG", "ScanReader", "p11_score", "parse_content", "parse_pdf_bytes", "read_pdf"]
