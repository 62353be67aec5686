"""Reminders in a real headless Chromium (Debian's), against a real server whose scheduler
runs on a fake clock, and the push service stand-in on loopback.

What Chromium does not permit here, said plainly: `pushManager.subscribe()` always goes to
the browser vendor's push service (for Chromium, Google's: it checks in and registers over
Google's own protocol, and the endpoint it hands back is always Google's). No switch points
the endpoint at another server, so a real subscription to the stand-in cannot be made, and
with no network here the real call never completes (in a private window, which is what a
Playwright context is, Chromium refuses it at once).

So the page's flow is tested as far as it goes: the page's script, the permission, the real
service worker at /sw.js, the server's key handed to `subscribe()`, the subscription sent to
the server, the server's scheduler sending the reminder at the chosen time to the stand-in,
the test decrypting it, and the real service worker showing that message as a notification
(delivered to it through the DevTools protocol, as the push service would). Only the
browser's own link to its vendor's push service is replaced: `subscribe()` returns a
subscription whose endpoint is the stand-in's and whose keys the test holds."""

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect

from sciatica_coach.web import build_settings
from tests.push_service import PushService
from tests.reminders.conftest import NEW_YORK, FakeClock
from tests.reminders.test_delivery import AT_8_30_NY
from tests.web.conftest import CHROMIUM, CHROMIUM_ARGS, sign_up_in_browser
from tests.web.live import live_server

pytestmark = pytest.mark.browser
PHONE = {"width": 390, "height": 844}

# The browser's side of a subscription to the stand-in: PushManager's subscribe() and
# getSubscription() give it (kept across page loads in localStorage); everything else on the
# page and in the service worker is Chromium's own.
STUB = """
(() => {
  const made = %s;
  const key = "test-push-subscription";
  function subscription(serverKey) {
    return {
      endpoint: made.endpoint,
      expirationTime: null,
      options: { userVisibleOnly: true, applicationServerKey: serverKey },
      toJSON() { return made; },
      async unsubscribe() { localStorage.removeItem(key); return true; },
    };
  }
  function bytes(text) {
    const raw = atob(text.replace(/-/g, "+").replace(/_/g, "/"));
    return Uint8Array.from(raw, (c) => c.charCodeAt(0)).buffer;
  }
  PushManager.prototype.subscribe = async function (options) {
    const given = options.applicationServerKey;
    localStorage.setItem(key, typeof given === "string" ? given : "");
    return subscription(bytes(localStorage.getItem(key)));
  };
  PushManager.prototype.getSubscription = async function () {
    const serverKey = localStorage.getItem(key);
    return serverKey === null ? null : subscription(bytes(serverKey));
  };
})();
"""


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def server(sqlite_url: str, clock: FakeClock) -> Iterator[str]:
    settings = build_settings(
        sqlite_url, environ={}, clock=clock, argon2_time_cost=1, argon2_memory_kib=1024,
        push_allow_loopback=True, reminder_tick_seconds=0.05,
    )  # fmt: skip
    with live_server(settings) as url:
        yield url


def _notifications(page: Any) -> list[dict[str, Any]]:
    shown: list[dict[str, Any]] = page.evaluate(
        """async () => {
          const registration = await navigator.serviceWorker.ready;
          const shown = await registration.getNotifications();
          return shown.map((n) => ({title: n.title, body: n.body, tag: n.tag, data: n.data}));
        }"""
    )
    return shown


