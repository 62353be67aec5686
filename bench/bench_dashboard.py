"""The clinician's dashboard read from summary rows, through HTTP: `GET /api/patients` over
10,000 patients with a year of diary each and over 100,000 patients with three weeks each, on
SQLite and a real PostgreSQL, against `sciatica serve --workers 2`. Patients are made by bulk
insert (no argon2), then the daily job (`sciatica rebuild-summaries`) makes their rows once.

Every figure comes with the machine's load average and a yardstick from the same run: a
request that reads no database (`GET /api/csrf`) on the same server. BENCH_DASHBOARD_SIZES
(e.g. "10000x365,100000x21") changes the sizes, BENCH_DASHBOARD_DATABASES
("sqlite,postgresql") the databases."""

import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import httpx
from sqlalchemy import Engine
from tests import pgserver
from tests.web.servers import serve

from bench.timing import percentile
from sciatica_coach.store import open_store

SIZES = os.environ.get("BENCH_DASHBOARD_SIZES", "10000x365,100000x21")
DATABASES = os.environ.get("BENCH_DASHBOARD_DATABASES", "sqlite,postgresql").split(",")
PASSWORD = "bench password 1"
ENTRY_COLUMNS = "user_id, day, leg_pain, back_pain, tingling, numbness, weakness, note"
SESSION_COLUMNS = "id, user_id, day, started_at, ended_at, feeling, finished"
RUNS = 30


def load() -> str:
    one, five, fifteen = os.getloadavg()
    return f"load {one:.1f} {five:.1f} {fifteen:.1f}"


