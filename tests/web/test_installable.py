"""What makes the app installable and offline, as the server serves it: the manifest and its
icons, the service worker at the root of the site, the page it shows with no connection."""

import json
import re
import struct
from typing import Any

from tests.web.conftest import page, register


def _png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", data[16:24])
    return width, height


def test_the_manifest_names_the_app_and_its_icons(client: Any) -> None:
    r = client.get("/manifest.webmanifest")
    assert r.status_code == 200
    assert r.headers["content-type"].startswith("application/manifest+json")
    manifest = r.json()
    assert (manifest["name"], manifest["start_url"], manifest["scope"]) == (
        "Sciatica Coach",
        "/today",
        "/",
    )
    assert manifest["display"] == "standalone"
    sizes = set()
    for icon in manifest["icons"]:
        got = client.get(icon["src"])
        assert got.status_code == 200, icon["src"]
        if icon["type"] == "image/png":
            width, height = _png_size(got.content)
            assert f"{width}x{height}" == icon["sizes"]
            sizes.add((width, icon.get("purpose", "any")))
    assert {(192, "any"), (512, "any"), (512, "maskable")} <= sizes
    touch = client.get("/static/icons/apple-touch-icon.png")
    assert _png_size(touch.content) == (180, 180)


def test_every_page_links_the_manifest_and_loads_the_offline_scripts(client: Any) -> None:
    doc = page(client.get("/"))
    assert doc.select_one("link[rel=manifest]")["href"] == "/manifest.webmanifest"
    assert doc.select_one("meta[name=theme-color]") is not None
    scripts = [s["src"] for s in doc.select("script")]
    assert scripts[:2] == ["/static/queue.js", "/static/offline.js"]
    assert doc.body["data-account"] == ""  # signed out: nothing is kept for anyone


def test_a_signed_in_page_says_whose_it_is(client: Any) -> None:
    account = register(client)
    doc = page(client.get("/learn"))
    assert doc.body["data-account"] == f"{account['id']}:ann"


def test_the_service_worker_is_served_from_the_root_and_never_cached(client: Any) -> None:
    r = client.get("/sw.js")
    assert r.status_code == 200
    assert r.headers["content-type"].startswith("text/javascript")
    assert r.headers["cache-control"] == "no-store"  # a new version is seen on the next visit
    script = r.text
    assert "__VERSION__" not in script and "__SHELL__" not in script
    version = re.search(r'const VERSION = "([0-9a-f]{16})"', script)
    assert version is not None
    shell = json.loads(re.search(r"const SHELL_FILES = (\[.*?\]);", script).group(1))  # type: ignore[union-attr]
    for path in ("/offline", "/static/offline.js", "/static/queue.js", "/static/style.css",
                 "/static/player.js", "/static/icons/icon-192.png"):  # fmt: skip
        assert path in shell
    for path in shell:  # the worker keeps every one of them at install: all must be there
        assert client.get(path).status_code == 200, path
    assert 'importScripts("/static/queue.js")' in script
    # the one place where the reminders' push handler is loaded
    assert script.count("// ---- Web Push ----") == 1
    assert "/static/sw-push.js" in script.split("// ---- Web Push ----")[1].split("\n// ----")[0]
    assert client.get("/sw.js").text == script  # the same files: the same worker


def test_the_offline_page_is_the_same_for_everyone(client: Any) -> None:
    register(client)
    doc = page(client.get("/offline"))
    assert doc.h1.text == "No connection"
    assert "data-account" not in doc.body.attrs  # not tied to anyone: kept for anyone
    assert "ann" not in doc.text
    reasons = {p["data-reason"] for p in doc.select("[data-reason]")}
    assert reasons == {"page", "no-plan", "old-plan", "sign-out"}
    assert all(p.has_attr("hidden") for p in doc.select("[data-reason]"))
