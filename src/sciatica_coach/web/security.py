"""CSRF for every state-changing request (the headers every answer carries are in guard.py).

Every browser gets a signed random `csrf_token` cookie (readable by the page's own script). A
state-changing request must send the same value back: forms in a hidden `csrf_token` field,
API calls in the `X-CSRF-Token` header (double submit). Another site can make a browser send
the cookie, but cannot read it, so it cannot echo it.

The token is also bound to the browser's session: it carries a digest of the session cookie
it was made for (or of none), under the signature. A token planted from elsewhere (a sibling
subdomain can set cookies) or kept from before a sign-in does not match the session now in
the cookie, and is refused; signing in and out rotates it.
"""

import hashlib
import hmac
import secrets

from fastapi import Request
from itsdangerous import BadSignature, Signer
from starlette.types import ASGIApp, Message, Receive, Scope, Send

SESSION_COOKIE = "sciatica_session"
CSRF_COOKIE = "csrf_token"
CSRF_HEADER = "x-csrf-token"
CSRF_FIELD = "csrf_token"
UNSAFE_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})

# An SVG chart from matplotlib styles itself inline; as an <img> it can run no script anyway.
IMAGE_POLICY = "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'"


class CsrfFailed(Exception):
    """A state-changing request without the right CSRF token."""


def session_binding(session_cookie: str | None) -> str:
    """What a CSRF token is bound to: a digest of the session cookie, or "-" without one."""
    if not session_cookie:
        return "-"
    return hashlib.sha256(session_cookie.encode()).hexdigest()[:24]


def new_csrf_token(signer: Signer, binding: str = "-") -> str:
    return signer.sign(f"{secrets.token_urlsafe(24)}.{binding}").decode()


def valid_csrf_token(signer: Signer, token: str | None, binding: str = "-") -> bool:
    if not token:
        return False
    try:
        value = signer.unsign(token).decode()
    except (BadSignature, UnicodeDecodeError):
        return False
    return hmac.compare_digest(value.rpartition(".")[2], binding)


def _binding(request: Request) -> str:
    return session_binding(request.cookies.get(SESSION_COOKIE))


def check_csrf(request: Request, sent: str | None) -> None:
    cookie = request.cookies.get(CSRF_COOKIE)
    signer: Signer = request.app.state.web.csrf_signer
    if not (cookie and sent and hmac.compare_digest(cookie, sent)):
        raise CsrfFailed
    if not valid_csrf_token(signer, cookie, _binding(request)):
        raise CsrfFailed


async def csrf_header(request: Request) -> None:
    """API routes: the `X-CSRF-Token` header must echo the cookie (async: pure CPU, no
    worker-thread hop)."""
    if request.method in UNSAFE_METHODS:
        check_csrf(request, request.headers.get(CSRF_HEADER))


async def csrf_form(request: Request) -> None:
    """Page routes: the form's hidden `csrf_token` field must echo the cookie."""
    if request.method in UNSAFE_METHODS:
        form = await request.form()
        sent = form.get(CSRF_FIELD)
        check_csrf(request, sent if isinstance(sent, str) else None)


def csrf_cookie_header(token: str, secure: bool) -> str:
    flags = "; Secure" if secure else ""
    return f"{CSRF_COOKIE}={token}; Path=/; SameSite=Lax; Max-Age=31536000{flags}"


class SecurityMiddleware:
    """Gives a browser without a valid CSRF cookie for its session a new one (the token is
    on `request.state.csrf_token` for the templates)."""

    def __init__(self, app: ASGIApp, signer: Signer, secure_cookies: bool) -> None:
        self.app = app
        self.signer = signer
        self.secure = secure_cookies

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        request = Request(scope)
        token = request.cookies.get(CSRF_COOKIE)
        fresh = not valid_csrf_token(self.signer, token, _binding(request))
        if fresh:
            token = new_csrf_token(self.signer, _binding(request))
        state = scope.setdefault("state", {})
        state["csrf_token"] = token

        async def send_with_cookie(message: Message) -> None:
            if message["type"] == "http.response.start":
                rotated = state.get("csrf_rotated")
                if fresh and not rotated and token:
                    headers = list(message.get("headers", []))
                    cookie = csrf_cookie_header(token, self.secure)
                    headers.append((b"set-cookie", cookie.encode("latin-1")))
                    message = {**message, "headers": headers}
            await send(message)

        await self.app(scope, receive, send_with_cookie)
