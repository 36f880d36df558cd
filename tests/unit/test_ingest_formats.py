"""Word files, ZIP archives and refused formats, read as a committee sends them: through the import."""

from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path

import docx
import pytest

from jpo_tui.core.records import DocumentRefused
from jpo_tui.core.vacancy import parse_vacancy
from jpo_tui.exports.json_export import vacancy_export
from jpo_tui.ingest.docx import EMPTY, TICKED, read_docx_content
from jpo_tui.ingest.formats import read_file, sniff
from jpo_tui.ingest.pipeline import discover_applications, import_applications
from jpo_tui.store.db import open_database, session_scope
from tests.pdfmake import text_pdf
from tests.unit.test_importer import P11_LINES, VACANCY


def _cv_docx(path: Path) -> Path:
    d = docx.Document()
    d.sections[0].header.paragraphs[0].text = "Curriculum vitae"
    d.add_heading("Lotte Peeters", 0)
    d.add_paragraph("lotte.peeters@example.org | +32 470 12 34 56 | Ghent, Belgium")
    d.add_paragraph("Nationality: Belgian")
    d.add_paragraph("Date of birth: 12 March 1996")
    d.add_heading("Education", 1)
    d.add_paragraph("2018 – 2019  Master of Science in Development Economics, Ghent University")
    d.add_heading("Professional experience", 1)
    d.add_paragraph("Sep 2019 – present  Monitoring and Evaluation Officer, Enabel, Brussels")
    d.add_heading("Languages", 1)
    d.add_paragraph("Dutch: mother tongue; English: fluent; French: fluent")
    d.save(str(path))
    return path


def _table(document: docx.document.Document, rows: list[list[str]]) -> None:
    table = document.add_table(rows=len(rows), cols=len(rows[0]))
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            table.cell(r, c).text = text


def _p11_docx(path: Path) -> Path:
    """The P11 typed into Word's template: rows of labels over rows of values, ticks typed as ☒ / ☐."""
    d = docx.Document()
    d.add_paragraph("UNITED NATIONS")
    d.add_paragraph("PERSONAL HISTORY FORM (P.11)")
    _table(d, [["1. Family name", "First name", "Middle name"], ["PEETERS", "Lotte", ""]])
    _table(d, [["2. Date of birth", "3. Place of birth", "4. Present nationality(ies)"],
               ["12/03/1996", "Ghent", "Belgian"]])
    _table(d, [["E-mail"], ["lotte.peeters@example.org"]])
    d.add_paragraph("Languages")
    _table(d, [["Language", "Read easily", "Read not easily", "Write easily", "Write not easily", "Speak easily",
                "Understand easily"],
               ["English", TICKED, EMPTY, TICKED, EMPTY, TICKED, TICKED]])
    d.add_paragraph("Employment record")
    _table(d, [["From", "To", "Exact title of your post", "Name of employer", "Description of your duties"],
               ["09/2019", "present", "Monitoring and Evaluation Officer", "Enabel", "M&E of projects"]])
    d.save(str(path))
    return path


def test_docx_cv_is_read_like_a_pdf_cv(tmp_path: Path) -> None:
    doc = read_file(_cv_docx(tmp_path / "cv.docx"))
    assert doc.kind == "cv" and doc.facts is not None
    assert doc.facts.name == "Lotte Peeters"
    assert doc.facts.email == "lotte.peeters@example.org"
    assert doc.facts.nationality == "Belgium"
    assert str(doc.facts.date_of_birth) == "1996-03-12"
    assert [e.level for e in doc.facts.education] == ["master"]
    assert doc.facts.employment and doc.facts.employment[0].present
    assert "Curriculum vitae" in doc.text  # the header is read too


def test_docx_p11_table_gives_label_rows_over_value_rows(tmp_path: Path) -> None:
    path = _p11_docx(tmp_path / "p11.docx")
    content = read_docx_content(path.read_bytes())
    runs = {r.text: r for r in content.runs}
    # each value stands in its label's column, one line below it
    for label, value in (("1. Family name", "PEETERS"), ("First name", "Lotte"), ("2. Date of birth", "12/03/1996"),
                         ("Name of employer", "Enabel")):
        assert abs(runs[label].x - runs[value].x) < 1 and runs[value].y < runs[label].y
    ticks = [r for r in content.runs if r.text in (TICKED, EMPTY)]
    assert [t.text for t in sorted(ticks, key=lambda r: r.x)] == [TICKED, EMPTY, TICKED, EMPTY, TICKED, TICKED]
    doc = read_file(path)
    assert doc.kind == "p11" and doc.facts is not None
    assert (doc.facts.first_name, doc.facts.family_name) == ("Lotte", "Peeters")
    assert str(doc.facts.date_of_birth) == "1996-03-12"
    assert doc.facts.nationality == "Belgium"
    assert doc.facts.email == "lotte.peeters@example.org"
    assert [(e.title, e.employer, e.present) for e in doc.facts.employment] == [
        ("Monitoring and Evaluation Officer", "Enabel", True)]


