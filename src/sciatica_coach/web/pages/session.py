"""The session page: the browser player (static/player.js) plays GET /api/timeline."""

from fastapi import APIRouter, Request
from fastapi.responses import Response

from sciatica_coach.web.context import get_web
from sciatica_coach.web.deps import PageUser
from sciatica_coach.web.pages.common import render

router = APIRouter()


@router.get("/session")
def session_page(request: Request, account: PageUser) -> Response:
    web = get_web(request)
    context = {"title": "Session", "nav": "today", "speed": web.settings.player_speed}
    return render(request, "session.html", context)
