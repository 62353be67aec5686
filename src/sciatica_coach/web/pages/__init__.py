"""The server-rendered pages."""

from fastapi import APIRouter

from sciatica_coach.web.pages import account, diary, learn, progress, session


def router() -> APIRouter:
    pages = APIRouter(include_in_schema=False)
    for module in (account, diary, learn, progress, session):
        pages.include_router(module.router)
    return pages
