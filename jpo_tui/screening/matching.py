"""Find where each criterion's keywords appear in applicants' documents.

How a keyword matches (measured on a labelled set in tests/unit/test_matching.py):
- Texts and keywords are folded (case, accents, hyphens, "&" = "and" = "et" dropped with other function words)
  and light-stemmed (plurals, programme/program), then compared word by word, in order, contiguously
  (a line break is only a space; a sentence break stops a phrase).
- Each keyword word tolerates a few edits (optimal string alignment distance, so a swap is one edit): none
  for words of up to 4 letters, 1 up to 11, 2 from 12; a fuzzy word must start with the keyword word's
  letter. Look-alikes that differ by a whole syllable stay apart: "analyst" is 2 edits from "analysis",
  "equity" 2 from "equality", "manager" 4 from "management", "bicycle" is not "cycle".
- An edit count of 2 or more confined to the last three letters is another suffix, not a typo: "coordinator" and
  "coordinating" are not "coordination".
- Where the keyword joins two words with a conjunction ("monitoring *and* evaluation", "suivi *et* évaluation"),
  the text may join them with a conjunction, "&", punctuation or nothing, not with a preposition or article:
  "suivi des évaluations" and "monitoring of evaluation" are something else.
- A possessive "'s" may be written or left out ("children's rights", "childrens rights").
- A hyphen may split a word ("co-ordination", "monitor-\\ning"): the two halves are also tried as one word.
- Keywords written without lower case ("M&E", "RBM") are acronyms: matched as written (letters
  case-sensitive, so "me" is not "M&E"), with optional spaces around "&" and "/", and a plural "s".

Bulk: every distinct word met is compared once with every distinct keyword word (rapidfuzz ``cdist`` on
the new words of a batch, with workers); documents are then scanned with dictionary lookups.
"""

from __future__ import annotations

import multiprocessing
import os
import pickle
import re
import threading
import weakref
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from itertools import chain, islice
from typing import Any

from rapidfuzz.distance import OSA
from rapidfuzz.process import cdist

from jpo_tui.core.vacancy import CriterionSpec
from jpo_tui.screening.normalise import (
    BARRIER,
    STOPWORDS,
    Tokens,
    acronym_pattern,
    fold,
    is_acronym,
    keyword_tokens,
    stem,
    tokenise,
)

BATCH_APPLICANTS = 200
# From this many batches on, match_many shares the batches among processes (one per core).
PARALLEL_MIN_BATCHES = 2
# Function words that join two words as equals ("and" in several languages); see _conjunction_gaps.
CONJUNCTIONS = frozenset({"and", "&", "et", "und", "y", "e"})
_GAP_WORD = re.compile(r"[^\W_]+|&")
_WORD = re.compile(r"[^\W_]+")
_HYPHENS = re.compile(r"-+")
_WORD_AFTER = re.compile(r"[\s-]*([^\W_]+)")


def default_max_edits(length: int) -> int:
    """Edits a keyword word of this length tolerates."""
    return 0 if length <= 4 else 1 if length <= 11 else 2


@dataclass(frozen=True, slots=True)
class KeywordHit:
    criterion: str
    keyword: str
    text: str  # as written in the document
    start: int  # span into the original document text
    end: int
    score: float  # 100 = exact after folding
    document: int | None = None


@dataclass(frozen=True, slots=True)
class CriterionMatch:
    criterion: str
    matched: bool
    hits: int
    best_score: float
    keywords: tuple[str, ...]  # distinct keywords found


@dataclass(frozen=True, slots=True)
class ApplicantMatch:
    """One applicant's hits with the per-criterion summary; unpacks as ``key, hits``."""

    key: Any
    hits: dict[str, list[KeywordHit]]
    criteria: dict[str, CriterionMatch]
    coverage: float

    def __iter__(self) -> Iterator[Any]:
        yield self.key
        yield self.hits


@dataclass(frozen=True, slots=True)
class _Keyword:
    criterion: str
    text: str
    tokens: tuple[int, ...]  # indexes into the keyword-word vocabulary
    gaps: tuple[bool, ...]  # a function word may stand before this word ("monitoring *and* evaluation")
    conj: tuple[bool, ...]  # ... and it was a conjunction: the text must join the words with one too, if with any
    length: int  # letters in the keyword words, for the score


def summarise(hits_by_criterion: Mapping[str, Sequence[KeywordHit]],
              criteria: Sequence[CriterionSpec]) -> dict[str, CriterionMatch]:
    """Per criterion: matched or not, hit count, best score, keywords found."""
    out = {}
    for c in criteria:
        hits = hits_by_criterion.get(c.name, ())
        out[c.name] = CriterionMatch(
            c.name, bool(hits), len(hits), max((h.score for h in hits), default=0.0),
            tuple(dict.fromkeys(h.keyword for h in hits)),
        )
    return out


