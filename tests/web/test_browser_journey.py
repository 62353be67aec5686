"""A new person's whole journey in a real headless Chromium against a real uvicorn server on
127.0.0.1 and a temporary SQLite file: every page at phone and desktop size, with nothing
requested from any other site and no error in the console.

Screenshots go to $SCIATICA_SCREENSHOTS when set (to look at them), else to a temp folder."""

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect

from sciatica_coach.web import build_settings
from tests.web.conftest import NOW, PASSWORD, advance, freeze
from tests.web.live import live_server

pytestmark = pytest.mark.browser
SIZES = {"phone": {"width": 360, "height": 740}, "desktop": {"width": 1280, "height": 800}}


@pytest.fixture
def server(sqlite_url: str) -> Iterator[str]:
    settings = build_settings(
        sqlite_url, environ={}, clock=lambda: NOW, argon2_time_cost=1, argon2_memory_kib=1024
    )
    with live_server(settings) as url:
        yield url


@pytest.fixture
def shots(tmp_path: Path) -> Path:
    folder = Path(os.environ.get("SCIATICA_SCREENSHOTS") or tmp_path / "shots")
    folder.mkdir(parents=True, exist_ok=True)
    return folder


class Visit:
    """One browser tab that records every request and every console error."""

    def __init__(self, browser: Any, server: str, size: str, shots: Path) -> None:
        self.context = browser.new_context(viewport=SIZES[size], base_url=server)
        self.page = self.context.new_page()
        # Playwright's clock, on the server's day: the player's time moves when told (a real
        # clock, moved on by the test, could pass midnight before the server's does)
        self.page.clock.install(time=NOW)
        self.size, self.shots, self.server = size, shots, server
        self.requests: list[str] = []
        self.problems: list[str] = []
        self.page.on("request", lambda r: self.requests.append(r.url))
        self.page.on("pageerror", lambda e: self.problems.append(str(e)))
        self.page.on("console", self._console)

    def _console(self, message: Any) -> None:
        # A form answered 422 or 401 on purpose is logged as a failed load: not a problem.
        expected = tuple(
            f"Failed to load resource: the server responded with a status of {status}"
            for status in (401, 422)
        )
        if message.type == "error" and not message.text.startswith(expected):
            self.problems.append(message.text)

    def shot(self, name: str) -> None:
        self.page.screenshot(path=self.shots / f"{self.size}-{name}.png", full_page=True)

    def check_clean(self) -> None:
        foreign = [u for u in self.requests if not u.startswith(self.server)]
        assert foreign == []
        assert self.problems == []


def answer_the_check(page: Any) -> None:
    """ "No" to every question, a step at a time, with the progress said for each step."""
    steps = page.locator(".check-step")
    count = steps.count()
    for n in range(count):
        expect(page.locator(".step-progress")).to_have_text(f"Step {n + 1} of {count}")
        for label in steps.nth(n).locator(".question label", has_text="No").all():
            label.click()
        if n < count - 1:
            steps.nth(n).locator(".next-step").click()
        else:
            page.click("text=See the result")


