"""A clinic's deployment, for real: `sciatica serve` processes and workers on one PostgreSQL,
a PostgreSQL restart under load, and a worker killed in the middle of requests."""

import os
import shlex
import signal
import threading
import time
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import httpx
import psycopg
import pytest
from sqlalchemy import func, select

from sciatica_coach.store.engine import make_engine
from sciatica_coach.store.tables import PainStopRow, SessionItemRow, SessionRow
from tests import pgserver
from tests.web.servers import moved, person, serve

pytestmark = [pytest.mark.postgres, pytest.mark.slow]

README = Path(__file__).parents[2] / "README.md"
ITEMS = 300  # completed techniques in one posted session: one request, many rows
STOPS = 40


def _session(items: int = ITEMS, stops: int = STOPS) -> dict[str, object]:
    return {
        "started_at": "2026-01-05T08:00:00+00:00",
        "ended_at": "2026-01-05T08:20:00+00:00",
        "day": "2026-01-05",
        "completed": [{"routine_id": "sitting-pigeon-pose", "side": "right"}] * items,
        "pain_stops": [{"routine_id": "knuckle-massage", "step_index": 1, "severity": 3}] * stops,
        "finished": True,
    }


def _deployment_command() -> list[str]:
    """The `sciatica serve` line of the README's deployment section, as a clinic types it."""
    section = README.read_text().split("### Running a clinic", 1)[1].split("\n## ", 1)[0]
    line = next(ln for ln in section.splitlines() if ln.startswith("sciatica serve "))
    return shlex.split(line)


def test_the_readme_deployment_counts_logins_per_real_address(pg_url: str) -> None:
    """The README's command, as typed (its port aside): behind a proxy, the login limit per
    address counts the address the proxy forwards, not the proxy's own."""
    words = _deployment_command()
    assert words[:2] == ["sciatica", "serve"] and "--behind-proxy" in words
    workers = int(words[words.index("--workers") + 1])
    assert workers >= 2
    options = [w for w in words[2:] if w not in ("--workers", str(workers))]
    with serve(pg_url, workers=workers, options=options) as served:
        client = httpx.Client(base_url=served.url, timeout=30)
        client.get("/api/csrf")
        client.headers["X-CSRF-Token"] = client.cookies["csrf_token"]

        def wrong_login(n: int, address: str) -> int:
            body = {"username": f"nobody{n}", "password": "not the password"}
            headers = {"X-Forwarded-For": address}
            return client.post("/api/login", json=body, headers=headers).status_code

        answers = [wrong_login(n, "203.0.113.7") for n in range(31)]
        assert answers[:30] == [401] * 30 and answers[30] == 429
        assert wrong_login(99, "198.51.100.2") == 401  # another person behind the same proxy


def test_any_process_serves_anyone_and_sign_out_ends_it_everywhere(pg_url: str) -> None:
    with serve(pg_url) as a, serve(pg_url) as b:
        ann = person(a.url, "ann")
        on_b = moved(ann, b.url)
        entry = {"date": "2026-01-05", "leg_pain": 6, "back_pain": 3}
        created = on_b.post("/api/diary", json=entry)
        assert created.status_code == 201
        assert [e["id"] for e in ann.get("/api/diary").json()] == [created.json()["id"]]
        assert on_b.post("/api/logout").status_code in (200, 204)
        assert ann.get("/api/diary").status_code == 401


@pytest.fixture(scope="module")
def own_pg() -> Iterator[pgserver.PgServer]:
    """A PostgreSQL server of this module's own, so restarting it disturbs no other test."""
    server = pgserver.PgServer.start()
    yield server
    server.stop()


def _new_database(server: pgserver.PgServer, name: str) -> str:
    with psycopg.connect(server.url().replace("+psycopg", ""), autocommit=True) as conn:
        conn.execute(f"CREATE DATABASE {name}")
    return server.url(name)


