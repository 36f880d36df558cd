"""A vacancy with N applicants written straight into a database (bulk inserts), for the db and app benchmarks.

Each applicant has a P11, a CV and a cover letter of realistic length (the match benchmark's generated texts),
parsed entries, a screening result, the keyword hits the matcher really finds, and a committee of three whose
members scored most applicants (so the ranking and "my scores" columns have data).
"""

from __future__ import annotations

import json
import random
from datetime import date

from sqlalchemy import insert
from sqlalchemy.engine import Engine
from sqlmodel import select

from benchmarks.match_bench import CRITERIA, generate
from jpo_tui.core.vacancy import parse_vacancy
from jpo_tui.screening.matching import Matcher
from jpo_tui.store import models as m
from jpo_tui.store.db import session_scope
from jpo_tui.store.writes import upsert_vacancy

VACANCY_ID = "BENCH-2026-ME"
CHAIR, REVIEWERS = "Bench Chair", ("Bench Reviewer A", "Bench Reviewer B")
STATUSES = ("eligible", "ineligible", "review")
FIRST = ["Amina", "Bart", "Chloé", "Daniel", "Elise", "Fatou", "Grégoire", "Hanne", "Ibrahima", "Jonas", "Kofi",
         "Lena", "Moussa", "Nathalie", "Olivier", "Priya"]
LAST = ["Diallo", "Peeters", "Dubois", "Okafor", "Janssens", "Ndiaye", "Uwimana", "Willems", "Sow", "Maes",
        "Mertens", "Claes", "Traoré", "Nkurunziza", "Wouters", "Haddad"]
COUNTRIES = ["Belgium", "Senegal", "Rwanda", "Burkina Faso", "Morocco", "Benin", "Mali", "Uganda"]


def vacancy_toml(vacancy_id: str = VACANCY_ID) -> str:
    """The benchmark vacancy: the match benchmark's five criteria."""
    crits = "".join(
        f'\n[[criteria]]\nname = {json.dumps(c.name)}\nweight = {c.weight}\nkeywords = {json.dumps(list(c.keywords))}\n'
        for c in CRITERIA)
    return (f'[vacancy]\nid = "{vacancy_id}"\ntitle = "JPO Monitoring and Evaluation (benchmark)"\n'
            'organisation = "UNDP"\nduty_station = "Dakar"\ngrade = "P2"\ndonor = "Belgium"\ncall_year = 2026\n'
            'deadline = 2026-03-31\n\n[eligibility]\nnationalities = ["Belgium"]\n'
            'dcc_nationalities = ["Senegal", "Rwanda", "Burkina Faso", "Benin", "Mali", "Uganda", "Morocco"]\n'
            'required_languages = ["English", "French"]\n' + crits)


def _p11(name: str, nationality: str, born: date, cv: str) -> str:
    return (f"PERSONAL HISTORY FORM (P11)\nFamily name: {name.split()[-1]}\nFirst name: {name.split()[0]}\n"
            f"Date of birth: {born.isoformat()}\nNationality: {nationality}\n\nEMPLOYMENT RECORD\n"
            + cv.split("\n", 2)[-1][:1500])


def build(engine: Engine, n: int, seed: int = 11, *, other_vacancy: int = 0, committee: bool = True) -> str:
    """Write the vacancy, its committee and ``n`` applicants; returns the vacancy id. Chunked bulk inserts.

    ``other_vacancy`` applicants go to a second vacancy first, as in a database kept over several calls.
    Without ``committee`` the reviewers exist (and scored) but the vacancy opens without signing in.
    """
    if other_vacancy:
        _build(engine, other_vacancy, seed + 1, VACANCY_ID + "-EARLIER", committee)
    return _build(engine, n, seed, VACANCY_ID, committee)


def _build(engine: Engine, n: int, seed: int, vacancy_id: str, committee: bool) -> str:
    from jpo_tui.committee.members import add_member, bootstrap_chair

    spec = parse_vacancy(vacancy_toml(vacancy_id))
    with session_scope(engine, write=True) as session:
        upsert_vacancy(session, spec)
        session.flush()
        if committee:
            bootstrap_chair(session, spec.id, CHAIR, "bench passphrase")
            for name in REVIEWERS:
                add_member(session, spec.id, CHAIR, name, "reviewer", "bench passphrase")
        else:
            known = set(session.exec(select(m.Reviewer.name)))
            session.add_all(m.Reviewer(name=name) for name in (CHAIR, *REVIEWERS) if name not in known)
    with session_scope(engine) as session:
        crit_ids = {c.name: c.id for c in session.exec(select(m.Criterion).where(m.Criterion.vacancy_id == spec.id))}
        reviewer_ids = [r.id for r in session.exec(select(m.Reviewer).order_by(m.Reviewer.id))]
    matcher = Matcher(CRITERIA)
    rng = random.Random(seed)
    chunk = 1000
    for start in range(0, n, chunk):
        count = min(chunk, n - start)
        texts, _ = generate(count, seed=seed + start)
        _write_chunk(engine, spec.id, start, texts, crit_ids, reviewer_ids, matcher, rng)
    return spec.id


