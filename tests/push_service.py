"""A push service stand-in on loopback, and browsers with real subscription keys.

`PushService` is a small HTTP server that takes Web Push messages as a browser vendor's push
service does (RFC 8030): a POST to a subscription's endpoint, its body encrypted (aes128gcm),
signed with the sender's VAPID key (RFC 8292). It checks the signature, the audience and the
expiry, answers 201, and keeps what it received; an endpoint can be set to answer something
else (410 Gone, 404, 500). `Browser` holds a subscription's private keys, so a test decrypts
what arrived exactly as the browser would."""

import base64
import json
import os
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import http_ece
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec
from py_vapid import Vapid02


def b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def unb64url(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


@dataclass
class Browser:
    """A browser's push subscription: an endpoint on the stand-in and the keys it holds."""

    endpoint: str
    key: ec.EllipticCurvePrivateKey = field(
        default_factory=lambda: ec.generate_private_key(ec.SECP256R1())
    )
    auth: bytes = field(default_factory=lambda: os.urandom(16))

    @property
    def p256dh(self) -> str:
        point = self.key.public_key().public_bytes(
            serialization.Encoding.X962, serialization.PublicFormat.UncompressedPoint
        )
        return b64url(point)

    def subscription(self) -> dict[str, Any]:
        """What `PushSubscription.toJSON()` gives a page."""
        return {
            "endpoint": self.endpoint,
            "expirationTime": None,
            "keys": {"p256dh": self.p256dh, "auth": b64url(self.auth)},
        }

    def decrypt(self, body: bytes) -> dict[str, Any]:
        plain = http_ece.decrypt(
            body, private_key=self.key, auth_secret=self.auth, version="aes128gcm"
        )
        result: dict[str, Any] = json.loads(plain)
        return result


@dataclass(frozen=True)
class Received:
    path: str
    headers: dict[str, str]
    body: bytes
    vapid_key: str  # the sender's public key, from its Authorization header
    claims: dict[str, Any]


class PushService:
    """Serves on 127.0.0.1 until `close()`; endpoints are `/push/<name>`."""

    def __init__(self) -> None:
        self.received: list[Received] = []
        self.refused: list[tuple[str, str]] = []  # (path, why): bad signature and the like
        self.answers: dict[str, int] = {}  # path -> status to answer instead of 201
        self._lock = threading.Lock()
        self._arrived = threading.Condition(self._lock)
        service = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                length = int(self.headers.get("content-length", "0"))
                body = self.rfile.read(length)
                status = service._take(self.path, dict(self.headers.items()), body)
                self.send_response(status)
                self.send_header("content-length", "0")
                if status == 201:
                    self.send_header("location", f"{self.path}/message")
                self.end_headers()

            def log_message(self, *args: Any) -> None:
                pass

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.origin = f"http://127.0.0.1:{self._server.server_port}"
        # shutdown() waits for the serving loop's next poll: 0.5 s by default, in every test
        self._thread = threading.Thread(
            target=self._server.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True
        )
        self._thread.start()

    def browser(self, name: str) -> Browser:
        return Browser(f"{self.origin}/push/{name}")

    def answer(self, browser: Browser, status: int) -> None:
        self.answers[browser.endpoint.removeprefix(self.origin)] = status

    def _take(self, path: str, headers: dict[str, str], body: bytes) -> int:
        lowered = {k.lower(): v for k, v in headers.items()}
        why, key, claims = self._check(lowered, body)
        with self._arrived:
            if why:
                self.refused.append((path, why))
                return 401 if "vapid" in why else 400
            status = self.answers.get(path, 201)
            if status == 201:
                self.received.append(Received(path, lowered, body, key, claims))
                self._arrived.notify_all()
            return status

    def _check(self, headers: dict[str, str], body: bytes) -> tuple[str, str, dict[str, Any]]:
        """What a push service checks before it takes a message (why not, or "")."""
        auth = headers.get("authorization", "")
        if not auth.lower().startswith("vapid "):
            return "no vapid authorization", "", {}
        parts = dict(p.split("=", 1) for p in auth[6:].split(","))
        try:
            valid = Vapid02.verify(auth)
        except Exception:
            valid = False
        if not valid:
            return "vapid signature does not verify", "", {}
        claims = json.loads(unb64url(parts["t"].split(".")[1]))
        if claims.get("aud") != self.origin:
            return "vapid audience is not this push service", "", {}
        if not time.time() < int(claims.get("exp", 0)) <= time.time() + 86400:
            return "vapid token expired or too long-lived", "", {}
        if headers.get("content-encoding") != "aes128gcm" or not body:
            return "not an aes128gcm body", "", {}
        if "ttl" not in headers:
            return "no TTL header", "", {}
        return "", parts["k"], claims

    def wait_for(self, count: int, seconds: float = 20) -> list[Received]:
        """The messages, once at least `count` have arrived (AssertionError after `seconds`)."""
        deadline = time.monotonic() + seconds
        with self._arrived:
            while len(self.received) < count:
                left = deadline - time.monotonic()
                if left <= 0:
                    raise AssertionError(f"{len(self.received)} of {count} pushes arrived")
                self._arrived.wait(left)
            return list(self.received)

    def to(self, browser: Browser) -> list[Received]:
        path = browser.endpoint.removeprefix(self.origin)
        with self._lock:
            return [r for r in self.received if r.path == path]

    def close(self) -> None:
        self._server.shutdown()
        self._server.server_close()
