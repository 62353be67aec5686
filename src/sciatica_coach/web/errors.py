"""Errors become answers once, here: JSON for the API, a page for people."""

from urllib.parse import quote

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, RedirectResponse, Response
from sqlalchemy.exc import InterfaceError, OperationalError
from starlette.exceptions import HTTPException

from sciatica_coach.errors import CoachError, InvalidInput, UnknownRoutine
from sciatica_coach.web.auth import LoginRequired
from sciatica_coach.web.context import get_web
from sciatica_coach.web.security import CsrfFailed


def _is_api(request: Request) -> bool:
    return request.url.path.startswith("/api/")


def field_of(exc: CoachError) -> str:
    if isinstance(exc, InvalidInput):
        return exc.field
    if isinstance(exc, UnknownRoutine):
        return "routine_id"
    return "body"


def invalid_json(field: str, message: str) -> JSONResponse:
    """The shape of FastAPI's own 422, so every 422 names its field the same way."""
    return JSONResponse(
        {"detail": [{"loc": ["body", field], "msg": message, "type": "invalid_input"}]},
        status_code=422,
    )


def error_page(request: Request, status: int, title: str, message: str) -> Response:
    web = get_web(request)
    return web.templates.TemplateResponse(
        request, "error.html", {"title": title, "message": message}, status_code=status
    )


def without_value(exc: CoachError) -> str:
    """The message for a web answer: the field and what is allowed, never the value sent
    (the CLI's message names it; an answer would send it back, a log would keep it)."""
    if isinstance(exc, InvalidInput):
        return f"{exc.field}: not allowed; {exc.allowed}"
    if isinstance(exc, UnknownRoutine):
        return f"routine_id: unknown routine; valid ids: {', '.join(exc.valid)}"
    return str(exc)


async def on_coach_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, CoachError)
    if _is_api(request):
        return invalid_json(field_of(exc), without_value(exc))
    return error_page(request, 422, "That did not work", without_value(exc))


async def on_invalid_request(request: Request, exc: Exception) -> Response:
    """FastAPI's 422 without the `input` and `ctx` it would echo: which field, what is wrong."""
    assert isinstance(exc, RequestValidationError)
    detail = [
        {"loc": list(e.get("loc", ())), "msg": str(e.get("msg", "")), "type": e.get("type", "")}
        for e in exc.errors()
    ]
    return JSONResponse({"detail": detail}, status_code=422)


async def on_csrf(request: Request, exc: Exception) -> Response:
    message = "The form had expired or came from another site. Go back, reload and try again."
    if _is_api(request):
        return JSONResponse({"detail": "CSRF token missing or wrong"}, status_code=403)
    return error_page(request, 403, "Please try again", message)


async def on_login_required(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, LoginRequired)
    return RedirectResponse(f"/login?next={quote(exc.next_path)}", status_code=303)


async def on_http_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, HTTPException)
    if _is_api(request) or exc.status_code < 400:
        return JSONResponse(
            {"detail": exc.detail}, status_code=exc.status_code, headers=exc.headers
        )
    title = "Not found" if exc.status_code == 404 else "Something is wrong"
    response = error_page(request, exc.status_code, title, str(exc.detail))
    response.headers.update(exc.headers or {})
    return response


async def on_database_down(request: Request, exc: Exception) -> Response:
    """The database went away (restarted, failed over) or stayed locked too long. The pool
    reconnects on the next request, so this one asks to be tried again instead of a 500."""
    message = "The database is not answering just now. Please try again in a moment."
    headers = {"Retry-After": "2"}
    if _is_api(request):
        return JSONResponse({"detail": message}, status_code=503, headers=headers)
    response = error_page(request, 503, "Please try again", message)
    response.headers.update(headers)
    return response


def install(app: FastAPI) -> None:
    app.add_exception_handler(CoachError, on_coach_error)
    app.add_exception_handler(RequestValidationError, on_invalid_request)
    app.add_exception_handler(CsrfFailed, on_csrf)
    app.add_exception_handler(LoginRequired, on_login_required)
    app.add_exception_handler(HTTPException, on_http_error)
    app.add_exception_handler(OperationalError, on_database_down)
    app.add_exception_handler(InterfaceError, on_database_down)