def test_the_page_turns_reminders_on_and_the_reminder_is_shown(
    browser: Any, server: str, push_service: PushService, clock: FakeClock, tmp_path: Path
) -> None:
    # A profile on disk, not a private window: Chromium has no push in private windows.
    context = browser.browser_type.launch_persistent_context(
        str(tmp_path / "profile"), executable_path=CHROMIUM, args=CHROMIUM_ARGS,
        base_url=server, viewport=PHONE, timezone_id=NEW_YORK,
    )  # fmt: skip
    try:
        context.grant_permissions(["notifications"], origin=server)
        phone = push_service.browser("chromium")
        context.add_init_script(STUB % json.dumps(phone.subscription()))
        page = context.pages[0] if context.pages else context.new_page()
        errors: list[str] = []
        page.on("pageerror", lambda exc: errors.append(str(exc)))
        sign_up_in_browser(page)
        page.goto("/account")
        expect(page.locator("#push-status")).to_have_text(
            "This browser does not get your reminders."
        )
        expect(page.locator("#time_zone")).to_have_value(NEW_YORK)  # the browser's own
        page.fill("#reminder-time", "08:30")
        page.click("form[action='/account/reminders'] button")
        expect(page.locator("p.notice")).to_have_text("Your reminder times are saved.")

        page.click("#push-on")
        expect(page.locator("#push-status")).to_have_text("This browser gets your reminders.")
        expect(page.locator("#push-off")).to_be_visible()
        expect(page.locator("#push-on")).to_be_hidden()
        server_key = page.locator("#push").get_attribute("data-key")
        assert page.evaluate("localStorage.getItem('test-push-subscription')") == server_key
        worker = page.evaluate("navigator.serviceWorker.ready.then((r) => r.active.scriptURL)")
        assert worker == f"{server}/sw.js"
        reminders = page.request.get("/api/reminders").json()
        assert (reminders["browsers"], reminders["time"], reminders["time_zone"]) == (
            1, "08:30", NEW_YORK)  # fmt: skip

        page.reload()  # the page finds this browser's subscription is yours
        expect(page.locator("#push-status")).to_have_text("This browser gets your reminders.")

        clock.set(AT_8_30_NY)  # 08:30 in New York: the server's scheduler sends
        [arrived] = push_service.wait_for(1)
        message = phone.decrypt(arrived.body)
        assert message["url"] == "/today"
        assert arrived.vapid_key == server_key

        # What the push service would do next: hand the message to the service worker.
        cdp = context.new_cdp_session(page)
        registrations: list[str] = []
        cdp.on(
            "ServiceWorker.workerRegistrationUpdated",
            lambda e: registrations.extend(
                r["registrationId"]
                for r in e["registrations"]
                if r["scopeURL"] == f"{server}/" and not r.get("isDeleted")
            ),
        )
        cdp.send("ServiceWorker.enable")
        for _ in range(100):  # the site's registration, as DevTools reports it
            if registrations:
                break
            page.wait_for_timeout(100)
        assert registrations
        push = {"origin": server, "registrationId": registrations[-1], "data": json.dumps(message)}
        # A loaded machine may hand the first message to a worker still starting: deliver it
        # again (the same tag, so a second copy replaces the first rather than adding one).
        for _ in range(3):
            cdp.send("ServiceWorker.deliverPushMessage", push)
            for _ in range(50):  # the worker shows it (its push handler's waitUntil)
                if _notifications(page):
                    break
                page.wait_for_timeout(100)
            if _notifications(page):
                break
        [shown] = _notifications(page)
        assert shown["title"] == message["title"] and shown["body"] == message["body"]
        assert shown["tag"] == "sciatica-session"
        assert shown["data"] == {"url": f"{server}/today"}

        page.click("#push-off")
        expect(page.locator("#push-status")).to_have_text(
            "This browser no longer gets your reminders."
        )
        assert page.request.get("/api/reminders").json()["browsers"] == 0
        assert errors == []
    finally:
        context.close()


def test_a_private_window_is_told_it_cannot_get_reminders(browser: Any, server: str) -> None:
    """Chromium's own answer, not a stand-in's: no push in a private window (of the whole
    browser: the headless shell that walks the other pages has no notifications at all)."""
    whole = browser.browser_type.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
    context = whole.new_context(base_url=server, viewport=PHONE, timezone_id="Europe/Paris")
    try:
        context.grant_permissions(["notifications"], origin=server)
        page = context.new_page()
        sign_up_in_browser(page)
        page.goto("/account")
        expect(page.locator("#time_zone")).to_have_value("Europe/Paris")
        page.click("#push-on")
        expect(page.locator("#push-status")).to_have_text(
            "Reminders could not be turned on in this browser."
        )
        expect(page.locator("#push-hint")).to_contain_text("A private window cannot get reminders")
        expect(page.locator("#push-on")).to_be_visible()
        assert page.request.get("/api/reminders").json()["browsers"] == 0
    finally:
        context.close()
        whole.close()


def test_without_a_secure_origin_the_page_says_so(browser: Any, server: str) -> None:
    """A phone on the LAN at http://192.168.x.y has no service workers and no push; the page
    points to the calendar file. Here the same server by a name that is not secure (the name
    resolves to loopback inside this browser only)."""
    port = server.rsplit(":", 1)[1]
    rules = "--host-resolver-rules=MAP coach.test 127.0.0.1"
    other = browser.browser_type.launch(executable_path=CHROMIUM, args=[*CHROMIUM_ARGS, rules])
    try:
        page = other.new_page(viewport=PHONE, base_url=f"http://coach.test:{port}")
        sign_up_in_browser(page)
        page.goto("/account")
        assert page.evaluate("window.isSecureContext") is False
        expect(page.locator("#push-status")).to_contain_text("the connection to it is not secure")
        expect(page.locator("#push-hint")).to_contain_text("calendar file")
        expect(page.locator("#push-on")).to_be_hidden()
    finally:
        other.close()