@pytest.mark.parametrize("size", list(SIZES))
def test_the_journey_of_a_new_person(browser: Any, server: str, shots: Path, size: str) -> None:
    visit = Visit(browser, server, size, shots)
    page = visit.page
    page.goto("/")
    visit.shot("welcome")
    page.click("text=Create your account")
    page.fill("#username", "ann")
    page.fill("#password", "short")
    page.click("form.form button")
    expect(page.locator("#password-error")).to_contain_text("8 characters")
    assert page.input_value("#username") == "ann"
    visit.shot("register-error")
    page.fill("#password", PASSWORD)
    page.click("form.form button")

    # the red-flag check comes first
    expect(page.locator("h1")).to_have_text("Check first")
    visit.shot("check")
    answer_the_check(page)
    expect(page.locator("h1")).to_have_text("No warning signs")
    visit.shot("check-result")
    page.click("text=Continue")

    # the profile: five minutes a day, after a hip replacement
    expect(page.locator("h1")).to_have_text("Your profile")
    page.check("#hip_replacement")
    page.fill("#minutes", "5")
    visit.shot("profile")
    page.click("form.form button.primary")

    # today's plan, with what was left out and why
    expect(page.locator("h1")).to_have_text("Today's routine")
    expect(page.locator(".plan h2")).to_have_text(["Palm and thumb massage", "Knuckle massage"])
    expect(page.locator(".excluded")).to_contain_text("hip replacement")
    visit.shot("today")

    # a session played to the end
    page.click("text=Start the session")
    page.wait_for_selector("#player[data-ready=true]")
    visit.shot("session-ready")
    page.uncheck("#voice")
    freeze(page)
    page.click("#start")
    expect(page.locator("#where")).to_have_text("Palm and thumb massage")
    advance(page, 10)
    visit.shot("session-playing")
    advance(page, 6 * 60)  # longer than the five-minute plan and its checks' waits
    expect(page.locator("#feel")).to_be_visible()
    page.clock.resume()
    visit.shot("session-feel")
    page.click("[data-feeling=better]")
    expect(page.locator("#saved")).to_be_visible()
    page.click("text=Log your pain")

    # the diary
    expect(page.locator("[role=status]")).to_contain_text("Your session is saved")
    page.click("label[for=leg_pain-6]")
    page.click("label[for=back_pain-4]")
    page.check("#tingling")
    page.select_option("#reaches", "below_knee")
    page.fill("#note", "better after the session")
    visit.shot("diary-form")
    page.click("form.diary-form button")
    expect(page.locator("[role=status]")).to_have_text("Saved.")
    expect(page.locator(".days .day").first).to_contain_text("Leg 6 · Back 4")

    # a second session, stopped with "it hurts"
    page.click("nav >> text=Today")
    page.click("text=Start the session")
    page.wait_for_selector("#player[data-ready=true]")
    page.uncheck("#voice")
    freeze(page)
    page.click("#start")
    for _ in range(6 * 60):  # through the palm and thumb massage, a second at a time
        if page.inner_text("#where") == "Knuckle massage":
            break
        advance(page, 1)
    expect(page.locator("#where")).to_have_text("Knuckle massage")
    page.click("#hurts")
    expect(page.locator("#hurt h2")).to_have_text(
        "Stop. Come out of the position slowly and gently."
    )
    page.click("[data-severity='7']")
    visit.shot("session-hurt")
    page.click("#end")
    page.click("[data-feeling=worse]")
    expect(page.locator("#saved")).to_be_visible()
    page.clock.resume()
    page.click("nav >> text=Diary")
    sessions = page.locator(".sessions .day")
    expect(sessions.first).to_contain_text("Stopped early; felt worse afterwards.")
    expect(sessions.first).to_contain_text("It hurt: Knuckle massage, 7/10.")
    expect(sessions.first).to_contain_text("Done: Palm and thumb massage.")
    expect(sessions.nth(1)).to_contain_text("Played to the end; felt better afterwards.")
    expect(sessions.nth(1)).to_contain_text("Done: Palm and thumb massage, Knuckle massage.")
    visit.shot("diary")

    # the next plan goes gently with the technique that hurt
    page.click("nav >> text=Today")
    expect(page.locator(".planned", has_text="Knuckle massage")).to_contain_text("go gently")

    page.click("nav >> text=Progress")
    expect(page.locator("#verdict-title")).to_have_text("Too early to tell")
    page.wait_for_load_state("load")  # the chart image too
    assert page.locator(".chart img").evaluate("img => img.naturalWidth") > 0
    visit.shot("progress")

    page.click("nav >> text=Learn")
    visit.shot("learn")
    page.click("text=Reclining pigeon pose")
    expect(page.locator(".step-list li")).to_have_count(4)
    page.wait_for_load_state("load")
    widths = page.locator(".step-list img").evaluate_all("imgs => imgs.map(i => i.naturalWidth)")
    assert all(w > 0 for w in widths)  # every step's picture is drawn
    visit.shot("technique")
    page.go_back()
    page.click("text=What causes it")
    expect(page.locator("h1")).to_have_text("What causes it")
    visit.shot("learn-topic")

    page.click("text=Larger text")
    assert "large" in (page.locator("html").get_attribute("class") or "")
    visit.shot("learn-topic-large")
    page.click("text=Normal text size")

    page.click("text=Sign out")
    page.goto("/diary")
    expect(page.locator("h1")).to_have_text("Sign in")
    visit.check_clean()
    visit.context.close()


