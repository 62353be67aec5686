"""Reminders that arrive: a real push service stand-in on loopback receives the encrypted
message at the chosen time under a fake clock, and the test decrypts it with the
subscription's private keys. Each reminder comes once however many workers run, the evening
nudge only when nothing was logged, the review date gets its own, and a browser the push
service says is gone is forgotten. On SQLite and on a real PostgreSQL."""

import threading
import time
from datetime import UTC, date, datetime, timedelta
from datetime import time as clock_time

from sqlalchemy import select

from sciatica_coach.progress import DiaryEntry
from sciatica_coach.reminders.push import Outcome, server_keys
from sciatica_coach.reminders.schedule import Choice, Message, wording
from sciatica_coach.services.screening import screen
from sciatica_coach.session import SessionRecord
from sciatica_coach.store import open_store
from sciatica_coach.store import reminders as stored
from sciatica_coach.store.tables import PatientSummary, PushSubscription, ReminderSend
from tests.push_service import PushService
from tests.reminders.conftest import (
    CONTACT,
    EVERY_DAY,
    NEW_YORK,
    START,
    FakeClock,
    new_person,
    scheduler,
)

HALF_PAST_8 = clock_time(8, 30)
AT_8_30_NY = datetime(2026, 11, 24, 13, 30, tzinfo=UTC)  # 08:30 in New York (UTC-5)


def _at(moment: datetime, minutes: float = 0, days: int = 0) -> datetime:
    return moment + timedelta(days=days, minutes=minutes)


def test_the_reminder_arrives_at_the_chosen_time(
    db_url: str, push_service: PushService, fake_clock: FakeClock
) -> None:
    store = open_store(db_url)
    phone = push_service.browser("ann-phone")
    choice = Choice(("tue", "thu"), HALF_PAST_8, NEW_YORK, evening=False, review=False)
    new_person(store, "ann", choice, (phone,))
    worker = scheduler(store, fake_clock)

    fake_clock.set(_at(AT_8_30_NY, minutes=-0.5))  # 08:29:30 in New York
    assert worker.tick().claimed == 0
    fake_clock.set(AT_8_30_NY)
    report = worker.tick()
    assert report.sent == {"session": 1}
    [arrived] = push_service.wait_for(1)
    message = phone.decrypt(arrived.body)
    words = wording(Message.SESSION)
    assert message == {"title": words.title, "body": words.body, "url": "/today",
                       "tag": "sciatica-session"}  # fmt: skip
    assert arrived.headers["ttl"] == str(4 * 3600)  # reminders.toml: kept 4 hours for a phone
    assert arrived.headers["topic"] == "session"
    assert arrived.vapid_key == server_keys(store, START).public  # signed by this server
    assert arrived.claims["sub"] == CONTACT
    assert push_service.refused == []

    for later in (1, 30, 90):  # still inside the two hours it is due: never again
        fake_clock.set(_at(AT_8_30_NY, minutes=later))
        assert worker.tick().claimed == 0
    fake_clock.set(_at(AT_8_30_NY, days=1))  # Wednesday: not a chosen day
    assert worker.tick().claimed == 0
    fake_clock.set(_at(AT_8_30_NY, days=2))  # Thursday
    worker.tick()
    assert len(push_service.wait_for(2)) == 2
    assert len(push_service.to(phone)) == 2


def test_a_reminder_the_server_could_not_send_for_two_hours_is_dropped(
    db_url: str, push_service: PushService, fake_clock: FakeClock
) -> None:
    store = open_store(db_url)
    phone = push_service.browser("phone")
    new_person(store, "ann", Choice(EVERY_DAY, HALF_PAST_8, NEW_YORK, False, False), (phone,))
    fake_clock.set(_at(AT_8_30_NY, minutes=120))  # the server was down from 08:00 to 10:30
    assert scheduler(store, fake_clock).tick().claimed == 0
    fake_clock.set(_at(AT_8_30_NY, minutes=119))
    assert scheduler(store, fake_clock).tick().sent == {"session": 1}


