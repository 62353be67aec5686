"""The journey before exercise: the red-flag check, the profile and today's plan."""

import re
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import Response

from sciatica_coach.catalog import load_catalog
from sciatica_coach.errors import InvalidInput
from sciatica_coach.plan.builder import plan_document
from sciatica_coach.safety.profile import ALLOWED, Equipment
from sciatica_coach.safety.screening import load_questions
from sciatica_coach.services.plan import load_profile, todays_plan
from sciatica_coach.services.screening import screen
from sciatica_coach.store import Store
from sciatica_coach.web import motion_ws
from sciatica_coach.web.api_journey import save_profile_changes
from sciatica_coach.web.context import get_web
from sciatica_coach.web.deps import Form, PageUser
from sciatica_coach.web.pages.common import render, see_other

router = APIRouter()
LEVEL_TITLES = {
    "emergency": "Get medical help now",
    "urgent": "See a doctor today",
    "soon": "Book a doctor in the next few days",
    "self_care": "No warning signs",
}
FLAGS = [
    ("hip_replacement", "I have had a hip replacement"),
    ("osteoporosis", "I have osteoporosis"),
    ("floor_difficulty", "A knee or hip problem makes kneeling or floor work hard"),
]
RISKS = [
    ("occupation_strain", "My work strains my back"),
    ("occupation_sitting", "My work keeps me sitting for long periods"),
    ("occupation_twisting", "My work makes me twist my back"),
    ("diabetes", "I have diabetes"),
    ("smoking", "I smoke"),
]
EQUIPMENT = [(Equipment.TENNIS_BALLS, "Two tennis balls"), (Equipment.TOWEL, "A towel or a sock")]


def next_step(store: Store, user_id: int) -> str:
    """Where a signed-in person goes next: the check first, then the profile, then today."""
    screening = store.latest_screening(user_id)
    if screening is None:
        return "/check"
    if screening.level.blocks:
        return "/check/result"
    if store.load_profile(user_id) is None:
        return "/profile"
    return "/today"


# the red-flag check


def _check_page(
    request: Request, answers: dict[str, str], missing: list[str], status: int = 200
) -> Response:
    context = {
        "title": "Check first",
        "nav": "today",
        "questions": load_questions().questions,
        "answers": answers,
        "missing": missing,
    }
    return render(request, "check.html", context, status=status)


@router.get("/check")
def check_page(request: Request, account: PageUser) -> Response:
    return _check_page(request, {}, [])


@router.post("/check")
def check_form(request: Request, account: PageUser, form: Form) -> Response:
    bank = load_questions()
    answers = {q.id: str(form.get(q.id) or "") for q in bank.questions}
    missing = [q for q, a in answers.items() if a not in ("yes", "no")]
    if missing:
        return _check_page(request, answers, missing, status=422)
    web = get_web(request)
    screen(web.store, account.id, {q: a == "yes" for q, a in answers.items()}, web.settings.clock())
    return see_other("/check/result")


@router.get("/check/result")
def check_result(request: Request, account: PageUser) -> Response:
    web = get_web(request)
    screening = web.store.latest_screening(account.id)
    if screening is None:
        return see_other("/check")
    bank = load_questions()
    texts = {q.id: q.text for q in bank.questions}
    levels = {q.id: q.level for q in bank.questions}
    reasons = sorted(
        (q for q, yes in screening.answers.items() if yes and q in texts),
        key=lambda q: levels[q].severity,
    )
    context = {
        "title": LEVEL_TITLES[screening.level.value],
        "nav": "today",
        "screening": screening,
        "advice": bank.advice[screening.level],
        "reasons": [texts[q] for q in reasons],
        "next": "/profile" if web.store.load_profile(account.id) is None else "/today",
    }
    return render(request, "check_result.html", context)


# the profile


def _profile_page(
    request: Request,
    values: dict[str, Any],
    errors: dict[str, str] | None = None,
    status: int = 200,
    first: bool = False,
) -> Response:
    context = {
        "title": "Your profile",
        "nav": "today",
        "values": values,
        "errors": errors or {},
        "flags": FLAGS,
        "risks": RISKS,
        "equipment": EQUIPMENT,
        "first": first,
    }
    return render(request, "profile.html", context, status=status)


@router.get("/profile")
def profile_page(request: Request, account: PageUser) -> Response:
    web = get_web(request)
    first = web.store.load_profile(account.id) is None
    values = _as_form(load_profile(web.store, account.id).to_data())
    return _profile_page(request, values, first=first)


