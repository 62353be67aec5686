"""Installable and offline, in real Chromium against the app in a process of its own. "Offline"
here is the server process stopped: Playwright's offline mode does not cut a service worker's
fetches, a stopped server does. The same database file and port serve it again afterwards.

- a session loaded, the server stopped, the session played to the end, a diary entry logged,
  the server started again: both are stored, once each, and the page said what was waiting;
- a day logged elsewhere meanwhile is not overwritten: the page shows both and asks;
- signing out with something unsent asks first (send now, or discard), and nothing personal
  stays kept on the phone afterwards;
- a plan fetched more than 24 hours ago, or blocked by the server, is not played offline;
- Chromium finds the app installable (manifest, icons, service worker)."""

import re
import sqlite3
import tempfile
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect

from sciatica_coach.progress import DiaryEntry
from sciatica_coach.store import accounts, open_store
from sciatica_coach.web.pages.offline import MANIFEST
from tests.web.app_process import AppProcess
from tests.web.conftest import (
    CHROMIUM,
    CHROMIUM_ARGS,
    PASSWORD,
    advance,
    freeze,
    sign_up_in_browser,
)
from tests.web.live import free_port

pytestmark = [pytest.mark.browser, pytest.mark.slow]
AXE = Path(__file__).parents[2] / "node_modules" / "axe-core" / "axe.min.js"
# What the browser logs, as errors, for each request the stopped server did not answer, and
# for the 409 that tells the page a day has an entry already: expected here.
EXPECTED = re.compile(r"net::ERR_CONNECTION_REFUSED|status of 409")


@pytest.fixture
def app(sqlite_url: str) -> Iterator[AppProcess]:
    served = AppProcess(sqlite_url, free_port())  # a copy of the migrated template
    served.start()
    yield served
    served.stop()


@pytest.fixture
def person(browser: Any, app: AppProcess) -> Iterator[Any]:
    """Ann, signed up with a clear check and a short routine, on a phone-sized page whose
    service worker controls it; any script error fails the test."""
    context = browser.new_context(viewport={"width": 390, "height": 844}, base_url=app.url)
    page = context.new_page()
    page.clock.install()  # Playwright's clock: the player's time moves when the test says
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    headers = sign_up_in_browser(page)
    assert context.request.post("/api/check", data={}, headers=headers).ok
    assert context.request.put("/api/profile", data={"minutes": 5}, headers=headers).ok
    page.goto("/today")
    page.evaluate("navigator.serviceWorker.ready")
    if not _soon(page, "!!navigator.serviceWorker.controller"):
        page.reload()  # loaded while its worker was still starting: a new load is controlled
    _until(page, "!!navigator.serviceWorker.controller")
    yield page
    context.close()
    assert [e for e in errors if not EXPECTED.search(e)] == []


def _soon(page: Any, condition: str, tries: int = 50) -> bool:
    """`condition` within `tries` tenths of a second (polled from here; see `_until`)."""
    for _ in range(tries):
        if page.evaluate(condition):
            return True
        page.wait_for_timeout(100)
    return False


def _until(page: Any, condition: str) -> None:
    """Poll `condition` from the test: Playwright's wait_for_function evaluates a string in
    the page, which the page's CSP (no eval) refuses whenever the first check is false."""
    if not _soon(page, condition, 300):
        raise AssertionError(f"never true: {condition}")


def _load_session(page: Any) -> None:
    """The player with its plan, and everything it needs kept on the phone."""
    page.goto("/session")
    page.wait_for_selector("#player[data-ready=true]")
    page.wait_for_selector("body[data-offline-ready=true]", timeout=30_000)


def _rows(app: AppProcess, query: str) -> list[tuple[Any, ...]]:
    path = app.database_url.removeprefix("sqlite:///")
    with sqlite3.connect(path) as db:
        return db.execute(query).fetchall()


