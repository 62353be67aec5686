"""Attack: 40 concurrent logins ran 40 argon2 hashes at once (64 MiB each): 2.5 GB, and a
signed-in person waited 10 s. Now at most N hashes run at once per worker (one per core);
the rest wait briefly, then get 503 with Retry-After."""

import threading
from collections.abc import Iterator
from typing import Any

import pytest

from sciatica_coach.web import build_settings, create_app
from sciatica_coach.web.hashing import HashGate, default_slots
from tests.web.conftest import NOW, PASSWORD, TestClient, register


class Gauge:
    """A stand-in hasher that counts how many verifications run at once, and can hold them
    until the test lets go."""

    def __init__(self, real: Any, hold: bool) -> None:
        self.real = real
        self.lock = threading.Lock()
        self.running = 0
        self.most = 0
        self.entered = threading.Semaphore(0)
        self.release = threading.Event()
        if not hold:
            self.release.set()

    def verify(self, digest: str, password: str) -> bool:
        with self.lock:
            self.running += 1
            self.most = max(self.most, self.running)
        self.entered.release()
        self.release.wait(30)
        try:
            return bool(self.real.verify(digest, password))
        finally:
            with self.lock:
                self.running -= 1

    def __getattr__(self, name: str) -> Any:
        return getattr(self.real, name)


def _app(sqlite_url: str, slots: int, wait: float) -> Any:
    settings = build_settings(
        sqlite_url,
        environ={},
        clock=lambda: NOW,
        argon2_time_cost=1,
        argon2_memory_kib=1024,
        hash_slots=slots,
        hash_wait_seconds=wait,
    )
    return create_app(settings)


@pytest.fixture
def clients(sqlite_url: str, request: pytest.FixtureRequest) -> Iterator[tuple[Any, list[Any]]]:
    slots, wait, count = request.param
    app = _app(sqlite_url, slots, wait)
    opened = []
    for n in range(count):  # each from its own address: no login limit in the way
        c = TestClient(app, client=(f"198.51.100.{n + 1}", 1000))
        c.__enter__()
        c.get("/api/csrf")
        opened.append(c)
    register(opened[0])
    opened[0].post("/api/logout", headers={"X-CSRF-Token": opened[0].cookies["csrf_token"]})
    yield app, opened
    for c in opened:
        c.__exit__(None, None, None)


def _login(client: Any, results: list[Any]) -> None:
    r = client.post(
        "/api/login",
        json={"username": "ann", "password": PASSWORD},
        headers={"X-CSRF-Token": client.cookies["csrf_token"]},
    )
    results.append(r)


def _threads(clients: list[Any], results: list[Any]) -> list[threading.Thread]:
    threads = [threading.Thread(target=_login, args=(c, results)) for c in clients]
    for t in threads:
        t.start()
    return threads


@pytest.mark.parametrize("clients", [(2, 30.0, 12)], indirect=True)
def test_at_most_n_hashes_run_at_once(clients: tuple[Any, list[Any]]) -> None:
    app, people = clients
    gauge = Gauge(app.state.web.hasher.hasher, hold=False)
    app.state.web.hasher.hasher = gauge
    results: list[Any] = []
    for t in _threads(people, results):
        t.join()
    assert [r.status_code for r in results] == [200] * 12  # all waited their turn
    assert 1 <= gauge.most <= 2


@pytest.mark.parametrize("clients", [(2, 0.05, 3)], indirect=True)
def test_with_every_slot_busy_the_next_gets_503_and_retry_after(
    clients: tuple[Any, list[Any]],
) -> None:
    app, people = clients
    gauge = Gauge(app.state.web.hasher.hasher, hold=True)
    app.state.web.hasher.hasher = gauge
    results: list[Any] = []
    busy = _threads(people[:2], results)
    for _ in range(2):
        assert gauge.entered.acquire(timeout=30)  # both slots now taken
    late: list[Any] = []
    _login(people[2], late)
    assert late[0].status_code == 503 and late[0].headers["retry-after"] == "2"
    gauge.release.set()
    for t in busy:
        t.join()
    assert [r.status_code for r in results] == [200, 200]
    assert gauge.most == 2
    again: list[Any] = []
    _login(people[2], again)  # the 503 did not count as a guess
    assert again[0].status_code == 200


def test_the_default_is_one_slot_per_core() -> None:
    import os

    assert default_slots() == len(os.sched_getaffinity(0))
    assert HashGate(object()).slots == default_slots()


def test_a_small_server_may_lower_the_hashing_cost_and_its_hashes_say_so(sqlite_url: str) -> None:
    env = {"SCIATICA_ARGON2_TIME_COST": "2", "SCIATICA_ARGON2_MEMORY_KIB": "19456"}
    app = create_app(build_settings(sqlite_url, environ=env))
    with TestClient(app) as client:
        client.get("/api/csrf")
        register(client)
    store = app.state.web.store
    with store.looking() as c:
        digest = c.exec_driver_sql("SELECT password_hash FROM users WHERE username = 'ann'")
        assert "$m=19456,t=2," in digest.scalar_one()
    assert build_settings(sqlite_url, environ={}).argon2_memory_kib == 65536  # the default
