"""The scheduler as it runs: in the web app's lifespan, one in every worker, ticking on the
app's clock. Two app instances (two engines, as two worker processes have) serve the same
database; people choose their times and subscribe through the API; when the fake clock
reaches the time, the stand-in push service receives each reminder once."""

import time
from datetime import timedelta

import httpx
import pytest

from sciatica_coach.web import build_settings
from tests.push_service import PushService
from tests.reminders.conftest import NEW_YORK, FakeClock
from tests.reminders.test_delivery import AT_8_30_NY
from tests.web.live import live_server
from tests.web.servers import person

pytestmark = pytest.mark.slow  # two real servers on real time


def test_every_worker_runs_the_scheduler_and_each_reminder_comes_once(
    db_url: str, push_service: PushService, fake_clock: FakeClock
) -> None:
    settings = build_settings(
        db_url, environ={}, clock=fake_clock, argon2_time_cost=1, argon2_memory_kib=1024,
        push_allow_loopback=True, reminder_tick_seconds=0.05,
    )  # fmt: skip
    with live_server(settings) as one, live_server(settings) as two:
        phones = {}
        for name, url in (("ann", one), ("bob", two)):
            client: httpx.Client = person(url, name)
            chosen = {"days": ["tue"], "time": "08:30", "time_zone": NEW_YORK, "evening": False}
            assert client.put("/api/reminders", json=chosen).status_code == 200
            phones[name] = push_service.browser(name)
            answer = client.post("/api/push/subscriptions", json=phones[name].subscription())
            assert answer.status_code == 201, answer.text
        # both workers share one VAPID key, made by whichever started first
        keys = {httpx.get(f"{u}/api/reminders", cookies=client.cookies).json()["push_key"]
                for u in (one, two)}  # fmt: skip
        assert len(keys) == 1
        time.sleep(0.3)  # ticks at 10:00 UTC: nothing is due
        assert push_service.received == []
        fake_clock.set(AT_8_30_NY - timedelta(seconds=1))
        time.sleep(0.3)
        assert push_service.received == []
        fake_clock.set(AT_8_30_NY)
        arrived = push_service.wait_for(2)
        time.sleep(1.0)  # twenty more ticks in each worker: nothing doubles
        assert len(push_service.received) == 2
        for name, phone in phones.items():
            [mine] = push_service.to(phone)
            assert phone.decrypt(mine.body)["url"] == "/today", name
        assert {r.vapid_key for r in arrived} == keys
