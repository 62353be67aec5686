"""Sharing and the clinician's dashboard as pages: over HTTP, and in real Chromium."""

import re
from collections.abc import Iterator
from typing import Any

import pytest

from sciatica_coach.web.settings import Settings
from tests.web.conftest import PASSWORD, page, submit
from tests.web.live import live_server


def sign_up(client: Any, name: str, role: str) -> None:
    client.get("/register")
    r = submit(client, "/register", {"username": name, "password": PASSWORD, "role": role})
    assert r.status_code == 303


def test_sharing_and_following_over_http(client: Any, other_client: Any) -> None:
    sign_up(client, "ann", "patient")
    sign_up(other_client, "dr-lee", "clinician")
    assert other_client.get("/", follow_redirects=False).headers["location"] == "/patients"
    assert (
        client.get("/patients").status_code == 404
        and other_client.get("/sharing").status_code == 404
    )
    shown = page(submit(client, "/sharing/code"))
    code = shown.select_one(".code").text  # type: ignore[union-attr]
    assert re.fullmatch(r"[A-Z2-9]{4}-[A-Z2-9]{4}", code)
    bad = submit(other_client, "/patients/link", {"code": "AAAA-AAAA"})
    assert bad.status_code == 422 and "24 hours" in bad.text
    assert submit(other_client, "/patients/link", {"code": code}).status_code == 303
    for day, reach in (("2026-11-01", "foot"), ("2026-11-20", "thigh")):
        r = client.post(
            "/api/diary",
            headers={"X-CSRF-Token": client.cookies["csrf_token"]},
            json={"date": day, "leg_pain": 5, "back_pain": 2, "reaches": reach},
        )
        assert r.status_code == 201
    dashboard = page(other_client.get("/patients"))
    link = dashboard.select_one("table.patients a")
    assert link is not None and link.text == "ann"
    patient_page = other_client.get(link["href"])  # type: ignore[arg-type]
    assert patient_page.status_code == 200
    assert "it has moved towards the back" in patient_page.text  # how far the pain reaches
    sharing = page(client.get("/sharing"))
    assert "dr-lee" in sharing.text
    clinician_id = sharing.select_one("input[name=clinician_id]")["value"]  # type: ignore[index]
    assert submit(client, "/sharing/revoke", {"clinician_id": clinician_id}).status_code == 303
    assert other_client.get(link["href"]).status_code == 404  # type: ignore[arg-type]


@pytest.fixture
def server(settings: Settings) -> Iterator[str]:
    with live_server(settings) as base:
        yield base


@pytest.mark.browser
def test_clinician_dashboard_in_chromium(browser: Any, server: str, tmp_path: Any) -> None:
    patient_ctx, doctor_ctx = browser.new_context(), browser.new_context()
    patient, doctor = patient_ctx.new_page(), doctor_ctx.new_page()
    for tab, name, role in ((patient, "ann", "patient"), (doctor, "dr-lee", "clinician")):
        tab.goto(f"{server}/register")
        tab.fill("#username", name)
        tab.fill("#password", PASSWORD)
        tab.check(f"input[name=role][value={role}]")
        tab.click("button.primary")
    patient.goto(f"{server}/sharing")
    patient.click("text=Make a code for my clinician")
    code = patient.inner_text(".code")
    doctor.wait_for_url(f"{server}/patients")
    doctor.fill("#code", code)
    doctor.click("text=Follow this patient")
    doctor.wait_for_selector("table.patients")
    assert doctor.inner_text("table.patients tbody th") == "ann"
    doctor.set_viewport_size({"width": 360, "height": 740})
    doctor.screenshot(path=str(tmp_path / "dashboard-phone.png"), full_page=True)
    doctor.click("table.patients a")
    assert doctor.inner_text("h1") == "ann"
    patient_ctx.close()
    doctor_ctx.close()


@pytest.mark.browser
def test_the_link_code_copies_with_one_tap(browser: Any, server: str) -> None:
    context = browser.new_context(base_url=server)
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=server)
    tab = context.new_page()
    tab.goto("/register")
    tab.fill("#username", "cat")
    tab.fill("#password", PASSWORD)
    tab.click("button.primary")
    tab.goto("/sharing")
    tab.click("text=Make a code for my clinician")
    code = tab.inner_text(".code")
    tab.click("text=Copy the code")
    tab.wait_for_selector(".copied:has-text('Copied.')")
    assert tab.evaluate("navigator.clipboard.readText()") == code
    context.close()