def coverage(hits_by_criterion: Mapping[str, Sequence[object]], criteria: Sequence[CriterionSpec]) -> float:
    """Weighted share (0..1) of the criteria with at least one hit."""
    total = sum(c.weight for c in criteria)
    if total <= 0:
        return 0.0
    return sum(c.weight for c in criteria if hits_by_criterion.get(c.name)) / total


class Matcher:
    """Keyword matcher for one vacancy's criteria; reuse it across applicants (it learns the vocabulary)."""

    def __init__(self, criteria: Sequence[CriterionSpec], *,
                 max_edits: Callable[[int], int] = default_max_edits, workers: int = -1) -> None:
        self.criteria = tuple(criteria)
        self._max_edits = max_edits
        self._workers = workers
        self._vocab: list[str] = []  # distinct keyword words
        self._allowed: list[int] = []
        self._keywords: list[_Keyword] = []
        self._acronyms: list[tuple[str, str, Any]] = []  # (criterion, keyword, pattern)
        self._first: dict[int, list[int]] = {}  # first keyword word -> keywords starting with it
        vocab_index: dict[str, int] = {}
        for c in self.criteria:
            for kw in dict.fromkeys(c.keywords):
                if is_acronym(kw):
                    self._acronyms.append((c.name, kw, acronym_pattern(kw)))
                    continue
                words, gaps = keyword_tokens(kw)
                conj = _conjunction_gaps(kw)
                if len(conj) != len(words):
                    conj = [False] * len(words)
                keep = [x for x, w in enumerate(words) if not (x and w == "s")]  # "children's" = "childrens"
                words, gaps, conj = [words[x] for x in keep], [gaps[x] for x in keep], [conj[x] for x in keep]
                if not words:
                    continue
                ids = []
                for w in words:
                    if w not in vocab_index:
                        vocab_index[w] = len(self._vocab)
                        self._vocab.append(w)
                        self._allowed.append(max_edits(len(w)))
                    ids.append(vocab_index[w])
                self._first.setdefault(ids[0], []).append(len(self._keywords))
                self._keywords.append(_Keyword(c.name, kw, tuple(ids), tuple(gaps), tuple(conj),
                                               sum(len(w) for w in words)))
        self._compat: dict[str, dict[int, int]] = {}  # text word -> {keyword word: edits}
        self._anchors: set[str] = set()  # text words compatible with some keyword's first word
        self._first_words = set(self._first)
        self._executor: ProcessPoolExecutor | None = None
        self._pool_failed = False

    # ---------------------------------------------------------------- vocabulary (the bulk part)
    def _learn(self, words: Iterable[str]) -> None:
        """Compare words not met before with every keyword word, in one rapidfuzz call."""
        new = [w for w in set(words) if w not in self._compat and w != BARRIER]
        if not new:
            return
        if not self._vocab:
            self._compat.update((w, {}) for w in new)
            return
        cutoff = max(self._allowed)
        dist = cdist(new, self._vocab, scorer=OSA.distance, score_cutoff=cutoff,
                     workers=self._workers if len(new) > 2000 else 1)
        for w, row in zip(new, dist.tolist(), strict=True):
            self._compat[w] = self._compatible(w, row)

    def _compatible(self, word: str, row: Sequence[int]) -> dict[int, int]:
        found = {}
        for k, d in enumerate(row):
            if d == 0 or (d <= self._allowed[k] and word[:1] == self._vocab[k][:1]
                          and not _other_suffix(word, self._vocab[k], d)):
                found[k] = d
        if found.keys() & self._first_words:
            self._anchors.add(word)
        return found

    def _compat_of(self, word: str) -> dict[int, int]:
        got = self._compat.get(word)
        if got is None:
            row = [OSA.distance(word, v, score_cutoff=max(self._allowed)) for v in self._vocab]
            got = self._compat[word] = self._compatible(word, row)
        return got

    # ---------------------------------------------------------------------------- one document
    def _scan(self, text: str, toks: Tokens, only: set[str] | None, doc: int | None) -> dict[str, list[KeywordHit]]:
        found: dict[str, list[KeywordHit]] = {}
        words, glued = toks.words, toks.glued
        anchors = self._anchors
        starts: dict[int, set[int]] = {}  # token index -> keyword words a phrase may start with there
        for i, w in enumerate(words):
            if w in anchors:
                starts.setdefault(i, set()).update(self._compat[w].keys() & self._first_words)
        for i in range(1, len(words)):
            if glued[i]:  # "co-ordination": try the two halves as one word
                joined = self._compat_of(words[i - 1] + words[i]).keys() & self._first_words
                if joined:
                    starts.setdefault(i - 1, set()).update(joined)
        for i, firsts in starts.items():
            for k in firsts:
                for kw_id in self._first[k]:
                    kw = self._keywords[kw_id]
                    if only is not None and kw.criterion not in only:
                        continue
                    hit = self._verify(kw, toks, i, text, doc)
                    if hit is not None:
                        found.setdefault(kw.criterion, []).append(hit)
        self._acronym_hits(text, only, doc, found)
        return {name: _without_overlaps(hits) for name, hits in found.items()}

    def _acronym_hits(self, text: str, only: set[str] | None, doc: int | None,
                      found: dict[str, list[KeywordHit]]) -> dict[str, list[KeywordHit]]:
        for name, keyword, pattern in self._acronyms:
            if only is not None and name not in only:
                continue
            for m in pattern.finditer(text):
                found.setdefault(name, []).append(
                    KeywordHit(name, keyword, m.group(), m.start(), m.end(), 100.0, doc))
        return found

    # ------------------------------------------------------------- which documents need a full scan
    def _candidates(self, folded: str) -> tuple[set[str], list[str]]:
        """A document's distinct content stems, and the words its hyphens may glue (halves joined)."""
        stems = {stem(w) for w in set(_WORD.findall(folded))} - STOPWORDS
        return stems, [stem(a) + stem(b) for a, b in _hyphenated(folded)]

    def _first_words_of(self, only: set[str] | None) -> set[int]:
        if only is None:
            return self._first_words
        return {k for k, kws in self._first.items() if any(self._keywords[i].criterion in only for i in kws)}

    def _may_hold_phrase(self, stems: set[str], joined: list[str], firsts: set[int]) -> bool:
        """Whether a keyword phrase can start in the document: one of its words (or two glued by a hyphen) is
        compatible with a keyword's first word. Exact: a phrase only ever starts at such a word."""
        if firsts is self._first_words:
            if not stems.isdisjoint(self._anchors):
                return True
        elif any(not self._compat[w].keys().isdisjoint(firsts) for w in stems if w in self._anchors):
            return True
        return any(not self._compat_of(j).keys().isdisjoint(firsts) for j in joined)

    def _verify(self, kw: _Keyword, toks: Tokens, i: int, text: str, doc: int | None) -> KeywordHit | None:
        words, glued, n = toks.words, toks.glued, len(toks.words)
        p, edits = i, 0
        for j, k in enumerate(kw.tokens):
            if j and p < n and words[p] == "s" and text[toks.starts[p] - 1:toks.starts[p]] in ("'", "\u2019"):
                p += 1  # a possessive "'s" between two keyword words
            if p >= n or words[p] == BARRIER or (j and toks.gap[p] and not kw.gaps[j]):
                return None
            if j and toks.gap[p] and kw.conj[j] and not _joined_by_conjunction(text[toks.ends[p - 1]:toks.starts[p]]):
                return None
            d = self._compat_of(words[p]).get(k)
            if d is not None:
                edits += d
                p += 1
                continue
            if p + 1 < n and glued[p + 1]:
                d = self._compat_of(words[p] + words[p + 1]).get(k)
                if d is not None:
                    edits += d
                    p += 2
                    continue
            return None
        start, end = toks.starts[i], toks.ends[p - 1]
        score = round(100.0 * (1 - edits / max(kw.length, 1)), 1)
        return KeywordHit(kw.criterion, kw.text, text[start:end], start, end, score, doc)

    # ----------------------------------------------------------------------------- public API
    def match_text(self, text: str, only: set[str] | None = None) -> dict[str, list[KeywordHit]]:
        """Criterion name -> hits in one text (criteria without hits are absent)."""
        return self._match_docs([(None, text)], only)

    def match_documents(self, docs: Sequence[tuple[int, str]], only: set[str] | None = None
                        ) -> dict[str, list[KeywordHit]]:
        """Hits over several documents of one applicant; each hit names its document id."""
        return self._match_docs(docs, only)

    def _match_docs(self, docs: Sequence[tuple[Any, str]], only: set[str] | None,
                    tokens: Sequence[Tokens | None] | None = None) -> dict[str, list[KeywordHit]]:
        if tokens is None:
            tokens = self._tokenised([text for _, text in docs], only)
        merged: dict[str, list[KeywordHit]] = {}
        for (doc_id, text), toks in zip(docs, tokens, strict=True):
            found = (self._scan(text, toks, only, doc_id) if toks is not None
                     else self._acronym_hits(text, only, doc_id, {}))
            for name, hits in found.items():
                merged.setdefault(name, []).extend(hits)
        return {c.name: merged[c.name] for c in self.criteria if c.name in merged}

    def _tokenised(self, texts: Sequence[str], only: set[str] | None) -> Sequence[Tokens | None]:
        """Tokens of each text; the words of all texts are learnt in one bulk comparison first.

        With ``only`` (some criteria re-matched), a text where none of their phrases can start is not tokenised
        (None: only acronyms can match there); without, nearly every text holds some anchor word, so all are.
        """
        folded = [fold(text) for text in texts]
        if only is None:
            tokens = [tokenise(text, folded=f) for text, f in zip(texts, folded, strict=True)]
            self._learn(w for t in tokens for w in t.words)
            return tokens
        candidates = [self._candidates(f) for f in folded]
        self._learn(w for stems, joined in candidates for w in (*stems, *joined))
        firsts = self._first_words_of(only)
        return [tokenise(text, folded=f) if self._may_hold_phrase(stems, joined, firsts) else None
                for text, f, (stems, joined) in zip(texts, folded, candidates, strict=True)]

    def match_many(self, applicants: Iterable[tuple[Any, Sequence[tuple[int, str]]]],
                   only: set[str] | None = None) -> Iterator[ApplicantMatch]:
        """Match many applicants in batches; yields ApplicantMatch (unpacks as ``key, hits``) in input order.

        ``only`` limits matching to some criteria (after one criterion's keywords were edited). With
        ``workers`` other than 1 and at least PARALLEL_MIN_BATCHES batches, the batches are matched in
        processes (one per core, kept until :meth:`close`), a bounded number in flight.
        """
        criteria = [c for c in self.criteria if only is None or c.name in only]
        batches: Iterator[list[tuple[Any, Sequence[tuple[int, str]]]]] = _batched(applicants, BATCH_APPLICANTS)
        if self._processes() > 1:
            head = list(islice(batches, PARALLEL_MIN_BATCHES))
            batches = chain(head, batches)
            pool = self._pool() if len(head) >= PARALLEL_MIN_BATCHES else None
            if pool is not None:
                yield from _in_order(self, pool, batches, only, 2 * self._processes())
                return
        for batch in batches:
            yield from self._match_batch(batch, only, criteria)

    def _processes(self) -> int:
        return (os.cpu_count() or 1) if self._workers < 0 else max(1, self._workers)

    def _pool(self) -> ProcessPoolExecutor | None:
        """The matcher's worker processes (started once), or None where they cannot be had."""
        if self._pool_failed:
            return None
        if self._executor is None:
            try:
                pickle.dumps(self._max_edits)
                self._executor = ProcessPoolExecutor(
                    self._processes(), mp_context=_start_context(),
                    initializer=_start_worker, initargs=(self.criteria, self._max_edits))
            except (pickle.PicklingError, AttributeError, TypeError, OSError):
                return None
            weakref.finalize(self, self._executor.shutdown, wait=False, cancel_futures=True)
        return self._executor

    def close(self) -> None:
        """Stop the worker processes, if any were started."""
        if self._executor is not None:
            self._executor.shutdown(wait=False, cancel_futures=True)
            self._executor = None

    def __enter__(self) -> Matcher:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    def _match_batch(self, batch: list[tuple[Any, Sequence[tuple[int, str]]]], only: set[str] | None,
                     criteria: Sequence[CriterionSpec]) -> Iterator[ApplicantMatch]:
        flat = self._tokenised([text for _, docs in batch for _, text in docs], only)
        at = 0
        for key, docs in batch:
            hits = self._match_docs(docs, only, flat[at:at + len(docs)])
            at += len(docs)
            yield ApplicantMatch(key, hits, summarise(hits, criteria), coverage(hits, criteria))


