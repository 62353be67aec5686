"""The journey before exercise: the red-flag check, the profile and today's plan."""

from datetime import date
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import Response

from sciatica_coach.catalog import load_catalog
from sciatica_coach.errors import InvalidInput
from sciatica_coach.plan.builder import plan_document
from sciatica_coach.safety.countries import country_names
from sciatica_coach.safety.profile import ALLOWED, Equipment, Profile, updated
from sciatica_coach.safety.screening import load_questions, triage
from sciatica_coach.safety.status import coverable, wording
from sciatica_coach.services.plan import load_profile, todays_plan
from sciatica_coach.services.profile import change_profile
from sciatica_coach.services.screening import clear, screen
from sciatica_coach.store import Store
from sciatica_coach.web import motion_ws
from sciatica_coach.web.context import get_web
from sciatica_coach.web.deps import Form, PageUser
from sciatica_coach.web.pages.common import render, see_other

router = APIRouter()
SIGN_UP_FIELDS = {"country"}  # what sign-up may store before the profile form is filled in
DONE = {"profile": "Your profile is saved: today's routine follows it."}
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
    """Where a signed-in person goes next: the check first, then the profile, then today
    (which says why, when the programme is blocked)."""
    if store.latest_screening(user_id) is None:
        return "/check"
    stored = store.load_profile(user_id)
    if stored is None or set(stored) <= SIGN_UP_FIELDS:  # not filled in yet
        return "/profile"
    return "/today"


# the red-flag check


def _check_page(
    request: Request, answers: dict[str, str], missing: list[str], status: int = 200
) -> Response:
    done = request.query_params.get("done") == "account"
    bank = load_questions()
    texts = {q.id: q.text for q in bank.questions}
    steps = [
        (title, [q for q in bank.questions if q.level is level])
        for level, title in bank.steps.items()
    ]
    context = {
        "title": "Check first",
        "nav": "today",
        "steps": [(title, questions) for title, questions in steps if questions],
        "done": "Your account is ready. First, a few questions." if done else None,
        "questions": load_questions().questions,
        "answers": answers,
        "missing": missing,
        # every unanswered question at once, each linked to its "yes" (the error summary)
        "errors": {q: f"Answer yes or no: {texts[q]}" for q in missing},
        "fields": [(q, f"{q}-yes") for q in missing],
    }
    return render(request, "check.html", context, status=status)


@router.get("/check")
def check_page(request: Request, account: PageUser) -> Response:
    return _check_page(request, {}, [])


@router.post("/check")
def check_form(request: Request, account: PageUser, form: Form) -> Response:
    bank = load_questions()
    answers = {q.id: str(form.get(q.id) or "") for q in bank.questions}
    given = {q: a == "yes" for q, a in answers.items() if a in ("yes", "no")}
    missing = [] if bank.stops_early(given) else [q for q in answers if q not in given]
    if missing:
        return _check_page(request, answers, missing, status=422)
    web = get_web(request)
    screen(web.store, account.id, given, web.settings.clock())
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
    result = triage(
        {q: a for q, a in screening.answers.items() if q in texts},
        bank,
        load_profile(web.store, account.id).country,
    )
    plan = plan_document(todays_plan(web.store, account.id, web.settings.today()))
    context = {
        "title": wording().titles[screening.level],
        "nav": "today",
        "screening": screening,
        # a clear check never says "you can start" while something else still blocks
        "advice": None if plan["blocked"] and not screening.level.blocks else result.advice,
        "reasons": [texts[q] for q in reasons],
        "plan": plan,
        "can_clear": bool(coverable(screening, web.store.clearances(account.id))),
        "next": next_step(web.store, account.id),
    }
    return render(request, "check_result.html", context)


# a doctor's all-clear


@router.post("/clearance")
def clearance_form(request: Request, account: PageUser, form: Form) -> Response:
    """ "A doctor has checked these signs and said I can exercise": covers the latest check."""
    web = get_web(request)
    try:
        clear(web.store, account.id, str(form.get("note") or ""), web.settings.clock())
    except InvalidInput as exc:
        context = {"title": "Nothing to clear", "nav": "today", "message": exc.allowed}
        return render(request, "clearance_refused.html", context, status=422)
    return see_other("/today")


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
        "nav": "profile",
        "countries": country_names(),
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
    first = next_step(web.store, account.id) == "/profile"
    profile = load_profile(web.store, account.id)
    values = _as_form(
        {**profile.to_data(), "pregnancy_weeks": profile.pregnancy_week(web.settings.today())}
    )
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


