"""Fillable forms read from their field names when nothing is printed beside the fields (French names), and
flat French P11s with a split date of birth and a typed tick grid."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from jpo_tui.ingest.document import read_pdf
from tests.pdfmake import named_fields_pdf, text_pdf


def _levels(doc) -> dict[str, str]:
    return {s.language: s.level for s in doc.facts.languages}


def test_french_field_names_without_printed_labels(tmp_path: Path) -> None:
    rows = [
        [("Nom", "Lambert"), ("Prenom", "Aline")],
        [("DateNaissance_Jour", "21"), ("DateNaissance_Mois", "février"), ("DateNaissance_Annee", "1997")],
        [("NationaliteNaissance", "Maroc"), ("NationaliteActuelle", "Belgique")],
        [("Courriel", "aline.lambert@exemple.be"), ("LangueMaternelle", "Français")],
        [("Langue1", "Anglais"), ("Langue1_Lire_Facile", True), ("Langue1_Lire_Difficile", False),
         ("Langue1_Ecrire_Facile", True), ("Langue1_Ecrire_Difficile", False),
         ("Langue1_Parler_Facile", True), ("Langue1_Parler_Difficile", False),
         ("Langue1_Comprendre_Facile", True), ("Langue1_Comprendre_Difficile", False)],
        [("Langue2", "Espagnol"), ("Langue2_Lire_Facile", False), ("Langue2_Lire_Difficile", True),
         ("Langue2_Ecrire_Facile", False), ("Langue2_Ecrire_Difficile", True),
         ("Langue2_Parler_Facile", True), ("Langue2_Parler_Difficile", False),
         ("Langue2_Comprendre_Facile", True), ("Langue2_Comprendre_Difficile", False)],
        [("Formation1_Etablissement", "Université libre de Bruxelles"), ("Formation1_Du", "09/2016"),
         ("Formation1_Au", "06/2021"), ("Formation1_Diplome", "Master en sciences politiques")],
        [("Emploi1_Du", "10/2021"), ("Emploi1_Au", "en cours"), ("Emploi1_Intitule", "Chargée de programme"),
         ("Emploi1_Employeur", "Caritas"), ("Emploi1_Description", "Suivi et évaluation des projets")],
        [("Emploi2_Du", "02/2021"), ("Emploi2_Au", "07/2021"), ("Emploi2_Intitule", "Stagiaire"),
         ("Emploi2_Employeur", "UNICEF"), ("Emploi2_Description", "Appui administratif")],
    ]
    doc = read_pdf(named_fields_pdf(tmp_path / "notice.pdf", rows, title="NOTICE PERSONNELLE"))
    facts = doc.facts
    assert (doc.kind, doc.layout) == ("p11", "form")
    assert facts.name == "Aline Lambert"
    assert facts.date_of_birth == date(1997, 2, 21)
    assert facts.nationality == "Belgium"
    assert facts.email == "aline.lambert@exemple.be"
    assert _levels(doc) == {"French": "fluent", "English": "fluent", "Spanish": "working"}
    spanish = next(s for s in facts.languages if s.language == "Spanish")
    assert (spanish.read, spanish.write) == (False, False)
    assert facts.education[0].level == "master" and facts.education[0].end.iso() == "2021-06"
    jobs = facts.employment
    assert [(j.employer, j.present, j.internship) for j in jobs] == [("Caritas", True, False),
                                                                      ("UNICEF", False, True)]
    assert jobs[0].duties == "Suivi et évaluation des projets"


def test_flat_french_notice_with_split_date_and_typed_ticks(tmp_path: Path) -> None:
    lines = [
        "NATIONS UNIES - NOTICE PERSONNELLE",
        "1. Nom de famille : Mertens   Prénoms : Sofie",
        "2. Date de naissance   Jour : 09   Mois : 04   Année : 1996",
        "4. Nationalité(s) à la naissance : Belge   5. Nationalité(s) actuelle(s) : Belge",
        "Adresse électronique : sofie.mertens@exemple.be",
        "20. CONNAISSANCES LINGUISTIQUES. Langue maternelle : Néerlandais",
        "Anglais : Facilement / Facilement / Facilement / Facilement",
        "Français : Facilement / Difficilement / Facilement / Facilement",
    ]
    doc = read_pdf(text_pdf(tmp_path / "flat.pdf", lines))
    facts = doc.facts
    assert facts.name == "Sofie Mertens"
    assert facts.date_of_birth == date(1996, 4, 9)
    assert facts.nationality == "Belgium"
    assert _levels(doc) == {"Dutch": "fluent", "English": "fluent", "French": "working"}
