"""The questionnaires on the web: the API, the page and its form, function beside pain on
the progress page, the clinician's view, the report's second page and the FHIR export."""

import io
from typing import Any

from pypdf import PdfReader

from tests.core.test_fhir import validate_r4
from tests.web.conftest import api, page, register, submit
from tests.web.test_care_pages import sign_up


def test_api_answers_and_reads_them_back(signed_in_client: Any) -> None:
    c = signed_in_client
    r = api(c, "POST", "/api/outcomes", json={"questionnaire": "rmdq",
                                                "answers": {"1": True, "2": True}})  # fmt: skip
    assert r.status_code == 201, r.text
    assert r.json()["score"] == 2 and r.json()["day"] == "2026-11-24"
    bad = api(c, "POST", "/api/outcomes", json={"questionnaire": "pgic", "answers": {}})
    assert bad.status_code == 422
    unknown = api(c, "POST", "/api/outcomes", json={"questionnaire": "sbi", "answers": {}})
    assert unknown.status_code == 422
    found = c.get("/api/outcomes").json()["questionnaires"]
    assert [q["id"] for q in found] == ["rmdq", "psfs", "pgic"]
    assert found[0]["latest"] == {"day": "2026-11-24", "score": 2}
    assert found[0]["due"] == "2026-12-01" and found[1]["due_now"]


def test_the_page_asks_in_the_published_words_and_saves(client: Any) -> None:
    client.get("/register")
    register(client)
    nav = page(client.get("/today")).select_one("nav")
    assert nav is not None and nav.select_one('a[href="/outcomes"]') is not None
    form = page(client.get("/outcomes/rmdq"))
    labels = [label.text for label in form.select("form label")]
    assert len(labels) == 24
    assert labels[0] == "1. I stay at home most of the time because of my back."
    r = submit(client, "/outcomes/rmdq", {"item-1": "yes", "item-7": "yes"})
    assert r.status_code == 303
    shown = page(client.get(r.headers["location"]))
    assert "2 of 24" in shown.text
    bad = submit(client, "/outcomes/psfs", {"name-1": "Driving"})
    assert bad.status_code == 422 and "There is a problem" in bad.text
    ok = submit(client, "/outcomes/psfs", {"name-1": "Driving", "score-1": "4"})
    assert ok.status_code == 303
    assert submit(client, "/outcomes/pgic", {}).status_code == 422


def _answer(client: Any, qid: str, answers: dict[str, Any]) -> None:
    r = api(client, "POST", "/api/outcomes", json={"questionnaire": qid, "answers": answers})
    assert r.status_code == 201, r.text


def test_function_beside_pain_for_the_person_and_the_clinician(
    client: Any, other_client: Any, app: Any
) -> None:
    sign_up(client, "ann", "patient")
    sign_up(other_client, "dr-lee", "clinician")
    code = page(submit(client, "/sharing/code")).select_one(".code").text  # type: ignore[union-attr]
    assert submit(other_client, "/patients/link", {"code": code}).status_code == 303
    store = app.state.web.store
    from datetime import date

    from sciatica_coach.outcomes import Answered

    dashboard = page(other_client.get("/patients"))
    href = dashboard.select_one("table.patients a")["href"]  # type: ignore[index]
    patient_id = int(str(href).rsplit("/", 1)[1])
    store.save_answer(patient_id, Answered("rmdq", date(2026, 11, 10),
                                           {str(n): True for n in range(1, 13)}))  # fmt: skip
    _answer(client, "rmdq", {str(n): True for n in range(1, 8)})  # 12 -> 7 on 24 Nov
    progress = page(client.get("/progress")).text
    assert "Your function improved: a meaningful change." in progress
    assert "5 points, or 30 % of the first score" in progress
    seen = page(other_client.get(str(href))).text
    assert "Roland-Morris Disability Questionnaire" in seen and "7 of 24" in seen
    assert "Your function improved" in seen
    # the report: the questionnaires over time on its second page
    pdf = PdfReader(io.BytesIO(client.get("/progress/report.pdf").content))
    assert len(pdf.pages) >= 2
    second = pdf.pages[1].extract_text()
    assert "Questionnaires over time" in second and "12 of 24" in second and "7 of 24" in second
    # FHIR: a QuestionnaireResponse per answer, its score an Observation derived from it
    bundle = client.get("/account/fhir.json").json()
    kinds = validate_r4(bundle)
    assert kinds["QuestionnaireResponse"] == 2
    responses = {e["resource"]["id"]: e["resource"] for e in bundle["entry"]
                 if e["resource"]["resourceType"] == "QuestionnaireResponse"}  # fmt: skip
    scores = [e["resource"] for e in bundle["entry"]
              if e["resource"].get("code", {}).get("text", "").endswith("score")]  # fmt: skip
    assert sorted(o["valueQuantity"]["value"] for o in scores) == [7, 12]
    for o in scores:
        target = o["derivedFrom"][0]["reference"].removeprefix("urn:uuid:")
        assert responses[target]["questionnaire"].endswith("/Questionnaire/rmdq")
        assert len(responses[target]["item"]) == 24
