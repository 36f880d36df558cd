"""Scans read by OCR and Word files, beside the import of PDFs with a text layer.

    python -m benchmarks.formats_bench --n 40      # n scanned P11 pages (and n .docx files)

Figures: one image-only P11 page read on one core (target: within 10 s), beside the bare ``tesseract`` program on
the same image; a batch of n scanned pages imported with every core (seconds per page, pages per second per
core, how busy the cores were, the largest reader or Tesseract process); .docx files read per second beside
PDFs of the same text. Without Tesseract the OCR rows say so and the .docx rows still run.
"""

from __future__ import annotations

import argparse
import io
import os
import resource
import subprocess
import tempfile
import time
from pathlib import Path

from benchmarks.common import OUT, Row, dataset, print_table, timed


def _cpu_children() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _p11_pdfs(count: int) -> list[Path]:
    corpus = dataset(max(12, count), 3, layouts=("flat", "grid"))
    found: list[Path] = []
    from jpo_tui.ingest.document import read_pdf

    for path in sorted((corpus / "applications").rglob("*.pdf")):
        if read_pdf(path).kind == "p11":
            found.append(path)
        if len(found) >= count:
            break
    return found


def _scans(count: int) -> Path:
    """``count`` one-page image-only PDFs: the first page of generated P11s, rendered at 300 dpi (cached)."""
    import pypdfium2 as pdfium

    folder = OUT / f"scans-{count}"
    apps = folder / "applications"
    if (folder / "done").is_file():
        return folder
    sources = _p11_pdfs(min(count, 24))
    for i in range(count):
        pdf = pdfium.PdfDocument(str(sources[i % len(sources)]))
        image = pdf[0].render(scale=300 / 72, grayscale=True).to_pil()
        pdf.close()
        buf = io.BytesIO()
        image.save(buf, "PDF", resolution=300)
        (apps / f"S{i:05d}").mkdir(parents=True, exist_ok=True)
        (apps / f"S{i:05d}" / "scan.pdf").write_bytes(buf.getvalue())
    (folder / "done").write_text("ok")
    return folder


def _docx_and_pdfs(count: int) -> tuple[list[Path], list[Path]]:
    """``count`` .docx files holding the text of generated P11 PDFs, line by line, and those PDFs."""
    import docx

    from jpo_tui.ingest.document import read_pdf

    pdfs = _p11_pdfs(count)
    folder = OUT / f"docx-{count}"
    folder.mkdir(parents=True, exist_ok=True)
    out: list[Path] = []
    for i, pdf in enumerate(pdfs):
        path = folder / f"p11-{i:05d}.docx"
        if not path.is_file():
            document = docx.Document()
            for line in read_pdf(pdf).text.splitlines():
                cells = [c.strip() for c in line.split("   ") if c.strip()]
                if len(cells) > 1:
                    table = document.add_table(rows=1, cols=len(cells))
                    for c, text in enumerate(cells):
                        table.cell(0, c).text = text
                else:
                    document.add_paragraph(line)
            document.save(str(path))
        out.append(path)
    return out, pdfs


