"""The report, FHIR bundle and reminders from the web app, for the signed-in person only."""

import io
from typing import Any

from tests.web.conftest import api, register


def _diary(client: Any) -> None:
    for day, leg in (("2026-10-01", 8), ("2026-10-02", 6)):
        r = api(client, "POST", "/api/diary", json={"date": day, "leg_pain": leg, "back_pain": 2})
        assert r.status_code == 201, r.text


def test_report_pdf_download(client: Any) -> None:
    from pypdf import PdfReader

    register(client)
    _diary(client)
    r = client.get("/progress/report.pdf")
    assert r.status_code == 200 and r.headers["content-type"] == "application/pdf"
    assert "attachment" in r.headers["content-disposition"]
    text = PdfReader(io.BytesIO(r.content)).pages[0].extract_text()
    assert "ann" in text and "(baseline) 7.0" in text
    assert 'href="/progress/report.pdf"' in client.get("/progress").text


def test_fhir_bundle_is_the_callers_own(client: Any, other_client: Any) -> None:
    from fhir.resources.R4B.bundle import Bundle

    assert client.get("/api/fhir").status_code == 401
    register(client)
    _diary(client)
    register(other_client, "bob")
    mine, theirs = client.get("/api/fhir").json(), other_client.get("/api/fhir").json()
    Bundle.model_validate(mine)
    assert len(mine["entry"]) == 1 + 2 * 5 and len(theirs["entry"]) == 1
    assert mine["entry"][0]["fullUrl"] != theirs["entry"][0]["fullUrl"]


def test_reminders_ics(client: Any) -> None:
    import icalendar

    assert client.get("/reminders.ics", follow_redirects=False).status_code == 303
    register(client)
    r = client.get("/reminders.ics")
    assert r.headers["content-type"].startswith("text/calendar")
    events = icalendar.Calendar.from_ical(r.content).walk("VEVENT")
    assert len(events) == 2 and "Review" in str(events[1]["SUMMARY"])
