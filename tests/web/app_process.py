"""The web app in a process of its own, on a port chosen by the caller, so that a test can stop
it (the network is gone for the browser, its service worker too) and start it again on the
same database file and port:

    python -m tests.web.app_process DATABASE_URL PORT [PLAYER_SPEED]

`AppProcess` does that from a test."""

import signal
import subprocess
import sys
import time
from pathlib import Path

import httpx
import uvicorn

from sciatica_coach.web import build_settings, create_app

ROOT = Path(__file__).parents[2]


class AppProcess:
    """`start()` and `stop()` as often as needed: the same database, the same port."""

    def __init__(self, database_url: str, port: int) -> None:
        self.url = f"http://127.0.0.1:{port}"
        self.database_url = database_url
        self.command = [sys.executable, "-m", "tests.web.app_process", database_url, str(port)]
        self.process: subprocess.Popen[bytes] | None = None

    def start(self, seconds: float = 60) -> None:
        assert self.process is None, "already running"
        self.process = subprocess.Popen(self.command, cwd=ROOT)
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"the app process ended ({self.process.returncode})")
            try:
                if httpx.get(self.url + "/api/csrf", timeout=2).status_code == 200:
                    return
            except httpx.HTTPError:
                pass
            time.sleep(0.1)
        self.stop()
        raise RuntimeError(f"nothing answered at {self.url}")

    def stop(self) -> None:
        """Stop the process and wait until it is gone: nothing answers on the port after."""
        if self.process is None:
            return
        self.process.send_signal(signal.SIGTERM)
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        self.process = None

    def answers(self) -> bool:
        try:
            httpx.get(self.url + "/api/csrf", timeout=2)
        except httpx.HTTPError:
            return False
        return True


def main() -> None:
    database_url, port = sys.argv[1], int(sys.argv[2])
    settings = build_settings(
        database_url,
        environ={},
        argon2_time_cost=1,
        argon2_memory_kib=1024,
    )
    uvicorn.run(create_app(settings), host="127.0.0.1", port=port, log_level="warning")


if __name__ == "__main__":
    main()
