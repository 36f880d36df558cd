"""facts corrections: hand-made facts (``factcorrection``) and reviewers' doubts about facts (``factflag``)

A correction is applied over the facts merged from the documents at every merge, so a re-import never
overwrites it.

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-01 22:10:00
"""

from __future__ import annotations

import sqlalchemy as sa
import sqlmodel.sql.sqltypes
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "factcorrection",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("applicant_id", sa.Integer(), sa.ForeignKey("applicant.id"), nullable=False),
        sa.Column("field", sa.String(length=120), nullable=False),
        sa.Column("value", sa.JSON(), nullable=False),
        sa.Column("parsed", sa.JSON(), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("by", sa.String(), nullable=False),
        sa.Column("at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
    )
    op.create_index("ix_factcorrection_applicant_id", "factcorrection", ["applicant_id"])
    op.create_table(
        "factflag",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("applicant_id", sa.Integer(), sa.ForeignKey("applicant.id"), nullable=False),
        sa.Column("field", sa.String(length=120), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("by", sa.String(), nullable=False),
        sa.Column("at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column("resolved", sa.Boolean(), nullable=False),
    )
    op.create_index("ix_factflag_applicant_id", "factflag", ["applicant_id"])


def downgrade() -> None:
    op.drop_index("ix_factflag_applicant_id", table_name="factflag")
    op.drop_table("factflag")
    op.drop_index("ix_factcorrection_applicant_id", table_name="factcorrection")
    op.drop_table("factcorrection")
