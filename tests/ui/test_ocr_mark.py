"""A scan read by OCR says so where the reviewer reads the applicant: "read by OCR: check"."""

from __future__ import annotations

from pathlib import Path

from jpo_tui.core.vacancy import parse_vacancy
from jpo_tui.ingest.pipeline import import_applications
from jpo_tui.screens.app import JpoApp
from jpo_tui.screens.applicant import ApplicantScreen
from jpo_tui.store.db import open_database
from tests.pdfmake import text_pdf
from tests.ui.conftest import screen_text, settle
from tests.unit.test_importer import P11_LINES, VACANCY
from tests.unit.test_ocr import needs_tesseract, scan_of


@needs_tesseract
async def test_applicant_read_by_ocr_is_marked_check(tmp_path: Path) -> None:
    apps = tmp_path / "applications"
    (apps / "K001").mkdir(parents=True)
    scan_of(text_pdf(tmp_path / "typed.pdf", P11_LINES, size=11), apps / "K001" / "p11.pdf")
    engine = open_database(f"sqlite:///{tmp_path / 'jpo.db'}")
    import_applications(engine, parse_vacancy(VACANCY), [apps], workers=1)
    app = JpoApp(engine=engine, reviewer="alice")
    async with app.run_test(size=(140, 45)) as pilot:
        await settle(app, pilot)
        await pilot.press("ctrl+p", *"Camille Peeters")
        await settle(app, pilot)
        await pilot.press("enter")
        await settle(app, pilot)
        assert isinstance(app.screen, ApplicantScreen)
        text = " ".join(screen_text(app).split())
        assert "read by OCR: check" in text
        assert "date of birth" in text.split("read by OCR: check", 1)[1]
    engine.dispose()
