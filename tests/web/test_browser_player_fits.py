"""The player is one fixed screen from 360x640 to 1920x1080, with and without "Larger text":
the technique and side, the figure, the countdown, the instruction and the buttons (It hurts
first of all) are inside the viewport without scrolling, nothing is cut off, nothing scrolls
sideways; keyboard hints show only where there is a keyboard."""

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect

from sciatica_coach.session.timeline import PLAYER
from tests.web.conftest import signed_in_server

pytestmark = pytest.mark.browser
SIZES = [(360, 640), (390, 844), (1280, 800), (1920, 1080)]
TIMELINE = {
    "player": PLAYER,
    "titles": {"reclining-pigeon-pose": "Reclining pigeon pose"},
    "cues": [
        {"kind": "hold", "seconds": 60, "routine_id": "reclining-pigeon-pose", "side": "right",
         "step_index": 3, "figure": "reclining-figure-four:right", "early_finish": True,
         "text": "Keep this position for one minute, or as long as you can. Breathe slowly.",
         "warning": "Stop and come out slowly if it hurts."},
        {"kind": "switch_side", "text": "Now the left side.", "seconds": 4,
         "routine_id": "reclining-pigeon-pose", "side": "left", "step_index": 0,
         "figure": "reclining-figure-four:left"},
    ],
}  # fmt: skip
MUST_SHOW = ["#where", "#figure", ".ring", "#count", "#instruction", "#pause", "#next", "#hurts"]
INSIDE = """(selector) => {
  const el = document.querySelector(selector);
  const box = el.getBoundingClientRect();
  return {
    inside: box.width > 0 && box.height > 0 && box.top >= 0 && box.left >= 0
      && box.bottom <= window.innerHeight && box.right <= window.innerWidth,
    whole: el.scrollWidth <= el.clientWidth + 1 && el.scrollHeight <= el.clientHeight + 1,
    box: [box.left, box.top, box.right, box.bottom],
  };
}"""


@pytest.fixture(scope="module")
def signed_in(browser: Any, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    """A server and a signed-in person with a clear check and a profile (their cookies)."""
    folder = tmp_path_factory.mktemp("fits")
    with signed_in_server(browser, folder, {"minutes": 5}) as served:
        yield served


@pytest.mark.parametrize("large", [False, True], ids=["normal-text", "larger-text"])
@pytest.mark.parametrize("size", SIZES, ids=[f"{w}x{h}" for w, h in SIZES])
def test_the_player_fits_one_screen(
    browser: Any, signed_in: Any, size: tuple[int, int], large: bool
) -> None:
    server, state = signed_in
    width, height = size
    phone = width < 600
    context = browser.new_context(
        base_url=server,
        storage_state=state,
        viewport={"width": width, "height": height},
        is_mobile=phone,
        has_touch=phone,
    )
    if large:
        context.add_cookies([{"name": "text_size", "value": "large", "url": server}])
    page = context.new_page()
    page.route("**/api/timeline", lambda route: route.fulfill(json=TIMELINE))
    page.goto("/session")
    page.wait_for_selector("#player[data-ready=true]")
    keys = page.locator("#ready .keys")
    if phone:
        expect(keys).to_be_hidden()  # a phone has no keyboard to press n or h on
    else:
        expect(keys).to_be_visible()
    page.uncheck("#voice")
    page.click("#start")
    expect(page.locator("#count")).to_be_visible()
    page.click("#pause")
    expect(page.locator("#figure")).to_be_visible()
    page.evaluate("document.fonts.ready")
    assert page.evaluate("window.scrollY") == 0  # it does not open scrolled down
    sideways = "document.documentElement.scrollWidth - window.innerWidth"
    assert page.evaluate(sideways) <= 0
    assert page.locator("#where").inner_text() == "Reclining pigeon pose · Right side"
    for selector in MUST_SHOW:
        found = page.evaluate(INSIDE, selector)
        assert found["inside"], (selector, found["box"])
        assert found["whole"], (selector, "cut off")
    if os.environ.get("SCIATICA_SCREENSHOTS"):  # to look at them
        name = f"player-{width}x{height}{'-large' if large else ''}.png"
        page.screenshot(path=Path(os.environ["SCIATICA_SCREENSHOTS"]) / name)
    page.click("#hurts")  # the next screen is an ordinary page again, that scrolls
    expect(page.locator("#hurt h2")).to_be_in_viewport()
    assert page.evaluate("getComputedStyle(document.body).overflowY") != "hidden"
    page.click("#end")
    expect(page.locator("#feel")).to_be_visible()
    context.close()