def profile_changes(form: Any, today: date) -> tuple[dict[str, Any], dict[str, str]]:
    """The whole profile from the form (what is not ticked is no), and every field that is
    not allowed, each with what is (all of them at once, nothing saved)."""
    changes: dict[str, Any] = {
        "equipment": [str(e) for e in form.getlist("equipment")],
        "side": str(form.get("side") or "") or None,
        "country": str(form.get("country") or "") or None,
    }
    errors: dict[str, str] = {}
    for name in ("age", "pregnancy_weeks", "minutes", "hold_seconds"):
        try:
            changes[name] = _number(form, name)
            if changes[name] is None and name in ("minutes", "hold_seconds"):
                raise InvalidInput(name, "", ALLOWED[name])
        except InvalidInput as exc:
            errors[exc.field] = f"Use {exc.allowed}."
    for name, _label in FLAGS + RISKS:
        changes[name] = bool(form.get(name))
    for name, value in changes.items():  # each field on its own: every problem, not the first
        if name not in errors:
            try:
                updated(Profile(), {name: value}, today)
            except InvalidInput as exc:
                errors[exc.field] = f"Use {exc.allowed}."
    return changes, errors


@router.post("/profile")
def profile_form(request: Request, account: PageUser, form: Form) -> Response:
    web = get_web(request)
    typed: dict[str, Any] = {
        k: form.get(k) or "" for k in ("age", "pregnancy_weeks", "minutes", "hold_seconds")
    }
    typed |= {k: form.get(k) or "" for k in ("side", "country")}
    typed |= {"equipment": form.getlist("equipment")}
    typed |= {name: bool(form.get(name)) for name, _ in FLAGS + RISKS}
    changes, errors = profile_changes(form, web.settings.today())
    if errors:
        return _profile_page(request, typed, errors, status=422)
    change_profile(web.store, account.id, changes, web.settings.clock())
    step = next_step(web.store, account.id)
    return see_other(f"{step}?done=profile" if step == "/today" else step)


# today


def left_out(excluded: list[dict[str, Any]], titles: dict[str, str]) -> list[dict[str, Any]]:
    """What was left out, the techniques with the same reason together."""
    groups: dict[tuple[str, str | None], list[str]] = {}
    for e in excluded:
        groups.setdefault((e["reason"], e["source"]), []).append(titles.get(e["id"], e["id"]))
    return [{"titles": t, "reason": r, "source": s} for (r, s), t in groups.items()]


@router.get("/today")
def today_page(request: Request, account: PageUser) -> Response:
    web = get_web(request)
    today = web.settings.today()
    document = plan_document(todays_plan(web.store, account.id, today))
    if document["blocked"] and document["blocked_reason"] != "no_check":
        return _blocked_page(request, account.id, document, "Today")
    step = next_step(web.store, account.id)
    if step != "/today":
        return see_other(step)
    titles = {r.id: r.title for r in load_catalog().routines}
    routines = {r.id: r for r in load_catalog().routines}
    context = {
        "title": "Today",
        "nav": "today",
        "done": DONE.get(str(request.query_params.get("done"))),
        "plan": document,
        "left_out": left_out(document["excluded"], titles),
        "routines": routines,
        "titles": titles,
        "logged_today": bool(web.store.entries(account.id, today, today)),
        "done_today": any(s.completed for s in web.store.sessions(account.id, today, today)),
    }
    return render(request, "today.html", context)


def _blocked_page(request: Request, user_id: int, plan: dict[str, Any], title: str) -> Response:
    """No exercises today: the block's sentence, its next step and the actions that take it."""
    web = get_web(request)
    screening = web.store.latest_screening(user_id)
    context = {
        "title": title,
        "nav": "today",
        "plan": plan,
        "can_clear": bool(coverable(screening, web.store.clearances(user_id))),
    }
    return render(request, "blocked.html", context)


@router.get("/session")
def session_page(request: Request, account: PageUser) -> Response:
    """The browser player (static/player.js), once the check is clear and a profile is set."""
    web = get_web(request)
    plan = plan_document(todays_plan(web.store, account.id, web.settings.today()))
    if plan["blocked"] and plan["blocked_reason"] != "no_check":
        return _blocked_page(request, account.id, plan, "Session")
    step = next_step(web.store, account.id)
    if step != "/today":
        return see_other(step)
    if not plan["routines"]:
        return see_other("/today")  # nothing fits today: the plan page says why
    context = {
        "title": "Session",
        "nav": "today",
        "motion": motion_ws.motion_available(),
        "minutes": round(sum(r["seconds"] for r in plan["routines"]) / 60) or None,
    }
    return render(request, "session.html", context)
