"""CV entries dated in spellings the first parser missed: "Jan 2020 to date", an open range ("since March 2021",
"depuis mars 2021"), a month dashed to its year ("Mar-2019"), and a year after a word that is not a month
("London School of Hygiene, 2018", "Ghent University, 2015 - 2017")."""

from __future__ import annotations

from jpo_tui.ingest.cv import parse_cv
from jpo_tui.ingest.cv_entries import education, employment


def _jobs(lines: list[str]) -> list[tuple[str | None, str | None, bool, str]]:
    return [(j.start.iso() if j.start else None, j.end.iso() if j.end else None, j.present, j.title)
            for j in employment(lines)]


def test_to_date_ends_a_range_at_present() -> None:
    assert _jobs(["Jan 2020 to date  Programme Officer, FAO, Rome",
                  "2019-03 - 2019-12  Consultant, World Bank"]) == [
        ("2020-01", None, True, "Programme Officer"), ("2019-03", "2019-12", False, "Consultant")]


def test_open_ranges_run_until_now() -> None:
    assert _jobs(["Programme Analyst, UNDP (since March 2021)", "- Coordination of the M&E unit since 2022."]) == [
        ("2021-03", None, True, "Programme Analyst")]
    assert _jobs(["Chargée de projet - Oxfam, depuis mars 2021"]) == [("2021-03", None, True, "Chargée de projet")]


def test_month_dashed_to_its_year() -> None:
    assert _jobs(["Mar-2019 - Jun-2020  Field Officer, MSF"]) == [("2019-03", "2020-06", False, "Field Officer")]


def test_a_year_after_a_word_that_is_not_a_month() -> None:
    got = [(e.level, e.start.iso() if e.start else None, e.end.iso() if e.end else None)
           for e in education(["MSc Public Health, London School of Hygiene, 2018",
                               "Bachelor of Economics, Ghent University, 2015 - 2017"])]
    assert got == [("master", None, "2018-06"), ("bachelor", "2015-01", "2017-06")]


def test_work_history_heading_and_to_date() -> None:
    facts = parse_cv("\n".join(["Anna Janssens", "anna.janssens@example.com", "Work history",
                                "Jan 2020 to date  Programme Officer, FAO, Rome", "Education",
                                "MSc Public Health, London School of Hygiene, 2018"]))
    assert [(j.start.iso(), j.present) for j in facts.employment] == [("2020-01", True)]
    assert [e.level for e in facts.education] == ["master"]


def test_heading_before_its_dates_throughout_a_section() -> None:
    """Each degree or post printed on the line above its dates: no range takes the next entry's heading."""
    edu = education(["Master in Development Studies, Ghent University", "2017-09 - 2019-06",
                     "Bachelor in Political Science, University of Liège", "09.2014 - 06.2017"])
    assert [(e.level, e.institution, e.start.iso()) for e in edu] == [
        ("master", "Ghent University", "2017-09"), ("bachelor", "University of Liège", "2014-09")]
    assert _jobs(["Project Officer, Enabel, Brussels", "Sept. 2019 - Feb. 2021", "Programme Analyst, UNDP, Dakar",
                  "March 2021 - present"]) == [("2019-09", "2021-02", False, "Project Officer"),
                                              ("2021-03", None, True, "Programme Analyst")]


def test_dates_before_their_heading_throughout_a_section() -> None:
    assert _jobs(["March 2021 - present", "Programme Analyst, UNDP, Dakar", "Sept. 2019 - Feb. 2021",
                  "Project Officer, Enabel, Brussels"]) == [("2021-03", None, True, "Programme Analyst"),
                                                            ("2019-09", "2021-02", False, "Project Officer")]


def test_degree_wrapped_onto_the_line_of_its_dates() -> None:
    facts = parse_cv("\n".join([
        "Benoît Collignon", "b.collignon@example.net", "EDUCATION",
        "Master of Laws (LL.M.) in International Human Rights Law, International Institute of Social",
        "Studies (ISS), Erasmus University (09/2021 - 08/2022)",
        "Bachelor of Arts in Sociology, Université de Namur (09/2018 - 06/2021)"]))
    assert [(e.level, e.start.iso()) for e in facts.education] == [("master", "2021-09"), ("bachelor", "2018-09")]


def test_day_month_year_dates_and_arrows() -> None:
    assert _jobs(["01.09.2015 - 30.06.2017 Officer, Enabel", "Dates  01/03/2019 → present",
                  "Occupation or position held  Programme Officer", "2019-03 -> 2020-04 Analyst, UNDP"]) == [
        ("2015-09", "2017-06", False, "Officer"), ("2019-03", None, True, "Programme Officer"),
        ("2019-03", "2020-04", False, "Analyst")]


def test_place_beside_the_dates_is_not_the_heading() -> None:
    assert _jobs(["01/03/2019 – CURRENT Brussels, Belgium", "PROGRAMME OFFICER – ENABEL",
                  "Monitoring of projects.", "Intern, Belgium (2017 - 2018)", "Officer, X"]) == [
        ("2019-03", None, True, "PROGRAMME OFFICER"), ("2017-01", "2018-12", False, "Intern")]


def test_heading_above_dates_with_description_paragraphs_below() -> None:
    """The first line of a description below the dates can look like a heading (no final full stop); the short
    line above the dates is the heading."""
    assert _jobs([
        "Research Assistant, World Food Programme (06/2025 – 02/2026)",
        "Maintained partner contact lists and the shared filing system of the office. Coordinated the",
        "data analysis component of a programme.",
        "Communications Officer - Save the Children, Brussels", "07/2024 - 12/2024",
        "Prepared terms of reference and took part in the recruitment of consultants. Represented",
        "the organisation in sector working group meetings.",
        "Intern - IOM, Brussels", "01/2024 – 03/2024",
        "Drafted donor reports, briefing notes and minutes of coordination meetings for the country",
        "office."]) == [("2025-06", "2026-02", False, "Research Assistant"),
                        ("2024-07", "2024-12", False, "Communications Officer"),
                        ("2024-01", "2024-03", False, "Intern")]


def test_long_degree_title_above_its_dates() -> None:
    edu = education(["Master en sciences de la population et du développement, Université catholique de Louvain",
                     "2020-2021", "Bachelor in Psychology, Université Catholique du Congo", "2015-2018"])
    assert [(e.level, e.start.year) for e in edu] == [("master", 2020), ("bachelor", 2015)]


def test_academic_years() -> None:
    edu = education(["Master en droit, ULB, 2017/2018", "Master in Economics, KU Leuven (2016/18)",
                     "Bachelor, UGent, 2013/14 - 2015/16"])
    assert [(e.level, e.start.year, e.end.iso()) for e in edu] == [
        ("master", 2017, "2018-06"), ("master", 2016, "2018-06"), ("bachelor", 2013, "2016-06")]
    assert _jobs(["Officer, UNDP (2019/11 - 2020/03)"]) == [("2019-11", "2020-03", False, "Officer")]
