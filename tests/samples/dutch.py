"""The Dutch-programme sample vacancy: a post reserved for candidates from developing countries (DCC), with DCC
candidates of whom some studied in a developing country and some only in Europe, and a few who are not eligible
for a reserved post. ``python -m tests.samples.dutch OUT`` writes OUT/vacancy.toml, OUT/applications/KEY/*.pdf and
OUT/truth.json (byte-for-byte the same each time)."""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import replace
from pathlib import Path

from jpo_tui.core.vacancy import VacancySpec, parse_vacancy
from tests.samples import pools
from tests.samples.keywords import mentioned
from tests.samples.profiles import Profile, Study, random_profile
from tests.samples.render_p11 import render, render_cover_letter
from tests.samples.truth import eligibility, truth_entry

DUTCH_VACANCY_TOML = """\
# Dutch-programme sample vacancy for jpo-tui (generated sample data; see data/README.md).
# A post reserved for candidates from developing countries: the Netherlands' profile with dcc_reserved.
[vacancy]
id = "NL-2026-UNFPA-SRH-DKR"
title = "Junior Professional Officer - Sexual and Reproductive Health"
organisation = "UNFPA"
duty_station = "Dakar, Senegal"
grade = "P1"
donor = "Netherlands"
call_year = 2026
deadline = 2026-04-30

[eligibility]
profile = "netherlands"
dcc_reserved = true
required_languages = ["English", "French"]

[[criteria]]
name = "Sexual and reproductive health"
weight = 3
keywords = ["reproductive health", "sexual and reproductive health", "santé reproductive", "family planning"]

[[criteria]]
name = "Gender-based violence"
weight = 2
keywords = ["gender-based violence", "GBV", "violences basées sur le genre", "VBG"]

[[criteria]]
name = "Monitoring and evaluation"
weight = 2
keywords = ["monitoring and evaluation", "M&E", "suivi et évaluation", "suivi-évaluation"]

[[criteria]]
name = "Data analysis"
weight = 1
keywords = ["data analysis", "analyse de données", "information management"]
"""

# (key, nationality wanted, layout, where the studies are: "home" keeps them at home, "europe" moves them all
# to European universities, "dakar" puts the highest degree in Dakar, "as-drawn" keeps the generator's choice;
# the rules the applicant must fail, so that each differs from an eligible one by that alone)
PLAN = (
    ("N2600001", "Senegal", "form", "dakar", ()),
    ("N2600002", "Senegal", "flat-fr", "europe", ("studies",)),
    ("N2600003", "Democratic Republic of the Congo", "grid", "home", ()),
    ("N2600004", "Democratic Republic of the Congo", "flat", "europe", ("studies",)),
    ("N2600005", "Rwanda", "form-opaque", "home", ()),
    ("N2600006", "Rwanda", "php", "europe", ("studies",)),
    ("N2600007", "Burundi", "flat", "home", ()),
    ("N2600008", "Mali", "form", "europe", ("studies",)),
    ("N2600009", "Senegal", "cv", "dakar", ()),  # a CV names the university only: its country is not told
    ("N2600010", "Morocco", "flat", "home", ("nationality",)),  # not a least developed country
    ("N2600011", "Belgium", "form", "as-drawn", ("nationality", "studies")),  # a donor's national
    ("N2600012", "Democratic Republic of the Congo", "cv-fr", "europe", ("studies",)),
)

_EUROPE = (("KU Leuven", "Leuven", "Belgium"), ("Maastricht University", "Maastricht", "Netherlands"),
           ("Sciences Po", "Paris", "France"), ("Ghent University", "Gent", "Belgium"),
           ("International Institute of Social Studies (ISS), Erasmus University", "The Hague", "Netherlands"))
_DAKAR = ("Université Cheikh Anta Diop", "Dakar", "Senegal")


def dutch_vacancy() -> VacancySpec:
    return parse_vacancy(DUTCH_VACANCY_TOML, "vacancy.toml")


def _home(nationality: str) -> tuple[tuple[str, str, str], ...]:
    return pools.UNIVERSITIES.get(nationality) or pools.UNIVERSITIES["Democratic Republic of the Congo"]


def _moved(studies: tuple[Study, ...], where: str, nationality: str) -> tuple[Study, ...]:
    out = []
    for i, st in enumerate(studies):
        if where == "europe":
            inst, city, country = _EUROPE[i % len(_EUROPE)]
        elif where == "dakar" and i == 0:
            inst, city, country = _DAKAR
        elif where in ("home", "dakar"):
            inst, city, country = _home(nationality)[i % len(_home(nationality))]
        else:
            return studies
        out.append(replace(st, institution=inst, city=city, country=country))
    return tuple(out)


def applicant(key: str, nationality: str, where: str, fails: tuple[str, ...], vacancy: VacancySpec) -> Profile:
    """The first generated profile of ``nationality`` (seeded by the key), its studies moved as planned, that
    fails exactly the rules ``fails``."""
    for attempt in range(2000):
        profile = random_profile(f"{key}/{attempt}", vacancy)
        if profile.nationality != nationality or not profile.studies:
            continue
        profile = replace(profile, studies=_moved(profile.studies, where, nationality))
        if tuple(eligibility(profile, vacancy)["failed"]) == tuple(sorted(fails)):
            return profile
    raise ValueError(f"no generated profile of nationality {nationality!r} failing {fails}")


def write(out: Path) -> Path:
    """Write the vacancy, the applications and truth.json under ``out``."""
    vacancy = dutch_vacancy()
    (out / "applications").mkdir(parents=True, exist_ok=True)
    (out / "vacancy.toml").write_text(DUTCH_VACANCY_TOML, encoding="utf-8")
    entries = []
    for key, nationality, layout, where, fails in PLAN:
        profile = applicant(key, nationality, where, fails, vacancy)
        folder = out / "applications" / key
        folder.mkdir(parents=True, exist_ok=True)
        main = render(layout, profile, vacancy)
        letter = render_cover_letter(profile, vacancy, main.lang)
        criteria: set[str] = set()
        for name, doc in ((f"{layout.split('-')[0]}.pdf", main), ("letter.pdf", letter)):
            (folder / name).write_bytes(doc.data)
            criteria |= doc.tracked | mentioned(doc.strings, vacancy.criteria)
        entries.append(truth_entry(key, layout, profile, vacancy, criteria))
    truth = {"call_year": vacancy.call_year, "deadline": vacancy.deadline.isoformat(), "applicants": entries,
             "duplicates": [], "no_text_layer": [], "refused": []}
    (out / "truth.json").write_text(json.dumps(truth, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m tests.samples.dutch", description=__doc__.splitlines()[0])
    ap.add_argument("out", type=Path, help="folder to write (e.g. data/netherlands)")
    write(ap.parse_args(argv).out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
