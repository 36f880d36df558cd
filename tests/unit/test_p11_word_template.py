"""P11s typed into the Word template (tests/fixtures/p11_word.py): read as .docx, as the PDF LibreOffice prints,
and as a scan; and the reading abilities they need, each on its own."""

from __future__ import annotations

import random
import shutil
from pathlib import Path

import pytest

from jpo_tui.core.records import ApplicantFacts
from jpo_tui.ingest.formats import read_file
from jpo_tui.ingest.interpret import Item, interpret, is_blank
from jpo_tui.ingest.layouts.grid import grid_items, join_wrapped
from jpo_tui.ingest.pdf.pdfio import Run
from tests.fixtures import p11_word
from tests.unit.test_ocr import needs_tesseract


def _person(seed: int) -> tuple[p11_word.Person, random.Random]:
    rng = random.Random(seed)
    return p11_word.make_person(rng, seed), rng


def _check(facts: ApplicantFacts, truth: dict, person: p11_word.Person) -> None:
    assert facts.name == truth["name"]
    assert facts.date_of_birth.isoformat() == truth["date_of_birth"]
    assert facts.nationality == truth["nationality"]
    assert facts.email == truth["email"]
    levels = {e.level for e in facts.education}
    assert truth["highest_degree"] in levels
    assert {lang.language for lang in facts.languages if lang.mother_tongue} == {person.mother_tongue}
    grid = {lang.language: lang for lang in facts.languages if not lang.mother_tongue}
    for language, level in truth["languages"].items():
        if language in grid:
            skill = grid[language]
            got = "fluent" if all((skill.read, skill.write, skill.speak, skill.understand)) else (
                "working" if skill.speak and skill.understand else "basic")
            assert got == level, language
    assert len(facts.employment) == len(person.jobs) and all(e.start for e in facts.employment)
    assert [e.internship for e in facts.employment] == [j.intern for j in person.jobs]


@pytest.mark.parametrize("variant", ["cell", "rows", "side"])
def test_docx_typed_into_the_template_is_read_in_every_variant(tmp_path: Path, variant: str) -> None:
    person, rng = _person(3)
    path = tmp_path / "p11.docx"
    p11_word.build_docx(person, variant, rng, path)
    doc = read_file(path)
    assert doc.kind == "p11"
    truth = p11_word.truth_of(person, "K", variant)
    _check(doc.facts, truth, person)
    others = {name for name, _, _ in person.dependants} | {name for name, _, _ in person.references}
    assert doc.facts.name not in others  # dependants' and referees' names stay theirs


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
def test_docx_printed_to_pdf_by_libreoffice_is_read_by_position(tmp_path: Path) -> None:
    person, rng = _person(5)
    src = tmp_path / "p11.docx"
    p11_word.build_docx(person, "rows", rng, src)
    doc = read_file(p11_word.to_pdf(src, tmp_path))
    _check(doc.facts, p11_word.truth_of(person, "K", "pdf"), person)


def test_a_header_row_split_under_another_is_one_header() -> None:
    """ "Attended from/to" over "From" | "To", answers in the row below: each answer under its own label."""
    runs = [Run(0, 40, 700, 7.5, "Name, place and country"), Run(0, 150, 700, 7.5, "Attended from/to"),
            Run(0, 360, 700, 7.5, "Degrees and academic distinctions"), Run(0, 470, 700, 7.5, "Main course of study"),
            Run(0, 150, 689, 7.5, "From"), Run(0, 255, 689, 7.5, "To"),
            Run(0, 40, 675, 10, "Ghent University"), Run(0, 150, 675, 10, "09/2018"), Run(0, 255, 675, 10, "06/2020"),
            Run(0, 360, 675, 10, "Master of Science"), Run(0, 470, 675, 10, "Economics")]
    items = {(i.label, i.value) for i in grid_items(runs, [595.0])}
    assert {("From", "09/2018"), ("To", "06/2020"), ("Degrees and academic distinctions", "Master of Science"),
            ("Name, place and country", "Ghent University")} <= items


def test_a_question_over_a_table_is_not_split_by_its_columns() -> None:
    runs = [Run(0, 40, 700, 7.5, "12. Relatives employed?"), Run(0, 300, 700, 7.5, "13. Have you any dependants?"),
            Run(0, 40, 689, 7.5, "Name"), Run(0, 200, 689, 7.5, "Date of birth"), Run(0, 400, 689, 7.5, "Relationship"),
            Run(0, 40, 675, 10, "Emma Claes"), Run(0, 200, 675, 10, "14/02/2021"), Run(0, 400, 675, 10, "Daughter")]
    labels = [i.label for i in grid_items(runs, [595.0])]
    assert "13. Have you any dependants?" in labels


