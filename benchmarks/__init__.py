"""Benchmarks runnable as modules (python -m benchmarks.match_bench) or importable as run(n) functions."""
