"""Over the dev corpora: every fact of the JSON export carries evidence, and its span is text of that document
that holds the value (its words, or the birth date in one of its spellings)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from jpo_tui.core.countries import canonical_country
from jpo_tui.core.vacancy import parse_vacancy
from jpo_tui.exports.json_export import vacancy_export
from jpo_tui.ingest.lexicon import fold
from jpo_tui.ingest.pipeline import import_applications
from jpo_tui.store.db import open_database, session_scope

CORPUS = Path(__file__).resolve().parents[3] / "shared" / "corpus"


def _words(text: str) -> set[str]:
    return set(re.findall(r"\w+", fold(text)))


def _holds(evidence_text: str, values: list[str]) -> bool:
    """The span holds one of the values: all of a value's words are in it."""
    found = _words(evidence_text)
    return any(_words(v) and _words(v) <= found for v in values if v)


def _date_held(evidence_text: str, iso: str) -> bool:
    """The span holds the birth date: its year, and its day as a number."""
    year, _, day = iso.split("-")
    numbers = set(re.findall(r"\d+", evidence_text))
    return year in numbers and (day in numbers or str(int(day)) in numbers)


@pytest.mark.parametrize("corpus", ["dev", "dev2"])
def test_every_exported_fact_points_at_text_that_holds_it(corpus: str, tmp_path: Path) -> None:
    root = CORPUS / corpus
    if not (root / "vacancy.toml").is_file():
        pytest.skip("../shared/corpus is absent")
    engine = open_database(f"sqlite:///{tmp_path / 'db.sqlite'}")
    spec = parse_vacancy((root / "vacancy.toml").read_text(encoding="utf-8"))
    import_applications(engine, spec, [root / "applications"], workers=2)
    with session_scope(engine) as session:
        doc = vacancy_export(session, spec.id, include_text=True)
    engine.dispose()
    checked = 0
    for c in doc["candidates"]:
        texts = {d["file"]: d["text"] for d in c["documents"]}
        p = c["provenance"]
        facts: list[tuple[dict | None, list[str] | str]] = [
            (p["name"], [c["name"]]), (p["date_of_birth"], c["date_of_birth"] or ""),
            (p["nationality"], [c["nationality"]]), (p["email"], [c["email"]]),
        ]
        facts += [(p["languages"].get(lang), [lang]) for lang in c["languages"]]
        facts += [(ev, [e["degree"], e["institution"]]) for ev, e in zip(p["education"], c["education"], strict=True)]
        facts += [(ev, [e["title"], e["employer"]]) for ev, e in zip(p["employment"], c["employment"], strict=True)]
        for ev, values in facts:
            if not values or values == [""]:
                assert ev is None
                continue
            assert ev is not None, (c["key"], values)
            assert ev["document"] in texts, (c["key"], ev)
            assert ev["start"] is not None, (c["key"], values, ev)
            assert texts[ev["document"]][ev["start"]:ev["end"]] == ev["text"]
            assert ev["how"] in ("form field", "text", "OCR") and ev["read_by_ocr"] == (ev["how"] == "OCR")
            if isinstance(values, str):
                assert _date_held(ev["text"], values), (c["key"], values, ev["text"])
            elif ev is p["nationality"]:  # the country's name, or as written (an adjective, a code, in French)
                assert _holds(ev["text"], values) or canonical_country(ev["text"]) == c["nationality"], (
                    c["key"], values, ev["text"])
            else:
                assert _holds(ev["text"], values), (c["key"], values, ev["text"])
            checked += 1
    assert checked > 5 * len(doc["candidates"])
