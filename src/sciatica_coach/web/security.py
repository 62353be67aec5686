"""Security for every response and every state-changing request.

- Headers: a Content-Security-Policy with no inline script and nothing from other sites,
  no MIME sniffing, no referrer to other sites, and no framing (clickjacking).
- CSRF: every browser gets a signed random `csrf_token` cookie (readable by the page's own
  script). A state-changing request must send the same value back: forms in a hidden
  `csrf_token` field, API calls in the `X-CSRF-Token` header (double submit). Another site
  can make a browser send the cookie, but cannot read it, so it cannot echo it.
"""

import hmac
import secrets

from fastapi import Request
from itsdangerous import BadSignature, Signer
from starlette.datastructures import MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

CSRF_COOKIE = "csrf_token"
CSRF_HEADER = "x-csrf-token"
CSRF_FIELD = "csrf_token"
UNSAFE_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})

CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self'; "
    "connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; "
    "frame-ancestors 'none'"
)
# An SVG chart from matplotlib styles itself inline; as an <img> it can run no script anyway.
IMAGE_POLICY = "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'"
HEADERS = {
    "x-content-type-options": "nosniff",
    "referrer-policy": "same-origin",
    "x-frame-options": "DENY",
    "cross-origin-opener-policy": "same-origin",
    # The camera only for this site's own pages (the session player's motion coach).
    "permissions-policy": "camera=(self), microphone=(), geolocation=(), screen-wake-lock=(self)",
}


class CsrfFailed(Exception):
    """A state-changing request without the right CSRF token."""


def new_csrf_token(signer: Signer) -> str:
    return signer.sign(secrets.token_urlsafe(24)).decode()


def valid_csrf_token(signer: Signer, token: str | None) -> bool:
    if not token:
        return False
    try:
        signer.unsign(token)
    except BadSignature:
        return False
    return True


def check_csrf(request: Request, sent: str | None) -> None:
    cookie = request.cookies.get(CSRF_COOKIE)
    signer: Signer = request.app.state.web.csrf_signer
    if not (cookie and sent and hmac.compare_digest(cookie, sent)):
        raise CsrfFailed
    if not valid_csrf_token(signer, cookie):
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
    """Adds the security headers, and gives a browser without a valid CSRF cookie a new one
    (the token is on `request.state.csrf_token` for the templates)."""

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
        fresh = not valid_csrf_token(self.signer, token)
        if fresh:
            token = new_csrf_token(self.signer)
        state = scope.setdefault("state", {})
        state["csrf_token"] = token

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                for name, value in HEADERS.items():
                    headers.setdefault(name, value)
                headers.setdefault("content-security-policy", CONTENT_SECURITY_POLICY)
                if self.secure:  # served over HTTPS: browsers should never try plain HTTP
                    headers.setdefault("strict-transport-security", "max-age=31536000")
                rotated = state.get("csrf_rotated")
                if fresh and not rotated and token:
                    headers.append("set-cookie", csrf_cookie_header(token, self.secure))
            await send(message)

        await self.app(scope, receive, send_with_headers)
