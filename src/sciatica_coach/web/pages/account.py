"""Register, sign in, sign out, the reader's text size, and the account page: your data,
reminders, a new password, and deleting the account."""

import json
from collections.abc import Callable
from datetime import date, datetime
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import Response

from sciatica_coach.errors import InvalidInput
from sciatica_coach.interop.ical import DAYS
from sciatica_coach.reminders import schedule
from sciatica_coach.safety.countries import country_names
from sciatica_coach.store import reminders as reminder_store
from sciatica_coach.web.auth import (
    authenticate,
    change_password,
    check_new_credentials,
    current_account,
    register,
    sign_in,
    sign_out,
)
from sciatica_coach.web.context import Web, get_web
from sciatica_coach.web.deps import Form, PageUser
from sciatica_coach.web.exports import download
from sciatica_coach.web.limits import client_group
from sciatica_coach.web.pages.common import (
    TEXT_SIZE_COOKIE,
    form_text,
    render,
    safe_next,
    see_other,
)

router = APIRouter()


def _register_page(
    request: Request, values: dict[str, str], errors: dict[str, str], status: int = 200
) -> Response:
    context = {
        "title": "Create your account",
        "values": values,
        "errors": errors,
        "countries": country_names(),
    }
    return render(request, "register.html", context, status=status)


@router.get("/register")
def register_page(request: Request) -> Response:
    return _register_page(request, {}, {})


@router.post("/register")
def register_form(request: Request, form: Form) -> Response:
    username, password = form_text(form, "username"), str(form.get("password") or "")
    country = form_text(form, "country").upper() or None
    web = get_web(request)
    try:
        if country is not None and country not in country_names():
            raise InvalidInput("country", country, "a country from the list, or none")
        role = "clinician" if form_text(form, "role") == "clinician" else "patient"
        account = register(web, username, password, role, client_group(request))
    except InvalidInput as exc:
        values = {"username": username, "country": country or ""}
        errors = _register_problems(web, username, password, exc)
        return _register_page(request, values, errors, status=422)
    if country is not None and role == "patient":  # the check's advice names its numbers
        web.store.save_profile(account.id, {"country": country})
    response = see_other("/check?done=account" if role == "patient" else "/")
    sign_in(web, request, response, account)
    return response


def _register_problems(
    web: Web, username: str, password: str, first: InvalidInput
) -> dict[str, str]:
    """Every problem at once: after the first, the name and the password are checked too (the
    password also against a stand-in name that is valid and unlike it, for when the name is
    wrong)."""
    problems = {first.field: _sentence(first, username, password)}
    if first.field == "password":
        return problems
    lowered = password.lower()
    stand_in = next(c * 80 for c in "xyz" if c * 80 not in lowered and lowered not in c * 80)
    for name in (username, stand_in):
        try:
            check_new_credentials(web, name, password)
        except InvalidInput as exc:
            problems.setdefault(exc.field, _sentence(exc, username, password))
    return problems


def _sentence(exc: InvalidInput, username: str, password: str) -> str:
    if exc.field == "username" and "nobody" in exc.allowed:
        return "That name is taken: choose another."
    if exc.field == "username" and not username:
        return "Choose a name to sign in with."
    if exc.field == "password" and not password:
        return "Choose a password."
    if exc.field == "password" and "your name" in exc.allowed:
        return "Choose a password that is not your name."
    if exc.field == "password" and "common" in exc.allowed:
        return "That password is known from data breaches: choose another."
    return f"Use {exc.allowed}."


@router.get("/login")
def login_page(request: Request, next: str | None = None) -> Response:
    context = {"title": "Sign in", "values": {}, "next": safe_next(next)}
    return render(request, "login.html", context)


@router.post("/login")
def login_form(request: Request, form: Form) -> Response:
    username, password = form_text(form, "username"), str(form.get("password") or "")
    target = safe_next(form_text(form, "next"))
    web = get_web(request)
    missing = {
        name: message
        for name, value, message in [
            ("username", username, "Enter your name."),
            ("password", password, "Enter your password."),
        ]
        if not value
    }
    if missing:
        context = {
            "title": "Sign in",
            "values": {"username": username},
            "next": target,
            "errors": missing,
        }
        return render(request, "login.html", context, status=422)
    account = authenticate(web, username, password, client_group(request))
    if account is None:
        context = {
            "title": "Sign in",
            "values": {"username": username},
            "next": target,
            "message": "That name and password do not match an account.",
        }
        return render(request, "login.html", context, status=401)
    response = see_other(target)
    sign_in(web, request, response, account)
    return response


@router.post("/logout")
def logout_form(request: Request) -> Response:
    response = see_other("/")
    sign_out(get_web(request), request, response)
    return response


@router.post("/text-size")
def text_size(request: Request, form: Form) -> Response:
    """Large text on or off for this browser (a display choice, not health data)."""
    response = see_other(safe_next(form_text(form, "next")))
    if form_text(form, "size") == "large":
        response.set_cookie(TEXT_SIZE_COOKIE, "large", max_age=31536000, samesite="lax")
    else:
        response.delete_cookie(TEXT_SIZE_COOKIE)
    return response


DAY_NAMES = dict(zip(DAYS, ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday",
                            "Saturday", "Sunday"), strict=True))  # fmt: skip
DONE = {
    "password": "Your password is changed. Other browsers signed in as you are signed out.",
    "reminders": "Your reminder times are saved.",
    "stopped": "No browser gets your reminders now.",
}


