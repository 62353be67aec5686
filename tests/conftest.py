"""Fixtures shared by every test layer."""

import itertools
import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import settings

from tests import pgserver

# Tests never fail because the machine is slow: Hypothesis' per-example deadline (200 ms)
# would turn a loaded CI machine into failures. Speed is measured by `make bench`.
settings.register_profile("sciatica", deadline=None)
settings.load_profile("sciatica")

_database_numbers = itertools.count()


@pytest.fixture(scope="session")
def pg() -> Iterator[pgserver.PgServer]:
    """One real PostgreSQL server for the whole run. `make test` requires it."""
    if not pgserver.available():
        if os.environ.get("SCIATICA_REQUIRE_PG"):
            pytest.fail("PostgreSQL (initdb, pg_ctl) is not installed")
        pytest.skip("PostgreSQL is not installed here; `make test` installs it")
    server = pgserver.PgServer.start()
    yield server
    server.stop()


@pytest.fixture
def pg_url(pg: pgserver.PgServer) -> str:
    """A new, empty database on the shared server."""
    import psycopg

    name = f"t{os.getpid()}_{next(_database_numbers)}"
    with psycopg.connect(pg.url().replace("+psycopg", ""), autocommit=True) as conn:
        conn.execute(f"CREATE DATABASE {name}")
    return pg.url(name)


@pytest.fixture
def sqlite_url(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'sciatica.db'}"


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def db_url(request: pytest.FixtureRequest) -> str:
    """Runs a test once on SQLite and once on a real PostgreSQL."""
    name = "sqlite_url" if request.param == "sqlite" else "pg_url"
    return str(request.getfixturevalue(name))


@pytest.fixture
def cli_db(monkeypatch: pytest.MonkeyPatch, sqlite_url: str) -> Iterator[str]:
    """The CLI on a temporary SQLite file."""
    from sciatica_coach.cli.context import get_store

    monkeypatch.setenv("SCIATICA_DB", sqlite_url)
    get_store.cache_clear()
    yield sqlite_url
    get_store.cache_clear()
