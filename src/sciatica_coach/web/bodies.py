"""Request bodies, bounded and sane before any route sees them.

- At most `MAX_BODY` bytes (JSON and forms alike): a `Content-Length` over it is refused at
  once, unread; a body that streams past it is refused as soon as it does, and nothing more
  of it is read. Either way: 413.
- JSON that Python's `json` module would accept but nothing downstream can store or answer
  with is refused as bad input (422), naming no value: NaN and Infinity, lone surrogates
  (`"\\ud800"`), NUL characters, nesting deeper than `MAX_DEPTH`.
- A form or a query string with a NUL character is refused the same way (PostgreSQL cannot
  store one in text).

The checked body is handed on to the app unchanged.
"""

import json
from collections.abc import Iterator
from typing import Any
from urllib.parse import parse_qsl, unquote_to_bytes

from starlette.types import ASGIApp, Message, Receive, Scope, Send

MAX_BODY = 64 * 1024
MAX_DEPTH = 32


class BadBody(Exception):
    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.message = message


def _constant(name: str) -> Any:
    raise BadBody(422, "numbers must be finite: NaN and Infinity are not JSON")


def _strings(value: Any, depth: int = 0) -> Iterator[str]:
    """Every string in a parsed document, keys included; too deep is bad input."""
    if depth > MAX_DEPTH:
        raise BadBody(422, f"nested deeper than {MAX_DEPTH} levels")
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield key
            yield from _strings(item, depth + 1)
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item, depth + 1)


def _check_text(text: str) -> None:
    if "\x00" in text:
        raise BadBody(422, "text must not contain NUL characters")
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        raise BadBody(422, "text must be valid Unicode (no lone surrogates)") from None


def check_json(body: bytes) -> None:
    """Raise BadBody unless `body` is JSON that can be stored and answered with."""
    if not body.strip():
        return  # no body: the route says whether it needs one
    try:
        document = json.loads(body, parse_constant=_constant)
    except RecursionError:
        raise BadBody(422, f"nested deeper than {MAX_DEPTH} levels") from None
    except (ValueError, UnicodeDecodeError):
        # ValueError covers JSONDecodeError; the route answers with FastAPI's own message.
        return
    for text in _strings(document):
        _check_text(text)


def check_form(body: bytes) -> None:
    if b"%00" in body or b"\x00" in body:
        raise BadBody(422, "form fields must not contain NUL characters")
    for key, value in parse_qsl(body.decode("latin-1"), keep_blank_values=True):
        _check_text(key)
        _check_text(value)


def check_query(query: bytes) -> None:
    if b"\x00" in unquote_to_bytes(query):
        raise BadBody(422, "the query string must not contain NUL characters")


def _content_type(scope: Scope) -> str:
    for name, value in scope.get("headers", []):
        if name == b"content-type":
            return str(value.decode("latin-1").split(";")[0].strip().lower())
    return ""


def _content_length(scope: Scope) -> int | None:
    for name, value in scope.get("headers", []):
        if name == b"content-length":
            try:
                return int(value)
            except ValueError:
                raise BadBody(400, "Content-Length is not a number") from None
    return None


async def read_bounded(receive: Receive, limit: int = MAX_BODY) -> bytes:
    """The whole body, or BadBody(413) as soon as it passes `limit` (the rest unread)."""
    chunks: list[bytes] = []
    size = 0
    while True:
        message = await receive()
        if message["type"] == "http.disconnect":
            raise BadBody(400, "the client went away")
        chunk = message.get("body", b"")
        size += len(chunk)
        if size > limit:
            raise BadBody(413, f"the body is larger than {limit // 1024} KB")
        chunks.append(chunk)
        if not message.get("more_body", False):
            return b"".join(chunks)


def _is_api(scope: Scope) -> bool:
    return str(scope.get("path", "")).startswith("/api/")


async def refuse(scope: Scope, send: Send, status: int, message: str) -> None:
    """A JSON answer for the API, a short page for people; never the input itself."""
    if _is_api(scope):
        if status == 422:
            detail: Any = [{"loc": ["body"], "msg": message, "type": "invalid_input"}]
        else:
            detail = message
        body = json.dumps({"detail": detail}).encode()
        kind = b"application/json"
    else:
        title = "Too large" if status == 413 else "That did not work"
        body = (
            f"<!doctype html><meta charset=utf-8><title>{title}</title>"
            f"<h1>{title}</h1><p>{message}.</p>"
        ).encode()
        kind = b"text/html; charset=utf-8"
    # No `Connection: close` on a 413: closing with the body still arriving makes the kernel
    # reset the connection, and the client may never see the answer. The server discards
    # the rest of the body as it arrives (never buffered, never given to the app).
    headers = [(b"content-type", kind), (b"content-length", str(len(body)).encode())]
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": body})


class BodyGuard:
    """The checks above, as ASGI middleware in front of the app."""

    def __init__(self, app: ASGIApp, limit: int = MAX_BODY) -> None:
        self.app = app
        self.limit = limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] not in ("http", "websocket"):
            await self.app(scope, receive, send)
            return
        try:
            check_query(scope.get("query_string", b""))
            if scope["type"] == "http":
                receive = await self._checked_body(scope, receive)
        except BadBody as bad:
            if scope["type"] == "websocket":
                await send({"type": "websocket.close", "code": 1008})
            else:
                await refuse(scope, send, bad.status, bad.message)
            return
        await self.app(scope, receive, send)

    async def _checked_body(self, scope: Scope, receive: Receive) -> Receive:
        if scope["method"] in ("GET", "HEAD", "OPTIONS"):
            return receive
        length = _content_length(scope)
        if length is not None and length > self.limit:
            raise BadBody(413, f"the body is larger than {self.limit // 1024} KB")
        body = await read_bounded(receive, self.limit)
        kind = _content_type(scope)
        if kind == "application/json" or kind.endswith("+json"):
            check_json(body)
        elif kind == "application/x-www-form-urlencoded":
            check_form(body)
        elif kind.startswith("multipart/") and b"\x00" in body:
            raise BadBody(422, "form fields must not contain NUL characters")
        sent = False

        async def replay() -> Message:
            nonlocal sent
            if not sent:
                sent = True
                return {"type": "http.request", "body": body, "more_body": False}
            return await receive()  # after the body: wait for the disconnect

        return replay
