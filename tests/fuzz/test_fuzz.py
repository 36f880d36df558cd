"""The fast fuzzing run of the suite: 30 mutated PDFs through the importer's reader (the long run is
``python -m tests.fuzz.run --n 2000``)."""

from __future__ import annotations

from tests.fuzz.run import OPERATIONS, SEEDS, fuzz, mutate

TIMEOUT = 10.0


def test_seeds_are_committed_and_readable() -> None:
    from jpo_tui.ingest.pipeline import ImportLimits, read_document

    seeds = sorted(SEEDS.glob("*.pdf"))
    assert len(seeds) >= 3
    assert all(read_document(str(p), ImportLimits())[0] == "ok" for p in seeds)


def test_mutation_is_reproducible_and_changes_the_file() -> None:
    import random

    seeds = [p.read_bytes() for p in sorted(SEEDS.glob("*.pdf"))]
    first = [mutate(seeds, random.Random(7)) for _ in range(1)] + [mutate(seeds, random.Random(8))]
    again = [mutate(seeds, random.Random(7))] + [mutate(seeds, random.Random(8))]
    assert first == again
    assert all(data not in seeds for _, data in first)
    assert {op for ops, _ in first for op in ops.split("+")} <= set(OPERATIONS)


def test_thirty_mutants_neither_crash_nor_hang() -> None:
    report = fuzz(30, seed=20261123, timeout=TIMEOUT, workers=2)
    print(report.summary())
    assert report.mutants == 30 == report.accepted + report.refused + len(report.crashes) + len(report.hangs)
    assert report.crashes == [] and report.hangs == []
    assert report.max_seconds <= TIMEOUT + 1
    assert report.refused > 0  # the mutations do break files, and each refusal came back with a reason


def test_mutated_bombs_neither_crash_nor_hang() -> None:
    """Mutants of the inline-image, ToUnicode, embedded-CMap and content bombs: refused or read, never a crash."""
    import random

    from tests.fuzz.run import bomb_seeds

    rng = random.Random(5)
    bombs = bomb_seeds()
    assert all(mutate(bombs, rng)[1] not in bombs for _ in range(3))
    report = fuzz(12, seed=20261201, timeout=TIMEOUT, workers=2)
    print(report.summary())
    assert report.crashes == [] and report.hangs == []
