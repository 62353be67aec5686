"""The pages before exercise: the check first, then the profile, then today's plan; a red
flag shows its advice in large type and blocks the programme."""

from typing import Any

from sciatica_coach.safety import Level
from sciatica_coach.safety.screening import advice_for, load_questions
from tests.web.conftest import api, page, register, submit

QUESTIONS = [q.id for q in load_questions().questions]
ALL_NO = {q: "no" for q in QUESTIONS}
PROFILE = {"minutes": "20", "hold_seconds": "30", "equipment": ["tennis-balls", "towel"]}


def test_a_new_person_starts_with_the_check(client: Any) -> None:
    register(client)
    r = client.get("/", follow_redirects=False)
    assert r.headers["location"] == "/check"
    for url in ("/today", "/session"):
        assert client.get(url, follow_redirects=False).headers["location"] == "/check"
    doc = page(client.get("/check"))
    assert len(doc.select("fieldset.question")) == len(QUESTIONS)
    assert doc.select_one(f"label[for={QUESTIONS[0]}-yes]") is not None


def test_unanswered_questions_are_named_and_answers_kept(client: Any) -> None:
    register(client)
    answers = dict(ALL_NO)
    del answers["fever"]
    answers["night_pain"] = "yes"
    r = submit(client, "/check", answers)
    assert r.status_code == 422
    doc = page(r)
    assert doc.select_one("#fever-error") is not None
    assert [a["href"] for a in doc.select("#error-summary a")] == ["#fever-yes"]
    assert doc.title is not None and doc.title.text.startswith("Error:")
    assert doc.select_one("#night_pain-yes").has_attr("checked")  # type: ignore[union-attr]
    assert api(client, "GET", "/api/plan").json()["blocked"]  # nothing stored


def test_a_clear_check_leads_to_the_profile_then_today(client: Any) -> None:
    register(client)
    r = submit(client, "/check", ALL_NO)
    assert r.headers["location"] == "/check/result"
    result = page(client.get("/check/result"))
    assert result.h1.text == "No warning signs"  # type: ignore[union-attr]
    assert result.select_one("a.button.primary")["href"] == "/profile"  # type: ignore[index]
    assert client.get("/", follow_redirects=False).headers["location"] == "/profile"
    r = submit(client, "/profile", {**PROFILE, "hip_replacement": "on"})
    assert r.status_code == 303 and r.headers["location"] == "/today?done=profile"
    today = page(client.get("/today"))
    assert today.select_one("a[href='/session']") is not None
    titles = [h.text for h in today.select(".plan h2")]
    assert "Knuckle massage" in titles and "Reclining pigeon pose" not in titles
    left_out = today.select_one(".excluded")
    assert left_out is not None and "Reclining pigeon pose" in left_out.text
    assert "hip" in left_out.text.lower()


def test_a_red_flag_shows_the_advice_and_blocks_the_programme(client: Any) -> None:
    register(client)
    submit(client, "/check", {**ALL_NO, "saddle_numbness": "yes"})
    doc = page(client.get("/check/result"))
    advice = doc.select_one(".advice.advice-emergency")
    assert advice is not None
    assert advice_for(Level.EMERGENCY, None) in advice.text
    assert "genitals" in doc.select_one(".reasons").text  # type: ignore[union-attr]
    assert doc.select_one("a[href='/session']") is None
    assert "genitals" in doc.select_one(".advice-blocked").text  # type: ignore[union-attr]
    submit(client, "/profile", PROFILE)
    for url in ("/today", "/session"):
        blocked = page(client.get(url))
        assert "No exercises today" in blocked.select_one(".advice-blocked").text  # type: ignore[union-attr]
        assert blocked.select_one("a[href='/session']") is None
    submit(client, "/check", ALL_NO)
    assert page(client.get("/today")).select_one("a[href='/session']") is not None


def test_profile_form_keeps_what_was_typed_and_names_the_field(client: Any) -> None:
    register(client)
    submit(client, "/check", ALL_NO)
    r = submit(client, "/profile", {**PROFILE, "minutes": "0", "osteoporosis": "on",
                                    "pregnancy_weeks": "12"})  # fmt: skip
    assert r.status_code == 422
    doc = page(r)
    assert doc.select_one("#minutes-error") is not None
    assert doc.select_one("#minutes")["value"] == "0"  # type: ignore[index]
    assert doc.select_one("#pregnancy_weeks")["value"] == "12"  # type: ignore[index]
    assert doc.select_one("#osteoporosis").has_attr("checked")  # type: ignore[union-attr]
    assert doc.select_one("#equipment-towel").has_attr("checked")  # type: ignore[union-attr]
    bad = submit(client, "/profile", {**PROFILE, "age": "forty"})
    assert bad.status_code == 422 and page(bad).select_one("#age-error") is not None


def test_both_legs_in_the_profile_runs_the_check(client: Any) -> None:
    register(client)
    submit(client, "/check", ALL_NO)
    r = submit(client, "/profile", {**PROFILE, "side": "both"})
    assert r.headers["location"] == "/today?done=profile"
    assert page(client.get("/check/result")).select_one(".advice-emergency") is not None
    blocked = page(client.get("/today")).select_one(".advice-blocked")
    assert blocked is not None and "both legs" in blocked.text