def _ocr_rows(n: int, workers: int) -> list[Row]:
    from jpo_tui.core.records import ParsedDocument
    from jpo_tui.ingest import ocr

    if not ocr.available():
        return [Row("OCR: Tesseract not installed (apt-get install tesseract-ocr)", 0.0, "", None, "informative",
                    None)]
    folder = _scans(n)
    first = sorted((folder / "applications").rglob("*.pdf"))[0]
    data = first.read_bytes()
    doc = ParsedDocument(path="", sha256="", kind="other", layout="", pages=1, text="")
    cpu = _cpu_children()
    one_page, content = timed(lambda: ocr.read_scanned_pdf(data, doc, ocr.OcrOptions()))
    one_cpu = _cpu_children() - cpu
    words = len(content.runs) if content else 0
    with tempfile.TemporaryDirectory() as tmp:
        import pypdfium2 as pdfium

        pdf = pdfium.PdfDocument(data)
        pdf[0].render(scale=300 / 72, grayscale=True).to_pil().save(Path(tmp) / "page.pgm")
        pdf.close()
        langs = "+".join(ocr.OcrOptions().languages)
        bare, _ = timed(lambda: subprocess.run(
            ["tesseract", str(Path(tmp) / "page.pgm"), str(Path(tmp) / "out"), "-l", langs, "--psm", "3", "tsv"],
            env={**os.environ, "OMP_THREAD_LIMIT": "1"}, capture_output=True, check=False))
    batch, report, busy, peak = _ocr_batch(folder, workers)
    read = sum(1 for key, flag in report.flagged if flag == ocr.OCR_FLAG)
    return [
        Row("OCR one P11 page, 300 dpi, 1 core (s)", one_page, "s", bare, "<= 10 s", one_page <= 10.0),
        Row("OCR one P11 page, CPU seconds (reader + Tesseract)", one_cpu, "s", None, "informative", None),
        Row("OCR runs read from that page", float(words), "", None, "> 0", words > 0),
        Row(f"OCR import of {n} scanned pages, {workers} workers (s)", batch, "s", None, "informative", None),
        Row("OCR seconds per page (batch, all cores)", batch / n, "s", one_page / workers, "informative", None),
        Row("OCR pages/s per core", n / batch / workers, "", 1 / one_page, "informative", None),
        Row("OCR cores busy: CPU of readers + Tesseract / cores x wall (%)", busy, "", 100.0,
            ">= 80% (quiet machine)", busy >= 80.0),
        Row("machine load average (1 min) after the batch", os.getloadavg()[0], "", float(workers),
            "informative (> cores: shared)", None),
        Row("OCR largest reader or Tesseract process (MB)", peak, "", None, "< 1024 MB (reader cap)", peak < 1024),
        Row("OCR scans read (marked 'read by OCR')", float(read), "", float(n), "all", read == n),
    ]


def _ocr_batch(folder: Path, workers: int) -> tuple[float, object, float, float]:
    from jpo_tui.core.vacancy import parse_vacancy
    from jpo_tui.ingest.pipeline import import_applications
    from jpo_tui.store.db import open_database

    spec = parse_vacancy('[vacancy]\nid = "OCR-BENCH"\ncall_year = 2026\ndeadline = 2026-03-31\n')
    with tempfile.TemporaryDirectory() as tmp:
        engine = open_database(f"sqlite:///{Path(tmp) / 'ocr.db'}")
        cpu = _cpu_children()
        start = time.perf_counter()
        report = import_applications(engine, spec, [folder / "applications"], workers=workers)
        seconds = time.perf_counter() - start
        used = _cpu_children() - cpu
        engine.dispose()
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return seconds, report, 100.0 * used / (seconds * workers), peak


def _docx_rows(n: int) -> list[Row]:
    from jpo_tui.ingest.formats import read_file

    files, pdfs = _docx_and_pdfs(n)
    docx_s, docs = timed(lambda: [read_file(f, ocr=False) for f in files])
    pdf_s, _ = timed(lambda: [read_file(f, ocr=False) for f in pdfs])
    p11 = sum(d.kind == "p11" for d in docs)
    return [
        Row(f".docx files read per second, 1 process ({len(files)} P11s)", len(files) / docx_s, "",
            len(pdfs) / pdf_s, "informative (baseline: PDFs, same text)", None),
        Row(".docx P11s told as P11", float(p11), "", float(len(files)), "all", p11 == len(files)),
    ]


def run(n: int = 20, *, workers: int | None = None) -> list[Row]:
    """OCR and .docx figures for n scanned pages and n Word files."""
    workers = workers or os.cpu_count() or 1
    return [*_ocr_rows(n, workers), *_docx_rows(n)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--n", type=int, default=20)
    parser.add_argument("--workers", type=int, default=None)
    args = parser.parse_args()
    print_table(run(args.n, workers=args.workers))


if __name__ == "__main__":
    main()
