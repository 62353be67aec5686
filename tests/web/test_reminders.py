"""Reminders on the web: the API and the account page's section, the service worker's
script, the server's VAPID key, and who a browser's subscription belongs to."""

import tomllib
from collections.abc import Iterator
from importlib import resources
from typing import Any

import pytest
from sqlalchemy import select

from sciatica_coach.reminders.endpoints import check_endpoint, resolves_to_public
from sciatica_coach.reminders.push import SECRET_NAME, keys_from
from sciatica_coach.store import open_store
from sciatica_coach.store.tables import AppSecret, PushSubscription
from sciatica_coach.web import build_settings, create_app
from tests.push_service import Browser
from tests.web.conftest import NOW, TestClient, api, page, register, submit

ENDPOINT = "http://127.0.0.1:9/push/"


@pytest.fixture
def reminders_app(db_url: str) -> Any:
    settings = build_settings(
        db_url, environ={}, clock=lambda: NOW, argon2_time_cost=1, argon2_memory_kib=1024,
        push_allow_loopback=True, reminders=False,
    )  # fmt: skip
    return create_app(settings)


def _client(app: Any, name: str) -> Iterator[TestClient]:
    with TestClient(app, base_url="http://testserver") as c:
        c.get("/api/csrf")
        register(c, name)
        yield c


@pytest.fixture
def ann(reminders_app: Any) -> Iterator[TestClient]:
    yield from _client(reminders_app, "ann")


@pytest.fixture
def bob(reminders_app: Any) -> Iterator[TestClient]:
    yield from _client(reminders_app, "bob")


def _mine(client: TestClient, browser: Browser) -> int:
    import hashlib

    sub_id = hashlib.sha256(browser.endpoint.encode()).hexdigest()
    return int(client.get(f"/api/push/subscriptions/{sub_id}").status_code)


def test_a_browser_belongs_to_the_last_person_who_turned_reminders_on_in_it(
    ann: TestClient, bob: TestClient
) -> None:
    shared = Browser(ENDPOINT + "family-tablet")

    def turn_on(client: TestClient) -> int:
        return int(
            api(client, "POST", "/api/push/subscriptions", json=shared.subscription()).status_code
        )

    assert (turn_on(ann), turn_on(ann)) == (201, 200)
    assert _mine(ann, shared) == 200 and _mine(bob, shared) == 404
    assert turn_on(bob) == 201
    assert _mine(ann, shared) == 404 and _mine(bob, shared) == 200
    assert ann.get("/api/reminders").json()["browsers"] == 0
    assert bob.get("/api/reminders").json()["browsers"] == 1
    sub_id = api(bob, "POST", "/api/push/subscriptions", json=shared.subscription()).json()["id"]
    assert api(ann, "DELETE", f"/api/push/subscriptions/{sub_id}").status_code == 404
    assert _mine(bob, shared) == 200  # ann cannot stop bob's
    assert api(bob, "DELETE", f"/api/push/subscriptions/{sub_id}").status_code == 204
    assert _mine(bob, shared) == 404


def test_the_first_browser_brings_default_times_in_its_own_time_zone(ann: TestClient) -> None:
    assert ann.get("/api/reminders").json()["saved"] is False
    body = {**Browser(ENDPOINT + "a").subscription(), "time_zone": "Asia/Kolkata"}
    assert api(ann, "POST", "/api/push/subscriptions", json=body).status_code == 201
    chosen = ann.get("/api/reminders").json()
    assert chosen["saved"] is True
    assert chosen["time"] == "09:00" and len(chosen["days"]) == 7
    assert chosen["time_zone"] == "Asia/Kolkata"
    changed = {"days": ["sat", "mon"], "time": "07:15", "time_zone": "Europe/Madrid",
               "evening": False, "review": True}  # fmt: skip
    answer = api(ann, "PUT", "/api/reminders", json=changed).json()
    assert (answer["days"], answer["time"], answer["evening_at"]) == (["mon", "sat"], "07:15", None)
    body = {**Browser(ENDPOINT + "b").subscription(), "time_zone": "Asia/Tokyo"}
    api(ann, "POST", "/api/push/subscriptions", json=body)
    assert ann.get("/api/reminders").json()["time_zone"] == "Europe/Madrid"  # kept


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"time": "25:00"}, "time"),
        ({"time": "9"}, "time"),
        ({"time_zone": "Mars/Olympus_Mons"}, "time_zone"),
        ({"time_zone": "../../etc/passwd"}, "time_zone"),
        ({"time_zone": "/etc/localtime"}, "time_zone"),
        ({"time_zone": "America"}, "time_zone"),  # a folder of zones, not a zone
        ({"days": ["mon", "mon"]}, "days"),
        ({"days": ["someday"]}, "days"),
    ],
)
def test_reminder_times_that_make_no_sense_are_refused(
    ann: TestClient, change: dict[str, Any], field: str
) -> None:
    body = {"days": ["mon"], "time": "08:00", "time_zone": "Europe/London", **change}
    answer = api(ann, "PUT", "/api/reminders", json=body)
    assert answer.status_code == 422
    assert answer.json()["detail"][0]["loc"] == ["body", field]