def _log_pain(page: Any, leg: int, back: int, note: str = "") -> None:
    page.click(f"label[for=leg_pain-{leg}]")
    page.click(f"label[for=back_pain-{back}]")
    page.fill("#note", note)
    page.click("form.diary-form button.primary")


def test_a_session_played_and_a_day_logged_offline_are_stored_once_when_back(
    person: Any, app: AppProcess
) -> None:
    page = person
    _load_session(page)
    app.stop()
    assert not app.answers()
    page.reload()  # the player itself comes from the phone now
    page.wait_for_selector("#player[data-ready=true]")
    page.uncheck("#voice")
    freeze(page)
    page.click("#start")
    for _ in range(10 * 60 // 5):  # the five-minute plan and its checks, played to the end
        if page.is_visible("#feel"):
            break
        advance(page, 5)
    page.clock.resume()
    page.wait_for_selector("#feel:not([hidden])")
    page.click("[data-feeling=better]")
    page.wait_for_selector("#saved:not([hidden])")
    expect(page.locator("#saved-offline")).to_contain_text("saved on this phone")
    page.click("text=Log your pain")
    expect(page.locator("#outbox")).to_contain_text("No connection: this is the copy kept")
    day = page.input_value("#date")
    _log_pain(page, 3, 2, "on the mat, no wifi")
    page.wait_for_url("**/diary?offline=saved")
    waiting = page.locator("#outbox .waiting")
    expect(waiting).to_contain_text("Not sent yet: your session of")
    expect(waiting).to_contain_text("your diary entry for")
    expect(page.locator("#day-status")).to_contain_text("Saved on this phone for this day")
    page.reload()  # still waiting, still said
    expect(page.locator("#outbox .waiting")).to_contain_text("your diary entry for")
    assert _rows(app, "SELECT count(*) FROM sessions") == [(0,)]

    app.start()  # the network returns: the page sends what waits, by itself
    expect(page.locator("#outbox-news")).to_contain_text(
        re.compile(r"Sent: your session of .*, your diary entry for"), timeout=30_000
    )
    expect(page.locator("#outbox .waiting")).to_have_count(0)
    expect(page.locator("#outbox")).to_contain_text("The connection is back")
    page.goto("/diary")  # and again: nothing is sent twice
    page.wait_for_timeout(1500)
    sessions = _rows(app, "SELECT day, feeling, finished, idempotency_key FROM sessions")
    entries = _rows(
        app, "SELECT day, leg_pain, back_pain, note, idempotency_key FROM diary_entries"
    )
    assert len(sessions) == 1 and len(entries) == 1
    assert sessions[0][:3] == (day, "better", 1) and sessions[0][3]
    assert entries[0][:4] == (day, 3, 2, "on the mat, no wifi") and entries[0][4]
    assert _rows(app, "SELECT count(*) FROM session_items") != [(0,)]
    assert "Played to the end; felt better afterwards." in page.inner_text(".sessions")
    assert page.evaluate("SciaticaQueue.outbox.all()") == []


def test_offline_a_session_that_hurt_gets_the_advice_and_a_form_missing_a_score_asks_again(
    person: Any, app: AppProcess
) -> None:
    page = person
    _load_session(page)
    app.stop()
    page.reload()
    page.wait_for_selector("#player[data-ready=true]")
    page.uncheck("#voice")
    page.click("#start")
    page.wait_for_selector("#playing:not([hidden])")
    _until(page, "document.getElementById('where').textContent !== ''")
    page.click("#hurts")
    page.click("#end")
    page.click("[data-feeling=worse]")
    expect(page.locator("#saved-title")).to_have_text("Saved. Go gently.")
    expect(page.locator("#advice")).to_contain_text("Stop and withdraw whenever you feel pain.")
    expect(page.locator("#saved-offline")).to_be_visible()
    page.goto("/diary")
    page.click("label[for=back_pain-2]")
    page.fill("#note", "forgot the leg")
    page.click("form.diary-form button.primary")
    page.wait_for_url("**/diary?offline=check")
    expect(page.locator("#offline-problems")).to_contain_text(
        "Choose how bad the leg pain is, from 0 to 10."
    )
    expect(page.locator("#note")).to_have_value("forgot the leg")  # nothing typed is lost
    expect(page.locator("#back_pain-2")).to_be_checked()
    expect(page.locator("#outbox .waiting")).not_to_contain_text("diary entry")
    page.click("label[for=leg_pain-4]")
    page.click("form.diary-form button.primary")
    page.wait_for_url("**/diary?offline=saved")
    expect(page.locator("#outbox .waiting")).to_contain_text("your diary entry for")
    app.start()
    expect(page.locator("#outbox-news")).to_contain_text("Sent:", timeout=30_000)
    assert _rows(app, "SELECT feeling FROM sessions") == [("worse",)]
    assert _rows(app, "SELECT leg_pain, back_pain, note FROM diary_entries") == [
        (4, 2, "forgot the leg")
    ]


def test_a_day_logged_elsewhere_meanwhile_is_shown_beside_this_one_and_kept_until_chosen(
    person: Any, app: AppProcess
) -> None:
    page = person
    _load_session(page)
    app.stop()
    page.goto("/diary")
    day = page.input_value("#date")
    _log_pain(page, 3, 2, "from the phone")
    page.wait_for_url("**/diary?offline=saved")
    store = open_store(app.database_url)  # meanwhile, the same day from another device
    ann = accounts.user_by_name(store, "ann")
    assert ann is not None
    store.add_entry(ann.id, DiaryEntry(day=date.fromisoformat(day), leg_pain=7, back_pain=5))
    store.close()
    app.start()
    conflict = page.locator("#outbox .conflict")
    expect(conflict).to_contain_text("has two entries", timeout=30_000)
    expect(conflict.locator("[data-entry=phone]")).to_have_text("Leg 3 · Back 2; “from the phone”")
    expect(conflict.locator("[data-entry=server]")).to_have_text("Leg 7 · Back 5")
    assert _rows(app, "SELECT leg_pain, back_pain FROM diary_entries") == [(7, 5)]
    page.reload()  # asked again until answered; never sent over it by itself
    expect(page.locator("#outbox .conflict")).to_have_count(1)
    if AXE.exists():
        _no_serious_axe_violation(page)
    page.click("[data-keep=phone]")
    expect(page.locator("#outbox-news")).to_contain_text("Sent: your diary entry for")
    expect(page.locator("#outbox .conflict")).to_have_count(0)
    assert _rows(app, "SELECT leg_pain, back_pain, note FROM diary_entries") == [
        (3, 2, "from the phone")
    ]


def _kept(page: Any) -> dict[str, Any]:
    """What this phone keeps: the caches' names and the outbox."""
    return page.evaluate(
        """async () => ({
            caches: await caches.keys(),
            outbox: (await SciaticaQueue.outbox.all()).length,
            account: await SciaticaQueue.meta.get("account"),
        })"""
    )


def _waiting_entry(page: Any, leg: int) -> None:
    """An entry saved with no connection, as the service worker keeps it, and the page told
    (the server is up: nothing sends it until the page is asked to)."""
    page.evaluate(
        """async (leg) => { await SciaticaQueue.outbox.put({
            key: SciaticaQueue.newKey(), kind: "diary", url: "/api/diary", state: "waiting",
            account: document.body.dataset.account, created: Date.now(),
            body: {date: SciaticaQueue.localDay(new Date()), leg_pain: leg, back_pain: 1,
                   tingling: false, numbness: false, weakness: false, reaches: null, note: ""},
        }); await SciaticaOffline.render(); }""",
        leg,
    )


@pytest.mark.parametrize("choice", ["send", "discard"])
def test_signing_out_with_something_unsent_asks_first_and_leaves_nothing_personal(
    person: Any, app: AppProcess, choice: str
) -> None:
    page = person
    _load_session(page)
    _waiting_entry(page, 6)
    kept = _kept(page)
    assert "sciatica-personal" in kept["caches"] and kept["outbox"] == 1
    page.click("footer button:has-text('Sign out')")
    dialog = page.locator("dialog#sign-out")
    expect(dialog).to_be_visible()
    expect(dialog).to_contain_text("not sent yet: your diary entry for")
    if AXE.exists():
        _no_serious_axe_violation(page)
    if choice == "send":
        dialog.locator("button:has-text('Send now, then sign out')").click()
    else:
        dialog.locator("button:has-text('Discard them and sign out')").click()
    page.wait_for_url(re.compile(r"/$"))
    expect(page.locator("footer")).not_to_contain_text("Signed in as")
    stored = _rows(app, "SELECT leg_pain FROM diary_entries")
    assert stored == ([(6,)] if choice == "send" else [])
    kept = _kept(page)
    assert kept["outbox"] == 0 and kept["account"] == ""
    assert [name for name in kept["caches"] if not name.startswith("sciatica-shell-")] == []
    shell = page.evaluate(
        "async () => (await caches.open((await caches.keys())[0]).then(c => c.keys()))"
        ".map(r => new URL(r.url).pathname)"
    )
    assert all(p.startswith("/static/") or p in ("/offline", MANIFEST) for p in shell)


def test_signing_out_with_no_connection_says_so_and_keeps_everything(
    person: Any, app: AppProcess
) -> None:
    page = person
    _load_session(page)
    _waiting_entry(page, 4)
    app.stop()
    page.click("footer button:has-text('Sign out')")
    dialog = page.locator("dialog#sign-out")
    dialog.locator("button:has-text('Discard them and sign out')").click()
    expect(dialog).to_contain_text("Signing out needs the connection: nothing is discarded.")
    dialog.locator("button:has-text('Send now, then sign out')").click()
    expect(dialog).to_contain_text("there is no connection")
    assert _kept(page)["outbox"] == 1
    dialog.locator("button:has-text('Stay signed in')").click()
    expect(dialog).to_be_hidden()


def test_signing_out_with_nothing_unsent_and_no_connection_changes_nothing(
    person: Any, app: AppProcess
) -> None:
    page = person
    _load_session(page)
    app.stop()
    page.click("footer button:has-text('Sign out')")
    expect(page.locator("[data-reason=sign-out]")).to_be_visible()
    assert "sciatica-personal" in _kept(page)["caches"]
    app.start()
    page.goto("/today")
    expect(page.locator("footer")).to_contain_text("Signed in as ann")


def test_an_ended_session_empties_the_copies_and_keeps_the_unsent_for_its_owner(
    person: Any, app: AppProcess
) -> None:
    """The server ended the session (it expired, or a password change elsewhere): the next
    page is signed out, so the copies go; what was not sent waits for the same person."""
    page = person
    _load_session(page)
    _waiting_entry(page, 5)
    page.context.clear_cookies()
    page.goto("/")
    expect(page.locator("#outbox")).to_contain_text(
        "Saved on this phone and not sent yet: one entry. Sign in as the person who saved them"
    )
    assert _kept(page)["caches"] == [n for n in _kept(page)["caches"] if "shell" in n]
    page.goto("/login?next=/diary")
    page.fill("#username", "ann")
    page.fill("#password", PASSWORD)
    page.click("form.form button")
    page.wait_for_url("**/diary")
    expect(page.locator("#outbox-news")).to_contain_text("Sent: your diary entry for")
    assert _rows(app, "SELECT leg_pain FROM diary_entries") == [(5,)]


def test_deleting_the_account_leaves_nothing_on_the_phone(person: Any, app: AppProcess) -> None:
    page = person
    _load_session(page)
    page.goto("/account")
    _waiting_entry(page, 5)
    assert _kept(page)["outbox"] == 1
    page.fill("#password", PASSWORD)
    page.click("text=Delete my account and all my data")
    page.wait_for_url("**/?done=deleted")
    kept = _kept(page)
    assert kept["outbox"] == 0 and kept["account"] == ""
    assert [n for n in kept["caches"] if not n.startswith("sciatica-shell-")] == []


def test_a_copy_on_its_way_in_when_the_account_is_forgotten_is_not_left_behind(
    person: Any, app: AppProcess
) -> None:
    """The service worker keeps pages in the background: one whose copy is written just after
    the account was deleted or signed out (in another tab, or by the worker) must not stay."""
    page = person
    page.goto("/today")
    left = page.evaluate(
        """async () => {
            const account = document.body.dataset.account;
            const copy = new Response("<body data-account='" + account + "'>today</body>");
            await SciaticaQueue.forget(account);
            await SciaticaQueue.keep("/today", copy, account);
            return {caches: await caches.keys(), account: await SciaticaQueue.meta.get("account")};
        }"""
    )
    assert [n for n in left["caches"] if not n.startswith("sciatica-shell-")] == []
    assert left["account"] == ""


def test_a_plan_fetched_more_than_24_hours_ago_is_not_played_offline(
    person: Any, app: AppProcess
) -> None:
    page = person
    _load_session(page)
    page.evaluate(
        """async () => {
            const cache = await caches.open("sciatica-personal");
            const kept = await cache.match("/api/timeline");
            const headers = new Headers(kept.headers);
            headers.set("x-fetched-at", String(Date.now() - 25 * 3600 * 1000));
            await cache.put("/api/timeline", new Response(await kept.blob(), {headers}));
        }"""
    )
    app.stop()
    page.goto("/session")
    expect(page.locator("h1")).to_have_text("No connection")
    expect(page.locator("[data-reason=old-plan]")).to_be_visible()
    expect(page.locator("#player")).to_have_count(0)
    if AXE.exists():
        _no_serious_axe_violation(page)


def test_a_plan_the_server_blocked_is_not_played_offline(person: Any, app: AppProcess) -> None:
    page = person
    _load_session(page)
    token = next(c["value"] for c in page.context.cookies() if c["name"] == "csrf_token")
    blocked = page.context.request.post(
        "/api/check", data={"night_pain": True}, headers={"X-CSRF-Token": token}
    )
    assert blocked.ok and blocked.json()["level"] != "self_care"
    page.goto("/session")  # the server says why there is no session today
    expect(page.locator("#player")).to_have_count(0)
    app.stop()
    page.goto("/session")
    expect(page.locator("[data-reason=no-plan]")).to_be_visible()
    expect(page.locator("#player")).to_have_count(0)


def test_the_app_is_installable(browser: Any, app: AppProcess) -> None:
    """Chromium's own check (what makes it offer "Install app"): a manifest with a name, a
    start page, standalone display and 192 and 512 px icons, and a service worker. Only a
    profile on disk can install, so this is a browser of its own, not the shared incognito
    one."""
    with tempfile.TemporaryDirectory() as profile:
        context = browser.browser_type.launch_persistent_context(
            profile, executable_path=CHROMIUM, args=CHROMIUM_ARGS, base_url=app.url
        )
        page = context.pages[0] if context.pages else context.new_page()
        page.goto("/login")
        page.evaluate("navigator.serviceWorker.ready")
        cdp = context.new_cdp_session(page)
        assert cdp.send("Page.getInstallabilityErrors")["installabilityErrors"] == []
        manifest = cdp.send("Page.getAppManifest")
        assert manifest["errors"] == []
        assert manifest["manifest"]["startUrl"] == app.url + "/today"
        context.close()


def _no_serious_axe_violation(page: Any) -> None:
    """axe-core, run from the test's side (the page's Content-Security-Policy stays on)."""
    page.evaluate(AXE.read_text(encoding="utf-8") + "\n;0")
    found = page.evaluate(
        "async () => (await axe.run(document, {runOnly: {type: 'tag', values: "
        "['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']}})).violations"
        ".filter(v => v.impact === 'serious' || v.impact === 'critical')"
        ".map(v => v.id + ': ' + v.nodes.map(n => n.target.join(' ')).join(', '))"
    )
    assert found == []
