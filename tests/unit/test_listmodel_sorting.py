"""The applicants list's sorting and filter order, as a reviewer reads them."""

from __future__ import annotations

from dataclasses import replace

from jpo_tui.screens.listmodel import MATCH_DOCUMENTS, MATCH_NAME, ListModel
from jpo_tui.screens.widgets.applicant_list import columns, nationality_text
from jpo_tui.services.queries import ApplicantRow, sort_name

BASE = ApplicantRow(id=0, key="K0", name="", nationality="Belgium", age=30, degree="master",
                    experience_months=24.0, status="eligible", coverage=(), total=None, scored=0,
                    recommendation="")


def _row(i: int, **values: object) -> ApplicantRow:
    return replace(BASE, id=i, key=f"K{i:03d}", **values)


def _names(model: ListModel) -> list[str]:
    return [model.rows[i].name for i in model.compute()]


def test_names_sort_by_family_name() -> None:
    rows = [_row(0, name="Zoë Aerts", sort_name=sort_name("Zoë Aerts", "Aerts", "Zoë")),
            _row(1, name="Anna Peeters", sort_name=sort_name("Anna Peeters", "Peeters", "Anna")),
            _row(2, name="Pieter Van den Broeck", sort_name=sort_name("Pieter Van den Broeck", "Van den Broeck", ""))]
    model = ListModel(rows=rows)
    model.filters.sort = "name"
    assert _names(model) == ["Zoë Aerts", "Anna Peeters", "Pieter Van den Broeck"]


def test_the_arrow_says_the_order_and_unknown_values_stay_last() -> None:
    rows = [_row(0, name="a", experience_months=10.0), _row(1, name="b", experience_months=40.0),
            _row(2, name="c", experience_months=25.0), _row(3, name="d", age=None), _row(4, name="e", age=25)]
    model = ListModel(rows=rows)
    model.filters.sort = "experience"
    assert _names(model) == ["a", "d", "e", "c", "b"]  # fewest months first under ▲
    assert model.sort_label() == "experience ▲"
    model.filters.descending = True
    assert _names(model)[0] == "b" and model.sort_label() == "experience ▼"
    model.filters.sort = "age"
    for descending in (False, True):
        model.filters.descending = descending
        assert _names(model)[-1] == "d"  # no age known: last whichever way


def test_sorting_cycles_only_through_the_columns_shown_and_starts_at_the_useful_end() -> None:
    model = ListModel(rows=[_row(0, name="a")])
    shown = {name for name, _, _ in columns(80, 5)}
    assert "degree" not in shown
    seen = []
    for _ in range(len(model.sorts())):
        model.next_sort(shown)
        seen.append((model.filters.sort, model.filters.descending))
    assert "degree" not in {s for s, _ in seen}
    assert ("experience", True) in seen and ("name", False) in seen
    assert all(model.sort_label().split()[0] for _ in seen)  # every sort has a name in the status line


def test_filter_lists_name_matches_first_and_says_what_matched_in_documents() -> None:
    rows = [_row(i, name=f"Person {i}") for i in range(5)] + [_row(9, name="Cédric Renard")]
    texts = {i: f"supervisor: marc renard, unicef {i}" for i in range(5)}
    texts[9] = "cédric renard curriculum"
    model = ListModel(rows=rows, texts=texts)
    model.filters.query = "renard"
    order = model.compute()
    assert model.rows[order[0]].name == "Cédric Renard"
    assert model.match_kind[order[0]] == MATCH_NAME
    assert all(model.match_kind[i] == MATCH_DOCUMENTS for i in order[1:])
    assert "supervisor: marc renard" in model.snippet(order[1])


def test_country_names_fit_their_column() -> None:
    widths = {w: dict((n, x) for n, _, x in columns(w, 5)) for w in (80, 120, 200)}
    assert widths[120]["nationality"] >= 30 and widths[120]["name"] <= 30
    assert nationality_text("Democratic Republic of the Congo", widths[80]["nationality"]) == "COD"
    assert nationality_text("Belgium", widths[80]["nationality"]) == "Belgium"