def _as_form(data: dict[str, Any]) -> dict[str, Any]:
    return {k: ("" if v is None else v) for k, v in data.items()}


def _number(form: Any, name: str) -> int | None:
    text = str(form.get(name) or "").strip()
    if not text:
        return None
    if not text.isascii() or not text.isdigit():
        raise InvalidInput(name, text, ALLOWED.get(name, "a whole number"))
    return int(text)


def profile_changes(form: Any) -> dict[str, Any]:
    """The whole profile from the form (what is not ticked is no)."""
    changes: dict[str, Any] = {
        "age": _number(form, "age"),
        "pregnancy_weeks": _number(form, "pregnancy_weeks"),
        "equipment": [str(e) for e in form.getlist("equipment")],
        "side": str(form.get("side") or "") or None,
    }
    for name in ("minutes", "hold_seconds"):
        changes[name] = _number(form, name)
        if changes[name] is None:
            raise InvalidInput(name, "", ALLOWED[name])
    for name, _label in FLAGS + RISKS:
        changes[name] = bool(form.get(name))
    return changes


@router.post("/profile")
def profile_form(request: Request, account: PageUser, form: Form) -> Response:
    web = get_web(request)
    typed: dict[str, Any] = {
        k: form.get(k) or "" for k in ("age", "pregnancy_weeks", "minutes", "hold_seconds")
    }
    typed |= {"side": form.get("side") or "", "equipment": form.getlist("equipment")}
    typed |= {name: bool(form.get(name)) for name, _ in FLAGS + RISKS}
    try:
        save_profile_changes(web, account.id, profile_changes(form))
    except InvalidInput as exc:
        errors = {exc.field: f"Use {exc.allowed}."}
        return _profile_page(request, typed, errors, status=422)
    return see_other(next_step(web.store, account.id))


# today


def for_the_page(text: str) -> str:
    """The plan's reasons are worded for the terminal too: on a page, the profile and the
    check are pages, not commands."""
    text = re.sub(r"with `sciatica profile[^`]*`", "in your profile", text)
    text = re.sub(r"`sciatica profile[^`]*`", "your profile", text)
    text = re.sub(r" ?\(`sciatica check[^`]*`\)", "", text)
    return re.sub(r"`sciatica check[^`]*`", "the check", text)


def left_out(excluded: list[dict[str, Any]], titles: dict[str, str]) -> list[dict[str, Any]]:
    """What was left out, the techniques with the same reason together."""
    groups: dict[tuple[str, str | None], list[str]] = {}
    for e in excluded:
        groups.setdefault((for_the_page(e["reason"]), e["source"]), []).append(
            titles.get(e["id"], e["id"])
        )
    return [{"titles": t, "reason": r, "source": s} for (r, s), t in groups.items()]


@router.get("/today")
def today_page(request: Request, account: PageUser) -> Response:
    web = get_web(request)
    step = next_step(web.store, account.id)
    if step != "/today":
        return see_other(step)
    today = web.settings.today()
    document = plan_document(todays_plan(web.store, account.id, today))
    titles = {r.id: r.title for r in load_catalog().routines}
    routines = {r.id: r for r in load_catalog().routines}
    context = {
        "title": "Today",
        "nav": "today",
        "plan": document,
        "left_out": left_out(document["excluded"], titles),
        "routines": routines,
        "titles": titles,
        "logged_today": bool(web.store.entries(account.id, today, today)),
        "done_today": any(s.completed for s in web.store.sessions(account.id, today, today)),
    }
    return render(request, "today.html", context)


@router.get("/session")
def session_page(request: Request, account: PageUser) -> Response:
    """The browser player (static/player.js), once the check is clear and a profile is set."""
    web = get_web(request)
    step = next_step(web.store, account.id)
    if step != "/today":
        return see_other(step)
    plan = plan_document(todays_plan(web.store, account.id, web.settings.today()))
    if not plan["routines"]:
        return see_other("/today")  # nothing fits today: the plan page says why
    context = {
        "title": "Session",
        "nav": "today",
        "speed": web.settings.player_speed,
        "motion": motion_ws.motion_available(),
        "minutes": round(sum(r["seconds"] for r in plan["routines"]) / 60) or None,
    }
    return render(request, "session.html", context)
