"""Finding the same person applying twice under two keys (reported, never merged).

Two applicants are the same person when their names are near-identical and their birth dates agree, or when
their e-mails are near-identical and their names close, with no conflicting birth date. Namesakes born on
other days are other people.
"""

from __future__ import annotations

import unicodedata
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from rapidfuzz import fuzz
from sqlmodel import Session, col, select

from jpo_tui.store import models as m

NAME_SAME = 90.0  # token_sort_ratio for "the same name" (typos, accents, order)
NAME_CLOSE = 75.0  # with a near-identical e-mail
EMAIL_SAME = 90.0


@dataclass(frozen=True)
class Person:
    key: str
    name: str
    date_of_birth: date | None
    email: str


def _fold(text: str) -> str:
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().casefold()
    return " ".join("".join(ch if ch.isalnum() or ch == "@" or ch == "." else " " for ch in text).split())


def why_same(a: Person, b: Person) -> str | None:
    """Why two applicants are the same person ("same name and birth date", "same e-mail and a close name", ...),
    or None when they are not: two known birth dates that differ never make a duplicate."""
    if a.date_of_birth and b.date_of_birth and a.date_of_birth != b.date_of_birth:
        return None
    name_a, name_b = _fold(a.name), _fold(b.name)
    names = fuzz.token_sort_ratio(name_a, name_b) if name_a and name_b else 0.0
    if a.date_of_birth and a.date_of_birth == b.date_of_birth and names >= NAME_SAME:
        return "same name and birth date"
    email_a, email_b = _fold(a.email), _fold(b.email)
    if email_a and email_b and fuzz.ratio(email_a, email_b) >= EMAIL_SAME:
        same = "same e-mail" if email_a == email_b else "near-identical e-mail"
        if names >= NAME_CLOSE:
            return f"{same} and a close name" + (" and birth date" if a.date_of_birth else "")
        if not (name_a and name_b):
            return f"{same} (a name is missing)"
    return None


def _same_person(a: Person, b: Person) -> bool:
    return why_same(a, b) is not None


def duplicate_pairs(people: Sequence[Person]) -> list[tuple[str, str, str]]:
    """(key, key, why) for each pair that joined a duplicate group."""
    return _grouped(people)[1]


def duplicate_groups(people: Sequence[Person]) -> list[list[str]]:
    """Groups (two or more keys) of applicants who are the same person; candidates are blocked by birth date,
    by e-mail prefix and by family-name initial, so this stays near-linear for thousands of applicants. A group
    never holds two different known birth dates, and an applicant whose birth date is unknown never joins two
    groups that each hold more than one person."""
    return _grouped(people)[0]


def _grouped(people: Sequence[Person]) -> tuple[list[list[str]], list[tuple[str, str, str]]]:
    blocks: dict[tuple, list[int]] = defaultdict(list)
    for i, p in enumerate(people):
        if p.date_of_birth:
            blocks[("dob", p.date_of_birth)].append(i)
        local = _fold(p.email).split("@")[0]
        if len(local) >= 3:
            blocks[("mail", local[:3])].append(i)
    parent = list(range(len(people)))
    births: list[set[date]] = [{p.date_of_birth} if p.date_of_birth else set() for p in people]
    sizes = [1] * len(people)
    pairs: list[tuple[str, str, str]] = []

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for members in blocks.values():
        if len(members) < 2 or len(members) > 2000:
            continue
        for x in range(len(members)):
            for y in range(x + 1, len(members)):
                i, j = members[x], members[y]
                ri, rj = find(i), find(j)
                if ri == rj:
                    continue
                if len(births[ri] | births[rj]) > 1:
                    continue  # the groups hold people born on different days
                if sizes[ri] > 1 and sizes[rj] > 1 and not (people[i].date_of_birth and people[j].date_of_birth):
                    continue  # an unknown birth date never joins two groups
                why = why_same(people[i], people[j])
                if why is None:
                    continue
                parent[rj] = ri
                births[ri] |= births[rj]
                sizes[ri] += sizes[rj]
                pairs.append((people[i].key, people[j].key, why))
    groups: dict[int, list[str]] = defaultdict(list)
    for i, p in enumerate(people):
        groups[find(i)].append(p.key)
    return sorted(sorted(g) for g in groups.values() if len(g) > 1), pairs


