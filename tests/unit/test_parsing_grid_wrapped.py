"""Grid forms whose table cells wrap over two lines: a month written in words ("September" / "2014"), an
institution ending with a comma or a degree ending with a joining word go on in the line below, which is not a
new table row even though it fills several columns, the first one included."""

from __future__ import annotations

from pathlib import Path

from jpo_tui.ingest.document import read_pdf
from tests.pdfmake import grid_pdf


def _p11(path: Path, education: list[tuple[float, str, list[str]]]) -> Path:
    return grid_pdf(path, [
        "NOTICE PERSONNELLE",
        [(40, "1. Nom de famille", ["Lemaire"]), (220, "Prénom(s)", ["Julien"])],
        [(40, "5. Nationalité(s) actuelle(s)", ["Belgique"]), (220, "Adresse électronique", ["j.lemaire@example.be"])],
        "22. FORMATION",
        education,
    ])


def test_wrapped_cells_continue_the_row_above(tmp_path: Path) -> None:
    doc = read_pdf(_p11(tmp_path / "p11.pdf", [
        (40, "Nom, lieu et pays", ["Université libre de Bruxelles,", "Bruxelles, Belgique", "Université de Namur"]),
        (190, "Du Mois/Année", ["septembre", "2015", "09/2012"]),
        (260, "Au Mois/Année", ["juin 2017", "", "06/2015"]),
        (330, "Diplômes obtenus", ["Master en sciences", "politiques", "Bachelier en droit"]),
    ]))
    assert doc.kind == "p11"
    rows = [(e.level, e.start.iso() if e.start else None, e.end.iso() if e.end else None, e.institution)
            for e in doc.facts.education]
    assert rows == [("master", "2015-09", "2017-06", "Université libre de Bruxelles, Bruxelles, Belgique"),
                    ("bachelor", "2012-09", "2015-06", "Université de Namur")]
    assert doc.facts.education[0].degree == "Master en sciences politiques"


def test_rows_that_end_cleanly_stay_separate_records(tmp_path: Path) -> None:
    doc = read_pdf(_p11(tmp_path / "p11.pdf", [
        (40, "Nom, lieu et pays", ["KU Leuven, Leuven", "Ghent University, Gent"]),
        (190, "Du Mois/Année", ["09/2015", "09/2012"]),
        (260, "Au Mois/Année", ["06/2017", "06/2015"]),
        (330, "Diplômes obtenus", ["Master in Economics", "Bachelor in Economics"]),
    ]))
    assert [(e.level, e.start.iso()) for e in doc.facts.education] == [("master", "2015-09"), ("bachelor", "2012-09")]
