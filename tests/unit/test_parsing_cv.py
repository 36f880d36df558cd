"""CVs and cover letters built on the fly: French dates, entry styles, kind told from content, merging."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from jpo_tui.core.merge import merge_facts
from jpo_tui.ingest.document import read_pdf
from tests.pdfmake import text_pdf

FRENCH_CV = [
    "Camille Lefèvre",
    "camille.lefevre@exemple.be | +32 470 00 00 00",
    "Née le 7 octobre 1996 · Nationalité : belge",
    "",
    "EXPÉRIENCE PROFESSIONNELLE",
    "Chargée de suivi et évaluation, Enabel (mars 2022 - à ce jour)",
    "Suivi des indicateurs et analyse de données.",
    "Stagiaire, UNICEF Bruxelles (sept. 2021 - févr. 2022)",
    "Assistante de recherche, ULB (01/2019 - 08/2021)",
    "",
    "FORMATION",
    "Master en sciences politiques, Université libre de Bruxelles (2019-2021)",
    "Bachelier en sciences humaines, UCLouvain (2016-2019)",
    "",
    "LANGUES",
    "Français : langue maternelle",
    "Anglais : courant",
    "Néerlandais : notions",
]


def test_french_cv(tmp_path: Path) -> None:
    doc = read_pdf(text_pdf(tmp_path / "document.pdf", FRENCH_CV))
    facts = doc.facts
    assert doc.kind == "cv"
    assert facts.name == "Camille Lefèvre"
    assert facts.email == "camille.lefevre@exemple.be"
    assert facts.date_of_birth == date(1996, 10, 7)
    assert facts.nationality == "Belgium"
    jobs = facts.employment
    assert [j.start.iso() for j in jobs] == ["2022-03", "2021-09", "2019-01"]
    assert jobs[0].present and jobs[0].end is None
    assert jobs[1].end.iso() == "2022-02" and jobs[1].internship
    assert not jobs[2].internship
    assert [e.level for e in facts.education] == ["master", "bachelor"]
    assert {s.language: s.level for s in facts.languages} == {"French": "fluent", "English": "fluent",
                                                               "Dutch": "basic"}


def test_english_cv_with_date_first_entries(tmp_path: Path) -> None:
    lines = ["JANE ROE", "Nairobi, Kenya", "jane.roe@mail.test", "Date of birth: 12/03/1994",
             "Nationality: Kenyan", "Experience", "2019 – Present  Programme Officer, UNHCR",
             "Mar 2016 – Dec 2018  Trainee, IOM", "Education", "2014 – 2016  MSc Development Studies, SOAS",
             "Languages", "English (native), French (B2), Swahili (fluent)"]
    facts = read_pdf(text_pdf(tmp_path / "a.pdf", lines)).facts
    assert facts.name == "Jane Roe"
    assert facts.date_of_birth == date(1994, 3, 12)
    assert facts.nationality == "Kenya"
    assert facts.employment[0].present and facts.employment[0].start.approximate
    assert facts.employment[1].internship and facts.employment[1].end.iso() == "2018-12"
    assert facts.education[0].level == "master"
    levels = {s.language: s.level for s in facts.languages}
    assert levels == {"English": "fluent", "French": "working", "Swahili": "fluent"}


def test_cover_letters_english_and_french(tmp_path: Path) -> None:
    english = ["Dear Selection Committee,", "", "I am writing to apply for the JPO position in monitoring.",
               "My experience in gender equality prepares me for this post.", "", "Yours sincerely,",
               "Pieter Van Damme", "pieter.vandamme@mail.test"]
    french = ["Madame, Monsieur,", "", "Je souhaite poser ma candidature au poste de JPO.",
              "Veuillez agréer, Madame, Monsieur, mes salutations distinguées.", "Aminata Sow"]
    doc = read_pdf(text_pdf(tmp_path / "cv.pdf", english))  # the file name says nothing
    assert doc.kind == "cover_letter"
    assert (doc.facts.name, doc.facts.email) == ("Pieter Van Damme", "pieter.vandamme@mail.test")
    doc = read_pdf(text_pdf(tmp_path / "p11.pdf", french))
    assert doc.kind == "cover_letter" and doc.facts.name == "Aminata Sow"


def test_merge_prefers_p11_then_cv_then_letter(tmp_path: Path) -> None:
    p11 = read_pdf(text_pdf(tmp_path / "1.pdf", [
        "PERSONAL HISTORY FORM (P.11)", "Family name: Diop", "First name: Awa",
        "Date of birth (dd/mm/yyyy): 01/02/1995", "Present nationality: Senegal", "Mother tongue: Wolof",
        "Languages", "English: Easily / Easily / Easily / Easily"]))
    cv = read_pdf(text_pdf(tmp_path / "2.pdf", ["Awa Diop", "awa.diop@mail.test", "Born 1 February 1995",
                                                "Experience", "Analyst, WFP (2019 - 2021)",
                                                "Education", "MA Economics, UCAD (2016 - 2018)"]))
    letter = read_pdf(text_pdf(tmp_path / "3.pdf", ["Dear committee,", "I apply.", "Kind regards,", "A. Diop"]))
    merged = merge_facts([letter, cv, p11])
    assert merged.name == "Awa Diop"
    assert merged.email == "awa.diop@mail.test"  # the P11 has none: the CV's
    assert merged.nationality == "Senegal"
    assert [s.language for s in merged.languages] == ["Wolof", "English"]  # the P11's list
    assert merged.employment and merged.employment[0].employer == "WFP"  # the P11 has no employment: the CV's
    assert "P11: no e-mail found" in merged.warnings
