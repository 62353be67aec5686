"""The diary form on a phone (390x844) in a real headless Chromium: it edits the entry of the
day it shows, so changing the date never copies one day's answers into another day, and a day
that has an entry is never replaced without asking (with the script and without it)."""

import re
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pytest
from playwright.sync_api import expect

from sciatica_coach.web import build_settings
from tests.web.conftest import NOW, sign_up_in_browser
from tests.web.live import live_server

pytestmark = pytest.mark.browser
PHONE = {"width": 390, "height": 844}
TODAY = {"date": "2026-11-24", "leg_pain": 6, "back_pain": 4, "tingling": True,
         "reaches": "thigh", "note": "stiff after the drive"}  # fmt: skip
EARLIER = {"date": "2026-11-15", "leg_pain": 3, "back_pain": 2, "note": "walked to the shop"}


@pytest.fixture
def server(sqlite_url: str) -> Iterator[str]:
    settings = build_settings(
        sqlite_url, environ={}, clock=lambda: NOW, argon2_time_cost=1, argon2_memory_kib=1024
    )
    with live_server(settings) as url:
        yield url


@contextmanager
def _person(browser: Any, server: str, script: bool = True) -> Iterator[Any]:
    """Someone who logged today and 15 November, on the diary page."""
    context = browser.new_context(viewport=PHONE, base_url=server, java_script_enabled=script)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    headers = sign_up_in_browser(page)
    for entry in (TODAY, EARLIER):
        r = context.request.post("/api/diary", data=entry, headers=headers)
        assert r.status == 201, r.text()
    page.goto("/diary")
    yield page
    context.close()
    assert errors == []


def test_dates_are_written_one_way_for_people(browser: Any, server: str) -> None:
    with _person(browser, server) as page:
        text = page.inner_text("main")
        assert "24 Nov 2026" in text and "15 Nov 2026" in text
        assert not re.search(r"\d{4}-\d{2}-\d{2}", text)  # ISO is for files and the API
        assert not re.search(r"\b(Mon|Tue|Wed|Thu|Fri|Sat|Sun)\b", text)


def _diary(page: Any) -> dict[str, dict[str, Any]]:
    return {e["date"]: e for e in page.request.get("/api/diary").json()}


def test_changing_the_date_loads_that_day_and_copies_nothing(browser: Any, server: str) -> None:
    with _person(browser, server) as page:
        assert page.input_value("#note") == "stiff after the drive"  # today's entry
        page.fill("#date", "2026-11-20")  # a day with no entry: an empty form
        expect(page.locator("#log-heading")).to_have_text("How was your pain on 20 Nov 2026?")
        expect(page.locator("#note")).to_have_value("")
        expect(page.locator("#tingling")).not_to_be_checked()
        expect(page.locator("#reaches")).to_have_value("")
        expect(page.locator("#leg_pain-6")).not_to_be_checked()
        page.click("label[for=leg_pain-2]")
        page.click("label[for=back_pain-1]")
        page.click("form.diary-form button.primary")
        expect(page.locator("[role=status]")).to_contain_text("Saved")
        diary = _diary(page)
        assert diary["2026-11-20"]["note"] == ""
        assert not diary["2026-11-20"]["tingling"] and diary["2026-11-20"]["reaches"] is None
        assert (diary["2026-11-20"]["leg_pain"], diary["2026-11-20"]["back_pain"]) == (2, 1)
        assert diary["2026-11-24"]["note"] == "stiff after the drive"

        page.fill("#date", "2026-11-15")  # a day with an entry: that entry, to change
        expect(page.locator("#note")).to_have_value("walked to the shop")
        expect(page.locator("#leg_pain-3")).to_be_checked()
        expect(page.locator("#day-status")).to_contain_text("logged this day already")
        page.click("label[for=leg_pain-4]")
        page.click("form.diary-form button.primary")
        expect(page.locator("[role=status]")).to_contain_text("Saved")
        diary = _diary(page)
        assert diary["2026-11-15"]["note"] == "walked to the shop"
        assert diary["2026-11-15"]["leg_pain"] == 4 and not diary["2026-11-15"]["tingling"]
        assert diary["2026-11-24"] == {**TODAY, "numbness": False, "weakness": False,
                                       "id": diary["2026-11-24"]["id"]}  # fmt: skip


def test_without_the_script_replacing_a_day_asks_first(browser: Any, server: str) -> None:
    with _person(browser, server, script=False) as page:
        assert page.input_value("#note") == "stiff after the drive"
        page.fill("#date", "2026-11-15")  # today's answers still in the form
        page.click("form.diary-form button.primary")
        question = page.locator("#question")
        expect(question).to_contain_text("You logged 15 Nov 2026 already")
        assert _diary(page)["2026-11-15"]["note"] == "walked to the shop"  # not overwritten
        page.click("form.diary-form button.primary")  # yes, replace it
        expect(page.locator("[role=status]")).to_contain_text("Saved")
        assert _diary(page)["2026-11-15"]["note"] == "stiff after the drive"


def test_without_the_script_moving_answers_to_an_empty_day_asks_first(
    browser: Any, server: str
) -> None:
    with _person(browser, server, script=False) as page:
        page.fill("#date", "2026-11-20")
        page.click("form.diary-form button.primary")
        expect(page.locator("#question")).to_contain_text("You changed the day to 20 Nov 2026")
        assert "2026-11-20" not in _diary(page)
        page.click("form.diary-form button.primary")
        expect(page.locator("[role=status]")).to_contain_text("Saved")
        assert _diary(page)["2026-11-20"]["note"] == "stiff after the drive"
