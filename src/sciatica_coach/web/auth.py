"""Accounts and signed-in browsers: argon2 password hashes, and sessions kept in the
database behind a signed, HttpOnly, SameSite=Lax cookie."""

import hashlib
import re
import secrets
from datetime import timedelta
from functools import cache
from importlib import resources

from argon2.exceptions import InvalidHashError, VerificationError
from fastapi import HTTPException, Request, Response
from itsdangerous import BadSignature
from starlette.requests import HTTPConnection

from sciatica_coach.errors import InvalidInput
from sciatica_coach.store import accounts
from sciatica_coach.store.accounts import Account
from sciatica_coach.web import limits
from sciatica_coach.web.context import Web, get_web
from sciatica_coach.web.security import (
    SESSION_COOKIE,
    csrf_cookie_header,
    new_csrf_token,
    session_binding,
)

USERNAME = re.compile(r"^[A-Za-z0-9._@-]{3,80}$")
USERNAME_ALLOWED = "3 to 80 letters, digits or . _ @ -"


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


MIN_DIFFERENT_CHARACTERS = 5


def check_new_credentials(web: Web, username: str, password: str) -> None:
    """A name the web allows, and a password that is long enough, varied enough (not eight
    spaces), not the name, and not on the list of passwords known from breaches."""
    if not USERNAME.match(username):
        raise InvalidInput("username", username, USERNAME_ALLOWED)
    minimum = web.settings.min_password_length
    hidden = "*" * len(password)
    if len(password) < minimum:
        raise InvalidInput("password", hidden, f"at least {minimum} characters")
    if len(set(password)) < MIN_DIFFERENT_CHARACTERS:
        raise InvalidInput(
            "password", hidden, f"at least {MIN_DIFFERENT_CHARACTERS} different characters"
        )
    lowered, name = password.lower(), username.lower()
    if name in lowered or lowered in name:
        raise InvalidInput("password", hidden, "a password that is not your name")
    if lowered in common_passwords() or lowered.strip() in common_passwords():
        raise InvalidInput(
            "password", hidden, "a password that is not a common one (found in data breaches)"
        )


@cache
def common_passwords() -> frozenset[str]:
    text = (resources.files("sciatica_coach.web") / "common_passwords.txt").read_text()
    return frozenset(line.strip().lower() for line in text.splitlines() if line and line[0] != "#")


def register(
    web: Web, username: str, password: str, role: str = "patient", group: str = "unknown"
) -> Account:
    """A new account, signed in by the caller. Limited per address (it must tell when a name
    is taken, so it cannot be a free oracle of who has an account)."""
    now = web.settings.clock()
    limits.register_attempt(web.store, group, now, web.settings.register_per_hour)
    check_new_credentials(web, username, password)
    if accounts.user_by_name(web.store, username) is not None:  # before paying for a hash
        raise InvalidInput("username", username, "a name that nobody uses yet")
    digest = web.hasher.hash(password)
    return accounts.create_user(web.store, username, digest, now, role)


def change_password(
    web: Web, account: Account, current: str, new: str, group: str = "unknown"
) -> None:
    """The current password confirms it (throttled as a sign-in), the new one follows the
    same rules as at sign-up; every other browser is signed out."""
    if authenticate(web, account.username, current, group) is None:
        raise InvalidInput("current_password", "*" * len(current), "your current password")
    check_new_credentials(web, account.username, new)
    accounts.change_password(web.store, account.id, web.hasher.hash(new))


def authenticate(web: Web, username: str, password: str, group: str = "unknown") -> Account | None:
    """The account when the password is right, else None (the same for an unknown name).
    Throttled before any hashing (`limits.login_attempt`): too many tries answer 429."""
    now = web.settings.clock()
    attempt = limits.login_attempt(web.store, username, group, now)
    try:
        account = _check_password(web, username, password)
    except HTTPException:  # no hashing slot came free: this guess was never checked
        limits.unchecked(web.store, attempt)
        raise
    if account is not None:
        limits.succeeded(web.store, attempt, now)
    return account


