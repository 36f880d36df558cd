"""Regression tests for layouts the first parser misread: several pairs on one line, table rows of fillable forms
without printed labels, label-left online profiles, grid cells wrapped over lines, P11 yes/no questions, page breaks
inside a description. PDFs are built here with tests/pdfmake.py."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from jpo_tui.ingest.document import read_pdf
from jpo_tui.ingest.interpret import Item, interpret
from jpo_tui.ingest.labels import field_key, section_of, trailing_label
from jpo_tui.ingest.layouts.flat import flat_items
from tests.pdfmake import form_pdf, grid_pdf, label_left_pdf, text_pdf, widget_table_pdf


def _levels(facts) -> dict[str, str]:
    return {s.language: s.level for s in facts.languages}


def test_several_pairs_on_one_line_split_on_known_labels() -> None:
    items = flat_items("1. Surname: De Smet Given names: Anna Maria\nFrom: 03/2019 To: 08/2020\n"
                       "Nom de famille : Ndiaye Prénom : Awa\nSex: F Marital status: Single")
    assert [(i.label, i.value) for i in items] == [
        ("1. Surname", "De Smet"), ("Given names", "Anna Maria"), ("From", "03/2019"), ("To", "08/2020"),
        ("Nom de famille", "Ndiaye"), ("Prénom", "Awa"), ("Sex", "F"), ("Marital status", "Single")]


def test_label_tail_is_not_taken_from_values() -> None:
    assert trailing_label("Ghent University From") == ("Ghent University", "From")
    assert trailing_label("Belgian Present nationality") == ("Belgian", "Present nationality")
    assert trailing_label("War Child Address of employer") == ("War Child", "Address of employer")
    assert trailing_label("Single") is None
    # prose holds no pair: a colon inside a description starts nothing
    items = flat_items("Description of your duties: Drafted reports. Note: From: nothing")
    assert len(items) == 1 and items[0].value.endswith("From: nothing")


def test_flat_form_with_inline_pairs_numbered_sections_and_other_people(tmp_path: Path) -> None:
    lines = [
        "PERSONAL HISTORY FORM", "1. Surname: Janssens Given names: Lotte", "Other names: Maria",
        "2. Date of birth (dd/mm/yyyy): 04/02/1996", "Nationality at birth: Belgian Present nationality: Belgian",
        "E-mail: lotte.j@mail.test", "4. Dependants (name, date of birth)", "Noor Janssens, 01/01/2020",
        "5. Mother tongue: Dutch", "6. Other languages (read / write / speak / understand)",
        "English: Easily / Easily / Easily / Easily", "French: Easily / Not easily / Easily / Easily",
        "7. Academic record", "Name, place and country: KU Leuven, Belgium", "From: 09/2014 To: 06/2019",
        "Degree and main course of study: Master of Laws",
        "8. Employment record", "From: 01/2020 To: 12/2021", "Exact title of your post: Legal Officer",
        "Name of employer: Caritas", "Name of supervisor: Tom Peeters (tom@caritas.test)",
        "Salary per annum (starting / final): EUR 30,000 / EUR 32,000",
        "Description of your duties: Case work and reports.",
        "9. References", "Jan Peeters, Professor, KU Leuven, jan@kuleuven.test",
    ]
    facts = read_pdf(text_pdf(tmp_path / "p11.pdf", lines)).facts
    assert facts.name == "Lotte Janssens"
    assert facts.date_of_birth == date(1996, 2, 4) and facts.email == "lotte.j@mail.test"
    assert _levels(facts) == {"Dutch": "fluent", "English": "fluent", "French": "working"}
    assert [(e.level, e.end.iso()) for e in facts.education] == [("master", "2019-06")]
    assert [(j.start.iso(), j.end.iso(), j.employer) for j in facts.employment] == [("2020-01", "2021-12", "Caritas")]


def test_description_goes_on_after_a_page_break() -> None:
    text = ("P.11 PERSONAL HISTORY\nSurname: Diallo\nFirst name: Awa\nEmployment record\n"
            "From: 01/2021 To: 12/2021\nExact title of your post: Officer\nName of employer: UNDP\n"
            "Description of your duties: Organised training sessions for partners and supported\n1\n\n"
            "the formation of community groups and their follow-up.\nFrom: 01/2019 To: 06/2020\n"
            "Exact title of your post: Intern\nName of employer: UNICEF")
    facts = interpret(flat_items(text))
    assert [(j.start.iso(), j.end.iso(), j.internship) for j in facts.employment] == [
        ("2021-01", "2021-12", False), ("2019-01", "2020-06", True)]
    assert "formation of community" in facts.employment[0].duties


def test_fillable_table_rows_take_their_column_labels(tmp_path: Path) -> None:
    doc = read_pdf(widget_table_pdf(tmp_path / "t.pdf", "PERSONAL HISTORY FORM (P.11)", [
        ("Family name", "Nkurunziza"), ("First name", "Désiré"), ("E-mail", "d.nk@mail.test"),
        ("Mother tongue", "Kirundi")],
        "Languages", ["Language", "Read", "Write", "Speak", "Understand"],
        [["English", "Easily", "Easily", "Easily", "Easily"],
         ["French", "Easily", "Not easily", "Easily", "Easily"],
         ["Spanish", "Not easily", "Not easily", "Not easily", "Easily"]]))
    assert doc.layout == "form"
    assert _levels(doc.facts) == {"Rundi": "fluent", "English": "fluent", "French": "working", "Spanish": "basic"}


def test_online_profile_label_left_with_table_and_levels(tmp_path: Path) -> None:
    doc = read_pdf(label_left_pdf(tmp_path / "php.pdf", [
        "Personal History Profile", "Personal Information",
        ("First Name", "Amina"), ("Last Name", "Bello"), ("Date of Birth", "03-MAR-1997"),
        ("Current Nationality", "Nigerian"), ("Email Address", "amina.bello@mail.test"),
        "Languages", ["Language", "Mother tongue", "Read", "Write", "Speak", "Understand"],
        ["Hausa", "Yes", "Fluent", "Fluent", "Fluent", "Fluent"],
        ["English", "No", "Fluent", "Confident", "Fluent", "Fluent"],
        ["French", "No", "Intermediate", "Beginner", "Intermediate", "Intermediate"],
        "Education", ("Education Level", "Master's Degree (advanced university degree)"),
        ("Degree / Title", "MA International Relations"), ("Institution", "University of Lagos"),
        ("Location", "Lagos, Nigeria"), ("Attended From", "Sep 2019"), ("Attended To", "Jul 2021"),
        ("Status", "Completed"),
        ("Education Level", "Doctorate (PhD)"), ("Degree / Title", "PhD Political Science"),
        ("Attended From", "Oct 2022"), ("Attended To", "Jun 2027"), ("Status", "In progress"),
        "Work Experience", ("Job Title", "Programme Officer"), ("Employer", "UNDP"), ("From", "Jan 2022"),
        ("To", "Dec 2023"), ("Supervisor Name", "John Okoro"), ("Supervisor Email", "okoro@undp.test"),
        "References", ("Name", "Grace Obi"), ("Position / Organization", "Professor, University of Lagos"),
        ("Email", "grace@unilag.test"),
    ]))
    facts = doc.facts
    assert (doc.kind, facts.name, facts.date_of_birth) == ("p11", "Amina Bello", date(1997, 3, 3))
    assert facts.email == "amina.bello@mail.test"
    assert _levels(facts) == {"Hausa": "fluent", "English": "fluent", "French": "basic"}
    assert [(e.level, e.ongoing) for e in facts.education] == [("master", False), ("doctorate", True)]
    assert [(j.title, j.start.iso(), j.end.iso()) for j in facts.employment] == [
        ("Programme Officer", "2022-01", "2023-12")]


def test_grid_cells_wrapped_over_lines_stay_in_their_row(tmp_path: Path) -> None:
    doc = read_pdf(grid_pdf(tmp_path / "g.pdf", [
        "PERSONAL HISTORY (P.11)",
        [(38, "1. Family name", ["Mertens"]), (250, "First name", ["Aïcha"])],
        [(38, "Date of birth", ["12/05/1996"]), (250, "Present nationality", ["Belgian"])],
        [(38, "E-mail", ["a.mertens@mail.test"])],
        "22. EDUCATION. Give full details. N.B. exact titles of degrees in original language.",
        "A. UNIVERSITY OR EQUIVALENT",
        [(38, "Name, place and country", ["ULB, Brussels", "", "UGent, Gent"]),
         (200, "From", ["09/2019", "", "09/2015"]), (260, "To", ["06/2021", "", "06/2019"]),
         (320, "Degrees and academic\ndistinctions", ["Master en sciences de la", "population", "Bachelor"])],
        "16. Are any of your relatives employed by a public international organization?",
        [(38, "Answer", ["No"])],
    ]))
    facts = doc.facts
    assert [(e.degree, e.level) for e in facts.education] == [
        ("Master en sciences de la population", "master"), ("Bachelor", "bachelor")]
    assert facts.employment == []


def test_yes_no_questions_make_no_records() -> None:
    facts = interpret([Item("PERSONAL HISTORY", None), Item("Surname", "Aziz"),
                       Item("16. Are any of your relatives employed by an international organization?", "No"),
                       Item("18. Would you accept employment for less than six months?", "Yes")])
    assert facts.employment == [] and facts.family_name == "Aziz"


def test_labels_and_sections() -> None:
    assert field_key("Autre(s) prénom(s)") == "ignore"
    assert field_key("Nom du supérieur hiérarchique") == "ignore"
    assert field_key("Supervisor Email") == "ignore"
    assert field_key("Attended To") == "to"
    assert field_key("Education Level") == "degree_level"
    assert field_key("A. UNIVERSITY OR EQUIVALENT") != "to"
    assert section_of("22. EDUCATIONAL. Give full details (titles in the original language)") == "education"
    assert section_of("DIPLÔMES") == "education"


def test_opaque_form_still_reads_labels_beside_fields(tmp_path: Path) -> None:
    rows = [("PERSONAL HISTORY FORM", None), ("Surname", "Okafor"), ("Given names", "Chidi"),
            ("Date of birth", "02/11/1997"), ("Present nationality", "Belgian")]
    facts = read_pdf(form_pdf(tmp_path / "o.pdf", rows)).facts
    assert facts.name == "Chidi Okafor"