def test_ticked_and_empty_boxes() -> None:
    assert not is_blank("\u2612") and not is_blank("X") and is_blank("\u2610") and is_blank("  \u2610 ")
    facts = interpret([Item("Other languages", "English"), Item("READ Easily", "\u2612"),
                       Item("READ Not easily", "\u2610"), Item("WRITE Easily", "\u2610"),
                       Item("WRITE Not easily", "\u2612")])
    (english,) = facts.languages
    assert english.read is True and english.write is False


def test_an_email_cut_by_the_cell_edge_is_joined_whole() -> None:
    assert join_wrapped("jonas.peeters66@examp", "le.be") == "jonas.peeters66@example.be"
    assert join_wrapped("jonas.peeters66", "@example.be") == "jonas.peeters66@example.be"
    assert join_wrapped("Université libre de", "Bruxelles") == "Université libre de Bruxelles"
    assert join_wrapped("a@example.be", "Belgium") == "a@example.be Belgium"


def test_tick_boxes_and_rules_are_found_on_a_page_image() -> None:
    """A drawn grid with two boxes, one ticked: the rules go, the boxes are told apart, the skew is undone."""
    from PIL import Image, ImageDraw

    from jpo_tui.ingest.ocr_page import prepare

    img = Image.new("L", (1200, 600), 255)
    draw = ImageDraw.Draw(img)
    for y in (100, 200, 300):
        draw.line((50, y, 1150, y), fill=0, width=3)
    for x in (50, 600, 1150):
        draw.line((x, 100, x, 300), fill=0, width=3)
    draw.rectangle((200, 140, 228, 168), outline=0, width=2)
    draw.rectangle((700, 140, 728, 168), outline=0, width=2)
    draw.line((703, 143, 725, 165), fill=0, width=3)
    draw.line((725, 143, 703, 165), fill=0, width=3)
    tilted = img.rotate(1.0, resample=Image.BICUBIC, fillcolor=255)
    clean, boxes, borders = prepare(tilted, 300)
    assert sorted(b.ticked for b in boxes) == [False, True]
    import numpy as np

    ink = np.asarray(clean) < 150
    assert ink[95:105, 60:1140].mean() < 0.02  # the rule at y=100 is gone
    assert borders.between(580, 620, 150, 250) and not borders.between(300, 500, 150, 250)


@needs_tesseract
def test_a_signed_and_scanned_template_p11_is_read_by_ocr(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Tilted, speckled, boxed: the personal block is read by position from Tesseract's words (the page time
    limit raised: this test is about reading, not about the limit, and machines under load are slow)."""
    monkeypatch.setenv("JPO_OCR_PAGE_SECONDS", "600")
    if shutil.which("soffice") is None:
        pytest.skip("LibreOffice is not installed")
    person, rng = _person(7)
    src = tmp_path / "p11.docx"
    p11_word.build_docx(person, "cell", rng, src)
    scan = tmp_path / "scan.pdf"
    p11_word.to_scan(p11_word.to_pdf(src, tmp_path), scan, rng, dpi=300)
    doc = read_file(scan)
    assert doc.read_by_ocr
    truth = p11_word.truth_of(person, "K", "scan")
    assert doc.facts.date_of_birth is not None and doc.facts.date_of_birth.isoformat() == truth["date_of_birth"]
    assert doc.facts.email == truth["email"]
    assert doc.facts.nationality == truth["nationality"]


def test_answers_typed_in_the_labels_size_are_answers() -> None:
    """A Word P11 whose table answers are in the labels' font: the row under the header row holds the answers."""
    runs = [Run(0, 40, 700, 7.5, "1. Family name"), Run(0, 200, 700, 7.5, "First name"),
            Run(0, 40, 688, 10, "Sawadogo"), Run(0, 200, 688, 10, "Aïcha"),
            Run(0, 40, 660, 7.5, "Name, place and country"), Run(0, 150, 660, 7.5, "Attended from Mo./Year"),
            Run(0, 255, 660, 7.5, "To Mo./Year"), Run(0, 360, 660, 7.5, "Degrees and academic distinctions"),
            Run(0, 40, 649, 7.5, "UCLouvain"), Run(0, 150, 649, 7.5, "09/2023"), Run(0, 255, 649, 7.5, "06/2025"),
            Run(0, 360, 649, 7.5, "Master en économie")]
    facts = interpret(grid_items(runs, [595.0]))
    (study,) = facts.education
    assert study.institution == "UCLouvain" and study.level == "master" and study.start.year == 2023
    assert facts.name == "Aïcha Sawadogo"
