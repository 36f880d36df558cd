"""A CV with a sidebar (LinkedIn's "Save to PDF" profile) read column by column from the runs' positions."""

from __future__ import annotations

from pathlib import Path

import pytest

from jpo_tui.core.records import YearMonth
from jpo_tui.ingest.document import read_pdf
from jpo_tui.ingest.layouts.columns import sidebar_split
from jpo_tui.ingest.names import without_credentials
from jpo_tui.ingest.pdf.pdfio import Run
from tests.pdfmake import columns_pdf

SIDE = [(13, "Contact"), (10.5, "lotte.peeters.longname@development-"), (10.5, "agency.org"),
        (11, "www.linkedin.com/in/lpeeters"), (11, "(LinkedIn)"), (13, "Top Skills"), (10.5, "Project Management"),
        (10.5, "Monitoring and Evaluation"), (13, "Languages"), (10.5, "French (Native or Bilingual)"),
        (10.5, "English (Full Professional)"), (10.5, "Spanish (Limited Working)"), (13, "Certifications"),
        (10.5, "PRINCE2 Foundation")]
MAIN = [(26, "Lotte Peeters, MSc"), (12, "Programme Officer at Enabel"), (12, "Brussels, Brussels Region, Belgium"),
        (15.8, "Summary"), (10.5, "Programme officer with field experience in the Great Lakes."),
        (15.8, "Experience"), (12, "Enabel"), (10.5, "4 years 2 months"), (11.5, "Programme Officer"),
        (10.5, "March 2021 - Present (3 years 10 months)"), (10.5, "Brussels, Belgium"),
        (10.5, "Projects in agriculture and education."), (11.5, "Project Manager"),
        (10.5, "October 2020 - February 2021 (5 months)"), (10.5, "Kigali, Rwanda"),
        (12, "UNICEF"), (11.5, "Programme Intern"), (10.5, "January 2020 - June 2020 (6 months)"),
        (10.5, "New York, United States"),
        (15.8, "Education"), (12, "KU Leuven"),
        (10.5, "Master of Science - MS, Development Studies · (2017 - 2019)")]


@pytest.mark.parametrize("sidebar_first", [True, False])
def test_linkedin_profile_read_by_columns(tmp_path: Path, sidebar_first: bool) -> None:
    doc = read_pdf(columns_pdf(tmp_path / "profile.pdf", SIDE, MAIN, sidebar_first=sidebar_first))
    facts = doc.facts
    assert doc.kind == "cv" and facts is not None
    assert facts.name == "Lotte Peeters"  # the largest type, without "MSc"; never "Top Skills ..."
    assert facts.email == "lotte.peeters.longname@development-agency.org"  # wrapped over two lines, joined
    jobs = [(e.title, e.employer, e.start, e.end, e.present, e.internship) for e in facts.employment]
    assert jobs == [("Programme Officer", "Enabel", YearMonth(2021, 3), None, True, False),
                    ("Project Manager", "Enabel", YearMonth(2020, 10), YearMonth(2021, 2), False, False),
                    ("Programme Intern", "UNICEF", YearMonth(2020, 1), YearMonth(2020, 6), False, True)]
    assert [e.level for e in facts.education] == ["master"]
    levels = {s.language: (s.stated_level, s.mother_tongue) for s in facts.languages}
    assert levels == {"French": ("fluent", True), "English": ("fluent", False), "Spanish": ("basic", False)}
    assert doc.text.startswith("Lotte Peeters")  # the main column first


def test_a_label_column_beside_its_values_is_no_sidebar() -> None:
    """Europass prints labels in a left column on the baselines of their values: one table, read line by line."""
    runs = []
    for i, (label, value) in enumerate([("Name", "Lotte Peeters"), ("Address", "Rue Haute 1, Brussels"),
                                        ("E-mail", "lotte@example.org"), ("Nationality", "Belgian"),
                                        ("Date of birth", "07/09/1994")]):
        runs += [Run(0, 40, 700 - 20 * i, 8, label), Run(0, 200, 700 - 20 * i, 10, value)]
    assert sidebar_split(runs, [595.0]) is None


def test_credentials_after_a_name_go() -> None:
    assert without_credentials("Kanishka Manna, PhD") == "Kanishka Manna"
    assert without_credentials("Brianna Swanson - SHRM-CP") == "Brianna Swanson"
    assert without_credentials("Cathrine Sant (Petersen)") == "Cathrine Sant"
    assert without_credentials("PEETERS, Lotte") == "PEETERS, Lotte"  # a family name first is no credential
    assert without_credentials("DUPONT, ANA") == "DUPONT, ANA"
