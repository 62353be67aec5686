"""Installable and offline: the web app manifest, the service worker at the root of the site
(`/sw.js`, so that it may serve every page) and the page it shows with no connection.

The worker's script (web/sw.js) is filled in here with the version of the static files (a
digest of their contents: any change makes a new worker, which fetches them again) and the
list of them it keeps."""

import hashlib
import json
from functools import cache
from pathlib import Path
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import Response

from sciatica_coach import __version__
from sciatica_coach.web.context import HERE, get_web

router = APIRouter()
STATIC = HERE / "static"
WORKER = HERE / "sw.js"
THEME = "#143f6e"  # the header's blue (style.css --blue-dark), as in icon.svg
BACKGROUND = "#fbfaf7"  # style.css --paper
OFFLINE_PAGE = "/offline"
MANIFEST = "/manifest.webmanifest"


def _static_files() -> list[Path]:
    return sorted(p for p in STATIC.rglob("*") if p.is_file() and not p.name.startswith("."))


@cache
def _worker(stamp: tuple[tuple[str, int, int], ...]) -> str:
    """The worker's script for one state of the static files (their names, sizes, times)."""
    digest = hashlib.sha256(__version__.encode())
    shell = [OFFLINE_PAGE, MANIFEST]
    for path in _static_files():
        name = path.relative_to(STATIC).as_posix()
        digest.update(name.encode() + b"\0" + path.read_bytes() + b"\0")
        shell.append(f"/static/{name}")
    template = WORKER.read_text(encoding="utf-8")
    digest.update(template.encode())
    return template.replace("__VERSION__", digest.hexdigest()[:16]).replace(
        "__SHELL__", json.dumps(shell)
    )


def worker_script() -> str:
    files = [*_static_files(), WORKER]
    stamp = tuple((str(p), p.stat().st_size, p.stat().st_mtime_ns) for p in files)
    return _worker(stamp)


@router.get("/sw.js")
def service_worker() -> Response:
    """The service worker, from the root so that its scope is the whole site. Never cached
    (the guard's no-store): a browser sees a new version on its next visit."""
    return Response(worker_script(), media_type="text/javascript")


def manifest() -> dict[str, Any]:
    icons = [
        {"src": "/static/icon.svg", "sizes": "any", "type": "image/svg+xml", "purpose": "any"},
        {"src": "/static/icons/icon-192.png", "sizes": "192x192", "type": "image/png"},
        {"src": "/static/icons/icon-512.png", "sizes": "512x512", "type": "image/png"},
        {
            "src": "/static/icons/maskable-512.png",
            "sizes": "512x512",
            "type": "image/png",
            "purpose": "maskable",
        },
    ]
    return {
        "id": "/",
        "name": "Sciatica Coach",
        "short_name": "Sciatica",
        "description": "Self-care for sciatica: a check first, a safe routine, guided "
        "sessions and a pain diary.",
        "lang": "en",
        "start_url": "/today",
        "scope": "/",
        "display": "standalone",
        "orientation": "any",
        "background_color": BACKGROUND,
        "theme_color": THEME,
        "icons": icons,
    }


@router.get(MANIFEST)
def web_app_manifest() -> Response:
    body = json.dumps(manifest(), indent=2)
    return Response(body, media_type="application/manifest+json")


@router.get(OFFLINE_PAGE)
def offline_page(request: Request) -> Response:
    """What the service worker shows for a page it has no copy of. The same for everyone
    (rendered without the account: the worker keeps it for anyone), each reason hidden until
    the worker shows the one that applies."""
    web = get_web(request)
    context = {"title": "No connection", "csrf_token": request.state.csrf_token}
    return web.templates.TemplateResponse(request, "offline.html", context)
