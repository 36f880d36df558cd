"""fact review: withdrawn corrections, facts entered by hand, resolved doubts, duplicate decisions

``factcorrection`` gains who withdrew it, when and why, and whether it was entered by hand (a scan, an
unreadable file); ``factflag`` gains the chair's resolution; ``duplicatedecision`` keeps the chair's decision on
a pair of applicants (the same person, one kept; or different people), by key, so it survives re-imports.

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-02 00:05:00
"""

from __future__ import annotations

import sqlalchemy as sa
import sqlmodel.sql.sqltypes
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("factcorrection") as batch:
        batch.add_column(sa.Column("manual", sa.Boolean(), nullable=False, server_default=sa.false()))
        batch.add_column(sa.Column("withdrawn_by", sa.String(), nullable=False, server_default=""))
        batch.add_column(sa.Column("withdrawn_reason", sa.Text(), nullable=False, server_default=""))
        batch.add_column(sa.Column("withdrawn_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True))
    with op.batch_alter_table("factflag") as batch:
        batch.add_column(sa.Column("resolution", sa.Text(), nullable=False, server_default=""))
        batch.add_column(sa.Column("resolved_by", sa.String(), nullable=False, server_default=""))
        batch.add_column(sa.Column("resolved_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True))
    op.create_table(
        "duplicatedecision",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("vacancy_id", sa.String(length=120), sa.ForeignKey("vacancy.id"), nullable=False),
        sa.Column("key_a", sa.String(length=200), nullable=False),
        sa.Column("key_b", sa.String(length=200), nullable=False),
        sa.Column("decision", sa.String(length=10), nullable=False),
        sa.Column("kept", sa.String(length=200), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("by", sa.String(), nullable=False),
        sa.Column("at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.UniqueConstraint("vacancy_id", "key_a", "key_b"),
    )
    op.create_index("ix_duplicatedecision_vacancy_id", "duplicatedecision", ["vacancy_id"])


def downgrade() -> None:
    op.drop_index("ix_duplicatedecision_vacancy_id", table_name="duplicatedecision")
    op.drop_table("duplicatedecision")
    with op.batch_alter_table("factflag") as batch:
        for name in ("resolved_at", "resolved_by", "resolution"):
            batch.drop_column(name)
    with op.batch_alter_table("factcorrection") as batch:
        for name in ("withdrawn_at", "withdrawn_reason", "withdrawn_by", "manual"):
            batch.drop_column(name)
