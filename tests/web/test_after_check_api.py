"""The check after each technique through POST /api/sessions: further down twice in a row
leaves the technique out of GET /api/plan, with the reason, and the clinician sees an alert
on the dashboard (page and API)."""

from typing import Any

from tests.web.conftest import api, page, submit
from tests.web.test_care_pages import sign_up

RID = "knuckle-massage"


def session(n: int, reach: str | None, pain: str | None = None) -> dict[str, Any]:
    return {
        "day": f"2026-11-{20 + n}",
        "started_at": f"2026-11-{20 + n}T08:00:00Z",
        "ended_at": f"2026-11-{20 + n}T08:10:00Z",
        "completed": [{"routine_id": RID, "side": None}],
        "checks": [{"routine_id": RID, "pain": pain, "reach": reach}],
        "feeling": "same",
        "finished": True,
    }


def ready(client: Any) -> None:
    assert api(client, "POST", "/api/check", json={}).status_code == 200
    r = api(client, "PUT", "/api/profile", json={"equipment": ["tennis-balls", "towel"]})
    assert r.status_code == 200


def test_further_down_twice_leaves_it_out_and_alerts_the_clinician(
    client: Any, other_client: Any
) -> None:
    sign_up(client, "ann", "patient")
    sign_up(other_client, "dr-lee", "clinician")
    code = page(submit(client, "/sharing/code")).select_one(".code").text  # type: ignore[union-attr]
    assert submit(other_client, "/patients/link", {"code": code}).status_code == 303
    ready(client)
    first = api(client, "POST", "/api/sessions", json=session(1, "further"))
    assert first.status_code == 201, first.text
    assert first.json()["checks"] == [{"routine_id": RID, "pain": None, "reach": "further"}]
    assert RID in [r["id"] for r in client.get("/api/plan").json()["routines"]]
    assert api(client, "POST", "/api/sessions", json=session(2, None, "worse")).status_code == 201
    plan = client.get("/api/plan").json()
    assert RID not in [r["id"] for r in plan["routines"]]
    reason = {e["id"]: e["reason"] for e in plan["excluded"]}[RID]
    assert "worse, or reaching further down your leg" in reason
    today = page(client.get("/today")).text
    assert "reaching further down your leg" in today
    # the clinician's dashboard
    listed = other_client.get("/api/patients").json()["patients"]
    assert listed[0]["check_alerts"] == ["Knuckle massage"]
    alert = page(other_client.get("/patients")).select_one(".check-alert")
    assert alert is not None and "Knuckle massage" in alert.text
    href = page(other_client.get("/patients")).select_one("table.patients a")["href"]  # type: ignore[index]
    assert "Left out after the check: Knuckle massage" in page(other_client.get(str(href))).text


def test_a_check_naming_an_unknown_technique_or_answer_is_422(client: Any) -> None:
    sign_up(client, "ann", "patient")
    bad = session(1, "further")
    bad["checks"] = [{"routine_id": "nope", "pain": None, "reach": "further"}]
    assert api(client, "POST", "/api/sessions", json=bad).status_code == 422
    bad["checks"] = [{"routine_id": RID, "pain": "awful", "reach": None}]
    assert api(client, "POST", "/api/sessions", json=bad).status_code == 422
    skipped = session(1, None)  # both parts skipped: nothing stored
    assert api(client, "POST", "/api/sessions", json=skipped).json()["checks"] == []
