"""A writer for the crash test: writes sessions and entries forever, printing each id it
knows to be committed. The test kills it with SIGKILL at random moments."""

import sys
from datetime import UTC, date, datetime, timedelta

from sciatica_coach.catalog import Side
from sciatica_coach.progress import DiaryEntry
from sciatica_coach.session import Completed, PainStop, SessionRecord
from sciatica_coach.store import open_store

ITEMS = (
    Completed("knuckle-massage", None),
    Completed("sitting-pigeon-pose", Side.RIGHT),
    Completed("sitting-pigeon-pose", Side.LEFT),
)


def main(url: str, first: int) -> None:
    store = open_store(url)
    user = store.local_user_id()
    start = datetime(2020, 1, 1, tzinfo=UTC)
    for n in range(first, first + 100_000):
        day = date(2000, 1, 1) + timedelta(days=n)
        store.put_entry(user, DiaryEntry(day, n % 11, (n * 7) % 11, note=f"entry {n}"))
        record = SessionRecord(
            day=day,
            started_at=start,
            ended_at=start + timedelta(minutes=10),
            completed=ITEMS,
            pain_stops=(PainStop("sitting-spinal-stretch", Side.LEFT, 2, n % 11),),
            finished=True,
        )
        store.save_session(user, record)
        print(n, flush=True)


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]))
