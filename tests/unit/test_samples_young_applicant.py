"""The sample generator writes every seed: an applicant born late enough to have no child before 2025 gets no
dependants instead of stopping the whole corpus (seed 19 of 24 applicants used to raise ValueError)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from jpo_tui.core.vacancy import parse_vacancy
from tests.samples.corpus import write_corpus
from tests.samples.profiles import random_profile
from tests.samples.vacancy import DEMO_VACANCY_TOML


def test_young_applicants_never_have_children_born_too_late() -> None:
    vacancy = parse_vacancy(DEMO_VACANCY_TOML, "vacancy.toml")
    for i in range(60):
        profile = random_profile(f"young-{i}", vacancy, born=date(2004, 5, 1))
        assert all(d.born.year < 2025 for d in profile.dependants)


def test_corpus_seed_with_a_young_married_applicant(tmp_path: Path) -> None:
    out = write_corpus(tmp_path / "c", 24, 19)
    assert (out / "truth.json").exists()
