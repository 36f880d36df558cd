"""A small, fixed sample vacancy written straight into a database (fast and independent of the PDF readers).

Used by the UI tests, the snapshot tests, the tmux test and the query/scoring unit tests.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy.engine import Engine
from sqlmodel import select

from jpo_tui.core.vacancy import parse_vacancy
from jpo_tui.store import models as m
from jpo_tui.store.db import session_scope
from jpo_tui.store.writes import upsert_vacancy

VACANCY_TOML = """
[vacancy]
id = "TEST-2026-M&E"
title = "JPO Monitoring and Evaluation"
organisation = "UNDP"
duty_station = "Dakar"
grade = "P2"
donor = "Belgium"
call_year = 2026
deadline = 2026-03-31

[eligibility]
nationalities = ["Belgium"]
dcc_nationalities = ["Senegal", "Rwanda"]
required_languages = ["English", "French"]

[[criteria]]
name = "Monitoring and evaluation"
weight = 3
keywords = ["monitoring and evaluation", "M&E"]

[[criteria]]
name = "Gender equality"
weight = 2
keywords = ["gender equality", "gender mainstreaming"]

[[criteria]]
name = "Data analysis"
weight = 2
keywords = ["data analysis", "statistics"]

[[criteria]]
name = "Project management"
weight = 1
keywords = ["project management"]

