"""The server's VAPID key pair, and one encrypted message to one browser (pywebpush).

The key pair is made on the first start and kept in the database (`app_secrets`, like the
cookie key), so every worker signs with the same key and it survives restarts: a browser's
subscription is bound to the public key it was made with, and a new key would silence every
subscription until each browser subscribes again. pywebpush and its HTTP clients are
imported only when a message is sent."""

import base64
import json
import threading
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum
from typing import Any

from sciatica_coach.store import Store

SECRET_NAME = "vapid_private_key"
TIMEOUT_SECONDS = 10


def b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def unb64url(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


@dataclass(frozen=True)
class VapidKeys:
    """P-256, as the Push API names them: `private` the raw 32-byte scalar, `public` the
    uncompressed point (the page's `applicationServerKey`), both base64url without padding."""

    private: str
    public: str


def new_private_key() -> str:
    from cryptography.hazmat.primitives.asymmetric import ec

    key = ec.generate_private_key(ec.SECP256R1())
    return b64url(key.private_numbers().private_value.to_bytes(32, "big"))


def keys_from(private: str) -> VapidKeys:
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric import ec

    key = ec.derive_private_key(int.from_bytes(unb64url(private), "big"), ec.SECP256R1())
    point = key.public_key().public_bytes(
        serialization.Encoding.X962, serialization.PublicFormat.UncompressedPoint
    )
    return VapidKeys(private, b64url(point))


def server_keys(store: Store, now: datetime) -> VapidKeys:
    """This installation's key pair, made once and shared by every worker."""
    from sciatica_coach.store.accounts import app_secret

    return keys_from(app_secret(store, SECRET_NAME, now, make=new_private_key))


def valid_browser_keys(p256dh: str, auth: str) -> bool:
    """A subscription's keys as the Push API gives them: a P-256 point and 16 bytes."""
    from cryptography.hazmat.primitives.asymmetric import ec

    try:
        point, secret = unb64url(p256dh), unb64url(auth)
        ec.EllipticCurvePublicKey.from_encoded_point(ec.SECP256R1(), point)
    except (ValueError, TypeError):
        return False
    return len(point) == 65 and len(secret) == 16


class Outcome(StrEnum):
    DELIVERED = "delivered"  # the push service took it (201)
    GONE = "gone"  # 404 or 410: the subscription has ended; forget it
    FAILED = "failed"  # anything else: refused, unreachable, too slow


@dataclass(frozen=True)
class Target:
    endpoint: str
    p256dh: str
    auth: str


class Sender:
    """Posts messages with one VAPID identity; one HTTP session per thread (connections to
    the same push service are reused)."""

    def __init__(self, keys: VapidKeys, contact: str, timeout: float = TIMEOUT_SECONDS) -> None:
        self.keys = keys
        self.contact = contact
        self.timeout = timeout
        self._local = threading.local()

    def _session(self) -> Any:
        session = getattr(self._local, "session", None)
        if session is None:
            import requests

            session = requests.Session()
            session.max_redirects = 0  # a push service answers; it never sends us elsewhere
            self._local.session = session
        return session

    def send(
        self, target: Target, payload: Mapping[str, Any], ttl: timedelta, topic: str
    ) -> tuple[Outcome, int | None]:
        """Encrypt `payload` (JSON) to the browser's keys (aes128gcm, RFC 8291), sign with
        VAPID (RFC 8292) and post it: what became of it, and the HTTP status if any."""
        import requests
        from py_vapid import Vapid02
        from pywebpush import WebPushException, webpush

        info = {"endpoint": target.endpoint, "keys": {"p256dh": target.p256dh, "auth": target.auth}}
        try:
            response = webpush(
                subscription_info=info,
                data=json.dumps(payload, ensure_ascii=False),
                vapid_private_key=Vapid02.from_raw(self.keys.private.encode()),
                vapid_claims={"sub": self.contact},
                ttl=max(0, int(ttl.total_seconds())),
                timeout=self.timeout,
                headers={"Topic": topic, "Urgency": "normal"},
                requests_session=self._session(),
            )
        except WebPushException as exc:
            status = exc.status_code
            return (Outcome.GONE if status in (404, 410) else Outcome.FAILED), status
        except (requests.RequestException, ValueError, OSError):
            return Outcome.FAILED, None
        return Outcome.DELIVERED, getattr(response, "status_code", None)
