"""The player's figure on a phone at normal text size, in real Chromium: at least 60 % of the
screen's width, whole and in view beside the countdown, with the picture's text alternative
(what it shows, in the article's words) as its alt, for the first steps of a real session."""

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect

from tests.web.conftest import signed_in_server

pytestmark = pytest.mark.browser
PHONES = [(360, 740), (390, 844)]
BOX = """() => {
  const img = document.querySelector('#figure');
  const box = img.getBoundingClientRect();
  return {width: box.width, left: box.left, right: box.right, top: box.top,
          bottom: box.bottom, alt: img.alt, src: img.getAttribute('src'),
          loaded: img.complete && img.naturalWidth > 0};
}"""


@pytest.fixture(scope="module")
def signed_in(browser: Any, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    profile = {"minutes": 20, "equipment": ["tennis-balls", "towel"]}
    with signed_in_server(browser, tmp_path_factory.mktemp("figure"), profile) as served:
        yield served


@pytest.mark.parametrize("size", PHONES, ids=[f"{w}x{h}" for w, h in PHONES])
def test_the_figure_takes_most_of_a_phone_s_width_with_its_text_alternative(
    browser: Any, signed_in: Any, size: tuple[int, int]
) -> None:
    server, state = signed_in
    width, height = size
    context = browser.new_context(
        base_url=server,
        storage_state=state,
        viewport={"width": width, "height": height},
        is_mobile=True,
        has_touch=True,
    )
    page = context.new_page()
    cues = page.request.get(f"{server}/api/timeline").json()["cues"]
    page.goto("/session")
    page.wait_for_selector("#player[data-ready=true]")
    page.uncheck("#voice")
    page.click("#start")
    expect(page.locator("#figure")).to_be_visible()
    seen = set()
    for n in range(8):  # the first cues: the introduction and the first steps
        box = page.evaluate(BOX)
        for _ in range(50):  # the page's CSP allows no string evaluation: poll from here
            if box["loaded"]:
                break
            page.wait_for_timeout(100)
            box = page.evaluate(BOX)
        assert box["loaded"], box["src"]
        assert box["width"] >= 0.6 * width, (n, box)
        assert box["left"] >= 0 and box["right"] <= width
        assert box["top"] >= 0 and box["bottom"] <= height
        figure = box["src"].removeprefix("/figures/").removesuffix(".svg").replace("%3A", ":")
        expected = next(c["figure_alt"] for c in cues if c["figure"] == figure)
        assert box["alt"] == expected and len(expected) > 30
        seen.add(figure)
        if os.environ.get("SCIATICA_SCREENSHOTS"):  # to look at them
            shot = Path(os.environ["SCIATICA_SCREENSHOTS"]) / f"figure-{width}x{height}-{n}.png"
            page.screenshot(path=shot)
        page.click("#next")
        if page.is_visible("#check"):  # a technique ended: its check comes first
            page.click("#check-skip")
    assert len(seen) >= 3  # several positions, not one picture looked at six times
    context.close()
