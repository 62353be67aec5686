"""Attack: a burst of logins checked 40 wrong passwords under a limit of 5, and five wrong
guesses locked any named account (its owner too) for 15 minutes, again and again. Now every
attempt is charged in the database before its hash is checked; one place that keeps failing
on an account slows down (429 with a growing Retry-After), while the owner, from an address
that has not failed, always gets their password checked."""

import threading
from collections.abc import Iterator
from typing import Any

import pytest

from tests.web.conftest import PASSWORD, TestClient, api, register

FREE_GUESSES = 5  # sciatica_coach.web.limits.FREE_GUESSES


def login(client: Any, name: str, password: str) -> int:
    return int(
        api(client, "POST", "/api/login", json={"username": name, "password": password}).status_code
    )


@pytest.fixture
def owner(app: Any) -> Iterator[TestClient]:
    """Ann's own browser, at home (another address than the attacker's)."""
    with TestClient(app, base_url="http://testserver", client=("192.0.2.10", 40000)) as c:
        c.get("/api/csrf")
        register(c)
        api(c, "POST", "/api/logout")
        yield c


def test_one_place_failing_slows_down_with_a_growing_retry_after(
    owner: TestClient, client: Any
) -> None:
    assert [login(client, "ann", "not the password") for _ in range(5)] == [401] * 5
    r = api(client, "POST", "/api/login", json={"username": "ann", "password": PASSWORD})
    assert r.status_code == 429 and r.headers["retry-after"] == "15"
    assert "15 seconds" in r.json()["detail"]


def test_the_wait_doubles_after_each_further_guess() -> None:
    from datetime import UTC, datetime, timedelta

    from sciatica_coach.store.throttle import Count
    from sciatica_coach.web import limits

    now = datetime(2026, 11, 24, 10, 0, tzinfo=UTC)
    waits = [
        limits.slow_down_wait(Count(n, now, now), now) for n in range(4, limits.FREE_GUESSES + 9)
    ]
    assert waits == [0, 15, 30, 60, 120, 240, 480, 900, 900, 900]
    later = now + timedelta(seconds=15)
    assert limits.slow_down_wait(Count(5, now, now), later) == 0


def test_the_owner_signs_in_while_an_attacker_hammers_their_name(
    owner: TestClient, client: Any
) -> None:
    attacker = [login(client, "ann", f"guess {n}") for n in range(50)]
    assert attacker[:5] == [401] * 5 and set(attacker[5:]) == {429}
    assert login(owner, "ann", PASSWORD) == 200


def test_past_the_hourly_cap_only_places_that_have_not_failed_are_checked(
    owner: TestClient, app: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    from sciatica_coach.web import limits

    monkeypatch.setattr(limits, "ACCOUNT_LIMIT", 6)
    for n in range(3):  # a botnet: many addresses, two guesses each
        with TestClient(app, client=(f"198.51.100.{n}", 1)) as bot:
            bot.get("/api/csrf")
            assert [login(bot, "ann", "guess") for _ in range(2)] == [401, 401]
    with TestClient(app, client=("198.51.100.0", 1)) as bot:  # a bot that has failed
        bot.get("/api/csrf")
        assert login(bot, "ann", PASSWORD) == 429
    with TestClient(app, client=("203.0.113.99", 1)) as fresh:  # a clean address: checked
        fresh.get("/api/csrf")
        assert login(fresh, "ann", "wrong") == 401
    assert login(owner, "ann", PASSWORD) == 200


def test_a_good_sign_in_clears_its_count(client: Any) -> None:
    register(client)
    for _ in range(4):
        assert login(client, "ann", "nope nope nope") == 401
    assert login(client, "ann", PASSWORD) == 200
    assert [login(client, "ann", "nope nope nope") for _ in range(4)] == [401] * 4
    assert login(client, "ann", PASSWORD) == 200


def test_one_address_trying_many_names_is_limited(client: Any) -> None:
    register(client)
    codes = [login(client, f"user{n}", "guess guess guess") for n in range(31)]
    assert codes[:30] == [401] * 30 and codes[30] == 429


def test_ipv6_addresses_count_by_their_64() -> None:
    from sciatica_coach.web import limits

    assert limits.address_group("2001:db8:1:2:aaaa::1") == "2001:db8:1:2::/64"
    assert limits.address_group("2001:db8:1:2:bbbb::9") == "2001:db8:1:2::/64"
    assert limits.address_group("2001:db8:1:3::1") != limits.address_group("2001:db8:1:2::1")
    assert limits.address_group("::ffff:192.0.2.1") == "192.0.2.1"
    assert limits.address_group("203.0.113.7") == "203.0.113.7"


@pytest.fixture
def raced(db_url: str) -> Iterator[tuple[Any, TestClient]]:
    """The app on SQLite and on PostgreSQL (where the row lock does the work)."""
    from sciatica_coach.web import build_settings, create_app
    from tests.web.conftest import NOW

    settings = build_settings(
        db_url, environ={}, clock=lambda: NOW, argon2_time_cost=1, argon2_memory_kib=1024
    )
    app = create_app(settings)
    with TestClient(app) as c:
        c.get("/api/csrf")
        yield app, c


def test_the_login_race_checks_at_most_the_allowed_guesses(
    raced: tuple[Any, TestClient],
) -> None:
    app, client = raced
    register(client)
    api(client, "POST", "/api/logout")
    web = app.state.web
    checked: list[str] = []
    real = web.hasher.hasher

    class Counting:
        def verify(self, digest: str, password: str) -> bool:
            checked.append(password)
            return bool(real.verify(digest, password))

        def __getattr__(self, name: str) -> Any:
            return getattr(real, name)

    web.hasher.hasher = Counting()
    token = client.cookies["csrf_token"]
    codes: list[int] = []
    start = threading.Barrier(41)

    def guess(n: int) -> None:
        start.wait()
        r = client.post("/api/login", json={"username": "ann", "password": f"wrong {n}"},
                        headers={"X-CSRF-Token": token})  # fmt: skip
        codes.append(r.status_code)

    threads = [threading.Thread(target=guess, args=(n,)) for n in range(41)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(checked) <= FREE_GUESSES
    assert codes.count(401) == len(checked) and codes.count(429) == 41 - len(checked)
