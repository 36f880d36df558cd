"""OCR of image-only pages (signed and scanned P11s): PDFium renders each page, Tesseract reads its words.

Tesseract runs through pytesseract, i.e. as the ``tesseract`` program in a child process of the reader process
(rather than tesserocr's in-process C++ binding): a page that takes too long is killed alone (the per-page time
limit), a crash in Tesseract or Leptonica cannot take the reader down, the reader's memory cap applies to it
too, and nothing has to be compiled against the system's libtesseract. The cost, starting the program and
loading its language models for each page, is small beside reading a 300 dpi page (see ``benchmarks``).

The words come back with their boxes and are turned into the positioned runs the layout readers take from a PDF's
text layer (one run per group of words on a line, split where a gap is wider than a cell border would leave), so
a scan is read by the same readers as a typed form. Each Tesseract runs on one core (``OMP_THREAD_LIMIT=1``):
the importer's parallel reader processes keep the cores busy with one page each.

Without the ``tesseract`` program (or pytesseract) nothing is read and the scan stays flagged as before.
"""

from __future__ import annotations

import functools
import os
import shutil
import signal
import statistics
import tempfile
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from jpo_tui.core.records import OCR_MARK, ParsedDocument
from jpo_tui.ingest.pdf.pdfio import PdfContent, Run, clean_text

if TYPE_CHECKING:
    from jpo_tui.ingest.document import ScanReader

OCR_FLAG = f"{OCR_MARK} every value against the scan"
# The languages of the donors and of the UN, as Tesseract names them (those installed are used).
LANGUAGES = ("eng", "fra", "nld", "spa", "deu", "ita", "por")


@dataclass(frozen=True)
class OcrOptions:
    """How scans are read: resolution, languages, and the bounds per page and per document."""

    dpi: int = 300
    languages: tuple[str, ...] = ("eng", "fra")  # more languages read slower; the labels of a P11 are in these
    page_seconds: float = 30.0  # a page not read by then is skipped with a flag
    max_pages: int = 12  # pages read by OCR per document; the rest are flagged
    max_pixels: int = 40_000_000  # a page larger than this at ``dpi`` is rendered at a lower resolution
    max_image_pixels: int = 150_000_000  # the images a page draws, in pixels: more is a decompression bomb
    min_confidence: float = 20.0  # words Tesseract is less sure of are dropped (speckles, stamps)


def options_from_env() -> OcrOptions:
    """Options with ``JPO_OCR_LANGS`` ("eng+fra+nld") and ``JPO_OCR_PAGE_SECONDS`` applied."""
    langs = tuple(x for x in os.environ.get("JPO_OCR_LANGS", "").replace(",", "+").split("+") if x.strip())
    seconds = os.environ.get("JPO_OCR_PAGE_SECONDS", "")
    base = OcrOptions()
    try:
        page_seconds = float(seconds) if seconds else base.page_seconds
    except ValueError:
        page_seconds = base.page_seconds
    return OcrOptions(languages=langs or base.languages, page_seconds=page_seconds)


@functools.cache
def tesseract_languages() -> frozenset[str]:
    """The languages the installed Tesseract can read; empty when Tesseract or pytesseract is missing."""
    if os.environ.get("JPO_NO_OCR") or shutil.which("tesseract") is None:
        return frozenset()
    try:
        import pytesseract

        return frozenset(pytesseract.get_languages(config=""))
    except Exception:  # noqa: BLE001 - not installed, or a broken installation: no OCR
        return frozenset()


def available() -> bool:
    """True when scans can be read (Tesseract with at least one of the languages)."""
    return bool(tesseract_languages() & set(LANGUAGES))


def scan_reader(data: bytes, options: OcrOptions | None = None) -> ScanReader:
    """A reader for the document's image-only pages (None from it when OCR is not available)."""
    chosen = options or OcrOptions()

    def read(doc: ParsedDocument) -> PdfContent | None:
        return read_scanned_pdf(data, doc, chosen) if available() else None

    return read


def _time_left() -> float | None:
    """Seconds left before the reader's alarm (the per-document time limit), None when none is set."""
    left = signal.getitimer(signal.ITIMER_REAL)[0]
    return left if left > 0 else None


