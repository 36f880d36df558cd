"""audit chain: every audit event is linked to the previous one by hashes (privacy/audit.py), TRUNCATE refused

Adds ``seq``, ``prev_hash``, ``content_hash`` and ``chain_hash`` to ``auditevent``, seals the events already
there into one chain (in id order) and records the newest link in the ``audit_head`` setting; creates the ``pseudonym_secret`` setting (the key
of the erasure pseudonyms' HMAC). The append-only
triggers of 0003 are recreated so that the chain columns, like who/when/what, can never change; PostgreSQL also
refuses TRUNCATE. What triggers cannot stop (a superuser disabling them) ``jpo-tui audit --verify`` detects.

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-01 21:30:00
"""

from __future__ import annotations

import importlib
from typing import Any

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

_CHAIN = ("seq", "prev_hash", "content_hash", "chain_hash")
_previous: Any = importlib.import_module("jpo_tui.store.migrations.versions.0003_audit_append_only")
_NOT_REDACTION = _previous._NOT_REDACTION + "".join(f" OR NEW.{c} IS NOT OLD.{c}" for c in _CHAIN)


def upgrade() -> None:
    from jpo_tui.privacy.audit import seal_existing

    _previous.downgrade()  # the old triggers refuse the sealing updates
    for column in _CHAIN[1:]:
        op.add_column("auditevent", sa.Column(column, sa.String(length=64), nullable=False, server_default=""))
    op.add_column("auditevent", sa.Column("seq", sa.Integer(), nullable=True))
    op.create_index("ix_auditevent_seq", "auditevent", ["seq"])
    seal_existing(op.get_bind())
    # The erasure pseudonyms' secret (privacy/erasure.py), made now so that every later backup holds it.
    import secrets

    op.get_bind().execute(sa.text("INSERT INTO setting (key, value) SELECT 'pseudonym_secret', :v "
                                  "WHERE NOT EXISTS (SELECT 1 FROM setting WHERE key = 'pseudonym_secret')"),
                          {"v": secrets.token_hex(32)})
    _create_triggers(_NOT_REDACTION)
    if op.get_bind().dialect.name == "postgresql":
        op.execute("""
            CREATE FUNCTION auditevent_no_truncate() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN RAISE EXCEPTION 'audit events cannot be deleted'; END $$
        """)
        op.execute("CREATE TRIGGER auditevent_no_truncate BEFORE TRUNCATE ON auditevent "
                   "FOR EACH STATEMENT EXECUTE FUNCTION auditevent_no_truncate()")


def _create_triggers(condition: str) -> None:
    saved = _previous._NOT_REDACTION
    _previous._NOT_REDACTION = condition
    try:
        _previous.upgrade()
    finally:
        _previous._NOT_REDACTION = saved


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP TRIGGER IF EXISTS auditevent_no_truncate ON auditevent")
        op.execute("DROP FUNCTION IF EXISTS auditevent_no_truncate()")
    _previous.downgrade()
    op.execute("DELETE FROM setting WHERE key = 'audit_head'")
    op.drop_index("ix_auditevent_seq", table_name="auditevent")
    with op.batch_alter_table("auditevent") as batch:
        for column in _CHAIN:
            batch.drop_column(column)
    _previous.upgrade()
