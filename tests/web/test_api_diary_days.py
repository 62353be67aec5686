"""One entry per day, never overwritten without asking: `POST /api/diary` for a day that has an
entry answers 409 with that entry's `id`; `?replace=true` or `PUT /api/diary/{id}` replaces it.
On SQLite and on a real PostgreSQL."""

from typing import Any

import pytest

from tests.web.conftest import TestClient, api

DAY = {"date": "2026-11-15", "leg_pain": 6, "back_pain": 4, "tingling": True,
       "note": "stiff after the drive", "reaches": "thigh"}  # fmt: skip
OTHER = {"date": "2026-11-15", "leg_pain": 2, "back_pain": 1, "note": "a good day"}


@pytest.fixture
def client(signed_in_client: TestClient) -> TestClient:
    return signed_in_client  # on SQLite and on PostgreSQL


def test_a_second_entry_for_a_day_is_409_with_the_first_ones_id(client: Any) -> None:
    first = api(client, "POST", "/api/diary", json=DAY)
    assert first.status_code == 201
    again = api(client, "POST", "/api/diary", json=OTHER)
    assert again.status_code == 409
    assert again.json()["id"] == first.json()["id"]
    assert "2026-11-15" in again.json()["detail"]
    assert api(client, "GET", "/api/diary").json() == [_stored(first.json())]


def test_replace_true_replaces_the_day(client: Any) -> None:
    first = api(client, "POST", "/api/diary", json=DAY).json()
    r = api(client, "POST", "/api/diary?replace=true", json=OTHER)
    assert r.status_code == 200
    assert r.json()["id"] == first["id"]
    got = r.json()
    assert (got["note"], got["leg_pain"], got["tingling"]) == ("a good day", 2, False)
    assert api(client, "GET", "/api/diary").json() == [_stored(r.json())]


def test_replace_true_on_a_new_day_creates_it(client: Any) -> None:
    r = api(client, "POST", "/api/diary?replace=true", json=DAY)
    assert r.status_code == 201
    assert [e["date"] for e in api(client, "GET", "/api/diary").json()] == ["2026-11-15"]


def test_put_by_id_replaces_after_a_409(client: Any) -> None:
    api(client, "POST", "/api/diary", json=DAY)
    taken = api(client, "POST", "/api/diary", json=OTHER).json()["id"]
    r = api(client, "PUT", f"/api/diary/{taken}", json=OTHER)
    assert r.status_code == 200 and r.json()["note"] == "a good day"
    assert len(api(client, "GET", "/api/diary").json()) == 1


def test_today_by_default_and_then_409(client: Any) -> None:
    first = api(client, "POST", "/api/diary", json={"leg_pain": 5, "back_pain": 3})
    assert first.status_code == 201 and first.json()["date"] == "2026-11-24"
    second = api(client, "POST", "/api/diary", json={"leg_pain": 1, "back_pain": 1})
    assert second.status_code == 409 and second.json()["id"] == first.json()["id"]
    assert [e["leg_pain"] for e in api(client, "GET", "/api/diary").json()] == [5]


def _stored(logged: dict[str, Any]) -> dict[str, Any]:
    """A logged day as the diary lists it: without the answer's new-weakness warning."""
    return {k: v for k, v in logged.items() if k != "new_weakness"}
