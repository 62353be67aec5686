"""The database's window sums equal the in-memory ones, so both give the same verdict."""

import random
from datetime import UTC, date, datetime, timedelta

from sciatica_coach.progress import DiaryEntry
from sciatica_coach.progress.verdict import decide, windows_from_entries
from sciatica_coach.session import Completed, SessionRecord
from sciatica_coach.store import open_store
from sciatica_coach.store.tables import User
from sciatica_coach.store.windows import windows_of_one

START = date(2026, 1, 1)


def _random_diary(rng: random.Random) -> list[DiaryEntry]:
    days = sorted(rng.sample(range(60), rng.randint(1, 45)))
    return [
        DiaryEntry(START + timedelta(n), rng.randint(0, 10), rng.randint(0, 10),
                   weakness=rng.random() < 0.1)
        for n in days
    ]  # fmt: skip


def test_database_windows_match_the_in_memory_rule(db_url: str) -> None:
    store = open_store(db_url)
    rng = random.Random(3)
    diaries: dict[int, list[DiaryEntry]] = {}
    sessions: dict[int, set[date]] = {}
    for n in range(25):
        with store.transaction() as s:
            user = User(username=f"u{n}", created_at=datetime.now(UTC))
            s.add(user)
            s.flush()
            uid = user.id
        diaries[uid] = _random_diary(rng)
        store.import_entries(uid, diaries[uid])
        sessions[uid] = set()
        for d in rng.sample(range(-5, 65), 12):
            moment = datetime(2026, 1, 1, tzinfo=UTC) + timedelta(days=d)
            done = (Completed("knuckle-massage", None),) if d % 3 else ()
            store.save_session(uid, SessionRecord(moment.date(), moment, moment, completed=done))
            if done:
                sessions[uid].add(moment.date())
    for as_of in (START + timedelta(3), START + timedelta(30), START + timedelta(75)):
        from_db = store.windows(as_of)
        for uid, entries in diaries.items():
            expected = windows_from_entries(entries, sessions[uid], as_of)
            assert from_db.get(uid) == expected, (uid, as_of)
            with store.reading() as s:  # one person's, by index seeks (a diary write's)
                assert windows_of_one(s, uid, as_of) == expected, (uid, as_of)
            if expected is not None:
                assert decide(from_db[uid], as_of) == decide(expected, as_of)
    some = list(diaries)[:3]
    assert set(store.windows(START + timedelta(75), some)) == set(some)
