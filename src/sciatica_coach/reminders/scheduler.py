"""The reminder job: every web worker runs one in the background (the app's lifespan), and
each reminder is sent by exactly one of them.

Each tick reads who has reminders, works out which of their slots are due now by the app's
clock (`Settings.clock`: `clock.now`, on SCIATICA_TODAY's date when it is set; tests pass a
fake one), leaves out those already claimed, and for each of the rest claims it in the
database (store/reminders.py) and, if the claim is this worker's, decides what to send
(the session, the review, the nudge, or nothing when the day is logged) and sends it to each
of the person's browsers. A browser whose push service answers 404 or 410 has unsubscribed
or expired: its subscription is forgotten. A failed send is not tried again: a reminder is
sent at most once, and one that could not be is lost, never doubled."""

import asyncio
import logging
import random
import threading
import traceback
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any, Protocol

from sciatica_coach.errors import InvalidInput
from sciatica_coach.reminders import schedule
from sciatica_coach.reminders.endpoints import resolves_to_public
from sciatica_coach.reminders.push import Outcome, Target
from sciatica_coach.reminders.schedule import Due, Message, Slot
from sciatica_coach.store import Store
from sciatica_coach.store import reminders as stored

log = logging.getLogger("sciatica_coach.reminders")
KEEP_DAYS = 3  # claims older than this are deleted (a slot is due for two hours at most)


class Sends(Protocol):
    def send(
        self, target: Target, payload: dict[str, Any], ttl: timedelta, topic: str
    ) -> tuple[Outcome, int | None]: ...


@dataclass
class Report:
    """What one tick did (for tests and the log; never who)."""

    due: int = 0
    claimed: int = 0
    sent: dict[str, int] = field(default_factory=dict)  # message -> browsers reached
    failed: int = 0
    gone: int = 0


class Scheduler:
    def __init__(
        self,
        store: Store,
        sender: Sends,
        clock: Callable[[], datetime],
        allow_loopback: bool = False,
        threads: int = 4,
        rules: schedule.Times | None = None,
    ) -> None:
        self.store = store
        self.sender = sender
        self.clock = clock
        self.allow_loopback = allow_loopback
        self.threads = threads
        self.rules = rules or schedule.times()
        self._stop = threading.Event()
        self._forgotten: date | None = None
        self._tick_lock = threading.Lock()

    # one pass

    def tick(self) -> Report:
        """Send what is due now and not yet claimed. Safe to run in several workers (and
        threads) at once: each reminder is claimed once in the database."""
        with self._tick_lock:
            return self._tick()

    def _tick(self) -> Report:
        now = self.clock()
        report = Report()
        with self.store.reading() as s:
            people = stored.people(s)
        due: list[tuple[stored.Person, Due]] = []
        for person in people:
            try:
                due += [(person, d) for d in schedule.due(person.choice, now, self.rules)]
            except InvalidInput:  # a time zone this machine no longer knows
                continue
        self._forget_old(now)
        if not due:
            return report
        with self.store.reading() as s:
            claims = stored.taken(s, {p.user_id for p, _ in due}, {d.day for _, d in due})
        lease_end = now - self.rules.lease
        open_ = []
        for person, slot in due:
            found = claims.get((person.user_id, slot.slot.value, slot.day))
            if found is None or (found[1] is None and found[0] < lease_end):
                open_.append((person, slot))
        report.due = len(open_)
        random.shuffle(open_)  # workers that start together work from different ends
        if self.threads > 1 and len(open_) > 1:
            with ThreadPoolExecutor(self.threads, thread_name_prefix="reminders") as pool:
                results = list(pool.map(lambda item: self._one(item[0], item[1], now), open_))
        else:
            results = [self._one(person, slot, now) for person, slot in open_]
        for result in results:
            if result is None:
                continue
            report.claimed += 1
            message, delivered, failed, gone = result
            if message is not Message.NONE:
                report.sent[message.value] = report.sent.get(message.value, 0) + delivered
            report.failed += failed
            report.gone += gone
        if report.claimed:
            log.info(
                "reminders: %d claimed, %s browsers reached, %d failed, %d gone",
                report.claimed, sum(report.sent.values()), report.failed, report.gone,
            )  # fmt: skip
        return report

    def _one(
        self, person: stored.Person, slot: Due, now: datetime
    ) -> tuple[Message, int, int, int] | None:
        if self._stop.is_set():
            return None
        claim = stored.claim(
            self.store, person.user_id, slot.slot.value, slot.day, now, self.rules.lease
        )
        if claim is None:
            return None  # another worker has it
        with self.store.reading() as s:
            review = stored.review_day(s, person.user_id) if person.choice.review else None
            logged = slot.slot is Slot.EVENING and stored.logged(s, person.user_id, slot.day)
            browsers = stored.targets(s, person.user_id)
        message = schedule.message_for(person.choice, slot.slot, slot.day, review, logged)
        if person.red_flag and message in (Message.SESSION, Message.NUDGE):
            message = Message.NONE  # told to see a doctor: not to exercise
        delivered, failed, gone = 0, 0, []
        if message is not Message.NONE:
            for browser in browsers:
                outcome = self._send(browser, message)
                if outcome is Outcome.DELIVERED:
                    delivered += 1
                elif outcome is Outcome.GONE:
                    gone.append(browser)
                else:
                    failed += 1
        stored.finish(self.store, claim, message, delivered, gone, self.clock())
        return message, delivered, failed, len(gone)

    def _send(self, browser: stored.Browser, message: Message) -> Outcome:
        if not resolves_to_public(browser.endpoint, self.allow_loopback):
            return Outcome.GONE  # its address is not a push service's (or no longer is)
        words = schedule.wording(message)
        payload = {"title": words.title, "body": words.body, "url": words.url,
                   "tag": f"sciatica-{message.value}"}  # fmt: skip
        target = Target(browser.endpoint, browser.p256dh, browser.auth)
        try:
            outcome, status = self.sender.send(target, payload, words.ttl, message.value)
        except Exception as exc:  # one browser's trouble never stops the others'
            log.error("reminders: a send failed: %s", _scrubbed(exc))
            return Outcome.FAILED
        if outcome is Outcome.FAILED:
            log.warning("reminders: a push service refused a message (status %s)", status)
        return outcome

    def _forget_old(self, now: datetime) -> None:
        day = now.date()
        if self._forgotten != day:
            stored.forget_before(self.store, day - timedelta(days=KEEP_DAYS))
            self._forgotten = day

    # in the web app

    async def run(self, every: float) -> None:
        """Tick every `every` seconds until cancelled, each tick in a thread (the database
        and the push services are blocking calls). A failing tick is logged, not fatal."""
        while not self._stop.is_set():
            running = asyncio.ensure_future(asyncio.to_thread(self._tick_logged))
            try:
                await asyncio.shield(running)
            except asyncio.CancelledError:
                self._stop.set()
                await running  # the tick stops before its next reminder; let it end
                raise
            await asyncio.sleep(every)

    def _tick_logged(self) -> None:
        try:
            self.tick()
        except Exception as exc:
            log.error("reminders: a tick failed: %s", _scrubbed(exc))

    def stop(self) -> None:
        """No new sends from now on (a tick under way finishes its current ones)."""
        self._stop.set()


def _scrubbed(exc: BaseException) -> str:
    """Where it failed, never the message (it could hold an address or a statement)."""
    frames = traceback.extract_tb(exc.__traceback__)
    kind = type(exc)
    return "\n".join([f"{kind.__module__}.{kind.__qualname__}", *frames.format()])
