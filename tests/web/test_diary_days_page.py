"""The diary page's form edits one day (`?date=`), and a save never lands on a day the form
did not show without asking (the form as a browser without the script posts it)."""

from typing import Any

from tests.web.conftest import api, page, register, submit

FORM = {"leg_pain": "4", "back_pain": "2", "note": "from the form", "reaches": ""}


def _hidden(doc: Any, name: str) -> str:
    return str(doc.select_one(f"form.diary-form input[name={name}]")["value"])


def test_the_form_shows_the_day_asked_for(client: Any) -> None:
    register(client)
    day = {"date": "2026-11-15", "leg_pain": 3, "back_pain": 1, "note": "walk"}
    entry = api(client, "POST", "/api/diary", json=day)
    doc = page(client.get("/diary?date=2026-11-15"))
    assert doc.select_one("#note").text == "walk"  # type: ignore[union-attr]
    assert _hidden(doc, "entry_id") == str(entry.json()["id"])
    assert _hidden(doc, "shown") == "2026-11-15"
    assert "15 Nov 2026" in doc.select_one("#log-heading").text  # type: ignore[union-attr]
    empty = page(client.get("/diary?date=2026-11-20"))
    assert empty.select_one("#note").text == ""  # type: ignore[union-attr]
    assert _hidden(empty, "entry_id") == ""
    for bad in ("2099-01-01", "yesterday", "0001-01-01"):  # not a day to log: today's form
        assert _hidden(page(client.get(f"/diary?date={bad}")), "shown") == "2026-11-24"


def test_a_day_logged_meanwhile_is_not_overwritten(client: Any) -> None:
    register(client)
    shown = {**FORM, "date": "2026-11-20", "shown": "2026-11-20", "entry_id": ""}
    day = {"date": "2026-11-20", "leg_pain": 8, "back_pain": 8, "note": "bad"}
    other_tab = api(client, "POST", "/api/diary", json=day)
    r = submit(client, "/diary", shown)
    assert r.status_code == 200 and page(r).select_one("#question") is not None
    assert api(client, "GET", "/api/diary").json() == [
        {k: v for k, v in other_tab.json().items() if k != "new_weakness"}
    ]
    again = {**shown, "entry_id": _hidden(page(r), "entry_id")}  # saving again answers it
    assert submit(client, "/diary", again).status_code == 303
    assert [e["note"] for e in api(client, "GET", "/api/diary").json()] == ["from the form"]


def test_answers_moved_to_another_day_are_not_saved_without_asking(client: Any) -> None:
    register(client)
    moved = {**FORM, "date": "2026-11-20", "shown": "2026-11-24", "entry_id": ""}
    r = submit(client, "/diary", moved)
    question = page(r).select_one("#question")
    assert r.status_code == 200 and question is not None and "changed the day" in question.text
    assert api(client, "GET", "/api/diary").json() == []