def _check_password(web: Web, username: str, password: str) -> Account | None:
    account = accounts.user_by_name(web.store, username)
    stored = account.password_hash if account else None
    try:
        web.hasher.verify(stored or web.dummy_hash, password)
    except (VerificationError, InvalidHashError):
        return None
    if account is None or stored is None:
        return None
    if web.hasher.check_needs_rehash(stored):
        accounts.set_password_hash(web.store, account.id, web.hasher.hash(password))
    return account


def _session_token(web: Web, request: HTTPConnection) -> str | None:
    cookie = request.cookies.get(SESSION_COOKIE)
    if not cookie:
        return None
    try:
        return web.session_signer.unsign(cookie).decode()
    except BadSignature:
        return None


def sign_in(web: Web, request: Request, response: Response, account: Account) -> None:
    """Start a new session (the browser's old one, if any, ends: no session fixation) and
    give the browser a new CSRF token with it."""
    now = web.settings.clock()
    token = secrets.token_urlsafe(32)
    old = _session_token(web, request)
    accounts.start_session(
        web.store,
        account.id,
        token_hash(token),
        now,
        now + timedelta(days=web.settings.session_days),
        replacing=token_hash(old) if old else None,
    )
    cookie = web.session_signer.sign(token).decode()
    response.set_cookie(
        SESSION_COOKIE,
        cookie,
        max_age=web.settings.session_days * 86400,
        httponly=True,
        samesite="lax",
        secure=web.settings.cookie_secure,
    )
    rotate_csrf(web, request, response, cookie)


def rotate_csrf(
    web: Web, request: Request, response: Response, session_cookie: str | None = None
) -> None:
    """A new CSRF token, bound to the session cookie the browser will hold from now on."""
    token = new_csrf_token(web.csrf_signer, session_binding(session_cookie))
    request.state.csrf_token = token
    request.state.csrf_rotated = True
    response.headers.append("set-cookie", csrf_cookie_header(token, web.settings.cookie_secure))


def sign_out(web: Web, request: Request, response: Response) -> None:
    """End the session on the server, not only in this browser."""
    token = _session_token(web, request)
    if token:
        accounts.end_session(web.store, token_hash(token))
    response.delete_cookie(
        SESSION_COOKIE, httponly=True, samesite="lax", secure=web.settings.cookie_secure
    )
    rotate_csrf(web, request, response)


def session_id(web: Web, request: HTTPConnection) -> str | None:
    """The stored id of the browser's session (its token's hash), or None signed out."""
    token = _session_token(web, request)
    return token_hash(token) if token else None


def current_account(request: Request) -> Account | None:
    """The signed-in account, looked up once per request."""
    if hasattr(request.state, "account"):
        found: Account | None = request.state.account
        return found
    web = get_web(request)
    token = _session_token(web, request)
    account = (
        accounts.session_account(web.store, token_hash(token), web.settings.clock())
        if token
        else None
    )
    request.state.account = account
    return account


def connection_account(web: Web, connection: HTTPConnection) -> Account | None:
    """The account signed in on a connection that is not a request (a WebSocket)."""
    token = _session_token(web, connection)
    if not token:
        return None
    return accounts.session_account(web.store, token_hash(token), web.settings.clock())


async def api_account(request: Request) -> Account:
    """API routes: 401 without a session. Async: the session row is one read by primary key
    (never blocked by a writer on either database), cheaper on the event loop than a hop to
    a worker thread and back."""
    account = current_account(request)
    if account is None:
        raise HTTPException(status_code=401, detail="Not signed in")
    return account


class LoginRequired(Exception):
    def __init__(self, next_path: str) -> None:
        self.next_path = next_path


async def page_account(request: Request) -> Account:
    """Pages: without a session, go to the sign-in page and come back afterwards."""
    account = current_account(request)
    if account is None:
        raise LoginRequired(request.url.path)
    return account
