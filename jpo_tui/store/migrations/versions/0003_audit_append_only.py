"""audit trail append-only: the database refuses to delete or rewrite audit events

An event may only be *redacted* (GDPR erasure): its who/when/what columns stay as they were, and the update
either replaces the applicant key by an ``erased:`` pseudonym or puts the ``[erased]`` marker in its text.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-23 01:10:00
"""

from __future__ import annotations

from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

# The same rule in both dialects: which updates count as a redaction.
_NOT_REDACTION = """
    NEW.id IS NOT OLD.id OR NEW.at IS NOT OLD.at OR NEW.actor IS NOT OLD.actor OR NEW.action IS NOT OLD.action
    OR NEW.vacancy_id IS NOT OLD.vacancy_id
    OR NOT (substr(NEW.applicant_key, 1, 7) = 'erased:'
            OR instr(NEW.detail || NEW."before" || NEW."after", '[erased]') > 0)
"""


def upgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        op.execute(
            "CREATE TRIGGER auditevent_no_delete BEFORE DELETE ON auditevent "
            "BEGIN SELECT RAISE(ABORT, 'audit events cannot be deleted'); END"
        )
        op.execute(
            "CREATE TRIGGER auditevent_no_update BEFORE UPDATE ON auditevent WHEN " + _NOT_REDACTION
            + " BEGIN SELECT RAISE(ABORT, 'audit events cannot be changed (only redacted on erasure)'); END"
        )
        return
    condition = (_NOT_REDACTION.replace("IS NOT", "IS DISTINCT FROM")
                 .replace("instr(NEW.detail || NEW.\"before\" || NEW.\"after\", '[erased]') > 0",
                          "strpos(NEW.detail || NEW.\"before\" || NEW.\"after\", '[erased]') > 0"))
    op.execute(f"""
        CREATE FUNCTION auditevent_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            IF TG_OP = 'DELETE' THEN
                RAISE EXCEPTION 'audit events cannot be deleted';
            END IF;
            IF {condition} THEN
                RAISE EXCEPTION 'audit events cannot be changed (only redacted on erasure)';
            END IF;
            RETURN NEW;
        END $$
    """)
    op.execute(
        "CREATE TRIGGER auditevent_append_only BEFORE UPDATE OR DELETE ON auditevent "
        "FOR EACH ROW EXECUTE FUNCTION auditevent_append_only()"
    )


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        op.execute("DROP TRIGGER IF EXISTS auditevent_no_update")
        op.execute("DROP TRIGGER IF EXISTS auditevent_no_delete")
        return
    op.execute("DROP TRIGGER IF EXISTS auditevent_append_only ON auditevent")
    op.execute("DROP FUNCTION IF EXISTS auditevent_append_only()")
