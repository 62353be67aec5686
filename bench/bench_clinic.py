"""A clinic under load, on loopback: 200 simulated patients logging their pain and reading
their progress against `sciatica serve --workers 2`, on a real PostgreSQL and on SQLite:
first paced as patients really behave (each one request a second, at its own phase; target
p99 <= 100 ms, no errors), then saturated (each sends its next request as soon as the last
answers), 60 s each. The dashboard has its own bench (bench_dashboard).

Bounded in time (BENCH_SECONDS changes the 60 s). The load generator shares the machine's two
cores with the server, so the figures are a floor, not a ceiling."""

import asyncio
import os
import random
import tempfile
import time
from collections import Counter
from contextlib import AbstractContextManager
from datetime import date, timedelta

import httpx
from tests import pgserver
from tests.web.servers import Served, serve

from bench.timing import percentile

PATIENTS = 200
SECONDS = float(os.environ.get("BENCH_SECONDS", 60))
PASSWORD = "bench password 1"


async def _signed_in(url: str, name: str, role: str, gate: asyncio.Semaphore) -> httpx.AsyncClient:
    client = httpx.AsyncClient(base_url=url, timeout=60)
    async with gate:  # argon2 hashing is meant to be slow: sign up a few at a time
        await client.get("/api/csrf")
        client.headers["X-CSRF-Token"] = client.cookies["csrf_token"]
        body = {"username": name, "password": PASSWORD, "role": role}
        for _ in range(60):  # the server caps concurrent hashing and answers 503 past it
            answer = await client.post("/api/register", json=body)
            if answer.status_code != 503:
                break
            await asyncio.sleep(float(answer.headers.get("Retry-After", 1)))
        answer.raise_for_status()
    client.headers["X-CSRF-Token"] = client.cookies["csrf_token"]
    return client


async def _patient_loop(
    client: httpx.AsyncClient,
    stop: float,
    latencies: dict[str, list[float]],
    errors: Counter[str],
    every: float | None = None,
) -> None:
    today = date.today()
    due = time.perf_counter() + (random.random() * every if every else 0)
    while time.perf_counter() < stop:
        if every:  # paced: one request per `every` seconds, whatever the last one took
            await asyncio.sleep(max(0.0, due - time.perf_counter()))
            due += every
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
    one, five, fifteen = os.getloadavg()
    print(f"  (load {one:.1f} {five:.1f} {fifteen:.1f} before the run)")
    gate = asyncio.Semaphore(2)
    began = time.perf_counter()
    clients = await asyncio.gather(
        *(_signed_in(url, f"patient{n}", "patient", gate) for n in range(PATIENTS))
    )
    print(f"  {PATIENTS} patients signed up in {time.perf_counter() - began:.1f} s")
    for every, mode in ((1.0, "paced, 1 req/s each"), (None, "saturated")):
        await _phase(clients, label, mode, every)
    await asyncio.gather(*(c.aclose() for c in clients))


async def _phase(
    clients: list[httpx.AsyncClient], label: str, mode: str, every: float | None
) -> None:
    latencies: dict[str, list[float]] = {"POST /api/diary": [], "GET /api/progress": []}
    errors: Counter[str] = Counter()
    start, cpu = time.perf_counter(), time.process_time()
    stop = start + SECONDS
    await asyncio.gather(*(_patient_loop(c, stop, latencies, errors, every) for c in clients))
    elapsed = time.perf_counter() - start
    client_cores = (time.process_time() - cpu) / elapsed
    every = [v for values in latencies.values() for v in values]
    one, five, fifteen = os.getloadavg()
    print(f"  {label}, {mode}, {PATIENTS} patients for {elapsed:.0f} s: "
          f"{len(every) / elapsed:.0f} req/s, "
          f"p50 {percentile(every, 50) * 1000:.0f} ms, p99 {percentile(every, 99) * 1000:.0f} ms, "
          f"errors {sum(errors.values())} {dict(errors) or ''} "
          f"(load {one:.1f} {five:.1f} {fifteen:.1f})")  # fmt: skip
    print(f"    (the load generator itself used {client_cores:.2f} of the 2 cores)")
    for name, values in latencies.items():
        p50, p99 = (percentile(values, p) * 1000 for p in (50, 99))
        print(f"    {name:<20} {len(values):6d} requests  p50 {p50:5.0f} ms  p99 {p99:5.0f} ms")


def _run(label: str, database_url: str) -> None:
    print(f"{label}, sciatica serve --workers 2:")
    server: AbstractContextManager[Served] = serve(database_url, workers=2)
    with server as served:
        asyncio.run(_load(served.url, label))


def main() -> None:
    if pgserver.available():
        pg = pgserver.PgServer.start()
        try:
            _run("PostgreSQL", pg.url())
        finally:
            pg.stop()
    else:
        print("PostgreSQL is not installed: skipped (make bench installs it)")
    with tempfile.TemporaryDirectory() as folder:
        _run("SQLite", f"sqlite:///{folder}/clinic.db")


if __name__ == "__main__":
    main()
