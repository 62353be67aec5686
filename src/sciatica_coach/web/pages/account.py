"""Register, sign in, sign out, and the reader's text size."""

from fastapi import APIRouter, Request
from fastapi.responses import Response

from sciatica_coach.errors import InvalidInput
from sciatica_coach.web.auth import authenticate, current_account, register, sign_in, sign_out
from sciatica_coach.web.context import get_web
from sciatica_coach.web.deps import Form
from sciatica_coach.web.limits import client_group
from sciatica_coach.web.pages.common import (
    TEXT_SIZE_COOKIE,
    form_text,
    render,
    safe_next,
    see_other,
)

router = APIRouter()


@router.get("/register")
def register_page(request: Request) -> Response:
    return render(request, "register.html", {"title": "Create your account", "values": {}})


@router.post("/register")
def register_form(request: Request, form: Form) -> Response:
    username, password = form_text(form, "username"), str(form.get("password") or "")
    web = get_web(request)
    try:
        role = "clinician" if form_text(form, "role") == "clinician" else "patient"
        account = register(web, username, password, role, client_group(request))
    except InvalidInput as exc:
        context = {
            "title": "Create your account",
            "values": {"username": username},
            "errors": {exc.field: _sentence(exc)},
        }
        return render(request, "register.html", context, status=422)
    response = see_other("/")
    sign_in(web, request, response, account)
    return response


def _sentence(exc: InvalidInput) -> str:
    if exc.field == "username" and "nobody" in exc.allowed:
        return "That name is taken: choose another."
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


@router.get("/")
def home(request: Request) -> Response:
    account = current_account(request)
    if account is None:
        return render(request, "welcome.html", {"title": "Welcome"})
    from sciatica_coach.web.pages.journey import next_step

    if account.role == "clinician":
        return see_other("/patients")
    return see_other(next_step(get_web(request).store, account.id))