def _tick_together(workers: list, start: threading.Barrier, reports: list) -> None:  # type: ignore[type-arg]
    def run(worker) -> None:  # type: ignore[no-untyped-def]
        start.wait()
        reports.append(worker.tick())

    threads = [threading.Thread(target=run, args=(w,)) for w in workers]
    for t in threads:
        t.start()
    for t in threads:
        t.join()


class SlowSender:
    """A worker's sender that takes its time, so that two workers' ticks overlap."""

    def __init__(self, inner) -> None:  # type: ignore[no-untyped-def]
        self.inner = inner

    def send(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        time.sleep(0.02)
        return self.inner.send(*args, **kwargs)


def test_two_workers_send_each_reminder_once(
    db_url: str, push_service: PushService, fake_clock: FakeClock
) -> None:
    """Two schedulers on two engines (as two worker processes have) tick at the same moment,
    three days running: every browser gets one reminder a day, never two."""
    first = open_store(db_url)
    browsers = {}
    for n in range(6):
        pair = (push_service.browser(f"p{n}-phone"), push_service.browser(f"p{n}-laptop"))
        new_person(first, f"p{n}", Choice(EVERY_DAY, HALF_PAST_8, NEW_YORK, False, False), pair)
        browsers[n] = pair
    workers = [scheduler(first, fake_clock), scheduler(open_store(db_url), fake_clock)]
    for worker in workers:
        worker.sender = SlowSender(worker.sender)
    for day in range(3):
        fake_clock.set(_at(AT_8_30_NY, days=day))
        reports: list = []  # type: ignore[type-arg]
        _tick_together(workers, threading.Barrier(2), reports)
        assert sum(r.claimed for r in reports) == 6
        arrived = push_service.wait_for(12 * (day + 1))
        time.sleep(0.2)  # anything doubled would have arrived by now
        assert len(push_service.received) == len(arrived) == 12 * (day + 1)
        for pair in browsers.values():
            for browser in pair:
                assert len(push_service.to(browser)) == day + 1
    both = {w: r.claimed for w, r in enumerate(reports)}
    assert sum(both.values()) == 6
    with first.reading() as s:
        sends = s.scalars(select(ReminderSend)).all()
    assert len(sends) == 18 and all(r.sent_at is not None and r.delivered == 2 for r in sends)


def test_the_evening_nudge_comes_only_when_nothing_was_logged(
    db_url: str, push_service: PushService, fake_clock: FakeClock
) -> None:
    """19:00 in New York is midnight in UTC: the day that counts is the person's own."""
    store = open_store(db_url)
    choice = Choice(EVERY_DAY, HALF_PAST_8, NEW_YORK, evening=True, review=False)
    phones = {name: push_service.browser(name) for name in ("ann", "bob", "cat")}
    people = {name: new_person(store, name, choice, (phones[name],)) for name in phones}
    worker = scheduler(store, fake_clock)
    fake_clock.set(AT_8_30_NY)
    assert worker.tick().sent == {"session": 3}  # the morning's, to everyone
    today = date(2026, 11, 24)
    store.put_entry(people["ann"], DiaryEntry(today, 4, 2))  # ann logged her pain
    done = datetime(2026, 11, 24, 23, 50, tzinfo=UTC)  # bob did a session at 18:50 his time
    store.save_session(people["bob"], SessionRecord(today, done - timedelta(minutes=20), done))
    store.put_entry(people["cat"], DiaryEntry(today - timedelta(days=1), 4, 2))  # yesterday

    fake_clock.set(datetime(2026, 11, 24, 23, 59, tzinfo=UTC))  # 18:59 in New York
    assert worker.tick().claimed == 0
    fake_clock.set(datetime(2026, 11, 25, 0, 0, tzinfo=UTC))  # 19:00 in New York
    report = worker.tick()
    assert report.claimed == 3 and report.sent == {"nudge": 1}
    push_service.wait_for(4)
    [nudge] = [r for r in push_service.to(phones["cat"]) if r not in push_service.received[:3]]
    assert phones["cat"].decrypt(nudge.body)["title"] == wording(Message.NUDGE).title
    assert [len(push_service.to(phones[n])) for n in ("ann", "bob", "cat")] == [1, 1, 2]
    with store.reading() as s:
        said = dict(s.execute(select(ReminderSend.user_id, ReminderSend.message)
                              .where(ReminderSend.kind == "evening")).all())  # fmt: skip
    assert said == {people["ann"]: "none", people["bob"]: "none", people["cat"]: "nudge"}


def test_no_nudge_when_the_reminder_itself_comes_in_the_evening(
    db_url: str, push_service: PushService, fake_clock: FakeClock
) -> None:
    store = open_store(db_url)
    phone = push_service.browser("phone")
    new_person(store, "ann", Choice(EVERY_DAY, clock_time(17, 30), NEW_YORK), (phone,))
    worker = scheduler(store, fake_clock)
    fake_clock.set(datetime(2026, 11, 24, 22, 30, tzinfo=UTC))  # 17:30 in New York
    assert worker.tick().sent == {"session": 1}
    fake_clock.set(datetime(2026, 11, 25, 0, 0, tzinfo=UTC))  # 19:00 in New York
    assert worker.tick().claimed == 0


def test_the_review_date_gets_its_own_reminder(
    db_url: str, push_service: PushService, fake_clock: FakeClock
) -> None:
    """Four weeks after the diary's first day, the morning's reminder is the review's, even
    on a day with no session chosen; the next chosen day it is the session's again."""
    store = open_store(db_url)
    phone = push_service.browser("phone")
    review = date(2026, 11, 24)
    choice = Choice(("mon", "wed"), HALF_PAST_8, NEW_YORK, evening=True, review=True)
    uid = new_person(store, "ann", choice, (phone,))
    store.put_entry(uid, DiaryEntry(review - timedelta(days=28), 6, 3))
    store.put_entry(uid, DiaryEntry(review - timedelta(days=2), 4, 3))
    worker = scheduler(store, fake_clock)
    fake_clock.set(AT_8_30_NY)  # Tuesday 24 November: not a chosen day, but the review's
    assert worker.tick().sent == {"review": 1}
    [arrived] = push_service.wait_for(1)
    message = phone.decrypt(arrived.body)
    assert message["title"] == wording(Message.REVIEW).title
    assert message["url"] == "/progress"
    fake_clock.set(datetime(2026, 11, 25, 0, 0, tzinfo=UTC))  # 19:00: no nudge, not chosen
    assert worker.tick().claimed == 0
    fake_clock.set(_at(AT_8_30_NY, days=1))  # Wednesday
    assert worker.tick().sent == {"session": 1}


def test_a_browser_the_push_service_says_is_gone_is_forgotten(
    db_url: str, push_service: PushService, fake_clock: FakeClock
) -> None:
    store = open_store(db_url)
    kept, expired, unknown, busy = (push_service.browser(n) for n in ("ok", "410", "404", "500"))
    push_service.answer(expired, 410)
    push_service.answer(unknown, 404)
    push_service.answer(busy, 500)
    choice = Choice(EVERY_DAY, HALF_PAST_8, NEW_YORK, False, False)
    ann = new_person(store, "ann", choice, (kept, expired, unknown, busy))
    bob_phone = push_service.browser("bob")
    bob = new_person(store, "bob", choice, (bob_phone,))
    fake_clock.set(AT_8_30_NY)
    report = scheduler(store, fake_clock).tick()
    assert report.sent == {"session": 2} and report.gone == 2 and report.failed == 1
    with store.reading() as s:
        left = {(uid, e) for uid, e in s.execute(
            select(PushSubscription.user_id, PushSubscription.endpoint))}  # fmt: skip
    assert left == {(ann, kept.endpoint), (ann, busy.endpoint), (bob, bob_phone.endpoint)}
    assert len(push_service.to(kept)) == len(push_service.to(bob_phone)) == 1


def test_a_claim_whose_worker_died_is_taken_over_after_its_lease(
    db_url: str, push_service: PushService, fake_clock: FakeClock
) -> None:
    store = open_store(db_url)
    phone = push_service.browser("phone")
    uid = new_person(store, "ann", Choice(EVERY_DAY, HALF_PAST_8, NEW_YORK, False, False), (phone,))
    day = date(2026, 11, 24)
    lease = timedelta(minutes=10)
    assert stored.claim(store, uid, "morning", day, AT_8_30_NY, lease) is not None  # then died
    assert stored.claim(store, uid, "morning", day, AT_8_30_NY, lease) is None
    worker = scheduler(store, fake_clock)
    fake_clock.set(_at(AT_8_30_NY, minutes=9))
    assert worker.tick().claimed == 0
    fake_clock.set(_at(AT_8_30_NY, minutes=11))
    assert worker.tick().sent == {"session": 1}
    fake_clock.set(_at(AT_8_30_NY, minutes=30))
    assert worker.tick().claimed == 0
    assert len(push_service.wait_for(1)) == 1


def test_no_reminder_to_exercise_while_a_warning_sign_blocks_the_plan(
    db_url: str, push_service: PushService, fake_clock: FakeClock
) -> None:
    store = open_store(db_url)
    phone = push_service.browser("phone")
    uid = new_person(store, "ann", Choice(EVERY_DAY, HALF_PAST_8, NEW_YORK), (phone,))
    screen(store, uid, {"cancer_history": True, "night_pain": True}, START)
    with store.reading() as s:
        assert s.get(PatientSummary, uid).red_flag  # type: ignore[union-attr]
    worker = scheduler(store, fake_clock)
    fake_clock.set(AT_8_30_NY)
    assert worker.tick().claimed == 1
    fake_clock.set(datetime(2026, 11, 25, 0, 0, tzinfo=UTC))
    assert worker.tick().claimed == 1
    assert push_service.received == []


def test_a_failing_push_service_does_not_stop_the_others(
    db_url: str, push_service: PushService, fake_clock: FakeClock
) -> None:
    """A push service that does not answer (a closed port) costs one browser its reminder."""
    store = open_store(db_url)
    choice = Choice(EVERY_DAY, HALF_PAST_8, NEW_YORK, False, False)
    from tests.push_service import Browser
    from tests.web.live import free_port

    nowhere = Browser(f"http://127.0.0.1:{free_port()}/push/x")
    phone = push_service.browser("phone")
    new_person(store, "ann", choice, (nowhere, phone))
    fake_clock.set(AT_8_30_NY)
    report = scheduler(store, fake_clock).tick()
    assert report.sent == {"session": 1} and report.failed == 1 and report.gone == 0
    assert len(push_service.to(phone)) == 1


def test_the_sender_says_what_became_of_a_message(push_service: PushService) -> None:
    from sciatica_coach.reminders.push import Sender, Target, keys_from, new_private_key

    keys = keys_from(new_private_key())
    sender = Sender(keys, CONTACT)
    phone, gone = push_service.browser("a"), push_service.browser("b")
    push_service.answer(gone, 410)
    for browser, expected in ((phone, (Outcome.DELIVERED, 201)), (gone, (Outcome.GONE, 410))):
        sub = browser.subscription()
        target = Target(browser.endpoint, sub["keys"]["p256dh"], sub["keys"]["auth"])
        assert sender.send(target, {"title": "t"}, timedelta(hours=1), "x") == expected
    assert phone.decrypt(push_service.to(phone)[0].body) == {"title": "t"}
    assert push_service.to(phone)[0].vapid_key == keys.public
