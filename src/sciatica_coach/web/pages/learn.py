"""The learn pages: what sciatica is, its causes, risk factors and the safety rules."""

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import Response

from sciatica_coach.catalog import load_catalog, load_education
from sciatica_coach.catalog.views import routine_document
from sciatica_coach.web.pages.common import render

router = APIRouter()


@router.get("/learn")
def learn_index(request: Request) -> Response:
    context = {
        "title": "Learn about sciatica",
        "nav": "learn",
        "topics": load_education().topics,
        "routines": load_catalog().routines,
    }
    return render(request, "learn.html", context)


@router.get("/learn/{topic_id}")
def learn_topic(request: Request, topic_id: str) -> Response:
    topics = {t.id: t for t in load_education().topics}
    topic = topics.get(topic_id)
    if topic is None:
        raise HTTPException(status_code=404, detail="There is no such topic.")
    context = {"title": topic.title, "nav": "learn", "topic": topic, "topics": topics.values()}
    return render(request, "topic.html", context)


@router.get("/techniques/{routine_id}")
def technique(request: Request, routine_id: str) -> Response:
    """One technique of the article, step by step."""
    routines = {r.id: r for r in load_catalog().routines}
    routine = routines.get(routine_id)
    if routine is None:
        raise HTTPException(status_code=404, detail="There is no such technique.")
    context = {
        "title": routine.title,
        "nav": "learn",
        "routine": routine,
        "doc": routine_document(routine),
    }
    return render(request, "technique.html", context)