def _account_page(
    request: Request,
    errors: dict[str, str] | None = None,
    status: int = 200,
    reminders: dict[str, Any] | None = None,
) -> Response:
    web = get_web(request)
    account = current_account(request)
    assert account is not None
    context = {
        "title": "Your account",
        "nav": "account",
        "days": DAY_NAMES,
        "errors": errors or {},
        "done": DONE.get(str(request.query_params.get("done"))),
        "reminders": reminders or _reminders(web, account.id),
        "zones": schedule.zone_names(),
        "push_key": web.push_key,
    }
    return render(request, "account.html", context, status=status)


def _reminders(web: Web, user_id: int) -> dict[str, Any]:
    """The reminders form's values: the saved choice, or the defaults (no time zone yet: the
    page's script fills in the browser's)."""
    chosen = reminder_store.choice(web.store, user_id)
    shown = chosen or schedule.default_choice(None)
    nudge = schedule.nudge_time(shown)
    return {
        "saved": chosen is not None,
        "time": shown.at.strftime("%H:%M"),
        "days": list(shown.days),
        "time_zone": shown.time_zone if chosen else "",
        "evening": shown.evening,
        "review": shown.review,
        "evening_at": nudge.strftime("%H:%M") if nudge else None,
        "default_evening": schedule.times().evening.strftime("%H:%M"),
        "nudge_by": _nudge_by(),
        "browsers": reminder_store.browsers(web.store, user_id),
    }


def _nudge_by() -> str:
    """The latest reminder time that still gets an evening nudge."""
    rules = schedule.times()
    latest = datetime.combine(date.min, rules.evening) - rules.nudge_gap
    return latest.strftime("%H:%M")


@router.get("/account")
def account_page(request: Request, account: PageUser) -> Response:
    return _account_page(request)


@router.post("/account/reminders")
def reminders_form(request: Request, account: PageUser, form: Form) -> Response:
    """Save when the reminders come (to every browser that gets them)."""
    web = get_web(request)
    days = [str(d) for d in form.getlist("days")]
    at, zone = form_text(form, "time"), form_text(form, "time_zone")
    evening, review = form.get("evening") == "on", form.get("review") == "on"
    checks: dict[str, tuple[str, Callable[[], object]]] = {  # every problem, in form order
        "reminder-time": ("Enter a time as hours and minutes, such as 09:00.",
                          lambda: schedule.make_choice(["mon"], at, "UTC")),
        "reminder-days": ("Choose at least one day.", lambda: schedule.parse_days(days)),
        "time_zone": ("Choose your time zone from the list, such as Europe/London.",
                      lambda: schedule.zone(zone)),
    }  # fmt: skip
    errors = {}
    for field, (message, check) in checks.items():
        try:
            check()
        except InvalidInput:
            errors[field] = message
    if errors:
        values = {**_reminders(web, account.id), "time": at, "time_zone": zone,
                  "days": days, "evening": evening, "review": review}  # fmt: skip
        return _account_page(request, errors, status=422, reminders=values)
    chosen = schedule.make_choice(days, at, zone, evening, review)
    reminder_store.save_choice(web.store, account.id, chosen, web.settings.clock())
    return see_other("/account?done=reminders#reminders-title")


@router.post("/account/reminders/stop")
def reminders_stop_form(request: Request, account: PageUser) -> Response:
    """No browser gets this person's reminders any more (the times stay saved)."""
    reminder_store.unsubscribe(get_web(request).store, account.id)
    return see_other("/account?done=stopped#reminders-title")


@router.get("/account/export.json")
def export_json(request: Request, account: PageUser) -> Response:
    """Everything stored about you, to keep or to take elsewhere."""
    from sciatica_coach.services.account import all_my_data

    data = all_my_data(get_web(request).store, account.id, account.username)
    body = json.dumps(data, indent=2, ensure_ascii=False).encode()
    return download(body, "application/json", "sciatica-my-data.json")


@router.get("/account/fhir.json")
def fhir_json(request: Request, account: PageUser) -> Response:
    """Your health record as a FHIR R4 bundle (pseudonymous), for another health app."""
    from sciatica_coach.services.exports import fhir_export

    web = get_web(request)
    bundle = fhir_export(web.store, account.id, None, web.settings.clock())
    body = json.dumps(bundle, indent=2, ensure_ascii=False).encode()
    return download(body, "application/fhir+json", "sciatica-health-record.json")


@router.post("/account/password")
def password_form(request: Request, account: PageUser, form: Form) -> Response:
    web = get_web(request)
    current, new = str(form.get("current_password") or ""), str(form.get("new_password") or "")
    try:
        change_password(web, account, current, new, client_group(request))
    except InvalidInput as exc:
        field = "current_password" if exc.field == "current_password" else "new_password"
        return _account_page(request, {field: f"Use {exc.allowed}."}, status=422)
    response = see_other("/account?done=password")
    sign_in(web, request, response, account)  # this browser stays signed in
    return response


@router.post("/account/delete")
def delete_form(request: Request, account: PageUser, form: Form) -> Response:
    """Delete the account and everything in it, for good; the password confirms it."""
    from sciatica_coach.store.accounts import delete_user

    web = get_web(request)
    password = str(form.get("password") or "")
    if authenticate(web, account.username, password, client_group(request)) is None:
        errors = {"password": "That is not your password: nothing was deleted."}
        return _account_page(request, errors, status=422)
    response = see_other("/?done=deleted")
    sign_out(web, request, response)
    delete_user(web.store, account.id)
    return response


@router.get("/")
def home(request: Request) -> Response:
    account = current_account(request)
    if account is None:
        deleted = request.query_params.get("done") == "deleted"
        message = "Your account and everything in it are deleted." if deleted else None
        return render(request, "welcome.html", {"title": "Welcome", "done": message})
    from sciatica_coach.web.pages.journey import next_step

    if account.role == "clinician":
        return see_other("/patients")
    return see_other(next_step(get_web(request).store, account.id))