def _people(session: Session, vacancy_id: str) -> list[Person]:
    rows = session.exec(
        select(m.Applicant.key, m.Applicant.name, col(m.Applicant.date_of_birth), m.Applicant.email)
        .where(m.Applicant.vacancy_id == vacancy_id)
    ).all()
    return [Person(k, n or "", d, e or "") for k, n, d, e in rows]


def pair_key(a: str, b: str) -> tuple[str, str]:
    """The order a pair of keys is stored in."""
    return (a, b) if a <= b else (b, a)


def decisions(session: Session, vacancy_id: str) -> dict[tuple[str, str], m.DuplicateDecision]:
    """The chair's decisions on pairs, by (key, key) in :func:`pair_key` order."""
    rows = session.exec(select(m.DuplicateDecision).where(m.DuplicateDecision.vacancy_id == vacancy_id))
    return {(d.key_a, d.key_b): d for d in rows}


def suspected_pairs(session: Session, vacancy_id: str) -> list[tuple[str, str, str]]:
    """(key, key, why) of every pair of the vacancy's applicants that look like one person, decided or not."""
    people = _people(session, vacancy_id)
    out: dict[tuple[str, str], str] = {}
    for a, b, why in duplicate_pairs(people):
        out[pair_key(a, b)] = why
    by_key = {p.key: p for p in people}
    for a, b in decisions(session, vacancy_id):  # a decided pair stays listed while both are there
        if (a, b) not in out and a in by_key and b in by_key:
            out[(a, b)] = why_same(by_key[a], by_key[b]) or "decided earlier"
    return sorted((a, b, why) for (a, b), why in out.items())


def withdrawn_keys(session: Session, vacancy_id: str) -> dict[str, str]:
    """Key -> the key kept instead, for applications the chair withdrew as another's duplicate."""
    out = {}
    for (a, b), d in decisions(session, vacancy_id).items():
        if d.decision == "same" and d.kept in (a, b):
            out[b if d.kept == a else a] = d.kept
    return out


def duplicate_decisions(session: Session, vacancy_id: str, keys: set[str] | None = None) -> list[dict]:
    """The chair's decisions on pairs (for the export), oldest first."""
    rows = sorted(decisions(session, vacancy_id).values(), key=lambda d: d.id or 0)
    return [{"keys": [d.key_a, d.key_b], "decision": d.decision, "kept": d.kept, "reason": d.reason, "by": d.by,
             "at": d.at.isoformat(timespec="seconds")}
            for d in rows if keys is None or {d.key_a, d.key_b} & keys]


def find_duplicates(session: Session, vacancy_id: str) -> list[list[str]]:
    """Groups of the vacancy's applicants who may be one person, leaving out the pairs the chair decided."""
    return find_duplicates_why(session, vacancy_id)[0]


def find_duplicates_why(session: Session, vacancy_id: str) -> tuple[list[list[str]], list[tuple[str, str, str]]]:
    """Duplicate groups among the vacancy's applicants (the chair's decisions applied), and (key, key, why) for
    each undecided pair that joined them; the applicants are read and paired once."""
    decided = decisions(session, vacancy_id)
    groups, pairs = _grouped(_people(session, vacancy_id))
    open_pairs = sorted((*pair_key(a, b), why) for a, b, why in pairs if pair_key(a, b) not in decided)
    if decided:
        groups = _joined(open_pairs)
    return groups, open_pairs


def _joined(pairs: Sequence[tuple[str, str, str]]) -> list[list[str]]:
    """The groups that ``pairs`` join (union-find over keys)."""
    parent: dict[str, str] = {}

    def find(k: str) -> str:
        parent.setdefault(k, k)
        while parent[k] != k:
            k = parent[k]
        return k

    for a, b, _ in pairs:
        parent[find(a)] = find(b)
    groups: dict[str, list[str]] = defaultdict(list)
    for k in list(parent):
        groups[find(k)].append(k)
    return sorted(sorted(g) for g in groups.values() if len(g) > 1)


def pairs_in(group: Sequence[str], pairs: Sequence[tuple[str, str, str]]) -> list[tuple[str, str, str]]:
    """The pairs that joined one group."""
    members = set(group)
    return [p for p in pairs if p[0] in members and p[1] in members]