def _write_chunk(engine: Engine, vacancy_id: str, offset: int, texts: list, crit_ids: dict[str, int],
                 reviewer_ids: list[int], matcher: Matcher, rng: random.Random) -> None:
    now = m.utcnow()
    with session_scope(engine, write=True) as session:
        applicants, docs_by_applicant = [], []
        for i, (_, (cv, letter)) in enumerate((k, [t for _, t in d]) for k, d in texts):
            number = offset + i
            name = f"{FIRST[rng.randrange(16)]} {LAST[rng.randrange(16)]}"
            nationality = COUNTRIES[rng.randrange(len(COUNTRIES))]
            born = date(1990 + rng.randrange(12), 1 + rng.randrange(12), 1 + rng.randrange(28))
            applicants.append({"vacancy_id": vacancy_id, "key": f"A{number:06d}", "name": name,
                               "family_name": name.split()[-1], "first_name": name.split()[0],
                               "date_of_birth": born, "nationality": nationality, "nationality_raw": nationality,
                               "email": f"a{number}@example.org", "flags": [], "created_at": now, "updated_at": now})
            docs_by_applicant.append((("p11", _p11(name, nationality, born, cv)), ("cv", cv),
                                      ("cover_letter", letter)))
        table = m.Applicant.__table__
        ids = list(session.execute(insert(table).returning(table.c.id, sort_by_parameter_order=True),
                                   applicants).scalars())
        doc_rows = [{"applicant_id": aid, "file_path": f"A{offset + i:06d}/{kind}.pdf",
                     "sha256": f"{offset + i:058d}{kind[:6]:>6}", "kind": kind, "layout": "flat", "pages": 2,
                     "size_bytes": 4 * len(text), "text": text, "flags": [], "facts": {}, "imported_at": now}
                    for i, (aid, docs) in enumerate(zip(ids, docs_by_applicant, strict=True)) for kind, text in docs]
        dtable = m.Document.__table__
        doc_ids = list(session.execute(insert(dtable).returning(dtable.c.id, sort_by_parameter_order=True),
                                       doc_rows).scalars())
        items = [(aid, [(doc_ids[3 * i + j], docs[j][1]) for j in range(3)])
                 for i, (aid, docs) in enumerate(zip(ids, docs_by_applicant, strict=True))]
        hits, results, entries, scores, reviews = [], [], [], [], []
        for match in matcher.match_many(items):
            aid = match.key
            for name, found in match.hits.items():
                hits.extend({"applicant_id": aid, "criterion_id": crit_ids[name], "document_id": h.document,
                             "keyword": h.keyword, "text": h.text, "start": h.start, "end": h.end, "score": h.score}
                            for h in found)
            status = STATUSES[rng.randrange(3)]
            results.append({"applicant_id": aid, "status": status, "failed": [] if status != "ineligible" else ["age"],
                            "reasons": [], "rules": [], "age": 24 + rng.randrange(10), "highest_degree": "master",
                            "experience_months": float(rng.randrange(80)), "coverage": match.coverage,
                            "criteria_matched": sum(c.matched for c in match.criteria.values()), "computed_at": now})
            entries.append(aid)
            for rid in reviewer_ids:
                if rng.random() < 0.8:
                    scores.extend({"applicant_id": aid, "reviewer_id": rid, "criterion_id": cid,
                                   "value": rng.randrange(6), "comment": "", "updated_at": now}
                                  for cid in crit_ids.values())
                    reviews.append({"applicant_id": aid, "reviewer_id": rid, "comment": "",
                                    "recommendation": rng.choice(["shortlist", "maybe", "reject", ""]),
                                    "submitted_at": now if rng.random() < 0.7 else None, "abstained": False,
                                    "updated_at": now})
        employment = [{"applicant_id": aid, "position": k, "start": f"{2018 + k}-01", "end": f"{2019 + k}-06",
                       "present": False, "title": "Programme officer", "employer": "UNDP",
                       "duties": "Monitoring and evaluation of programmes; data analysis.", "internship": k == 0,
                       "relevant": True} for aid in entries for k in range(2)]
        education = [{"applicant_id": aid, "position": 0, "institution": "KU Leuven", "degree": "Master",
                      "start": "2015-09", "end": "2017-06", "level": "master", "ongoing": False} for aid in entries]
        languages = [{"applicant_id": aid, "language": lang, "read": True, "write": True, "speak": True,
                      "understand": True, "mother_tongue": lang == "French", "level": "fluent"}
                     for aid in entries for lang in ("English", "French")]
        for table, rows in ((m.Hit, hits), (m.ScreeningResult, results), (m.Score, scores), (m.Review, reviews),
                            (m.EmploymentEntry, employment), (m.EducationEntry, education),
                            (m.LanguageSkill, languages)):
            if rows:
                session.execute(insert(table.__table__), rows)
