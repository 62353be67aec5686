"""The session player's camera in a real headless Chromium: its fake camera plays the
astronaut photograph (a Y4M file made here), the page sends pictures over the WebSocket and
draws the skeleton that comes back, and a hold whose position is not seen waits."""

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect

from sciatica_coach.session.timeline import PLAYER
from tests.web.conftest import CHROMIUM_ARGS, HEADLESS_SHELL, advance, freeze
from tests.web.test_browser_player import _server, _signed_up

pytestmark = pytest.mark.browser
pytest.importorskip("mediapipe", reason="the motion extra is not installed")

FIGURE = "lying-on-fists:none"
TIMELINE = {
    "player": PLAYER,
    "titles": {"knuckle-massage": "Knuckle massage"},
    "cues": [
        {"kind": "get_ready", "text": "Get into position.", "seconds": 2,
         "routine_id": "knuckle-massage", "side": None, "step_index": 2, "figure": FIGURE},
        {"kind": "hold", "text": "Keep this position.", "seconds": 30,
         "routine_id": "knuckle-massage", "side": None, "step_index": 2, "figure": FIGURE,
         "early_finish": True},
        {"kind": "check_in", "text": "Well done. How do you feel now?", "seconds": 10,
         "routine_id": None, "side": None, "step_index": None, "figure": None},
    ],
}  # fmt: skip
WAITING = "Get into the position: the countdown starts when the camera sees you in it."


def astronaut_y4m(path: Path, frames: int = 10) -> Path:
    """A few seconds of the astronaut as a raw video for Chromium's fake camera."""
    import cv2
    from skimage import data

    rgb = cv2.resize(data.astronaut(), (640, 480))
    yuv = cv2.cvtColor(rgb, cv2.COLOR_RGB2YUV_I420).tobytes()
    with path.open("wb") as out:
        out.write(b"YUV4MPEG2 W640 H480 F10:1 Ip A1:1 C420jpeg\n")
        for _ in range(frames):
            out.write(b"FRAME\n" + yuv)
    return path


@pytest.fixture
def camera_browser(browser: Any, tmp_path: Path) -> Iterator[Any]:
    """A second Chromium whose camera plays a real photograph, started by the suite's one
    Playwright (a second sync Playwright in the same thread refuses to start)."""
    video = astronaut_y4m(tmp_path / "astronaut.y4m")
    args = [
        *CHROMIUM_ARGS,
        "--use-fake-ui-for-media-stream",
        "--use-fake-device-for-media-stream",
        f"--use-file-for-fake-video-capture={video}",
    ]
    chromium = browser.browser_type.launch(executable_path=HEADLESS_SHELL, args=args)
    yield chromium
    chromium.close()


def test_the_camera_draws_the_skeleton_and_the_hold_waits(
    camera_browser: Any, sqlite_url: str
) -> None:
    with _server(sqlite_url) as url, _signed_up(camera_browser, url, TIMELINE) as page:
        page.goto("/session")
        page.wait_for_selector("#player[data-ready=true]")
        assert "never stored" in page.inner_text("#camera-privacy")
        page.uncheck("#voice")
        page.check("#camera")
        page.click("#start")
        page.wait_for_selector("#player[data-camera=on]", timeout=20_000)
        answered = "#player[data-pose]:not([data-pose=''])"  # a picture came back judged
        page.wait_for_selector(answered, timeout=20_000)
        expect(page.locator("#instruction")).to_have_text("Keep this position.")
        expect(page.locator("#camera-note")).to_have_text(WAITING)
        freeze(page)  # the page's time moves only as the test says from here
        shown = page.inner_text("#count")
        advance(page, 31)  # more than the hold: it waits for the position
        assert page.inner_text("#instruction") == "Keep this position."
        assert page.inner_text("#count") == shown  # frozen (it ran until the camera was on)
        drawn = page.evaluate(
            """() => {
              const c = document.getElementById("camera-skeleton");
              const px = c.getContext("2d").getImageData(0, 0, c.width, c.height).data;
              let n = 0;
              for (let i = 3; i < px.length; i += 4) if (px[i] > 0) n += 1;
              return n;
            }"""
        )
        assert drawn > 100  # the astronaut's shoulders and head, drawn over the video
        page.click("#camera-off")  # then the hold goes by time
        page.wait_for_selector("#player[data-camera=off]")
        expect(page.locator("#camera-note")).to_have_text("")
        advance(page, int(shown) + 1)
        page.click("#check-skip")  # the check after the massage
        page.wait_for_selector("#feel:not([hidden])")