def test_the_session_page_carries_the_player(client: Any) -> None:
    register(client)
    submit(client, "/check", ALL_NO)
    submit(client, "/profile", PROFILE)
    doc = page(client.get("/session"))
    player = doc.select_one("#player")
    assert player is not None and player["data-timeline"] == "/api/timeline"
    assert not player.has_attr("data-speed")  # no test hook in production pages
    scripts = [s.get("src") for s in doc.select("script")]
    # no inline script; the offline queue on every page, the engine first, the wiring last
    assert scripts[:2] == ["/static/queue.js", "/static/offline.js"]
    assert scripts[2] == "/static/engine.js" and scripts[-1] == "/static/player.js"
    assert scripts.index("/static/aftercheck.js") < scripts.index("/static/player.js")
    assert all(client.get(src).status_code == 200 for src in scripts)


def test_left_out_techniques_are_grouped_by_reason_in_page_words(client: Any) -> None:
    register(client)
    submit(client, "/check", ALL_NO)
    submit(client, "/profile", {"minutes": "20", "hold_seconds": "30", "osteoporosis": "on"})
    items = page(client.get("/today")).select(".excluded li")
    texts = [" ".join(li.text.split()) for li in items]
    assert len(texts) == 2  # no tennis balls; the two stretches with osteoporosis
    assert any(t.startswith("Tennis ball massage:") and "your profile" in t for t in texts)
    assert any(t.startswith("Sitting pigeon pose, Sitting spinal stretch:") for t in texts)
    assert not any("`" in t or "sciatica profile" in t for t in texts)


def test_every_picture_on_the_plan_and_technique_pages_is_served(client: Any) -> None:
    register(client)
    submit(client, "/check", ALL_NO)
    submit(client, "/profile", PROFILE)
    for url in ("/today", "/techniques/reclining-pigeon-pose", "/techniques/knuckle-massage"):
        images = [str(img["src"]) for img in page(client.get(url)).select("img.figure")]
        assert images, url
        for src in images:
            r = client.get(src)
            assert r.status_code == 200, src
            assert r.headers["content-type"] == "image/svg+xml"
            assert r.text.startswith("<svg") and "<script" not in r.text


def test_timeline_figures_are_served_and_unknown_ones_are_404(client: Any) -> None:
    register(client)
    submit(client, "/check", ALL_NO)
    submit(client, "/profile", PROFILE)
    figures = {c["figure"] for c in api(client, "GET", "/api/timeline").json()["cues"]} - {None}
    assert any(f.endswith(":left") for f in figures)
    for figure in figures:
        assert client.get(f"/figures/{figure}.svg").status_code == 200, figure
    assert client.get("/figures/flying:right.svg").status_code == 404


def test_with_nothing_that_fits_there_is_no_session_to_start(client: Any) -> None:
    register(client)
    submit(client, "/check", ALL_NO)
    submit(client, "/profile", {"minutes": "1", "hold_seconds": "30", "hip_replacement": "on"})
    for hour in ("08", "09"):  # it hurt twice: the one technique that fits is left out
        stop = {"routine_id": "palm-and-thumb-massage", "side": None, "step_index": 1}
        api(client, "POST", "/api/sessions", json={
            "started_at": f"2026-11-23T{hour}:00:00Z", "ended_at": f"2026-11-23T{hour}:05:00Z",
            "day": "2026-11-23", "pain_stops": [stop]})  # fmt: skip
    doc = page(client.get("/today"))
    assert doc.select_one("a[href='/session']") is None
    assert "Nothing fits today" in doc.text
    assert client.get("/session", follow_redirects=False).headers["location"] == "/today"


def test_the_check_comes_in_steps_and_an_emergency_yes_ends_it(client: Any) -> None:
    register(client)
    doc = page(client.get("/check"))
    titles = [h.text for h in doc.select(".check-step h2")]
    assert titles[0] == "Step 1 of 4: Signs that need help now"
    first = doc.select(".check-step")[0].select("input[value=yes]")
    assert {i["data-level"] for i in first} == {"emergency"}
    r = submit(client, "/check", {"chest_pain": "no", "serious_accident": "yes"})
    assert r.status_code == 303  # the questions not reached count as no
    stored = api(client, "GET", "/api/plan").json()
    assert stored["blocked_reason"] == "red_flag"
    r = submit(client, "/check", {"chest_pain": "no", "fever": "yes"})
    assert r.status_code == 422  # without an emergency yes, every question needs an answer


def test_a_clear_check_never_says_you_can_start_while_both_legs_still_block(client: Any) -> None:
    register(client)
    submit(client, "/check", ALL_NO)
    submit(client, "/profile", {**PROFILE, "side": "both"})
    submit(client, "/check", ALL_NO)
    doc = page(client.get("/check/result"))
    assert "You can start" not in doc.text
    assert "both legs" in doc.select_one(".advice-blocked").text  # type: ignore[union-attr]


def test_the_profile_form_names_every_bad_field_at_once(client: Any) -> None:
    register(client)
    submit(client, "/check", ALL_NO)
    r = submit(client, "/profile", {**PROFILE, "minutes": "0", "age": "3",
                                    "pregnancy_weeks": "60", "country": "XX"})  # fmt: skip
    assert r.status_code == 422
    doc = page(r)
    for field in ("minutes", "age", "pregnancy_weeks", "country"):
        assert doc.select_one(f"#{field}-error") is not None, field
    summary = [a["href"] for a in doc.select("#error-summary a")]
    assert {"#minutes", "#age", "#pregnancy_weeks", "#country"} <= set(summary)
    assert api(client, "GET", "/api/profile").json()["minutes"] == 20  # nothing saved