def test_docx_text_boxes_content_controls_and_legacy_ticks(tmp_path: Path) -> None:
    """What python-docx's .text skips is read: a text box, a check box content control, a legacy form check box."""
    d = docx.Document()
    d.add_paragraph("Body paragraph")
    body = d.element.body
    w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    from lxml import etree

    extra = etree.fromstring(f"""<w:root xmlns:w="{w}"
        xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"
        xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006">
      <w:p><w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><wps:txbx><w:txbxContent>
        <w:p><w:r><w:t>Sidebar in a text box</w:t></w:r></w:p></w:txbxContent></wps:txbx></w:drawing></mc:Choice>
        <mc:Fallback><w:pict><w:txbxContent><w:p><w:r><w:t>Sidebar in a text box</w:t></w:r></w:p>
        </w:txbxContent></w:pict></mc:Fallback></mc:AlternateContent></w:r></w:p>
      <w:p><w:r><w:t>Driving licence</w:t></w:r><w:r><w:tab/></w:r>
        <w:sdt><w:sdtPr/><w:sdtContent><w:r><w:t>\u2612</w:t></w:r></w:sdtContent></w:sdt></w:p>
      <w:p><w:r><w:t>Married</w:t></w:r><w:r><w:fldChar w:fldCharType="begin"><w:ffData><w:checkBox>
        <w:default w:val="0"/><w:checked/></w:checkBox></w:ffData></w:fldChar></w:r>
        <w:r><w:instrText>FORMCHECKBOX</w:instrText></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r>
        <w:r><w:sym w:font="Wingdings" w:char="F0A8"/></w:r></w:p>
    </w:root>""")
    for p in extra:
        body.insert(len(body) - 1, p)
    data = io.BytesIO()
    d.save(data)
    content = read_docx_content(data.getvalue())
    text = content.page_texts[0]
    assert text.count("Sidebar in a text box") == 1
    assert f"Driving licence   {TICKED}" in text
    assert f"Married{TICKED}{EMPTY}" in text
    licence, tick = (next(r for r in content.runs if r.text == t) for t in ("Driving licence", TICKED))
    assert tick.x > licence.x and tick.y == licence.y


def _zip(path: Path, members: dict[str, bytes], compression: int = zipfile.ZIP_DEFLATED) -> Path:
    with zipfile.ZipFile(path, "w", compression) as zf:
        for name, data in members.items():
            zf.writestr(name, data)
    return path


def _p11_pdf(tmp_path: Path) -> bytes:
    return text_pdf(tmp_path / "p11-src.pdf", P11_LINES).read_bytes()


def test_zip_of_applications_is_imported_in_place(tmp_path: Path) -> None:
    """One folder per applicant inside the archive; hostile members refused one by one, the rest imported."""
    apps = tmp_path / "applications"
    apps.mkdir()
    p11 = _p11_pdf(tmp_path)
    inner = io.BytesIO()
    with zipfile.ZipFile(inner, "w") as zf:
        zf.writestr("x.pdf", p11)
    cv = _cv_docx(tmp_path / "cv.docx").read_bytes()
    _zip(apps / "download.zip", {
        "Applications/K001/p11.pdf": p11,
        "Applications/K002/cv.docx": cv,
        "Applications/K002/../../evil.pdf": p11,
        "Applications/K002/nested.zip": inner.getvalue(),
        "Applications/K002/old.doc": b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600,
        "__MACOSX/Applications/K001/._p11.pdf": b"junk",
    })
    found = {f.key: f for f in discover_applications([apps])}
    assert set(found) == {"K001", "K002"}
    assert not (tmp_path / "evil.pdf").exists()
    spec = parse_vacancy(VACANCY)
    engine = open_database(f"sqlite:///{tmp_path / 'jpo.db'}")
    report = import_applications(engine, spec, [apps], workers=1)
    reasons = dict(report.refused)
    assert report.documents_added == 2
    assert any("leaving the archive" in r for r in reasons.values())
    assert reasons["download.zip/Applications/K002/nested.zip"].startswith("an archive inside an archive")
    assert reasons["download.zip/Applications/K002/old.doc"].startswith("legacy Word (.doc)")
    with session_scope(engine) as session:
        export = vacancy_export(session, spec.id)
    by_key = {c["key"]: c for c in export["candidates"]}
    assert by_key["K001"]["name"] == "Camille Peeters"
    assert by_key["K002"]["name"] == "Lotte Peeters"
    again = import_applications(engine, spec, [apps], workers=1)
    assert again.documents_added == 0 and again.documents_unchanged == 2
    engine.dispose()
    json.dumps(export, default=str)


def test_zip_in_an_applicant_folder_and_zip_as_the_import_folder(tmp_path: Path) -> None:
    p11 = _p11_pdf(tmp_path)
    apps = tmp_path / "applications"
    (apps / "K001").mkdir(parents=True)
    _zip(apps / "K001" / "documents.zip", {"p11.pdf": p11, "letter/cv.docx": _cv_docx(tmp_path / "c.docx").read_bytes()})
    (folder,) = discover_applications([apps])
    assert folder.key == "K001"
    assert sorted(p.relative_to(apps).as_posix() for p in folder.files) == [
        "K001/documents.zip/letter/cv.docx", "K001/documents.zip/p11.pdf"]
    given = _zip(tmp_path / "given.zip", {"A1/p11.pdf": p11, "A2/p11.pdf": p11})
    assert sorted(f.key for f in discover_applications([given])) == ["A1", "A2"]


