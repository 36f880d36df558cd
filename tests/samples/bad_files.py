"""Files a committee receives that cannot be read: empty, not a PDF, truncated, password-protected, and a
scanned P11 that is only an image (no text layer)."""

from __future__ import annotations

import io
import random
import textwrap
from pathlib import Path

import reportlab
from PIL import Image, ImageDraw, ImageFilter, ImageFont
from pypdf import PdfReader, PdfWriter
from pypdf.generic import ArrayObject, ByteStringObject
from reportlab.lib.pagesizes import A4
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen.canvas import Canvas

BROKEN_KINDS = ("empty", "notpdf", "truncated", "encrypted")
WHY = {"empty": "empty file", "notpdf": "not a PDF", "truncated": "truncated or corrupt PDF",
       "encrypted": "password-protected PDF"}


def broken(kind: str, good: bytes, rng: random.Random) -> bytes:
    """A broken version of the valid PDF ``good``: one of BROKEN_KINDS."""
    if kind == "empty":
        return b""
    if kind == "notpdf":
        return rng.choice((
            b"<!DOCTYPE html><html><head><title>Session expired</title></head><body><p>Your session has expired. "
            b"Please log in again to download the attachment.</p></body></html>\n",
            b"PK\x03\x04\x14\x00\x06\x00\x08\x00\x00\x00!\x00word/document.xml" + bytes(rng.randrange(256) for _ in range(300)),
            "Ceci est le CV que je vous ai envoyé par courriel.\r\n".encode("cp1252"),
        ))
    if kind == "truncated":
        return good[: max(200, int(len(good) * rng.uniform(0.3, 0.6)))]
    if kind == "encrypted":
        writer = PdfWriter(clone_from=PdfReader(io.BytesIO(good)))
        ident = ByteStringObject(rng.randbytes(16))
        writer.generate_file_identifiers = lambda: setattr(writer, "_ID", ArrayObject((ident, ident)))  # repeatable
        writer.encrypt(user_password=f"jpo{rng.randrange(1000, 9999)}", owner_password="owner", algorithm="RC4-128")
        out = io.BytesIO()
        writer.write(out)
        return out.getvalue()
    raise ValueError(kind)


def _font(size: int) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    """Bitstream Vera (shipped with reportlab: has the accents), else Pillow's default font."""
    vera = Path(reportlab.__file__).parent / "fonts" / "Vera.ttf"
    return ImageFont.truetype(str(vera), size) if vera.exists() else ImageFont.load_default(size=size)


def scanned(lines: list[str], rng: random.Random, *, dpi: int = 100) -> bytes:
    """A one-page PDF holding only a greyscale photo-like image of ``lines`` (no text layer)."""
    w, h = int(8.27 * dpi), int(11.69 * dpi)
    img = Image.new("L", (w, h), 248)
    draw = ImageDraw.Draw(img)
    font = _font(max(10, dpi // 8))
    y = dpi // 2
    for line in lines:
        for part in textwrap.wrap(line, 95) or [""]:
            if y > h - dpi // 2:
                break
            draw.text((dpi // 2, y), part, fill=rng.randrange(20, 60), font=font)
            y += int(dpi / 6)
    img = img.rotate(rng.uniform(-1.2, 1.2), fillcolor=235).filter(ImageFilter.GaussianBlur(0.6))
    noise = Image.frombytes("L", (w, h), rng.randbytes(w * h)).point(lambda v: 255 if v > 6 else 0)
    img = Image.composite(img, Image.new("L", (w, h), 200), noise)
    jpg = io.BytesIO()
    img.save(jpg, "JPEG", quality=55)
    jpg.seek(0)
    out = io.BytesIO()
    c = Canvas(out, pagesize=A4, invariant=1)
    c.setCreator("HP Scan")
    c.drawImage(ImageReader(jpg), 0, 0, width=A4[0], height=A4[1])
    c.showPage()
    c.save()
    return out.getvalue()
