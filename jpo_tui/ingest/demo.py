"""The demo: the bundled sample vacancy and applications imported into a database, ready to open."""

from __future__ import annotations

from collections.abc import Callable
from importlib import resources
from pathlib import Path

from sqlalchemy.engine import Engine

from jpo_tui.core.vacancy import load_vacancy
from jpo_tui.ingest.pipeline import import_applications


def demo_data_dir() -> Path:
    """The folder of the bundled demo (``vacancy.toml`` and ``applications/``)."""
    return Path(str(resources.files("jpo_tui.data")))


def build_demo(engine: Engine, *, actor: str = "demo", workers: int | None = None,
               progress: Callable[[int, int, str, str], None] | None = None) -> str:
    """Import the bundled demo vacancy and applications (idempotent); returns the vacancy id. ``progress``
    is called after each file (done, total, file, outcome), as the import reports it."""
    data = demo_data_dir()
    vacancy_file = data / "vacancy.toml"
    applications = data / "applications"
    if not vacancy_file.is_file() or not applications.is_dir():
        raise FileNotFoundError(f"the demo data is missing from {data}: reinstall jpo-tui")
    spec = load_vacancy(vacancy_file)
    import_applications(engine, spec, [applications], workers=workers, actor=actor, progress=progress)
    return spec.id
