"""`sciatica serve` as a clinic runs it: a real process (or several workers) on loopback, and a
plain HTTP client that signs in the way a browser or script would."""

import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass

import httpx

from tests.web.live import free_port


@dataclass
class Served:
    url: str
    process: subprocess.Popen[bytes]

    def workers(self) -> list[int]:
        """The worker processes' ids (the process itself when it has no workers)."""
        import psutil

        workers = []
        for child in psutil.Process(self.process.pid).children(recursive=True):
            try:
                if "spawn_main" in " ".join(child.cmdline()):
                    workers.append(child.pid)
            except psutil.Error:  # gone, or a zombie not yet reaped: not a worker
                continue
        return workers or [self.process.pid]


def wait_until_up(url: str, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            if httpx.get(url + "/api/csrf", timeout=2).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.1)
    raise RuntimeError(f"nothing answered at {url}")


@contextmanager
def serve(database_url: str, workers: int = 1, options: Sequence[str] = ()) -> Iterator[Served]:
    """`sciatica serve --workers N [OPTIONS]` on a free port, stopped (Ctrl+C) afterwards."""
    port = free_port()
    # argon2 as the other tests have it: these tests are about processes, not hashing cost
    cheap = {"SCIATICA_ARGON2_TIME_COST": "1", "SCIATICA_ARGON2_MEMORY_KIB": "1024"}
    env = {**cheap, **os.environ, "SCIATICA_DB": database_url}
    command = [sys.executable, "-m", "sciatica_coach", "serve", "--workers", str(workers),
               *options, "--port", str(port)]  # fmt: skip
    process = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    try:
        wait_until_up(url)
        yield Served(url, process)
    finally:
        process.send_signal(signal.SIGINT)
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def person(url: str, username: str, password: str = "a long password 1") -> httpx.Client:
    """A new account on the server at `url`, signed in, with the CSRF header set."""
    client = httpx.Client(base_url=url, timeout=30)
    client.get("/api/csrf").raise_for_status()
    client.headers["X-CSRF-Token"] = client.cookies["csrf_token"]
    body = {"username": username, "password": password}
    client.post("/api/register", json=body).raise_for_status()
    client.headers["X-CSRF-Token"] = client.cookies["csrf_token"]
    return client


def moved(client: httpx.Client, url: str) -> httpx.Client:
    """The same person (cookies and CSRF header) talking to another server."""
    other = httpx.Client(base_url=url, timeout=30, cookies=client.cookies)
    other.headers["X-CSRF-Token"] = client.headers["X-CSRF-Token"]
    return other
