"""P11 layouts built on the fly: opaque fillable forms, French flat forms, grids with month names, online profiles."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from jpo_tui.ingest.document import read_pdf
from tests.pdfmake import form_pdf, grid_pdf, text_pdf


def _levels(doc) -> dict[str, str]:
    return {s.language: s.level for s in doc.facts.languages}


def test_opaque_acroform_with_labels_beside_fields(tmp_path: Path) -> None:
    rows = [
        ("PERSONAL HISTORY FORM", None),
        ("Surname", "Okafor"), ("Given names", "Chidi"), ("Date of birth (dd/mm/yyyy)", "02/11/1997"),
        ("Nationality at birth", "Nigeria"), ("Current nationality", "Belgian"), ("E-mail", "c.okafor@mail.test"),
        ("Mother tongue", "Igbo"),
        ("Languages", None),
        ("Language", "English"), ("Read", "Easily"), ("Write", "Easily"), ("Speak", "Easily"),
        ("Understand", "Easily"),
        ("Language", "French"), ("Read", "Not easily"), ("Write", "Not easily"), ("Speak", "Easily"),
        ("Understand", "Easily"),
        ("Education", None),
        ("Name, place and country", "KU Leuven, Belgium"), ("From", "09/2019"), ("To", "06/2021"),
        ("Degree and main course of study", "Master of Arts in Economics"),
        ("Employment record", None),
        ("From", "01/2022"), ("To", "Present"), ("Exact title of your post", "Programme Intern"),
        ("Name of employer", "UNDP"), ("Description of your duties", "Data analysis for the country office"),
    ]
    doc = read_pdf(form_pdf(tmp_path / "x.pdf", rows, opaque=True))
    facts = doc.facts
    assert (doc.kind, doc.layout) == ("p11", "form")
    assert facts.name == "Chidi Okafor"
    assert facts.date_of_birth == date(1997, 11, 2)
    assert facts.nationality == "Belgium"  # the present one, not the one at birth
    assert facts.email == "c.okafor@mail.test"
    assert _levels(doc)["English"] == "fluent"
    assert _levels(doc)["French"] == "working"
    assert facts.education[0].level == "master"
    job = facts.employment[0]
    assert job.present and job.internship and job.employer == "UNDP"
    assert "Surname: Okafor" in doc.text  # the values are in the reviewer text, beside their labels


def test_opaque_fields_with_labels_above(tmp_path: Path) -> None:
    rows = [("P.11", None), ("Family name", "Peeters"), ("First name", "Lien"),
            ("Date of birth", "1998-04-30"), ("Present nationality", "Rwanda"), ("Email address", "lien@x.test")]
    facts = read_pdf(form_pdf(tmp_path / "above.pdf", rows, label_above=True)).facts
    assert (facts.name, facts.date_of_birth, facts.nationality, facts.email) == (
        "Lien Peeters", date(1998, 4, 30), "Rwanda", "lien@x.test")


def test_french_flat_notice_personnelle(tmp_path: Path) -> None:
    lines = [
        "NATIONS UNIES - NOTICE PERSONNELLE",
        "1. Nom de famille : Dubois", "Prénom : Élodie", "2. Date de naissance (jj/mm/aaaa) : 07/10/1996",
        "3. Nationalité à la naissance : Maroc", "4. Nationalité actuelle : Belgique",
        "Adresse électronique : elodie.dubois@exemple.be", "5. Langue maternelle : Français",
        "", "6. Langues (lire / écrire / parler / comprendre)",
        "Anglais : Facilement / Facilement / Facilement / Facilement",
        "Espagnol : Difficilement / Difficilement / Facilement / Facilement",
        "", "7. Formation",
        "Nom, lieu et pays : Université de Liège", "Du : septembre 2016   Au : juin 2021",
        "Diplôme et discipline : Master en sciences de la population et du développement",
        "", "8. Expérience professionnelle",
        "Du : mars 2022   Au : à ce jour", "Intitulé exact du poste : Chargée de projet",
        "Nom de l'employeur : Enabel", "Description des fonctions : suivi et évaluation des projets",
        "Du : 01/2021   Au : 02/2022", "Intitulé exact du poste : Stagiaire",
        "Nom de l'employeur : UNICEF", "Description des fonctions : appui administratif",
    ]
    doc = read_pdf(text_pdf(tmp_path / "notice.pdf", lines))
    facts = doc.facts
    assert (doc.kind, doc.layout) == ("p11", "flat")
    assert facts.name == "Élodie Dubois"
    assert facts.date_of_birth == date(1996, 10, 7)
    assert facts.nationality == "Belgium"
    assert facts.email == "elodie.dubois@exemple.be"
    assert _levels(doc) == {"French": "fluent", "English": "fluent", "Spanish": "working"}
    assert facts.education[0].level == "master" and facts.education[0].end.iso() == "2021-06"
    assert facts.employment[0].present and facts.employment[0].start.iso() == "2022-03"
    assert facts.employment[1].internship and not facts.employment[0].internship


def _grid_blocks(month: str, dependant_email: str) -> list:
    return [
        "PERSONAL HISTORY",
        [(39, "1. Family name", ["Mbeki"]), (196, "First name", ["Thandi"]), (353, "Middle name", [])],
        [(39, "2. Date of\nbirth Day", ["05"]), (81, "Month", [month]), (133, "Year", ["1995"]),
         (175, "3. Place of birth", ["Kigali"]), (290, "4. Nationality(ies) at birth", ["Rwanda"]),
         (426, "5. Present nationality(ies)", ["Burundi"])],
        [(39, "Telephone No.", ["+250 700 000"]), (222, "E-mail", ["thandi.mbeki@mail.test"])],
        "13. Have you any dependants? YES. Give the following information:",
        [(39, "Name", ["Sipho Mbeki"]), (196, "Date of birth", ["01/01/2020"]), (300, "E-mail", [dependant_email])],
        [(39, "14. Have you taken up legal permanent residence in another country?", ["No"])],
        [(39, "20. KNOWLEDGE OF LANGUAGES. What is your mother tongue?", ["Kinyarwanda"])],
        [(39, "OTHER LANGUAGES", ["English", "French"]),
         (144, "READ\nEasily", ["X", "X"]), (196, "\nNot easily", ["", ""]),
         (248, "WRITE\nEasily", ["X", ""]), (300, "\nNot easily", ["", "X"]),
         (353, "SPEAK\nEasily", ["X", "X"]), (405, "\nNot easily", ["", ""]),
         (457, "UNDERSTAND\nEasily", ["X", "X"]), (510, "\nNot easily", ["", ""])],
        "22. EDUCATIONAL",
        [(39, "Name, place and country", ["University of Burundi"]), (196, "Attended from\nMo./Year", ["10/2013"]),
         (248, "To\nMo./Year", ["07/2018"]), (300, "Degrees and academic distinctions", ["Licence en économie"])],
        "25. EMPLOYMENT RECORD",
        [(39, "From Month/Year", ["02/2019"]), (112, "To Month/Year", ["Present"]),
         (332, "Exact title of your post", ["Economist"])],
        [(39, "Name of employer", ["World Bank"]), (300, "Name of supervisor", ["Dr. Jean Niyonzima"])],
        "28. REFERENCES",
        [(39, "Full name", ["Prof. Ann Smith"]), (200, "Full address", ["ann.smith@uni.test"])],
    ]


def test_grid_with_month_name_ticks_and_other_peoples_details(tmp_path: Path) -> None:
    doc = read_pdf(grid_pdf(tmp_path / "grid.pdf", _grid_blocks("October", "sipho@mail.test")))
    facts = doc.facts
    assert (doc.kind, doc.layout) == ("p11", "grid")
    assert facts.name == "Thandi Mbeki"
    assert facts.date_of_birth == date(1995, 10, 5)
    assert facts.nationality == "Burundi"
    assert facts.email == "thandi.mbeki@mail.test"
    levels = _levels(doc)
    assert levels["Kinyarwanda"] == "fluent"
    assert levels["English"] == "fluent"
    assert levels["French"] == "working"  # writes "not easily", speaks and understands easily
    assert facts.education[0].level == "master"  # a five-year licence
    assert facts.employment[0].present and facts.employment[0].employer == "World Bank"


def test_online_personal_history_profile(tmp_path: Path) -> None:
    lines = [
        "Personal History Profile",
        "Personal Information",
        "First Name: Yusuf", "Last Name: Haddad", "Date of Birth: 14 March 1996", "Nationality: Moroccan",
        "Email: yusuf.haddad@mail.test",
        "Languages",
        "Language: English", "Reading: Fluent", "Writing: Fluent", "Speaking: Fluent", "Understanding: Fluent",
        "Language: French", "Reading: Basic", "Writing: Basic", "Speaking: Fluent", "Understanding: Fluent",
        "Education",
        "Institution: Mohammed V University", "Degree: Master of Public Policy",
        "Start Date: Sep 2018", "End Date: Jul 2020",
        "Work Experience",
        "Job Title: Policy Officer", "Employer: Ministry of Planning", "Start Date: Aug 2020",
        "End Date: Current",
    ]
    doc = read_pdf(text_pdf(tmp_path / "profile.pdf", lines))
    facts = doc.facts
    assert doc.kind == "p11" and doc.layout == "php"
    assert (facts.name, facts.date_of_birth, facts.nationality) == ("Yusuf Haddad", date(1996, 3, 14), "Morocco")
    assert _levels(doc) == {"English": "fluent", "French": "working"}
    assert facts.education[0].level == "master" and facts.education[0].end.iso() == "2020-07"
    assert facts.employment[0].present and facts.employment[0].start.iso() == "2020-08"


def test_french_grid_notice_personnelle(tmp_path: Path) -> None:
    blocks = [
        "NATIONS UNIES - NOTICE PERSONNELLE",
        [(39, "1. Nom de famille", ["Kabila"]), (196, "Prénom(s)", ["Grâce"])],
        [(39, "2. Date de\nnaissance Jour", ["3"]), (81, "Mois", ["mars"]), (133, "Année", ["1998"]),
         (290, "4. Nationalité(s) à la naissance", ["Congo (Kinshasa)"]),
         (426, "5. Nationalité(s) actuelle(s)", ["Belge"])],
        [(39, "Téléphone", ["+32 400"]), (222, "Adresse électronique", ["grace.kabila@exemple.be"])],
        "13. Avez-vous des personnes à charge ? OUI",
        [(39, "Nom", ["Marc Kabila"]), (196, "Date de naissance", ["02/02/2021"])],
        [(39, "20. CONNAISSANCES LINGUISTIQUES. Quelle est votre langue maternelle ?", ["Lingala"])],
        [(39, "AUTRES LANGUES", ["Français", "Anglais"]),
         (144, "LIRE\nFacilement", ["X", ""]), (196, "\nDifficilement", ["", "X"]),
         (248, "ÉCRIRE\nFacilement", ["X", ""]), (300, "\nDifficilement", ["", "X"]),
         (353, "PARLER\nFacilement", ["X", "X"]), (405, "\nDifficilement", ["", ""]),
         (457, "COMPRENDRE\nFacilement", ["X", "X"]), (510, "\nDifficilement", ["", ""])],
        "22. FORMATION",
        [(39, "Nom, lieu et pays", ["Université de Kinshasa"]), (196, "Du\nMois/Année", ["10/2016"]),
         (248, "Au\nMois/Année", ["en cours"]), (300, "Diplômes et distinctions académiques", ["Master en santé"])],
        "25. EXPÉRIENCE PROFESSIONNELLE",
        [(39, "Du Mois/Année", ["janvier 2020"]), (112, "Au Mois/Année", ["juin 2021"]),
         (332, "Intitulé exact de votre poste", ["Stagiaire"])],
        [(39, "Nom de l'employeur", ["OMS"]), (300, "Nom du superviseur", ["Dr Paul Mbuyi"])],
        [(39, "Description de vos fonctions", ["Appui au suivi et évaluation"])],
    ]
    doc = read_pdf(grid_pdf(tmp_path / "notice.pdf", blocks))
    facts = doc.facts
    assert doc.kind == "p11"
    assert facts.name == "Grâce Kabila"
    assert facts.date_of_birth == date(1998, 3, 3)
    assert facts.nationality == "Belgium"
    assert facts.email == "grace.kabila@exemple.be"
    assert _levels(doc) == {"Lingala": "fluent", "French": "fluent", "English": "working"}
    assert facts.education[0].ongoing and facts.education[0].end is None
    job = facts.employment[0]
    assert (job.start.iso(), job.end.iso(), job.internship, job.employer) == ("2020-01", "2021-06", True, "OMS")
    assert job.duties == "Appui au suivi et évaluation"


def test_two_column_table_with_periods(tmp_path: Path) -> None:
    """Labels in a left column and values on the same line (no colons), as online profiles print them."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    rows = [("Personal History Profile", ""), ("Personal Information", ""), ("First Name", "Lucas"),
            ("Last Name", "Martin"), ("Date of Birth", "1997-08-09"), ("Nationality", "France"),
            ("Email", "lucas.martin@mail.test"), ("Work Experience", ""), ("Job Title", "Analyst"),
            ("Employer", "OECD"), ("Period", "05/2021 - Present")]
    path = tmp_path / "table.pdf"
    c = canvas.Canvas(str(path), pagesize=A4)
    for i, (label, value) in enumerate(rows):
        c.setFont("Helvetica", 9)
        c.drawString(40, 800 - 16 * i, label)
        if value:
            c.drawString(220, 800 - 16 * i, value)
    c.save()
    facts = read_pdf(path).facts
    assert (facts.name, facts.date_of_birth, facts.nationality, facts.email) == (
        "Lucas Martin", date(1997, 8, 9), "France", "lucas.martin@mail.test")
    assert facts.employment[0].present and facts.employment[0].start.iso() == "2021-05"
