"""Server CPU per request: `POST /api/diary` (260 new days, after 100) and `GET /api/progress`
(over that year of diary) against one uvicorn worker (uvloop, httptools when installed), on
SQLite and a real PostgreSQL, beside the same uvicorn serving a bare ASGI app
(bench/bare_asgi.py) in the same run, and one FastAPI route with no database
(bench/bare_fastapi.py): what the framework alone costs.

The server's CPU is read from /proc before and after each phase (user + system time of the
worker process), so the figure does not include the load generator and holds up on a busy
machine better than latency does. Requests are sequential on one keep-alive connection."""

import os
import random
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path

import httpx
from tests import pgserver

REQUESTS = int(os.environ.get("BENCH_REQUESTS", 2000))
WARM_UP = 200
# The bare app's CPU per request is a few clock ticks per thousand requests (/proc counts in
# ticks of 10 ms): many more requests keep its rounding under 1 %.
BARE_REQUESTS = int(os.environ.get("BENCH_BARE_REQUESTS", 10000))
PASSWORD = "bench password 1"
TICKS = os.sysconf("SC_CLK_TCK")


def load() -> str:
    one, five, fifteen = os.getloadavg()
    return f"load {one:.1f} {five:.1f} {fifteen:.1f}"


def _cpu(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / TICKS  # utime, stime


def _port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


class Server:
    def __init__(self, app: str, env: dict[str, str], factory: bool) -> None:
        self.port = _port()
        command = [sys.executable, "-m", "uvicorn", app, "--host", "127.0.0.1",
                   "--port", str(self.port), "--log-level", "warning", "--no-access-log",
                   *(["--factory"] if factory else [])]  # fmt: skip
        self.process = subprocess.Popen(command, env={**os.environ, **env})
        self.url = f"http://127.0.0.1:{self.port}"
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                httpx.get(self.url + "/api/csrf", timeout=2)
                return
            except httpx.HTTPError:
                time.sleep(0.1)
        raise RuntimeError("the server did not start")

    def cpu(self) -> float:
        return _cpu(self.process.pid)

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(timeout=20)


def per_request(
    server: Server,
    call: Callable[[], httpx.Response],
    count: int = REQUESTS,
    warm: int = WARM_UP,
    database: Callable[[], float] | None = None,
) -> tuple[float, float | None]:
    """The server's CPU seconds per request over `count` calls, after a warm-up, and the
    database server's (PostgreSQL's processes) when `database` reads it."""
    for _ in range(warm):
        call().raise_for_status()
    before, db_before = server.cpu(), database() if database else 0.0
    for _ in range(count):
        call().raise_for_status()
    app = (server.cpu() - before) / count
    return app, (database() - db_before) / count if database else None


def _bare(app: str = "bench.bare_asgi:app") -> float:
    server = Server(app, {}, factory=False)
    try:
        with httpx.Client(base_url=server.url) as client:
            return per_request(server, lambda: client.get("/api/progress"), BARE_REQUESTS, 500)[0]
    finally:
        server.stop()


def _app(label: str, url: str, bare: float, database: Callable[[], float] | None = None) -> None:
    server = Server("sciatica_coach.web.asgi:app_from_environment", {"SCIATICA_DB": url}, True)
    try:
        with httpx.Client(base_url=server.url, timeout=30) as client:
            client.get("/api/csrf")
            client.headers["X-CSRF-Token"] = client.cookies["csrf_token"]
            body = {"username": "bench-patient", "password": PASSWORD, "role": "patient"}
            client.post("/api/register", json=body).raise_for_status()
            client.headers["X-CSRF-Token"] = client.cookies["csrf_token"]
            rng = random.Random(1)
            days = iter(date.today() - timedelta(days=n) for n in range(365))

            def diary() -> httpx.Response:  # a new day each time (a day's second POST is 409)
                day = next(days)
                entry = {"date": day.isoformat(), "leg_pain": rng.randrange(11),
                         "back_pain": rng.randrange(11), "note": "bench"}  # fmt: skip
                return client.post("/api/diary", json=entry)

            def progress() -> httpx.Response:
                return client.get("/api/progress")

            # 100 + 260 new days: then a year of diary for the progress reads
            plan = (("POST /api/diary", diary, 260, 100), ("GET /api/progress", progress,
                                                           REQUESTS, WARM_UP))  # fmt: skip
            for name, call, count, warm in plan:
                cpu, db = per_request(server, call, count, warm, database)
                also = f", and {db * 1000:.2f} ms in PostgreSQL's processes" if db else ""
                print(f"  {label:10} {name:<18} {cpu * 1000:5.2f} ms server CPU per request "
                      f"= {cpu / bare:4.1f}x the bare ASGI app{also} ({load()})")  # fmt: skip
    finally:
        server.stop()


def main() -> None:
    bare = _bare()
    print(f"  bare ASGI app (same uvicorn): {bare * 1000:.2f} ms server CPU per request ({load()})")
    framework = _bare("bench.bare_fastapi:app")
    print(f"  one FastAPI route, no database (same uvicorn): {framework * 1000:.2f} ms "
          f"= {framework / bare:4.1f}x the bare ASGI app ({load()})")  # fmt: skip
    with tempfile.TemporaryDirectory() as folder:
        _app("SQLite", f"sqlite:///{folder}/request.db", bare)
    if pgserver.available():
        pg = pgserver.PgServer.start()
        try:
            _app("PostgreSQL", pg.url(), bare, pg.cpu)
        finally:
            pg.stop()
    else:
        print("  PostgreSQL is not installed: skipped (make bench installs it)")
    # The yardstick measured again: how far this machine's speed moved during the run.
    again = _bare()
    print(f"  bare ASGI app again, at the end: {again * 1000:.2f} ms ({again / bare - 1:+.0%} "
          f"on the first; the ratios above use the first) ({load()})")  # fmt: skip


if __name__ == "__main__":
    main()
