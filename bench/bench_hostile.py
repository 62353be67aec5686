"""Hostile traffic against a real uvicorn on loopback (SQLite, argon2 at its real cost):

- a 10 MB JSON body to `/api/login` (with its Content-Length, and streamed without one): how
  long until its 413, and how long another client's requests take meanwhile;
- 100 concurrent sign-ins (each from its own address, as behind a proxy): the server's peak
  memory (RSS, sampled every 10 ms) and how the answers split between 200 and 503.

Aim: the 413 in milliseconds, the other client unaffected, memory bounded by the hashing
slots (one 64 MiB argon2 per core), not by the number of sign-ins."""

import asyncio
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager

import httpx
import psutil

from bench.bench_web import _free_port
from bench.timing import percentile

LOGINS = 100
PASSWORD = "bench password 1"
BIG = 10 * 1024 * 1024


@contextmanager
def _server(folder: str) -> Iterator[tuple[subprocess.Popen[bytes], str]]:
    port = _free_port()
    env = {**os.environ, "SCIATICA_DB": f"sqlite:///{folder}/hostile.db"}
    command = [
        sys.executable,
        "-m",
        "uvicorn",
        "--factory",
        "sciatica_coach.web.asgi:app_from_environment",
        "--host",
        "127.0.0.1",
        "--port",
        str(port),
        "--log-level",
        "warning",
        "--no-access-log",
        "--proxy-headers",
        "--forwarded-allow-ips",
        "127.0.0.1",
    ]
    server = subprocess.Popen(command, env=env)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                if httpx.get(url + "/api/csrf", timeout=1).status_code == 200:
                    break
            except httpx.HTTPError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.1)
        yield server, url
    finally:
        server.terminate()
        server.wait(30)


def _accounts(folder: str, count: int) -> None:
    """Accounts made straight in the database (one hash for all): signing up 100 people over
    HTTP would only measure hashing."""
    from argon2 import PasswordHasher

    from sciatica_coach import clock
    from sciatica_coach.store import accounts, open_store

    store = open_store(f"sqlite:///{folder}/hostile.db")
    digest = PasswordHasher().hash(PASSWORD)
    for n in range(count):
        accounts.create_user(store, f"hostile{n}", digest, clock.now())
    store.close()


class Sampler(threading.Thread):
    """The server's resident memory, every 10 ms, until stopped."""

    def __init__(self, pid: int) -> None:
        super().__init__(daemon=True)
        self.process = psutil.Process(pid)
        self.peak = self.base = self.process.memory_info().rss
        self.done = threading.Event()

    def run(self) -> None:
        while not self.done.is_set():
            self.peak = max(self.peak, self.process.memory_info().rss)
            time.sleep(0.01)


async def _attack(port: int, streamed: bool) -> float:
    """One 10 MB body over a raw socket, as curl sends it: seconds until the status line.
    The server may answer and close before the body is all sent: that is the point."""
    began = time.perf_counter()
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    framing = b"transfer-encoding: chunked" if streamed else b"content-length: %d" % BIG
    writer.write(
        b"POST /api/login HTTP/1.1\r\nhost: 127.0.0.1\r\n"
        b"content-type: application/json\r\n" + framing + b"\r\n\r\n"
    )

    async def body() -> None:
        chunk = b"x" * 65536
        piece = b"%x\r\n%s\r\n" % (len(chunk), chunk) if streamed else chunk
        try:
            for _ in range(BIG // len(chunk)):
                writer.write(piece)
                await writer.drain()
        except (ConnectionError, OSError):
            pass

    sending = asyncio.create_task(body())
    status = await reader.readline()
    elapsed = time.perf_counter() - began
    assert b" 413 " in status, status
    sending.cancel()
    writer.close()
    return elapsed


async def _other_client(url: str, stop: asyncio.Event, latencies: list[float]) -> None:
    async with httpx.AsyncClient(base_url=url, timeout=30) as client:
        while not stop.is_set():
            began = time.perf_counter()
            (await client.get("/learn")).raise_for_status()
            latencies.append(time.perf_counter() - began)
            await asyncio.sleep(0.01)


async def _too_large(url: str, streamed: bool) -> tuple[list[float], list[float], list[float]]:
    baseline: list[float] = []
    stop = asyncio.Event()
    other = asyncio.create_task(_other_client(url, stop, baseline))
    await asyncio.sleep(1.0)
    stop.set()
    await other
    during: list[float] = []
    stop = asyncio.Event()
    other = asyncio.create_task(_other_client(url, stop, during))
    port = int(url.rsplit(":", 1)[1])
    answers = [await _attack(port, streamed) for _ in range(10)]
    stop.set()
    await other
    return answers, baseline, during


async def _logins(url: str) -> tuple[Counter[int], list[float]]:
    async def one(n: int) -> tuple[int, float]:
        async with httpx.AsyncClient(base_url=url, timeout=120) as client:
            await client.get("/api/csrf")
            headers = {
                "X-CSRF-Token": client.cookies["csrf_token"],
                "X-Forwarded-For": f"198.51.{n // 250}.{n % 250 + 1}",
            }
            began = time.perf_counter()
            r = await client.post(
                "/api/login",
                headers=headers,
                json={"username": f"hostile{n}", "password": PASSWORD},
            )
            return r.status_code, time.perf_counter() - began

    results = await asyncio.gather(*(one(n) for n in range(LOGINS)))
    return Counter(code for code, _ in results), [t for _, t in results]


def _ms(values: list[float]) -> str:
    return f"median {statistics.median(values) * 1000:.0f} ms, max {max(values) * 1000:.0f} ms"


def main() -> None:
    print(f"  load average before: {os.getloadavg()[0]:.2f}; {os.cpu_count()} cores")
    with tempfile.TemporaryDirectory() as folder, _server(folder) as (server, url):
        for streamed in (False, True):
            kind = "streamed, no Content-Length" if streamed else "with Content-Length"
            answers, baseline, during = asyncio.run(_too_large(url, streamed))
            print(f"  10 MB body ({kind}) -> 413: {_ms(answers)}")
            print(
                f"    another client's GET /learn: alone {_ms(baseline)}; "
                f"during the 413s {_ms(during)} (p99 {percentile(during, 99) * 1000:.0f} ms)"
            )
        _accounts(folder, LOGINS)
        sampler = Sampler(server.pid)
        sampler.start()
        codes, times = asyncio.run(_logins(url))
        sampler.done.set()
        sampler.join()
        mib = 1024 * 1024
        print(
            f"  {LOGINS} concurrent sign-ins (argon2 64 MiB each): answers {dict(codes)}, "
            f"{_ms(times)}"
        )
        print(
            f"    server memory: {sampler.base / mib:.0f} MiB before, peak "
            f"{sampler.peak / mib:.0f} MiB (+{(sampler.peak - sampler.base) / mib:.0f} MiB)"
        )
    print(f"  load average after: {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    main()
