"""The web app's settings: one typed object, built by a function when the app starts."""

import asyncio
import os
import time
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime

from sciatica_coach import clock as _clock


@dataclass(frozen=True)
class Settings:
    """Everything the app needs to know about where and how it runs.

    `secret_key` signs the cookies. When it is not given, the app makes a random key on its
    first start and keeps it in the database (table `app_secrets`), so it survives restarts
    and every worker on the same database shares it; set SCIATICA_SECRET_KEY to choose it.
    """

    database_url: str
    secret_key: str | None = None
    cookie_secure: bool = False  # True behind HTTPS: cookies only travel encrypted
    session_days: int = 30
    min_password_length: int = 8
    # Host names the app answers to (SCIATICA_HOSTS, comma-separated); None: any host.
    allowed_hosts: tuple[str, ...] | None = None
    # argon2 computations at once in one worker (None: one per core), and how long a request
    # waits for a free one before it is answered 503.
    hash_slots: int | None = None
    hash_wait_seconds: float = 2.0
    # Registrations an hour from one address (SCIATICA_REGISTER_PER_HOUR): a front desk that
    # signs up every patient on one tablet, or a load test, raises it.
    register_per_hour: int = 20
    # argon2id cost (argon2-cffi's defaults, RFC 9106's low-memory profile): a small server
    # may lower them (SCIATICA_ARGON2_TIME_COST, SCIATICA_ARGON2_MEMORY_KIB), and tests do.
    argon2_time_cost: int = 3
    argon2_memory_kib: int = 65536
    # Reminders (Web Push): the background job that sends them runs in every worker, ticking
    # every `reminder_tick_seconds` on `clock` (SCIATICA_REMINDERS=off stops it in this
    # process). `push_contact` goes to the push services with every message (VAPID `sub`):
    # an address they can write to about problems (SCIATICA_PUSH_CONTACT).
    reminders: bool = True
    reminder_tick_seconds: float = 30.0
    push_contact: str = "mailto:reminders@example.org"
    # Test hook: push endpoints on loopback over plain http (a stand-in push service).
    push_allow_loopback: bool = False
    # Test hooks; production keeps the defaults.
    clock: Callable[[], datetime] = field(default=_clock.now, compare=False)
    # Seconds for timeouts (the camera socket's idle limit), and waiting on them.
    monotonic: Callable[[], float] = field(default=time.monotonic, compare=False)
    sleep: Callable[[float], Awaitable[None]] = field(default=asyncio.sleep, compare=False)

    def today(self) -> date:
        """Today in the server's local time zone (the diary's days are local days), or
        SCIATICA_TODAY's date."""
        return self.clock().astimezone().date()


_TRUE = {"1", "true", "yes", "on"}


def build_settings(
    database_url: str | None = None,
    environ: Mapping[str, str] | None = None,
    **overrides: object,
) -> Settings:
    """Settings from arguments first, then the environment (SCIATICA_DB,
    SCIATICA_SECRET_KEY, SCIATICA_COOKIE_SECURE, SCIATICA_HOSTS, SCIATICA_REGISTER_PER_HOUR,
    SCIATICA_REMINDERS, SCIATICA_PUSH_CONTACT, SCIATICA_ARGON2_TIME_COST,
    SCIATICA_ARGON2_MEMORY_KIB), then the defaults."""
    env = os.environ if environ is None else environ
    if database_url is None:
        from sciatica_coach.store import database_url as default_url

        database_url = env.get("SCIATICA_DB") or default_url()
    values: dict[str, object] = {"database_url": database_url}
    if env.get("SCIATICA_SECRET_KEY"):
        values["secret_key"] = env["SCIATICA_SECRET_KEY"]
    if env.get("SCIATICA_COOKIE_SECURE"):
        values["cookie_secure"] = env["SCIATICA_COOKIE_SECURE"].lower() in _TRUE
    if env.get("SCIATICA_REGISTER_PER_HOUR"):
        values["register_per_hour"] = int(env["SCIATICA_REGISTER_PER_HOUR"])
    if env.get("SCIATICA_REMINDERS"):
        values["reminders"] = env["SCIATICA_REMINDERS"].lower() in _TRUE
    if env.get("SCIATICA_PUSH_CONTACT"):
        values["push_contact"] = env["SCIATICA_PUSH_CONTACT"]
    if env.get("SCIATICA_HOSTS"):
        values["allowed_hosts"] = parse_hosts(env["SCIATICA_HOSTS"])
    for name in ("argon2_time_cost", "argon2_memory_kib"):
        if env.get(f"SCIATICA_{name.upper()}"):
            values[name] = int(env[f"SCIATICA_{name.upper()}"])
    values.update(overrides)
    return Settings(**values)  # type: ignore[arg-type]


def parse_hosts(text: str) -> tuple[str, ...] | None:
    """`SCIATICA_HOSTS`: names separated by commas; `*` (or nothing) lets any host through."""
    names = tuple(n.strip().lower().strip("[]") for n in text.split(",") if n.strip())
    return None if not names or "*" in names else names
