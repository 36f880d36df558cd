"""Builders of hostile and broken PDFs for the import tests: each is made programmatically and is small on disk.

``simple_pdf`` makes an ordinary one-page text PDF with reportlab; the others write raw PDF syntax so that the
file has exactly the nasty property wanted (a Flate bomb, thousands of pages, 100k-deep arrays, a huge form
value hidden in a compressed object stream).
"""

from __future__ import annotations

import io
import zlib
from collections.abc import Sequence
from pathlib import Path

SHELL_NAME = "$(rm -rf ~);.pdf"
ESCAPE_NAME = "a\x1b[31mb.pdf"
NEWLINE_NAME = "line\nbreak.pdf"
MARKUP_NAME = "[bold red]x[blink] [link=mailto:e@vil]y.pdf"


def simple_pdf(lines: Sequence[str] = ("Curriculum vitae",), *, pages: int = 1) -> bytes:
    """An ordinary text PDF (reportlab), one line of text per entry, repeated on each page."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=A4, invariant=1)
    for _ in range(pages):
        y = 800
        for line in lines:
            c.drawString(60, y, line)
            y -= 16
        c.showPage()
    c.save()
    return buf.getvalue()


def _raw_pdf(objects: Sequence[bytes], *, root: int = 1, xref: bool = True) -> bytes:
    """A PDF from numbered object bodies (object n is objects[n-1]) with a classic xref table."""
    out = io.BytesIO()
    out.write(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % number + body + b"\nendobj\n")
    start = out.tell()
    if xref:
        out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
        for off in offsets:
            out.write(b"%010d 00000 n \n" % off)
    out.write(b"trailer\n<< /Size %d /Root %d 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, root, start))
    return out.getvalue()


def _stream(data: bytes, extra: bytes = b"", *, compress: bool = False) -> bytes:
    if compress:
        data = zlib.compress(data, 9)
        extra = b"/Filter /FlateDecode " + extra
    return b"<< /Length %d %s>>\nstream\n" % (len(data), extra) + data + b"\nendstream"


def _page_objects(content: bytes, extra_page: bytes = b"") -> list[bytes]:
    font = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"
    return [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> " + extra_page + b">>",
        content,
        font,
    ]


def empty() -> bytes:
    return b""


def not_a_pdf() -> bytes:
    return b"PK\x03\x04 this is a word document pretending to be a PDF\n" * 20


def truncated() -> bytes:
    data = simple_pdf(["Truncated curriculum vitae", "Experience in monitoring"] * 10)
    return data[: len(data) // 2]


def encrypted() -> bytes:
    """A PDF that needs a user password."""
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter()
    for page in PdfReader(io.BytesIO(simple_pdf(["Secret curriculum vitae"]))).pages:
        writer.add_page(page)
    writer.encrypt(user_password="s3cret", owner_password="owner", algorithm="AES-128")
    buf = io.BytesIO()
    writer.write(buf)
    return buf.getvalue()


def scanned() -> bytes:
    """A page with only drawing (as a scan without OCR would be): no text at all."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=A4, invariant=1)
    for i in range(40):
        c.rect(40 + i * 3, 100 + i * 15, 400, 8, fill=1)
    c.showPage()
    c.save()
    return buf.getvalue()


def flate_bomb(decompressed_mb: int = 1024, *, streams: int = 1) -> bytes:
    """Content streams that each inflate to ``decompressed_mb`` MB of blanks (about 1 MB on disk per GB)."""
    chunk = b" " * (1 << 20)
    comp = zlib.compressobj(9)
    parts = [comp.compress(chunk) for _ in range(decompressed_mb)]
    compressed = b"".join(parts) + comp.flush()
    content = b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(compressed) + compressed + b"\nendstream"
    if streams == 1:
        return _raw_pdf(_page_objects(content))
    objs = _page_objects(content)
    refs = b" ".join(b"4 0 R" for _ in range(streams))
    objs[2] = objs[2].replace(b"/Contents 4 0 R", b"/Contents [" + refs + b"]")
    return _raw_pdf(objs)


