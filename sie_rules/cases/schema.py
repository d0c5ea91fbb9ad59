"""The case store's tables (SQLAlchemy 2). Changes go through a new Alembic migration."""

from __future__ import annotations

import datetime as dt
from typing import Any

import sqlalchemy as sa
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

JSON = sa.JSON().with_variant(JSONB(), "postgresql")


class Base(DeclarativeBase):
    pass


class CaseRow(Base):
    __tablename__ = "cases"

    id: Mapped[str] = mapped_column(sa.String(36), primary_key=True)
    label: Mapped[str] = mapped_column(sa.String(300), index=True)
    status: Mapped[str] = mapped_column(sa.String(20), index=True)
    request_kind: Mapped[str | None] = mapped_column(sa.String(40))
    proposal: Mapped[dict[str, Any]] = mapped_column(JSON)
    conversation: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    created_at: Mapped[dt.datetime] = mapped_column(sa.DateTime(timezone=True))
    updated_at: Mapped[dt.datetime] = mapped_column(sa.DateTime(timezone=True))
    # raised by every save; an UPDATE carries `WHERE version = <the version read>`, so of two
    # saves of the same version one fails (optimistic locking, see CaseStore.save_case)
    version: Mapped[int] = mapped_column(sa.Integer, server_default="1")

    __mapper_args__ = {"version_id_col": version}  # noqa: RUF012 (SQLAlchemy's API)


class AssessmentRow(Base):
    """Append-only, enforced by triggers in the database (migration 0004)."""

    __tablename__ = "assessments"

    id: Mapped[int] = mapped_column(sa.Integer, primary_key=True, autoincrement=True)
    case_id: Mapped[str] = mapped_column(sa.String(36), sa.ForeignKey("cases.id"))
    created_at: Mapped[dt.datetime] = mapped_column(sa.DateTime(timezone=True))
    rules_version: Mapped[str] = mapped_column(sa.String(40))
    outcome: Mapped[str] = mapped_column(sa.String(20))
    proposal: Mapped[dict[str, Any]] = mapped_column(JSON)
    result: Mapped[dict[str, Any]] = mapped_column(JSON)
    origin: Mapped[str] = mapped_column(sa.String(20), server_default="shown")  # see ORIGINS
    origin_file: Mapped[str | None] = mapped_column(sa.String(300))
    verification: Mapped[str | None] = mapped_column(sa.String(20))  # imports: see transfer
    verification_detail: Mapped[list[str] | None] = mapped_column(JSON)


class AuditRow(Base):
    """Who did what to which case, when: one row per save, assessment, archive, restore,
    decision, document, import and export. Append-only, enforced by triggers (0004)."""

    __tablename__ = "audit_events"

    id: Mapped[int] = mapped_column(sa.Integer, primary_key=True, autoincrement=True)
    at: Mapped[dt.datetime] = mapped_column(sa.DateTime(timezone=True))
    case_id: Mapped[str | None] = mapped_column(
        sa.String(36), sa.ForeignKey("cases.id"), index=True
    )
    action: Mapped[str] = mapped_column(sa.String(20))
    actor_subject: Mapped[str] = mapped_column(sa.String(200))
    actor_name: Mapped[str] = mapped_column(sa.String(200))
    assessment_id: Mapped[int | None] = mapped_column(sa.ForeignKey("assessments.id"))
    detail: Mapped[dict[str, Any] | None] = mapped_column(JSON)


class DecisionRow(Base):
    """One entry of a case's decision log: a body's decision as recorded (the step of the
    route it was, whether it kept to the route and why not, whether it moves the pooled
    money) or, with `withdraws`, the withdrawal of an earlier one with its reason.
    Append-only, enforced by triggers (0005): what a case says now is derived from it."""

    __tablename__ = "decisions"

    id: Mapped[int] = mapped_column(sa.Integer, primary_key=True, autoincrement=True)
    case_id: Mapped[str] = mapped_column(sa.String(36), sa.ForeignKey("cases.id"), index=True)
    body: Mapped[str] = mapped_column(sa.String(300))
    decided_on: Mapped[dt.date | None] = mapped_column(sa.Date)
    track: Mapped[str | None] = mapped_column(sa.String(200))
    action: Mapped[str | None] = mapped_column(sa.String(20))
    commits: Mapped[bool] = mapped_column(sa.Boolean)
    out_of_order: Mapped[bool | None] = mapped_column(sa.Boolean)  # None: not checked (< 0005)
    reason: Mapped[str | None] = mapped_column(sa.String(1000))
    withdraws: Mapped[int | None] = mapped_column(sa.ForeignKey("decisions.id"))
    date_before: Mapped[dt.date | None] = mapped_column(sa.Date)  # the proposal's date before
    at: Mapped[dt.datetime] = mapped_column(sa.DateTime(timezone=True))
    actor_subject: Mapped[str] = mapped_column(sa.String(200))
    actor_name: Mapped[str] = mapped_column(sa.String(200))


class PoolEntryRow(Base):
    """What one case takes from a pool in a year; rewritten with the case."""

    __tablename__ = "pool_entries"

    id: Mapped[int] = mapped_column(sa.Integer, primary_key=True, autoincrement=True)
    case_id: Mapped[str] = mapped_column(sa.String(36), sa.ForeignKey("cases.id"), index=True)
    pool: Mapped[str] = mapped_column(sa.String(80))
    year: Mapped[int | None] = mapped_column(sa.Integer)
    granted: Mapped[bool] = mapped_column(sa.Boolean)
    amount_dkk: Mapped[int] = mapped_column(sa.BigInteger)


class PoolTotalRow(Base):
    """The sum of the entries per pool, year (0: no year given) and reserved/granted, kept
    up to date in the transaction that changes an entry: the ledger is one small read."""

    __tablename__ = "pool_totals"

    pool: Mapped[str] = mapped_column(sa.String(80), primary_key=True)
    year: Mapped[int] = mapped_column(sa.Integer, primary_key=True)
    granted: Mapped[bool] = mapped_column(sa.Boolean, primary_key=True)
    amount_dkk: Mapped[int] = mapped_column(sa.BigInteger)


class LedgerStateRow(Base):
    """One row: a counter raised by every change to the entries (readers cache by it); -1
    until the entries of the cases saved before the ledger table existed are written."""

    __tablename__ = "ledger_state"

    id: Mapped[int] = mapped_column(sa.Integer, primary_key=True)
    version: Mapped[int] = mapped_column(sa.Integer)


class DocumentRow(Base):
    """A document a case was read from, kept as uploaded (once per content per case)."""

    __tablename__ = "case_documents"
    __table_args__ = (
        sa.UniqueConstraint("case_id", "sha256", name="uq_case_documents_case_sha256"),
    )

    id: Mapped[int] = mapped_column(sa.Integer, primary_key=True, autoincrement=True)
    case_id: Mapped[str] = mapped_column(sa.String(36), sa.ForeignKey("cases.id"))
    name: Mapped[str] = mapped_column(sa.String(200))
    sha256: Mapped[str] = mapped_column(sa.String(64))
    size: Mapped[int] = mapped_column(sa.Integer)
    content: Mapped[bytes] = mapped_column(sa.LargeBinary)
    added_at: Mapped[dt.datetime] = mapped_column(sa.DateTime(timezone=True))
