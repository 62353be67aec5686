"""The web app on SQLite and on a real PostgreSQL: accounts, sessions in the database, the
diary, a played session, the check, the plan and the verdict."""

from collections.abc import Iterator
from typing import Any

import pytest

from sciatica_coach.web import build_settings, create_app
from tests.web.conftest import NOW, PASSWORD, TestClient, api


@pytest.fixture
def any_db_client(db_url: str) -> Iterator[Any]:
    settings = build_settings(
        db_url, environ={}, clock=lambda: NOW, argon2_time_cost=1, argon2_memory_kib=1024
    )
    with TestClient(create_app(settings), base_url="http://testserver") as client:
        client.get("/api/csrf")
        yield client


def test_a_short_journey_over_the_api(any_db_client: Any) -> None:
    c = any_db_client
    body = {"username": "ann", "password": PASSWORD}
    assert api(c, "POST", "/api/register", json=body).status_code == 201
    assert api(c, "POST", "/api/check", json={}).json()["level"] == "self_care"
    assert api(c, "PUT", "/api/profile", json={"minutes": 10}).status_code == 200
    plan = api(c, "GET", "/api/plan").json()
    first = plan["routines"][0]["id"]
    entry = api(c, "POST", "/api/diary", json={"leg_pain": 6, "back_pain": 2}).json()
    session = {"started_at": "2026-11-24T08:00:00Z", "ended_at": "2026-11-24T08:10:00Z",
               "completed": [{"routine_id": first, "side": None}], "finished": True}  # fmt: skip
    assert api(c, "POST", "/api/sessions", json=session).status_code == 201
    progress = api(c, "GET", "/api/progress").json()
    assert (progress["verdict"], progress["adherence_pct"]) == ("too_early", 100.0)
    assert api(c, "POST", "/api/logout").status_code == 204
    assert api(c, "GET", f"/api/diary/{entry['id']}").status_code == 401
    assert api(c, "POST", "/api/login", json=body).status_code == 200
    assert api(c, "GET", f"/api/diary/{entry['id']}").json()["leg_pain"] == 6
