"""The pages over HTTP, read as parsed HTML: forms keep what was typed and name what is
wrong, every form carries the CSRF token, and nobody sees another person's diary."""

from typing import Any

from tests.web.conftest import PASSWORD, api, page, register, submit

DAY = {"date": "2026-11-23", "leg_pain": "6", "back_pain": "3", "note": "long drive"}


def test_welcome_page_for_a_first_visit(client: Any) -> None:
    r = client.get("/")
    assert r.status_code == 200
    doc = page(r)
    assert doc.h1 is not None and "sciatica" in doc.h1.text.lower()
    links = {a["href"] for a in doc.select("a.button")}
    assert {"/register", "/login"} <= links
    assert "Safety first" in doc.select_one("footer").text  # type: ignore[union-attr]


def test_pages_need_a_session_and_come_back_after_sign_in(client: Any) -> None:
    r = client.get("/diary", follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"] == "/login?next=/diary"
    register(client)
    api(client, "POST", "/api/logout")
    login = page(client.get("/login?next=/diary"))
    assert login.select_one("input[name=next]")["value"] == "/diary"  # type: ignore[index]
    r = submit(client, "/login", {"username": "ann", "password": PASSWORD, "next": "/diary"})
    assert r.status_code == 303 and r.headers["location"] == "/diary"
    assert client.get("/diary").status_code == 200


def test_sign_in_never_sends_people_to_another_site(client: Any) -> None:
    register(client)
    api(client, "POST", "/api/logout")
    for target in ("//evil.example/x", "https://evil.example/", "/\\evil.example"):
        r = submit(client, "/login", {"username": "ann", "password": PASSWORD, "next": target})
        assert r.headers["location"] == "/", target


def test_register_form_keeps_the_name_and_names_the_problem(client: Any) -> None:
    r = submit(client, "/register", {"username": "ann", "password": "short"})
    assert r.status_code == 422
    doc = page(r)
    assert doc.select_one("#username")["value"] == "ann"  # type: ignore[index]
    assert doc.select_one("#password").get("value") == ""  # type: ignore[union-attr]
    password = doc.select_one("#password")
    assert password["aria-invalid"] == "true"  # type: ignore[index]
    assert "password-error" in password["aria-describedby"]  # type: ignore[index,operator]
    assert "8 characters" in doc.select_one("#password-error").text  # type: ignore[union-attr]
    r = submit(client, "/register", {"username": "ann", "password": PASSWORD})
    assert r.status_code == 303
    assert client.get("/diary").status_code == 200


def test_a_wrong_password_shows_the_form_again(client: Any) -> None:
    register(client)
    api(client, "POST", "/api/logout")
    r = submit(client, "/login", {"username": "ann", "password": "wrong-wrong"})
    assert r.status_code == 401
    doc = page(r)
    assert doc.select_one("[role=alert]") is not None
    assert doc.select_one("#username")["value"] == "ann"  # type: ignore[index]


def test_every_form_carries_the_csrf_token_and_posts_without_it_fail(client: Any) -> None:
    register(client)
    token = client.cookies["csrf_token"]
    api(client, "POST", "/api/diary", json={"leg_pain": 2, "back_pain": 2})
    entry_id = api(client, "GET", "/api/diary").json()[0]["id"]
    for url in ("/diary", f"/diary/{entry_id}/edit", "/progress", "/learn"):
        forms = page(client.get(url)).select("form[method=post]")
        assert forms, url
        for form in forms:
            hidden = form.select_one("input[name=csrf_token]")
            assert hidden is not None and hidden["value"] == token, (url, form.get("action"))
    r = client.post("/diary", data={**DAY}, follow_redirects=False)
    assert r.status_code == 403
    assert page(r).h1 is not None
    assert len(api(client, "GET", "/api/diary").json()) == 1


def test_log_a_day_then_see_it_in_the_diary(client: Any) -> None:
    register(client)
    r = submit(client, "/diary", {**DAY, "tingling": "on", "reaches": "below_knee"})
    assert r.status_code == 303 and r.headers["location"] == "/diary?done=saved"
    doc = page(client.get(r.headers["location"]))
    assert "Saved" in doc.select_one("[role=status]").text  # type: ignore[union-attr]
    day = doc.select_one(".days .day")
    assert day is not None
    text = " ".join(day.text.split())
    assert "23 Nov 2026" in text and "Leg 6" in text and "Back 3" in text
    assert "tingling; reaches below the knee" in text and "long drive" in text


def test_bad_diary_input_keeps_what_was_typed(client: Any) -> None:
    register(client)
    r = submit(client, "/diary", {**DAY, "leg_pain": "", "weakness": "on"})
    assert r.status_code == 422
    doc = page(r)
    assert "leg pain" in doc.select_one("#leg_pain-error").text.lower()  # type: ignore[union-attr]
    assert doc.select_one("#note").text == "long drive"  # type: ignore[union-attr]
    assert doc.select_one("#back_pain-3").has_attr("checked")  # type: ignore[union-attr]
    assert doc.select_one("#weakness").has_attr("checked")  # type: ignore[union-attr]
    assert doc.select_one("#date")["value"] == "2026-11-23"  # type: ignore[index]
    r = submit(client, "/diary", {**DAY, "date": "2026-12-01"})
    assert r.status_code == 422 and page(r).select_one("#date-error") is not None
    assert api(client, "GET", "/api/diary").json() == []


def test_new_weakness_sends_to_the_check(client: Any) -> None:
    register(client)
    submit(client, "/diary", {**DAY, "date": "2026-11-22"})
    r = submit(client, "/diary", {**DAY, "weakness": "on"})
    assert r.headers["location"] == "/diary?done=saved&weakness=new"
    alert = page(client.get(r.headers["location"])).select_one(".alert")
    assert alert is not None and alert.select_one("a[href='/check']") is not None


def test_edit_and_delete_a_day(client: Any) -> None:
    register(client)
    submit(client, "/diary", DAY)
    entry_id = api(client, "GET", "/api/diary").json()[0]["id"]
    form = page(client.get(f"/diary/{entry_id}/edit"))
    assert form.select_one("#leg_pain-6").has_attr("checked")  # type: ignore[union-attr]
    r = submit(client, f"/diary/{entry_id}", {**DAY, "leg_pain": "2"})
    assert r.status_code == 303
    assert api(client, "GET", "/api/diary").json()[0]["leg_pain"] == 2
    bad = submit(client, f"/diary/{entry_id}", {**DAY, "leg_pain": "12"})
    assert bad.status_code == 422
    assert page(bad).select_one("#note").text == "long drive"  # type: ignore[union-attr]
    assert submit(client, f"/diary/{entry_id}/delete").status_code == 303
    assert api(client, "GET", "/api/diary").json() == []


def test_another_persons_diary_pages_are_404(client: Any, other_client: Any) -> None:
    register(client, "ann")
    register(other_client, "bob")
    submit(client, "/diary", DAY)
    entry_id = api(client, "GET", "/api/diary").json()[0]["id"]
    assert other_client.get(f"/diary/{entry_id}/edit").status_code == 404
    assert submit(other_client, f"/diary/{entry_id}", DAY).status_code == 404
    assert submit(other_client, f"/diary/{entry_id}/delete").status_code == 404
    assert "long drive" not in other_client.get("/diary").text
    assert len(api(client, "GET", "/api/diary").json()) == 1


def test_progress_page_shows_the_verdict_and_the_chart(client: Any) -> None:
    register(client)
    empty = page(client.get("/progress"))
    assert empty.select_one("a[href='/diary']") is not None
    for day in range(17, 24):
        submit(client, "/diary", {**DAY, "date": f"2026-11-{day}"})
    doc = page(client.get("/progress"))
    assert doc.select_one("#verdict-title").text == "Too early to tell"  # type: ignore[union-attr]
    img = doc.select_one(".chart img")
    assert img is not None and img["alt"]
    chart = client.get(str(img["src"]))
    assert chart.headers["content-type"] == "image/svg+xml"
    assert chart.content.startswith(b"<?xml") and b"<svg" in chart.content
    assert "no-store" in chart.headers["cache-control"]
    assert len(doc.select("table.recent tbody tr")) == 7


def test_learn_pages_and_a_404_page(client: Any) -> None:
    doc = page(client.get("/learn"))
    links = [a["href"] for a in doc.select(".cards a")]
    assert "/learn/what-is-sciatica" in links and "/learn/risk-factors" in links
    topic = page(client.get("/learn/causes"))
    assert "Piriformis syndrome" in topic.text and "Source:" in topic.text
    technique = page(client.get("/techniques/knee-to-the-opposite-shoulder"))
    assert len(technique.select(".step-list li")) == 4
    missing = client.get("/learn/nothing-here")
    assert missing.status_code == 404 and page(missing).h1.text == "Not found"  # type: ignore[union-attr]


def test_large_text_mode_is_remembered(client: Any) -> None:
    r = submit(client, "/text-size", {"size": "large", "next": "/learn"})
    assert r.headers["location"] == "/learn"
    html = page(client.get("/learn")).html
    assert html is not None and "large" in html.get("class", [])
    submit(client, "/text-size", {"size": "normal", "next": "/learn"})
    html = page(client.get("/learn")).html
    assert html is not None and "large" not in (html.get("class") or [])


def test_sign_out_from_a_page(client: Any) -> None:
    register(client)
    r = submit(client, "/logout")
    assert r.status_code == 303
    assert client.get("/diary", follow_redirects=False).status_code == 303


def test_figures_are_served_as_svg_for_each_side(client: Any) -> None:
    right = client.get("/figures/sitting-figure-four:right.svg")
    left = client.get("/figures/sitting-figure-four:left.svg")
    assert right.status_code == left.status_code == 200
    assert right.headers["content-type"].startswith("image/svg+xml")
    assert right.text.startswith("<svg") and right.text != left.text
    assert client.get("/figures/no-such-pose:right.svg").status_code == 404
