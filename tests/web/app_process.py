"""The web app in a process of its own, on a port chosen by the caller, so that a test can stop
it (the network is gone for the browser, its service worker too) and start it again on the
same database file and port:

    python -m tests.web.app_process DATABASE_URL PORT

`AppProcess` does that from a test. Its processes are forked by multiprocessing's fork server,
which has imported the app once: a start costs a fork, not the 1.3 s of CPU that importing
FastAPI, SQLAlchemy and the app takes in a new interpreter."""

import multiprocessing
import time

import httpx
import uvicorn

from sciatica_coach.web import build_settings, create_app

_FORKS = multiprocessing.get_context("forkserver")
_FORKS.set_forkserver_preload([__name__])


class AppProcess:
    """`start()` and `stop()` as often as needed: the same database, the same port."""

    def __init__(self, database_url: str, port: int) -> None:
        self.url = f"http://127.0.0.1:{port}"
        self.database_url = database_url
        self.port = port
        self.process: multiprocessing.process.BaseProcess | None = None

    def start(self, seconds: float = 60) -> None:
        assert self.process is None, "already running"
        self.process = _FORKS.Process(target=serve, args=(self.database_url, self.port))
        self.process.start()
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            if not self.process.is_alive():
                raise RuntimeError(f"the app process ended ({self.process.exitcode})")
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
        self.process.terminate()  # SIGTERM: uvicorn closes the port and ends
        self.process.join(timeout=20)
        if self.process.is_alive():
            self.process.kill()
            self.process.join()
        self.process = None

    def answers(self) -> bool:
        try:
            httpx.get(self.url + "/api/csrf", timeout=2)
        except httpx.HTTPError:
            return False
        return True


def serve(database_url: str, port: int) -> None:
    settings = build_settings(
        database_url,
        environ={},
        argon2_time_cost=1,
        argon2_memory_kib=1024,
    )
    uvicorn.run(create_app(settings), host="127.0.0.1", port=port, log_level="warning")


if __name__ == "__main__":
    import sys

    serve(sys.argv[1], int(sys.argv[2]))
