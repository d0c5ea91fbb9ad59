"""The pool ledger in the database: entries per case, totals per pool and year, a counter.

Revision ID: 0002
Revises: 0001
"""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "pool_entries",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("case_id", sa.String(36), sa.ForeignKey("cases.id"), nullable=False),
        sa.Column("pool", sa.String(80), nullable=False),
        sa.Column("year", sa.Integer, nullable=True),
        sa.Column("granted", sa.Boolean, nullable=False),
        sa.Column("amount_dkk", sa.BigInteger, nullable=False),
    )
    op.create_index("ix_pool_entries_case_id", "pool_entries", ["case_id"])
    op.create_table(
        "pool_totals",
        sa.Column("pool", sa.String(80), primary_key=True),
        sa.Column("year", sa.Integer, primary_key=True),
        sa.Column("granted", sa.Boolean, primary_key=True),
        sa.Column("amount_dkk", sa.BigInteger, nullable=False),
    )
    state = op.create_table(
        "ledger_state",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("version", sa.Integer, nullable=False),
    )
    # -1: the entries of cases saved before this table existed are written on first open
    op.bulk_insert(state, [{"id": 1, "version": -1}])


def downgrade() -> None:
    op.drop_table("ledger_state")
    op.drop_table("pool_totals")
    op.drop_table("pool_entries")
