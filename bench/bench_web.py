"""The web app under load on loopback: 50 concurrent people logging their pain
(`POST /api/diary`) and opening the progress page, against a real uvicorn on SQLite; and the
bytes each page costs a phone (the page plus its styles, script and images).

Bounded: each phase stops after REQUESTS requests or SECONDS seconds, whichever comes first.
Aim: p99 under 100 ms, every page under 100 KB."""

import asyncio
import os
import random
import re
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Awaitable, Callable
from datetime import date, timedelta

import httpx

from bench.timing import percentile

CLIENTS = 50
REQUESTS = 3000  # per phase
SECONDS = 15.0  # per phase
THINK = 0.25  # seconds a paced client pauses between requests, on average
PASSWORD = "bench password 1"
PAGES = ["/register", "/login", "/learn", "/learn/causes", "/techniques/sitting-pigeon-pose",
         "/check", "/check/result", "/profile", "/today", "/session", "/diary",
         "/progress"]  # fmt: skip


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


def _start_server(folder: str) -> tuple[subprocess.Popen[bytes], str]:
    port = _free_port()
    env = {**os.environ, "SCIATICA_DB": f"sqlite:///{folder}/bench.db"}
    command = [sys.executable, "-m", "uvicorn", "--factory",
               "sciatica_coach.web.asgi:app_from_environment", "--host", "127.0.0.1",
               "--port", str(port), "--log-level", "warning", "--no-access-log"]  # fmt: skip
    server = subprocess.Popen(command, env=env)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            if httpx.get(url + "/api/csrf", timeout=1).status_code == 200:
                return server, url
        except httpx.HTTPError:
            time.sleep(0.1)
    server.kill()
    raise RuntimeError("the web server did not start")


async def _person(url: str, n: int) -> httpx.AsyncClient:
    client = httpx.AsyncClient(base_url=url, timeout=30)
    await client.get("/api/csrf")
    client.headers["X-CSRF-Token"] = client.cookies["csrf_token"]
    body = {"username": f"bench{n}", "password": PASSWORD}
    for _ in range(60):  # the server caps concurrent hashing and answers 503 past it
        r = await client.post("/api/register", json=body)
        if r.status_code != 503:
            break
        await asyncio.sleep(float(r.headers.get("Retry-After", 1)))
    r.raise_for_status()
    client.headers["X-CSRF-Token"] = client.cookies["csrf_token"]  # rotated on sign-in
    return client


async def _phase(
    clients: list[httpx.AsyncClient],
    call: Callable[[httpx.AsyncClient], Awaitable[int]],
    think: float = 0.0,
) -> tuple[list[float], int, float]:
    """Every client calls, waits for the answer, thinks (uniformly 0..2 x `think` seconds),
    and calls again, until the request budget or the time is spent."""
    latencies: list[float] = []
    errors = 0
    budget = REQUESTS
    start = time.perf_counter()
    stop = start + SECONDS

    async def worker(client: httpx.AsyncClient) -> None:
        nonlocal budget, errors
        while budget > 0 and time.perf_counter() < stop:
            budget -= 1
            began = time.perf_counter()
            status = await call(client)
            latencies.append(time.perf_counter() - began)
            errors += status >= 400
            if think:
                await asyncio.sleep(random.uniform(0, 2 * think))

    await asyncio.gather(*(worker(c) for c in clients))
    return latencies, errors, time.perf_counter() - start


def _report(name: str, latencies: list[float], errors: int, elapsed: float) -> None:
    ms = [v * 1000 for v in latencies]
    print(
        f"  {name:<32} {len(ms) / elapsed:6.0f} req/s  p50 {percentile(ms, 50):6.1f} ms  "
        f"p99 {percentile(ms, 99):6.1f} ms  ({len(ms)} requests, {errors} errors)"
    )


async def _load(url: str) -> None:
    clients = await asyncio.gather(*(_person(url, n) for n in range(CLIENTS)))
    today = date.today()

    async def log_pain(client: httpx.AsyncClient) -> int:
        day = today - timedelta(days=random.randrange(60))
        body = {"date": day.isoformat(), "leg_pain": random.randrange(11),
                "back_pain": random.randrange(11), "note": "bench"}  # fmt: skip
        return (await client.post("/api/diary?replace=true", json=body)).status_code

    async def progress_page(client: httpx.AsyncClient) -> int:
        return (await client.get("/progress")).status_code

    for think, label in [
        (0.0, "saturated: no pause between requests"),
        (THINK, f"paced: each client pauses {THINK * 1000:.0f} ms on average"),
    ]:
        print(f"{CLIENTS} concurrent clients, {label}:")
        _report("POST /api/diary", *await _phase(clients, log_pain, think))
        _report("GET /progress (page)", *await _phase(clients, progress_page, think))
    await _page_sizes(clients[0])
    await asyncio.gather(*(c.aclose() for c in clients))


_ASSETS = re.compile(r'<(?:link[^>]+href|script[^>]+src|img[^>]+src)="(/[^"]+)"')


async def _page_sizes(client: httpx.AsyncClient) -> None:
    """Bytes on the wire for each page with everything it loads (uncompressed)."""
    print("page bytes (html + styles, scripts, images it links):")
    (await client.post("/api/check", json={})).raise_for_status()  # a clear check, a profile:
    profile = {"minutes": 30, "equipment": ["tennis-balls", "towel"]}  # every page is real
    (await client.put("/api/profile", json=profile)).raise_for_status()
    worst = 0
    async with httpx.AsyncClient(base_url=str(client.base_url)) as anonymous:
        welcome = await anonymous.get("/")
    for path in ["/", *PAGES]:
        r = welcome if path == "/" else await client.get(path)
        r.raise_for_status()
        assets = sorted(set(_ASSETS.findall(r.text)))
        sizes = [len((await client.get(a)).content) for a in assets]
        total = len(r.content) + sum(sizes)
        worst = max(worst, total)
        print(f"  {path:<34} {total / 1024:6.1f} KB  (html {len(r.content) / 1024:.1f} KB, "
              f"{len(assets)} linked files)")  # fmt: skip
    print(f"  largest page: {worst / 1024:.1f} KB (aim: under 100 KB)")


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        server, url = _start_server(folder)
        try:
            asyncio.run(_load(url))
        finally:
            server.terminate()
            server.wait(timeout=10)


if __name__ == "__main__":
    main()
