"""The diary pages: log today's pain, see past days and sessions, edit or delete a day."""

from typing import Any

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import Response

from sciatica_coach.catalog import load_catalog
from sciatica_coach.errors import InvalidInput
from sciatica_coach.progress import DiaryEntry
from sciatica_coach.progress.diary import is_new_weakness
from sciatica_coach.progress.reach import WORDS as REACH_WORDS
from sciatica_coach.session import SessionRecord
from sciatica_coach.store.accounts import Account
from sciatica_coach.web.context import get_web
from sciatica_coach.web.deps import Form, PageUser, RowId
from sciatica_coach.web.pages.common import render, see_other
from sciatica_coach.web.pages.forms import (
    diary_values,
    entry_from_values,
    message_for,
    values_of,
)

router = APIRouter()
SAVED_MESSAGES = {
    "saved": "Saved.",
    "deleted": "Deleted.",
    "session": "Your session is saved. How is your pain now?",
}


def _titles() -> dict[str, str]:
    return {r.id: r.title for r in load_catalog().routines}


def _session_view(record: SessionRecord, titles: dict[str, str]) -> dict[str, Any]:
    def name(routine_id: str, side: object) -> str:
        title = titles.get(routine_id, routine_id)
        return f"{title} ({side})" if side else title

    return {
        "day": record.day,
        "done": [name(c.routine_id, c.side) for c in record.completed],
        "stops": [
            {"what": name(p.routine_id, p.side), "severity": p.severity} for p in record.pain_stops
        ],
        "feeling": record.feeling.value if record.feeling else None,
        "finished": record.finished,
    }


def _diary_page(
    request: Request,
    account: Account,
    values: dict[str, str],
    errors: dict[str, str] | None = None,
    status: int = 200,
) -> Response:
    web = get_web(request)
    entries = web.store.entries(account.id)
    titles = _titles()
    sessions = [_session_view(s, titles) for s in reversed(web.store.sessions(account.id))]
    today = web.settings.today()
    flash = request.query_params.get("done")
    context = {
        "title": "Pain diary",
        "nav": "diary",
        "entries": list(reversed(entries)),
        "sessions": sessions[:30],
        "values": values,
        "errors": errors or {},
        "today": today,
        "logged_today": any(e.day == today for e in entries),
        "message": SAVED_MESSAGES.get(flash or ""),
        "new_weakness": request.query_params.get("weakness") == "new",
        "reach_words": REACH_WORDS,
    }
    return render(request, "diary.html", context, status=status)


@router.get("/diary")
def diary_page(request: Request, account: PageUser) -> Response:
    """The diary, with the form filled in with today's entry when there is one."""
    web = get_web(request)
    today = web.settings.today()
    logged = web.store.entries(account.id, today, today)
    values = values_of(logged[0]) if logged else {"date": today.isoformat()}
    return _diary_page(request, account, values)


@router.post("/diary")
def diary_add(request: Request, form: Form, account: PageUser) -> Response:
    web = get_web(request)
    values = diary_values(form)
    try:
        entry = entry_from_values(values, web.settings.today())
    except InvalidInput as exc:
        return _diary_page(request, account, values, {exc.field: message_for(exc)}, 422)
    earlier = web.store.entries(account.id, end=entry.day)
    stored = web.store.put_entry(account.id, entry)
    weakness = "&weakness=new" if is_new_weakness(stored, earlier) else ""
    return see_other(f"/diary?done=saved{weakness}")


def _own_entry(request: Request, account: Account, entry_id: int) -> DiaryEntry:
    found = get_web(request).store.entry(account.id, entry_id)
    if found is None:
        raise HTTPException(status_code=404, detail="There is no such diary entry.")
    return found


def _edit_page(
    request: Request,
    entry_id: RowId,
    values: dict[str, str],
    errors: dict[str, str] | None = None,
    status: int = 200,
) -> Response:
    context = {
        "title": "Change a diary entry",
        "nav": "diary",
        "entry_id": entry_id,
        "values": values,
        "errors": errors or {},
        "today": get_web(request).settings.today(),
    }
    return render(request, "diary_edit.html", context, status=status)


@router.get("/diary/{entry_id}/edit")
def diary_edit(request: Request, entry_id: RowId, account: PageUser) -> Response:
    return _edit_page(request, entry_id, values_of(_own_entry(request, account, entry_id)))


@router.post("/diary/{entry_id}")
def diary_update(
    request: Request,
    entry_id: RowId,
    form: Form,
    account: PageUser,
) -> Response:
    web = get_web(request)
    _own_entry(request, account, entry_id)
    values = diary_values(form)
    try:
        entry = entry_from_values(values, web.settings.today())
        web.store.replace_entry(account.id, entry_id, entry)
    except InvalidInput as exc:
        return _edit_page(request, entry_id, values, {exc.field: message_for(exc)}, 422)
    return see_other("/diary?done=saved")


@router.post("/diary/{entry_id}/delete")
def diary_delete(request: Request, entry_id: RowId, account: PageUser) -> Response:
    if not get_web(request).store.delete_entry_id(account.id, entry_id):
        raise HTTPException(status_code=404, detail="There is no such diary entry.")
    return see_other("/diary?done=deleted")
