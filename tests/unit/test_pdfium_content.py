"""Pages read by PDFium (jpo_tui.ingest.pdf.pdfium_content): positioned runs, page texts and widths, text inside form
XObjects, parity with the pypdf reader, and when pdfio.read_content falls back to pypdf."""

from __future__ import annotations

import functools
import zlib
from collections.abc import Callable
from pathlib import Path

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
import pytest
from reportlab.lib.pagesizes import A4, landscape
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen import canvas

from jpo_tui.core.records import DocumentRefused
from jpo_tui.ingest.pdf import pdfio
from jpo_tui.ingest.pdf import pdfium_content as pc
from jpo_tui.ingest.pdf.pdfio import Run, clean_text
from tests import hostile, pdfmake

FONT = "Helvetica"


def _pdf(tmp_path: Path, draw: Callable[[canvas.Canvas], None], *, pagesize=A4, name: str = "doc.pdf") -> bytes:
    path = tmp_path / name
    c = canvas.Canvas(str(path), pagesize=pagesize, invariant=1)
    draw(c)
    c.save()
    return path.read_bytes()


def _words(c: canvas.Canvas, x: float, y: float, words: list[str], size: float) -> None:
    """Each word its own drawString, placed where it would be in the sentence (word width + a space)."""
    for word in words:
        c.drawString(x, y, word)
        x += stringWidth(word, FONT, size) + stringWidth(" ", FONT, size)


def _read(data: bytes) -> tuple[list[str], list[Run], list[float]]:
    """(page texts, runs, page widths) from read_pages, whether it returns a tuple or a PdfiumPages."""
    got = pc.read_pages(data)
    if isinstance(got, tuple):
        return got
    return got.texts, got.runs, got.widths


def _key(runs: list[Run]) -> list[tuple[int, int, int, float, str]]:
    return [(r.page, round(r.x), round(r.y), r.size, r.text) for r in runs]


def _pypdf(data: bytes) -> pdfio.PdfContent:
    return pdfio._read_content_pypdf(pdfio.open_pdf(data, max_pages=200))


def _widget_keys(widgets: list[pdfio.Widget]) -> list[tuple]:
    """Widgets with their boxes rounded (PDFium gives single-precision floats: 158.6999969 for 158.7)."""
    return [(w.page, tuple(round(v, 2) for v in w.rect), w.name, w.value, w.tooltip, w.is_button) for w in widgets]


# --- runs ------------------------------------------------------------------------------------------------------


def test_two_cells_far_apart_on_one_baseline_are_two_runs_at_their_positions(tmp_path: Path) -> None:
    def draw(c: canvas.Canvas) -> None:
        c.setFont(FONT, 9)
        c.drawString(72.25, 700.5, "Family name")
        c.drawString(300, 700.5, "Smith")

    _, runs, _ = _read(_pdf(tmp_path, draw))
    assert [r.text for r in runs] == ["Family name", "Smith"]
    label, value = runs
    assert (label.page, value.page) == (0, 0)
    assert label.x == pytest.approx(72.25, abs=0.5) and label.y == pytest.approx(700.5, abs=0.5)
    assert value.x == pytest.approx(300, abs=0.5) and value.y == pytest.approx(700.5, abs=0.5)
    assert label.size == value.size == 9.0


def test_a_label_written_word_by_word_is_one_run_with_its_spaces(tmp_path: Path) -> None:
    def draw(c: canvas.Canvas) -> None:
        c.setFont(FONT, 10)
        _words(c, 50, 650, ["Family", "name"], 10)
        _words(c, 50, 620, ["Date", "of", "birth", "(dd/mm/yyyy)"], 10)

    _, runs, _ = _read(_pdf(tmp_path, draw))
    assert [(r.text, round(r.x), round(r.y), r.size) for r in runs] == [
        ("Family name", 50, 650, 10.0), ("Date of birth (dd/mm/yyyy)", 50, 620, 10.0)]


def test_pieces_that_touch_join_without_a_space(tmp_path: Path) -> None:
    def draw(c: canvas.Canvas) -> None:
        c.setFont(FONT, 10)
        c.drawString(50, 700, "Fam")
        c.drawString(50 + stringWidth("Fam", FONT, 10), 700, "ily")

    _, runs, _ = _read(_pdf(tmp_path, draw))
    assert [(r.text, round(r.x)) for r in runs] == [("Family", 50)]


