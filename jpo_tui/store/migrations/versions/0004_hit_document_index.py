"""index hit.document_id: erasing or replacing a document finds its keyword hits without reading every hit

The list and the ranking already use indexes (benchmarks/db_bench.py checks their plans); this is the one
foreign key that a write path (GDPR erasure by document) filters on without an index.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-23 02:00:00
"""

from __future__ import annotations

from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_hit_document_id", "hit", ["document_id"])


def downgrade() -> None:
    op.drop_index("ix_hit_document_id", table_name="hit")
