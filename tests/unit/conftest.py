from __future__ import annotations

import os

import pytest

from tests.dbutil import database_url, pg_url


def _backends() -> list:
    return ["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)]


@pytest.fixture(params=_backends())
def db_url(request: pytest.FixtureRequest, tmp_path) -> str:
    """A fresh database URL, once on SQLite and once on PostgreSQL (skipped when JPO_TEST_PG_URL is unset)."""
    if request.param == "postgresql" and not pg_url():
        if os.environ.get("CI") == "true":
            pytest.fail("CI must run the PostgreSQL tests: JPO_TEST_PG_URL is unset")
        pytest.skip("JPO_TEST_PG_URL is unset: PostgreSQL tests skipped")
    with database_url(request.param, tmp_path) as url:
        yield url
