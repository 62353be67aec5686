"""Verdicts for a clinic: N users with a year of daily entries each, on SQLite and on a real
PostgreSQL (started on loopback), at several sizes to show how the cost grows."""

import csv
import os
import random
import sys
import tempfile
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from sqlalchemy import Engine, text
from tests import pgserver

from sciatica_coach.progress.verdict import decide
from sciatica_coach.store import Store, open_store

SIZES = (1_000, 3_000, 10_000)
DAYS = 365
AS_OF = date(2026, 6, 30)
FIRST = AS_OF - timedelta(days=DAYS - 1)


def _rows(users: range) -> tuple[list[tuple], list[tuple], list[tuple]]:  # type: ignore[type-arg]
    rng = random.Random(1)
    entries, sessions, items = [], [], []
    session_id = users.start * DAYS  # ids unique across growth steps
    for uid in users:
        level = rng.randint(3, 9)
        for n in range(DAYS):
            day = FIRST + timedelta(days=n)
            leg = max(0, min(10, level - n // 60 + rng.randint(-1, 1)))
            weak = n == 300 and uid % 17 == 0
            entries.append((uid, day, leg, max(0, leg - 2), False, False, weak, ""))
            if n % 7 == 0:
                session_id += 1
                moment = datetime.combine(day, datetime.min.time(), UTC)
                sessions.append((session_id, uid, day, moment, moment, "better", True))
                items.append((session_id, "knuckle-massage", None))
    return entries, sessions, items


ENTRY_COLUMNS = "user_id, day, leg_pain, back_pain, tingling, numbness, weakness, note"
SESSION_COLUMNS = "id, user_id, day, started_at, ended_at, feeling, finished"
# `name_key` is the name as the unique key compares it (schema.name_key: lower case); these
# names are lower case already.
USER_SQL = (
    "INSERT INTO users (id, username, name_key, role, created_at)"
    " VALUES ({0}, {1}, {1}, 'patient', {2})"
)


def _fill_postgres(engine: Engine, users: range) -> None:
    entries, sessions, items = _rows(users)
    raw = engine.raw_connection()
    try:
        cur = raw.cursor()
        cur.executemany(
            USER_SQL.format("%(id)s", "%(name)s", "now()"),
            [{"id": u, "name": f"user{u}"} for u in users],
        )
        with cur.copy(f"COPY diary_entries ({ENTRY_COLUMNS}) FROM STDIN") as copy:
            for row in entries:
                copy.write_row(row)
        with cur.copy(f"COPY sessions ({SESSION_COLUMNS}) FROM STDIN") as copy:
            for row in sessions:
                copy.write_row(row)
        with cur.copy("COPY session_items (session_id, routine_id, side) FROM STDIN") as copy:
            for row in items:
                copy.write_row(row)
        raw.commit()
        cur.execute("ANALYZE")
        raw.commit()
    finally:
        raw.close()


def _fill_sqlite(engine: Engine, users: range) -> None:
    entries, sessions, items = _rows(users)
    with engine.begin() as conn:
        dbapi = conn.connection.driver_connection
        assert dbapi is not None
        dbapi.executemany(
            USER_SQL.format(":id", ":name", "'2026-01-01'"),
            [{"id": u, "name": f"u{u}"} for u in users],
        )
        dbapi.executemany(
            f"INSERT INTO diary_entries ({ENTRY_COLUMNS}) VALUES (?,?,?,?,?,?,?,?)",
            [(r[0], r[1].isoformat(), *r[2:]) for r in entries],
        )
        dbapi.executemany(
            f"INSERT INTO sessions ({SESSION_COLUMNS}) VALUES (?,?,?,?,?,?,?)",
            [(*r[:2], *(v.isoformat() for v in r[2:5]), *r[5:]) for r in sessions],
        )
        dbapi.executemany(
            "INSERT INTO session_items (session_id, routine_id, side) VALUES (?,?,?)", items
        )
        conn.exec_driver_sql("ANALYZE")


def _measure(store: Store, label: str, size: int) -> None:
    best = float("inf")
    for _ in range(3):
        start = time.perf_counter()
        windows = store.windows(AS_OF)
        verdicts = {uid: decide(w, AS_OF) for uid, w in windows.items()}
        best = min(best, time.perf_counter() - start)
    assert len(verdicts) == size
    counts: dict[str, int] = {}
    for a in verdicts.values():
        counts[a.verdict.value] = counts.get(a.verdict.value, 0) + 1
    print(
        f"{label:10} {size:>6} users x {DAYS} entries: all verdicts in {best * 1000:7.0f} ms"
        f"  ({best / size * 1e6:.1f} us/user)  {counts}",
        flush=True,
    )


def _grow(fill, store: Store, label: str) -> None:  # type: ignore[no-untyped-def]
    done = 0
    for size in SIZES:
        fill(store.engine, range(done + 1, size + 1))
        done = size
        _measure(store, label, size)


def bench_import() -> None:
    from bench.timing import summary, wall_times

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "ten-years.csv"
        with path.open("w", newline="") as out:
            writer = csv.writer(out)
            writer.writerow(
                ["date", "leg_pain", "back_pain", "tingling", "numbness", "weakness", "note"]
            )
            for n in range(3650):
                writer.writerow(
                    [
                        date(2016, 1, 1) + timedelta(days=n),
                        n % 11,
                        (n * 3) % 11,
                        n % 2,
                        "",
                        0,
                        f"day {n}",
                    ]
                )
        env = {**os.environ, "SCIATICA_DB": f"sqlite:///{folder}/import.db"}
        sciatica = str(Path(sys.executable).parent / "sciatica")
        times = wall_times([sciatica, "import", str(path)], 5, env)
        print(f"sciatica import of a 10-year CSV (3,650 entries), SQLite: {summary(times)}")


def main() -> None:
    bench_import()
    with tempfile.TemporaryDirectory() as folder:
        store = open_store(f"sqlite:///{folder}/clinic.db")
        _grow(_fill_sqlite, store, "SQLite")
        store.close()
    if not pgserver.available():
        print("PostgreSQL: not installed here, skipped")
        return
    server = pgserver.PgServer.start()
    try:
        store = open_store(server.url())
        with store.engine.begin() as conn:
            conn.execute(text("SELECT 1"))
        _grow(_fill_postgres, store, "PostgreSQL")
        store.close()
    finally:
        server.stop()
