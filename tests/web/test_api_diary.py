"""The diary API: the CLI's JSON shapes, 201 on create, 401 without a session, 422 naming the
field, 404 for another person's entry."""

from typing import Any

import pytest

from tests.web.conftest import api, page, register

ENTRY = {
    "date": "2026-11-20",
    "leg_pain": 6,
    "back_pain": 4,
    "tingling": True,
    "numbness": False,
    "weakness": False,
    "note": "stiff after the drive",
    "reaches": "thigh",
}


def test_every_diary_route_needs_a_session(client: Any) -> None:
    for method, url in [("GET", "/api/diary"), ("POST", "/api/diary"), ("GET", "/api/diary/1"),
                        ("PUT", "/api/diary/1"), ("DELETE", "/api/diary/1"),
                        ("GET", "/api/progress")]:  # fmt: skip
        r = api(client, method, url, json=ENTRY if method in ("POST", "PUT") else None)
        assert r.status_code == 401, (method, url)


def test_create_read_update_delete(client: Any) -> None:
    register(client)
    created = api(client, "POST", "/api/diary", json=ENTRY)
    assert created.status_code == 201
    body = created.json()
    assert body.pop("new_weakness") is False
    assert body == {**ENTRY, "id": body["id"]}
    assert api(client, "GET", "/api/diary").json() == [body]
    assert api(client, "GET", f"/api/diary/{body['id']}").json() == body
    changed = {**body, "leg_pain": 2, "date": "2026-11-19", "reaches": None}
    r = api(client, "PUT", f"/api/diary/{body['id']}", json=changed)
    assert r.status_code == 200 and r.json() == changed
    assert api(client, "DELETE", f"/api/diary/{body['id']}").status_code == 204
    assert api(client, "GET", f"/api/diary/{body['id']}").status_code == 404
    assert api(client, "GET", "/api/diary").json() == []


def test_date_defaults_to_today(client: Any) -> None:
    register(client)
    first = api(client, "POST", "/api/diary", json={"leg_pain": 5, "back_pain": 3}).json()
    assert first["date"] == "2026-11-24"  # the app's clock in these tests


def test_list_filters_by_dates(client: Any) -> None:
    register(client)
    for day in ("2026-11-01", "2026-11-05", "2026-11-09"):
        api(client, "POST", "/api/diary", json={**ENTRY, "date": day})
    got = api(client, "GET", "/api/diary", params={"from": "2026-11-02", "to": "2026-11-09"})
    assert [e["date"] for e in got.json()] == ["2026-11-05", "2026-11-09"]
    bad = api(client, "GET", "/api/diary", params={"from": "2026-11-09", "to": "2026-11-01"})
    assert bad.status_code == 422 and bad.json()["detail"][0]["loc"] == ["body", "from"]


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"leg_pain": 11}, "leg_pain"),
        ({"back_pain": -1}, "back_pain"),
        ({"leg_pain": "5"}, "leg_pain"),
        ({"leg_pain": True}, "leg_pain"),
        ({"tingling": "yes"}, "tingling"),
        ({"date": "2026-11-25"}, "date"),  # tomorrow: a diary records what happened
        ({"date": "24/11/2026"}, "date"),
        ({"reaches": "knee"}, "reaches"),
        ({"pain": 3}, "pain"),
    ],
)
def test_bad_input_is_422_naming_the_field_and_stores_nothing(
    client: Any, change: dict[str, Any], field: str
) -> None:
    register(client)
    r = api(client, "POST", "/api/diary", json={**ENTRY, **change})
    assert r.status_code == 422
    assert r.json()["detail"][0]["loc"][-1] == field
    assert api(client, "GET", "/api/diary").json() == []


def test_a_missing_pain_is_named(client: Any) -> None:
    register(client)
    r = api(client, "POST", "/api/diary", json={"back_pain": 2})
    assert r.status_code == 422 and r.json()["detail"][0]["loc"] == ["body", "leg_pain"]


