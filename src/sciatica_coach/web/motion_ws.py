"""WS /ws/motion: the session player's camera. The page sends which position to watch (a
JSON text message `{"figure": "POSE:side"}`) and downscaled JPEG pictures (binary messages,
one at a time: the next after the answer); each picture is answered with the landmarks, the
status and the hint. Only for a signed-in browser of this site (session cookie and Origin).
Pictures are decoded in memory and dropped: nothing is stored or logged."""

import asyncio
import json
import time
from collections import Counter
from collections.abc import Awaitable, Callable
from importlib.util import find_spec
from typing import Any
from urllib.parse import urlsplit

from fastapi import APIRouter, WebSocket, WebSocketDisconnect
from starlette.concurrency import run_in_threadpool
from starlette.status import (
    WS_1001_GOING_AWAY,
    WS_1008_POLICY_VIOLATION,
    WS_1011_INTERNAL_ERROR,
    WS_1013_TRY_AGAIN_LATER,
)
from starlette.types import Message

from sciatica_coach.motion.remote import RemoteCoach
from sciatica_coach.web.auth import connection_account
from sciatica_coach.web.context import get_web

router = APIRouter()
MAX_PICTURE_BYTES = 512 * 1024  # a 640x480 JPEG is far smaller
# Each socket loads its own pose model (tens of MB, a core's worth of work at full rate):
# a person gets two at once (a page reloaded before the old socket closed), a worker eight.
MAX_PER_PERSON = 2
MAX_PER_WORKER = 8
_open: Counter[int] = Counter()  # account id -> sockets open in this worker process
# A socket that sends no picture for this long is closed (a page that stopped, or one that
# only holds a slot): its slot and its model go to someone who is exercising.
IDLE_SECONDS = 10.0


def motion_available() -> bool:
    return find_spec("mediapipe") is not None


def same_origin(websocket: WebSocket) -> bool:
    """Browsers always send Origin on a WebSocket: it must be this very host."""
    origin = websocket.headers.get("origin")
    host = websocket.headers.get("host")
    return bool(origin and host and urlsplit(origin).netloc == host)


@router.websocket("/ws/motion")
async def motion_socket(websocket: WebSocket) -> None:
    web = get_web(websocket)
    if not same_origin(websocket):
        await websocket.close(code=WS_1008_POLICY_VIOLATION)
        return
    account = await run_in_threadpool(connection_account, web, websocket)
    if account is None:
        await websocket.close(code=WS_1008_POLICY_VIOLATION)
        return
    if _open[account.id] >= MAX_PER_PERSON or _open.total() >= MAX_PER_WORKER:
        await websocket.close(code=WS_1013_TRY_AGAIN_LATER)
        return
    _open[account.id] += 1
    try:
        await _watch(websocket)
    finally:
        _open[account.id] -= 1
        if not _open[account.id]:
            del _open[account.id]


async def _watch(websocket: WebSocket) -> None:
    await websocket.accept()
    if not motion_available():
        await websocket.send_json({"error": "the motion extra is not installed on the server"})
        await websocket.close(code=WS_1011_INTERNAL_ERROR)
        return
    coach = await run_in_threadpool(_new_coach)
    settings = get_web(websocket).settings
    try:
        await websocket.send_json(coach.hello())
        await _serve(websocket, coach, Idle(settings.monotonic, settings.sleep))
    except WebSocketDisconnect:
        pass
    finally:
        coach.close()


def _new_coach() -> RemoteCoach:
    from sciatica_coach.motion.estimator import MediaPipeEstimator

    return RemoteCoach(MediaPipeEstimator(video=True))


class Idle:
    """When the last picture came, on an injected clock (tests use a fake one)."""

    def __init__(
        self, clock: Callable[[], float], sleep: Callable[[float], Awaitable[None]]
    ) -> None:
        self.clock, self.sleep = clock, sleep
        self.last = clock()

    def picture(self) -> None:
        self.last = self.clock()

    async def expired(self) -> None:
        """Returns once IDLE_SECONDS have passed since the last picture."""
        while (left := self.last + IDLE_SECONDS - self.clock()) > 0:
            await self.sleep(left)


async def _serve(websocket: WebSocket, coach: RemoteCoach, idle: Idle) -> None:
    timeout = asyncio.ensure_future(idle.expired())
    try:
        while True:
            receiving = asyncio.ensure_future(websocket.receive())
            await asyncio.wait({receiving, timeout}, return_when=asyncio.FIRST_COMPLETED)
            if not receiving.done():
                receiving.cancel()
                await websocket.close(code=WS_1001_GOING_AWAY, reason="idle")
                return
            if not await _answer(websocket, coach, receiving.result(), idle):
                return
    finally:
        timeout.cancel()


async def _answer(websocket: WebSocket, coach: RemoteCoach, message: Message, idle: Idle) -> bool:
    """Answer one message; False once the page has gone."""
    if message["type"] == "websocket.disconnect":
        return False
    if message.get("bytes") is not None:
        idle.picture()
        reply = await run_in_threadpool(_picture, coach, message["bytes"])
    else:
        reply = _text(coach, message.get("text") or "")
    await websocket.send_json(reply)
    return True


def _text(coach: RemoteCoach, text: str) -> dict[str, Any]:
    try:
        data = json.loads(text)
    except json.JSONDecodeError:
        return {"error": "not JSON"}
    if not isinstance(data, dict) or "figure" not in data:
        return {"error": 'expected {"figure": ...}'}
    return coach.watch(data["figure"])


def _picture(coach: RemoteCoach, data: bytes) -> dict[str, Any]:
    from sciatica_coach.motion.sources import decode_jpeg

    if len(data) > MAX_PICTURE_BYTES:
        return {"error": f"picture: larger than {MAX_PICTURE_BYTES} bytes"}
    try:
        rgb = decode_jpeg(data)
    except ValueError:
        return {"error": "picture: not a JPEG"}
    return coach.picture(rgb, time.monotonic())
