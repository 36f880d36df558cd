"""Import throughput beside raw pypdf text extraction of the same files, in the same run.

    python -m benchmarks.import_bench --n 500

Targets: import time within 3x of (raw single-process PDFium extraction time / cores used), PDFium being what the
importer reads pages with; within 1.3x of the same for pypdf; peak RSS under 500 MB.
"""

from __future__ import annotations

import argparse
import os
import tempfile
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from benchmarks.common import Row, dataset, peak_rss_mb, print_table, timed


def _raw_extract(path: str) -> int:
    from pypdf import PdfReader

    reader = PdfReader(path)
    size = sum(len(page.extract_text() or "") for page in reader.pages)
    fields = reader.get_fields() or {}
    return size + len(fields)


def _raw_extract_pdfium(path: str) -> int:
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(path)
    try:
        return sum(len(doc[i].get_textpage().get_text_range()) for i in range(len(doc)))
    finally:
        doc.close()


def raw_extraction_seconds(files: list[str], workers: int) -> float:
    if workers <= 1:
        seconds, _ = timed(lambda: [_raw_extract(f) for f in files])
        return seconds
    with ProcessPoolExecutor(workers) as pool:
        seconds, _ = timed(lambda: list(pool.map(_raw_extract, files, chunksize=8)))
    return seconds


def run(n: int = 200, *, workers: int | None = None, seed: int = 1) -> list[Row]:
    """Generate (or reuse) n applications, time raw extraction and the full import; return the table rows."""
    from jpo_tui.core.vacancy import load_vacancy
    from jpo_tui.ingest.pipeline import import_applications
    from jpo_tui.store.db import open_database

    workers = workers or os.cpu_count() or 1
    corpus = dataset(n, seed)
    files = sorted(str(p) for p in (corpus / "applications").rglob("*") if p.is_file())
    raw_serial = raw_extraction_seconds(files, 1)
    pdfium_serial, _ = timed(lambda: [_raw_extract_pdfium(f) for f in files])
    spec = load_vacancy(corpus / "vacancy.toml")
    with tempfile.TemporaryDirectory() as tmp:
        engine = open_database(f"sqlite:///{Path(tmp) / 'bench.db'}")
        seconds, report = timed(lambda: import_applications(engine, spec, [corpus / "applications"], workers=workers))
        again, _ = timed(lambda: import_applications(engine, spec, [corpus / "applications"], workers=workers))
        engine.dispose()
    ideal = raw_serial / workers
    rate = n / seconds
    return [
        Row(f"import {n} applications ({len(files)} PDFs), {workers} workers", seconds, "s", ideal,
            "<= 1.3x raw extraction / cores", seconds <= 1.3 * ideal),
        Row("import throughput (applications/s)", rate, "", n / ideal, "informative", None),
        Row("raw pypdf extraction, 1 process (s)", raw_serial, "s", None, "baseline", None),
        # the importer reads pages with PDFium: its own raw extraction, for an honest second comparison
        Row("import vs raw PDFium extraction / cores", seconds, "s", pdfium_serial / workers,
            "<= 3x raw PDFium / cores", seconds <= 3 * pdfium_serial / workers),
        Row("re-import of the same files (s, adds nothing)", again, "s", seconds, "informative", None),
        Row("peak RSS, parent or any reader (MB)", peak_rss_mb(), "", None, "< 500 MB", peak_rss_mb() < 500),
        Row("documents imported", float(report.documents_added), "", float(len(files)), "all", report.documents_added == len(files)),
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--n", type=int, default=200)
    parser.add_argument("--workers", type=int, default=None)
    args = parser.parse_args()
    print_table(run(args.n, workers=args.workers))


if __name__ == "__main__":
    main()
