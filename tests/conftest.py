"""Shared fixtures: a store on SQLite and on a real PostgreSQL server."""

from __future__ import annotations

import os
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import pg_server
import pytest
import sqlalchemy as sa

from sie_rules.cases.store import CaseStore


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[str]:
    if not pg_server.available():
        if os.environ.get("CI"):
            pytest.fail("PostgreSQL is missing in CI: `make test` must install Debian's postgresql")
        pytest.skip("Debian's postgresql is not installed")
    with pg_server.server() as url:
        yield url


@pytest.fixture(params=["sqlite", "postgresql"])
def store_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A fresh, empty database URL: a SQLite file, or a new database on the test server."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'cases.db'}"
        return
    server = request.getfixturevalue("postgres_server")
    name = f"t{uuid.uuid4().hex[:12]}"
    admin = sa.create_engine(server, isolation_level="AUTOCOMMIT")
    with admin.connect() as c:
        c.exec_driver_sql(f"CREATE DATABASE {name}")
    yield server.rsplit("/", 1)[0] + f"/{name}"
    with admin.connect() as c:
        c.exec_driver_sql(f"DROP DATABASE {name} WITH (FORCE)")
    admin.dispose()


@pytest.fixture
def open_store() -> Iterator[Callable[[str], CaseStore]]:
    """Open stores that are closed again after the test."""
    opened: list[CaseStore] = []

    def make(url: str) -> CaseStore:
        opened.append(CaseStore(url))
        return opened[-1]

    yield make
    for store in opened:
        store.close()
