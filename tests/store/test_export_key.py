"""The key behind a person's export ids: stable for them, different for anyone else."""

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from sciatica_coach.errors import InvalidInput
from sciatica_coach.store import Store, open_store
from sciatica_coach.store import accounts as acc

NOW = datetime(2026, 11, 24, 9, 0, tzinfo=UTC)


@pytest.fixture
def store(db_url: str) -> Store:
    return open_store(db_url)


def test_stable_for_one_person_and_different_for_another(store: Store) -> None:
    ann, bob = acc.create_user(store, "ann", "h", NOW), acc.create_user(store, "bob", "h", NOW)
    key = acc.export_key(store, ann.id, NOW)
    assert acc.export_key(store, ann.id, NOW + timedelta(days=30)) == key
    assert acc.export_key(store, bob.id, NOW) != key
    assert len(key) == 64


def test_a_new_account_with_a_deleted_accounts_id_gets_another_key(store: Store) -> None:
    ann = acc.create_user(store, "ann", "h", NOW)
    before = acc.export_key(store, ann.id, NOW)
    acc.delete_user(store, ann.id)
    with pytest.raises(InvalidInput, match="user"):
        acc.export_key(store, ann.id, NOW)
    again = acc.create_user(store, "ann2", "h", NOW + timedelta(seconds=1))
    assert acc.export_key(store, again.id, NOW) != before


def test_another_installation_gives_the_same_user_id_another_key(
    store: Store, tmp_path: Path
) -> None:
    other = open_store(f"sqlite:///{tmp_path}/other.db")
    mine, theirs = store.local_user_id(), other.local_user_id()
    assert mine == theirs
    assert acc.export_key(store, mine, NOW) != acc.export_key(other, theirs, NOW)
    other.close()
