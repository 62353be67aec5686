"""POST /api/sessions: the player's record, checked and stored for the signed-in person."""

from typing import Any

import pytest

from tests.web.conftest import api, page, register

RECORD = {
    "day": "2026-11-24",
    "started_at": "2026-11-24T08:00:00Z",
    "ended_at": "2026-11-24T08:12:30Z",
    "completed": [
        {"routine_id": "knuckle-massage", "side": None},
        {"routine_id": "reclining-pigeon-pose", "side": "right"},
    ],
    "pain_stops": [
        {"routine_id": "reclining-pigeon-pose", "side": "left", "step_index": 3, "severity": 6}
    ],
    "feeling": "better",
    "finished": False,
}


def test_a_session_needs_a_session_cookie(client: Any) -> None:
    assert api(client, "POST", "/api/sessions", json=RECORD).status_code == 401


def test_a_session_is_stored_and_shown_in_the_diary(client: Any) -> None:
    register(client)
    r = api(client, "POST", "/api/sessions", json=RECORD)
    assert r.status_code == 201
    body = r.json()
    assert body["id"] > 0
    assert body["completed"] == RECORD["completed"]
    assert body["pain_stops"] == RECORD["pain_stops"]
    assert body["skipped"] == []
    skipping = {**RECORD, "skipped": [{"routine_id": "knuckle-massage", "side": None}]}
    assert api(client, "POST", "/api/sessions", json=skipping).json()["skipped"] == [
        {"routine_id": "knuckle-massage", "side": None}
    ]
    assert (body["feeling"], body["finished"], body["day"]) == ("better", False, "2026-11-24")
    sessions = page(client.get("/diary")).select_one(".sessions")
    assert sessions is not None
    text = " ".join(sessions.text.split())
    assert "Stopped early; felt better afterwards." in text
    assert "It hurt: Reclining pigeon pose (left), 6/10." in text


def test_the_day_defaults_to_today(client: Any) -> None:
    register(client)
    body = {k: v for k, v in RECORD.items() if k != "day"}
    assert api(client, "POST", "/api/sessions", json=body).json()["day"] == "2026-11-24"


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"completed": [{"routine_id": "cartwheel", "side": None}]}, "routine_id"),
        ({"ended_at": "2026-11-24T07:00:00Z"}, "ended_at"),
        ({"day": "2026-11-26"}, "date"),  # the browser's day may be one ahead, no more
        ({"feeling": "great"}, "feeling"),
        ({"finished": "yes"}, "finished"),
        ({"pain_stops": [{**RECORD["pain_stops"][0], "severity": 11}]}, "severity"),  # type: ignore[dict-item]
        ({"completed": [{"routine_id": "knuckle-massage", "side": "middle"}]}, "side"),
    ],
)
def test_bad_records_are_422_naming_the_field(
    client: Any, change: dict[str, Any], field: str
) -> None:
    register(client)
    r = api(client, "POST", "/api/sessions", json={**RECORD, **change})
    assert r.status_code == 422
    assert r.json()["detail"][0]["loc"][-1] == field
    assert page(client.get("/diary")).select_one(".sessions") is None  # nothing was stored


def test_advice_after_a_pain_stop_or_worse_not_after_a_good_session(client: Any) -> None:
    register(client)
    good = {**RECORD, "pain_stops": [], "feeling": "better"}
    assert api(client, "POST", "/api/sessions", json=good).json()["advice"] is None
    for changed in ({}, {"pain_stops": [], "feeling": "worse"}):
        advice = api(client, "POST", "/api/sessions", json={**RECORD, **changed}).json()["advice"]
        assert "If you don't get better within a month, see your doctor." in advice["points"]
        assert "Stop and withdraw whenever you feel pain." in advice["points"]
        assert "Audra Bajori" in advice["source"] and advice["more"] == "/learn/safety"
