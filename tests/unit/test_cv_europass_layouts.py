"""Europass CVs as their editors lay them out: the 2013 label column beside the values, with the CEFR grid."""

from __future__ import annotations

from pathlib import Path

from jpo_tui.core.records import YearMonth
from jpo_tui.ingest.document import read_pdf
from tests.pdfmake import label_column_pdf, text_pdf

EUROPASS_2013 = [
    ("PERSONAL INFORMATION", "Lotte Peeters", 13), ("", "Rue Haute 12, 1000 Brussels (Belgium)", 9),
    ("", "lotte.peeters@example.org", 9), ("", "Sex Female | Date of birth 07/09/1994 | Nationality Belgian", 9),
    ("JOB APPLIED FOR", "JPO Programme Officer", 11), ("WORK EXPERIENCE", "", 9),
    ("03/2021–Present", "Programme Officer", 10), ("", "Enabel, Brussels (Belgium)", 9),
    ("01/2020–06/2020", "Intern", 10), ("", "UNICEF, New York (United States)", 9),
    ("EDUCATION AND TRAINING", "", 9), ("09/2017–06/2019", "Master of Science in Development Studies", 10),
    ("", "KU Leuven, Leuven (Belgium)", 9), ("PERSONAL SKILLS", "", 9), ("Mother tongue(s)", "Dutch", 9),
    ("Other language(s)", "UNDERSTANDING | | SPEAKING | | WRITING", 8),
    ("", "Listening | Reading | Spoken interaction | Spoken production |", 8),
    ("English", "C1 | C1 | C1 | B2 | C1", 9), ("French", "B2 | B2 | B1 | B1 | B1", 9),
    ("", "Levels: A1/A2: Basic user - B1/B2: Independent user - C1/C2: Proficient user", 7),
]


def test_europass_2013_label_column(tmp_path: Path) -> None:
    doc = read_pdf(label_column_pdf(tmp_path / "cv.pdf", EUROPASS_2013))
    facts = doc.facts
    assert doc.kind == "cv" and facts is not None
    assert facts.name == "Lotte Peeters"  # never "Personal Information" nor "Job Applied For"
    assert (facts.email, facts.nationality) == ("lotte.peeters@example.org", "Belgium")
    assert str(facts.date_of_birth) == "1994-09-07"
    assert [(e.start, e.end, e.present, e.internship) for e in facts.employment] == [
        (YearMonth(2021, 3), None, True, False), (YearMonth(2020, 1), YearMonth(2020, 6), False, True)]
    assert [e.level for e in facts.education] == ["master"]
    skills = {s.language: s for s in facts.languages}
    assert skills["Dutch"].mother_tongue
    # the CEFR band of the lowest skill: C1 C1 C1 B2 C1 is an independent user, B2 B2 B1 B1 B1 too
    assert {k: (s.level, s.mother_tongue) for k, s in skills.items()} == {
        "Dutch": ("fluent", True), "English": ("working", False), "French": ("working", False)}


def test_the_name_after_the_personal_information_label(tmp_path: Path) -> None:
    """The label row of the official sample ("PERSONAL INFORMATION  Jane Roe") in the body type, in French."""
    doc = read_pdf(text_pdf(tmp_path / "cv.pdf", [
        "Curriculum Vitae", "INFORMATIONS PERSONNELLES   Claire DUPONT", "claire.dupont@example.org",
        "EXPÉRIENCE PROFESSIONNELLE", "03/2021 – aujourd'hui   Chargée de programme, Enabel",
        "ÉDUCATION ET FORMATION", "2017 – 2019   Master en sciences politiques, ULB"]))
    assert doc.facts is not None and doc.facts.name == "Claire Dupont"


def test_europass_2020_grid_in_german_is_read_by_bands() -> None:
    from jpo_tui.ingest.cv import parse_cv

    facts = parse_cv("\n".join([
        "Anna Lentz", "Geburtsdatum: 11/09/1999 Staatsangehörigkeit: belgisch", "SPRACHKENNTNISSE",
        "Muttersprache(n): DEUTSCH", "Weitere Sprache(n):", "ENGLISCH",
        "Hörverstehen B2 Leseverstehen B2 Schreiben B2", "Zusammenhängendes Sprechen B2 An Gesprächen teilnehmen B2",
        "FRANZÖSISCH", "Hörverstehen C1 Leseverstehen C2 Schreiben C1",
        "Zusammenhängendes Sprechen C1 An Gesprächen teilnehmen C2"]))
    assert facts.nationality == "Belgium"
    assert {s.language: s.level for s in facts.languages} == {"German": "fluent", "English": "working",
                                                              "French": "fluent"}
    assert next(s for s in facts.languages if s.language == "German").mother_tongue


def test_a_letter_states_birth_date_and_nationality() -> None:
    from jpo_tui.ingest.cv import parse_letter

    nl = parse_letter("Ruben Mertens\nruben@example.be\nGeboren op 28/08/1996, Belg.\nGeachte leden van de commissie,")
    assert (str(nl.date_of_birth), nl.nationality) == ("1996-08-28", "Belgium")
    fr = parse_letter("Hugo Lejeune\nhugo@example.be\nNé·e le 10/08/1992, de nationalité belge.\nMadame, Monsieur,")
    assert (str(fr.date_of_birth), fr.nationality) == ("1992-08-10", "Belgium")
