"""The check, profile, plan and timeline API: the CLI's documents, for the signed-in person."""

from typing import Any

import pytest

from sciatica_coach.safety import Level
from sciatica_coach.safety.screening import advice_for
from tests.web.conftest import api, register

ROUTES = [("POST", "/api/check"), ("GET", "/api/profile"), ("PUT", "/api/profile"),
          ("GET", "/api/plan"), ("GET", "/api/timeline")]  # fmt: skip


@pytest.mark.parametrize(("method", "url"), ROUTES)
def test_they_need_a_session(client: Any, method: str, url: str) -> None:
    assert api(client, method, url, json={} if method != "GET" else None).status_code == 401


def test_check_follows_the_cli_contract_and_is_stored(client: Any) -> None:
    register(client)
    r = api(client, "POST", "/api/check", json={"fever": True, "night_pain": True})
    assert r.status_code == 200
    body = r.json()
    assert body["level"] == "urgent"
    assert body["reasons"] == [{"question": "fever", "level": "urgent"},
                               {"question": "night_pain", "level": "urgent"}]  # fmt: skip
    assert body["advice"] == advice_for(Level(body["level"]), None)
    plan = api(client, "GET", "/api/plan").json()
    assert plan["blocked"] and plan["routines"] == []
    assert api(client, "GET", "/api/timeline").json()["cues"] == []
    clear = api(client, "POST", "/api/check", json={}).json()
    assert clear["level"] == "self_care"
    assert api(client, "GET", "/api/plan").json()["blocked"] is None


@pytest.mark.parametrize(
    ("answers", "field"), [({"made_up": True}, "question"), ({"fever": "yes"}, "fever")]
)
def test_bad_answers_are_422_naming_the_field(
    client: Any, answers: dict[str, Any], field: str
) -> None:
    register(client)
    r = api(client, "POST", "/api/check", json=answers)
    assert r.status_code == 422 and r.json()["detail"][0]["loc"] == ["body", field]
    assert api(client, "GET", "/api/plan").json()["blocked"]  # nothing was stored


def test_profile_round_trip_and_bad_input(client: Any) -> None:
    register(client)
    default = api(client, "GET", "/api/profile").json()
    assert default["minutes"] == 20 and default["hip_replacement"] is False
    changed = api(client, "PUT", "/api/profile", json={"hip_replacement": True, "minutes": 15})
    assert changed.status_code == 200
    assert changed.json() == {**default, "hip_replacement": True, "minutes": 15}
    assert api(client, "GET", "/api/profile").json() == changed.json()
    bad = [({"minutes": 0}, "minutes"), ({"pregnancy_weeks": 60}, "pregnancy_weeks"),
           ({"hold_seconds": 45}, "hold_seconds"), ({"wings": True}, "wings")]  # fmt: skip
    for body, field in bad:
        r = api(client, "PUT", "/api/profile", json=body)
        assert r.status_code == 422 and r.json()["detail"][0]["loc"] == ["body", field]
    assert api(client, "GET", "/api/profile").json() == changed.json()


def test_sciatica_in_both_legs_is_screened_at_once(client: Any) -> None:
    register(client)
    api(client, "POST", "/api/check", json={})
    api(client, "PUT", "/api/profile", json={"side": "both"})
    plan = api(client, "GET", "/api/plan").json()
    assert plan["blocked"] and plan["blocked_reason"] == "red_flag"


def test_a_doctors_clearance_unblocks_until_a_new_warning_sign(client: Any) -> None:
    register(client)
    assert api(client, "POST", "/api/clearance", json={}).status_code == 422  # no check
    api(client, "POST", "/api/check", json={"recent_spine_surgery": True})
    plan = api(client, "GET", "/api/plan").json()
    assert plan["blocked_reason"] == "red_flag" and plan["routines"] == []
    r = api(client, "POST", "/api/clearance", json={"note": "surgeon says yes"})
    assert r.status_code == 201
    assert r.json()["covers"] == ["recent_spine_surgery"]
    assert r.json()["note"] == "surgeon says yes"
    assert api(client, "GET", "/api/plan").json()["blocked"] is None
    assert api(client, "POST", "/api/clearance", json={}).status_code == 422  # nothing left
    api(client, "POST", "/api/check", json={"recent_spine_surgery": True, "fever": True})
    assert api(client, "GET", "/api/plan").json()["blocked_reason"] == "red_flag"
    timeline = api(client, "GET", "/api/timeline").json()
    assert timeline["cues"] == [] and timeline["blocked_reason"] == "red_flag"


def test_the_profile_keeps_pregnancy_as_a_due_date(client: Any) -> None:
    register(client)
    doc = api(client, "PUT", "/api/profile", json={"pregnancy_weeks": 20, "country": "nz"}).json()
    assert doc["pregnancy_weeks"] == 20 and doc["due_date"] and doc["country"] == "NZ"
    r = api(client, "PUT", "/api/profile", json={"country": "Narnia"})
    assert r.status_code == 422


def test_plan_and_timeline_follow_the_profile(client: Any) -> None:
    register(client)
    api(client, "POST", "/api/check", json={})
    api(client, "PUT", "/api/profile", json={"hip_replacement": True, "minutes": 60,
                                             "equipment": ["tennis-balls", "towel"]})  # fmt: skip
    plan = api(client, "GET", "/api/plan").json()
    planned = [r["id"] for r in plan["routines"]]
    excluded = {e["id"]: e["reason"] for e in plan["excluded"]}
    assert "knuckle-massage" in planned and "reclining-pigeon-pose" in excluded
    assert "tennis-ball-massage" in excluded  # sitting on the floor bends the hips past 90
    timeline = api(client, "GET", "/api/timeline").json()
    assert timeline["total_seconds"] == sum(c["seconds"] for c in timeline["cues"])
    assert {c["routine_id"] for c in timeline["cues"] if c["routine_id"]} == set(planned)
    assert timeline["titles"]["tennis-ball-massage"] == "Tennis ball massage"
    assert timeline["cues"][-1]["kind"] == "check_in"