def test_cells_about_point_eight_font_sizes_apart_stay_two_runs(tmp_path: Path) -> None:
    def draw(c: canvas.Canvas) -> None:
        c.setFont(FONT, 10)
        c.drawString(50, 600, "Left")
        c.drawString(50 + stringWidth("Left", FONT, 10) + 8, 600, "Right")

    _, runs, _ = _read(_pdf(tmp_path, draw))
    assert [r.text for r in runs] == ["Left", "Right"]
    assert runs[1].x == pytest.approx(50 + stringWidth("Left", FONT, 10) + 8, abs=0.5)


def test_close_pieces_in_different_font_sizes_stay_separate_runs(tmp_path: Path) -> None:
    def draw(c: canvas.Canvas) -> None:
        c.setFont(FONT, 7)
        c.drawString(50, 600, "Nationality")
        c.setFont(FONT, 10)
        c.drawString(50 + stringWidth("Nationality ", FONT, 7), 600, "Belgian")

    _, runs, _ = _read(_pdf(tmp_path, draw))
    assert [(r.text, r.size) for r in runs] == [("Nationality", 7.0), ("Belgian", 10.0)]


# --- form XObjects ---------------------------------------------------------------------------------------------


def test_text_inside_a_form_xobject_is_placed_by_the_forms_matrix(tmp_path: Path) -> None:
    def draw(c: canvas.Canvas) -> None:
        c.beginForm("Box")
        c.setFont(FONT, 9)
        c.drawString(10, 20, "Inside the form")
        c.endForm()
        c.saveState()
        c.translate(200, 300)
        c.doForm("Box")
        c.restoreState()

    _, runs, _ = _read(_pdf(tmp_path, draw))
    assert len(runs) == 1
    run = runs[0]
    assert run.text == "Inside the form" and run.size == 9.0
    assert (run.x, run.y) == (pytest.approx(210, abs=0.5), pytest.approx(320, abs=0.5))


def test_words_of_a_scaled_form_join_and_nested_forms_compose_their_matrices(tmp_path: Path) -> None:
    def draw(c: canvas.Canvas) -> None:
        c.beginForm("Label")
        c.setFont(FONT, 9)
        _words(c, 5, 5, ["Date", "of", "birth"], 9)
        c.endForm()
        c.beginForm("Outer")
        c.setFont(FONT, 9)
        c.drawString(0, 0, "Outer text")
        c.saveState()
        c.translate(50, 50)
        c.doForm("Label")
        c.restoreState()
        c.endForm()
        c.saveState()
        c.translate(100, 400)
        c.scale(2, 2)
        c.doForm("Label")
        c.restoreState()
        c.saveState()
        c.translate(300, 200)
        c.doForm("Outer")
        c.restoreState()

    _, runs, _ = _read(_pdf(tmp_path, draw))
    assert _key(runs) == [(0, 110, 410, 18.0, "Date of birth"),  # scaled twice: the size doubles
                          (0, 300, 200, 9.0, "Outer text"),
                          (0, 355, 255, 9.0, "Date of birth")]


# --- page texts and widths -------------------------------------------------------------------------------------


def test_page_text_is_the_lines_in_content_order(tmp_path: Path) -> None:
    def draw(c: canvas.Canvas) -> None:
        c.setFont(FONT, 10)
        c.drawString(50, 500, "Written first, low on the page")
        c.drawString(50, 780, "Written second, at the top")
        _words(c, 50, 700, ["Third", "line", "word", "by", "word"], 10)

    texts, _, _ = _read(_pdf(tmp_path, draw))
    assert texts == ["Written first, low on the page\nWritten second, at the top\nThird line word by word"]


