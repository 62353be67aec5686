"""A killed process never leaves half a record and never loses an acknowledged one."""

import random
import subprocess
import sys
import time
from datetime import date, timedelta

import pytest

from sciatica_coach.store import open_store

# Killed subprocesses, a dozen rounds a database: `make test` only.
pytestmark = pytest.mark.slow
ROUNDS = 12


def _kill_writer_at_random(url: str, first: int, rng: random.Random) -> list[int]:
    writer = subprocess.Popen(
        [sys.executable, "-m", "tests.store.crash_writer", url, str(first)],
        stdout=subprocess.PIPE,
        text=True,
    )
    assert writer.stdout is not None
    acknowledged = [int(writer.stdout.readline())]  # wait until it is really writing
    time.sleep(rng.uniform(0.0, 0.3))
    writer.kill()  # SIGKILL: no cleanup, no atexit, mid-transaction most of the time
    acknowledged += [int(line) for line in writer.stdout]
    writer.wait()
    return acknowledged


def test_sigkill_loses_nothing_acknowledged_and_leaves_nothing_half_written(db_url: str) -> None:
    rng = random.Random(7)
    open_store(db_url)  # migrate once, before the killing starts
    acknowledged: list[int] = []
    first = 0
    for _ in range(ROUNDS):
        acked = _kill_writer_at_random(db_url, first, rng)
        acknowledged += acked
        first = acked[-1] + 2  # leave a gap: the unacknowledged one may or may not be there

    store = open_store(db_url)
    user = store.local_user_id()
    entries = {e.day: e for e in store.entries(user)}
    sessions = store.sessions(user)
    for n in acknowledged:
        day = date(2000, 1, 1) + timedelta(days=n)
        assert entries[day].note == f"entry {n}"
    for record in sessions:  # every stored session is whole
        assert len(record.completed) == 3
        assert len(record.pain_stops) == 1
    assert {s.day for s in sessions} >= {date(2000, 1, 1) + timedelta(days=n) for n in acknowledged}
    if db_url.startswith("sqlite"):
        with store.engine.connect() as conn:
            assert conn.exec_driver_sql("PRAGMA integrity_check").scalar() == "ok"
