"""A push service stand-in, a settable clock, and people with reminders."""

import threading
from datetime import UTC, datetime

import pytest

from sciatica_coach.reminders.push import Sender, server_keys
from sciatica_coach.reminders.schedule import Choice
from sciatica_coach.reminders.scheduler import Scheduler
from sciatica_coach.store import Store
from sciatica_coach.store import reminders as stored
from sciatica_coach.store.accounts import create_user
from tests.push_service import Browser, b64url

START = datetime(2026, 11, 24, 10, 0, tzinfo=UTC)  # a Tuesday; New York is 5 hours behind
NEW_YORK = "America/New_York"
EVERY_DAY = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
CONTACT = "mailto:reminders@example.org"


class FakeClock:
    """The app's clock in these tests: it moves only when a test moves it."""

    def __init__(self, moment: datetime = START) -> None:
        self._moment = moment
        self._lock = threading.Lock()

    def __call__(self) -> datetime:
        with self._lock:
            return self._moment

    def set(self, moment: datetime) -> None:
        with self._lock:
            self._moment = moment


@pytest.fixture
def fake_clock() -> FakeClock:
    return FakeClock()


def new_person(
    store: Store, name: str, choice: Choice | None = None, browsers: tuple[Browser, ...] = ()
) -> int:
    uid = create_user(store, name, "x", START).id
    if choice is not None:
        stored.save_choice(store, uid, choice, START)
    for browser in browsers:
        subscribe(store, uid, browser)
    return uid


def subscribe(store: Store, uid: int, browser: Browser) -> str:
    sub_id, _ = stored.subscribe(
        store, uid, browser.endpoint, (browser.p256dh, b64url(browser.auth)), None, START
    )
    return sub_id


def scheduler(store: Store, clock: FakeClock, threads: int = 4) -> Scheduler:
    """A worker's scheduler: the installation's VAPID key, the stand-in allowed on loopback."""
    sender = Sender(server_keys(store, START), CONTACT)
    return Scheduler(store, sender, clock, allow_loopback=True, threads=threads)