def _other_suffix(word: str, keyword_word: str, edits: int) -> bool:
    """Two or more edits all within the last three letters: a different suffix ("coordinator", "coordinating" for
    "coordination"), not a typo."""
    if edits < 2:
        return False
    common = 0
    for a, b in zip(word, keyword_word, strict=False):
        if a != b:
            break
        common += 1
    return common >= max(len(word), len(keyword_word)) - 3


def _batched(items: Iterable[Any], size: int) -> Iterator[list[Any]]:
    iterator = iter(items)
    while batch := list(islice(iterator, size)):
        yield batch


def _start_context() -> multiprocessing.context.BaseContext:
    """fork where this process runs one thread (quick, and a script's unguarded main code is not run again);
    spawn where it runs several (the app's workers), as forking a threaded process is unsafe."""
    if threading.active_count() == 1 and "fork" in multiprocessing.get_all_start_methods():
        return multiprocessing.get_context("fork")
    return multiprocessing.get_context("spawn")


_WORKER_MATCHER: Matcher | None = None


def _start_worker(criteria: tuple[CriterionSpec, ...], max_edits: Callable[[int], int]) -> None:
    global _WORKER_MATCHER
    _WORKER_MATCHER = Matcher(criteria, max_edits=max_edits, workers=1)


def _match_in_worker(batch: list[tuple[Any, Sequence[tuple[int, str]]]],
                     only: set[str] | None) -> list[ApplicantMatch]:
    assert _WORKER_MATCHER is not None
    return list(_WORKER_MATCHER.match_many(batch, only))