def test_page_text_sets_off_a_wide_gap_and_keeps_a_narrow_one_as_a_space(tmp_path: Path) -> None:
    def draw(c: canvas.Canvas) -> None:
        c.setFont(FONT, 10)
        c.drawString(50, 700, "Family name")
        c.drawString(300, 700, "Smith")
        c.drawString(50, 680, "Left")
        c.drawString(50 + stringWidth("Left", FONT, 10) + 8, 680, "Right")

    texts, _, _ = _read(_pdf(tmp_path, draw))
    first, second = texts[0].split("\n")
    # PDFium puts its own space after "Family name", so the raw text has four spaces; clean_text (which every
    # reader of page texts applies) makes them the three of a wide gap.
    assert first.startswith("Family name   ") and first.endswith("Smith") and first.strip(" ") == first
    assert clean_text(texts[0]) == "Family name   Smith\nLeft Right"
    assert second == "Left Right"


def test_line_end_hyphen_reported_by_pdfium_as_0x02_comes_out_as_a_hyphen(tmp_path: Path) -> None:
    def draw(c: canvas.Canvas) -> None:
        c.setFont(FONT, 10)
        c.drawString(50, 550, "Imple-")
        c.drawString(50, 538, "mented here")

    data = _pdf(tmp_path, draw)
    doc = pdfium.PdfDocument(data)
    try:
        page = doc[0]
        textpage = page.get_textpage()
        raw_texts = [obj.extract() for obj in page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_TEXT], textpage=textpage)]
    finally:
        doc.close()
    assert raw_texts == ["Imple\x02", "mented here"]  # what PDFium reports for the hyphen: the mapping is needed
    texts, runs, _ = _read(data)
    assert [r.text for r in runs] == ["Imple-", "mented here"]
    assert texts == ["Imple-\nmented here"]
    assert "\x02" not in texts[0]


def test_one_text_and_one_width_per_page(tmp_path: Path) -> None:
    def draw(c: canvas.Canvas) -> None:
        c.setFont(FONT, 10)
        c.drawString(60, 780, "Portrait page one")
        c.showPage()
        c.setPageSize(landscape(A4))
        c.setFont(FONT, 10)
        c.drawString(60, 500, "Landscape page two")
        c.showPage()
        c.setPageSize(A4)
        c.setFont(FONT, 10)
        c.drawString(60, 780, "Portrait page three")

    data = _pdf(tmp_path, draw)
    texts, runs, widths = _read(data)
    assert texts == ["Portrait page one", "Landscape page two", "Portrait page three"]
    assert [(r.page, r.text) for r in runs] == [(0, "Portrait page one"), (1, "Landscape page two"),
                                                (2, "Portrait page three")]
    assert widths == [pytest.approx(595.28, abs=0.01), pytest.approx(841.89, abs=0.01),
                      pytest.approx(595.28, abs=0.01)]
    assert widths == pytest.approx(_pypdf(data).page_widths, abs=0.01)


def test_width_of_a_rotated_page_is_that_of_the_runs_coordinate_space(tmp_path: Path) -> None:
    def draw(c: canvas.Canvas) -> None:
        c.setPageRotation(90)  # reportlab then writes a landscape media box (842 x 595) shown as a portrait page
        c.setFont(FONT, 10)
        c.drawString(700, 500, "Text near the right edge of the media box")

    data = _pdf(tmp_path, draw)
    reference = _pypdf(data)
    assert reference.page_widths == [pytest.approx(841.89, abs=0.01)]
    _, runs, widths = _read(data)
    assert runs[0].x == pytest.approx(700, abs=0.5)  # runs are in the unrotated media box's space
    assert widths == pytest.approx(reference.page_widths, abs=0.01)


# --- parity with pypdf -----------------------------------------------------------------------------------------


