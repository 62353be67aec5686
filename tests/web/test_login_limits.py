"""Sign-in attempts are limited per account and per address, across workers (in the database)."""

from typing import Any

from tests.web.conftest import PASSWORD, api, register


def login(client: Any, name: str, password: str) -> int:
    return int(
        api(client, "POST", "/api/login", json={"username": name, "password": password}).status_code
    )


def test_five_failures_lock_the_account_for_a_while(client: Any, other_client: Any) -> None:
    register(client)
    api(client, "POST", "/api/logout")
    register(other_client, "bob")
    api(other_client, "POST", "/api/logout")
    assert login(client, "ann", PASSWORD) == 200
    assert [login(client, "ann", "not the password") for _ in range(5)] == [401] * 5
    assert login(client, "ann", PASSWORD) == 429  # even the right password waits
    r = api(client, "POST", "/api/login", json={"username": "ann", "password": PASSWORD})
    assert r.headers["retry-after"] == "900"
    assert login(other_client, "bob", PASSWORD) == 200  # another account is not locked


def test_a_good_sign_in_clears_the_count(client: Any) -> None:
    register(client)
    for _ in range(4):
        assert login(client, "ann", "nope nope nope") == 401
    assert login(client, "ann", PASSWORD) == 200
    assert [login(client, "ann", "nope nope nope") for _ in range(4)] == [401] * 4
    assert login(client, "ann", PASSWORD) == 200


def test_one_address_trying_many_names_is_limited(client: Any) -> None:
    register(client)
    codes = [login(client, f"user{n}", "guess guess guess") for n in range(31)]
    assert codes[:30] == [401] * 30 and codes[30] == 429


def test_common_passwords_and_the_name_itself_are_refused(client: Any) -> None:
    for password in ("password1234", "QWERTYUIOP", "annabelle-x"):
        name = "annabelle-x" if password == "annabelle-x" else "annabelle"
        r = api(client, "POST", "/api/register", json={"username": name, "password": password})
        assert r.status_code == 422 and "password" in r.text and "common" in r.text
