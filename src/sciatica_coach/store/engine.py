"""Which database, and a ready engine for it: SQLite (WAL) by default, PostgreSQL by URL."""

import os
import sqlite3
import time
from pathlib import Path

from sqlalchemy import Engine, create_engine, event, inspect, text
from sqlalchemy.engine import make_url

ENV_VAR = "SCIATICA_DB"
# The newest migration. A test checks it against Alembic's head; knowing it here lets an
# up-to-date database skip importing Alembic at all (a fifth of `sciatica log`'s start-up).
HEAD = "0011"
MIGRATIONS = Path(__file__).parent / "migrations"
POOL, OVERFLOW = 15, 5  # PostgreSQL connections per process (see make_engine)
_PG_MIGRATION_LOCK = 0x5C1A71CA  # advisory lock id: one migrator at a time on PostgreSQL


def database_url() -> str:
    """`$SCIATICA_DB`, or an SQLite file in the user's data directory."""
    url = os.environ.get(ENV_VAR)
    if url:
        return url
    from platformdirs import user_data_dir

    folder = Path(user_data_dir("sciatica-coach", appauthor=False))
    folder.mkdir(parents=True, exist_ok=True)
    return f"sqlite:///{folder / 'sciatica.db'}"


def make_engine(url: str) -> Engine:
    """Statement parameters (diary notes, pain scores) never appear in logs or errors."""
    parsed = make_url(url)
    if parsed.drivername == "postgresql":
        parsed = parsed.set(drivername="postgresql+psycopg")
    if parsed.get_backend_name() == "sqlite":
        engine = create_engine(parsed, connect_args={"timeout": 30}, hide_parameters=True)
        event.listen(engine, "connect", _sqlite_pragmas)
        event.listen(engine, "begin", _sqlite_begin)
        return engine
    # No pre-ping: it costs two round trips on every checkout, that is on every request. A
    # connection that died with a server restart fails its first statement instead; the pool
    # then drops every connection made before it, and that one request answers 503 with
    # Retry-After (web/errors.py): the next one reconnects.
    # POOL connections stay open per process. With SQLAlchemy's default of 5, a worker under
    # load (its event loop reading, its threads writing) kept opening and closing connections
    # beyond the fifth: 853 new backends in 20 s of 200 patients, each a fork and a cold
    # catalog cache on the server, which then spent 0.8 of the two cores instead of 0.5.
    # Workers x (POOL + OVERFLOW) stays under PostgreSQL's default 100 connections for up to
    # four workers.
    return create_engine(parsed, hide_parameters=True, pool_size=POOL, max_overflow=OVERFLOW)


def _sqlite_pragmas(dbapi_connection, _record) -> None:  # type: ignore[no-untyped-def]
    # Let SQLAlchemy own transactions (BEGIN below), not the sqlite3 module.
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA busy_timeout=30000")
    _wal(cursor)
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.close()


def _wal(cursor) -> None:  # type: ignore[no-untyped-def]
    """WAL mode, which the file keeps once set. Switching to it needs the file to itself, and
    SQLite may answer "database is locked" at once, without its busy wait, while another
    process opens the same new file (workers starting together): try again for up to 30 s."""
    deadline = time.monotonic() + 30
    while True:
        try:
            cursor.execute("PRAGMA journal_mode=WAL")
            return
        except sqlite3.OperationalError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.05)


def _sqlite_begin(connection) -> None:  # type: ignore[no-untyped-def]
    # Writers ask for IMMEDIATE (see Store): they take the write lock at the start and queue
    # behind each other instead of failing half-way; readers stay DEFERRED and never block.
    # `sqlite_begin=None`: no transaction at all, each statement on its own (a single read).
    mode = connection.get_execution_options().get("sqlite_begin", "DEFERRED")
    if mode is not None:
        connection.exec_driver_sql(f"BEGIN {mode}")


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as connection:
        if not inspect(connection).has_table("alembic_version"):
            return None
        return connection.execute(text("SELECT version_num FROM alembic_version")).scalar()


def migrate(engine: Engine) -> None:
    """Bring the schema to the newest migration (safe to call on every start)."""
    if current_revision(engine) == HEAD:
        return
    from alembic import command
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    # One migrator at a time: SQLite's write lock taken at BEGIN (workers starting together
    # would otherwise deadlock on the first CREATE TABLE), PostgreSQL's advisory lock.
    with engine.execution_options(sqlite_begin="IMMEDIATE").begin() as connection:
        if engine.dialect.name == "postgresql":
            connection.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": _PG_MIGRATION_LOCK})
        config.attributes["connection"] = connection
        command.upgrade(config, "head")
