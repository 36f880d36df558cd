"""Labels and personal-data lines in wordings the first parser did not know: "Date and place of birth", "Né(e)
le", "Dates attended", "Dates of employment", "Function", "Tasks", "Mail"; in a CV the present nationality, not
the one at birth, and a plural "Nationalités" label."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from jpo_tui.ingest.cv import parse_cv
from jpo_tui.ingest.document import read_pdf
from jpo_tui.ingest.labels import field_key
from tests.pdfmake import text_pdf


@pytest.mark.parametrize(("label", "key"), [
    ("Date and place of birth", "dob"), ("Date et lieu de naissance", "dob"), ("Place of birth", "place_of_birth"),
    ("Dates attended", "period"), ("Years attended", "period"), ("Dates of employment", "period"),
    ("Période d'emploi", "period"), ("Dates (from - to)", "period"), ("Function", "title"), ("Tasks", "duties"),
    ("Mail", "email"), ("Mailing address", "ignore"),
])
def test_label_keys(label: str, key: str) -> None:
    assert field_key(label) == key


def test_flat_form_with_other_wordings(tmp_path: Path) -> None:
    lines = ["PERSONAL HISTORY FORM", "Last name: Roe", "Given name(s): Jane",
             "Date and place of birth: 03.06.1995, Liège", "Nationality (current): Belgian",
             "Nationality at birth: Morocco", "Mail: jane.roe@example.org", "Mother tongue: English",
             "EDUCATION", "Institution: Ghent University", "Dates attended: Sept. 2015 – June 2017",
             "Degree obtained: Master of Science",
             "EMPLOYMENT", "Dates of employment: March 2020 – to date", "Function: Programme Officer",
             "Employer: Enabel", "Tasks: Monitoring."]
    facts = read_pdf(text_pdf(tmp_path / "p11.pdf", lines)).facts
    assert (facts.name, facts.date_of_birth, facts.nationality, facts.email) == (
        "Jane Roe", date(1995, 6, 3), "Belgium", "jane.roe@example.org")
    assert [(e.level, e.start.iso(), e.end.iso()) for e in facts.education] == [("master", "2015-09", "2017-06")]
    assert [(j.start.iso(), j.present, j.title) for j in facts.employment] == [("2020-03", True, "Programme Officer")]


@pytest.mark.parametrize(("lines", "born", "nationality"), [
    (["Date and place of birth: 03.06.1995, Liège", "Nationality: Belgian"], date(1995, 6, 3), "Belgium"),
    (["Né(e) le : 03/06/1995 à Liège", "Nationalités : belge et marocaine"], date(1995, 6, 3), "Belgium"),
    (["Nationality at birth: Morocco", "Nationality: Belgian"], None, "Belgium"),
    (["Nationalité d'origine : marocaine", "Nationalité actuelle : belge"], None, "Belgium"),
])
def test_cv_birth_date_and_present_nationality(lines: list[str], born: date | None, nationality: str) -> None:
    facts = parse_cv("\n".join(["Jane Roe", "jane.roe@example.org", *lines]))
    assert (facts.date_of_birth, facts.nationality) == (born, nationality)
