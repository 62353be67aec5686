"""The web app, built by `create_app(settings)`: nothing is opened at import."""

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager, suppress
from functools import cache

from fastapi import APIRouter, Depends, FastAPI
from fastapi.staticfiles import StaticFiles
from starlette.routing import BaseRoute
from starlette.types import ASGIApp

from sciatica_coach import __version__
from sciatica_coach.reminders.push import Sender, server_keys
from sciatica_coach.reminders.scheduler import Scheduler
from sciatica_coach.store import accounts, open_store
from sciatica_coach.web import (
    api_account,
    api_care,
    api_diary,
    api_journey,
    api_outcomes,
    api_push,
    api_sessions,
    errors,
    exports,
    motion_ws,
    pages,
)
from sciatica_coach.web.bodies import BodyGuard
from sciatica_coach.web.context import HERE, make_web
from sciatica_coach.web.guard import Guard
from sciatica_coach.web.security import SecurityMiddleware, csrf_form, csrf_header
from sciatica_coach.web.settings import Settings

API_ROUTERS = [
    api_account.router,
    api_diary.router,
    api_journey.router,
    api_sessions.router,
    api_outcomes.router,
    api_push.router,
    exports.api,
    api_care.router,
]


@cache
def routes() -> tuple[BaseRoute, ...]:
    """Every route of the app, built once per process. Including a router makes FastAPI
    analyse each route's parameters and dependencies again: most of `create_app`'s 36 ms of
    CPU, 13 ms with the routes shared. The routes hold nothing of one app (a request finds its
    app's state through the request), so every app a process makes (one per worker, one per
    test) shares them. A shared route does not see one app's `dependency_overrides`; nothing
    here uses them.

    Each API router hangs straight off the app (not through an "/api" router of routers):
    every level of included routers is matched again on every request."""
    routing = APIRouter()
    for router in API_ROUTERS:
        routing.include_router(router, prefix="/api", dependencies=[Depends(csrf_header)])
    routing.include_router(pages.router(), dependencies=[Depends(csrf_form)])
    routing.include_router(motion_ws.router)  # checks the session cookie and Origin itself
    return tuple(routing.routes)


class App(FastAPI):
    """FastAPI with `Guard` around its whole stack, Starlette's error middleware included:
    even a 500 gets the security headers, and no exception message reaches a log."""

    guard_hosts: tuple[str, ...] | None = None
    guard_secure: bool = False

    def build_middleware_stack(self) -> ASGIApp:
        return Guard(super().build_middleware_stack(), self.guard_hosts, self.guard_secure)


def create_app(settings: Settings) -> FastAPI:
    """The app on the database `settings` names (migrated to the newest schema)."""
    store = open_store(settings.database_url)
    secret = settings.secret_key or accounts.app_secret(store, "cookie_key", settings.clock())
    keys = server_keys(store, settings.clock())
    web = make_web(settings, store, secret, keys.public)

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        job = None
        if settings.reminders:  # every worker runs one; the database picks who sends what
            scheduler = Scheduler(
                store,
                Sender(keys, settings.push_contact),
                settings.clock,
                allow_loopback=settings.push_allow_loopback,
            )
            job = asyncio.create_task(scheduler.run(settings.reminder_tick_seconds))
        yield
        if job is not None:
            job.cancel()
            with suppress(asyncio.CancelledError):
                await job
        store.close()

    app = App(
        title="Sciatica Coach",
        version=__version__,
        summary="Self-care for sciatica: screening, a safe routine, guided sessions, a diary.",
        docs_url=None,  # the interactive docs load scripts from a CDN: not here
        redoc_url=None,
        openapi_url="/api/openapi.json",
        lifespan=lifespan,
    )
    app.state.web = web
    app.guard_hosts = settings.allowed_hosts
    app.guard_secure = settings.cookie_secure
    app.router.routes.extend(routes())
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")
    errors.install(app)
    app.add_middleware(
        SecurityMiddleware, signer=web.csrf_signer, secure_cookies=settings.cookie_secure
    )
    app.add_middleware(BodyGuard)  # outside the CSRF check: no body is read unbounded
    return app
