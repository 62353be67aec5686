"""The plan adapts both ways through the API: a pain stop shortens a technique's holds next
time, two sessions without pain grow them back, and GET /api/plan and the today page say why."""

from typing import Any

from tests.web.conftest import api, page
from tests.web.test_after_check_api import ready
from tests.web.test_care_pages import sign_up

RID = "knee-to-the-opposite-shoulder"


def session(n: int, stop: bool) -> dict[str, Any]:
    return {
        "day": f"2026-11-{10 + n}",
        "started_at": f"2026-11-{10 + n}T08:00:00Z",
        "ended_at": f"2026-11-{10 + n}T08:10:00Z",
        "completed": [] if stop else [{"routine_id": RID, "side": "right"},
                                      {"routine_id": RID, "side": "left"}],
        "pain_stops": [{"routine_id": RID, "side": "right", "step_index": 3, "severity": 5}]
        if stop else [],
        "finished": True,
    }  # fmt: skip


def planned(client: Any) -> dict[str, Any]:
    routines = client.get("/api/plan").json()["routines"]
    found: dict[str, Any] = next(r for r in routines if r["id"] == RID)
    return found


def test_a_pain_stop_shortens_the_holds_and_sessions_without_pain_grow_them_back(
    client: Any,
) -> None:
    sign_up(client, "ann", "patient")
    ready(client)
    assert planned(client)["hold_seconds"] == 30
    assert api(client, "POST", "/api/sessions", json=session(1, stop=True)).status_code == 201
    shorter = planned(client)
    assert shorter["hold_seconds"] == 25
    assert "Holds of 25 s today, not your 30 s" in shorter["note"]
    assert "Holds of 25 s today" in page(client.get("/today")).text
    timeline = client.get("/api/timeline").json()["cues"]
    holds = {c["seconds"] for c in timeline if c["routine_id"] == RID and c["kind"] == "hold"}
    assert holds == {25}  # the same holds, shorter: no repetition added
    for n in (2, 3):
        assert api(client, "POST", "/api/sessions", json=session(n, stop=False)).status_code == 201
    grown = planned(client)
    assert grown["hold_seconds"] == 30
    assert grown["note"] == "Holds of 30 s today, up from 25 s: 2 sessions without pain."
