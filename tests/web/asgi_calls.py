"""Driving the app's ASGI interface directly, to see how much of a body it reads."""

import asyncio
import threading
from collections.abc import Coroutine, Iterable
from dataclasses import dataclass, field
from typing import Any


@dataclass
class Answer:
    status: int = 0
    headers: dict[str, str] = field(default_factory=dict)
    body: bytes = b""
    bytes_read: int = 0  # of the request body, by the app


def call(
    app: Any,
    method: str,
    path: str,
    chunks: Iterable[bytes],
    headers: dict[str, str] | None = None,
) -> Answer:
    """Send a request whose body comes in `chunks` (lazily: a 10 MB body is never built)."""
    answer = Answer()
    pending = iter(chunks)
    sent: list[str] = []
    raw_headers = [(b"host", b"testserver")] + [
        (k.lower().encode(), v.encode()) for k, v in (headers or {}).items()
    ]
    scope = {
        "type": "http",
        "asgi": {"version": "3.0"},
        "http_version": "1.1",
        "method": method,
        "scheme": "http",
        "path": path,
        "raw_path": path.encode(),
        "query_string": b"",
        "root_path": "",
        "headers": raw_headers,
        "client": ("127.0.0.1", 50000),
        "server": ("testserver", 80),
    }

    async def receive() -> dict[str, Any]:
        if sent and sent[-1] == "done":
            await asyncio.sleep(3600)  # no more body: wait for the end as a server would
        chunk = next(pending, None)
        if chunk is None:
            sent.append("done")
            return {"type": "http.request", "body": b"", "more_body": False}
        answer.bytes_read += len(chunk)
        return {"type": "http.request", "body": chunk, "more_body": True}

    async def send(message: dict[str, Any]) -> None:
        if message["type"] == "http.response.start":
            answer.status = message["status"]
            answer.headers = {k.decode(): v.decode() for k, v in message["headers"]}
        elif message["type"] == "http.response.body":
            answer.body += message.get("body", b"")

    run_apart(app(scope, receive, send))
    return answer


def run_apart(coroutine: Coroutine[Any, Any, Any]) -> None:
    """asyncio.run in a thread of its own: the browser tests leave an event loop running in
    this one (Playwright's sync API)."""
    failed: list[BaseException] = []

    def target() -> None:
        try:
            asyncio.run(coroutine)
        except BaseException as exc:  # handed to the caller
            failed.append(exc)

    thread = threading.Thread(target=target)
    thread.start()
    thread.join()
    if failed:
        raise failed[0]


def megabytes(n: int, chunk: int = 64 * 1024) -> Iterable[bytes]:
    """n MB of a JSON string's inside, in chunks."""
    yield b'{"username": "ann", "password": "'
    for _ in range(n * 1024 * 1024 // chunk):
        yield b"x" * chunk
    yield b'"}'
