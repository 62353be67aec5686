"""The diary API: `GET/POST /api/diary`, `GET/PUT/DELETE /api/diary/{entry_id}`,
`GET /api/progress`."""

from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, HTTPException, Query, Response
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import JSONResponse

from sciatica_coach.errors import InvalidInput
from sciatica_coach.progress import DiaryEntry
from sciatica_coach.progress.diary import entry_document
from sciatica_coach.progress.verdict import nothing_logged_json
from sciatica_coach.services.diary import log_day, weakness_is_new
from sciatica_coach.services.progress import verdict_of
from sciatica_coach.web.context import Web
from sciatica_coach.web.deps import ApiUser, RowId, WebDep
from sciatica_coach.web.idempotency import IdempotencyKey, mark_replayed
from sciatica_coach.web.schemas import DiaryIn, DiaryLogged, DiaryOut, ProgressOut

router = APIRouter()
NOT_FOUND: dict[int | str, dict[str, Any]] = {404: {"description": "No such entry"}}
DAY_TAKEN: dict[int | str, dict[str, Any]] = {
    409: {"description": "That day has an entry already: its `id` is in the answer"}
}


@router.get("/diary")
def list_entries(
    account: ApiUser,
    web: WebDep,
    start: Annotated[date | None, Query(alias="from")] = None,
    end: Annotated[date | None, Query(alias="to")] = None,
) -> list[DiaryOut]:
    """The diary, oldest first (`from` and `to` limit it, both inclusive)."""
    if start and end and start > end:
        raise InvalidInput("from", start.isoformat(), f"a date on or before 'to' ({end})")
    entries = web.store.entries(account.id, start, end)
    return [DiaryOut.model_validate(entry_document(e)) for e in entries]


@router.post("/diary", status_code=201, response_model=DiaryLogged, responses=DAY_TAKEN)
async def add_entry(
    body: DiaryIn,
    account: ApiUser,
    web: WebDep,
    replace: bool = False,
    key: IdempotencyKey = None,
) -> Response:
    """Log a day. A day that has an entry already answers 409 with that entry's `id`;
    `?replace=true` replaces it instead (200), as does `PUT /api/diary/{id}`.
    `new_weakness` is true when no earlier entry reported weakness: a possible red flag.
    With an `Idempotency-Key` the entry is stored once: sent again, the answer is the entry
    that key stored (201, or 200 with `replace`), marked `Idempotent-Replayed: true`."""
    entry = body.to_entry(web.settings.today())
    # The write, in one hop to a worker thread: it may wait for the database's write lock,
    # which must not stall the event loop. The answer is built there too, from the stored
    # entry's own fields (the shape `DiaryLogged` documents), with no second validation pass.
    return await run_in_threadpool(_add_entry, web, account.id, entry, replace, key)


def _add_entry(
    web: Web, user_id: int, entry: DiaryEntry, replace: bool, key: str | None
) -> Response:
    if key is not None:
        stored, outcome = web.store.add_entry_once(user_id, entry, key, replace)
        if outcome == "taken":
            return _day_taken(entry.day.isoformat(), stored.id)
        replaced = outcome == "replaced" or (outcome == "replayed" and replace)
        answer = _logged(stored, weakness_is_new(web.store, user_id, stored), replaced)
        if outcome == "replayed":
            mark_replayed(answer)
        return answer
    logged = log_day(web.store, user_id, entry, replace=replace)
    if not logged.added:
        return _day_taken(entry.day.isoformat(), logged.entry.id)
    return _logged(logged.entry, logged.new_weakness, logged.replaced)


def _logged(entry: DiaryEntry, new_weakness: bool, replaced: bool) -> JSONResponse:
    document = entry_document(entry) | {"new_weakness": new_weakness}
    return JSONResponse(document, status_code=200 if replaced else 201)


def _day_taken(day: str, entry_id: int | None) -> JSONResponse:
    return JSONResponse(
        {"detail": f"There is an entry for {day} already.", "id": entry_id}, status_code=409
    )


@router.get("/diary/{entry_id}", responses=NOT_FOUND)
def get_entry(entry_id: RowId, account: ApiUser, web: WebDep) -> DiaryOut:
    found = web.store.entry(account.id, entry_id)
    if found is None:
        raise HTTPException(status_code=404, detail="No such entry")
    return DiaryOut.model_validate(entry_document(found))


@router.put("/diary/{entry_id}", responses=NOT_FOUND)
def put_entry(
    entry_id: RowId,
    body: DiaryIn,
    account: ApiUser,
    web: WebDep,
) -> DiaryOut:
    """Replace one entry (its date may change, onto a day with no other entry)."""
    stored = web.store.replace_entry(account.id, entry_id, body.to_entry(web.settings.today()))
    if stored is None:
        raise HTTPException(status_code=404, detail="No such entry")
    return DiaryOut.model_validate(entry_document(stored))


@router.delete("/diary/{entry_id}", status_code=204, responses=NOT_FOUND)
def delete_entry(entry_id: RowId, account: ApiUser, web: WebDep) -> Response:
    if not web.store.delete_entry_id(account.id, entry_id):
        raise HTTPException(status_code=404, detail="No such entry")
    return Response(status_code=204)


@router.get("/progress", response_model=ProgressOut, response_model_exclude_unset=True)
async def progress(
    account: ApiUser,
    web: WebDep,
    as_of: date | None = None,
) -> Response:
    """The four-week verdict, as `sciatica progress --json`."""
    # A few index seeks on the event loop (a read waits for no writer on either database),
    # answered in the shape `ProgressOut` documents, with no second validation pass.
    assessment, reach = verdict_of(web.store, account.id, as_of or web.settings.today())
    if assessment is None:
        return JSONResponse({**nothing_logged_json(), "reach": None})
    return JSONResponse({**assessment.to_json(), "reach": reach.to_json() if reach else None})
