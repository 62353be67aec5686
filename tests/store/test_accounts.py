"""Web accounts, sessions and secrets on SQLite and PostgreSQL."""

from datetime import UTC, date, datetime, timedelta

import pytest

from sciatica_coach.errors import InvalidInput
from sciatica_coach.progress import DiaryEntry
from sciatica_coach.store import Store, open_store
from sciatica_coach.store import accounts as acc

NOW = datetime(2026, 11, 24, 9, 0, tzinfo=UTC)


@pytest.fixture
def store(db_url: str) -> Store:
    return open_store(db_url)


def test_create_user_and_find_by_name(store: Store) -> None:
    made = acc.create_user(store, "ann", "hash-1", NOW)
    found = acc.user_by_name(store, "ann")
    assert found == made
    assert (found.username, found.role, found.password_hash) == ("ann", "patient", "hash-1")
    assert acc.user_by_name(store, "bob") is None


def test_a_taken_username_is_bad_input_on_username(store: Store) -> None:
    acc.create_user(store, "ann", "h", NOW)
    with pytest.raises(InvalidInput) as err:
        acc.create_user(store, "ann", "h2", NOW)
    assert err.value.field == "username"
    assert acc.user_by_name(store, "ann").password_hash == "h"  # type: ignore[union-attr]


def test_session_lives_until_it_expires_or_ends(store: Store) -> None:
    ann = acc.create_user(store, "ann", "h", NOW)
    acc.start_session(store, ann.id, "t1", NOW, NOW + timedelta(days=1))
    assert acc.session_account(store, "t1", NOW + timedelta(hours=23)) == ann
    assert acc.session_account(store, "t1", NOW + timedelta(days=1, seconds=1)) is None
    assert acc.session_account(store, "other", NOW) is None
    acc.end_session(store, "t1")
    assert acc.session_account(store, "t1", NOW) is None


def test_rotation_replaces_the_old_session_and_clears_expired_ones(store: Store) -> None:
    ann = acc.create_user(store, "ann", "h", NOW)
    acc.start_session(store, ann.id, "old", NOW, NOW + timedelta(days=1))
    acc.start_session(store, ann.id, "stale", NOW - timedelta(days=3), NOW - timedelta(days=2))
    acc.start_session(store, ann.id, "new", NOW, NOW + timedelta(days=1), replacing="old")
    assert acc.session_account(store, "old", NOW) is None
    assert acc.session_account(store, "new", NOW) == ann
    with store.reading() as s:
        from sqlalchemy import select

        from sciatica_coach.store.tables import WebSession

        assert s.scalars(select(WebSession.id)).all() == ["new"]


def test_sessions_go_with_their_user(store: Store) -> None:
    ann = acc.create_user(store, "ann", "h", NOW)
    acc.start_session(store, ann.id, "t", NOW, NOW + timedelta(days=1))
    with store.transaction() as s:
        from sciatica_coach.store.tables import User

        s.delete(s.get(User, ann.id))
    assert acc.session_account(store, "t", NOW) is None


def test_app_secret_is_made_once_and_shared(db_url: str) -> None:
    first = acc.app_secret(open_store(db_url), "cookie", NOW)
    second = acc.app_secret(open_store(db_url), "cookie", NOW)
    assert first == second
    assert len(first) >= 40
    assert acc.app_secret(open_store(db_url), "other", NOW) != first


def test_password_hash_can_be_replaced(store: Store) -> None:
    ann = acc.create_user(store, "ann", "old", NOW)
    acc.set_password_hash(store, ann.id, "new")
    assert acc.user_by_name(store, "ann").password_hash == "new"  # type: ignore[union-attr]


DAY = date(2026, 11, 1)


def test_entry_by_id_is_scoped_to_its_user(store: Store) -> None:
    ann = acc.create_user(store, "ann", "h", NOW).id
    bob = acc.create_user(store, "bob", "h", NOW).id
    stored = store.put_entry(ann, DiaryEntry(DAY, 5, 3, note="x"))
    assert stored.id is not None
    assert store.entry(ann, stored.id) == stored
    assert store.entry(bob, stored.id) is None
    assert store.replace_entry(bob, stored.id, DiaryEntry(DAY, 1, 1)) is None
    assert store.delete_entry_id(bob, stored.id) is False
    assert store.entry(ann, stored.id) == stored


def test_replace_entry_may_move_it_but_not_onto_another(store: Store) -> None:
    ann = acc.create_user(store, "ann", "h", NOW).id
    first = store.put_entry(ann, DiaryEntry(DAY, 5, 3))
    second = store.put_entry(ann, DiaryEntry(DAY + timedelta(days=1), 4, 4))
    assert first.id is not None and second.id is not None
    moved = store.replace_entry(ann, first.id, DiaryEntry(DAY - timedelta(days=1), 2, 1))
    assert moved == DiaryEntry(DAY - timedelta(days=1), 2, 1, id=first.id)
    with pytest.raises(InvalidInput) as err:
        store.replace_entry(ann, first.id, DiaryEntry(second.day, 9, 9))
    assert err.value.field == "date"
    assert [e.leg_pain for e in store.entries(ann)] == [2, 4]


def test_delete_entry_by_id(store: Store) -> None:
    ann = acc.create_user(store, "ann", "h", NOW).id
    stored = store.put_entry(ann, DiaryEntry(DAY, 5, 3))
    assert stored.id is not None
    assert store.delete_entry_id(ann, stored.id) is True
    assert store.delete_entry_id(ann, stored.id) is False
    assert store.entries(ann) == []
