"""The diary pages: log today's pain, see past days and sessions, edit or delete a day."""

from datetime import date
from typing import Any

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import Response

from sciatica_coach.catalog import load_catalog
from sciatica_coach.errors import InvalidInput
from sciatica_coach.progress import DiaryEntry
from sciatica_coach.progress.models import EARLIEST
from sciatica_coach.progress.reach import WORDS as REACH_WORDS
from sciatica_coach.services.diary import weakness_is_new
from sciatica_coach.session import SessionRecord
from sciatica_coach.store.accounts import Account
from sciatica_coach.web.context import get_web
from sciatica_coach.web.dates import for_people
from sciatica_coach.web.deps import Form, PageUser, RowId
from sciatica_coach.web.pages.common import form_text, render, see_other
from sciatica_coach.web.pages.forms import (
    diary_check,
    diary_values,
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
        "skipped": [name(c.routine_id, c.side) for c in record.skipped],
        "stops": [
            {"what": name(p.routine_id, p.side), "severity": p.severity} for p in record.pain_stops
        ],
        "feeling": record.feeling.value if record.feeling else None,
        "finished": record.finished,
    }


def _day_asked(text: str | None, today: date) -> date:
    """The day the diary form shows: `?date=`, or today when it is missing or not a past day."""
    try:
        day = date.fromisoformat(text or "")
    except ValueError:
        return today
    return day if EARLIEST <= day <= today else today


def _diary_page(
    request: Request,
    account: Account,
    values: dict[str, str],
    errors: dict[str, str] | None = None,
    status: int = 200,
    shown: DiaryEntry | None = None,
    question: dict[str, Any] | None = None,
) -> Response:
    """`values` fill the form; `shown` is the stored entry of the form's day, if any; a
    `question` asks before a save that would replace a day or move the answers to another."""
    web = get_web(request)
    entries = web.store.entries(account.id)
    titles = _titles()
    sessions = [_session_view(s, titles) for s in reversed(web.store.sessions(account.id))]
    today = web.settings.today()
    flash = request.query_params.get("done")
    shown_day = _day_asked(values.get("date"), today)  # a bad date: the form is about today
    context = {
        "title": "Pain diary",
        "nav": "diary",
        "entries": list(reversed(entries)),
        "sessions": sessions[:30],
        "values": values,
        "errors": errors or {},
        "today": today,
        "shown_day": shown_day.isoformat(),
        "shown_words": for_people(shown_day),
        "entry_id": shown.id if shown else "",
        "question": question,
        "message": SAVED_MESSAGES.get(flash or ""),
        "new_weakness": request.query_params.get("weakness") == "new",
        "reach_words": REACH_WORDS,
    }
    return render(request, "diary.html", context, status=status)


def _entry_on(request: Request, account: Account, day: date) -> DiaryEntry | None:
    found = get_web(request).store.entries(account.id, day, day)
    return found[0] if found else None


def _question(day: date, existing: DiaryEntry | None) -> dict[str, Any]:
    """Before saving onto a day the form did not show: the day, and its entry if it has one."""
    return {"day": for_people(day), "date": day.isoformat(), "existing": existing}


@router.get("/diary")
def diary_page(request: Request, account: PageUser) -> Response:
    """The diary; its form edits the entry of one day (`?date=`, today by default): that
    day's entry when there is one, else an empty form."""
    day = _day_asked(request.query_params.get("date"), get_web(request).settings.today())
    shown = _entry_on(request, account, day)
    values = values_of(shown) if shown else {"date": day.isoformat()}
    return _diary_page(request, account, values, shown=shown)


@router.post("/diary")
def diary_add(request: Request, form: Form, account: PageUser) -> Response:
    """Save the form's day. The server never replaces a day or moves answers to another day
    without asking: when the day is not the one the form showed, or has an entry the form did
    not show, the form comes back with a question, and saving again answers it."""
    web = get_web(request)
    values = diary_values(form)
    entry, errors = diary_check(values, web.settings.today())
    if entry is None:
        shown = _entry_on(request, account, _day_asked(values["date"], web.settings.today()))
        return _diary_page(request, account, values, errors, 422, shown=shown)
    values["date"] = entry.day.isoformat()
    existing = _entry_on(request, account, entry.day)
    showed_day = form_text(form, "shown") or entry.day.isoformat()
    showed_id = form_text(form, "entry_id")
    moved = showed_day != entry.day.isoformat()
    replaces = existing is not None and str(existing.id) != showed_id
    if moved or replaces:
        question = _question(entry.day, existing)
        return _diary_page(request, account, values, shown=existing, question=question)
    stored = None
    if existing is not None and existing.id is not None:
        stored = web.store.replace_entry(account.id, existing.id, entry)
    if stored is None:
        stored, added = web.store.add_entry(account.id, entry)
        if not added:  # logged meanwhile, in another tab
            question = _question(entry.day, stored)
            return _diary_page(request, account, values, shown=stored, question=question)
    weakness = "&weakness=new" if weakness_is_new(web.store, account.id, stored) else ""
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
    entry, errors = diary_check(values, web.settings.today())
    if entry is None:
        return _edit_page(request, entry_id, values, errors, 422)
    try:
        web.store.replace_entry(account.id, entry_id, entry)
    except InvalidInput as exc:  # another entry has that day
        message = "You have an entry for that day already: change that one instead."
        return _edit_page(request, entry_id, values, {exc.field: message}, 422)
    return see_other("/diary?done=saved")


@router.post("/diary/{entry_id}/delete")
def diary_delete(request: Request, entry_id: RowId, account: PageUser) -> Response:
    if not get_web(request).store.delete_entry_id(account.id, entry_id):
        raise HTTPException(status_code=404, detail="There is no such diary entry.")
    return see_other("/diary?done=deleted")