def read_scanned_pdf(data: bytes, doc: ParsedDocument, options: OcrOptions) -> PdfContent | None:
    """Every page's words read by Tesseract, as a PdfContent; flags on ``doc`` say what was not read."""
    from jpo_tui.ingest.pdf.pdfium_content import _PDFIUM

    langs = "+".join(x for x in options.languages if x in tesseract_languages()) or "eng"
    texts: list[str] = []
    runs: list[Run] = []
    widths: list[float] = []
    skipped: list[str] = []
    with _PDFIUM, tempfile.TemporaryDirectory(prefix="jpo-ocr-") as tmp:
        import pypdfium2 as pdfium

        try:
            pdf = pdfium.PdfDocument(data)
        except pdfium.PdfiumError:
            return None
        try:
            for number in range(len(pdf)):
                page = pdf[number]
                try:
                    width, height = page.get_size()
                    widths.append(width)
                    if number >= options.max_pages:
                        skipped.append(f"{number + 1}: over {options.max_pages} pages")
                        texts.append("")
                        continue
                    left = _time_left()
                    seconds = options.page_seconds
                    if left is not None and left - 1.5 < seconds:  # the file's own limit comes first
                        seconds = left - 1.5
                    if seconds < min(1.0, options.page_seconds):
                        skipped.append(f"{number + 1}: the document's time limit")
                        texts.append("")
                        continue
                    if _image_pixels(page) > options.max_image_pixels:
                        skipped.append(f"{number + 1}: images too large to render")
                        texts.append("")
                        continue
                    scale = min(options.dpi / 72.0, (options.max_pixels / max(1.0, width * height)) ** 0.5)
                    bitmap = page.render(scale=scale, grayscale=True)
                    image_path = os.path.join(tmp, f"page{number}.pgm")
                    bitmap.to_pil().save(image_path)
                    del bitmap
                    page_runs = _words_to_runs(_read_words(image_path, langs, seconds), number, height, scale,
                                               options.min_confidence)
                except _OcrTimeout:
                    skipped.append(f"{number + 1}: longer than {seconds:.0f} s")
                    texts.append("")
                    continue
                except (pdfium.PdfiumError, OSError, ValueError, MemoryError, _OcrFailed) as exc:
                    skipped.append(f"{number + 1}: {str(exc)[:80] or type(exc).__name__}")
                    texts.append("")
                    continue
                finally:
                    page.close()
                runs.extend(page_runs)
                texts.append(_page_text(page_runs))
        finally:
            pdf.close()
    if skipped:
        doc.flags.append("pages not read by OCR (" + "; ".join(skipped) + "): enter them by hand")
    if not any(t.strip() for t in texts):
        return None
    doc.flags.append(OCR_FLAG)
    doc.read_by_ocr = True
    return PdfContent(len(texts), texts, runs, [], widths)


class _OcrTimeout(Exception):
    """Tesseract took longer than the page's time limit (and was killed)."""


class _OcrFailed(Exception):
    """Tesseract stopped with an error (out of memory, an image it cannot read)."""


def _image_pixels(page: Any) -> float:  # a pypdfium2 PdfPage (pypdfium2 has no types)
    """Pixels of the images the page draws, read from their headers (nothing is decoded)."""
    import pypdfium2.raw as raw

    total = 0.0
    try:
        for obj in page.get_objects(filter=(raw.FPDF_PAGEOBJ_IMAGE,), max_depth=4):
            w, h = obj.get_px_size()
            total += float(w) * float(h)
    except Exception:  # noqa: BLE001 - an image PDFium cannot describe: let the render decide
        return total
    return total


def _read_words(image_path: str, langs: str, seconds: float) -> dict[str, list]:
    import pytesseract

    os.environ.setdefault("OMP_THREAD_LIMIT", "1")
    try:
        return pytesseract.image_to_data(image_path, lang=langs, config="--psm 3", timeout=seconds,
                                         output_type=pytesseract.Output.DICT)
    except pytesseract.TesseractError as exc:
        raise _OcrFailed(f"Tesseract failed ({' '.join(str(exc.message).split())[:60]})") from exc
    except RuntimeError as exc:
        if "timeout" in str(exc).casefold():
            raise _OcrTimeout() from exc
        raise _OcrFailed(f"Tesseract failed ({str(exc)[:60]})") from exc


def _words_to_runs(data: dict[str, list], page: int, height: float, scale: float, min_conf: float) -> list[Run]:
    """Tesseract's words -> runs: the words of one line, split where the gap is wider than a cell's border."""
    lines: dict[tuple[int, int, int], list[tuple[float, float, float, float, str]]] = {}
    for i, text in enumerate(data.get("text", [])):
        text = (text or "").strip()
        try:
            conf = float(data["conf"][i])
        except (TypeError, ValueError):
            conf = -1.0
        if not text or conf < min_conf:
            continue
        key = (int(data["block_num"][i]), int(data["par_num"][i]), int(data["line_num"][i]))
        x, y, w, h = (float(data[k][i]) / scale for k in ("left", "top", "width", "height"))
        lines.setdefault(key, []).append((x, y, w, h, text))
    runs: list[Run] = []
    for words in lines.values():
        words.sort()
        line_height = statistics.median(w[3] for w in words)
        size = float(max(4, round(line_height / 0.72)))  # a word's box is about 0.72 of the font size
        baseline = height - statistics.median(w[1] + w[3] for w in words)
        group: list[tuple[float, float, float, float, str]] = []
        for word in words:
            if group and word[0] - (group[-1][0] + group[-1][2]) > 1.2 * size:
                runs.append(Run(page, round(group[0][0], 1), round(baseline, 1), size, " ".join(g[4] for g in group)))
                group = []
            group.append(word)
        if group:
            runs.append(Run(page, round(group[0][0], 1), round(baseline, 1), size, " ".join(g[4] for g in group)))
    return runs


def _page_text(runs: list[Run]) -> str:
    """The page's text, line by line (runs whose baselines are close), pieces of a line three spaces apart."""
    lines: list[list[Run]] = []
    for run in sorted(runs, key=lambda r: (-r.y, r.x)):
        if lines and abs(lines[-1][0].y - run.y) <= 0.4 * run.size:
            lines[-1].append(run)
        else:
            lines.append([run])
    return clean_text("\n".join("   ".join(r.text for r in sorted(line, key=lambda r: r.x)) for line in lines))


__all__ = ["LANGUAGES", "OCR_FLAG", "OcrOptions", "available", "read_scanned_pdf", "scan_reader",
           "tesseract_languages"]
