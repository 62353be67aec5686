"""Every page, as each kind of person sees it, in real Chromium: at phone and desktop sizes,
with and without "Larger text", nothing scrolls sideways; axe-core (loaded from disk, never
from a CDN) finds no serious or critical WCAG 2.2 AA violation; and nothing a person reads
names an issue, a command in backquotes, a snake_case key or a raw technique id."""

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from sciatica_coach.catalog import load_catalog
from sciatica_coach.web import build_settings
from tests.web.conftest import PASSWORD
from tests.web.live import live_server

pytestmark = pytest.mark.browser
AXE = Path(__file__).parents[2] / "node_modules" / "axe-core" / "axe.min.js"
# phones, a laptop, and the laptop at 200 % zoom (half as many CSS pixels)
SIZES = [(360, 640), (390, 844), (1280, 800), (640, 400)]
AXE_SIZES = [(390, 844), (1280, 800)]
WCAG = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
DEVELOPER_WORDS = re.compile(
    r"\bissue\b|`|\b(self_care|keep_going|see_doctor|see_doctor_soon|too_early|no_check|"
    r"red_flag|recheck_due|new_weakness|both_legs|below_knee|[a-z]+_[a-z_]+)\b",
    re.IGNORECASE,
)
TECHNIQUE_IDS = re.compile(r"\b(" + "|".join(load_catalog().ids) + r")\b")
SIGNED_OUT = ["/", "/login", "/register", "/learn", "/learn/risk-factors",
              "/techniques/knuckle-massage"]  # fmt: skip
PATIENT = ["/check", "/check/result", "/profile", "/today", "/session", "/diary", "/progress",
           "/outcomes", "/outcomes/rmdq", "/outcomes/psfs", "/outcomes/pgic",
           "/sharing", "/account", "/learn", "/techniques/reclining-pigeon-pose"]  # fmt: skip


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    url = f"sqlite:///{tmp_path_factory.mktemp('db') / 'pages.db'}"
    settings = build_settings(url, environ={}, argon2_time_cost=1, argon2_memory_kib=1024)
    with live_server(settings) as base:
        yield base


def _call(context: Any, server: str, method: str, path: str, data: Any = None) -> Any:
    token = next(c["value"] for c in context.cookies() if c["name"] == "csrf_token")
    return context.request.fetch(
        server + path, method=method, data=data, headers={"x-csrf-token": token}
    )


def _context(browser: Any, server: str) -> Any:
    # bypass_csp: axe-core is added to the page as a script of the test's own (CSP allows none)
    return browser.new_context(base_url=server, bypass_csp=True)


def _person(browser: Any, server: str, name: str, role: str) -> Any:
    context = _context(browser, server)
    context.request.get(server + "/api/csrf")
    r = _call(context, server, "POST", "/api/register",
              {"username": name, "password": PASSWORD, "role": role})  # fmt: skip
    assert r.status == 201, r.text()
    return context


@pytest.fixture(scope="module")
def people(browser: Any, server: str) -> Iterator[dict[str, tuple[Any, list[str]]]]:
    """A patient with a check, a profile, a diary and a session; a clinician following them."""
    patient = _person(browser, server, "ann", "patient")
    _call(patient, server, "POST", "/api/check", {})
    _call(patient, server, "PUT", "/api/profile",
          {"minutes": 10, "equipment": ["tennis-balls", "towel"], "side": "left",
           "country": "GB"})  # fmt: skip
    for day, leg in (("2026-11-20", 6), ("2026-11-21", 5)):
        _call(patient, server, "POST", "/api/diary?replace=true",
              {"date": day, "leg_pain": leg, "back_pain": 3, "note": "stiff"})  # fmt: skip
    code = _call(patient, server, "POST", "/api/links").json()["code"]
    clinician = _person(browser, server, "dr-lee", "clinician")
    patient_id = _call(clinician, server, "POST", "/api/links/accept", {"code": code}).json()
    clinician_pages = ["/patients", f"/patients/{patient_id['patient_id']}", "/learn"]
    anonymous = _context(browser, server)
    yield {
        "signed out": (anonymous, SIGNED_OUT),
        "patient": (patient, PATIENT),
        "clinician": (clinician, clinician_pages),
    }
    for context in (patient, clinician, anonymous):
        context.close()


@pytest.mark.parametrize("who", ["signed out", "patient", "clinician"])
def test_every_page_fits_and_speaks_to_people(
    people: dict[str, tuple[Any, list[str]]], server: str, who: str
) -> None:
    context, paths = people[who]
    page = context.new_page()
    problems = []
    for large in (False, True):
        context.clear_cookies(name="text_size")
        if large:
            context.add_cookies([{"name": "text_size", "value": "large", "url": server}])
        for path in paths:
            # Loaded once per text size, then laid out at each size: no page script sizes
            # anything itself, so resizing the real viewport is what loading at that size does.
            response = page.goto(path)
            assert response is not None and response.status < 400, (path, response.status)
            for width, height in SIZES:
                page.set_viewport_size({"width": width, "height": height})
                wide = page.evaluate(
                    "() => document.documentElement.scrollWidth"
                    " - document.documentElement.clientWidth"
                )
                if wide > 0:
                    problems.append(f"{path} at {width}x{height} (large={large}) scrolls "
                                    f"sideways by {wide}px")  # fmt: skip
                boxes = page.evaluate(
                    "() => [...document.querySelectorAll('.chart-scroll')]"
                    ".filter(b => b.scrollWidth > b.clientWidth + 1).length"
                )
                if boxes:
                    problems.append(f"{path} at {width}x{height}: the chart scrolls sideways")
                text = page.inner_text("body")
                for pattern in (DEVELOPER_WORDS, TECHNIQUE_IDS):
                    found = pattern.search(text)
                    if found:
                        problems.append(f"{path} shows {found.group(0)!r}")
    assert sorted(set(problems)) == []


@pytest.mark.parametrize("who", ["signed out", "patient", "clinician"])
def test_axe_finds_no_serious_or_critical_violation(
    people: dict[str, tuple[Any, list[str]]], who: str
) -> None:
    assert AXE.exists(), "axe-core is installed by `make test` (npm ci)"
    context, paths = people[who]
    page = context.new_page()
    found = []
    for path in paths:
        page.goto(path)
        page.add_script_tag(path=str(AXE))
        for width, height in AXE_SIZES:
            page.set_viewport_size({"width": width, "height": height})
            result = page.evaluate(
                "async (tags) => (await axe.run(document, {runOnly: {type: 'tag', values: tags}}))"
                ".violations.map(v => ({id: v.id, impact: v.impact, help: v.help,"
                " nodes: v.nodes.slice(0, 3).map(n => n.target.join(' '))}))",
                WCAG,
            )
            found += [
                f"{path} at {width}px: {v['id']} ({v['impact']}): {v['help']} {v['nodes']}"
                for v in result
                if v["impact"] in ("serious", "critical")
            ]
    assert found == []
