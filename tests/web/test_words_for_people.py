"""What a person reads outside the pages speaks to people too: the report (PDF), the calendar
file and the human-readable strings of the API (advice, message, reason, blocked, detail,
next_step) name no issue, no command in backquotes, no snake_case key, no technique id. The
JSON contracts' keys and values stay as they are."""

import io
import re
from typing import Any

from pypdf import PdfReader

from sciatica_coach.catalog import load_catalog
from tests.web.conftest import api, register

DEVELOPER = re.compile(r"\bissue\b|`|\b[a-z]+_[a-z_]+\b", re.IGNORECASE)
IDS = re.compile(r"\b(" + "|".join(load_catalog().ids) + r")\b")
HUMAN_KEYS = {"advice", "message", "reason", "blocked", "detail", "next_step", "note", "notices"}


def _strings(doc: Any, key: str | None = None) -> list[str]:
    """Every string under a human-readable key, however deep."""
    if isinstance(doc, dict):
        return [s for k, v in doc.items() for s in _strings(v, k)]
    if isinstance(doc, list):
        return [s for v in doc for s in _strings(v, key)]
    return [doc] if isinstance(doc, str) and key in HUMAN_KEYS else []


def _bad(text: str) -> list[str]:
    return [m.group(0) for p in (DEVELOPER, IDS) for m in p.finditer(text)]


def test_report_calendar_and_api_strings_are_for_people(client: Any) -> None:
    register(client)
    said = [api(client, "GET", "/api/plan").json()]  # blocked: no check yet
    said.append(api(client, "POST", "/api/check", json={"night_pain": True}).json())
    said.append(api(client, "GET", "/api/plan").json())  # blocked: a red flag
    said.append(api(client, "POST", "/api/clearance", json={"note": "seen"}).json())
    api(client, "PUT", "/api/profile", json={"hip_replacement": True, "equipment": []})
    said.append(api(client, "GET", "/api/plan").json())  # left out, with reasons
    for day, leg in (("2026-11-01", 8), ("2026-11-20", 4)):
        api(client, "POST", "/api/diary?replace=true",
            json={"date": day, "leg_pain": leg, "back_pain": 2, "weakness": True})  # fmt: skip
    said.append(api(client, "GET", "/api/progress").json())
    said.append(api(client, "POST", "/api/diary", json={"date": "2026-11-20"}).json())  # 422
    said.append(api(client, "POST", "/api/clearance", json={}).json())  # nothing to clear
    said.append(api(client, "GET", "/api/diary/99999").json())  # not found
    strings = [t for doc in said for t in _strings(doc)]
    assert len(strings) >= 12  # the blocks, advice, reasons, message and details above
    found = {s: _bad(s) for s in strings if _bad(s)}
    assert found == {}
    pdf = client.get("/progress/report.pdf").content
    text = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages)
    assert _bad(text) == []
    ics = client.get("/reminders.ics").text
    shown = ("SUMMARY", "DESCRIPTION")
    body = "\n".join(line for line in ics.splitlines() if line.startswith(shown))
    assert _bad(body) == []
