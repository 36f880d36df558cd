"""Write a whole corpus folder: vacancy.toml, applications/KEY/*.pdf and truth.json (the dev corpus's format).

Each applicant is built from (seed, index) alone, so the result is the same whether it is written by one process
or several. Besides ordinary applicants the corpus holds one person who applied twice under two keys, a namesake
(same name, another birth date: not a duplicate), broken files under ordinary keys and a scan with no text layer.
"""

from __future__ import annotations

import json
import os
import random
from collections.abc import Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Any

from jpo_tui.core.vacancy import VacancySpec, parse_vacancy
from tests.samples.bad_files import BROKEN_KINDS, WHY, broken, scanned
from tests.samples.common import Rendered
from tests.samples.keywords import mentioned
from tests.samples.profiles import Profile, random_profile
from tests.samples.render_p11 import LAYOUTS, P11_LAYOUTS, render, render_cover_letter
from tests.samples.text import ascii_fold
from tests.samples.truth import truth_entry
from tests.samples.vacancy import DEMO_VACANCY_TOML

_NAMES = {
    "neutral": ("document1.pdf", "document2.pdf", "scan{n:04d}.pdf", "Doc{d}.pdf", "upload.pdf", "attachment.pdf",
                "{family}.pdf", "{family}_{first}.pdf", "{first}_{family}_2026.pdf", "IMG_{n:04d}.pdf", "pièce jointe.pdf"),
    "p11": ("p11.pdf", "P11_{family}.pdf", "PHF_{family}.pdf", "P11_signed.pdf", "personal_history_form.pdf",
            "notice_personnelle.pdf", "formulaire_P11.pdf", "PHP_{family}.pdf"),
    "cv": ("CV.pdf", "cv_{family}.pdf", "CV_final.pdf", "resume.pdf", "CV_{first}_{family}.pdf", "curriculum.pdf", "CV_EN.pdf"),
    "cover_letter": ("cover_letter.pdf", "lettre.pdf", "lettre_motivation.pdf", "motivation.pdf", "LM_{family}.pdf",
                     "letter.pdf", "Cover Letter.pdf"),
}


@dataclass(frozen=True)
class Task:
    """One folder to write; ``role`` is applicant, duplicate, broken or scanned."""

    key: str
    role: str
    profile_seed: str
    layout: str
    out: str
    compress: bool = True
    letter_p: float = 0.7
    extra: dict[str, Any] = field(default_factory=dict)


@lru_cache(maxsize=4)
def _vacancy(toml: str) -> VacancySpec:
    return parse_vacancy(toml, "vacancy.toml")


def file_name(kind: str, profile: Profile, rng: random.Random, taken: set[str]) -> str:
    """A plausible file name that does not reliably say what the file holds."""
    r = rng.random()
    pool = _NAMES[kind] if r < 0.45 else (_NAMES["neutral"] if r < 0.85 else _NAMES[rng.choice(("p11", "cv", "cover_letter"))])
    fam = ascii_fold(profile.family_name).replace(" ", "").replace("'", "")
    name = rng.choice(pool).format(family=fam, first=ascii_fold(profile.first_name).replace(" ", ""),
                                   n=rng.randrange(1, 9999), d=rng.randrange(1, 9))
    stem, dot, ext = name.rpartition(".")
    i = 1
    while name.lower() in taken:
        name = f"{stem} ({i}).{ext}"
        i += 1
    taken.add(name.lower())
    return name


def _documents(task: Task, profile: Profile, vacancy: VacancySpec) -> list[Rendered]:
    rng = profile.rng(f"docs/{task.key}")
    docs = [render(task.layout, profile, vacancy, compress=task.compress)]
    if task.layout in P11_LAYOUTS and rng.random() < 0.12:
        docs.append(render("cv-fr" if profile.doc_lang == "fr" else "cv", profile, vacancy, compress=task.compress))
    if rng.random() < task.letter_p:
        lang = docs[0].lang if docs[0].lang == "fr" or rng.random() < 0.6 else profile.doc_lang
        docs.append(render_cover_letter(profile, vacancy, lang, compress=task.compress))
    return docs


def build(task: Task, vacancy_toml: str) -> dict[str, Any]:
    """Write one folder; return what truth.json needs from it."""
    vacancy = _vacancy(vacancy_toml)
    extra = task.extra
    born = date.fromisoformat(extra["born"]) if "born" in extra else None
    name = tuple(extra["name"]) if "name" in extra else None
    profile = random_profile(task.profile_seed, vacancy, name=name, born=born)  # type: ignore[arg-type]
    folder = Path(task.out) / task.key
    folder.mkdir(parents=True, exist_ok=True)
    rng = profile.rng(f"files/{task.key}")
    taken: set[str] = set()
    result: dict[str, Any] = {"key": task.key, "role": task.role, "refused": []}
    if task.role == "scanned":
        page = render("flat", profile, vacancy, compress=task.compress)
        (folder / file_name("p11", profile, rng, taken)).write_bytes(scanned(page.strings, rng))
        return result
    docs = _documents(task, profile, vacancy)
    if task.role == "broken":
        kind = extra["broken"]
        fname = file_name(docs[0].kind, profile, rng, taken)
        (folder / fname).write_bytes(broken(kind, docs[0].data, rng))
        result["refused"].append({"key": task.key, "file": f"{task.key}/{fname}", "why": WHY[kind]})
        return result
    criteria: set[str] = set()
    for i, doc in enumerate(docs):
        fname = file_name(doc.kind, profile, rng, taken)
        data = doc.data
        if "broken_extra" in extra and i == len(docs) - 1 and len(docs) > 1:
            data = broken(extra["broken_extra"], data, rng)
            result["refused"].append({"key": task.key, "file": f"{task.key}/{fname}", "why": WHY[extra["broken_extra"]]})
        else:
            criteria |= doc.tracked | mentioned(doc.strings, vacancy.criteria)
        (folder / fname).write_bytes(data)
    result["truth"] = truth_entry(task.key, task.layout, profile, vacancy, criteria)
    return result


