"""The clinician's page of one patient: the chart, the notes, the pain stops by technique
name, the red-flag answers and a doctor's all-clear; nothing for a clinician not linked."""

import re
from typing import Any

from tests.web.conftest import api, page, submit
from tests.web.test_care_pages import sign_up


def test_the_patient_page_shows_chart_notes_stops_and_red_flags(
    client: Any, other_client: Any, app: Any
) -> None:
    from fastapi.testclient import TestClient

    sign_up(client, "ann", "patient")
    sign_up(other_client, "dr-lee", "clinician")
    code = page(submit(client, "/sharing/code")).select_one(".code").text  # type: ignore[union-attr]
    submit(other_client, "/patients/link", {"code": code})
    api(client, "POST", "/api/check", json={"cancer_history": True})
    api(client, "POST", "/api/clearance", json={"note": "oncologist: fine"})
    entry = {"date": "2026-11-20", "leg_pain": 5, "back_pain": 2, "note": "worse after driving"}
    api(client, "POST", "/api/diary", json=entry)
    api(client, "POST", "/api/sessions", json={
        "day": "2026-11-20", "started_at": "2026-11-20T09:00:00Z",
        "ended_at": "2026-11-20T09:05:00Z", "completed": [], "finished": False,
        "pain_stops": [{"routine_id": "knuckle-massage", "side": None, "step_index": 2,
                        "severity": 6}],
    })  # fmt: skip
    link = page(other_client.get("/patients")).select_one("table.patients a")
    assert link is not None
    doc = page(other_client.get(link["href"]))  # type: ignore[arg-type]
    text = " ".join(doc.text.split())
    assert "worse after driving" in text
    assert "Knuckle massage" in text and "6/10" in text and "knuckle-massage" not in text
    assert "a history of cancer" in text and "oncologist: fine" in text
    chart = doc.select_one("figure.chart img")
    assert chart is not None
    image = other_client.get(chart["src"])
    assert image.status_code == 200 and image.headers["content-type"] == "image/svg+xml"
    with TestClient(app) as stranger:
        stranger.get("/api/csrf")
        sign_up(stranger, "dr-who", "clinician")
        assert stranger.get(chart["src"]).status_code == 404
        assert re.fullmatch(r"/patients/\d+/chart\.svg", str(chart["src"]))
