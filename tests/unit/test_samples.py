"""The sample generator: deterministic, every layout readable, truth consistent with what the PDFs say."""

from __future__ import annotations

import hashlib
import io
import json
import re
import unicodedata
from pathlib import Path

import pytest
from pypdf import PdfReader
from pypdf.errors import PdfReadError

from jpo_tui.core.countries import normalise_country
from jpo_tui.core.records import YearMonth
from tests.samples.corpus import write_corpus
from tests.samples.keywords import mentioned, norm, safe_distractors, variant
from tests.samples.profiles import Job, random_profile
from tests.samples.render_p11 import LAYOUTS, render
from tests.samples.text import ym_add
from tests.samples.truth import eligibility, experience_months
from tests.samples.vacancy import demo_vacancy

VACANCY = demo_vacancy()


def _fold(s: str) -> str:
    s = unicodedata.normalize("NFKD", s).encode("ascii", "ignore").decode().casefold()
    return " ".join(s.split())


def _pdf_text(data: bytes) -> str:
    reader = PdfReader(io.BytesIO(data))
    parts = [p.extract_text() or "" for p in reader.pages]
    parts += [str(f.get("/V") or "") for f in (reader.get_fields() or {}).values()]
    return "\n".join(parts)


def _digest(folder: Path) -> dict[str, str]:
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_corpus(tmp_path_factory.mktemp("corpus"), 24, seed=7)


def test_same_seed_same_bytes(tmp_path: Path, corpus: Path) -> None:
    again = write_corpus(tmp_path / "again", 24, seed=7)
    assert _digest(again) == _digest(corpus)


def test_other_seed_other_applicants(tmp_path: Path, corpus: Path) -> None:
    other = json.loads((write_corpus(tmp_path / "o", 24, seed=8) / "truth.json").read_text())
    first = json.loads((corpus / "truth.json").read_text())
    assert {a["name"] for a in other["applicants"]} != {a["name"] for a in first["applicants"]}


def test_parallel_equals_serial(tmp_path: Path) -> None:
    serial = write_corpus(tmp_path / "s", 10, seed=4, workers=1)
    parallel = write_corpus(tmp_path / "p", 10, seed=4, workers=2)
    assert _digest(serial) == _digest(parallel)


@pytest.mark.parametrize("layout", LAYOUTS)
def test_every_layout_is_a_readable_pdf_naming_the_applicant(layout: str) -> None:
    for seed in range(3):
        profile = random_profile(f"layout-{layout}-{seed}", VACANCY)
        doc = render(layout, profile, VACANCY)
        text = _fold(_pdf_text(doc.data))
        assert _fold(profile.family_name) in text
        assert _fold(profile.first_name) in text
        assert profile.email.casefold() in text
        if layout == "grid":
            assert len(PdfReader(io.BytesIO(doc.data)).pages) >= 2


def test_fillable_forms_hold_values_in_fields() -> None:
    profile = random_profile("fields", VACANCY)
    named = PdfReader(io.BytesIO(render("form", profile, VACANCY).data)).get_fields()
    opaque = PdfReader(io.BytesIO(render("form-opaque", profile, VACANCY).data)).get_fields()
    assert profile.family_name in {f.get("/V") for f in named.values()}
    assert all(re.fullmatch(r"Text\d+", name) for name in opaque)
    assert profile.email in {f.get("/V") for f in opaque.values()}


def test_truth_agrees_with_documents(corpus: Path) -> None:
    truth = json.loads((corpus / "truth.json").read_text())
    refused = {r["file"] for r in truth["refused"]}
    assert truth["applicants"]
    for app in truth["applicants"]:
        texts = [_pdf_text(p.read_bytes()) for p in (corpus / "applications" / app["key"]).glob("*.pdf")
                 if f"{app['key']}/{p.name}" not in refused]
        blob = _fold("\n".join(texts))
        assert _fold(app["name"].split()[-1]) in blob
        assert app["email"].casefold() in blob
        # criteria not in the truth have no exact keyword anywhere in the documents (distractors must not count)
        unmentioned = [c for c in VACANCY.criteria if c.name not in app["criteria_mentioned"]]
        assert not mentioned([t.replace("\n", " ") for t in texts], unmentioned), app["key"]


