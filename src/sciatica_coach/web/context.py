"""What every request handler shares: settings, the store, signers and the templates."""

import secrets
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from argon2 import PasswordHasher
from fastapi import Request
from fastapi.templating import Jinja2Templates
from itsdangerous import Signer
from starlette.requests import HTTPConnection

from sciatica_coach.figures import figure_alt
from sciatica_coach.store import Store
from sciatica_coach.web.dates import for_people
from sciatica_coach.web.hashing import HashGate
from sciatica_coach.web.settings import Settings

HERE = Path(__file__).parent


@dataclass(frozen=True)
class Web:
    settings: Settings
    store: Store
    session_signer: Signer
    csrf_signer: Signer
    hasher: HashGate
    templates: Jinja2Templates
    # Verified against when a name is unknown, so that a wrong name takes as long as a wrong
    # password and response times do not tell which names exist.
    dummy_hash: str
    # The server's VAPID public key: browsers subscribe to reminders with it.
    push_key: str = ""


@cache
def _templates() -> Jinja2Templates:
    """The pages' templates, one environment per process: each is compiled once, on first
    use, however many apps the process makes (the tests make hundreds)."""
    templates = Jinja2Templates(directory=str(HERE / "templates"))
    templates.env.filters["day"] = for_people  # {{ entry.day | day }}: "1 Dec 2026"
    templates.env.filters["figure_alt"] = figure_alt  # what a figure shows, for its alt
    return templates


def make_web(settings: Settings, store: Store, secret: str, push_key: str = "") -> Web:
    templates = _templates()
    argon2 = PasswordHasher(
        time_cost=settings.argon2_time_cost, memory_cost=settings.argon2_memory_kib
    )
    hasher = HashGate(argon2, settings.hash_slots, settings.hash_wait_seconds)
    return Web(
        settings=settings,
        store=store,
        session_signer=Signer(secret, salt="sciatica-session"),
        csrf_signer=Signer(secret, salt="sciatica-csrf"),
        hasher=hasher,
        templates=templates,
        dummy_hash=argon2.hash(secrets.token_urlsafe(16)),
        push_key=push_key,
    )


async def web_dependency(request: Request) -> Web:
    """`get_web` as a dependency (async: no worker-thread hop for a lookup)."""
    return get_web(request)


def get_web(request: HTTPConnection) -> Web:
    web: Web = request.app.state.web
    return web
