"""A real uvicorn server on 127.0.0.1 in a background thread, for browser tests and benchmarks."""

import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager

import uvicorn

from sciatica_coach.web import create_app
from sciatica_coach.web.settings import Settings
from tests.ports import free_port

__all__ = ["free_port", "live_server"]


@contextmanager
def live_server(settings: Settings, log_level: str = "warning") -> Iterator[str]:
    """Serve the app on a free loopback port; yields its base URL; stops it afterwards."""
    port = free_port()
    config = uvicorn.Config(
        create_app(settings),
        host="127.0.0.1",
        port=port,
        log_level=log_level,
        lifespan="on",
        log_config=None,  # keep the process's logging as it is (tests capture it)
    )
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("the test server did not start")
        time.sleep(0.02)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)
