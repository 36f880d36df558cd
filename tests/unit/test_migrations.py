"""Schema migrations: a committee's existing database survives an upgrade with its data intact."""

from __future__ import annotations

from datetime import date

from alembic import command
from sqlalchemy import inspect, text
from sqlmodel import SQLModel

from jpo_tui.store import models as m
from jpo_tui.store.db import (
    _alembic_config,
    head_revision,
    make_engine,
    open_database,
    schema_revision,
    session_scope,
)


def test_upgrade_from_the_first_release_keeps_data(db_url: str) -> None:
    engine = make_engine(db_url)
    cfg = _alembic_config(engine)
    with engine.begin() as connection:
        cfg.attributes["connection"] = connection
        command.upgrade(cfg, "0001")
    assert schema_revision(engine) == "0001"
    with engine.begin() as connection:
        connection.execute(text(
            "INSERT INTO vacancy (id, title, organisation, duty_station, grade, donor, call_year, deadline, "
            "eligibility, source_toml, created_at) VALUES ('V1', 'JPO', 'UNDP', 'Dakar', 'P2', 'Belgium', 2026, "
            "'2026-03-31', '{}', '', '2026-01-01 00:00:00')"
        ))
        connection.execute(text(
            "INSERT INTO applicant (vacancy_id, key, name, family_name, first_name, nationality, nationality_raw, "
            "email, flags, created_at, updated_at) VALUES ('V1', 'K1', 'Ama Mensah', 'Mensah', 'Ama', 'Ghana', "
            "'Ghana', 'ama@example.org', '[]', '2026-01-01 00:00:00', '2026-01-01 00:00:00')"
        ))
    engine.dispose()

    upgraded = open_database(db_url)
    assert schema_revision(upgraded) == head_revision()
    assert head_revision() != "0001"
    with session_scope(upgraded) as session:
        vacancy = session.get(m.Vacancy, "V1")
        assert vacancy is not None and vacancy.deadline == date(2026, 3, 31)
    with upgraded.connect() as connection:
        names = [r[0] for r in connection.execute(text("SELECT name FROM applicant"))]
    assert names == ["Ama Mensah"]
    # every table the models declare exists after the upgrade, with every column
    inspector = inspect(upgraded)
    for table in SQLModel.metadata.sorted_tables:
        columns = {c["name"] for c in inspector.get_columns(table.name)}
        assert {c.name for c in table.columns} <= columns, table.name
    upgraded.dispose()


def test_opening_twice_is_a_no_op(tmp_path) -> None:
    url = f"sqlite:///{tmp_path / 'x.db'}"
    first = open_database(url)
    revision = schema_revision(first)
    first.dispose()
    again = open_database(url)
    assert schema_revision(again) == revision == head_revision()
    with again.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert connection.exec_driver_sql("PRAGMA busy_timeout").scalar() >= 1000
    again.dispose()


def test_the_cheap_schema_check_agrees_with_alembic(tmp_path) -> None:
    from jpo_tui.store.db import head_revision, is_current, make_engine, open_database, script_head

    assert script_head() == head_revision()
    empty = make_engine(f"sqlite:///{tmp_path / 'empty.db'}")
    assert not is_current(empty)
    engine = open_database(f"sqlite:///{tmp_path / 'new.db'}")
    assert is_current(engine)
    with engine.begin() as conn:
        conn.exec_driver_sql("UPDATE alembic_version SET version_num = '0001'")
    assert not is_current(engine)  # an older schema still goes through Alembic
    engine.dispose()
