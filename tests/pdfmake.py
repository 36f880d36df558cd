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


ENGLISH_P11 = {
    "title": "UNITED NATIONS  PERSONAL HISTORY (P.11)", "family": "1. Family name", "first": "First name",
    "middle": "Middle name", "dob": "2. Date of birth", "day": "Day", "month": "Month", "year": "Year",
    "nat_birth": "4. Nationality(ies) at birth", "nat": "5. Present nationality(ies)", "email": "E-mail",
    "mother": "20. KNOWLEDGE OF LANGUAGES. What is your mother tongue?", "other": "OTHER LANGUAGES",
    "skills": ("READ", "WRITE", "SPEAK", "UNDERSTAND"), "easily": "Easily", "not_easily": "Not easily",
    "education": "22. EDUCATIONAL. A. UNIVERSITY OR EQUIVALENT",
    "edu_cols": ("Name, place and country", "Attended from Mo./Year", "To Mo./Year",
                 "Degrees and academic distinctions", "Main course of study"),
    "employment": "25. EMPLOYMENT RECORD", "from": "From Month/Year", "to": "To Month/Year",
    "post": "Exact title of your post", "employer": "Name of employer", "supervisor": "Name of supervisor",
    "duties": "Description of your duties", "references": "26. REFERENCES",
    "ref_cols": ("Full name", "Full address, e-mail", "Business or occupation"),
}
FRENCH_P11 = {
    "title": "NATIONS UNIES  NOTICE PERSONNELLE (P.11)", "family": "1. Nom de famille", "first": "Prénoms",
    "middle": "Nom de jeune fille", "dob": "2. Date de naissance", "day": "Jour", "month": "Mois", "year": "Année",
    "nat_birth": "4. Nationalité(s) à la naissance", "nat": "5. Nationalité(s) actuelle(s)",
    "email": "Adresse électronique",
    "mother": "20. CONNAISSANCES LINGUISTIQUES. Quelle est votre langue maternelle ?", "other": "AUTRES LANGUES",
    "skills": ("LIRE", "ÉCRIRE", "PARLER", "COMPRENDRE"), "easily": "Facilement", "not_easily": "Difficilement",
    "education": "22. ÉTUDES. A. UNIVERSITÉ OU ÉTABLISSEMENT ÉQUIVALENT",
    "edu_cols": ("Nom, lieu et pays", "Années de fréquentation De", "À", "Diplômes et distinctions académiques",
                 "Principale matière étudiée"),
    "employment": "25. EMPLOIS", "from": "Du Mois/Année", "to": "Au Mois/Année", "post": "Titre exact du poste",
    "employer": "Nom de l'employeur", "supervisor": "Nom du supérieur hiérarchique",
    "duties": "Description de vos fonctions", "references": "26. RÉFÉRENCES",
    "ref_cols": ("Nom complet", "Adresse complète, courriel", "Profession"),
}


