"""Attacks: health data in JSON without `Cache-Control: no-store`; a 500 without the security
headers; any Host header answered (DNS rebinding: a page on another site whose name resolves
to 127.0.0.1 reads the local app); a CSRF token not tied to the session."""

from typing import Any

import pytest
from starlette.websockets import WebSocketDisconnect

from sciatica_coach.cli.serve_cmd import LOOPBACK_HOSTS, hosts_setting
from sciatica_coach.web import build_settings, create_app
from sciatica_coach.web.settings import Settings, parse_hosts
from tests.web.conftest import PASSWORD, TestClient, api, register

SECURITY = ("content-security-policy", "x-content-type-options", "x-frame-options",
            "referrer-policy")  # fmt: skip


def test_personal_data_is_never_cached(client: Any) -> None:
    register(client)
    api(client, "POST", "/api/diary", json={"leg_pain": 4, "back_pain": 2})
    for url in ("/api/diary", "/api/progress", "/api/account/export", "/diary"):
        r = client.get(url)
        assert r.status_code == 200 and "no-store" in r.headers["cache-control"], url


@pytest.mark.parametrize(
    "method,url,status",
    [("GET", "/api/nothing-here", 404), ("GET", "/api/diary", 401), ("POST", "/api/diary", 403),
     ("GET", "/nothing-here", 404), ("GET", "/api/progress?as_of=0001-01-01", 401)],
)  # fmt: skip
def test_error_answers_carry_the_security_headers(
    client: Any, method: str, url: str, status: int
) -> None:
    r = client.request(method, url)
    assert r.status_code == status
    for name in SECURITY:
        assert name in r.headers, name


def _app(settings: Settings, hosts: str) -> Any:
    from dataclasses import replace

    return create_app(replace(settings, allowed_hosts=parse_hosts(hosts)))


@pytest.mark.parametrize("host", ["localhost:8000", "127.0.0.1:8000", "[::1]:8000", "LOCALHOST"])
def test_loopback_names_are_answered(settings: Settings, host: str) -> None:
    with TestClient(_app(settings, LOOPBACK_HOSTS)) as c:
        assert c.get("/api/csrf", headers={"host": host}).status_code == 200


def test_another_name_is_refused_even_on_loopback(settings: Settings) -> None:
    with TestClient(_app(settings, LOOPBACK_HOSTS)) as c:
        r = c.get("/api/csrf", headers={"host": "attacker.example:8000"})
        assert r.status_code == 400 and "x-frame-options" in r.headers
        with (
            pytest.raises(WebSocketDisconnect),
            c.websocket_connect(
                "/ws/motion",
                headers={"host": "attacker.example", "origin": "http://attacker.example"},
            ) as ws,
        ):
            ws.receive_json()


def test_sciatica_hosts_is_read_from_the_environment(sqlite_url: str) -> None:
    assert build_settings(sqlite_url, environ={"SCIATICA_HOSTS": "a.org, B.org"}).allowed_hosts == (
        "a.org",
        "b.org",
    )
    assert build_settings(sqlite_url, environ={"SCIATICA_HOSTS": "*"}).allowed_hosts is None
    assert build_settings(sqlite_url, environ={}).allowed_hosts is None


def test_serve_defaults_to_loopback_names_and_says_how_to_set_them_elsewhere() -> None:
    env: dict[str, str] = {}
    assert hosts_setting("127.0.0.1", env) is None and env["SCIATICA_HOSTS"] == LOOPBACK_HOSTS
    env = {}
    hint = hosts_setting("0.0.0.0", env)
    assert env["SCIATICA_HOSTS"] == "*" and hint is not None and "SCIATICA_HOSTS=" in hint
    env = {}
    assert hosts_setting("127.0.0.1", env, behind_proxy=True) and env["SCIATICA_HOSTS"] == "*"
    env = {"SCIATICA_HOSTS": "coach.example.org"}
    assert hosts_setting("0.0.0.0", env) is None and env["SCIATICA_HOSTS"] == "coach.example.org"


def _plant(client: Any, token: str) -> None:
    """Overwrite the browser's own csrf_token cookie (same name, domain and path)."""
    cookie = next(c for c in client.cookies.jar if c.name == "csrf_token")
    client.cookies.set("csrf_token", token, domain=cookie.domain, path=cookie.path)


def test_a_csrf_token_from_before_sign_in_is_refused_after_it(client: Any) -> None:
    register(client)
    api(client, "POST", "/api/logout")
    anonymous = client.cookies["csrf_token"]
    r = api(client, "POST", "/api/login", json={"username": "ann", "password": PASSWORD})
    assert r.status_code == 200
    assert client.cookies["csrf_token"] != anonymous  # rotated at sign-in
    _plant(client, anonymous)  # planted, e.g. by a sibling subdomain
    r = client.post("/api/diary", json={"leg_pain": 1, "back_pain": 1},
                    headers={"X-CSRF-Token": anonymous})  # fmt: skip
    assert r.status_code == 403


def test_a_csrf_token_of_another_session_is_refused(client: Any, other_client: Any) -> None:
    register(client)
    register(other_client, "bob")
    bobs, own = other_client.cookies["csrf_token"], client.cookies["csrf_token"]
    _plant(client, bobs)
    r = client.post("/api/diary", json={"leg_pain": 1, "back_pain": 1},
                    headers={"X-CSRF-Token": bobs})  # fmt: skip
    assert r.status_code == 403
    _plant(client, own)
    r = client.post("/api/diary", json={"leg_pain": 1, "back_pain": 1},
                    headers={"X-CSRF-Token": own})  # fmt: skip
    assert r.status_code == 201
