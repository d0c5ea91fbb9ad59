"""Who did what: an append-only audit trail with authors, a version per case (no lost
updates), and where an assessment came from (shown, imported, re-assessed on import).

The assessments and the audit events are append-only in the database itself: a trigger
aborts every UPDATE and DELETE (and TRUNCATE on PostgreSQL). Assessments stored before this
revision get an audit event by the author 'unrecorded' - who made them was never kept.

Revision ID: 0004
Revises: 0003
"""

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects.postgresql import JSONB

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

APPEND_ONLY = ("assessments", "audit_events")
JSON = sa.JSON().with_variant(JSONB(), "postgresql")


def upgrade() -> None:
    with op.batch_alter_table("cases") as cases:
        cases.add_column(sa.Column("version", sa.Integer, nullable=False, server_default="1"))
    with op.batch_alter_table("assessments") as assessments:
        assessments.add_column(
            sa.Column("origin", sa.String(20), nullable=False, server_default="shown")
        )
        assessments.add_column(sa.Column("origin_file", sa.String(300), nullable=True))
        assessments.add_column(sa.Column("verification", sa.String(20), nullable=True))
        assessments.add_column(sa.Column("verification_detail", JSON, nullable=True))
    op.create_table(
        "audit_events",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("case_id", sa.String(36), sa.ForeignKey("cases.id"), nullable=True),
        sa.Column("action", sa.String(20), nullable=False),
        sa.Column("actor_subject", sa.String(200), nullable=False),
        sa.Column("actor_name", sa.String(200), nullable=False),
        sa.Column("assessment_id", sa.Integer, sa.ForeignKey("assessments.id"), nullable=True),
        sa.Column("detail", JSON, nullable=True),
    )
    op.create_index("ix_audit_events_case_id", "audit_events", ["case_id"])
    op.execute(
        "INSERT INTO audit_events (at, case_id, action, actor_subject, actor_name, assessment_id)"
        " SELECT created_at, case_id, 'assess', 'unrecorded', 'unrecorded', id FROM assessments"
    )
    for table in APPEND_ONLY:
        _forbid_changes(table)


def _forbid_changes(table: str) -> None:
    message = f"{table} is append-only: rows are never updated or deleted"
    if op.get_bind().dialect.name == "postgresql":
        op.execute(
            "CREATE OR REPLACE FUNCTION sie_append_only() RETURNS trigger LANGUAGE plpgsql AS "
            "$$ BEGIN RAISE EXCEPTION '% is append-only: rows are never updated or deleted', "
            "TG_TABLE_NAME; END $$"
        )
        op.execute(
            f"CREATE TRIGGER {table}_append_only BEFORE UPDATE OR DELETE ON {table} "
            "FOR EACH ROW EXECUTE FUNCTION sie_append_only()"
        )
        op.execute(
            f"CREATE TRIGGER {table}_no_truncate BEFORE TRUNCATE ON {table} "
            "FOR EACH STATEMENT EXECUTE FUNCTION sie_append_only()"
        )
        return
    for event in ("UPDATE", "DELETE"):
        op.execute(
            f"CREATE TRIGGER {table}_no_{event.lower()} BEFORE {event} ON {table} "
            f"BEGIN SELECT RAISE(ABORT, '{message}'); END"
        )


def downgrade() -> None:
    postgres = op.get_bind().dialect.name == "postgresql"
    for table in APPEND_ONLY:
        names = ("append_only", "no_truncate") if postgres else ("no_update", "no_delete")
        for name in names:
            op.execute(f"DROP TRIGGER {table}_{name}" + (f" ON {table}" if postgres else ""))
    if postgres:
        op.execute("DROP FUNCTION sie_append_only()")
    op.drop_table("audit_events")
    with op.batch_alter_table("assessments") as assessments:
        for column in ("verification_detail", "verification", "origin_file", "origin"):
            assessments.drop_column(column)
    with op.batch_alter_table("cases") as cases:
        cases.drop_column("version")