def test_moving_an_entry_onto_another_day_with_an_entry_is_422(client: Any) -> None:
    register(client)
    a = api(client, "POST", "/api/diary", json={**ENTRY, "date": "2026-11-01"}).json()
    api(client, "POST", "/api/diary", json={**ENTRY, "date": "2026-11-02"})
    r = api(client, "PUT", f"/api/diary/{a['id']}", json={**ENTRY, "date": "2026-11-02"})
    assert r.status_code == 422 and r.json()["detail"][0]["loc"] == ["body", "date"]


def test_another_persons_entry_is_404(client: Any, other_client: Any) -> None:
    register(client, "ann")
    register(other_client, "bob")
    mine = api(client, "POST", "/api/diary", json=ENTRY).json()
    del mine["new_weakness"]
    url = f"/api/diary/{mine['id']}"
    assert api(other_client, "GET", url).status_code == 404
    assert api(other_client, "PUT", url, json={**ENTRY, "leg_pain": 0}).status_code == 404
    assert api(other_client, "DELETE", url).status_code == 404
    assert api(other_client, "GET", "/api/diary").json() == []
    assert api(client, "GET", url).json() == mine


def test_progress_follows_the_cli_shape(client: Any) -> None:
    register(client)
    empty = api(client, "GET", "/api/progress").json()
    assert empty["verdict"] == "too_early" and empty["days"] is None and empty["message"]
    for day in range(1, 8):
        api(client, "POST", "/api/diary", json={"date": f"2026-10-0{day}", "leg_pain": 8,
                                                "back_pain": 2})  # fmt: skip
    for day in range(18, 25):
        api(client, "POST", "/api/diary", json={"date": f"2026-11-{day}", "leg_pain": 3,
                                                "back_pain": 2})  # fmt: skip
    got = api(client, "GET", "/api/progress").json()
    assert got["verdict"] == "keep_going"
    assert (got["days"], got["baseline"], got["current"]) == (54, 8.0, 3.0)
    assert got["change_pct"] == -62.5
    assert set(got) == {"verdict", "days", "baseline", "current", "change_pct", "adherence_pct",
                        "review_date", "stale", "message", "reach"}  # fmt: skip
    assert got["reach"] is None  # no entry said how far the pain reaches
    early = api(client, "GET", "/api/progress", params={"as_of": "2026-10-10"}).json()
    assert early["verdict"] == "too_early" and early["review_date"] == "2026-10-29"


def test_progress_says_how_far_the_pain_reaches(client: Any) -> None:
    register(client)
    api(client, "POST", "/api/diary", json={**ENTRY, "date": "2026-11-01", "reaches": "foot"})
    api(client, "POST", "/api/diary", json={**ENTRY, "date": "2026-11-20", "reaches": "thigh"})
    reach = api(client, "GET", "/api/progress").json()["reach"]
    assert (reach["first"], reach["latest"], reach["direction"]) == ("foot", "thigh",
                                                                     "towards_back")  # fmt: skip
    shown = page(client.get("/progress")).select_one(".reach")
    assert shown is not None and shown.text == reach["message"]


def test_days_before_1900_are_bad_input_not_a_crash(client: Any) -> None:
    """Found by schemathesis: as_of=0001-01-02 overflowed the four-week window (a 500)."""
    register(client)
    r = api(client, "GET", "/api/progress?as_of=0001-01-02")
    assert r.status_code == 422 and r.json()["detail"][0]["loc"] == ["body", "as_of"]
    entry = {"date": "0001-01-02", "leg_pain": 3, "back_pain": 1}
    r = api(client, "POST", "/api/diary", json=entry)
    assert r.status_code == 422 and r.json()["detail"][0]["loc"] == ["body", "date"]
    assert api(client, "GET", "/api/diary").json() == []


def test_a_first_weakness_is_flagged_as_new_and_a_second_is_not(client: Any) -> None:
    """The API warns as the command line and the form do: weakness no earlier day reported
    can be a red flag."""
    register(client)
    assert api(client, "POST", "/api/diary", json=ENTRY).json()["new_weakness"] is False
    weak = {**ENTRY, "date": "2026-11-21", "weakness": True}
    assert api(client, "POST", "/api/diary", json=weak).json()["new_weakness"] is True
    again = {**weak, "date": "2026-11-22"}
    assert api(client, "POST", "/api/diary", json=again).json()["new_weakness"] is False
