"""Loopback ports for the servers the tests start, never the same in two pytest-xdist workers.

Asking the system for a free port (bind to 0, close) leaves a window before the server binds
it: two seconds for an app started as a process, long enough for another worker to be given
the same port and for a test to talk to a stranger's server. Each worker takes ports from its
own range instead, below the system's range for outgoing connections (32768 and up)."""

import itertools
import os
import socket

FIRST, PER_WORKER = 20000, 1000
_worker = int(os.environ.get("PYTEST_XDIST_WORKER", "gw0").removeprefix("gw") or 0)
_next = itertools.count(FIRST + (_worker % 12) * PER_WORKER)


def free_port() -> int:
    """A port of this worker's range that nothing listens on now."""
    for port in _next:
        if port >= FIRST + ((_worker % 12) + 1) * PER_WORKER:
            break
        with socket.socket() as s:
            try:
                s.bind(("127.0.0.1", port))
            except OSError:
                continue
            return port
    raise RuntimeError("this test worker used up its ports")
