"""CVs and forms in every lexicon language, written here (not taken from any corpus), read as a committee would:
the PDF is imported by read_pdf and the facts are checked."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from jpo_tui.ingest.document import read_pdf
from jpo_tui.ingest.names import person_name
from jpo_tui.screening.duplicates import Person, duplicate_groups, duplicate_pairs
from tests.pdfmake import text_pdf

CVS = {
    "es": ["María José GARCÍA LÓPEZ", "mariajose.garcia@example.org", "Datos personales",
           "Fecha de nacimiento: 3 de mayo de 1996", "Nacionalidad: belga", "Experiencia profesional",
           "Oficial de programas — Cruz Roja", "ene. 2021 – actualidad", "Pasantía — UNICEF",
           "mar. 2019 – ago. 2019", "Formación académica", "2018 - 2020 Máster en Desarrollo",
           "Universidad Complutense", "Idiomas", "Español: nativo", "Inglés: avanzado (C1)", "Francés: intermedio (B1)"],
    "it": ["Giulia ROSSI", "giulia.rossi@example.org", "Informazioni personali", "Data di nascita: 14/02/1995",
           "Nazionalità: belga", "Esperienza professionale", "Responsabile di progetto — Caritas",
           "gennaio 2020 – oggi", "Tirocinio — FAO", "giugno 2018 – dicembre 2018", "Istruzione e formazione",
           "2016 - 2018 Laurea magistrale in Economia", "Università di Bologna", "Competenze linguistiche",
           "Italiano: madrelingua", "Inglese: ottimo (C1)", "Francese: buono (B2)"],
    "de": ["Lukas SCHMIDT", "lukas.schmidt@example.org", "Persönliche Daten", "Geburtsdatum: 21. März 1994",
           "Staatsangehörigkeit: belgisch", "Berufserfahrung", "Projektreferent — GIZ", "04/2019 – heute",
           "Praktikum — UNHCR", "10/2017 – 03/2018", "Ausbildung", "2015 - 2017 Master of Arts Politikwissenschaft",
           "Universität Heidelberg", "Sprachkenntnisse", "Deutsch: Muttersprache", "Englisch: fließend (C1)",
           "Französisch: verhandlungssicher"],
    "pt": ["Inês COSTA PEREIRA", "ines.costa@example.org", "Dados pessoais", "Data de nascimento:",
           "21 de março de 1997", "Nacionalidade:", "belga", "Experiência profissional",
           "Técnica de projeto — Oikos", "set. 2020 – atualidade", "Estágio — Camões", "fev. 2019 – jul. 2019",
           "Formação académica", "2018 - 2020 Mestrado em Estudos de Desenvolvimento", "Universidade de Lisboa",
           "Línguas", "Português: nativo", "Inglês: fluente (C1)", "Francês: bom (B2)"],
    "nl": ["PEETERS Lotte", "lotte.peeters@example.org", "Persoonlijke gegevens", "Geboortedatum", "12 oktober 1996",
           "Nationaliteit", "Belg", "Werkervaring", "Projectmedewerker — Broederlijk Delen", "maart 2021 / vandaag",
           "Stagiair — Enabel", "februari 2019 / juni 2019", "Opleiding", "2017 - 2019 Master Politieke Wetenschappen",
           "Universiteit Gent", "Talen", "Nederlands moedertaal", "Engels vloeiend", "Frans goed (B2)"],
}
WANT = {
    "es": ("María José García López", date(1996, 5, 3), "master", {"English": "fluent", "French": "working"}),
    "it": ("Giulia Rossi", date(1995, 2, 14), "master", {"English": "fluent", "French": "working"}),
    "de": ("Lukas Schmidt", date(1994, 3, 21), "master", {"English": "fluent", "French": "fluent"}),
    "pt": ("Inês Costa Pereira", date(1997, 3, 21), "master", {"English": "fluent", "French": "working"}),
    "nl": ("Lotte Peeters", date(1996, 10, 12), "master", {"English": "fluent", "French": "working"}),
}


@pytest.mark.parametrize("language", sorted(CVS))
def test_cv_in_each_language(tmp_path: Path, language: str) -> None:
    doc = read_pdf(text_pdf(tmp_path / "cv.pdf", CVS[language]))
    name, born, degree, levels = WANT[language]
    facts = doc.facts
    assert doc.kind == "cv"
    assert facts.name == name
    assert facts.date_of_birth == born
    assert facts.nationality == "Belgium"
    assert degree in {e.level for e in facts.education}
    got = {s.language: s.stated_level for s in facts.languages}
    for lang, level in levels.items():
        assert got.get(lang) == level, (lang, got)
    jobs = [e for e in facts.employment if not e.internship]
    interns = [e for e in facts.employment if e.internship]
    assert len(jobs) == 1 and jobs[0].present, facts.employment
    assert len(interns) == 1 and interns[0].end is not None


def test_profile_printed_without_colons(tmp_path: Path) -> None:
    lines = ["PERSONAL HISTORY PROFILE", "1. Family name Lambert", "First Name Aïcha", "Middle Name",
             "2. Date of Birth March 16, 1992", "4. Country of Nationality at Birth Morocco",
             "5. Country of Present Nationality Belgium", "Email Address: aicha.lambert@example.org",
             "LANGUAGES", "Language | Read | Write | Speak | Understand", "English | Easily | Easily | Easily | Easily",
             "EDUCATION", "Institution | Attended from | To | Degree", "Ghent University | Sep 2014 | Jun 2016 | MSc Economics",
             "EMPLOYMENT RECORD", "From Jan 2018 To Dec 2019", "Functional title: Programme Officer",
             "Employer: Enabel"]
    doc = read_pdf(text_pdf(tmp_path / "php.pdf", lines))
    f = doc.facts
    assert (doc.kind, f.name, f.date_of_birth, f.nationality) == ("p11", "Aïcha Lambert", date(1992, 3, 16), "Belgium")
    assert [e.level for e in f.education] == ["master"]
    assert [(e.start.iso(), e.end.iso()) for e in f.employment if e.start and e.end] == [("2018-01", "2019-12")]
    english = next(s for s in f.languages if s.language == "English")
    assert english.read and english.write and english.speak and english.understand


def test_nationality_is_a_country_or_nothing(tmp_path: Path) -> None:
    lines = ["Jan Claes", "jan.claes@example.org", "Nationality Belgian  Gender Male", "Experience",
             "Officer — Enabel", "2019 - 2021", "Education", "2015 - 2017 Master of Science"]
    assert read_pdf(text_pdf(tmp_path / "a.pdf", lines)).facts.nationality == "Belgium"
    lines[2] = "Nationality: to be confirmed"
    assert read_pdf(text_pdf(tmp_path / "b.pdf", lines)).facts.nationality == ""


@pytest.mark.parametrize(("written", "name"), [
    ("PEETERS, Lotte", "Lotte Peeters"), ("PEETERS Lotte", "Lotte Peeters"), ("Anna VAN DEN BROECK", "Anna Van den Broeck"),
    ("GARCÍA LÓPEZ María", "María García López"), ("Yasmine EL AMRANI", "Yasmine El Amrani"), ("Claire Dupont", "Claire Dupont"),
])
def test_names_become_first_then_family(written: str, name: str) -> None:
    assert person_name(written) == name


def test_an_unknown_birth_date_never_joins_two_people_born_on_other_days() -> None:
    people = [Person("a", "Sara Janssens", date(1995, 1, 2), "sara.janssens@example.org"),
              Person("b", "Sara Janssens", date(1997, 6, 7), "s.janssens@example.org"),
              Person("c", "Sara Janssens", None, "sara.janssens@example.org"),
              Person("d", "Sara Janssens", None, "s.janssens@example.org")]
    groups = duplicate_groups(people)
    assert all(not {"a", "b"} <= set(g) for g in groups)
    assert ["a", "c"] in groups
    assert {why for _, _, why in duplicate_pairs(people)} <= {"same e-mail and a close name",
                                                               "same e-mail and a close name and birth date"}
