"""A clinic under load, on loopback: 200 concurrent simulated patients logging their pain and
reading their progress for 60 s against `sciatica serve --workers 2`, on a real PostgreSQL and
on SQLite; then a clinician's dashboard (`GET /api/patients`) over 10,000 linked patients with
a year of diary each, through HTTP.

Bounded in time (BENCH_SECONDS changes the 60 s). The load generator shares the machine's two
cores with the server, so the figures are a floor, not a ceiling."""

import asyncio
import os
import random
import tempfile
import time
from collections import Counter
from collections.abc import Callable
from contextlib import AbstractContextManager
from datetime import date, timedelta

import httpx
from sqlalchemy import Engine
from tests import pgserver
from tests.web.servers import Served, serve

from bench import bench_verdicts
from bench.bench_verdicts import DAYS, _fill_postgres, _fill_sqlite
from bench.timing import percentile
from sciatica_coach.store.engine import make_engine

PATIENTS = 200
SECONDS = float(os.environ.get("BENCH_SECONDS", 60))
DASHBOARD_PATIENTS = 10_000
PASSWORD = "bench password 1"


async def _signed_in(url: str, name: str, role: str, gate: asyncio.Semaphore) -> httpx.AsyncClient:
    client = httpx.AsyncClient(base_url=url, timeout=60)
    async with gate:  # argon2 hashing is meant to be slow: sign up a few at a time
        await client.get("/api/csrf")
        client.headers["X-CSRF-Token"] = client.cookies["csrf_token"]
        body = {"username": name, "password": PASSWORD, "role": role}
        (await client.post("/api/register", json=body)).raise_for_status()
    client.headers["X-CSRF-Token"] = client.cookies["csrf_token"]
    return client


async def _patient_loop(
    client: httpx.AsyncClient, stop: float, latencies: dict[str, list[float]], errors: Counter[str]
) -> None:
    today = date.today()
    while time.perf_counter() < stop:
        if random.random() < 0.5:
            name = "POST /api/diary"
            day = today - timedelta(days=random.randrange(90))
            body = {"date": day.isoformat(), "leg_pain": random.randrange(11),
                    "back_pain": random.randrange(11), "note": "bench"}  # fmt: skip
            call = client.post("/api/diary?replace=true", json=body)
        else:
            name = "GET /api/progress"
            call = client.get("/api/progress")
        began = time.perf_counter()
        try:
            status = (await call).status_code
        except httpx.HTTPError as error:
            status = 0
            errors[type(error).__name__] += 1
        latencies[name].append(time.perf_counter() - began)
        if status >= 400:
            errors[str(status)] += 1


async def _load(url: str, label: str) -> None:
    gate = asyncio.Semaphore(8)
    began = time.perf_counter()
    clients = await asyncio.gather(
        *(_signed_in(url, f"patient{n}", "patient", gate) for n in range(PATIENTS))
    )
    print(f"  {PATIENTS} patients signed up in {time.perf_counter() - began:.1f} s")
    latencies: dict[str, list[float]] = {"POST /api/diary": [], "GET /api/progress": []}
    errors: Counter[str] = Counter()
    start, cpu = time.perf_counter(), time.process_time()
    await asyncio.gather(*(_patient_loop(c, start + SECONDS, latencies, errors) for c in clients))
    elapsed = time.perf_counter() - start
    client_cores = (time.process_time() - cpu) / elapsed
    every = [v for values in latencies.values() for v in values]
    print(f"  {label}, {PATIENTS} patients for {elapsed:.0f} s: {len(every) / elapsed:.0f} req/s, "
          f"p50 {percentile(every, 50) * 1000:.0f} ms, p99 {percentile(every, 99) * 1000:.0f} ms, "
          f"errors {sum(errors.values())} {dict(errors) or ''}")  # fmt: skip
    print(f"    (the load generator itself used {client_cores:.2f} of the 2 cores)")
    for name, values in latencies.items():
        p50, p99 = (percentile(values, p) * 1000 for p in (50, 99))
        print(f"    {name:<20} {len(values):6d} requests  p50 {p50:5.0f} ms  p99 {p99:5.0f} ms")
    await asyncio.gather(*(c.aclose() for c in clients))


def _link_all(engine: Engine, clinician_id: int, patients: range) -> None:
    raw = engine.raw_connection()
    try:
        cur = raw.cursor()
        marker = "%s" if engine.dialect.name == "postgresql" else "?"
        cur.executemany(
            "INSERT INTO care_links (patient_id, clinician_id, created_at) "
            f"VALUES ({marker}, {marker}, '2026-01-01T00:00:00+00:00')",
            [(p, clinician_id) for p in patients],
        )
        raw.commit()
    finally:
        raw.close()


async def _dashboard(url: str, database_url: str, fill: Callable[[Engine, range], None]) -> None:
    clinician = await _signed_in(url, "dr-bench", "clinician", asyncio.Semaphore(1))
    me = (await clinician.post("/api/login", json={"username": "dr-bench",
                                                   "password": PASSWORD})).json()["id"]  # fmt: skip
    clinician.headers["X-CSRF-Token"] = clinician.cookies["csrf_token"]
    patients = range(1000, 1000 + DASHBOARD_PATIENTS)
    engine = make_engine(database_url)
    began = time.perf_counter()
    fill(engine, patients)
    _link_all(engine, me, patients)
    engine.dispose()
    print(f"  {DASHBOARD_PATIENTS} patients with a year of diary each loaded in "
          f"{time.perf_counter() - began:.0f} s")  # fmt: skip
    for page in (1, 100):
        times = []
        for _ in range(10):
            start = time.perf_counter()
            r = await clinician.get(f"/api/patients?page={page}&per_page=50")
            r.raise_for_status()
            times.append(time.perf_counter() - start)
        assert r.json()["total"] == DASHBOARD_PATIENTS
        p50, worst = percentile(times, 50) * 1000, max(times) * 1000
        print(f"  GET /api/patients?page={page} over {DASHBOARD_PATIENTS} patients: "
              f"p50 {p50:.0f} ms, worst {worst:.0f} ms")  # fmt: skip
    await clinician.aclose()


def _run(label: str, database_url: str, fill: Callable[[Engine, range], None]) -> None:
    print(f"{label}, sciatica serve --workers 2:")
    server: AbstractContextManager[Served] = serve(database_url, workers=2)
    with server as served:
        asyncio.run(_load(served.url, label))
        print("  a clinician's dashboard:")
        asyncio.run(_dashboard(served.url, database_url, fill))


def main() -> None:
    # The patients' year of diary ends yesterday, so the dashboard's verdicts are current.
    bench_verdicts.FIRST = date.today() - timedelta(days=DAYS)
    if pgserver.available():
        pg = pgserver.PgServer.start()
        try:
            _run("PostgreSQL", pg.url(), _fill_postgres)
        finally:
            pg.stop()
    else:
        print("PostgreSQL is not installed: skipped (make bench installs it)")
    with tempfile.TemporaryDirectory() as folder:
        _run("SQLite", f"sqlite:///{folder}/clinic.db", _fill_sqlite)


if __name__ == "__main__":
    main()