def test_a_p11_like_grid_gives_the_same_runs_as_pypdf(tmp_path: Path) -> None:
    path = pdfmake.grid_pdf(tmp_path / "grid.pdf", [
        "UNITED NATIONS PERSONAL HISTORY",
        [(39, "1. Family name", ["Smith"]), (196, "First name", ["Anna Maria"]), (353, "Middle name", [""])],
        [(39, "2. Date of birth\n(Day/Month/Year)", ["12/03/1990"]), (240, "4. Nationality at birth", ["Belgian"]),
         (390, "5. Present nationality", ["Belgian"])],
        "25. EMPLOYMENT RECORD",
        [(39, "From", ["01/2020", "03/2018"]), (112, "To", ["12/2022", "12/2019"]),
         (200, "Exact title of your post", ["Programme officer", "Intern"])],
    ])
    data = path.read_bytes()
    texts, runs, widths = _read(data)
    reference = _pypdf(data)
    assert _key(runs) == _key(reference.runs)
    assert {r.size for r in runs} == {8.5, 6.5, 8.0}  # headings, labels and values in their own sizes
    assert ("1. Family name", 6.5) in [(r.text, r.size) for r in runs]
    assert ("Smith", 8.0) in [(r.text, r.size) for r in runs]
    assert [t.strip() for t in texts] == [t.strip() for t in reference.page_texts]
    assert widths == pytest.approx(reference.page_widths, abs=0.01)


def test_a_fillable_p11_read_through_read_content_matches_pypdf(tmp_path: Path) -> None:
    person = {
        "family": "Smith", "first": "Anna", "dob": ("12", "03", "1990"), "nat_birth": "Belgian", "nat": "Belgian",
        "email": "anna@example.org", "mother": "French", "languages": [("English", (True, True, True, False))],
        "education": [("ULB, Brussels", "09/2008", "06/2012", "MA", "Economics")],
        "employment": [("01/2020", "12/2022", "Programme officer", "UNDP", "J. Doe", "Monitoring")],
        "references": [("Jane Roe", "Rue Haute 1, Brussels", "Professor")],
    }
    data = pdfmake.fillable_grid_p11(tmp_path / "p11.pdf", pdfmake.ENGLISH_P11, person).read_bytes()
    reader = pdfio.open_pdf(data, max_pages=200)
    got = pdfio.read_content(reader, data)
    reference = pdfio._read_content_pypdf(reader)
    assert _widget_keys(got.widgets) == _widget_keys(reference.widgets)
    assert any(w.value == "Smith" for w in got.widgets)
    assert any(w.is_button and w.value == "X" for w in got.widgets)

    # PDFium gives a run's inner double space as one (the title "UNITED NATIONS  PERSONAL HISTORY (P.11)").
    def spaced(runs: list[Run]) -> list[tuple]:
        return [(p, x, y, s, " ".join(t.split())) for p, x, y, s, t in _key(runs)]

    assert spaced(got.runs) == spaced(reference.runs)
    assert got.page_widths == pytest.approx(reference.page_widths, abs=0.01)


# --- fallbacks in pdfio.read_content ---------------------------------------------------------------------------


@functools.cache
def _blanks(megabytes: int) -> bytes:
    """``megabytes`` MB of blanks, Flate-compressed (about 1 kB per MB)."""
    comp = zlib.compressobj(9)
    chunk = b" " * (1 << 20)
    return b"".join(comp.compress(chunk) for _ in range(megabytes)) + comp.flush()


def _stream(data: bytes, extra: bytes = b"", filters: bytes | None = b"/FlateDecode") -> bytes:
    extra = (b"/Filter %s " % filters if filters else b"") + extra
    return b"<< /Length %d %s>>\nstream\n" % (len(data), extra) + data + b"\nendstream"


_TEXT = b"BT /F1 12 Tf 72 720 Td (An ordinary curriculum vitae, long enough to count) Tj ET"


class _Spy:
    def __init__(self, real: Callable) -> None:
        self.real, self.calls = real, 0

    def __call__(self, *args, **kwargs):
        self.calls += 1
        return self.real(*args, **kwargs)


@pytest.fixture
def pypdf_spy(monkeypatch: pytest.MonkeyPatch) -> _Spy:
    spy = _Spy(pdfio._read_content_pypdf)
    monkeypatch.setattr(pdfio, "_read_content_pypdf", spy)
    return spy


def _refuse_pdfium(*_args, **_kwargs):
    raise AssertionError("PDFium must not read this file")


