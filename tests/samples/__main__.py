"""python -m tests.samples OUT [--n N] [--seed S] [--layouts a,b] [--no-bad-files] [--broken k,k] [--workers W]"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from tests.samples.bad_files import BROKEN_KINDS
from tests.samples.corpus import write_corpus
from tests.samples.render_p11 import LAYOUTS


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m tests.samples", description="Write a sample corpus of JPO applications.")
    ap.add_argument("out", type=Path, help="folder to write (vacancy.toml, applications/, truth.json)")
    ap.add_argument("--n", type=int, default=36, help="number of applicants (default 36)")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--layouts", default="", help=f"comma-separated subset of: {', '.join(LAYOUTS)}")
    ap.add_argument("--no-bad-files", action="store_true", help="no broken files and no scan")
    ap.add_argument("--broken", default=",".join(BROKEN_KINDS), help="broken-file kinds, comma-separated")
    ap.add_argument("--no-broken-letter", action="store_true", help="no applicant with a broken cover letter")
    ap.add_argument("--workers", type=int, default=None, help="processes (default: CPU count from 200 applicants)")
    args = ap.parse_args(argv)
    layouts = [x.strip() for x in args.layouts.split(",") if x.strip()] or None
    t0 = time.perf_counter()
    try:
        write_corpus(args.out, args.n, args.seed, layouts, not args.no_bad_files, workers=args.workers,
                     broken_kinds=[x.strip() for x in args.broken.split(",") if x.strip()],
                     broken_letter=not args.no_broken_letter)
    except ValueError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    print(f"wrote {args.n} applicants to {args.out} in {time.perf_counter() - t0:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
