"""The web app on a temporary SQLite file, driven over HTTP by Starlette's test client."""

import os
import shutil
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from bs4 import BeautifulSoup

from sciatica_coach.web import build_settings, create_app
from sciatica_coach.web.settings import Settings
from tests.web.live import live_server

with warnings.catch_warnings():
    warnings.simplefilter("ignore")  # Starlette's notice about its httpx-based client
    from fastapi.testclient import TestClient

NOW = datetime(2026, 11, 24, 10, 0, tzinfo=UTC)  # the app's clock in these tests
PASSWORD = "a good long password"


@pytest.fixture
def settings(sqlite_url: str) -> Settings:
    return build_settings(
        sqlite_url, environ={}, clock=lambda: NOW, argon2_time_cost=1, argon2_memory_kib=1024
    )


@pytest.fixture
def app(settings: Settings) -> Any:
    return create_app(settings)


@pytest.fixture
def client(app: Any) -> Iterator[TestClient]:
    with TestClient(app, base_url="http://testserver") as c:
        c.get("/api/csrf")  # a browser gets its CSRF cookie with its first page
        yield c


@pytest.fixture
def other_client(app: Any) -> Iterator[TestClient]:
    with TestClient(app, base_url="http://testserver") as c:
        c.get("/api/csrf")
        yield c


def csrf(client: TestClient) -> dict[str, str]:
    return {"X-CSRF-Token": client.cookies["csrf_token"]}


def api(client: TestClient, method: str, url: str, **kw: Any) -> Any:
    """An API call as the browser's script makes it: with the CSRF header."""
    return client.request(method, url, headers=csrf(client), **kw)


def register(client: TestClient, username: str = "ann") -> dict[str, Any]:
    r = api(client, "POST", "/api/register", json={"username": username, "password": PASSWORD})
    assert r.status_code == 201, r.text
    result: dict[str, Any] = r.json()
    return result


def submit(client: TestClient, url: str, data: dict[str, Any] | None = None) -> Any:
    """A form post as the browser makes it: with the hidden CSRF field, no redirects followed."""
    fields = {"csrf_token": client.cookies["csrf_token"], **(data or {})}
    return client.post(url, data=fields, follow_redirects=False)


def page(response: Any) -> BeautifulSoup:
    return BeautifulSoup(response.text, "html.parser")


# Debian's Chromium, both ways it is packaged (never a downloaded browser). Pages are tested in
# its headless shell: the same Blink, V8 and layout without the browser's own windows, for about
# 30 % less CPU a page. What only the whole browser has is tested in it: notifications and push,
# and the installability of the app (a profile on disk).
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
HEADLESS_SHELL = shutil.which("chromium-headless-shell") or "/usr/bin/chromium-headless-shell"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def needs_browsers() -> None:
    """Fail (under `make test`) or skip when Debian's Chromium packages are missing."""
    missing = [path for path in (CHROMIUM, HEADLESS_SHELL) if not os.path.exists(path)]
    if not missing:
        return
    if os.environ.get("SCIATICA_REQUIRE_PG"):
        pytest.fail(f"{', '.join(missing)} not installed; `make test` installs them")
    pytest.skip(f"{', '.join(missing)} not installed here; `make test` installs them")


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    """Debian's headless Chromium shell, driven by Playwright; `browser.browser_type.launch`
    starts the whole browser (`CHROMIUM`) where a test needs it."""
    needs_browsers()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=HEADLESS_SHELL, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def signed_in_client(db_url: str) -> Iterator[TestClient]:
    """`ann`, registered and signed in, once on SQLite and once on a real PostgreSQL."""
    settings = build_settings(
        db_url, environ={}, clock=lambda: NOW, argon2_time_cost=1, argon2_memory_kib=1024
    )
    with TestClient(create_app(settings), base_url="http://testserver") as c:
        c.get("/api/csrf")
        register(c)
        yield c


def sign_up_in_browser(page: Any, username: str = "ann") -> dict[str, str]:
    """Create an account through the real form; the CSRF header for the API calls after it."""
    page.goto("/register")
    page.fill("#username", username)
    page.fill("#password", PASSWORD)
    page.click("form.form button")
    page.wait_for_url("**/check*")
    token = next(c["value"] for c in page.context.cookies() if c["name"] == "csrf_token")
    return {"X-CSRF-Token": token}


@contextmanager
def signed_in_server(browser: Any, folder: Path, profile: dict[str, Any]) -> Iterator[Any]:
    """A live server and the cookies of a person signed up on it with a clear check and
    `profile`: `(server URL, storage state)` for new browser contexts."""
    url = f"sqlite:///{folder / 'sciatica.db'}"
    settings = build_settings(url, environ={}, argon2_time_cost=1, argon2_memory_kib=1024)
    with live_server(settings) as server:
        context = browser.new_context(base_url=server)
        page = context.new_page()
        headers = sign_up_in_browser(page)
        assert context.request.post("/api/check", data={}, headers=headers).ok
        assert context.request.put("/api/profile", data=profile, headers=headers).ok
        state = context.storage_state()
        context.close()
        yield server, state


def freeze(page: Any) -> None:
    """From now on the page's clock (Playwright's, installed with `page.clock.install()`)
    moves only when a test moves it with `advance`."""
    from datetime import timedelta

    from playwright.sync_api import Error

    for _ in range(10):  # the page's clock runs until paused: on a loaded machine the second
        now = datetime.fromtimestamp(page.evaluate("Date.now()") / 1000, UTC)  # can pass first
        try:
            page.clock.pause_at(now + timedelta(seconds=1))
            return
        except Error as exc:
            if "to the past" not in str(exc):
                raise
    raise AssertionError("the page's clock could not be paused")


def advance(page: Any, seconds: float) -> None:
    """Session time passes: the page's timers fire as they would in that time."""
    page.clock.run_for(round(seconds * 1000))