def test_an_ordinary_text_pdf_is_read_by_pdfium(tmp_path: Path, pypdf_spy: _Spy) -> None:
    def draw(c: canvas.Canvas) -> None:
        c.setFont(FONT, 10)
        _words(c, 50, 700, ["Curriculum", "vitae", "of", "Jane", "Testcase"], 10)

    data = _pdf(tmp_path, draw)
    content = pdfio.read_content(pdfio.open_pdf(data, max_pages=200), data)
    assert pypdf_spy.calls == 0
    assert [r.text for r in content.runs] == ["Curriculum vitae of Jane Testcase"]  # joined: PDFium's runs
    assert content.pages == 1 and content.page_texts == ["Curriculum vitae of Jane Testcase"]


def test_a_flate_bomb_content_stream_is_never_given_to_pdfium(monkeypatch: pytest.MonkeyPatch) -> None:
    data = hostile._raw_pdf(hostile._page_objects(_stream(_blanks(80))))  # as hostile.flate_bomb(80): 82 kB
    reader = pdfio.open_pdf(data, max_pages=200)
    monkeypatch.setattr(pc, "read_pages", _refuse_pdfium)
    with pytest.raises(DocumentRefused, match=r"a content stream inflates to more than 75 MB \(a decompression bomb"):
        pdfio.read_content(reader, data)


def test_a_flate_bomb_in_a_form_xobject_is_never_given_to_pdfium(monkeypatch: pytest.MonkeyPatch) -> None:
    objects = hostile._page_objects(_stream(b"q /Fm1 Do Q " + _TEXT, filters=None))
    objects[2] = objects[2].replace(b"/Font << /F1 5 0 R >>", b"/Font << /F1 5 0 R >> /XObject << /Fm1 6 0 R >>")
    objects.append(_stream(_blanks(80), b"/Type /XObject /Subtype /Form /BBox [0 0 10 10] "))
    data = hostile._raw_pdf(objects)
    reader = pdfio.open_pdf(data, max_pages=200)
    monkeypatch.setattr(pc, "read_pages", _refuse_pdfium)
    with pytest.raises(pdfio.DecompressionBomb, match="a content stream inflates"):  # a bomb: refused outright
        pdfio.read_content(reader, data)


def test_small_compressed_streams_are_given_to_pdfium() -> None:
    objects = hostile._page_objects(_stream(zlib.compress(_TEXT + b" " * 100_000)))
    data = hostile._raw_pdf(objects)
    reader = pdfio.open_pdf(data, max_pages=200)
    assert pdfio._contents_are_small(reader)
    content = pdfio.read_content(reader, data)
    assert content.page_texts == ["An ordinary curriculum vitae, long enough to count"]


