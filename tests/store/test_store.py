"""The store on a real SQLite file and a real PostgreSQL server."""

from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import inspect
from sqlalchemy.exc import IntegrityError

from sciatica_coach.catalog import Side
from sciatica_coach.progress import DiaryEntry, Reach
from sciatica_coach.safety import Level, ScreeningRecord
from sciatica_coach.session import Completed, Feeling, PainStop, SessionRecord
from sciatica_coach.store import Store, open_store
from sciatica_coach.store.tables import User

DAY = date(2026, 11, 1)


@pytest.fixture
def store(db_url: str) -> Store:
    return open_store(db_url)


def new_user(store: Store, name: str) -> int:
    with store.transaction() as s:
        user = User(username=name, created_at=datetime.now(UTC))
        s.add(user)
        s.flush()
        return user.id


def entry(offset: int, leg: int = 5, back: int = 3, **kw: object) -> DiaryEntry:
    return DiaryEntry(day=DAY + timedelta(days=offset), leg_pain=leg, back_pain=back, **kw)  # type: ignore[arg-type]


def test_migrations_create_every_table(store: Store) -> None:
    tables = set(inspect(store.engine).get_table_names())
    assert {"users", "profiles", "diary_entries", "screenings", "sessions",
            "session_items", "pain_stops", "alembic_version"} <= tables  # fmt: skip


def test_opening_twice_is_harmless(db_url: str) -> None:
    first = open_store(db_url)
    uid = first.local_user_id()
    first.put_entry(uid, entry(0))
    second = open_store(db_url)
    assert second.local_user_id() == uid
    assert len(second.entries(uid)) == 1


def test_entry_round_trip_and_same_day_replaces(store: Store) -> None:
    uid = store.local_user_id()
    stored = store.put_entry(
        uid, entry(0, 7, 2, tingling=True, note="bad night", reaches=Reach.THIGH)
    )
    assert stored.id is not None
    assert stored == DiaryEntry(
        DAY, 7, 2, tingling=True, note="bad night", reaches=Reach.THIGH, id=stored.id
    )
    replaced = store.put_entry(uid, entry(0, 3, 1))
    assert replaced.id == stored.id
    assert [(e.leg_pain, e.note) for e in store.entries(uid)] == [(3, "")]


def test_entries_are_ordered_and_filtered_by_date(store: Store) -> None:
    uid = store.local_user_id()
    for offset in (3, 0, 2, 1):
        store.put_entry(uid, entry(offset, leg=offset))
    assert [e.leg_pain for e in store.entries(uid)] == [0, 1, 2, 3]
    assert [
        e.leg_pain for e in store.entries(uid, start=DAY + timedelta(1), end=DAY + timedelta(2))
    ] == [1, 2]


def test_delete_entry(store: Store) -> None:
    uid = store.local_user_id()
    store.put_entry(uid, entry(0))
    assert store.delete_entry(uid, DAY) is True
    assert store.delete_entry(uid, DAY) is False
    assert store.entries(uid) == []


def test_import_is_all_or_nothing(store: Store) -> None:
    uid = store.local_user_id()
    store.put_entry(uid, entry(0, 1, 1))
    broken = entry(3)
    object.__setattr__(broken, "leg_pain", 11)  # past the entry's own check: the database's
    bad = [entry(1), entry(2), broken]
    with pytest.raises(IntegrityError):
        store.import_entries(uid, bad)
    assert [e.day for e in store.entries(uid)] == [DAY]
    assert store.import_entries(uid, [entry(i) for i in range(1200)]) == 1200
    assert len(store.entries(uid)) == 1200


def test_users_never_see_each_other(store: Store) -> None:
    alice, bob = new_user(store, "alice"), new_user(store, "bob")
    store.put_entry(alice, entry(0, 9, 9, note="alice's"))
    store.save_profile(alice, {"minutes": 20})
    store.save_screening(alice, ScreeningRecord(datetime.now(UTC), Level.URGENT, {"fever": True}))
    assert store.entries(bob) == []
    assert store.load_profile(bob) is None
    assert store.latest_screening(bob) is None
    assert store.delete_entry(bob, DAY) is False
    assert len(store.entries(alice)) == 1


def test_profile_round_trip(store: Store) -> None:
    uid = store.local_user_id()
    assert store.load_profile(uid) is None
    store.save_profile(uid, {"minutes": 15, "equipment": ["tennis_balls"]})
    store.save_profile(uid, {"minutes": 20, "equipment": []})
    assert store.load_profile(uid) == {"minutes": 20, "equipment": []}


def test_latest_screening_wins(store: Store) -> None:
    uid = store.local_user_id()
    t0 = datetime(2026, 11, 1, 9, 0, tzinfo=UTC)
    store.save_screening(uid, ScreeningRecord(t0, Level.EMERGENCY, {"saddle_numbness": True}))
    store.save_screening(uid, ScreeningRecord(t0 + timedelta(hours=2), Level.SELF_CARE, {}))
    latest = store.latest_screening(uid)
    assert latest is not None
    assert (latest.level, latest.taken_at) == (Level.SELF_CARE, t0 + timedelta(hours=2))


def test_session_round_trip(store: Store) -> None:
    uid = store.local_user_id()
    start = datetime(2026, 11, 2, 8, 0, tzinfo=UTC)
    record = SessionRecord(
        day=date(2026, 11, 2),
        started_at=start,
        ended_at=start + timedelta(minutes=12),
        completed=(
            Completed("knuckle-massage", None),
            Completed("sitting-pigeon-pose", Side.RIGHT),
        ),
        pain_stops=(PainStop("sitting-pigeon-pose", Side.LEFT, 2, 6),),
        feeling=Feeling.BETTER,
        finished=True,
    )
    saved = store.save_session(uid, record)
    assert saved == record and saved.id is not None
    assert store.sessions(uid) == [record]
    assert store.sessions(uid, start=date(2026, 11, 3)) == []
