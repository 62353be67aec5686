"""Fixtures shared by every test layer."""

import itertools
import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from hypothesis import settings

from tests import pgserver

if TYPE_CHECKING:
    from tests.push_service import PushService

# Tests never fail because the machine is slow: Hypothesis' per-example deadline (200 ms)
# would turn a loaded CI machine into failures. Speed is measured by `make bench`.
settings.register_profile("sciatica", deadline=None)
settings.load_profile("sciatica")
# `make check`, the fast inner loop, tries fewer examples (`--hypothesis-profile=check`; a
# test that asks for its own number asks through tests.examples); `make test` and CI try
# Hypothesis' full 100, or the test's own number.
settings.register_profile("check", parent=settings.get_profile("sciatica"), max_examples=20)

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


def _new_pg_database(pg: pgserver.PgServer, template: str | None = None) -> str:
    import psycopg

    name = f"t{os.getpid()}_{next(_database_numbers)}"
    copy = f" TEMPLATE {template}" if template else ""
    with psycopg.connect(pg.url().replace("+psycopg", ""), autocommit=True) as conn:
        conn.execute(f"CREATE DATABASE {name}{copy}")
    return name


# Migrating a new database for every test cost 70-80 ms each on SQLite: the tests get a copy
# of one database migrated once per run (a file copy; PostgreSQL's CREATE DATABASE ...
# TEMPLATE). The migration tests take the empty ones.


@pytest.fixture(scope="session")
def _pg_template(pg: pgserver.PgServer) -> str:
    from sciatica_coach.store import open_store

    name = _new_pg_database(pg)
    open_store(pg.url(name)).engine.dispose()  # migrated to head
    return name


@pytest.fixture
def pg_url(pg: pgserver.PgServer, _pg_template: str) -> str:
    """A new database on the shared server, migrated to the newest schema."""
    return pg.url(_new_pg_database(pg, _pg_template))


@pytest.fixture
def empty_pg_url(pg: pgserver.PgServer) -> str:
    """A new, empty database on the shared server (no migration run)."""
    return pg.url(_new_pg_database(pg))


@pytest.fixture(scope="session")
def _sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from sciatica_coach.store import open_store

    path = tmp_path_factory.mktemp("template") / "sciatica.db"
    open_store(f"sqlite:///{path}").engine.dispose()  # migrated to head
    return path


@pytest.fixture
def sqlite_url(tmp_path: Path, _sqlite_template: Path) -> str:
    """A new SQLite file, migrated to the newest schema."""
    path = tmp_path / "sciatica.db"
    shutil.copyfile(_sqlite_template, path)
    return f"sqlite:///{path}"


@pytest.fixture
def empty_sqlite_url(tmp_path: Path) -> str:
    """A new SQLite file with nothing in it (no migration run)."""
    return f"sqlite:///{tmp_path / 'sciatica.db'}"


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def db_url(request: pytest.FixtureRequest) -> str:
    """Runs a test once on SQLite and once on a real PostgreSQL."""
    name = "sqlite_url" if request.param == "sqlite" else "pg_url"
    return str(request.getfixturevalue(name))


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def empty_db_url(request: pytest.FixtureRequest) -> str:
    """An empty database (no migration run), once on SQLite and once on PostgreSQL."""
    name = "empty_sqlite_url" if request.param == "sqlite" else "empty_pg_url"
    return str(request.getfixturevalue(name))


@pytest.fixture
def push_service() -> Iterator["PushService"]:
    """A push service stand-in on loopback that receives and decrypts what is sent to it."""
    from tests.push_service import PushService

    service = PushService()
    yield service
    service.close()


@pytest.fixture
def cli_db(monkeypatch: pytest.MonkeyPatch, sqlite_url: str) -> Iterator[str]:
    """The CLI on a temporary SQLite file."""
    from sciatica_coach.cli.context import get_store

    monkeypatch.setenv("SCIATICA_DB", sqlite_url)
    get_store.cache_clear()
    yield sqlite_url
    get_store.cache_clear()
