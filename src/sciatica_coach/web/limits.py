"""How many guesses the web app allows, and against whom (the README's Security section
gives the same numbers). Every check runs before any password hash or code lookup, and
charges the attempt in the same database transaction (`store.throttle.claim`).

Sign-in:
- per address (IPv6 grouped by /64, one customer's network): 30 attempts in 15 minutes;
- per account *from one address*: 5 free, then each next one waits twice as long as the one
  before (15 s, 30 s, ... up to 15 minutes), answered 429 with that `Retry-After`; nothing
  sleeps on the server;
- per account from everywhere: 100 wrong guesses an hour; past that, only addresses that
  have not failed on the account still get their password checked, so an attacker can slow
  a person's sign-in but never lock them out.
A right password takes its attempt back and clears its address's count for the account.

Link codes: the same per address, and per clinician 5 free then doubling waits.
Registration: 20 attempts an hour per address (it must say when a name is taken;
`Settings.register_per_hour`).
"""

import hashlib
import ipaddress
import math
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from fastapi import HTTPException
from starlette.requests import HTTPConnection

if TYPE_CHECKING:
    from sciatica_coach.web.context import Web

from sciatica_coach.services import care
from sciatica_coach.store import throttle
from sciatica_coach.store.repository import Store
from sciatica_coach.store.tables import name_key
from sciatica_coach.store.throttle import Count

ADDRESS_WINDOW = timedelta(minutes=15)
ADDRESS_LIMIT = 30
FREE_GUESSES = 5
FIRST_WAIT = timedelta(seconds=15)
LONGEST_WAIT = timedelta(minutes=15)
GUESS_WINDOW = timedelta(hours=1)
ACCOUNT_LIMIT = 100  # wrong guesses an hour, from everywhere


def address_group(host: str) -> str:
    """The client's address, IPv6 as its /64 (one home or customer gets a whole /64)."""
    try:
        ip = ipaddress.ip_address(host)
    except ValueError:
        return host[:60] or "unknown"
    if isinstance(ip, ipaddress.IPv6Address):
        if ip.ipv4_mapped is not None:
            return str(ip.ipv4_mapped)
        return str(ipaddress.ip_network(f"{ip}/64", strict=False))
    return str(ip)


def client_group(connection: HTTPConnection) -> str:
    return address_group(connection.client.host if connection.client else "unknown")


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8", "replace")).hexdigest()[:32]


def slow_down_wait(count: Count, now: datetime) -> float:
    """Seconds still to wait before the next guess from one place (0: go ahead)."""
    if count.count < FREE_GUESSES or count.last_at is None:
        return 0.0
    wait = min(FIRST_WAIT * 2 ** (count.count - FREE_GUESSES), LONGEST_WAIT)
    left: float = (count.last_at + wait - now).total_seconds()
    return max(0.0, left)


def cap_wait(count: Count, limit: int, window: timedelta, now: datetime) -> float:
    if count.count < limit:
        return 0.0
    return max(1.0, (count.window_start + window - now).total_seconds())


@dataclass(frozen=True)
class Attempt:
    """The counters one attempt is charged to."""

    windows: Mapping[str, timedelta]
    good: tuple[str, ...]  # cleared when the attempt succeeds
    refund: tuple[str, ...]  # given one attempt back when it succeeds


def too_many(wait: float) -> HTTPException:
    seconds = max(1, math.ceil(wait))
    shown = f"{seconds} seconds" if seconds < 120 else f"{math.ceil(seconds / 60)} minutes"
    return HTTPException(
        status_code=429,
        detail=f"Too many attempts: try again in {shown}.",
        headers={"Retry-After": str(seconds)},
    )


def login_attempt(store: Store, username: str, group: str, now: datetime) -> Attempt:
    """Charge a sign-in attempt, or raise 429."""
    account = _digest(name_key(username))
    address, pair, everyone = (
        f"login-addr:{group}",
        f"login-pair:{account}:{group}",
        (f"login-acct:{account}"),
    )

    def decide(counts: Mapping[str, Count]) -> float | None:
        waits = [
            cap_wait(counts[address], ADDRESS_LIMIT, ADDRESS_WINDOW, now),
            slow_down_wait(counts[pair], now),
        ]
        if counts[pair].count:  # this place has failed here: the account-wide cap holds too
            waits.append(cap_wait(counts[everyone], ACCOUNT_LIMIT, GUESS_WINDOW, now))
        wait = max(waits)
        return wait if wait > 0 else None

    windows = {address: ADDRESS_WINDOW, pair: GUESS_WINDOW, everyone: GUESS_WINDOW}
    _charge(store, windows, now, decide)
    return Attempt(windows, good=(pair,), refund=(address, everyone))


def code_attempt(store: Store, clinician_id: int, group: str, now: datetime) -> Attempt:
    """Charge a link-code attempt, or raise 429."""
    address, person = f"code-addr:{group}", f"code-acct:{clinician_id}"

    def decide(counts: Mapping[str, Count]) -> float | None:
        wait = max(
            cap_wait(counts[address], ADDRESS_LIMIT, ADDRESS_WINDOW, now),
            slow_down_wait(counts[person], now),
        )
        return wait if wait > 0 else None

    windows = {address: ADDRESS_WINDOW, person: GUESS_WINDOW}
    _charge(store, windows, now, decide)
    return Attempt(windows, good=(person,), refund=(address,))


def register_attempt(store: Store, group: str, now: datetime, per_hour: int) -> Attempt:
    key = f"register:{group}"

    def decide(counts: Mapping[str, Count]) -> float | None:
        wait = cap_wait(counts[key], per_hour, GUESS_WINDOW, now)
        return wait if wait > 0 else None

    _charge(store, {key: GUESS_WINDOW}, now, decide)
    return Attempt({key: GUESS_WINDOW}, good=(), refund=())


def _charge(
    store: Store, windows: Mapping[str, timedelta], now: datetime, decide: throttle.Decide
) -> None:
    wait = throttle.claim(store, windows, now, decide)
    if wait is not None:
        raise too_many(wait)


def succeeded(store: Store, attempt: Attempt, now: datetime) -> None:
    if attempt.good:
        throttle.forget(store, attempt.good)
    if attempt.refund:
        throttle.refund(store, attempt.refund)
    throttle.prune(store, now - 2 * GUESS_WINDOW)


def unchecked(store: Store, attempt: Attempt) -> None:
    """The attempt was never checked (the server was busy): it does not count."""
    throttle.refund(store, tuple(attempt.windows))


def use_link_code(web: "Web", clinician_id: int, code: str, group: str) -> int:
    """A clinician's code, counted like a sign-in before it is looked up: the patient's id."""
    now = web.settings.clock()
    attempt = code_attempt(web.store, clinician_id, group, now)
    patient = care.accept(web.store, clinician_id, code, now)
    succeeded(web.store, attempt, now)
    return patient
