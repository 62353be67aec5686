"""Attack: anyone could register `local` on the web and read the diary of the person who uses
the CLI on the same database. The CLI's user is now marked by a column, never found by a
name; names are one account whatever their case. Migration 0005 carries existing data over."""

from datetime import UTC, date, datetime

import pytest
import sqlalchemy as sa
from alembic import command
from alembic.config import Config

from sciatica_coach.errors import InvalidInput
from sciatica_coach.progress import DiaryEntry
from sciatica_coach.store import accounts, open_store
from sciatica_coach.store.engine import MIGRATIONS, make_engine

NOW = datetime(2026, 11, 24, 10, 0, tzinfo=UTC)


def _entry() -> DiaryEntry:
    return DiaryEntry(day=date(2026, 11, 20), leg_pain=6, back_pain=3, note="private")


def test_a_web_account_named_local_is_not_the_cli_user(db_url: str) -> None:
    store = open_store(db_url)
    cli_user = store.local_user_id()
    store.put_entry(cli_user, _entry())
    web_user = accounts.create_user(store, "local", "hash", NOW)
    assert web_user.id != cli_user
    assert store.entries(web_user.id, end=date.max) == []
    assert store.local_user_id() == cli_user
    assert accounts.user_by_name(store, "local") == web_user
    store.close()


def test_the_local_user_is_never_found_by_a_name(db_url: str) -> None:
    store = open_store(db_url)
    store.local_user_id()
    assert accounts.user_by_name(store, "(local)") is None
    store.close()


def test_names_are_one_account_whatever_their_case(db_url: str) -> None:
    store = open_store(db_url)
    ann = accounts.create_user(store, "Ann", "hash", NOW)
    with pytest.raises(InvalidInput) as caught:
        accounts.create_user(store, "aNN", "hash", NOW)
    assert caught.value.field == "username"
    assert accounts.user_by_name(store, "ann") == ann
    assert accounts.user_by_name(store, "ANN") == ann
    store.close()


def _config(connection: sa.Connection) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["connection"] = connection
    return config


def test_migration_0005_keeps_the_local_user_and_both_spellings_of_a_name(
    empty_db_url: str,
) -> None:
    db_url = empty_db_url
    engine = make_engine(db_url)
    with engine.begin() as connection:
        command.upgrade(_config(connection), "0004")
        for name, password in (("local", None), ("Ann", "h1"), ("bob", "h2"), ("ann", "h3")):
            connection.execute(
                sa.text(
                    "INSERT INTO users (username, password_hash, role, created_at) "
                    "VALUES (:n, :p, 'patient', :t)"
                ),
                {"n": name, "p": password, "t": NOW},
            )
    with engine.begin() as connection:
        command.upgrade(_config(connection), "0005")
    engine.dispose()
    store = open_store(db_url)  # at head already: nothing more to do
    with store.reading() as s:
        ids = dict(s.execute(sa.text("SELECT username, id FROM users")).all())
        local = s.execute(sa.text("SELECT username FROM users WHERE is_local")).scalars().all()
    assert local == ["local"]
    assert store.local_user_id() == ids["local"]
    first, second = accounts.user_by_name(store, "Ann"), accounts.user_by_name(store, "ann")
    assert first is not None and first.id == ids["Ann"] and first.password_hash == "h1"
    assert second is not None and second.id == ids["ann"] and second.password_hash == "h3"
    assert accounts.user_by_name(store, "ANN") == first  # the oldest holds the name
    with pytest.raises(InvalidInput):
        accounts.create_user(store, "aNn", "hash", NOW)
    assert accounts.create_user(store, "carol", "hash", NOW).username == "carol"
    store.close()