def many_pages(count: int = 5000) -> bytes:
    """``count`` pages sharing one small content stream (a few dozen bytes per page)."""
    first_page = 4
    kids = b" ".join(b"%d 0 R" % (first_page + i) for i in range(count))
    objs = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [" + kids + b"] /Count %d >>" % count,
        _stream(b"BT /F1 12 Tf 72 720 Td (Page) Tj ET"),
    ]
    font_obj = first_page + count
    for _ in range(count):
        objs.append(b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 3 0 R "
                    b"/Resources << /Font << /F1 %d 0 R >> >> >>" % font_obj)
    objs.append(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>")
    return _raw_pdf(objs)


def deeply_nested(depth: int = 100_000) -> bytes:
    """A page whose dictionary holds arrays nested ``depth`` deep (200 kB for 100k)."""
    nested = b"[" * depth + b"]" * depth
    content = _stream(b"BT /F1 12 Tf 72 720 Td (Nested) Tj ET")
    return _raw_pdf(_page_objects(content, extra_page=b"/Deep " + nested + b" "))


def deeply_nested_in_content(depth: int = 100_000) -> bytes:
    """The same nesting inside the page's content stream (what text extraction parses)."""
    nested = b"[" * depth + b"]" * depth
    return _raw_pdf(_page_objects(_stream(b"BT /F1 12 Tf 72 720 Td " + nested + b" TJ ET", compress=True)))


def huge_form_value(megabytes: int = 16) -> bytes:
    """An AcroForm text field whose value is ``megabytes`` MB, stored in a compressed object stream (PDF 1.5).

    The catalog, the field and the page live in the object stream, so the file stays a few tens of kB.
    """
    value = b"Lorem ipsum dolor sit amet " * (megabytes * (1 << 20) // 27)
    content_number, font_number, objstm_number, xref_number = 1, 2, 3, 4
    packed = {
        5: b"<< /Type /Catalog /Pages 6 0 R /AcroForm << /Fields [8 0 R] >> >>",
        6: b"<< /Type /Pages /Kids [7 0 R] /Count 1 >>",
        7: b"<< /Type /Page /Parent 6 0 R /MediaBox [0 0 595 842] /Contents 1 0 R /Annots [8 0 R] "
           b"/Resources << /Font << /F1 2 0 R >> >> >>",
        8: b"<< /Type /Annot /Subtype /Widget /FT /Tx /T (Family name) /Rect [100 700 400 720] /P 7 0 R "
           b"/V (" + value + b") >>",
    }
    header, body = [], b""
    for number, obj in packed.items():
        header.append(b"%d %d" % (number, len(body)))
        body += obj + b"\n"
    head = b" ".join(header) + b"\n"
    objstm_data = zlib.compress(head + body, 9)
    objstm = (b"<< /Type /ObjStm /N %d /First %d /Length %d /Filter /FlateDecode >>\nstream\n"
              % (len(packed), len(head), len(objstm_data)) + objstm_data + b"\nendstream")
    out = io.BytesIO()
    out.write(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets = {}
    plain = {
        content_number: _stream(b"BT /F1 12 Tf 72 760 Td (Personal history form) Tj ET"),
        font_number: b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        objstm_number: objstm,
    }
    for number, obj in plain.items():
        offsets[number] = out.tell()
        out.write(b"%d 0 obj\n" % number + obj + b"\nendobj\n")
    xref_offset = out.tell()
    rows = [b"\x00\x00\x00\x00\x00\xff\xff"]  # object 0: free
    for number in (content_number, font_number, objstm_number):
        rows.append(b"\x01" + offsets[number].to_bytes(4, "big") + b"\x00\x00")
    rows.append(b"\x01" + xref_offset.to_bytes(4, "big") + b"\x00\x00")
    for index, _ in enumerate(packed):
        rows.append(b"\x02" + objstm_number.to_bytes(4, "big") + index.to_bytes(2, "big"))
    xref_data = b"".join(rows)
    size = len(rows)
    out.write(b"%d 0 obj\n<< /Type /XRef /Size %d /W [1 4 2] /Root 5 0 R /Length %d >>\nstream\n"
              % (xref_number, size, len(xref_data)) + xref_data + b"\nendstream\nendobj\n")
    out.write(b"startxref\n%d\n%%%%EOF\n" % xref_offset)
    return out.getvalue()


BUILDERS = {
    "empty.pdf": empty,
    "not-a-pdf.pdf": not_a_pdf,
    "truncated.pdf": truncated,
    "encrypted.pdf": encrypted,
    "scanned.pdf": scanned,
    "bomb.pdf": flate_bomb,
    "many-pages.pdf": many_pages,
    "nested.pdf": deeply_nested,
    "nested-content.pdf": deeply_nested_in_content,
    "huge-field.pdf": huge_form_value,
}


def write_all(folder: Path) -> dict[str, Path]:
    """Every hostile file, each in its own applicant sub-folder of ``folder``; returns name -> path."""
    paths: dict[str, Path] = {}
    for name, build in BUILDERS.items():
        sub = folder / Path(name).stem
        sub.mkdir(parents=True, exist_ok=True)
        path = sub / name
        path.write_bytes(build())
        paths[name] = path
    return paths


def _flate_blanks(megabytes: int) -> bytes:
    """``megabytes`` MB of blanks, Flate-compressed (about 1 kB on disk per MB)."""
    chunk = b" " * (1 << 20)
    comp = zlib.compressobj(9)
    return b"".join(comp.compress(chunk) for _ in range(megabytes)) + comp.flush()


_TEXT = b"BT /F1 12 Tf 72 760 Td (Curriculum vitae of an inline bomber) Tj ET\n"


def inline_image_bomb(decompressed_mb: int = 1024) -> bytes:
    """A page whose content stream holds an inline image (BI ... ID ... EI) that inflates to ``decompressed_mb`` MB."""
    image = _flate_blanks(decompressed_mb)
    content = (_TEXT + b"q 100 0 0 100 72 500 cm\nBI /W 32768 /H %d /CS /G /BPC 8 /F /Fl ID\n"
               % (decompressed_mb * 32) + image + b"\nEI Q\n")
    return _raw_pdf(_page_objects(_stream(content)))


def tounicode_bomb(decompressed_mb: int = 1024) -> bytes:
    """A font whose /ToUnicode CMap stream inflates to ``decompressed_mb`` MB (read when the text is extracted)."""
    data = _flate_blanks(decompressed_mb)
    objs = _page_objects(_stream(_TEXT))
    objs[4] = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /ToUnicode 6 0 R >>"
    objs.append(b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(data) + data + b"\nendstream")
    return _raw_pdf(objs)


def embedded_cmap_bomb(decompressed_mb: int = 1024) -> bytes:
    """A Type0 font whose /Encoding is an embedded CMap stream inflating to ``decompressed_mb`` MB."""
    data = _flate_blanks(decompressed_mb)
    objs = _page_objects(_stream(b"BT /F1 12 Tf 72 760 Td <00430056> Tj ET\n" + _TEXT.replace(b"/F1", b"/F2")))
    objs[2] = objs[2].replace(b"/F1 5 0 R", b"/F1 5 0 R /F2 8 0 R")
    objs[4] = b"<< /Type /Font /Subtype /Type0 /BaseFont /Helvetica /Encoding 6 0 R /DescendantFonts [7 0 R] >>"
    objs.append(b"<< /Type /CMap /CMapName /Bomb /CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) "
                b"/Supplement 0 >> /Length %d /Filter /FlateDecode >>\nstream\n" % len(data) + data + b"\nendstream")
    objs.append(b"<< /Type /Font /Subtype /CIDFontType2 /BaseFont /Helvetica /CIDSystemInfo << /Registry (Adobe) "
                b"/Ordering (Identity) /Supplement 0 >> /FontDescriptor 9 0 R >>")
    objs.append(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>")
    objs.append(b"<< /Type /FontDescriptor /FontName /Helvetica /Flags 32 /FontBBox [0 0 1000 1000] /ItalicAngle 0 "
                b"/Ascent 700 /Descent -200 /CapHeight 700 /StemV 80 >>")
    return _raw_pdf(objs)


def huge_form_value_44() -> bytes:
    """The 44 MB form value of the audit (PDFium aborted on it in a reader that had already read other files)."""
    return huge_form_value(44)


# The bombs that made PDFium abort a reader (file -> builder); each must be refused with a reason.
BOMBS = {
    "inline-image-bomb.pdf": inline_image_bomb,
    "tounicode-bomb.pdf": tounicode_bomb,
    "cmap-bomb.pdf": embedded_cmap_bomb,
    "huge-field-44.pdf": huge_form_value_44,
}
