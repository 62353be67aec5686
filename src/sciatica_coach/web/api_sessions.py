"""`POST /api/sessions`: the player's record of a played session."""

from datetime import date, timedelta

from fastapi import APIRouter, Response
from pydantic import BaseModel

from sciatica_coach.catalog import load_catalog, load_education
from sciatica_coach.errors import InvalidInput
from sciatica_coach.progress import check_not_future
from sciatica_coach.session import AfterCheck, Completed, Feeling, PainStop, SessionRecord
from sciatica_coach.store.convert import to_utc
from sciatica_coach.web.deps import ApiUser, WebDep
from sciatica_coach.web.idempotency import IdempotencyKey, mark_replayed
from sciatica_coach.web.schemas import SessionIn, SessionOut

router = APIRouter()
ADVICE_TOPIC = "safety"  # education.toml's topic with the article's closing safety advice


class AdviceOut(BaseModel):
    """What the article says to do after a session that hurt or left you worse."""

    title: str
    points: list[str]
    source: str
    more: str  # the page that explains it


class SessionSaved(SessionOut):
    advice: AdviceOut | None  # when it hurt or you felt worse: advice, not praise


def advice_for(record: SessionRecord) -> AdviceOut | None:
    if record.feeling is not Feeling.WORSE and not record.pain_stops:
        return None
    return safety_advice()


def safety_advice() -> AdviceOut:
    topic = next(t for t in load_education().topics if t.id == ADVICE_TOPIC)
    source = topic.source
    by = f"{source.author}, " if source.author else ""
    return AdviceOut(
        title=topic.title,
        points=[item.text or item.name for item in topic.items],
        source=f"{by}“{source.title}”, {source.section}",
        more=f"/learn/{topic.id}",
    )


def session_record(body: SessionIn, today: date) -> SessionRecord:
    """The core's record from the posted body; unknown techniques and impossible times are
    bad input naming the field."""
    catalog = load_catalog()
    named = [c.routine_id for c in [*body.completed, *body.skipped]]
    named += [p.routine_id for p in body.pain_stops] + [c.routine_id for c in body.checks]
    for routine_id in named:
        catalog.get(routine_id)  # UnknownRoutine -> 422 on routine_id
    started, ended = to_utc(body.started_at), to_utc(body.ended_at)
    if ended < started:
        raise InvalidInput("ended_at", body.ended_at.isoformat(), "a time after started_at")
    return SessionRecord(
        # The player sends the browser's local day, which may be a day ahead of the server's.
        day=check_not_future(body.day or today, today + timedelta(days=1)),
        started_at=started,
        ended_at=ended,
        completed=tuple(Completed(c.routine_id, c.side) for c in body.completed),
        pain_stops=tuple(
            PainStop(p.routine_id, p.side, p.step_index, p.severity) for p in body.pain_stops
        ),
        skipped=tuple(Completed(c.routine_id, c.side) for c in body.skipped),
        checks=tuple(
            AfterCheck(c.routine_id, c.pain, c.reach)
            for c in body.checks
            if c.pain is not None or c.reach is not None
        ),
        feeling=body.feeling,
        finished=body.finished,
    )


def session_document(record: SessionRecord) -> SessionOut:
    assert record.id is not None
    return SessionOut.model_validate(
        {
            "id": record.id,
            "day": record.day,
            "started_at": record.started_at,
            "ended_at": record.ended_at,
            "completed": [{"routine_id": c.routine_id, "side": c.side} for c in record.completed],
            "pain_stops": [_stop(p) for p in record.pain_stops],
            "skipped": [{"routine_id": c.routine_id, "side": c.side} for c in record.skipped],
            "checks": [
                {"routine_id": c.routine_id, "pain": c.pain, "reach": c.reach}
                for c in record.checks
            ],
            "feeling": record.feeling,
            "finished": record.finished,
        }
    )


def _stop(stop: PainStop) -> dict[str, object]:
    return {
        "routine_id": stop.routine_id,
        "side": stop.side,
        "step_index": stop.step_index,
        "severity": stop.severity,
    }


@router.post("/sessions", status_code=201)
def add_session(
    body: SessionIn,
    account: ApiUser,
    web: WebDep,
    response: Response,
    key: IdempotencyKey = None,
) -> SessionSaved:
    """Store a played session: what was done, where it hurt, how it felt afterwards. When it
    hurt or left you worse, the answer carries the article's advice (`advice`), else null.
    With an `Idempotency-Key` it is stored once: sent again, the answer is the first one's."""
    record = session_record(body, web.settings.today())
    if key is None:
        stored = web.store.save_session(account.id, record)
    else:
        stored, replayed = web.store.save_session_once(account.id, record, key)
        if replayed:
            mark_replayed(response)
    saved = session_document(stored).model_dump()
    return SessionSaved.model_validate({**saved, "advice": advice_for(stored)})


@router.get("/sessions/advice")
def session_advice() -> AdviceOut:
    """The article's advice after a session that hurt or left you worse (the same for
    everyone): the player keeps it, to show it after a session played offline."""
    return safety_advice()
