"""The database under the case store: any SQLAlchemy URL, SQLite by default.

SQLite runs in WAL mode with `BEGIN IMMEDIATE` transactions and a busy timeout, so several
processes can write at once; a write that still meets a lock is retried. The schema is created
and upgraded by Alembic when the database is opened (under an advisory lock on PostgreSQL).
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TypeVar

import sqlalchemy as sa
from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import event
from sqlalchemy.exc import DBAPIError, OperationalError
from sqlalchemy.orm import Session

from sie_rules.cases.records import to_json
from sie_rules.errors import StoreError

MIGRATIONS = Path(__file__).resolve().parent / "migrations"
_T = TypeVar("_T")


def _sqlite_pragmas(engine: sa.Engine) -> None:
    @event.listens_for(engine, "connect")
    def _connect(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None  # SQLAlchemy's "begin" event issues BEGIN
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA busy_timeout=30000")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA synchronous=NORMAL")  # durable against a killed process in WAL
        cursor.close()

    @event.listens_for(engine, "begin")
    def _begin(connection: sa.Connection) -> None:
        connection.exec_driver_sql("BEGIN IMMEDIATE")


def _is_transient(exc: DBAPIError) -> bool:
    text = str(exc.orig).lower()
    return any(
        word in text
        for word in (
            "locked",
            "busy",
            "deadlock",
            "could not serialize",
            "already exists",
            "duplicate key",
        )
    )


class Database:
    """An opened, migrated database with retrying transactions. Safe to share between threads."""

    def __init__(self, url: str, retries: int = 8):
        self.url, self.retries = url, retries
        if url.startswith("sqlite:///") and url != "sqlite:///:memory:":
            Path(url.removeprefix("sqlite:///")).parent.mkdir(parents=True, exist_ok=True)
        try:
            self.engine = sa.create_engine(url, pool_pre_ping=True, json_serializer=to_json)
        except (sa.exc.ArgumentError, ImportError) as exc:
            raise StoreError(f"cannot use database URL: {exc}") from exc
        if self.engine.dialect.name == "sqlite":
            _sqlite_pragmas(self.engine)
        self.retry(self._migrate)

    def close(self) -> None:
        """Close the store's database connections."""
        self.engine.dispose()

    def _migrate(self) -> None:
        config = Config()
        config.set_main_option("script_location", str(MIGRATIONS))
        head = ScriptDirectory.from_config(config).get_current_head()
        with self.engine.begin() as connection:
            if connection.dialect.name == "postgresql":
                connection.exec_driver_sql("SELECT pg_advisory_xact_lock(4242)")
            if MigrationContext.configure(connection).get_current_revision() == head:
                return
            config.attributes["connection"] = connection
            command.upgrade(config, "head")

    def retry(self, work: Callable[[], _T]) -> _T:
        for attempt in range(self.retries):
            try:
                return work()
            except DBAPIError as exc:
                if attempt == self.retries - 1 or not _is_transient(exc):
                    raise StoreError(f"database error: {exc.orig}") from exc
                time.sleep(0.05 * 2**attempt)
        raise AssertionError("unreachable")

    @contextmanager
    def session(self) -> Iterator[Session]:
        with Session(self.engine, expire_on_commit=False) as session, session.begin():
            yield session


def check_integrity(url: str) -> str:
    """SQLite's own integrity check ('ok' when the file is sound); 'ok' for other databases."""
    engine = sa.create_engine(url)
    try:
        if engine.dialect.name != "sqlite":
            return "ok"
        with engine.connect() as connection:
            return str(connection.exec_driver_sql("PRAGMA integrity_check").scalar())
    except OperationalError as exc:
        return f"error: {exc.orig}"
    finally:
        engine.dispose()