def _rows(users: range, days: int, today: date):  # type: ignore[no-untyped-def]
    """Each patient's diary ends on a random recent day; some never started."""
    rng = random.Random(7)
    for uid in users:
        length = rng.randint(1, days)
        last = today - timedelta(days=rng.randrange(10))
        level = rng.randint(2, 9)
        for n in range(length):
            day = last - timedelta(days=length - 1 - n)
            leg = max(0, min(10, level - n // 30 * (uid % 3) + rng.randint(-1, 2)))
            yield uid, day, leg, max(0, leg - 2), False, False, n == length - 1 and uid % 41 == 0


def _sessions(users: range, today: date):  # type: ignore[no-untyped-def]
    for uid in users:
        for week in range(uid % 4):
            day = today - timedelta(days=3 + 7 * week)
            moment = datetime.combine(day, datetime.min.time(), UTC)
            yield uid * 10 + week, uid, day, moment


def _fill(engine: Engine, users: range, days: int, today: date) -> None:
    raw = engine.raw_connection()
    try:
        cur = raw.cursor()
        pg = engine.dialect.name == "postgresql"
        m = "%s" if pg else "?"
        stamp = "2026-01-01T00:00:00+00:00"
        cur.executemany(
            f"INSERT INTO users (id, username, name_key, role, created_at, is_local) "
            f"VALUES ({m}, {m}, {m}, 'patient', '{stamp}', {'false' if pg else '0'})",
            [(u, f"patient{u}", f"patient{u}") for u in users],
        )
        entries = ((u, d.isoformat(), leg, back, t, n, w, "") for u, d, leg, back, t, n, w in
                   _rows(users, days, today))  # fmt: skip
        sessions = list(_sessions(users, today))
        if pg:
            with cur.copy(f"COPY diary_entries ({ENTRY_COLUMNS}) FROM STDIN") as copy:  # type: ignore[attr-defined]
                for row in entries:
                    copy.write_row(row)
        else:
            cur.executemany(
                f"INSERT INTO diary_entries ({ENTRY_COLUMNS}) VALUES (?,?,?,?,?,?,?,?)", entries
            )
        cur.executemany(
            f"INSERT INTO sessions ({SESSION_COLUMNS}) VALUES ({m},{m},{m},{m},{m},'better',true)",
            [(i, u, d.isoformat(), t.isoformat(), t.isoformat()) for i, u, d, t in sessions],
        )
        cur.executemany(
            f"INSERT INTO session_items (session_id, routine_id, side) VALUES ({m}, {m}, NULL)",
            [(i, "knuckle-massage") for i, *_ in sessions],
        )
        raw.commit()
        cur.execute("ANALYZE")
        raw.commit()
    finally:
        raw.close()


def _link_all(engine: Engine, clinician_id: int, users: range) -> None:
    raw = engine.raw_connection()
    try:
        m = "%s" if engine.dialect.name == "postgresql" else "?"
        # each link carries its patient's rank in the list, as accepting a code does
        raw.cursor().execute(
            "INSERT INTO care_links (patient_id, clinician_id, created_at, rank) "
            f"SELECT user_id, {m}, '2026-01-01T00:00:00+00:00', rank FROM patient_summaries "
            f"WHERE user_id BETWEEN {m} AND {m}",
            (clinician_id, users.start, users.stop - 1),
        )
        raw.commit()
        if engine.dialect.name == "postgresql":
            # As autovacuum does after so many new rows: VACUUM also marks the pages all
            # visible, so the page's walk of the links' index reads no table page.
            raw.driver_connection.autocommit = True  # type: ignore[union-attr]
            raw.cursor().execute("VACUUM ANALYZE care_links")
            raw.driver_connection.autocommit = False  # type: ignore[union-attr]
        else:
            raw.cursor().execute("ANALYZE")  # as autovacuum would after so many new rows
            raw.commit()
    finally:
        raw.close()


def _times(client: httpx.Client, path: str) -> list[float]:
    times = []
    for _ in range(RUNS):
        start = time.perf_counter()
        client.get(path).raise_for_status()
        times.append(time.perf_counter() - start)
    return times


def _one(label: str, url: str, patients: int, days: int) -> None:
    store = open_store(url)  # migrated
    engine = store.engine
    today = date.today()
    users = range(1000, 1000 + patients)
    began = time.perf_counter()
    _fill(engine, users, days, today)
    print(f"  {patients} patients x up to {days} days of diary, bulk insert: "
          f"{time.perf_counter() - began:.0f} s ({load()})")  # fmt: skip
    env = {**os.environ, "SCIATICA_DB": url}
    began = time.perf_counter()
    subprocess.run([sys.executable, "-m", "sciatica_coach", "rebuild-summaries"], env=env,
                   check=True, capture_output=True)  # fmt: skip
    print(f"  the daily job (rebuild-summaries) over {patients} patients: "
          f"{time.perf_counter() - began:.1f} s ({load()})")  # fmt: skip
    with serve(url, workers=2) as served, httpx.Client(base_url=served.url, timeout=60) as client:
        client.get("/api/csrf")
        client.headers["X-CSRF-Token"] = client.cookies["csrf_token"]
        body = {"username": "dr-bench", "password": PASSWORD, "role": "clinician"}
        me = client.post("/api/register", json=body)
        me.raise_for_status()
        client.headers["X-CSRF-Token"] = client.cookies["csrf_token"]
        _link_all(engine, me.json()["id"], users)
        total = client.get("/api/patients?per_page=1").json()["total"]
        assert total == patients, total
        bare = _times(client, "/api/csrf")
        yard = statistics.median(bare)
        print(f"  yardstick GET /api/csrf (no database): p50 {yard * 1000:.1f} ms ({load()})")
        last = patients // 50
        for page in (1, 100, last):
            times = _times(client, f"/api/patients?page={page}&per_page=50")
            p50, p99 = statistics.median(times), percentile(times, 99)
            print(f"  {label} GET /api/patients?page={page}&per_page=50 over {patients} "
                  f"patients: p50 {p50 * 1000:.1f} ms, p99 {p99 * 1000:.1f} ms "
                  f"= {p50 / yard:.1f}x the yardstick ({load()})")  # fmt: skip
    store.close()


def main() -> None:
    sizes = [tuple(int(n) for n in size.split("x")) for size in SIZES.split(",")]
    with tempfile.TemporaryDirectory() as folder:
        for patients, days in sizes if "sqlite" in DATABASES else ():
            print(f"SQLite, {patients} patients:")
            _one("SQLite", f"sqlite:///{Path(folder) / f'd{patients}.db'}", patients, days)
    if "postgresql" not in DATABASES:
        return
    if not pgserver.available():
        print("PostgreSQL is not installed: skipped (make bench installs it)")
        return
    pg = pgserver.PgServer.start()
    try:
        import psycopg

        for patients, days in sizes:
            name = f"dash{patients}"
            with psycopg.connect(pg.url().replace("+psycopg", ""), autocommit=True) as conn:
                conn.execute(f"CREATE DATABASE {name}")
            print(f"PostgreSQL, {patients} patients:")
            _one("PostgreSQL", pg.url(name), patients, days)
    finally:
        pg.stop()


if __name__ == "__main__":
    main()
