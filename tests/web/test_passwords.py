"""Attack: `abc12345` and eight spaces were accepted as passwords, checked against a
74-line list. Now: a real breached-password list shipped with the app (its source in its
header), at least five different characters, and never the name itself."""

from importlib import resources
from typing import Any

import pytest

from sciatica_coach.web.auth import common_passwords
from tests.web.conftest import api, submit


def _register(client: Any, username: str, password: str) -> Any:
    return api(client, "POST", "/api/register", json={"username": username, "password": password})


@pytest.mark.parametrize(
    "password,reason",
    [
        ("abc12345", "common"),
        ("        ", "different characters"),
        ("aaaaaaaaaaaa", "different characters"),
        ("iloveyou2", "common"),
        ("Password1234", "common"),
        ("QWERTYUIOP", "common"),
        ("baseball123", "common"),
    ],
)
def test_weak_and_breached_passwords_are_refused(client: Any, password: str, reason: str) -> None:
    r = _register(client, "annabelle", password)
    assert r.status_code == 422 and reason in r.text
    assert r.json()["detail"][0]["loc"] == ["body", "password"]


@pytest.mark.parametrize("password", ["annabelle-x", "ANNABELLE-X", "annabelle-x!!"])
def test_the_name_as_password_is_refused_saying_so(client: Any, password: str) -> None:
    r = _register(client, "annabelle-x", password)
    assert r.status_code == 422 and "your name" in r.text and "common" not in r.text


def test_the_form_says_so_too(client: Any) -> None:
    r = submit(client, "/register", {"username": "annabelle-x", "password": "annabelle-x"})
    assert r.status_code == 422 and "not your name" in r.text


def test_a_varied_password_is_accepted(client: Any) -> None:
    assert _register(client, "annabelle", "walk the dog at dawn").status_code == 201


def test_the_list_is_a_real_breach_list_with_its_source() -> None:
    text = (resources.files("sciatica_coach.web") / "common_passwords.txt").read_text()
    header = [line for line in text.splitlines() if line.startswith("#")]
    assert any("Pwned Passwords" in line for line in header)
    assert any("Django" in line for line in header)
    assert len(common_passwords()) > 19000
