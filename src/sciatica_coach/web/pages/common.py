"""What every page shares: rendering with the signed-in account, the CSRF token and the
reader's text size."""

from typing import Any

from fastapi import Request
from fastapi.responses import HTMLResponse, RedirectResponse

from sciatica_coach.web.auth import current_account
from sciatica_coach.web.context import get_web

TEXT_SIZE_COOKIE = "text_size"


def render(
    request: Request, template: str, context: dict[str, Any] | None = None, status: int = 200
) -> HTMLResponse:
    web = get_web(request)
    values = {
        "account": current_account(request),
        "csrf_token": request.state.csrf_token,
        "large_text": request.cookies.get(TEXT_SIZE_COOKIE) == "large",
        **(context or {}),
    }
    response: HTMLResponse = web.templates.TemplateResponse(
        request, template, values, status_code=status
    )
    response.headers["cache-control"] = "no-store"  # health data: never from a shared cache
    return response


def see_other(path: str) -> RedirectResponse:
    """After a form: go to a page with GET, so reloading never posts twice."""
    return RedirectResponse(path, status_code=303)


def safe_next(path: str | None, default: str = "/") -> str:
    """Only paths on this site (no `//other.site`), so a link cannot send people away."""
    if path and path.startswith("/") and not path.startswith("//") and "\\" not in path:
        return path
    return default


def form_text(form: Any, name: str) -> str:
    value = form.get(name)
    return value.strip() if isinstance(value, str) else ""
