"""committee: skip for now, interview length and link, reviewers per applicant

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-23 00:40:00
"""

from __future__ import annotations

import sqlalchemy as sa
import sqlmodel.sql.sqltypes
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("review", schema=None) as batch_op:
        batch_op.add_column(sa.Column("skipped_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True))
    with op.batch_alter_table("decision", schema=None) as batch_op:
        batch_op.add_column(sa.Column("interview_minutes", sa.Integer(), nullable=False, server_default="30"))
        batch_op.add_column(sa.Column("interview_url", sqlmodel.sql.sqltypes.AutoString(), nullable=False,
                                      server_default=""))
    with op.batch_alter_table("vacancystate", schema=None) as batch_op:
        batch_op.add_column(sa.Column("per_applicant", sa.Integer(), nullable=False, server_default="0"))


def downgrade() -> None:
    with op.batch_alter_table("vacancystate", schema=None) as batch_op:
        batch_op.drop_column("per_applicant")
    with op.batch_alter_table("decision", schema=None) as batch_op:
        batch_op.drop_column("interview_url")
        batch_op.drop_column("interview_minutes")
    with op.batch_alter_table("review", schema=None) as batch_op:
        batch_op.drop_column("skipped_at")