def _build_star(args: tuple[Task, str]) -> dict[str, Any]:
    return build(*args)


def plan(out: Path, n: int, seed: int, layouts: Sequence[str], bad_files: bool, compress: bool,
         vacancy: VacancySpec, broken_kinds: Sequence[str] = BROKEN_KINDS, broken_letter: bool = True) -> list[Task]:
    """The folders of a corpus: n applicants (one a namesake), a duplicate, and with bad_files broken ones and a scan."""
    rng = random.Random(f"corpus/{seed}")
    specials = 1 + (len(broken_kinds) + 1 if bad_files else 0)
    total = n + specials
    numbers = rng.sample(range(1, total * 3 + 1), total)
    prefix = f"A{seed % 90 + 10:02d}"
    keys = [f"{prefix}{num:05d}" for num in numbers]
    order = list(range(n))
    rng.shuffle(order)
    apps = str(out / "applications")
    tasks = [Task(keys[i], "applicant", f"{seed}:{i}", layouts[order[i] % len(layouts)], apps, compress) for i in range(n)]
    if n >= 2:
        j, k = rng.sample(range(n), 2)
        twin = random_profile(tasks[j].profile_seed, vacancy)
        other = date(twin.born.year + rng.choice((-3, -2, -1, 1, 2)), rng.randrange(1, 13), rng.randrange(1, 29))
        tasks[k] = Task(tasks[k].key, "applicant", tasks[k].profile_seed, tasks[k].layout, apps, compress,
                        extra={"name": [twin.first_name, twin.family_name], "born": other.isoformat()})
    if n >= 1:
        d = rng.randrange(n)
        again = [x for x in layouts if x != tasks[d].layout] or list(layouts)
        tasks.append(Task(keys[n], "duplicate", tasks[d].profile_seed, rng.choice(again), apps, compress,
                          extra={"of": tasks[d].key}))
    if bad_files:
        for b, kind in enumerate(broken_kinds):
            tasks.append(Task(keys[n + 1 + b], "broken", f"{seed}:broken{b}", rng.choice(P11_LAYOUTS), apps, compress,
                              letter_p=0.0, extra={"broken": kind}))
        tasks.append(Task(keys[n + 1 + len(broken_kinds)], "scanned", f"{seed}:scan", "flat", apps, compress))
        if n >= 3 and broken_letter:
            victim = rng.randrange(n)
            t = tasks[victim]
            tasks[victim] = Task(t.key, t.role, t.profile_seed, t.layout, apps, compress, letter_p=1.0,
                                 extra={**t.extra, "broken_extra": rng.choice(("truncated", "notpdf"))})
    return tasks


def write_corpus(out_dir: Path, n: int, seed: int = 0, layouts: Sequence[str] | None = None, bad_files: bool = True,
                 *, vacancy_toml: str | None = None, compress: bool = True, workers: int | None = None,
                 broken_kinds: Sequence[str] = BROKEN_KINDS, broken_letter: bool = True) -> Path:
    """Write vacancy.toml, applications/KEY/*.pdf and truth.json under ``out_dir``; return ``out_dir``.

    ``layouts`` defaults to all of LAYOUTS, used in turn; ``workers`` > 1 (default: the CPU count when n >= 200)
    writes in parallel with the same result. With ``bad_files``: one folder per ``broken_kinds`` (empty, notpdf,
    truncated, encrypted), a scanned P11 without text, and (``broken_letter``) one applicant whose letter is broken.
    """
    out_dir = Path(out_dir)
    layouts = tuple(layouts or LAYOUTS)
    for lay in layouts:
        if lay not in LAYOUTS:
            raise ValueError(f"unknown layout {lay!r}; expected one of {', '.join(LAYOUTS)}")
    toml = vacancy_toml or DEMO_VACANCY_TOML
    vacancy = _vacancy(toml)
    (out_dir / "applications").mkdir(parents=True, exist_ok=True)
    (out_dir / "vacancy.toml").write_text(toml, encoding="utf-8")
    for kind in broken_kinds:
        if kind not in BROKEN_KINDS:
            raise ValueError(f"unknown broken kind {kind!r}; expected one of {', '.join(BROKEN_KINDS)}")
    tasks = plan(out_dir, n, seed, layouts, bad_files, compress, vacancy, broken_kinds, broken_letter)
    if workers is None:
        workers = min(os.cpu_count() or 1, 8) if n >= 200 else 1
    if workers > 1:
        with ProcessPoolExecutor(max_workers=workers) as pool:
            results = list(pool.map(_build_star, [(t, toml) for t in tasks], chunksize=max(1, len(tasks) // (workers * 16))))
    else:
        results = [build(t, toml) for t in tasks]
    by_key = {t.key: t for t in tasks}
    truth = {
        "call_year": vacancy.call_year,
        "deadline": vacancy.deadline.isoformat(),
        "applicants": sorted((r["truth"] for r in results if r["role"] == "applicant"), key=lambda e: e["key"]),
        "duplicates": [[by_key[r["key"]].extra["of"], r["key"]] for r in results if r["role"] == "duplicate"],
        "no_text_layer": [r["key"] for r in results if r["role"] == "scanned"],
        "refused": sorted((x for r in results for x in r["refused"]), key=lambda e: e["key"]),
    }
    (out_dir / "truth.json").write_text(json.dumps(truth, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return out_dir
