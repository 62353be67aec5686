"""WS /ws/motion: the session player's camera. The page sends which position to watch (a
JSON text message `{"figure": "POSE:side"}`) and downscaled JPEG pictures (binary messages,
one at a time: the next after the answer); each picture is answered with the landmarks, the
status and the hint. Only for a signed-in browser of this site (session cookie and Origin).
Pictures are decoded in memory and dropped: nothing is stored or logged."""

import json
import time
from collections import Counter
from importlib.util import find_spec
from typing import Any
from urllib.parse import urlsplit

from fastapi import APIRouter, WebSocket, WebSocketDisconnect
from starlette.concurrency import run_in_threadpool
from starlette.status import (
    WS_1008_POLICY_VIOLATION,
    WS_1011_INTERNAL_ERROR,
    WS_1013_TRY_AGAIN_LATER,
)

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
    try:
        await websocket.send_json(coach.hello())
        await _serve(websocket, coach)
    except WebSocketDisconnect:
        pass
    finally:
        coach.close()


def _new_coach() -> RemoteCoach:
    from sciatica_coach.motion.estimator import MediaPipeEstimator

    return RemoteCoach(MediaPipeEstimator(video=True))


async def _serve(websocket: WebSocket, coach: RemoteCoach) -> None:
    while True:
        message = await websocket.receive()
        if message["type"] == "websocket.disconnect":
            return
        if message.get("bytes") is not None:
            reply = await run_in_threadpool(_picture, coach, message["bytes"])
        else:
            reply = _text(coach, message.get("text") or "")
        await websocket.send_json(reply)


def _text(coach: RemoteCoach, text: str) -> dict[str, Any]:
    try:
        data = json.loads(text)
    except json.JSONDecodeError:
        return {"error": "not JSON"}
    if not isinstance(data, dict) or "figure" not in data:
        return {"error": "expected {\"figure\": ...}"}
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
