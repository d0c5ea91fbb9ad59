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


class AssessmentRow(Base):
    """Append-only: the store never updates or deletes an assessment."""

    __tablename__ = "assessments"

    id: Mapped[int] = mapped_column(sa.Integer, primary_key=True, autoincrement=True)
    case_id: Mapped[str] = mapped_column(sa.String(36), sa.ForeignKey("cases.id"))
    created_at: Mapped[dt.datetime] = mapped_column(sa.DateTime(timezone=True))
    rules_version: Mapped[str] = mapped_column(sa.String(40))
    outcome: Mapped[str] = mapped_column(sa.String(20))
    proposal: Mapped[dict[str, Any]] = mapped_column(JSON)
    result: Mapped[dict[str, Any]] = mapped_column(JSON)
