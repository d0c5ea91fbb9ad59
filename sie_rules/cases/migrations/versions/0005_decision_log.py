"""The decision log: each body's decision recorded on a case (which step of the route, when,
in order or not and why) and each withdrawal of one, with its reason and author. Append-only
like the audit trail: a trigger aborts every UPDATE and DELETE (and TRUNCATE on PostgreSQL).

Decisions recorded before this revision are copied from their audit events; whether they
kept to the route was never checked (`out_of_order` NULL), and they keep moving the money
they moved (`commits` true).

Revision ID: 0005
Revises: 0004
"""

import datetime as dt

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects.postgresql import JSONB

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

_JSON = sa.JSON().with_variant(JSONB(), "postgresql")


def upgrade() -> None:
    decisions = op.create_table(
        "decisions",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("case_id", sa.String(36), sa.ForeignKey("cases.id"), nullable=False),
        sa.Column("body", sa.String(300), nullable=False),
        sa.Column("decided_on", sa.Date, nullable=True),
        sa.Column("track", sa.String(200), nullable=True),
        sa.Column("action", sa.String(20), nullable=True),
        sa.Column("commits", sa.Boolean, nullable=False),
        sa.Column("out_of_order", sa.Boolean, nullable=True),
        sa.Column("reason", sa.String(1000), nullable=True),
        sa.Column("withdraws", sa.Integer, sa.ForeignKey("decisions.id"), nullable=True),
        sa.Column("date_before", sa.Date, nullable=True),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("actor_subject", sa.String(200), nullable=False),
        sa.Column("actor_name", sa.String(200), nullable=False),
    )
    op.create_index("ix_decisions_case_id", "decisions", ["case_id"])
    _copy_recorded_decisions(decisions)
    _forbid_changes("decisions")


def _copy_recorded_decisions(decisions: sa.Table) -> None:
    events = sa.table(
        "audit_events",
        sa.column("id", sa.Integer),
        sa.column("at", sa.DateTime(timezone=True)),
        sa.column("case_id", sa.String),
        sa.column("action", sa.String),
        sa.column("actor_subject", sa.String),
        sa.column("actor_name", sa.String),
        sa.column("detail", _JSON),
    )
    bind = op.get_bind()
    rows = bind.execute(sa.select(events).where(events.c.action == "decide").order_by(events.c.id))
    copied = [
        {
            "case_id": row.case_id,
            "body": str(row.detail["body"])[:300],
            "decided_on": _date(row.detail.get("on")),
            "commits": True,
            "at": row.at,
            "actor_subject": row.actor_subject,
            "actor_name": row.actor_name,
        }
        for row in rows
        if row.case_id and isinstance(row.detail, dict) and row.detail.get("body")
    ]
    if copied:
        op.bulk_insert(decisions, copied)


def _date(text: object) -> dt.date | None:
    try:
        return dt.date.fromisoformat(str(text))
    except ValueError:
        return None


def _forbid_changes(table: str) -> None:
    """As migration 0004 does for the audit trail (its PostgreSQL function is reused)."""
    if op.get_bind().dialect.name == "postgresql":
        op.execute(
            f"CREATE TRIGGER {table}_append_only BEFORE UPDATE OR DELETE ON {table} "
            "FOR EACH ROW EXECUTE FUNCTION sie_append_only()"
        )
        op.execute(
            f"CREATE TRIGGER {table}_no_truncate BEFORE TRUNCATE ON {table} "
            "FOR EACH STATEMENT EXECUTE FUNCTION sie_append_only()"
        )
        return
    message = f"{table} is append-only: rows are never updated or deleted"
    for event in ("UPDATE", "DELETE"):
        op.execute(
            f"CREATE TRIGGER {table}_no_{event.lower()} BEFORE {event} ON {table} "
            f"BEGIN SELECT RAISE(ABORT, '{message}'); END"
        )


def downgrade() -> None:
    postgres = op.get_bind().dialect.name == "postgresql"
    for name in ("append_only", "no_truncate") if postgres else ("no_update", "no_delete"):
        op.execute(f"DROP TRIGGER decisions_{name}" + (" ON decisions" if postgres else ""))
    op.drop_table("decisions")