def test_when_pdfium_is_unavailable_the_pypdf_result_is_returned(tmp_path: Path,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    rows = [("PERSONAL DETAILS", None), ("Family name", "Smith"), ("First name", "Anna Maria"),
            ("E-mail address", "anna@example.org")]
    data = pdfmake.form_pdf(tmp_path / "form.pdf", rows).read_bytes()
    reader = pdfio.open_pdf(data, max_pages=200)
    reference = pdfio._read_content_pypdf(reader)

    def unavailable(*_args, **_kwargs):
        raise pc.PdfiumUnavailable("cannot load")

    monkeypatch.setattr(pc, "read_pages", unavailable)
    content = pdfio.read_content(reader, data)
    assert content == reference
    assert "Family name" in content.page_texts[0]
    assert [w.value for w in content.widgets] == ["Smith", "Anna Maria", "anna@example.org"]


def test_read_pages_raises_pdfium_unavailable_on_what_it_cannot_open() -> None:
    with pytest.raises(pc.PdfiumUnavailable):
        pc.read_pages(b"%PDF-1.7\nnot really a PDF\n%%EOF\n")
    with pytest.raises(pc.PdfiumUnavailable):
        pc.read_pages(hostile.encrypted())  # needs a user password


def test_a_page_without_text_is_read_by_pypdf(pypdf_spy: _Spy) -> None:
    data = hostile.scanned()
    texts, runs, _ = _read(data)
    assert runs == [] and texts == [""]
    content = pdfio.read_content(pdfio.open_pdf(data, max_pages=200), data)
    assert pypdf_spy.calls == 1
    assert content.runs == [] and content.pages == 1


def test_a_page_with_only_an_image_is_read_by_pypdf(pypdf_spy: _Spy) -> None:
    objects = hostile._page_objects(_stream(b"q 500 0 0 700 40 40 cm /Im1 Do Q", filters=None))
    objects[2] = objects[2].replace(b"/Font << /F1 5 0 R >>", b"/XObject << /Im1 6 0 R >>")
    pixels = bytes(range(48))  # a 4 x 4 RGB scan
    objects.append(_stream(pixels, b"/Type /XObject /Subtype /Image /Width 4 /Height 4 /ColorSpace /DeviceRGB "
                                   b"/BitsPerComponent 8 ", filters=None))
    data = hostile._raw_pdf(objects)
    texts, runs, _ = _read(data)
    assert texts == [""] and runs == []
    content = pdfio.read_content(pdfio.open_pdf(data, max_pages=200), data)
    assert pypdf_spy.calls == 1
    assert content.runs == [] and [t.strip() for t in content.page_texts] == [""]


def test_too_little_text_for_pdfium_falls_back_to_pypdf(tmp_path: Path, pypdf_spy: _Spy) -> None:
    def draw(c: canvas.Canvas) -> None:
        c.setFont(FONT, 10)
        _words(c, 50, 700, ["Curriculum", "vitae"], 10)  # 15 letters, under the 25 wanted

    data = _pdf(tmp_path, draw)
    content = pdfio.read_content(pdfio.open_pdf(data, max_pages=200), data)
    assert pypdf_spy.calls == 1
    assert [r.text for r in content.runs] == ["Curriculum", "vitae"]  # pypdf's runs: one per drawString


# --- decompression bombs _contents_are_small must catch (PDFium aborts the process on them) -------------------


def test_streams_of_a_page_count_together() -> None:
    objects = hostile._page_objects(_stream(_blanks(40)))
    objects[2] = objects[2].replace(b"/Contents 4 0 R", b"/Contents [4 0 R 4 0 R]")
    reader = pdfio.open_pdf(hostile._raw_pdf(objects), max_pages=200)
    assert not pdfio._contents_are_small(reader)


def test_a_doubly_compressed_content_stream_is_measured_through_both_filters() -> None:
    objects = hostile._page_objects(_stream(zlib.compress(_blanks(80), 9), filters=b"[/FlateDecode /FlateDecode]"))
    reader = pdfio.open_pdf(hostile._raw_pdf(objects), max_pages=200)
    with pytest.raises(pdfio.DecompressionBomb):
        pdfio._contents_are_small(reader)


def test_a_font_file_bomb_is_not_small() -> None:
    objects = hostile._page_objects(_stream(zlib.compress(_TEXT)))
    objects[4] = b"<< /Type /Font /Subtype /TrueType /BaseFont /Evil /FontDescriptor 6 0 R >>"
    objects.append(b"<< /Type /FontDescriptor /FontName /Evil /Flags 32 /FontBBox [0 0 1000 1000] /ItalicAngle 0 "
                   b"/Ascent 800 /Descent -200 /CapHeight 700 /StemV 80 /FontFile2 7 0 R >>")
    objects.append(_stream(_blanks(80)))
    reader = pdfio.open_pdf(hostile._raw_pdf(objects), max_pages=200)
    with pytest.raises(pdfio.DecompressionBomb, match="a font file inflates"):
        pdfio._contents_are_small(reader)


@pytest.mark.parametrize(("build", "what"), [(hostile.inline_image_bomb, "an inline image"),
                                             (hostile.tounicode_bomb, "a ToUnicode map"),
                                             (hostile.embedded_cmap_bomb, "an embedded CMap")])
def test_the_streams_pdfium_inflates_besides_contents_are_measured(build, what: str) -> None:  # noqa: ANN001
    reader = pdfio.open_pdf(build(80), max_pages=200)
    with pytest.raises(pdfio.DecompressionBomb, match=f"{what} inflates to more than 75 MB"):
        pdfio._contents_are_small(reader)


def test_small_inline_images_and_cmaps_are_given_to_pdfium() -> None:
    for build in (hostile.inline_image_bomb, hostile.tounicode_bomb, hostile.embedded_cmap_bomb):
        assert pdfio._contents_are_small(pdfio.open_pdf(build(2), max_pages=200)), build.__name__

