"""The outermost layer, around everything else (Starlette's own error middleware included), so
that it holds for every answer, a 500 too:

- the security headers, and `Cache-Control: no-store` on everything but static files (pages
  and API answers hold health data: no shared or browser cache keeps a copy);
- only the allowed `Host` names (`Settings.allowed_hosts`; None lets any through), against DNS
  rebinding: a page on another site that resolves its own name to this server is refused;
- a failing request logs what failed and where, never the exception's message (it can hold a
  password, a note or a SQL statement's parameters), and answers 500 with no details.
"""

import json
import logging
import traceback

from starlette.datastructures import MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

log = logging.getLogger("sciatica_coach.web")

CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self'; "
    "connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; "
    "frame-ancestors 'none'"
)
HEADERS = {
    "x-content-type-options": "nosniff",
    "referrer-policy": "same-origin",
    "x-frame-options": "DENY",
    "cross-origin-opener-policy": "same-origin",
    # The camera only for this site's own pages (the session player's motion coach).
    "permissions-policy": "camera=(self), microphone=(), geolocation=(), screen-wake-lock=(self)",
}


def scrubbed(exc: BaseException) -> str:
    """The traceback without any exception message: types and code locations only."""
    parts: list[str] = []
    seen: BaseException | None = exc
    while seen is not None:
        frames = traceback.extract_tb(seen.__traceback__)
        kind = type(seen)
        parts.append(f"{kind.__module__}.{kind.__qualname__} (message withheld)")
        parts.extend(line.rstrip() for line in frames.format())
        seen = seen.__cause__ or seen.__context__
        if seen is not None:
            parts.append("while handling, or caused by:")
    return "\n".join(parts)


def host_of(scope: Scope) -> str:
    for name, value in scope.get("headers", []):
        if name == b"host":
            host = str(value.decode("latin-1")).strip().lower()
            if host.startswith("["):  # [::1]:8000
                return host[1 : host.find("]")] if "]" in host else host
            return host.rsplit(":", 1)[0] if host.count(":") == 1 else host
    return ""


class Guard:
    def __init__(
        self,
        app: ASGIApp,
        allowed_hosts: tuple[str, ...] | None,
        secure: bool,
        static_prefix: str = "/static/",
    ) -> None:
        self.app = app
        self.hosts = None if allowed_hosts is None else {h.lower() for h in allowed_hosts}
        self.secure = secure
        self.static_prefix = static_prefix

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] not in ("http", "websocket"):
            await self.app(scope, receive, send)
            return
        if self.hosts is not None and host_of(scope) not in self.hosts:
            await self._wrong_host(scope, send)
            return
        started = False
        headered = self._with_headers(scope, send)

        async def tracked(message: Message) -> None:
            nonlocal started
            if message["type"] in ("http.response.start", "websocket.accept"):
                started = True
            await headered(message)

        try:
            await self.app(scope, receive, tracked)
        except Exception as exc:  # the app failed: log where, never what it held
            log.error("%s %s failed:\n%s", scope.get("method", "WS"), _route(scope), scrubbed(exc))
            if not started and scope["type"] == "http":
                await _answer(headered, 500, "Something went wrong on the server.")
            elif not started:
                await send({"type": "websocket.close", "code": 1011})

    def _with_headers(self, scope: Scope, send: Send) -> Send:
        static = str(scope.get("path", "")).startswith(self.static_prefix)

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                for name, value in HEADERS.items():
                    headers.setdefault(name, value)
                headers.setdefault("content-security-policy", CONTENT_SECURITY_POLICY)
                if not static:
                    headers["cache-control"] = "no-store"
                if self.secure:  # served over HTTPS: browsers should never try plain HTTP
                    headers.setdefault("strict-transport-security", "max-age=31536000")
            await send(message)

        return send_with_headers

    async def _wrong_host(self, scope: Scope, send: Send) -> None:
        if scope["type"] == "websocket":
            await send({"type": "websocket.close", "code": 1008})
            return
        await _answer(self._with_headers(scope, send), 400, "Unknown Host header.")


def _route(scope: Scope) -> str:
    """The path without ids or query (paths can hold entry ids; never a body)."""
    path = str(scope.get("path", ""))
    return "/".join("{id}" if part.isdigit() else part for part in path.split("/"))


async def _answer(send: Send, status: int, message: str) -> None:
    body = json.dumps({"detail": message}).encode()
    headers = [(b"content-type", b"application/json"), (b"content-length", b"%d" % len(body))]
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": body})
