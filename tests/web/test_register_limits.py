"""Attack: registration told whether a name is taken, as often as asked, and `Ann` and `ann`
were two accounts. It still says so (there is no e-mail to send instead), but only 20 times
an hour per address; a name is taken whatever its case."""

from typing import Any

from tests.web.conftest import PASSWORD, api, register

LIMIT = 20  # Settings.register_per_hour's default


def test_registration_is_limited_per_address(client: Any) -> None:
    register(client, "ann")
    codes = [
        api(
            client, "POST", "/api/register", json={"username": "ann", "password": PASSWORD}
        ).status_code
        for _ in range(LIMIT)
    ]
    assert codes[: LIMIT - 1] == [422] * (LIMIT - 1)
    r = api(client, "POST", "/api/register", json={"username": "ann2", "password": PASSWORD})
    assert codes[-1] == 429 and r.status_code == 429 and int(r.headers["retry-after"]) > 0


def test_a_name_is_taken_whatever_its_case(client: Any, other_client: Any) -> None:
    register(client, "Ann")
    r = api(other_client, "POST", "/api/register", json={"username": "aNN", "password": PASSWORD})
    assert r.status_code == 422 and "nobody uses yet" in r.text
    api(client, "POST", "/api/logout")
    r = api(client, "POST", "/api/login", json={"username": "ANN", "password": PASSWORD})
    assert r.status_code == 200 and r.json()["username"] == "Ann"


def test_the_limit_can_be_raised_for_a_front_desk(sqlite_url: str) -> None:
    from sciatica_coach.web import build_settings

    env = {"SCIATICA_REGISTER_PER_HOUR": "500"}
    assert build_settings(sqlite_url, environ=env).register_per_hour == 500
