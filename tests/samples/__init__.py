"""Seeded generator of realistic JPO applications (P11 forms in six layouts, CVs, cover letters) with ground truth.

Entry points: ``tests.samples.corpus.write_corpus`` and ``python -m tests.samples OUT --n N --seed S``.
The profile (``profiles.random_profile``) is the single source of truth every layout renders; ``truth`` computes
what a correct import must find from it.
"""