def test_a_red_flag_blocks_the_programme(browser: Any, server: str, shots: Path) -> None:
    visit = Visit(browser, server, "phone", shots)
    page = visit.page
    page.goto("/register")
    page.fill("#username", "bob")
    page.fill("#password", PASSWORD)
    page.click("form.form button")
    page.click("label[for=bladder_change-yes]")  # an emergency "yes" goes to the result
    expect(page.locator(".advice-emergency h1")).to_have_text("Get medical help now")
    expect(page.locator(".advice-blocked")).to_contain_text("a new problem peeing")
    visit.shot("check-emergency")
    page.goto("/session")
    expect(page.locator(".advice-blocked")).to_contain_text("No exercises today")
    assert page.locator("a[href='/session']").count() == 0
    visit.check_clean()
    visit.context.close()


def test_today_shows_why_both_legs_block_and_a_doctors_clearance_lifts_it(
    browser: Any, server: str, shots: Path
) -> None:
    """Both legs in the profile and a later clear check: Today says why, not "nothing fits"."""
    visit = Visit(browser, server, "phone", shots)
    page = visit.page
    page.goto("/register")
    page.fill("#username", "cai")
    page.fill("#password", PASSWORD)
    page.click("form.form button")
    answer_the_check(page)
    page.click("text=Continue")
    page.check("#side-both")
    page.click("form.form button.primary")
    page.goto("/check")
    answer_the_check(page)
    page.goto("/today")
    blocked = page.locator(".advice-blocked")
    expect(blocked).to_contain_text("No exercises today")
    expect(blocked).to_contain_text("both legs")
    expect(page.locator("body")).not_to_contain_text("Nothing fits today")
    assert page.locator("a[href='/session']").count() == 0
    visit.shot("today-both-legs")
    # answered yes to both legs, then a doctor's all-clear: the plan comes back
    page.goto("/check")
    page.click("label[for=both_legs-yes]")
    page.fill("#clearance-note", "GP checked both legs")
    page.click("text=A doctor has checked these signs and said I can exercise")
    expect(page.locator("h1")).to_have_text("Today's routine")
    expect(page.locator("a[href='/session']")).to_be_visible()
    visit.check_clean()
    visit.context.close()


def test_forms_work_with_the_keyboard_alone(browser: Any, server: str, shots: Path) -> None:
    visit = Visit(browser, server, "phone", shots)
    page = visit.page
    page.goto("/register")
    page.focus("#username")
    page.keyboard.type("kim")
    page.keyboard.press("Tab")
    page.keyboard.type(PASSWORD)
    page.keyboard.press("Enter")
    expect(page.locator(".who")).to_contain_text("kim")
    page.goto("/diary")
    page.focus("#leg_pain-0")
    page.keyboard.press("ArrowRight")  # radio groups move with the arrow keys
    page.keyboard.press("ArrowRight")
    page.focus("#back_pain-0")
    page.keyboard.press("ArrowRight")
    page.focus("#note")
    page.keyboard.type("typed only")
    page.keyboard.press("Tab")  # to the Save button
    page.keyboard.press("Enter")
    expect(page.locator(".days .day").first).to_contain_text("Leg 2 · Back 1")
    visit.check_clean()
    visit.context.close()
