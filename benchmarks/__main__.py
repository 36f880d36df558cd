"""The benchmark suite: generates the data sets, runs every benchmark, prints one table.

    python -m benchmarks                 # full sizes (10,000 applications; takes a while)
    python -m benchmarks --size smoke    # tiny sizes: checks the benchmark code runs (CI)
    python -m benchmarks --only match,app

Each figure stands beside its natural baseline measured in the same run, with the target and pass/fail.
"""

from __future__ import annotations

import argparse
import importlib
import json
import os
import sys
import time

from benchmarks.common import Row, print_table

SIZES = {
    # benchmark: (smoke n, full n)
    "import": (12, 10_000),
    "formats": (1, 100),  # scanned pages read by OCR, and .docx files
    "match": (50, 10_000),
    "db": (200, 10_000),
    "app": (200, 10_000),
    "cli": (50, 1_000),  # read commands at n applicants; the app's start from process start at 10 n
}
MODULES = {"import": "benchmarks.import_bench", "formats": "benchmarks.formats_bench", "match": "benchmarks.match_bench",
           "db": "benchmarks.db_bench", "app": "benchmarks.app_bench",
           "cli": "benchmarks.cli_bench"}


def _as_row(item: Row | dict) -> Row:
    if isinstance(item, Row):
        return item
    target = item.get("target")
    return Row(item["figure"], float(item["value"]), "", item.get("baseline"),
               str(target) if target is not None else "", item.get("passed"))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--size", default="full", help="smoke, full, or a number of applicants")
    parser.add_argument("--only", default="", help="comma-separated subset of: " + ", ".join(MODULES))
    parser.add_argument("--json", metavar="FILE", help="also write the rows as JSON")
    args = parser.parse_args(argv)
    chosen = [name for name in MODULES if not args.only or name in args.only.split(",")]
    rows: list[Row] = []
    print(f"jpo-tui benchmarks on {os.cpu_count()} cores, size {args.size}, load average (1/5/15 min) "
          f"{'/'.join(f'{x:.1f}' for x in os.getloadavg())}", flush=True)
    for name in chosen:
        smoke, full = SIZES[name]
        n = smoke if args.size == "smoke" else full if args.size == "full" else int(args.size)
        try:
            module = importlib.import_module(MODULES[name])
        except ImportError as exc:
            print(f"{name}: not available ({exc})", file=sys.stderr)
            continue
        start = time.perf_counter()
        print(f"-- {name} (n={n}) ...", flush=True)
        rows.extend(_as_row(r) for r in module.run(n))
        print(f"   done in {time.perf_counter() - start:.1f} s", flush=True)
    print()
    print(f"scale: size {args.size} (n per benchmark printed above); load average at the end "
          f"{'/'.join(f'{x:.1f}' for x in os.getloadavg())} on {os.cpu_count()} cores")
    print_table(rows)
    if args.json:
        with open(args.json, "w", encoding="utf-8") as fh:
            json.dump([r.as_dict() for r in rows], fh, indent=1)
    return 0


if __name__ == "__main__":
    sys.exit(main())