def test_signing_out_stops_that_browsers_reminders(ann: TestClient) -> None:
    here = Browser(ENDPOINT + "here")
    api(ann, "POST", "/api/push/subscriptions", json=here.subscription())
    assert _mine(ann, here) == 200
    api(ann, "POST", "/api/logout")
    api(ann, "POST", "/api/login", json={"username": "ann", "password": "a good long password"})
    assert _mine(ann, here) == 404


def test_signing_in_again_keeps_the_same_persons_browser(ann: TestClient) -> None:
    """A browser that signs in again without signing out first (the session cookie is
    replaced) keeps its owner's reminders, and signing out later still stops them."""
    here = Browser(ENDPOINT + "here")
    api(ann, "POST", "/api/push/subscriptions", json=here.subscription())
    api(ann, "POST", "/api/login", json={"username": "ann", "password": "a good long password"})
    assert _mine(ann, here) == 200
    api(ann, "POST", "/api/logout")
    api(ann, "POST", "/api/login", json={"username": "ann", "password": "a good long password"})
    assert _mine(ann, here) == 404


@pytest.mark.parametrize(
    "endpoint",
    [
        "http://push.example.org/send/1",  # not https
        "https://10.1.2.3/send/1",  # the local network
        "https://192.168.1.1/send/1",
        "https://169.254.169.254/latest/meta-data",  # a cloud's metadata service
        "https://[::1]/send/1",
        "https://[::ffff:10.0.0.1]/send/1",
        "https://localhost/send/1",
        "https://printer.local/send/1",
        "https://intranet/send/1",
        "https://user:secret@push.example.org/send/1",
        "ftp://push.example.org/1",
        "https://push.example.org:99999/1",
        "",
        "not a url",
    ],
)
def test_endpoints_the_server_will_not_post_to(endpoint: str) -> None:
    from sciatica_coach.errors import InvalidInput

    with pytest.raises(InvalidInput) as refused:
        check_endpoint(endpoint)
    assert refused.value.field == "endpoint"


def test_push_service_endpoints_are_taken() -> None:
    for endpoint in (
        "https://fcm.googleapis.com/fcm/send/dGVzdA:APA91b",
        "https://updates.push.services.mozilla.com/wpush/v2/gAAAAABn",
        "https://web.push.apple.com/QGuZ0t9N",
        "https://wns2-par02p.notify.windows.com/w/?token=BQYAAA",
    ):
        assert check_endpoint(endpoint) == endpoint
    assert check_endpoint("http://127.0.0.1:8/p", allow_loopback=True)


def test_a_name_is_posted_to_only_while_it_resolves_to_public_addresses() -> None:
    def resolver(addresses: list[str]) -> Any:
        return lambda host, port, proto=0: [(2, 1, 6, "", (a, port)) for a in addresses]

    url = "https://push.example.org/send/1"
    assert resolves_to_public(url, resolve=resolver(["142.250.74.10"]))
    assert not resolves_to_public(url, resolve=resolver(["142.250.74.10", "10.0.0.7"]))
    assert not resolves_to_public(url, resolve=resolver(["127.0.0.1"]))
    assert resolves_to_public(url, allow_loopback=True, resolve=resolver(["127.0.0.1"]))
    assert not resolves_to_public(url, resolve=resolver([]))

    def fails(*_: Any, **__: Any) -> Any:
        raise OSError("no such name")

    assert not resolves_to_public(url, resolve=fails)