[[criteria]]
name = "Humanitarian"
weight = 1
keywords = ["humanitarian"]
"""

SECOND_VACANCY_TOML = VACANCY_TOML.replace('"TEST-2026-M&E"', '"TEST-2026-WASH"').replace(
    "JPO Monitoring and Evaluation", "JPO Water and Sanitation")

HOSTILE_NAME = "[bold red]Mallory[/b] [@click=app.quit]X\x1b[31m\x07 O'Hara"

# name, nationality, birth year, degree, months, status, P11 paragraphs (keywords occur in them)
PEOPLE = [
    ("Amina Diallo", "Senegal", 1996, "master", 38.0, "eligible",
     "Worked on monitoring and evaluation of health programmes. Led data analysis with statistics software. "
     "Promoted gender equality in field teams."),
    ("Bart Peeters", "Belgium", 1995, "master", 30.0, "eligible",
     "Project management for a humanitarian NGO; monitoring and evaluation officer."),
    ("Chloé Dubois", "Belgium", 1990, "master", 60.0, "ineligible",
     "Ten years of project management. Data analysis for ministries."),
    ("Daniel Okafor", "Nigeria", 1997, "bachelor", 12.0, "ineligible",
     "Volunteer in humanitarian response. Some statistics courses."),
    ("Elise Janssens", "Belgium", 1998, "master", 22.0, "review",
     "Gender mainstreaming in education projects; M&E frameworks."),
    ("Fatou Ndiaye", "Senegal", 1995, "doctorate", 48.0, "eligible",
     "Doctoral research in statistics and data analysis; monitoring and evaluation consultant; "
     "gender equality advocate; humanitarian field work; project management."),
    ("Grégoire Uwimana", "Rwanda", 1996, "master", 26.0, "eligible",
     "Humanitarian coordination in camps, project management."),
    (HOSTILE_NAME, "Belgium", 1994, "master", 30.0, "review",
     "[red]Not markup[/red] \x1b[2J\x1b[H escape codes and \x00 control characters; monitoring and evaluation."),
    ("Hanne Willems", "Belgium", 1999, "master", 25.0, "eligible",
     "Monitoring and evaluation internships; data analysis in R."),
    ("Ibrahima Sow", "Senegal", 1993, "master", 40.0, "eligible",
     "Statistics officer; gender equality training; humanitarian logistics."),
]

EMPLOYMENT = [
    ("2021-01", "2023-06", "M&E Officer", "UNICEF", False),
    ("2019-09", "2020-12", "Intern, data unit", "World Bank", True),
]
EDUCATION = [
    ("Université libre de Bruxelles", "Master in Development Studies", "2017-09", "2019-06", "master"),
    ("KU Leuven", "Bachelor in Economics", "2014-09", "2017-06", "bachelor"),
]
LANGUAGES = [("English", True, True, True, True, False, "fluent"), ("French", True, True, True, True, True, "fluent")]


def _rules(status: str, age: int) -> list[dict]:
    rule_status = {"eligible": "pass", "ineligible": "fail", "review": "review"}[status]
    return [
        {"rule": "age", "status": "pass" if age <= 32 else "fail",
         "sentence": f"Age {age} on 31 December 2026 (limit 32)", "overridden": False},
        {"rule": "degree", "status": "pass", "sentence": "Master's degree completed 2019-06", "overridden": False},
        {"rule": "experience", "status": rule_status,
         "sentence": "Experience: 2 years 6 months relevant (internships at 50%)", "overridden": False},
        {"rule": "nationality", "status": "pass", "sentence": "Nationality in the donor or DCC list",
         "overridden": False},
        {"rule": "languages", "status": "pass", "sentence": "English fluent; French fluent", "overridden": False},
    ]


def _cv_text(name: str, paragraph: str) -> str:
    return f"{name}\nCurriculum vitae\n\nPROFILE\n{paragraph}\n\n" + "\n".join(
        f"Line {i}: experience in the field and in the office." for i in range(1, 41)
    ) + "\n\nSKILLS\nData analysis, project management.\n"


def build_sample(engine: Engine, *, people: int | None = None, second_vacancy: bool = False) -> str:
    """Write the sample vacancy and its applicants; returns the vacancy id."""
    spec = parse_vacancy(VACANCY_TOML)
    with session_scope(engine, write=True) as session:
        upsert_vacancy(session, spec)
        if second_vacancy:
            upsert_vacancy(session, parse_vacancy(SECOND_VACANCY_TOML))
        session.flush()
        crits = {c.name: c for c in session.exec(select(m.Criterion).where(m.Criterion.vacancy_id == spec.id))}
        for n, (name, nat, year, degree, months, status, para) in enumerate(PEOPLE[:people]):
            key = f"A{1000 + n}"
            a = m.Applicant(vacancy_id=spec.id, key=key, name=name, first_name=name.split()[0],
                            family_name=name.split()[-1], date_of_birth=date(year, 5, 17), nationality=nat,
                            nationality_raw=nat, email=f"{key.lower()}@example.org", flags=[])
            session.add(a)
            session.flush()
            p11 = (f"PERSONAL HISTORY FORM (P11)\nName: {name}\nNationality: {nat}\n"
                   f"Date of birth: {year}-05-17\n\nDuties and achievements:\n{para}\n")
            docs = []
            for kind, text in (("p11", p11), ("cv", _cv_text(name, para)),
                               ("cover_letter", f"Dear committee,\n\n{para}\n\nKind regards,\n{name}\n")):
                d = m.Document(applicant_id=a.id, file_path=f"{key}/{kind}.pdf", sha256=f"{key}-{kind}".ljust(64, "0"),
                               kind=kind, layout="flat", pages=1, size_bytes=len(text), text=text, flags=[], facts={})
                session.add(d)
                docs.append(d)
            session.flush()
            for i, (start, end, title, employer, intern) in enumerate(EMPLOYMENT):
                session.add(m.EmploymentEntry(applicant_id=a.id, position=i, start=start, end=end, title=title,
                                              employer=employer, duties=para[:80], internship=intern))
            for i, (inst, deg, start, end, level) in enumerate(EDUCATION):
                session.add(m.EducationEntry(applicant_id=a.id, position=i, institution=inst, degree=deg,
                                             start=start, end=end, level=level))
            for lang, r, w, s, u, mother, level in LANGUAGES:
                session.add(m.LanguageSkill(applicant_id=a.id, language=lang, read=r, write=w, speak=s,
                                            understand=u, mother_tongue=mother, level=level))
            matched = 0
            for crit in spec.criteria:
                found = False
                for d in docs:
                    low = d.text.casefold()
                    for kw in crit.keywords:
                        start = low.find(kw.casefold())
                        while start >= 0:
                            found = True
                            session.add(m.Hit(applicant_id=a.id, criterion_id=crits[crit.name].id,
                                              document_id=d.id, keyword=kw, text=d.text[start:start + len(kw)],
                                              start=start, end=start + len(kw), score=100.0))
                            start = low.find(kw.casefold(), start + len(kw))
                matched += found
            age = 2026 - year
            session.add(m.ScreeningResult(
                applicant_id=a.id, status=status, failed=["age"] if status == "ineligible" else [],
                reasons=[], rules=_rules(status, age), age=age, highest_degree=degree, experience_months=months,
                coverage=matched / len(spec.criteria), criteria_matched=matched))
        session.add(m.ImportProblem(vacancy_id=spec.id, applicant_key="A1099", file_path="A1099/scan.pdf",
                                    reason="a scanned image without text: cannot be read"))
    return spec.id


def build_many(engine: Engine, count: int) -> str:
    """The sample vacancy with ``count`` synthetic applicants (bulk insert, for speed measurements)."""
    spec = parse_vacancy(VACANCY_TOML)
    with session_scope(engine, write=True) as session:
        upsert_vacancy(session, spec)
        session.flush()
        crit_ids = [c.id for c in session.exec(
            select(m.Criterion).where(m.Criterion.vacancy_id == spec.id).order_by(m.Criterion.position))]
    first = ["Amina", "Bart", "Chloé", "Daniel", "Elise", "Fatou", "Grégoire", "Hanne", "Ibrahima", "Jonas"]
    last = ["Diallo", "Peeters", "Dubois", "Okafor", "Janssens", "Ndiaye", "Uwimana", "Willems", "Sow", "Maes"]
    statuses = ("eligible", "ineligible", "review")
    with session_scope(engine, write=True) as session:
        conn = session.connection()
        conn.execute(m.Applicant.__table__.insert(), [
            {"id": i + 1, "vacancy_id": spec.id, "key": f"K{i:06d}", "name": f"{first[i % 10]} {last[(i // 10) % 10]} {i}",
             "family_name": "", "first_name": "", "nationality": "Belgium", "nationality_raw": "", "email": "",
             "flags": [], "created_at": m.utcnow(), "updated_at": m.utcnow()}
            for i in range(count)])
        conn.execute(m.Document.__table__.insert(), [
            {"applicant_id": i + 1, "file_path": f"K{i:06d}/cv.pdf", "sha256": f"{i:064d}", "kind": "cv",
             "layout": "cv", "pages": 1, "size_bytes": 0, "flags": [], "facts": {}, "imported_at": m.utcnow(),
             "text": f"Curriculum vitae {i}. " + ("monitoring and evaluation " if i % 3 == 0 else "")
             + ("gender equality " if i % 4 == 0 else "") + "field work " * 50}
            for i in range(count)])
        conn.execute(m.ScreeningResult.__table__.insert(), [
            {"applicant_id": i + 1, "status": statuses[i % 3], "failed": [], "reasons": [], "rules": [],
             "age": 25 + i % 10, "highest_degree": "master", "experience_months": float(i % 60),
             "coverage": 0.0, "criteria_matched": 0, "computed_at": m.utcnow()}
            for i in range(count)])
        conn.execute(m.Hit.__table__.insert(), [
            {"applicant_id": i + 1, "criterion_id": crit_ids[i % len(crit_ids)], "document_id": i + 1,
             "keyword": "x", "text": "x", "start": 0, "end": 1, "score": 100.0}
            for i in range(count)])
    return spec.id
