"""A thin layer over a reportlab canvas: wrapped text, boxes, form fields and a record of every string drawn.

The record (``Doc.strings``) lets the corpus writer compute which criteria a document mentions from exactly what
was printed, without reading the PDF back.
"""

from __future__ import annotations

import io

from reportlab.lib.colors import Color, black, white
from reportlab.lib.pagesizes import A4
from reportlab.lib.utils import simpleSplit
from reportlab.pdfgen.canvas import Canvas

GREY = Color(0.35, 0.35, 0.35)
LIGHT = Color(0.92, 0.92, 0.92)
BLUE = Color(0.0, 0.27, 0.55)
_PLAIN = str.maketrans({"\u2019": "'", "\u2018": "'", "\u201c": '"', "\u201d": '"', "\u2013": "-", "\u2014": "-",
                        "\u0153": "oe", "\u0152": "OE", "\u2026": "..."})


class Doc:
    """One PDF being drawn, top-down, with a cursor ``y`` that moves to a new page when space runs out."""

    def __init__(self, *, title: str = "", author: str = "", creator: str = "", compress: bool = True,
                 margin: float = 40, header: str = "") -> None:
        self.buf = io.BytesIO()
        self.c = Canvas(self.buf, pagesize=A4, pageCompression=1 if compress else 0, invariant=1)
        self.c.setTitle(title)
        self.c.setAuthor(author)
        if creator:
            self.c.setCreator(creator)
        self.width, self.height = A4
        self.margin = margin
        self.y = self.height - margin
        self.header = header
        self.page = 1
        self.strings: list[str] = []
        self.fields = 0

    # --- text -----------------------------------------------------------------------------------------------
    def text(self, x: float, y: float, s: str, font: str = "Helvetica", size: float = 9, color: Color = black,
             align: str = "left") -> None:
        """One line at (x, y); not wrapped."""
        if not s:
            return
        self.strings.append(s)
        self.c.setFillColor(color)
        self.c.setFont(font, size)
        if align == "center":
            self.c.drawCentredString(x, y, s)
        elif align == "right":
            self.c.drawRightString(x, y, s)
        else:
            self.c.drawString(x, y, s)
        self.c.setFillColor(black)

    def lines(self, s: str, width: float, font: str = "Helvetica", size: float = 9) -> list[str]:
        return [ln for part in s.split("\n") for ln in (simpleSplit(part, font, size, width) or [""])]

    def para(self, x: float, s: str, width: float, font: str = "Helvetica", size: float = 9, leading: float | None = None,
             color: Color = black) -> None:
        """Wrapped text from the cursor down, moving to a new page between lines when needed."""
        if not s:
            return
        self.strings.append(s)
        lead = leading or size * 1.25
        self.c.setFillColor(color)
        for ln in self.lines(s, width, font, size):
            self.ensure(lead)
            self.c.setFont(font, size)
            self.c.drawString(x, self.y - size, ln)
            self.y -= lead
        self.c.setFillColor(black)

    def para_height(self, s: str, width: float, size: float = 9, font: str = "Helvetica", leading: float | None = None) -> float:
        return len(self.lines(s, width, font, size)) * (leading or size * 1.25) if s else 0.0

    def gap(self, h: float) -> None:
        self.y -= h

    # --- pages ------------------------------------------------------------------------------------------------
    def ensure(self, h: float) -> None:
        """Start a new page unless ``h`` points fit above the bottom margin."""
        if self.y - h < self.margin:
            self.new_page()

    def new_page(self) -> None:
        self.footer()
        self.c.showPage()
        self.page += 1
        self.y = self.height - self.margin
        if self.header:
            self.c.setFont("Helvetica", 7)
            self.c.setFillColor(GREY)
            self.c.drawString(self.margin, self.height - 22, self.header)
            self.c.setFillColor(black)

    def footer(self) -> None:
        self.c.setFont("Helvetica", 7)
        self.c.setFillColor(GREY)
        self.c.drawRightString(self.width - self.margin, 20, f"{self.page}")
        self.c.setFillColor(black)

    # --- shapes and fields --------------------------------------------------------------------------------------
    def rule(self, y: float | None = None, color: Color = black, width: float = 0.6) -> None:
        y = self.y if y is None else y
        self.c.setStrokeColor(color)
        self.c.setLineWidth(width)
        self.c.line(self.margin, y, self.width - self.margin, y)
        self.c.setStrokeColor(black)

    def box(self, x: float, y: float, w: float, h: float, fill: Color | None = None, stroke: bool = True) -> None:
        if fill is not None:
            self.c.setFillColor(fill)
        self.c.setLineWidth(0.5)
        self.c.rect(x, y, w, h, stroke=1 if stroke else 0, fill=1 if fill is not None else 0)
        self.c.setFillColor(black)

    def field(self, name: str, value: str, x: float, y: float, w: float, h: float, *, multiline: bool = False,
              size: float = 8) -> None:
        """A fillable text field holding ``value`` (typographic characters outside Latin-1 made plain)."""
        value = value.translate(_PLAIN)
        value = value.encode("latin-1", "replace").decode("latin-1")
        self.strings.append(value)
        self.fields += 1
        self.c.acroForm.textfield(
            name=name, value=value, x=x, y=y, width=w, height=h, fontName="Helvetica", fontSize=size,
            borderWidth=0.5, borderColor=GREY, fillColor=white, textColor=black, forceBorder=True,
            fieldFlags="multiline" if multiline else "", maxlen=max(200, len(value) + 100),
        )

    def output(self) -> bytes:
        self.footer()
        self.c.showPage()
        self.c.save()
        return self.buf.getvalue()