def test_the_api_refuses_an_endpoint_or_keys_it_cannot_use(db_url: str) -> None:
    settings = build_settings(
        db_url, environ={}, clock=lambda: NOW, argon2_time_cost=1, argon2_memory_kib=1024,
        reminders=False,
    )  # fmt: skip
    with TestClient(create_app(settings), base_url="http://testserver") as c:
        c.get("/api/csrf")
        register(c)
        loopback = Browser(ENDPOINT + "x").subscription()  # the stand-in: only in tests
        answer = api(c, "POST", "/api/push/subscriptions", json=loopback)
        assert answer.status_code == 422
        assert answer.json()["detail"][0]["loc"] == ["body", "endpoint"]
        assert "127.0.0.1" not in answer.text  # the value is never echoed
        good = Browser("https://push.example.org/send/1").subscription()
        for keys in ({"p256dh": good["keys"]["p256dh"][:-4] + "AAAA", "auth": good["keys"]["auth"]},
                     {"p256dh": good["keys"]["p256dh"], "auth": "c2hvcnQ"}):  # fmt: skip
            answer = api(c, "POST", "/api/push/subscriptions", json={**good, "keys": keys})
            assert answer.status_code == 422
        assert api(c, "POST", "/api/push/subscriptions", json=good).status_code == 201
        assert api(c, "GET", "/api/push/subscriptions/not-an-id").status_code == 422
        assert api(c, "DELETE", "/api/push/subscriptions").status_code == 204
        assert c.get("/api/reminders").json()["browsers"] == 0


def test_a_person_has_at_most_ten_browsers(sqlite_url: str) -> None:
    """A new one beyond ten replaces the one that has had reminders longest."""
    import itertools
    from datetime import timedelta

    seconds = itertools.count()
    settings = build_settings(
        sqlite_url, environ={}, clock=lambda: NOW + timedelta(seconds=next(seconds)),
        argon2_time_cost=1, argon2_memory_kib=1024, push_allow_loopback=True, reminders=False,
    )  # fmt: skip
    for ann in _client(create_app(settings), "ann"):
        browsers = [Browser(f"{ENDPOINT}{n}") for n in range(12)]
        for browser in browsers:
            api(ann, "POST", "/api/push/subscriptions", json=browser.subscription())
        assert ann.get("/api/reminders").json()["browsers"] == 10
        assert [_mine(ann, b) for b in browsers] == [404] * 2 + [200] * 10


def test_the_vapid_key_is_made_on_first_start_and_kept(sqlite_url: str) -> None:
    settings = build_settings(sqlite_url, environ={}, clock=lambda: NOW, reminders=False)
    first = create_app(settings).state.web.push_key
    again = create_app(settings).state.web.push_key  # a restart, or a second worker
    assert first == again and len(first) == 87  # a P-256 point, base64url
    store = open_store(sqlite_url)
    with store.reading() as s:
        private = s.scalar(select(AppSecret.value).where(AppSecret.name == SECRET_NAME))
    assert private is not None and keys_from(private).public == first


