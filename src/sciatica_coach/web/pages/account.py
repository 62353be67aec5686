"""Register, sign in, sign out, and the reader's text size."""

from fastapi import APIRouter, Request
from fastapi.responses import Response

from sciatica_coach.errors import InvalidInput
from sciatica_coach.web.auth import (
    authenticate,
    check_new_credentials,
    current_account,
    register,
    sign_in,
    sign_out,
)
from sciatica_coach.web.context import Web, get_web
from sciatica_coach.web.deps import Form
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
        account = register(web, username, password, role)
    except InvalidInput as exc:
        context = {
            "title": "Create your account",
            "values": {"username": username},
            "errors": _register_problems(web, username, password, exc),
        }
        return render(request, "register.html", context, status=422)
    response = see_other("/")
    sign_in(web, request, response, account)
    return response


def _register_problems(
    web: Web, username: str, password: str, first: InvalidInput
) -> dict[str, str]:
    """Every problem at once: when the name is wrong, the password is checked as well (with a
    stand-in name that is valid and is not this password)."""
    problems = {first.field: _sentence(first, username, password)}
    if first.field == "username":
        stand_in = "x" * 80 if password.lower() != "x" * 80 else "y" * 80
        try:
            check_new_credentials(web, stand_in, password)
        except InvalidInput as exc:
            problems[exc.field] = _sentence(exc, username, password)
    return problems


def _sentence(exc: InvalidInput, username: str, password: str) -> str:
    if exc.field == "username" and "nobody" in exc.allowed:
        return "That name is taken: choose another."
    if exc.field == "username" and not username:
        return "Choose a name to sign in with."
    if exc.field == "password" and not password:
        return "Choose a password."
    if exc.field == "password" and password.lower() == username.lower():
        return "Choose a password that is not your name."
    if exc.field == "password" and "common" in exc.allowed:
        return "That password is one of the most common ones: choose another."
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
    address = request.client.host if request.client else "unknown"
    account = authenticate(web, username, password, address)
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
