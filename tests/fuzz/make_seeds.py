"""Regenerate the fuzzing seeds in ``tests/fuzz/seeds`` (committed; run this only to change them).

Four small PDFs covering what the readers handle: a CV with compressed text, a flattened "Label: value" form,
a fillable AcroForm with text fields and check boxes, and a multi-page letter with an outline of sections.
"""

from __future__ import annotations

import io
from pathlib import Path

from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas

SEEDS = Path(__file__).parent / "seeds"


def _canvas() -> tuple[io.BytesIO, canvas.Canvas]:
    buf = io.BytesIO()
    return buf, canvas.Canvas(buf, pagesize=A4, invariant=1)


def cv() -> bytes:
    buf, c = _canvas()
    lines = ["Curriculum Vitae", "Amina Diallo", "amina.diallo@example.org", "", "Professional experience",
             "03/2021 - present  Monitoring and evaluation officer, UNDP Dakar",
             "09/2019 - 02/2021  Intern, data analysis unit, UNICEF (internship)", "", "Education",
             "2017 - 2019  Master in Development Economics, Université de Liège",
             "Languages: English (fluent), French (mother tongue), Wolof"]
    y = 800
    for line in lines:
        c.setFont("Helvetica-Bold" if line and line[0].isupper() and len(line) < 25 else "Helvetica", 11)
        c.drawString(56, y, line)
        y -= 18
    c.showPage()
    c.save()
    return buf.getvalue()


def flat_form() -> bytes:
    buf, c = _canvas()
    pairs = [("Family name", "Janssens"), ("First name", "Pieter"), ("Date of birth", "14/02/1996"),
             ("Nationality", "Belgian"), ("E-mail", "p.janssens@example.be"), ("Mother tongue", "Dutch"),
             ("English", "Read easily: yes  Write easily: yes  Speak easily: yes  Understand easily: yes"),
             ("Employment from", "01/2020  To: 12/2023  Title: Programme analyst")]
    c.drawString(56, 800, "PERSONAL HISTORY FORM (P.11)")
    for i, (label, value) in enumerate(pairs):
        c.drawString(56, 770 - 20 * i, f"{label}: {value}")
    c.showPage()
    c.save()
    return buf.getvalue()


def acroform() -> bytes:
    buf, c = _canvas()
    c.drawString(56, 800, "Personal History Form")
    form = c.acroForm
    for i, (label, value) in enumerate([("Family name", "Moreau"), ("First name", "Claire"),
                                        ("Nationality", "French"), ("Email", "claire.moreau@example.fr")]):
        c.drawString(56, 760 - 40 * i, label)
        form.textfield(name=label, value=value, x=200, y=752 - 40 * i, width=250, height=18, tooltip=label)
    c.drawString(56, 580, "Speak easily")
    form.checkbox(name="speak_easily", checked=True, x=200, y=575, size=12)
    c.showPage()
    c.save()
    return buf.getvalue()


def letter() -> bytes:
    buf, c = _canvas()
    for page in range(3):
        c.bookmarkPage(f"p{page}")
        c.addOutlineEntry(f"Section {page + 1}", f"p{page}")
        text = c.beginText(56, 800)
        text.setFont("Times-Roman", 12)
        for n in range(30):
            text.textLine(f"Dear committee, paragraph {page}.{n}: results-based management and gender equality.")
        c.drawText(text)
        c.showPage()
    c.save()
    return buf.getvalue()


def main() -> None:
    SEEDS.mkdir(exist_ok=True)
    for name, build in (("cv.pdf", cv), ("flat-form.pdf", flat_form), ("acroform.pdf", acroform),
                        ("letter.pdf", letter)):
        (SEEDS / name).write_bytes(build())


if __name__ == "__main__":
    main()
