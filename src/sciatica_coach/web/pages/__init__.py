"""The server-rendered pages."""

from fastapi import APIRouter

from sciatica_coach.web import exports
from sciatica_coach.web.pages import (
    account,
    care,
    diary,
    figures,
    journey,
    learn,
    offline,
    outcomes,
    progress,
)

ROUTERS = [
    *(
        m.router
        for m in (account, care, diary, figures, journey, learn, offline, outcomes, progress)
    ),
    exports.pages,
]


def router() -> APIRouter:
    pages = APIRouter(include_in_schema=False)
    for module_router in ROUTERS:
        pages.include_router(module_router)
    return pages
