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


def test_one_persons_progress_by_seeks_equals_the_whole_diarys(db_url: str) -> None:
    """`GET /api/progress` reads a few rows (`progress_of_one`); the verdict and the reach
    trend equal those of the whole diary and every session (`progress_of`)."""
    from sciatica_coach.progress import Reach
    from sciatica_coach.services.progress import progress_of, verdict_of

    store = open_store(db_url)
    rng = random.Random(11)
    reaches = [None, *Reach]
    for n in range(30):
        with store.transaction() as s:
            user = User(username=f"p{n}", created_at=datetime.now(UTC))
            s.add(user)
            s.flush()
            uid = user.id
        diary = [
            DiaryEntry(e.day, e.leg_pain, e.back_pain, weakness=e.weakness,
                       reaches=rng.choice(reaches) if rng.random() < 0.4 else None)
            for e in _random_diary(rng)
        ] if n else []  # fmt: skip
        store.import_entries(uid, diary)
        for d in rng.sample(range(-5, 65), 8):
            moment = datetime(2026, 1, 1, tzinfo=UTC) + timedelta(days=d)
            done = (Completed("knuckle-massage", None),) if d % 2 else ()
            store.save_session(uid, SessionRecord(moment.date(), moment, moment, completed=done))
        for as_of in (START - timedelta(1), START + timedelta(3), START + timedelta(40),
                      START + timedelta(100)):  # fmt: skip
            whole = progress_of(store, uid, as_of)
            assert verdict_of(store, uid, as_of) == (whole.assessment, whole.reach), (n, as_of)