def fillable_grid_p11(path: Path, labels: dict, person: dict, *, ticks: str = "checkbox",
                      language_printed: bool = False, centred_skills: bool = False,
                      dob_labels: bool = True, extras: bool = False, wrap_columns: bool = False) -> Path:
    """A fillable P.11 laid out like the real grid form, with opaque field names (Text1, Check12...).

    ``person``: family, first, dob (day, month, year strings), nat_birth, nat, email, mother, languages
    [(name, (read, write, speak, understand) as True = easily)], education [5-tuples], employment
    [(from, to, title, employer, supervisor, duties)], references [3-tuples]. ``ticks``: "checkbox" or "text"
    (a narrow text field holding "X"); ``language_printed``: the language names printed, not in fields;
    ``centred_skills``: each skill heading centred over its two columns; ``dob_labels``: Day / Month / Year
    printed above each box, else one "Date of birth" label above the three; ``extras``: a Yes / No question with
    check boxes under the grid and the employment blocks' salary, business, address and leaving fields;
    ``wrap_columns``: the education table's column labels printed over two lines.
    """
    c = canvas.Canvas(str(path), pagesize=A4)
    form = c.acroForm
    n = 0

    def field(x: float, y: float, w: float, value: str, h: float = 13) -> None:
        nonlocal n
        n += 1
        form.textfield(name=f"Text{n}", x=x, y=y, width=w, height=h, value=value, borderWidth=0,
                       fontName="Helvetica", fontSize=8)

    def box(label: str, x: float, y: float, w: float, value: str) -> None:
        c.setFont(_FONT, 7)
        c.drawString(x, y, label)
        field(x, y - 16, w, value)

    c.setFont(_FONT, 12)
    c.drawString(38, 800, labels["title"])
    box(labels["family"], 39, 760, 150, person["family"])
    box(labels["first"], 196, 760, 150, person["first"])
    box(labels["middle"], 353, 760, 100, "")
    day, month, year = person["dob"]
    if dob_labels:
        box(f"{labels['dob']} ({labels['day']})", 39, 730, 60, day)
        box(labels["month"], 105, 730, 60, month)
        box(labels["year"], 170, 730, 60, year)
    else:
        box(labels["dob"], 39, 730, 60, day)
        field(105, 714, 60, month)
        field(170, 714, 60, year)
    box(labels["nat_birth"], 240, 730, 140, person["nat_birth"])
    box(labels["nat"], 390, 730, 140, person["nat"])
    box(labels["email"], 39, 700, 200, person["email"])
    box(labels["mother"], 39, 670, 200, person["mother"])
    y = 630.0
    c.setFont(_FONT, 7)
    c.drawString(39, y, labels["other"])
    xs = (143.7, 248.3, 353.0, 457.6)
    for skill, x in zip(labels["skills"], xs, strict=True):
        sx = x + 40 - 1.75 * len(skill) if centred_skills else x
        c.drawString(sx, y, skill)
        c.drawString(x, y - 9, labels["easily"])
        c.drawString(x + 52, y - 9, labels["not_easily"])
    for i, (language, skills) in enumerate(person["languages"]):
        yy = y - 24 - i * 14
        if language_printed:
            c.setFont(_FONT, 8)
            c.drawString(41, yy, language)
        else:
            field(39, yy - 2, 90, language, h=12)
        for x, easy in zip(xs, skills, strict=True):
            for dx, ticked in ((15, easy), (67, not easy)):
                n += 1
                if ticks == "checkbox":
                    form.checkbox(name=f"Check{n}", x=x + dx, y=yy - 2, size=9, checked=ticked,
                                  buttonStyle="cross", borderWidth=0)
                else:
                    form.textfield(name=f"Text{n}", x=x + dx - 2, y=yy - 2, width=14, height=11,
                                   value="X" if ticked else "", borderWidth=0, fontName="Helvetica", fontSize=8)
    if extras:
        c.setFont(_FONT, 7)
        c.drawString(39, 564, "21. Are any of your relatives employed by a public international organization?")
        for x, text, ticked in ((330, "Yes", False), (380, "No", True)):
            c.drawString(x + 12, 564, text)
            n += 1
            form.checkbox(name=f"Check{n}", x=x, y=562, size=9, checked=ticked, buttonStyle="cross", borderWidth=0)
    y = 550.0 if extras else 560.0
    c.setFont(_FONT, 7)
    c.drawString(38, y, labels["education"])
    cols = ((39, 150), (196, 50), (248, 50), (300, 140), (447, 100))
    for (x, _), label in zip(cols, labels["edu_cols"], strict=True):
        words = label.split()
        if wrap_columns and len(words) > 1:
            half = (len(words) + 1) // 2
            c.drawString(x, y - 11, " ".join(words[:half]))
            c.drawString(x, y - 19, " ".join(words[half:]))
        else:
            c.drawString(x, y - 15, label)
    for i, row in enumerate(person["education"]):
        for (x, w), value in zip(cols, row, strict=True):
            field(x, y - 32 - i * 15, w, value, h=12)
    y = 480.0
    c.drawString(38, y, labels["employment"])
    yy = y - 15
    for start, end, title, employer, supervisor, duties in person["employment"]:
        if yy < 150:
            c.showPage()
            yy = 780.0
        box(labels["from"], 39, yy, 70, start)
        box(labels["to"], 112, yy, 70, end)
        box(labels["post"], 332, yy, 150, title)
        box(labels["employer"], 39, yy - 30, 200, employer)
        box(labels["supervisor"], 300, yy - 30, 200, supervisor)
        if extras:
            c.setFont(_FONT, 7)
            c.drawString(190, yy, "Annual salary")
            box("Starting", 190, yy - 8, 60, "32,000 EUR")
            box("Final", 256, yy - 8, 60, "35,500 EUR")
            box("Type of business", 39, yy - 60, 150, "Development cooperation")
            box("Address of employer", 196, yy - 60, 200, "Rue Haute 147, 1000 Brussels")
            box("Reason for leaving", 403, yy - 60, 140, "End of contract")
            box("No. and kind of employees supervised by you", 300, yy - 90, 200, "2 assistants")
            box(labels["duties"], 39, yy - 120, 250, duties)
            yy -= 160
        else:
            box(labels["duties"], 39, yy - 60, 450, duties)
            yy -= 100
    if person.get("references"):
        c.setFont(_FONT, 7)
        c.drawString(38, yy, labels["references"])
        rcols = ((39, 150), (196, 200), (403, 140))
        for (x, _), label in zip(rcols, labels["ref_cols"], strict=True):
            c.drawString(x, yy - 15, label)
        for i, row in enumerate(person["references"]):
            for (x, w), value in zip(rcols, row, strict=True):
                field(x, yy - 32 - i * 15, w, value, h=12)
    c.save()
    return path


