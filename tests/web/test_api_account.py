"""Accounts over the API: register, sign in, sign out, and what the cookies promise."""

from typing import Any

from sciatica_coach.web.auth import SESSION_COOKIE
from tests.web.conftest import PASSWORD, api, csrf, register


def _set_cookies(response: Any) -> dict[str, str]:
    return {header.split("=", 1)[0]: header for header in response.headers.get_list("set-cookie")}


def test_register_signs_in_with_a_safe_cookie(client: Any) -> None:
    r = api(client, "POST", "/api/register", json={"username": "ann", "password": PASSWORD})
    assert r.status_code == 201
    assert r.json() == {"id": r.json()["id"], "username": "ann", "role": "patient"}
    cookie = _set_cookies(r)[SESSION_COOKIE].lower()
    assert "httponly" in cookie and "samesite=lax" in cookie and "path=/" in cookie
    assert api(client, "GET", "/api/diary").status_code == 200


def test_register_rejects_a_taken_name_and_a_short_password(client: Any) -> None:
    register(client, "ann")
    r = api(client, "POST", "/api/register", json={"username": "ann", "password": PASSWORD})
    assert r.status_code == 422
    assert r.json()["detail"][0]["loc"] == ["body", "username"]
    r = api(client, "POST", "/api/register", json={"username": "bob", "password": "short"})
    assert r.status_code == 422
    assert r.json()["detail"][0]["loc"] == ["body", "password"]
    assert "short" not in r.text  # the password is never echoed
    r = api(client, "POST", "/api/register", json={"username": "a b", "password": PASSWORD})
    assert r.json()["detail"][0]["loc"] == ["body", "username"]


def test_login_checks_the_password_and_rotates_the_session(client: Any, other_client: Any) -> None:
    register(client, "ann")
    before = client.cookies[SESSION_COOKIE]
    bad = api(other_client, "POST", "/api/login", json={"username": "ann", "password": "nope-nope"})
    assert bad.status_code == 401
    unknown = api(other_client, "POST", "/api/login", json={"username": "zed", "password": "x" * 9})
    assert unknown.status_code == 401
    assert unknown.json() == bad.json()  # the answer does not tell which names exist
    r = api(client, "POST", "/api/login", json={"username": "ann", "password": PASSWORD})
    assert r.status_code == 200 and r.json()["username"] == "ann"
    after = client.cookies[SESSION_COOKIE]
    assert after != before
    other_client.cookies.set(SESSION_COOKIE, before)  # the old session ended with the login
    assert other_client.get("/api/diary").status_code == 401
    assert client.get("/api/diary").status_code == 200


def test_logout_ends_the_session_on_the_server(client: Any, other_client: Any) -> None:
    register(client)
    stolen = client.cookies[SESSION_COOKIE]
    assert api(client, "POST", "/api/logout").status_code == 204
    assert client.get("/api/diary").status_code == 401
    other_client.cookies.set(SESSION_COOKIE, stolen)
    assert other_client.get("/api/diary").status_code == 401


def test_a_forged_session_cookie_is_no_session(client: Any) -> None:
    client.cookies.set(SESSION_COOKIE, "made-up.token")
    assert client.get("/api/diary").status_code == 401


def test_state_changing_calls_need_the_csrf_header(client: Any) -> None:
    body = {"username": "ann", "password": PASSWORD}
    assert client.post("/api/register", json=body).status_code == 403
    wrong = {"X-CSRF-Token": "forged"}
    assert client.post("/api/register", json=body, headers=wrong).status_code == 403
    register(client)
    entry = {"leg_pain": 3, "back_pain": 2}
    assert client.post("/api/diary", json=entry).status_code == 403
    assert client.post("/api/diary", json=entry, headers=csrf(client)).status_code == 201
    assert client.post("/api/logout").status_code == 403


def test_a_cookie_that_was_not_signed_by_the_server_is_refused(client: Any) -> None:
    client.cookies.set("csrf_token", "attacker-chosen")
    r = client.post(
        "/api/register",
        json={"username": "ann", "password": PASSWORD},
        headers={"X-CSRF-Token": "attacker-chosen"},
    )
    assert r.status_code == 403


def test_csrf_endpoint_returns_the_cookie_value(client: Any) -> None:
    assert client.get("/api/csrf").json() == {"csrf_token": client.cookies["csrf_token"]}


def test_security_headers_on_pages_and_api(client: Any) -> None:
    for url in ("/", "/api/diary", "/learn", "/static/style.css"):
        headers = client.get(url).headers
        policy = headers["content-security-policy"]
        assert "script-src 'self'" in policy and "frame-ancestors 'none'" in policy
        assert "unsafe-inline" not in policy
        assert headers["x-content-type-options"] == "nosniff"
        assert headers["referrer-policy"] == "same-origin"


def test_the_openapi_document_lists_the_api_and_no_cdn_docs(client: Any) -> None:
    paths = client.get("/api/openapi.json").json()["paths"]
    for path in ("/api/register", "/api/login", "/api/logout", "/api/diary",
                 "/api/diary/{entry_id}", "/api/progress", "/api/plan", "/api/timeline",
                 "/api/sessions", "/api/check", "/api/profile"):  # fmt: skip
        assert path in paths
    assert set(paths["/api/diary/{entry_id}"]) == {"get", "put", "delete"}
    assert set(paths["/api/profile"]) == {"get", "put"}
    assert client.get("/docs").status_code == 404


def test_secure_cookies_and_https_only_when_served_over_https(sqlite_url: str) -> None:
    from sciatica_coach.web import build_settings, create_app
    from tests.web.conftest import TestClient

    settings = build_settings(
        sqlite_url, environ={"SCIATICA_COOKIE_SECURE": "1"}, argon2_time_cost=1,
        argon2_memory_kib=1024,
    )  # fmt: skip
    with TestClient(create_app(settings), base_url="https://testserver") as https:
        first = https.get("/api/csrf")
        assert "secure" in first.headers["set-cookie"].lower()
        assert first.headers["strict-transport-security"] == "max-age=31536000"
        r = api(https, "POST", "/api/register", json={"username": "ann", "password": PASSWORD})
        assert all("secure" in c.lower() for c in r.headers.get_list("set-cookie"))


def test_plain_http_has_no_https_only_header(client: Any) -> None:
    assert "strict-transport-security" not in client.get("/").headers
