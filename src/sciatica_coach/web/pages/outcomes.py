"""The questionnaires' pages: what is due, the answers over time, and each questionnaire's
form in its published words."""

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import Response

from sciatica_coach.errors import InvalidInput
from sciatica_coach.outcomes import Kind, questionnaire
from sciatica_coach.services.outcomes import answer, outcome_tracks, psfs_activities
from sciatica_coach.web.context import get_web
from sciatica_coach.web.deps import Form, PageUser
from sciatica_coach.web.pages.common import form_text, render, see_other

router = APIRouter()


@router.get("/outcomes")
def outcomes_page(request: Request, account: PageUser, done: str | None = None) -> Response:
    web = get_web(request)
    today = web.settings.today()
    found = outcome_tracks(web.store, account.id, today)
    saved = next((t for t in found if t.questionnaire.id == done), None)
    context = {"title": "Questionnaires", "nav": "outcomes", "tracks": found, "today": today,
               "saved": saved}  # fmt: skip
    return render(request, "outcomes.html", context)


def _form_page(
    request: Request, user_id: int, qid: str, values: dict[str, Any], errors: dict[str, str],
    status: int = 200,
) -> Response:  # fmt: skip
    web = get_web(request)
    q = questionnaire(qid)
    named = psfs_activities(outcome_tracks(web.store, user_id, web.settings.today()))
    context = {"title": q.title, "nav": "outcomes", "q": q, "values": values, "errors": errors,
               "named": named, "Kind": Kind}  # fmt: skip
    return render(request, "questionnaire.html", context, status)


@router.get("/outcomes/{qid}")
def questionnaire_page(request: Request, account: PageUser, qid: str) -> Response:
    if qid not in ("rmdq", "psfs", "pgic"):
        return render(request, "error.html", {"title": "Not found"}, 404)
    return _form_page(request, account.id, qid, {}, {})


def answers_from(qid: str, form: Any) -> dict[str, Any]:
    """The form's fields as the questionnaire's JSON answers (scoring refuses what is wrong)."""
    q = questionnaire(qid)
    if q.kind is Kind.CHECKLIST:
        return {str(n): form.get(f"item-{n}") == "yes" for n in range(1, len(q.items) + 1)}
    if q.kind is Kind.ACTIVITIES:
        activities = []
        for n in range(1, q.max_activities + 1):
            name, rating = form_text(form, f"name-{n}"), form_text(form, f"score-{n}")
            if not name and not rating:
                continue
            score: int | str | None = int(rating) if rating.isdigit() else (rating or None)
            activities.append({"name": name, "score": score})
        return {"activities": activities}
    chosen = form_text(form, "answer")
    return {"answer": int(chosen) if chosen.isdigit() else None}


@router.post("/outcomes/{qid}")
def questionnaire_form(request: Request, account: PageUser, qid: str, form: Form) -> Response:
    if qid not in ("rmdq", "psfs", "pgic"):
        return render(request, "error.html", {"title": "Not found"}, 404)
    values = {k: v for k, v in form.items() if isinstance(v, str)}
    web = get_web(request)
    try:
        answer(web.store, account.id, qid, answers_from(qid, form), web.settings.today())
    except InvalidInput as error:
        field = error.field.replace("activity ", "").replace(" name", "").replace(" score", "")
        message = f"{error.field.capitalize()}: {error.allowed}"
        target = {"answer": "answer-1"}.get(field, f"name-{field}" if field.isdigit() else "form")
        return _form_page(request, account.id, qid, values, {target: message}, status=422)
    return see_other(f"/outcomes?done={qid}")