def named_fields_pdf(path: Path, rows: Sequence[Sequence[tuple[str, str | bool]]], *, title: str = "") -> Path:
    """A fillable form whose fields carry meaningful names and nothing printed beside them: each row is a line
    of (field name, value) fields side by side; a bool value makes a check box (ticked when True)."""
    c = canvas.Canvas(str(path), pagesize=A4)
    y = 790.0
    if title:
        c.setFont(_FONT, 12)
        c.drawString(40, 805, title)
    for row in rows:
        if y < 60:
            c.showPage()
            y = 790.0
        x = 40.0
        width = min(160.0, 515.0 / max(len(row), 1) - 6)
        for name, value in row:
            if isinstance(value, bool):
                c.acroForm.checkbox(name=name, x=x, y=y, size=10, checked=value, buttonStyle="check", borderWidth=0)
                x += 20
            else:
                c.acroForm.textfield(name=name, value=value, x=x, y=y, width=width, height=14, borderWidth=0,
                                     fontName="Helvetica", fontSize=8)
                x += width + 6
        y -= 22
    c.save()
    return path


Placed = tuple[float, str]  # (font size, text): one line of a column


def columns_pdf(path: Path, side: Sequence[Placed], main: Sequence[Placed], *, side_x: float = 22,
                main_x: float = 224, sidebar_first: bool = True, top: float = 738) -> Path:
    """A two-column page as LinkedIn's "Save to PDF" profile sets it (a sidebar at x 22, the main column at x 224,
    US Letter, the lines' sizes given): the sidebar drawn before the main column or after it."""
    c = canvas.Canvas(str(path), pagesize=(612, 792))

    def draw(x: float, lines: Sequence[Placed]) -> None:
        y = top
        for size, text in lines:
            c.setFont(_FONT, size)
            c.drawString(x, y, text)
            y -= size * 1.45

    for x, lines in ((side_x, side), (main_x, main)) if sidebar_first else ((main_x, main), (side_x, side)):
        draw(x, lines)
    c.save()
    return path


def label_column_pdf(path: Path, rows: Sequence[tuple[str, str, float]], *, label_right: float = 190,
                     value_x: float = 200) -> Path:
    """A CV as Europass 2013 prints it: a label column set flush right against the values' column, each label on
    its value's baseline; rows (label, value, value's font size); a value holding "|" is a row of cells."""
    c = canvas.Canvas(str(path), pagesize=A4)
    y = 800.0
    for label, value, size in rows:
        if y < 60:
            c.showPage()
            y = 800.0
        if label:
            c.setFont(_FONT, 8)
            c.drawRightString(label_right, y, label)
        c.setFont(_FONT, size)
        for i, cell in enumerate(value.split("|") if "|" in value else [value]):
            c.drawString(value_x + (60 * i if "|" in value else 0), y, cell.strip())
        y -= max(size, 8) * 1.6
    c.save()
    return path
