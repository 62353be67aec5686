"""Attack: camera sockets had no idle timeout, so four accounts could hold all eight of a
worker's slots (each with its own pose model, about 85 MB) doing nothing. A socket that sends
no picture for 10 seconds is closed: here on a fake clock, nothing sleeps."""

import asyncio
from dataclasses import replace
from typing import Any

import pytest
from starlette.websockets import WebSocketDisconnect

from sciatica_coach.web import create_app, motion_ws
from sciatica_coach.web.settings import Settings
from tests.web.asgi_calls import run_apart
from tests.web.conftest import TestClient, register

ORIGIN = {"origin": "http://testserver"}


class FakeClock:
    """Monotonic seconds that move only when something sleeps on them."""

    def __init__(self) -> None:
        self.now = 1000.0
        self.slept: list[float] = []

    def __call__(self) -> float:
        return self.now

    async def sleep(self, seconds: float) -> None:
        self.slept.append(seconds)
        self.now += seconds
        await asyncio.sleep(0)


class _NoModel:
    def hello(self) -> dict[str, Any]:
        return {"unchecked": []}

    def picture(self, rgb: Any, at: float) -> dict[str, Any]:
        return {"status": "unknown"}

    def close(self) -> None:
        pass


def test_an_idle_camera_socket_is_closed_after_ten_seconds(
    settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    clock = FakeClock()
    app = create_app(replace(settings, monotonic=clock, sleep=clock.sleep))
    monkeypatch.setattr(motion_ws, "motion_available", lambda: True)
    monkeypatch.setattr(motion_ws, "_new_coach", _NoModel)
    with TestClient(app) as client:
        client.get("/api/csrf")
        register(client)
        with client.websocket_connect("/ws/motion", headers=ORIGIN) as ws:
            assert ws.receive_json() == {"unchecked": []}
            with pytest.raises(WebSocketDisconnect) as closed:
                ws.receive_json()
        assert closed.value.code == 1001 and closed.value.reason == "idle"
        assert clock.slept == [motion_ws.IDLE_SECONDS]
        assert not motion_ws._open  # the slot is free again


def test_a_picture_restarts_the_idle_time() -> None:
    clock = FakeClock()
    idle = motion_ws.Idle(clock, clock.sleep)

    async def run() -> None:
        clock.now += 7
        idle.picture()  # a picture 7 s in
        clock.now += 2
        await idle.expired()

    run_apart(run())
    assert clock.slept == [8.0]  # 10 s after the picture, not after the start
