"""The account page: your data, reminders, a new password, deleting the account; and the
country chosen at sign-up naming the right numbers in the check's advice."""

import json
from typing import Any

from tests.web.conftest import PASSWORD, api, page, register, submit


def test_downloads_are_the_persons_own_data(client: Any) -> None:
    register(client)
    api(client, "POST", "/api/check", json={})
    api(client, "POST", "/api/diary", json={"date": "2026-11-20", "leg_pain": 5, "back_pain": 3})
    doc = page(client.get("/account"))
    links = {a["href"] for a in doc.select(".downloads a")}
    assert links == {"/progress/report.pdf", "/account/fhir.json", "/account/export.json"}
    data = client.get("/account/export.json")
    assert data.headers["content-disposition"].startswith("attachment")
    assert "no-store" in data.headers["cache-control"]
    assert json.loads(data.content)["diary"][0]["leg_pain"] == 5
    bundle = json.loads(client.get("/account/fhir.json").content)
    assert bundle["resourceType"] == "Bundle" and "ann" not in json.dumps(bundle)


def test_reminders_at_the_chosen_time_and_days(client: Any) -> None:
    register(client)
    ics = client.get("/reminders.ics", params={"time": "18:30", "days": ["mon", "thu"]}).text
    assert "T183000" in ics and "BYDAY=MO,TH" in ics
    assert "`" not in ics
    assert client.get("/reminders.ics", params={"time": "25:00"}).status_code == 422
    assert client.get("/reminders.ics", params={"days": ["someday"]}).status_code == 422


def test_a_new_password_needs_the_old_one_and_signs_other_browsers_out(
    client: Any, other_client: Any
) -> None:
    register(client)
    api(other_client, "POST", "/api/login", json={"username": "ann", "password": PASSWORD})
    assert other_client.get("/api/profile").status_code == 200
    fresh = "a fresh long phrase"
    wrong = submit(client, "/account/password", {"current_password": "nope", "new_password": fresh})
    assert wrong.status_code == 422 and page(wrong).select_one("#current_password-error")
    weak = submit(client, "/account/password", {"current_password": PASSWORD,
                                                 "new_password": "ann12345"})  # fmt: skip
    assert weak.status_code == 422 and page(weak).select_one("#new_password-error")
    change = {"current_password": PASSWORD, "new_password": fresh}
    done = submit(client, "/account/password", change)
    assert done.status_code == 303 and done.headers["location"] == "/account?done=password"
    assert "password is changed" in page(client.get("/account?done=password")).text
    assert other_client.get("/api/profile").status_code == 401  # signed out everywhere else
    assert client.get("/api/profile").status_code == 200  # this browser stays signed in
    api(client, "POST", "/api/logout")
    new = {"username": "ann", "password": "a fresh long phrase"}
    assert api(client, "POST", "/api/login", json=new).status_code == 200


def test_deleting_needs_the_password_and_removes_everything(client: Any) -> None:
    register(client)
    api(client, "POST", "/api/diary", json={"date": "2026-11-20", "leg_pain": 5, "back_pain": 3})
    kept = submit(client, "/account/delete", {"password": "not my password"})
    assert kept.status_code == 422 and "nothing was deleted" in page(kept).text
    assert api(client, "GET", "/api/diary").status_code == 200
    gone = submit(client, "/account/delete", {"password": PASSWORD})
    assert gone.status_code == 303 and gone.headers["location"] == "/?done=deleted"
    assert "deleted" in page(client.get("/?done=deleted")).text
    old = {"username": "ann", "password": PASSWORD}
    assert api(client, "POST", "/api/login", json=old).status_code == 401


def test_the_country_chosen_at_sign_up_names_its_emergency_number(client: Any) -> None:
    r = submit(client, "/register", {"username": "nia", "password": PASSWORD, "country": "NZ"})
    assert r.headers["location"] == "/check?done=account"
    assert "account is ready" in page(client.get("/check?done=account")).text
    assert client.get("/", follow_redirects=False).headers["location"] == "/check"
    answers = {q: "no" for q in _question_ids()} | {"chest_pain": "yes"}
    submit(client, "/check", answers)
    advice = page(client.get("/check/result")).select_one(".advice-text")
    assert advice is not None and "Call 111" in advice.text and "999" not in advice.text
    assert client.get("/", follow_redirects=False).headers["location"] == "/profile"
    bad = submit(client, "/register", {"username": "zed", "password": PASSWORD, "country": "XX"})
    assert bad.status_code == 422


def _question_ids() -> list[str]:
    from sciatica_coach.safety.screening import load_questions

    return load_questions().ids
