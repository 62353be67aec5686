"""Makes the app's PNG icons from its one drawing, web/static/icon.svg, in Debian's Chromium
(the same renderer as the screenshots): the icons the web app manifest lists and the one iOS
puts on the home screen. The PNGs are committed; run this again after changing icon.svg.

    .venv/bin/python docs/icons.py        # writes src/sciatica_coach/web/static/icons/*.png

- icon-192.png, icon-512.png: the icon as drawn (rounded corners, transparent outside);
- maskable-512.png: for Android's shaped icons, the background to every edge and the mark
  inside the middle 80 % (the "safe zone" a mask never cuts);
- apple-touch-icon.png (180 px): square and opaque (iOS rounds it itself)."""

import re
import shutil
import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).parents[1]
sys.path.insert(0, str(ROOT))

from tests.web.conftest import CHROMIUM_ARGS  # noqa: E402

STATIC = ROOT / "src" / "sciatica_coach" / "web" / "static"
OUT = STATIC / "icons"
MASK_SCALE = 0.62  # the mark's farthest point stays inside the safe zone's circle (40 %)


def variants(svg: str) -> dict[str, tuple[str, int]]:
    background = re.search(r'<rect [^>]*fill="([^"]+)"', svg)
    assert background, "icon.svg draws its background as a <rect fill=...>"
    mark = re.sub(r"<rect [^>]*/>", "", svg.split(">", 1)[1].rsplit("</svg>", 1)[0])
    square = f'<rect width="32" height="32" fill="{background.group(1)}"/>'
    at_centre = f"translate(16 16) scale({MASK_SCALE}) translate(-16 -16)"
    head = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32">'
    maskable = f'{head}{square}<g transform="{at_centre}">{mark}</g></svg>'
    opaque = f"{head}{square}{mark}</svg>"
    return {
        "icon-192.png": (svg, 192),
        "icon-512.png": (svg, 512),
        "maskable-512.png": (maskable, 512),
        "apple-touch-icon.png": (opaque, 180),
    }


def main() -> None:
    svg = (STATIC / "icon.svg").read_text(encoding="utf-8").strip()
    OUT.mkdir(exist_ok=True)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=shutil.which("chromium"), args=CHROMIUM_ARGS)
        page = browser.new_page()
        for name, (drawing, size) in variants(svg).items():
            page.set_viewport_size({"width": size, "height": size})
            sized = drawing.replace("<svg ", f'<svg width="{size}" height="{size}" ', 1)
            page.set_content(f'<body style="margin:0;background:transparent">{sized}</body>')
            page.screenshot(path=OUT / name, omit_background=True)
            print(OUT / name)
        browser.close()


if __name__ == "__main__":
    main()
