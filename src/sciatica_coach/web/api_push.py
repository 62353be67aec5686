"""Reminders over Web Push: `GET/PUT /api/reminders` (when), `POST /api/push/subscriptions`
(a browser that gets them), `GET/DELETE /api/push/subscriptions/{id}` (one browser, named by
its endpoint's SHA-256) and `DELETE /api/push/subscriptions` (every browser of yours)."""

from typing import Annotated, Any

from fastapi import APIRouter, HTTPException, Path, Request, Response
from pydantic import BaseModel, ConfigDict, Field, StrictBool

from sciatica_coach.errors import InvalidInput
from sciatica_coach.reminders import schedule
from sciatica_coach.reminders.endpoints import MAX_LENGTH, check_endpoint
from sciatica_coach.reminders.push import valid_browser_keys
from sciatica_coach.store import reminders as stored
from sciatica_coach.web.auth import session_id
from sciatica_coach.web.deps import ApiUser, WebDep

router = APIRouter()
NOT_FOUND: dict[int | str, dict[str, Any]] = {
    404: {"description": "No browser of yours with that id"}
}
SubscriptionId = Annotated[str, Path(pattern=r"^[0-9a-f]{64}$")]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class RemindersIn(_Strict):
    days: list[str] = Field(min_length=1, max_length=7)
    time: str = Field(max_length=5, examples=["09:00"])
    time_zone: str = Field(max_length=64, examples=["Europe/London"])
    evening: StrictBool = True
    review: StrictBool = True


class RemindersOut(BaseModel):
    """Your reminders: `saved` is false while they are the defaults you have not chosen.
    `evening_at` is when the nudge comes (null: none, or too close to the reminder);
    `browsers` is how many browsers get them; `push_key` is the server's VAPID public key,
    the `applicationServerKey` to subscribe with."""

    saved: bool
    days: list[str]
    time: str
    time_zone: str
    evening: bool
    review: bool
    evening_at: str | None
    browsers: int
    push_key: str


class KeysIn(_Strict):
    p256dh: str = Field(max_length=100)
    auth: str = Field(max_length=50)


class SubscriptionIn(_Strict):
    """A browser's `PushSubscription.toJSON()`, and its time zone for first-time defaults."""

    endpoint: str = Field(max_length=MAX_LENGTH)
    keys: KeysIn
    expirationTime: int | None = Field(default=None, ge=0)  # the browser's own name
    time_zone: str | None = Field(default=None, max_length=64)


class SubscriptionOut(BaseModel):
    id: str
    browsers: int


def reminders_out(web: Any, user_id: int) -> RemindersOut:
    chosen = stored.choice(web.store, user_id)
    saved = chosen is not None
    chosen = chosen or schedule.default_choice(None)
    nudge = schedule.nudge_time(chosen)
    return RemindersOut(
        saved=saved,
        days=list(chosen.days),
        time=chosen.at.strftime("%H:%M"),
        time_zone=chosen.time_zone,
        evening=chosen.evening,
        review=chosen.review,
        evening_at=nudge.strftime("%H:%M") if nudge else None,
        browsers=stored.browsers(web.store, user_id),
        push_key=web.push_key,
    )


@router.get("/reminders")
def get_reminders(account: ApiUser, web: WebDep) -> RemindersOut:
    """When your reminders come, and to how many browsers."""
    return reminders_out(web, account.id)


@router.put("/reminders")
def put_reminders(body: RemindersIn, account: ApiUser, web: WebDep) -> RemindersOut:
    """Choose the days (mon..sun), the time (HH:MM) and your time zone (IANA, such as
    Europe/London); `evening`: a nudge in the evening when nothing is logged that day;
    `review`: a reminder on your four-week review date."""
    chosen = schedule.make_choice(body.days, body.time, body.time_zone, body.evening, body.review)
    stored.save_choice(web.store, account.id, chosen, web.settings.clock())
    return reminders_out(web, account.id)


ALREADY: dict[int | str, dict[str, Any]] = {
    200: {"model": SubscriptionOut, "description": "This browser already gets your reminders"}
}


@router.post("/push/subscriptions", status_code=201, responses=ALREADY)
def subscribe(
    body: SubscriptionIn, account: ApiUser, web: WebDep, request: Request, response: Response
) -> SubscriptionOut:
    """Send your reminders to this browser (201; 200 when it already gets yours). A browser
    belongs to one person: the last who turned reminders on in it."""
    endpoint = check_endpoint(body.endpoint, web.settings.push_allow_loopback)
    if not valid_browser_keys(body.keys.p256dh, body.keys.auth):
        raise InvalidInput("keys", "(withheld)", "the browser's p256dh and auth keys")
    sub_id, new = stored.subscribe(
        web.store,
        account.id,
        endpoint,
        (body.keys.p256dh, body.keys.auth),
        session_id(web, request),
        web.settings.clock(),
        default=schedule.default_choice(body.time_zone),
    )
    if not new:
        response.status_code = 200
    return SubscriptionOut(id=sub_id, browsers=stored.browsers(web.store, account.id))


@router.get("/push/subscriptions/{subscription_id}", responses=NOT_FOUND)
def get_subscription(
    subscription_id: SubscriptionId, account: ApiUser, web: WebDep
) -> SubscriptionOut:
    """Whether this browser (its endpoint's SHA-256, in hex) gets your reminders: 404 if not."""
    if not stored.is_mine(web.store, account.id, subscription_id):
        raise HTTPException(status_code=404, detail="This browser does not get your reminders")
    return SubscriptionOut(id=subscription_id, browsers=stored.browsers(web.store, account.id))


@router.delete("/push/subscriptions/{subscription_id}", status_code=204, responses=NOT_FOUND)
def unsubscribe(subscription_id: SubscriptionId, account: ApiUser, web: WebDep) -> Response:
    """Stop your reminders to one browser."""
    if not stored.unsubscribe(web.store, account.id, subscription_id):
        raise HTTPException(status_code=404, detail="This browser does not get your reminders")
    return Response(status_code=204)


@router.delete("/push/subscriptions", status_code=204)
def unsubscribe_all(account: ApiUser, web: WebDep) -> Response:
    """Stop your reminders to every browser."""
    stored.unsubscribe(web.store, account.id)
    return Response(status_code=204)