class Poster(threading.Thread):
    """Posts sessions as fast as the server answers; keeps the ids it was given (201) and
    counts every other answer."""

    def __init__(self, client: httpx.Client, session: dict[str, object]) -> None:
        super().__init__(daemon=True)
        self.client, self.session = client, session
        self.acknowledged: list[int] = []
        self.answers: Counter[str] = Counter()
        self.stop = threading.Event()

    def run(self) -> None:
        while not self.stop.is_set():
            try:
                response = self.client.post("/api/sessions", json=self.session)
            except httpx.TransportError:
                self.answers["no answer"] += 1
                continue
            self.answers[str(response.status_code)] += 1
            if response.status_code == 201:
                self.acknowledged.append(response.json()["id"])

    def wait_for(self, count: int, seconds: float = 120) -> None:
        deadline = time.monotonic() + seconds
        while len(self.acknowledged) < count:
            assert time.monotonic() < deadline, f"stuck at {len(self.acknowledged)}: {self.answers}"
            time.sleep(0.05)


def _stored_sessions(database_url: str) -> dict[int, tuple[int, int]]:
    """Every stored session: its id -> (completed rows, pain stop rows)."""
    engine = make_engine(database_url)
    items = select(func.count()).where(SessionItemRow.session_id == SessionRow.id)
    stops = select(func.count()).where(PainStopRow.session_id == SessionRow.id)
    query = select(SessionRow.id, items.scalar_subquery(), stops.scalar_subquery())
    with engine.connect() as conn:
        rows = {row[0]: (row[1], row[2]) for row in conn.execute(query)}
    engine.dispose()
    return rows


def test_a_postgres_restart_loses_no_acknowledged_write(own_pg: pgserver.PgServer) -> None:
    url = _new_database(own_pg, "restart")
    with serve(url, workers=2) as served:
        posters = [Poster(person(served.url, f"writer{i}"), _session(5, 1)) for i in range(3)]
        for poster in posters:
            poster.start()
        posters[0].wait_for(10)
        own_pg.restart()
        before = [len(p.acknowledged) for p in posters]
        for poster, count in zip(posters, before, strict=True):
            poster.wait_for(count + 10)  # recovered: every worker writes again, no restart
        for poster in posters:
            poster.stop.set()
            poster.join()
    answers = sum((p.answers for p in posters), Counter())
    assert set(answers) <= {"201", "503", "no answer"}, answers  # never a 500
    stored = _stored_sessions(url)
    for poster in posters:
        assert set(poster.acknowledged) <= set(stored)
    assert set(stored.values()) == {(5, 1)}


def test_a_worker_killed_mid_request_leaves_no_half_session(pg_url: str) -> None:
    with serve(pg_url, workers=2) as served:
        posters = [Poster(person(served.url, f"killed{i}"), _session()) for i in range(4)]
        for poster in posters:
            poster.start()
        killed: set[int] = set()
        for round_ in range(3):
            posters[round_ % 4].wait_for(len(posters[round_ % 4].acknowledged) + 3)
            victim = served.workers()[0]
            os.kill(victim, signal.SIGKILL)
            killed.add(victim)
            deadline = time.monotonic() + 60
            while len(set(served.workers()) - killed) < 2:  # uvicorn starts a new worker
                assert time.monotonic() < deadline, "no worker replaced the killed one"
                time.sleep(0.1)
        for poster in posters:
            poster.wait_for(len(poster.acknowledged) + 2)  # every person is served again
            poster.stop.set()
            poster.join()
    answers = sum((p.answers for p in posters), Counter())
    assert answers["no answer"] > 0, answers  # the kills did cut requests off
    assert set(answers) <= {"201", "no answer"}, answers
    stored = _stored_sessions(pg_url)
    for poster in posters:
        assert set(poster.acknowledged) <= set(stored)
    assert set(stored.values()) == {(ITEMS, STOPS)}, Counter(stored.values())
    assert len(stored) >= sum(len(p.acknowledged) for p in posters)