def _in_order(matcher: Matcher, pool: ProcessPoolExecutor, batches: Iterable[list[Any]], only: set[str] | None,
              in_flight: int) -> Iterator[ApplicantMatch]:
    """Each batch's matches from the pool, in input order, with at most ``in_flight`` batches submitted.

    Should the pool fail (a worker killed, processes that cannot start), the batches still owed are matched
    here instead: the caller gets every result either way.
    """
    criteria = [c for c in matcher.criteria if only is None or c.name in only]
    pending: deque[tuple[list[Any], Future | None]] = deque()
    broken = False

    def first_done() -> Iterator[ApplicantMatch]:
        nonlocal broken
        batch, future = pending.popleft()
        if future is not None:
            try:
                yield from future.result()
                return
            except (BrokenProcessPool, RuntimeError, OSError):
                broken = True
        yield from matcher._match_batch(batch, only, criteria)

    for batch in batches:
        future = None
        if not broken:
            try:
                future = pool.submit(_match_in_worker, batch, only)
            except (BrokenProcessPool, RuntimeError, OSError):
                broken = True
        pending.append((batch, future))
        while len(pending) >= in_flight or (broken and pending):
            yield from first_done()
    while pending:
        yield from first_done()
    if broken:
        matcher._pool_failed = True  # matched here from now on
        matcher.close()


