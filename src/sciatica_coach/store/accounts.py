"""Accounts for the web app: users with passwords, signed-in browsers, and the server's own
secrets. Password hashing and token making stay in the web layer; this module only stores."""

import hashlib
import hmac
import secrets
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import bindparam, delete, or_, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from sciatica_coach.errors import InvalidInput
from sciatica_coach.store import schema, summaries
from sciatica_coach.store.convert import to_utc
from sciatica_coach.store.repository import Store
from sciatica_coach.store.tables import AppSecret, PushSubscription, User, WebSession, name_key


@dataclass(frozen=True)
class Account:
    id: int
    username: str
    role: str
    password_hash: str | None


def _account(user: User) -> Account:
    return Account(user.id, user.username, user.role, user.password_hash)


def create_user(
    store: Store, username: str, password_hash: str, now: datetime, role: str = "patient"
) -> Account:
    """A new account; a name already taken, in any case, is bad input on `username`."""
    try:
        with store.transaction() as s:
            user = User(
                username=username,
                name_key=name_key(username),
                password_hash=password_hash,
                role=role,
                created_at=to_utc(now),
            )
            s.add(user)
            s.flush()
            summaries.refresh(s, [user.id])
            return _account(user)
    except IntegrityError:
        raise InvalidInput("username", username, "a name that nobody uses yet") from None


def user_by_name(store: Store, username: str) -> Account | None:
    """The web account with this name, whatever its case (the exact spelling first: accounts
    from before names were compared so keep theirs). Never the CLI's local user."""
    if len(username) > 80:
        return None
    with store.reading() as s:
        users = s.scalars(
            select(User)
            .where(or_(User.name_key == name_key(username), User.username == username))
            .where(User.is_local.is_(False))
        ).all()
    exact = [u for u in users if u.username == username]
    found = exact or [u for u in users if u.name_key == name_key(username)]
    return _account(found[0]) if found else None


def set_password_hash(store: Store, user_id: int, password_hash: str) -> None:
    with store.transaction() as s:
        user = s.get(User, user_id)
        if user is not None:
            user.password_hash = password_hash


def change_password(store: Store, user_id: int, password_hash: str) -> None:
    """A new password, and every browser signed in with the old one signed out, together."""
    with store.transaction() as s:
        user = s.get(User, user_id)
        if user is None:
            raise InvalidInput("user", user_id, "an existing user")
        user.password_hash = password_hash
        s.execute(delete(WebSession).where(WebSession.user_id == user_id))


def start_session(
    store: Store,
    user_id: int,
    token_hash: str,
    now: datetime,
    expires_at: datetime,
    replacing: str | None = None,
) -> None:
    """Record a signed-in browser. The session it replaces (rotation on sign-in) and the
    user's expired sessions go in the same transaction."""
    with store.transaction() as s:
        if replacing is not None:
            s.execute(delete(WebSession).where(WebSession.id == replacing))
            _hand_over_push(s, replacing, token_hash, user_id)
        s.execute(
            delete(WebSession).where(
                WebSession.user_id == user_id, WebSession.expires_at <= to_utc(now)
            )
        )
        s.add(
            WebSession(
                id=token_hash,
                user_id=user_id,
                created_at=to_utc(now),
                expires_at=to_utc(expires_at),
            )
        )


_users, _sessions = schema.users.c, schema.web_sessions.c
# Every signed-in request reads its session row by primary key, with the user, in one
# statement built and compiled once. No cache: signing out ends a session at once on every
# worker.
_SESSION_ACCOUNT = (
    select(_users.id, _users.username, _users.role, _users.password_hash)
    .select_from(schema.web_sessions.join(schema.users, _users.id == _sessions.user_id))
    .where(_sessions.id == bindparam("id"), _sessions.expires_at > bindparam("now"))
)


def session_account(store: Store, token_hash: str, now: datetime) -> Account | None:
    """The account signed in with this token, if the session exists and has not expired."""
    with store.looking_once() as c:
        row = c.execute(_SESSION_ACCOUNT, {"id": token_hash, "now": to_utc(now)}).first()
    return None if row is None else Account(*row)


def end_session(store: Store, token_hash: str) -> None:
    """Sign a browser out; the reminders it was getting stop with it (a shared phone keeps
    nobody's reminders after they sign out)."""
    with store.transaction() as s:
        s.execute(delete(WebSession).where(WebSession.id == token_hash))
        s.execute(delete(PushSubscription).where(PushSubscription.session_id == token_hash))


def _hand_over_push(s: Session, old: str, new: str, user_id: int) -> None:
    """A browser signed in again: its push subscription stays with it if it is the same
    person's (and is now ended by the new session's sign-out); another person's ends."""
    s.execute(
        update(PushSubscription)
        .where(PushSubscription.session_id == old, PushSubscription.user_id == user_id)
        .values(session_id=new)
    )
    s.execute(delete(PushSubscription).where(PushSubscription.session_id == old))


def app_secret(
    store: Store, name: str, now: datetime, make: Callable[[], str] | None = None
) -> str:
    """The named secret, made once (by `make`; by default random, 256 bits) and shared by
    every worker: the first to store it wins, the others read it."""
    with store.reading() as s:
        found = s.scalar(select(AppSecret.value).where(AppSecret.name == name))
    if found is not None:
        return found
    try:
        with store.transaction() as s:
            value = make() if make is not None else secrets.token_urlsafe(32)
            s.add(AppSecret(name=name, value=value, created_at=to_utc(now)))
            return value
    except IntegrityError:  # another worker made it first
        return app_secret(store, name, now)


def export_key(store: Store, user_id: int, now: datetime) -> str:
    """A stable, unguessable key for one person's exports (FHIR ids, calendar UIDs): the
    installation's secret with the user's id and creation time, hashed. It differs between
    installations and for a new account that gets a deleted one's id; it never leaves."""
    with store.reading() as s:
        created = s.scalar(select(User.created_at).where(User.id == user_id))
    if created is None:
        raise InvalidInput("user", user_id, "an existing user")
    secret = app_secret(store, "export_key", now)
    message = f"{user_id}/{to_utc(created).isoformat()}".encode()
    return hmac.new(secret.encode(), message, hashlib.sha256).hexdigest()


def delete_user(store: Store, user_id: int) -> bool:
    """The account and everything it holds, in one transaction (rows cascade to the user)."""
    with store.transaction() as s:
        user = s.get(User, user_id)
        if user is None:
            return False
        s.delete(user)
        return True