def test_the_account_page_saves_reminder_times(ann: TestClient) -> None:
    html = page(ann.get("/account"))
    box = html.select_one("#push")
    assert box is not None and box["data-key"] == ann.get("/api/reminders").json()["push_key"]
    assert html.select_one("script[src='/static/reminders.js']") is not None
    assert html.select_one("#time_zone")["value"] == ""  # the script fills in the browser's
    assert html.select_one("#time-zones option[value='Europe/London']") is not None

    answer = submit(ann, "/account/reminders", {"time": "7", "time_zone": "Nowhere/Special"})
    assert answer.status_code == 422
    errors = page(answer)
    summary = [(a["href"], a.get_text()) for a in errors.select("#error-summary a")]
    assert summary == [
        ("#reminder-time", "Enter a time as hours and minutes, such as 09:00."),
        ("#reminder-day-mon", "Choose at least one day."),
        ("#time_zone", "Choose your time zone from the list, such as Europe/London."),
    ]
    assert errors.select_one("#reminder-time")["value"] == "7"  # what was typed stays
    assert errors.select_one("#time_zone")["aria-invalid"] == "true"
    answer = submit(ann, "/account/reminders",
                    {"time": "07:05", "days": ["mon"], "time_zone": "Nowhere/Special"})  # fmt: skip
    assert [a["href"] for a in page(answer).select("#error-summary a")] == ["#time_zone"]

    fields = {"time": "07:05", "days": ["mon", "fri"], "time_zone": "Europe/Dublin",
              "review": "on"}  # fmt: skip
    answer = submit(ann, "/account/reminders", fields)
    assert answer.status_code == 303
    done = page(ann.get(answer.headers["location"]))
    assert "Your reminder times are saved." in done.select_one("[role=status]").get_text()
    assert done.select_one("#reminder-time")["value"] == "07:05"
    assert done.select_one("#time")["value"] == "07:05"  # the calendar file's too
    assert done.select_one("#reminder-day-fri").has_attr("checked")
    assert not done.select_one("#reminder-day-tue").has_attr("checked")
    assert not done.select_one("#evening").has_attr("checked")
    assert done.select_one("#review").has_attr("checked")
    assert done.select_one("#push")["data-saved"] == "true"


def test_stop_reminders_to_every_browser(ann: TestClient) -> None:
    for n in range(2):
        api(ann, "POST", "/api/push/subscriptions", json=Browser(f"{ENDPOINT}{n}").subscription())
    html = page(ann.get("/account"))
    assert "2 browsers get your reminders." in " ".join(html.get_text().split())
    answer = submit(ann, "/account/reminders/stop")
    assert answer.headers["location"].startswith("/account?done=stopped")
    assert ann.get("/api/reminders").json()["browsers"] == 0


def test_the_service_worker_is_served_from_the_root(ann: TestClient) -> None:
    worker = ann.get("/sw.js")
    assert worker.status_code == 200
    assert worker.headers["content-type"].startswith("text/javascript")
    assert 'importScripts("/static/sw-push.js")' in worker.text  # in the one service worker
    script = ann.get("/static/sw-push.js")
    assert script.status_code == 200
    for handler in ("push", "notificationclick"):
        assert f'addEventListener("{handler}"' in script.text


def test_your_data_says_when_reminders_come_and_to_which_push_services(ann: TestClient) -> None:
    assert ann.get("/api/account/export").json()["reminders"] is None
    api(ann, "POST", "/api/push/subscriptions", json=Browser(ENDPOINT + "a").subscription())
    mine = ann.get("/api/account/export").json()["reminders"]
    assert mine["days"] == ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
    assert mine["browsers"] == [{"since": NOW.isoformat(), "push_service": "127.0.0.1"}]
    assert ENDPOINT not in ann.get("/api/account/export").text  # the browser's secret address


def test_deleting_an_account_deletes_its_browsers_and_reminders(ann: TestClient) -> None:
    api(ann, "POST", "/api/push/subscriptions", json=Browser(ENDPOINT + "a").subscription())
    store = ann.app.state.web.store  # type: ignore[attr-defined]
    answer = api(ann, "DELETE", "/api/account", json={"password": "a good long password"})
    assert answer.status_code == 204
    with store.reading() as s:
        assert s.scalars(select(PushSubscription)).all() == []


def test_no_notification_names_the_condition_or_a_number() -> None:
    """A notification shows on a locked phone's screen, to whoever looks at it."""
    text = (resources.files("sciatica_coach.reminders") / "reminders.toml").read_text()
    messages = tomllib.loads(text)["messages"]
    assert set(messages) == {"session", "nudge", "review"}
    for message in messages.values():
        words = f"{message['title']} {message['body']}".lower()
        assert not any(w in words for w in ("sciatica", "pain", "nerve", "back", "leg"))
        assert not any(c.isdigit() for c in words.replace("four weeks", ""))
        assert message["url"].startswith("/") and not message["url"].startswith("//")
