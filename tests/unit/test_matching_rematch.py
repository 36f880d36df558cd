"""Re-matching some criteria (after a keyword edit) finds exactly what a full match finds for them, though it
skips tokenising the documents where none of their phrases can start."""

from __future__ import annotations

from benchmarks.match_bench import CRITERIA, generate
from jpo_tui.screening.matching import Matcher, _hyphenated
from jpo_tui.screening.normalise import fold, stem, tokenise


def test_rematching_one_criterion_equals_the_full_match_for_it() -> None:
    applicants, _ = generate(150, seed=11)
    applicants.append(("glued", [(0, "Co-\nordination humanitaire and monitor- ing and evalua-\ntion; M & E")]))
    full = {key: hits for key, hits in Matcher(CRITERIA).match_many(applicants)}
    assert any(full.values())
    for criterion in CRITERIA:
        again = {key: hits for key, hits in Matcher(CRITERIA).match_many(applicants, only={criterion.name})}
        for key, hits in full.items():
            assert again[key].get(criterion.name, []) == hits.get(criterion.name, []), (key, criterion.name)
            assert set(again[key]) <= {criterion.name}


def test_hyphenated_pairs_are_the_words_tokenise_glues() -> None:
    for text in ("co-ordination, monitor- \ning, day-to-day, - alone, x -- y", "gestion-de-projet. -after",
                 "suivi de-evaluation; et - et", "word - the - and -end"):
        toks = tokenise(text)
        glued = [(toks.words[i - 1], toks.words[i]) for i in range(1, len(toks)) if toks.glued[i]]
        assert [(stem(a), stem(b)) for a, b in _hyphenated(fold(text))] == glued, text


def _plain(matches) -> dict:  # noqa: ANN001
    return {key: hits for key, hits in matches}


def test_matching_in_processes_gives_what_one_process_gives() -> None:
    applicants, _ = generate(700, seed=5)  # several batches: shared among processes
    alone = _plain(Matcher(CRITERIA, workers=1).match_many(applicants))
    with Matcher(CRITERIA, workers=2) as matcher:
        assert _plain(matcher.match_many(applicants)) == alone
        assert matcher._executor is not None  # the processes did the work
        again = _plain(matcher.match_many(applicants, only={CRITERIA[0].name}))
    assert again == {key: {n: h for n, h in hits.items() if n == CRITERIA[0].name} for key, hits in alone.items()}


def test_a_worker_process_killed_midway_loses_no_result() -> None:
    import os
    import signal

    applicants, _ = generate(1200, seed=6)
    alone = _plain(Matcher(CRITERIA, workers=1).match_many(applicants))
    with Matcher(CRITERIA, workers=2) as matcher:
        results = matcher.match_many(applicants)
        got = dict([next(results)])
        for pid in list(matcher._executor._processes):  # type: ignore[union-attr]
            os.kill(pid, signal.SIGKILL)
        got.update(results)
        assert got == alone
        assert matcher._executor is None  # matched in this process from then on
        assert _plain(matcher.match_many(applicants[:500])) == {k: alone[k] for k, _ in applicants[:500]}
