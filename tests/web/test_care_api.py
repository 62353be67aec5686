"""Clinicians over the API, and who may read what: every route as anonymous, the owner,
another patient, a linked and an unlinked clinician."""

from typing import Any

import pytest
from fastapi.testclient import TestClient

from tests.web.conftest import PASSWORD, api


def account(app: Any, name: str, role: str = "patient") -> TestClient:
    client = TestClient(app, base_url="http://127.0.0.1")
    client.get("/api/csrf")
    r = api(
        client, "POST", "/api/register", json={"username": name, "password": PASSWORD, "role": role}
    )
    assert r.status_code == 201 and r.json()["role"] == role
    return client


@pytest.fixture
def people(app: Any) -> dict[str, Any]:
    owner, other = account(app, "ann"), account(app, "bob")
    linked, unlinked = account(app, "dr-lee", "clinician"), account(app, "dr-roe", "clinician")
    anon = TestClient(app, base_url="http://127.0.0.1")
    anon.get("/api/csrf")
    r = api(owner, "POST", "/api/diary", json={"date": "2026-10-01", "leg_pain": 6, "back_pain": 2})
    entry = r.json()["id"]
    code = api(owner, "POST", "/api/links").json()["code"]
    assert api(linked, "POST", "/api/links/accept", json={"code": code.lower()}).status_code == 200
    owner_id = api(
        owner, "POST", "/api/login", json={"username": "ann", "password": PASSWORD}
    ).json()["id"]
    return {
        "owner": owner,
        "other": other,
        "linked": linked,
        "unlinked": unlinked,
        "anon": anon,
        "entry": entry,
        "owner_id": owner_id,
    }


def test_the_authorisation_matrix(people: dict[str, Any]) -> None:
    entry, pid = people["entry"], people["owner_id"]
    routes = {
        f"/api/diary/{entry}": {
            "anon": 401,
            "owner": 200,
            "other": 404,
            "linked": 404,
            "unlinked": 404,
        },
        f"/api/patients/{pid}/diary": {
            "anon": 401,
            "owner": 404,
            "other": 404,
            "linked": 200,
            "unlinked": 404,
        },
        f"/api/patients/{pid}/progress": {
            "anon": 401,
            "owner": 404,
            "other": 404,
            "linked": 200,
            "unlinked": 404,
        },
        "/api/patients": {"anon": 401, "owner": 403, "other": 403, "linked": 200, "unlinked": 200},
        "/api/fhir": {"anon": 401, "owner": 200, "other": 200, "linked": 200, "unlinked": 200},
    }
    for url, expected in routes.items():
        got = {who: people[who].get(url).status_code for who in expected}
        assert got == expected, url
    diary = people["linked"].get(f"/api/patients/{pid}/diary").json()
    assert [d["leg_pain"] for d in diary] == [6]
    assert people["unlinked"].get("/api/patients").json()["patients"] == []
    assert (
        people["other"].get("/api/fhir").json()["entry"][0]["resource"]["resourceType"] == "Patient"
    )
    assert len(people["other"].get("/api/fhir").json()["entry"]) == 1  # nothing of ann's


def test_dashboard_and_revocation_end_access_at_once(people: dict[str, Any]) -> None:
    linked, owner, pid = people["linked"], people["owner"], people["owner_id"]
    rows = linked.get("/api/patients").json()
    assert rows["total"] == 1 and rows["patients"][0]["username"] == "ann"
    assert rows["patients"][0]["verdict"] == "see_doctor"  # one old entry, judged today
    assert rows["patients"][0]["attention"] == "see the doctor"
    followers = owner.get("/api/links").json()
    assert [f["username"] for f in followers] == ["dr-lee"]
    assert api(owner, "DELETE", f"/api/links/{followers[0]['clinician_id']}").status_code == 204
    assert linked.get(f"/api/patients/{pid}/diary").status_code == 404
    assert linked.get("/api/patients").json()["total"] == 0


def test_codes_are_single_use_and_role_bound(people: dict[str, Any]) -> None:
    owner, linked = people["owner"], people["linked"]
    code = api(owner, "POST", "/api/links").json()["code"]
    assert api(people["other"], "POST", "/api/links/accept", json={"code": code}).status_code == 403
    assert api(linked, "POST", "/api/links").status_code == 403
    assert (
        api(people["unlinked"], "POST", "/api/links/accept", json={"code": code}).status_code == 200
    )
    r = api(linked, "POST", "/api/links/accept", json={"code": code})
    assert r.status_code == 422 and "code" in r.text