def _hyphenated(folded: str) -> list[tuple[str, str]]:
    """The word pairs ``tokenise`` glues in folded text: a content word right after a hyphen, and the last
    content word before it in the same sentence (function words in between are passed over, as there)."""
    pairs = []
    for m in _HYPHENS.finditer(folded):
        start, end = m.span()
        after = _WORD_AFTER.match(folded, end)
        if after is None or after.group(1) in STOPWORDS:
            continue
        window = folded[max(0, start - 200):start]
        window = window[window.rfind(BARRIER) + 1:]  # a sentence break stops the glue
        before = next((w for w in reversed(_WORD.findall(window)) if w not in STOPWORDS), None)
        if before is not None:
            pairs.append((before, after.group(1)))
    return pairs


def _conjunction_gaps(keyword: str) -> list[bool]:
    """Per content word of the keyword (as keyword_tokens gives them): whether the function words before it are
    conjunctions only ("monitoring *and* evaluation", "suivi *et* évaluation")."""
    folded = fold(keyword)
    toks = tokenise(keyword, folded=folded)
    out: list[str] = []
    flags: list[bool] = []
    for i, (word, glue, gap) in enumerate(zip(toks.words, toks.glued, toks.gap, strict=True)):
        if word == BARRIER:
            continue
        if glue and out and len(out[-1]) <= 3:
            out[-1] = out[-1] + word
            continue
        out.append(word)
        between = _GAP_WORD.findall(folded[toks.ends[i - 1]:toks.starts[i]]) if gap and i else []
        flags.append(bool(between) and all(w in CONJUNCTIONS for w in between))
    return flags


def _joined_by_conjunction(between: str) -> bool:
    """True when the function words between two text words include a conjunction ("and", "&", "et")."""
    return any(w in CONJUNCTIONS for w in _GAP_WORD.findall(fold(between)))


def _without_overlaps(hits: list[KeywordHit]) -> list[KeywordHit]:
    """One hit per place: where a criterion's keywords overlap, keep the longest (then best-scored)."""
    hits.sort(key=lambda h: (h.start, -(h.end - h.start), -h.score))
    kept: list[KeywordHit] = []
    for h in hits:
        if kept and h.start < kept[-1].end:
            continue
        kept.append(h)
    return kept
