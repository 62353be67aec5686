"""Attack: JSON that Python's parser accepts but nothing downstream can store or answer with
(a lone surrogate, NaN or Infinity, NUL characters, very long strings, deep nesting) gave
500s, on PostgreSQL also from the sign-in form. Every such body, to every operation of the
API that takes one, gets a 4xx, on SQLite and PostgreSQL alike."""

from datetime import UTC, datetime

import pytest

from tests.web.conftest import PASSWORD, TestClient

NOW = datetime(2026, 11, 24, 10, 0, tzinfo=UTC)
# Raw JSON texts of one value each (the parser accepts them all).
BAD_VALUES = {
    "lone surrogate": r'"\ud800"',
    "surrogate in a key": r'{"\udfff": 1}',
    "NaN": "NaN",
    "Infinity": "Infinity",
    "-Infinity": "-Infinity",
    "NUL": r'"ann\u0000"',
    "very long": '"' + "x" * 60000 + '"',
    "deep": "[" * 40 + "]" * 40,
}
WHOLE_BODIES = {
    "NaN": "NaN",
    "very deep": "[" * 20000 + "]" * 20000,
    "not JSON": "{'a': 1",
    "not UTF-8": '{"a": "\xff"}',
}


@pytest.fixture
def client(signed_in_client: TestClient) -> TestClient:
    return signed_in_client  # on SQLite and on PostgreSQL


def _operations(client: TestClient) -> list[tuple[str, str, list[str]]]:
    """Every (method, path, body properties) of the API that takes a JSON body."""
    document = client.get("/api/openapi.json").json()
    schemas = document["components"]["schemas"]
    found = []
    for path, methods in document["paths"].items():
        for method, operation in methods.items():
            content = operation.get("requestBody", {}).get("content", {})
            if "application/json" not in content:
                continue
            schema = content["application/json"]["schema"]
            if "$ref" in schema:
                schema = schemas[schema["$ref"].rsplit("/", 1)[1]]
            url = path.replace("{clinician_id}", "1").replace("{entry_id}", "1")
            found.append((method.upper(), url, sorted(schema.get("properties", {"x": {}}))))
    return found


def _send(client: TestClient, method: str, url: str, text: str) -> int:
    headers = {"content-type": "application/json", "x-csrf-token": client.cookies["csrf_token"]}
    return client.request(method, url, content=text.encode("utf-8", "surrogatepass"),
                          headers=headers).status_code  # fmt: skip


def test_every_bad_value_in_every_field_of_every_operation_is_a_4xx(client: TestClient) -> None:
    operations = _operations(client)
    assert {("POST", "/api/login"), ("POST", "/api/register"), ("POST", "/api/diary")} <= {
        (m, u) for m, u, _ in operations
    }
    failures = []
    for method, url, fields in operations:
        for name, value in BAD_VALUES.items():
            for field in fields:
                body = "{" + f'"{field}": {value}' + "}"
                status = _send(client, method, url, body)
                if not 400 <= status < 500:
                    failures.append((method, url, field, name, status))
        for name, text in WHOLE_BODIES.items():
            status = _send(client, method, url, text)
            if not 400 <= status < 500:
                failures.append((method, url, "(body)", name, status))
    assert failures == []


@pytest.mark.parametrize(
    "username",
    ["ann\x00", "a" * 5000, "ann\ud800"],
    ids=["NUL", "very long", "lone surrogate"],
)
def test_the_sign_in_form_answers_4xx_to_what_it_cannot_store(
    client: TestClient, username: str
) -> None:
    fields = {"csrf_token": client.cookies["csrf_token"], "username": username,
              "password": PASSWORD}  # fmt: skip
    body = (
        "&".join(f"{k}={v}" for k, v in fields.items())
        .encode("utf-8", "surrogatepass")
        .replace(b"\x00", b"%00")
    )
    r = client.post("/login", content=body,
                    headers={"content-type": "application/x-www-form-urlencoded"})  # fmt: skip
    assert 400 <= r.status_code < 500
