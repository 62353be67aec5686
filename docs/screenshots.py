"""Takes the README's screenshots at phone size (390x844) in Debian's Chromium against a real
server on a temporary SQLite file: the landing page, today, the player and progress.

    .venv/bin/python docs/screenshots.py        # writes docs/phone-*.png"""

import shutil
import sys
import tempfile
from datetime import date, timedelta
from pathlib import Path

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).parents[1]
sys.path.insert(0, str(ROOT))

from tests.web.conftest import CHROMIUM_ARGS  # noqa: E402
from tests.web.live import live_server  # noqa: E402

from sciatica_coach.web import build_settings  # noqa: E402

OUT = ROOT / "docs"
PHONE = {"width": 390, "height": 844}


def main() -> None:
    folder = tempfile.mkdtemp()
    settings = build_settings(f"sqlite:///{folder}/shots.db", environ={})
    with live_server(settings) as base, sync_playwright() as p:
        chromium = shutil.which("chromium")
        browser = p.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        context = browser.new_context(viewport=PHONE, base_url=base, device_scale_factor=2)
        page = context.new_page()
        page.goto("/")
        page.screenshot(path=OUT / "phone-welcome.png")
        page.goto("/register")
        page.fill("#username", "sam")
        page.fill("#password", "a calm morning stretch")
        page.select_option("#country", "GB")
        page.click("form.form button.primary")
        token = next(c["value"] for c in context.cookies() if c["name"] == "csrf_token")
        call = {"headers": {"X-CSRF-Token": token}}
        context.request.post("/api/check", data={}, **call)
        context.request.put("/api/profile", data={"minutes": 12, "side": "left",
                            "equipment": ["tennis-balls", "towel"]}, **call)  # fmt: skip
        start = date.today() - timedelta(days=20)
        for n in range(21):
            leg = max(2, 7 - n // 4)
            context.request.post("/api/diary?replace=true", data={
                "date": (start + timedelta(days=n)).isoformat(), "leg_pain": leg,
                "back_pain": max(1, leg - 2)}, **call)  # fmt: skip
        page.goto("/today")
        page.screenshot(path=OUT / "phone-today.png")
        page.goto("/session")
        page.wait_for_selector("#player[data-ready=true]")
        page.uncheck("#voice")
        page.click("#start")
        page.wait_for_selector("#playing:not([hidden])")
        page.click("#next")
        page.wait_for_timeout(1500)  # the picture's own animation settles
        page.screenshot(path=OUT / "phone-player.png")
        page.goto("/progress")
        page.wait_for_load_state("load")
        page.screenshot(path=OUT / "phone-progress.png", full_page=True)
        browser.close()
    print("written:", *sorted(p.name for p in OUT.glob("phone-*.png")))


if __name__ == "__main__":
    main()