@pytest.mark.parametrize("case", ["bomb", "too_many", "ratio"])
def test_hostile_archives_are_refused_whole(tmp_path: Path, case: str) -> None:
    apps = tmp_path / "applications"
    (apps / "K001").mkdir(parents=True)
    if case == "bomb":  # its directory declares 4 GB inflated: over the total limit, never inflated
        path = _zip(apps / "K001" / "bomb.zip", {"a.pdf": b"%PDF-1.4 " * 1000})
        data = bytearray(path.read_bytes())
        central = data.index(b"PK\x01\x02")
        data[central + 24:central + 28] = (0xFFFFFFF0).to_bytes(4, "little")
        path.write_bytes(bytes(data))
        want = "archive inflates to too much"
    elif case == "too_many":
        path = _zip(apps / "K001" / "many.zip", {f"f{i}.pdf": b"%PDF-1.4" for i in range(5_001)})
        want = "archive holds too many files"
    else:  # 40 MB of one byte in a member: inflates far more than a document does
        path = _zip(apps / "K001" / "ratio.zip", {"cv.pdf": b"A" * 40_000_000})
        want = "a zip bomb?"
    (folder,) = discover_applications([apps])
    assert folder.files == ()
    assert [(p.name, r) for p, r in folder.refusals][0][0] == path.name
    assert want in folder.refusals[0][1]


@pytest.mark.parametrize(("data", "reason"), [
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600, "legacy Word (.doc)"),
    (b"<!DOCTYPE html><html><body>Session expired</body></html>", "not a PDF but an HTML page"),
    (b"\x89PNG\r\n\x1a\n" + b"\0" * 50, "not a PDF but a PNG image"),
    (b"{\\rtf1\\ansi hello}", "RTF document"),
    (b"hello world", "plain text, not a PDF"),  # a note: ignored beside the documents (NotADocument)
    (b"\x01hello world", "not a PDF (starts with '.hello w')"),
])
def test_other_formats_are_refused_with_a_reason(tmp_path: Path, data: bytes, reason: str) -> None:
    (tmp_path / "cv.pdf").write_bytes(data)
    with pytest.raises(DocumentRefused) as info:
        read_file(tmp_path / "cv.pdf")
    assert info.value.reason.startswith(reason) and "\n" not in info.value.reason


def test_opendocument_and_damaged_word_files_are_refused(tmp_path: Path) -> None:
    odt = io.BytesIO()
    with zipfile.ZipFile(odt, "w") as zf:
        zf.writestr("mimetype", "application/vnd.oasis.opendocument.text")
        zf.writestr("content.xml", "<office:document-content/>")
    with pytest.raises(DocumentRefused, match=r"OpenDocument text \(\.odt\)"):
        sniff(odt.getvalue())
    broken = io.BytesIO()
    with zipfile.ZipFile(broken, "w") as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
        zf.writestr("word/document.xml", "<w:document")
    (tmp_path / "cv.docx").write_bytes(broken.getvalue())
    with pytest.raises(DocumentRefused, match=r"^damaged Word file"):
        read_file(tmp_path / "cv.docx")


def test_cli_imports_a_zip_given_instead_of_a_folder(tmp_path: Path) -> None:
    from jpo_tui.cli.main import main as cli_main

    p11 = _p11_pdf(tmp_path)
    given = _zip(tmp_path / "applications.zip", {"K001/p11.pdf": p11, "K002/cv.docx": _cv_docx(tmp_path / "c.docx")
                                                  .read_bytes()})
    (tmp_path / "vacancy.toml").write_text(VACANCY, encoding="utf-8")
    db = f"sqlite:///{tmp_path / 'jpo.db'}"
    assert cli_main(["import", "--vacancy", str(tmp_path / "vacancy.toml"), "--db", db, "--workers", "1",
                     str(given)]) == 0
    out = tmp_path / "export.json"
    assert cli_main(["export", "--db", db, "--out", str(out)]) == 0
    names = {c["key"]: c["name"] for c in json.loads(out.read_text(encoding="utf-8"))["candidates"]}
    assert names == {"K001": "Camille Peeters", "K002": "Lotte Peeters"}


def test_a_word_file_that_inflates_like_a_bomb_is_refused(tmp_path: Path) -> None:
    data = io.BytesIO()
    docx.Document().save(data)
    with zipfile.ZipFile(io.BytesIO(data.getvalue())) as src, zipfile.ZipFile(
            tmp_path / "cv.docx", "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            body = src.read(item)
            if item.filename == "word/document.xml":
                body = body.replace(b"<w:body>", b"<w:body>" + b" " * 150_000_000)
            dst.writestr(item.filename, body)
    with pytest.raises(DocumentRefused, match="a zip bomb"):
        read_file(tmp_path / "cv.docx")
