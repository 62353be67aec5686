"""Forms show every problem at once (GOV.UK's error summary): a summary at the top, focused when
the page opens, with one link per problem to its field, and each field's own message."""

from collections.abc import Iterator
from typing import Any

import pytest
from playwright.sync_api import expect

from sciatica_coach.web import build_settings
from tests.web.conftest import PASSWORD
from tests.web.live import live_server

pytestmark = pytest.mark.browser


@pytest.fixture
def page(browser: Any, sqlite_url: str) -> Iterator[Any]:
    settings = build_settings(sqlite_url, environ={}, argon2_time_cost=1, argon2_memory_kib=1024)
    with live_server(settings) as url:
        context = browser.new_context(viewport={"width": 390, "height": 844}, base_url=url)
        tab = context.new_page()
        yield tab
        context.close()


def _summary(page: Any) -> list[tuple[str, str]]:
    """The summary's links (text, target), once it has the focus."""
    summary = page.locator("#error-summary")
    expect(summary).to_be_focused()
    expect(summary).to_be_in_viewport()
    assert page.title().startswith("Error: ")
    links = summary.locator("a")
    return [(a.inner_text(), a.get_attribute("href")) for a in links.all()]


def _register(page: Any) -> None:
    page.goto("/register")
    page.fill("#username", "ann")
    page.fill("#password", PASSWORD)
    page.click("form.form button")
    page.wait_for_url("**/check*")


def test_register_shows_both_problems_at_once(page: Any) -> None:
    page.goto("/register")
    page.fill("#username", "a")
    page.fill("#password", "short")
    page.click("form.form button")
    links = _summary(page)
    assert [href for _, href in links] == ["#username", "#password"]
    assert "8 characters" in links[1][0]
    expect(page.locator("#username-error")).to_be_visible()
    expect(page.locator("#password-error")).to_contain_text("8 characters")
    page.fill("#username", "annabelle")
    page.fill("#password", "ANNABELLE")
    page.click("form.form button")
    assert _summary(page) == [("Choose a password that is not your name.", "#password")]


def test_sign_in_names_each_empty_field(page: Any) -> None:
    page.goto("/login")
    page.click("form.form button")
    assert _summary(page) == [("Enter your name.", "#username"),
                              ("Enter your password.", "#password")]  # fmt: skip


def test_the_diary_shows_every_bad_field_and_links_to_it(page: Any) -> None:
    _register(page)
    page.goto("/diary")
    page.fill("#date", "2099-01-01")
    page.fill("#note", "kept as typed")
    page.click("form.diary-form button.primary")
    links = _summary(page)
    assert [href for _, href in links] == ["#date", "#leg_pain-0", "#back_pain-0"]
    for field in ("date", "leg_pain", "back_pain"):
        expect(page.locator(f"#{field}-error")).to_be_visible()
    assert page.input_value("#note") == "kept as typed"
    page.click("#error-summary a[href='#back_pain-0']")
    assert page.evaluate("location.hash") == "#back_pain-0"


def test_the_profile_has_the_summary_too(page: Any) -> None:
    _register(page)
    token = next(c["value"] for c in page.context.cookies() if c["name"] == "csrf_token")
    assert page.request.post("/api/check", data={}, headers={"X-CSRF-Token": token}).ok
    page.goto("/profile")
    page.fill("#minutes", "")
    page.click("form.form button.primary")
    links = _summary(page)
    assert "#minutes" in [href for _, href in links]
    expect(page.locator("#minutes-error")).to_be_visible()
