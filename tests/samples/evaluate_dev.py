"""Measure the parser on a corpus with a truth.json: ``python -m tests.samples.evaluate_dev CORPUS_DIR``.

Parses every applicant folder under CORPUS_DIR/applications, merges the facts and compares name, birth date,
nationality, e-mail, highest degree and English/French levels (and experience months when jpo_tui.screening.experience is
available) with the truth; prints per-field accuracy, the misses, refusals and timing.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
import unicodedata
from datetime import date
from pathlib import Path

from jpo_tui.core.merge import merge_facts
from jpo_tui.core.records import DEGREE_RANK, ApplicantFacts, DocumentRefused, ParsedDocument, YearMonth
from jpo_tui.ingest.document import read_pdf

_LEVEL = {"fluent": "fluent", "good": "working", "working": "working", "basic": "basic"}


def _norm(value: object) -> str:
    text = unicodedata.normalize("NFKD", str(value or "")).encode("ascii", "ignore").decode()
    return " ".join(text.casefold().replace("-", " ").split())


def highest_degree(facts: ApplicantFacts, deadline: date) -> str:
    """Highest level among degrees finished by the deadline (same rule as the truth)."""
    limit = YearMonth(deadline.year, deadline.month)
    done = [e.level for e in facts.education if e.end is not None and not e.ongoing and e.end <= limit]
    return max(done, key=lambda lv: DEGREE_RANK.get(lv, 0), default="unknown")


def _experience(facts: ApplicantFacts, deadline: date) -> float | None:
    try:
        from jpo_tui.screening.experience import weighted_experience_months
    except ImportError:
        return None
    try:
        return float(weighted_experience_months(facts.employment, deadline, 0.5))
    except TypeError:
        return None


def evaluate(corpus: Path, verbose: bool = True) -> dict[str, float]:
    """Per-field accuracy over the corpus's applicants."""
    truth = json.loads((corpus / "truth.json").read_text(encoding="utf-8"))
    deadline = date.fromisoformat(truth["deadline"])
    fields = ["name", "date_of_birth", "nationality", "email", "highest_degree", "languages", "experience_months"]
    ok = dict.fromkeys(fields, 0)
    n = 0
    started = time.perf_counter()
    files = 0
    for t in truth["applicants"]:
        docs: list[ParsedDocument] = []
        for pdf in sorted((corpus / "applications" / t["key"]).glob("*.pdf")):
            files += 1
            try:
                docs.append(read_pdf(pdf))
            except DocumentRefused as exc:
                print(f"  refused {pdf}: {exc.reason}")
        facts = merge_facts(docs)
        n += 1
        got_lang = {s.language: s.level for s in facts.languages}
        exp = _experience(facts, deadline)
        got = {
            "name": facts.name,
            "date_of_birth": facts.date_of_birth.isoformat() if facts.date_of_birth else "",
            "nationality": facts.nationality,
            "email": facts.email,
            "highest_degree": highest_degree(facts, deadline),
            "languages": {k: got_lang.get(k) for k in ("English", "French") if k in t["languages"]},
            "experience_months": exp,
        }
        want = dict(t)
        want["languages"] = {k: _LEVEL[v] for k, v in t["languages"].items() if k in ("English", "French")}
        for f in fields:
            if f == "experience_months":
                hit = exp is not None and abs(exp - t[f]) <= 1.0
            elif f == "languages":
                hit = got[f] == want[f]
            else:
                hit = _norm(got[f]) == _norm(want[f])
            ok[f] += hit
            if not hit and verbose:
                kinds = ",".join(f"{d.kind}/{d.layout}" for d in docs)
                print(f"  MISS {t['key']} [{t['layout']}; {kinds}] {f}: got {got[f]!r} want {want[f]!r}")
    elapsed = time.perf_counter() - started
    scores = {f: ok[f] / n for f in fields} if n else {}
    for f in fields:
        print(f"{f:18s} {ok[f]}/{n} = {scores.get(f, 0):.3f}")
    for extra in ("bad-empty", "bad-notpdf", "bad-truncated", "bad-encrypted", "scanned"):
        for pdf in sorted((corpus / "applications" / extra).glob("*.pdf")):
            try:
                doc = read_pdf(pdf)
                print(f"{extra}: kind={doc.kind} flags={doc.flags}")
            except DocumentRefused as exc:
                print(f"{extra}: refused: {exc.reason}")
    print(f"{files} files in {elapsed:.2f}s ({1000 * elapsed / max(files, 1):.1f} ms/file)")
    return scores


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("corpus", nargs="?", default="../shared/corpus/dev")
    ap.add_argument("--min", type=float, default=0.0, help="exit 1 when a field scores below this")
    ap.add_argument("-q", "--quiet", action="store_true")
    args = ap.parse_args(argv)
    scores = evaluate(Path(args.corpus), verbose=not args.quiet)
    return 1 if any(v < args.min for v in scores.values()) else 0


if __name__ == "__main__":
    sys.exit(main())
