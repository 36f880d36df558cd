"""Shared fixtures: a small sample database in a temporary folder (built once, copied per test)."""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest
from sqlalchemy.engine import Engine

from jpo_tui.store.db import open_database


@dataclass
class SampleDb:
    url: str
    path: Path
    engine: Engine
    vacancy_id: str


def _build(path: Path, **kwargs) -> str:
    from tests.ui.sample import build_sample

    engine = open_database(f"sqlite:///{path}")
    vacancy_id = build_sample(engine, **kwargs)
    engine.dispose()
    return vacancy_id


@pytest.fixture(scope="session")
def _sample_template(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    path = tmp_path_factory.mktemp("template") / "sample.db"
    return path, _build(path)


@pytest.fixture
def sample_db(_sample_template: tuple[Path, str], tmp_path: Path) -> SampleDb:
    """A fresh copy of the sample database (one vacancy, ten applicants, one import refusal)."""
    template, vacancy_id = _sample_template
    path = tmp_path / "jpo.db"
    shutil.copyfile(template, path)
    url = f"sqlite:///{path}"
    engine = open_database(url, upgrade=False)
    yield SampleDb(url, path, engine, vacancy_id)
    engine.dispose()


@pytest.fixture
def two_vacancy_db(tmp_path: Path) -> SampleDb:
    """The sample database with a second (empty) vacancy."""
    path = tmp_path / "two.db"
    vacancy_id = _build(path, second_vacancy=True)
    url = f"sqlite:///{path}"
    engine = open_database(url, upgrade=False)
    yield SampleDb(url, path, engine, vacancy_id)
    engine.dispose()


@pytest.fixture(autouse=True)
def own_preferences(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Each test is a person of its own: their preferences (reviewer, theme, last vacancy) in a fresh folder."""
    home = tmp_path_factory.mktemp("config")
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home))
    return home
