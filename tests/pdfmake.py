"""Build small test PDFs with reportlab: fillable forms, flat forms, grids, plain text, scans, broken files."""

from __future__ import annotations

import io
from collections.abc import Sequence
from pathlib import Path

from pypdf import PdfReader, PdfWriter
from reportlab.lib.pagesizes import A4
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas

_FONT = "Helvetica"
for candidate in ("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",):
    if Path(candidate).exists():
        pdfmetrics.registerFont(TTFont("DejaVu", candidate))
        _FONT = "DejaVu"

Row = tuple[str, str | None]  # (label, value); value None = a heading


def text_pdf(path: Path, lines: Sequence[str], *, size: float = 10) -> Path:
    """Plain lines of text (a CV, a cover letter, a flat "Label: value" form), new pages as needed."""
    c = canvas.Canvas(str(path), pagesize=A4)
    y = 800.0
    for line in lines:
        if y < 50:
            c.showPage()
            y = 800.0
        c.setFont(_FONT, size)
        c.drawString(40, y, line)
        y -= size * 1.5
    c.save()
    return path


def form_pdf(path: Path, rows: Sequence[Row], *, opaque: bool = True, label_above: bool = False,
             tooltips: bool = False) -> Path:
    """A fillable form: each label printed beside (or above) a text field holding the value.

    With ``opaque`` the fields are named Text1, Text2... so only the page tells what they hold.
    """
    c = canvas.Canvas(str(path), pagesize=A4)
    y = 800.0
    n = 0
    for label, value in rows:
        if y < 80:
            c.showPage()
            y = 800.0
        if value is None:
            c.setFont(_FONT, 11)
            c.drawString(40, y, label)
            y -= 22
            continue
        n += 1
        name = f"Text{n}" if opaque else "".join(w.capitalize() for w in label.split())[:30] or f"F{n}"
        c.setFont(_FONT, 8)
        if label_above:
            c.drawString(40, y, label)
            fx, fy = 40, y - 18
            y -= 36
        else:
            c.drawString(40, y + 3, label)
            fx, fy = 220, y
            y -= 20
        c.acroForm.textfield(name=name, value=value, x=fx, y=fy, width=330, height=14, borderWidth=0,
                             tooltip=label if tooltips else None, fontName="Helvetica", fontSize=8)
    c.save()
    return path


def grid_pdf(path: Path, blocks: Sequence[Sequence[tuple[float, str, Sequence[str]]] | str]) -> Path:
    """A boxed form: each block is a row of cells (x, label, value lines) with small labels above larger values,
    or a heading string. A cell's value lines may hold several table rows (one line each)."""
    c = canvas.Canvas(str(path), pagesize=A4)
    y = 800.0
    for block in blocks:
        if y < 90:
            c.showPage()
            y = 800.0
        if isinstance(block, str):
            c.setFont(_FONT, 8.5)
            c.drawString(38, y, block)
            y -= 15
            continue
        depth = max(len(values) for _, _, values in block)
        lines = max(lab.count("\n") for _, lab, _ in block)
        for x, label, values in block:
            c.setFont(_FONT, 6.5)
            for i, part in enumerate(label.split("\n")):
                c.drawString(x, y - 8 * i, part)
            c.setFont(_FONT, 8)
            for i, value in enumerate(values):
                c.drawString(x, y - 13 - 12 * i - 8 * lines, value)
        y -= 13 + 12 * depth + 8 * lines + 6
    c.save()
    return path


def scanned_pdf(path: Path) -> Path:
    """A page with only drawings (no text layer), as a scanner would produce."""
    c = canvas.Canvas(str(path), pagesize=A4)
    for i in range(30):
        c.rect(40, 780 - i * 22, 300 + (i % 5) * 20, 10, fill=1)
    c.save()
    return path


def encrypt(src: Path, dst: Path, password: str = "secret") -> Path:
    """A password-protected copy of a PDF."""
    writer = PdfWriter(clone_from=PdfReader(src))
    writer.encrypt(user_password=password, owner_password=password + "-owner")
    with dst.open("wb") as fh:
        writer.write(fh)
    return dst


def truncate(src: Path, dst: Path, keep: float = 0.5) -> Path:
    """The first part of a PDF, as an interrupted download leaves it."""
    data = src.read_bytes()
    dst.write_bytes(data[: int(len(data) * keep)])
    return dst


def zip_bytes() -> bytes:
    """The start of a ZIP file (what a .docx is)."""
    import zipfile

    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("word/document.xml", "<w:document/>")
    return buf.getvalue()


def widget_table_pdf(path: Path, title: str, fields: Sequence[tuple[str, str]], heading: str,
                     header: Sequence[str], rows: Sequence[Sequence[str]]) -> Path:
    """A fillable form with opaque field names: labelled fields, then a table whose column labels are printed
    once above its first row of fields (the rows below carry no printed label)."""
    c = canvas.Canvas(str(path), pagesize=A4)
    c.setFont(_FONT, 13)
    c.drawString(40, 800, title)
    y, n = 770.0, 0
    for label, value in fields:
        n += 1
        c.setFont(_FONT, 7.5)
        c.drawString(40, y + 18, label)
        c.acroForm.textfield(name=f"Text{n}", value=value, x=40, y=y, width=250, height=15, borderWidth=0,
                             fontName="Helvetica", fontSize=8)
        y -= 34
    c.setFont(_FONT, 9.5)
    c.drawString(44, y, heading)
    y -= 18
    xs = [40 + 95 * i for i in range(len(header))]
    c.setFont(_FONT, 8)
    for x, label in zip(xs, header, strict=False):
        c.drawString(x, y, label)
    y -= 20
    for row in rows:
        for x, value in zip(xs, row, strict=False):
            n += 1
            c.acroForm.textfield(name=f"Text{n}", value=value, x=x, y=y, width=85, height=15, borderWidth=0,
                                 fontName="Helvetica", fontSize=8)
        y -= 20
    c.save()
    return path


def label_left_pdf(path: Path, blocks: Sequence[str | tuple[str, str] | Sequence[str]]) -> Path:
    """An online-profile print-out: headings (str), "label  value" rows with the value to the right of its label
    (tuple), and tables (lists: the first after a heading is the column labels, the next ones value rows)."""
    c = canvas.Canvas(str(path), pagesize=A4)
    y = 800.0
    header = False
    for block in blocks:
        if y < 60:
            c.showPage()
            y = 800.0
        if isinstance(block, str):
            c.setFont(_FONT, 10)
            c.drawString(42, y, block)
            y -= 20
            header = True
        elif isinstance(block, tuple):
            c.setFont(_FONT, 8)
            c.drawString(42, y, block[0])
            c.setFont(_FONT, 8.5)
            c.drawString(200, y, block[1])
            y -= 14
        else:
            c.setFont(_FONT, 8 if header else 8.5)
            for i, text in enumerate(block):
                c.drawString(42 + 80 * i, y, text)
            y -= 14
            header = False
    c.save()
    return path