def test_truth_lists_duplicate_namesake_broken_and_scan(corpus: Path) -> None:
    truth = json.loads((corpus / "truth.json").read_text())
    apps = {a["key"]: a for a in truth["applicants"]}
    [(first, again)] = truth["duplicates"]
    assert first in apps and again not in apps
    assert (corpus / "applications" / again).is_dir()
    names: dict[str, set[str]] = {}
    for a in apps.values():
        names.setdefault(a["name"], set()).add(a["date_of_birth"])
    assert any(len(births) > 1 for births in names.values()), "a namesake with another birth date"
    kinds = {r["why"] for r in truth["refused"]}
    assert {"empty file", "not a PDF", "password-protected PDF"} <= kinds
    for r in truth["refused"]:
        data = (corpus / "applications" / r["file"]).read_bytes()
        if r["why"] == "password-protected PDF":
            assert PdfReader(io.BytesIO(data)).is_encrypted
        elif data.startswith(b"%PDF"):
            with pytest.raises((PdfReadError, ValueError, KeyError, OSError)):
                [p.extract_text() for p in PdfReader(io.BytesIO(data), strict=True).pages]
    [scan] = truth["no_text_layer"]
    [pdf] = list((corpus / "applications" / scan).glob("*.pdf"))
    reader = PdfReader(pdf)
    assert not (reader.pages[0].extract_text() or "").strip()
    assert reader.pages[0].images


def test_nationalities_as_written_normalise_to_truth() -> None:
    from tests.samples import pools

    for country, (en, fr) in pools.NATIONALITY_SPELLINGS.items():
        for spelling in (*en, *fr):
            assert normalise_country(spelling) == country, spelling


def _job(start: YearMonth, end: YearMonth | None, internship: bool = False) -> Job:
    profile = random_profile("job-template", VACANCY)
    base = profile.jobs[0]
    return Job(start, end, base.title, base.employer, base.city, base.country, base.business, internship, base.duties,
               0, 0, "EUR", base.supervisor, base.supervised, base.leaving)


def test_experience_conventions() -> None:
    from dataclasses import replace

    profile = random_profile("exp", VACANCY)
    deadline = YearMonth(VACANCY.deadline.year, VACANCY.deadline.month)
    jobs = (
        _job(ym_add(deadline, -5), None),  # present post: 6 months inclusive up to the deadline month
        _job(ym_add(deadline, -17), ym_add(deadline, -6)),  # 12 months
        _job(ym_add(deadline, -20), ym_add(deadline, -15), internship=True),  # 3 internship-only months + overlap
    )
    assert experience_months(replace(profile, jobs=jobs), VACANCY) == 6 + 12 + 3 * 0.5


def test_eligibility_rules() -> None:
    from dataclasses import replace

    profile = random_profile("elig", VACANCY)
    deadline = YearMonth(VACANCY.deadline.year, VACANCY.deadline.month)
    young = replace(profile, born=profile.born.replace(year=VACANCY.call_year - 32), nationality="Belgium",
                    jobs=(_job(ym_add(deadline, -35), None),))
    masters = [s for s in young.studies if s.level == "master" and s.completed]
    verdict = eligibility(young, VACANCY)
    assert ("age" in verdict["failed"]) is False
    old = replace(young, born=young.born.replace(year=VACANCY.call_year - 33))
    assert "age" in eligibility(old, VACANCY)["failed"]
    french = replace(young, nationality="France")
    assert "nationality" in eligibility(french, VACANCY)["failed"]
    if not masters:  # bachelor only: needs 2 + 2 years
        assert "experience" in verdict["failed"]


def test_variants_and_distractors() -> None:
    import random

    rng = random.Random(3)
    seen = {variant("monitoring and evaluation", rng)[0] for _ in range(200)}
    assert "monitoring & evaluation" in seen and any(v != v.lower() for v in seen)
    assert "child-protection" in {variant("child protection", rng)[0] for _ in range(200)}
    for en, fr in safe_distractors(VACANCY.criteria):
        assert not mentioned([en, fr], VACANCY.criteria)
    assert norm("Suivi-Évaluation") == "suivi evaluation"


def test_cli_writes_a_corpus(tmp_path: Path) -> None:
    from tests.samples.__main__ import main

    assert main([str(tmp_path / "c"), "--n", "4", "--seed", "2", "--layouts", "grid,cv-fr", "--no-bad-files"]) == 0
    truth = json.loads((tmp_path / "c" / "truth.json").read_text())
    assert {a["layout"] for a in truth["applicants"]} <= {"grid", "cv-fr"}
    assert truth["refused"] == [] and truth["no_text_layer"] == []
    assert main([str(tmp_path / "d"), "--layouts", "nope"]) == 2
