"""Schemathesis against the app's own OpenAPI document: generated requests to every operation,
signed in as a patient (with a diary) and as the clinician who follows them. No answer may be
a server error or break the documented response schema. Bounded: a few examples each."""

from typing import Any

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import (
    content_type_conformance,
    not_a_server_error,
    response_schema_conformance,
)

from tests.web.conftest import api
from tests.web.test_care_api import account

# Generated requests to every operation take a while: `make test` only.
pytestmark = pytest.mark.slow

CHECKS = [not_a_server_error, response_schema_conformance, content_type_conformance]
# Signing out or deleting the account would leave the rest of the examples anonymous;
# both have their own tests.
SESSION_ENDERS = {("POST", "/api/logout"), ("DELETE", "/api/account")}


@pytest.fixture
def signed_in(app: Any) -> list[dict[str, Any]]:
    """The cookies and CSRF header of a patient with a diary, and of their clinician."""
    patient = account(app, "ann")
    for day, pain in (("2026-10-01", 7), ("2026-10-20", 5), ("2026-11-20", 3)):
        api(patient, "POST", "/api/diary", json={"date": day, "leg_pain": pain, "back_pain": 2})
    clinician = account(app, "dr-lee", "clinician")
    code = api(patient, "POST", "/api/links").json()["code"]
    api(clinician, "POST", "/api/links/accept", json={"code": code})
    people = []
    for client in (patient, clinician):
        cookies = dict(client.cookies)
        people.append({"cookies": cookies, "headers": {"X-CSRF-Token": cookies["csrf_token"]}})
    return people


def test_no_server_error_and_no_broken_schema(app: Any, signed_in: list[dict[str, Any]]) -> None:
    # Driven through Hypothesis directly: schemathesis' pytest plugin does not load under
    # pytest 9 yet.
    schema = schemathesis.openapi.from_asgi("/api/openapi.json", app)
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) >= 20  # every route of the JSON API is in the document
    tried = set()
    for operation in operations:
        if (operation.method.upper(), operation.path) in SESSION_ENDERS:
            continue
        tried.add((operation.method.upper(), operation.path))
        _fuzz(operation, signed_in)
    assert ("GET", "/api/patients/{patient_id}/diary") in tried


def _fuzz(operation: Any, people: list[dict[str, Any]]) -> None:
    modes = schemathesis.GenerationMode
    # Valid requests, and requests that break the schema on purpose (those must be 4xx).
    cases = operation.as_strategy(generation_mode=modes.POSITIVE) | operation.as_strategy(
        generation_mode=modes.NEGATIVE
    )

    @given(case=cases)
    @settings(
        max_examples=30,
        deadline=None,
        database=None,
        # the same examples on every run, so CI never fails on a new random find; raise
        # max_examples (and drop this) to search further, as the closing notes describe
        derandomize=True,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
    )
    def examples(case: Any) -> None:
        for person in people:
            case.call_and_validate(
                headers=person["headers"], cookies=person["cookies"], checks=CHECKS
            )

    examples()


def _nested(depth: int) -> list[Any]:
    value: list[Any] = []
    for _ in range(depth):
        value = [value]
    return value


# Bodies JSON parsers accept but nothing can store or answer with, in every field
# of every operation that takes a body, and as the whole body. (NaN and Infinity too, but
# schemathesis' HTTP client refuses to send them: test_hostile_json.py sends them raw.)
HOSTILE_VALUES = {
    "lone surrogate": "\ud800",
    "NUL": "ann\x00",
    "very long": "x" * 70_000,
    "deep": _nested(40),
}


def test_hostile_bodies_get_4xx_in_every_field(app: Any, signed_in: list[dict[str, Any]]) -> None:
    schema = schemathesis.openapi.from_asgi("/api/openapi.json", app)
    sent = 0
    for operation in (result.ok() for result in schema.get_all_operations()):
        if (operation.method.upper(), operation.path) in SESSION_ENDERS or not operation.body:
            continue
        fields = _fields(app.openapi(), operation.method.lower(), operation.path)
        path_parameters = {name: 1 for name in _path_names(operation.path)}
        for value in HOSTILE_VALUES.values():
            for body in [{field: value} for field in fields] + [value]:
                case = operation.Case(
                    body=body, media_type="application/json", path_parameters=path_parameters
                )
                person = signed_in[0]
                response = case.call(headers=person["headers"], cookies=person["cookies"])
                assert 400 <= response.status_code < 500, (operation.path, response.status_code)
                sent += 1
    assert sent > 100


def _fields(document: dict[str, Any], method: str, path: str) -> list[str]:
    """The top-level properties of an operation's JSON body, from the app's own document."""
    content = document["paths"][path][method]["requestBody"]["content"]["application/json"]
    body = content["schema"]
    if "$ref" in body:
        body = document["components"]["schemas"][body["$ref"].rsplit("/", 1)[1]]
    return sorted(body.get("properties", {})) or ["x"]


def _path_names(path: str) -> list[str]:
    import re

    return re.findall(r"{([^}]+)}", path)
