"""WS /ws/motion: only for a signed-in browser of this site; pictures in, landmarks out."""

import json
from typing import Any

import pytest
from starlette.websockets import WebSocketDisconnect

from tests.web.conftest import register

ORIGIN = {"origin": "http://testserver"}


def refused(client: Any, headers: dict[str, str]) -> int:
    with pytest.raises(WebSocketDisconnect) as info:  # noqa: SIM117
        with client.websocket_connect("/ws/motion", headers=headers) as ws:
            ws.receive_json()
    return int(info.value.code)


def test_refused_without_a_session(client: Any) -> None:
    assert refused(client, ORIGIN) == 1008


def test_refused_from_another_site_or_without_an_origin(client: Any) -> None:
    register(client)
    assert refused(client, {"origin": "http://evil.example"}) == 1008
    assert refused(client, {"origin": "http://testserver.evil.example"}) == 1008
    assert refused(client, {}) == 1008


def test_a_signed_in_page_gets_landmarks_and_the_status(client: Any) -> None:
    pytest.importorskip("mediapipe", reason="the motion extra is not installed")
    import cv2
    from skimage import data

    register(client)
    picture = cv2.cvtColor(data.astronaut(), cv2.COLOR_RGB2BGR)
    jpeg = cv2.imencode(".jpg", cv2.resize(picture, (320, 320)))[1].tobytes()
    with client.websocket_connect("/ws/motion", headers=ORIGIN) as ws:
        assert "fetal-rest" in ws.receive_json()["unchecked"]
        ws.send_text(json.dumps({"figure": "standing-palms-lower-back:none"}))
        assert ws.receive_json() == {"figure": "standing-palms-lower-back:none", "checkable": True}
        ws.send_bytes(jpeg)
        reply = ws.receive_json()
        assert len(reply["landmarks"]) == 33 and reply["status"] == "unknown"
        ws.send_text(json.dumps({"figure": "../../etc/passwd:right"}))
        assert "error" in ws.receive_json()
        ws.send_bytes(b"not a picture")
        assert ws.receive_json() == {"error": "picture: not a JPEG"}
        ws.send_bytes(b"\xff" * (600 * 1024))
        assert "larger than" in ws.receive_json()["error"]


def _ready_for_a_session(client: Any) -> None:
    from tests.web.conftest import api

    register(client)
    assert api(client, "POST", "/api/check", json={}).status_code == 200
    assert api(client, "PUT", "/api/profile", json={"minutes": 5}).status_code == 200


def test_the_session_page_offers_the_camera_only_with_the_extra(
    client: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    from sciatica_coach.web import motion_ws
    from tests.web.conftest import page

    _ready_for_a_session(client)
    monkeypatch.setattr(motion_ws, "motion_available", lambda: True)
    with_extra = page(client.get("/session"))
    assert with_extra.select_one("#player")["data-motion"] == "/ws/motion"
    assert with_extra.select_one("#camera") is not None
    assert "never sent anywhere else" in " ".join(
        with_extra.select_one("#camera-privacy").text.split()
    )
    monkeypatch.setattr(motion_ws, "motion_available", lambda: False)
    without = page(client.get("/session"))
    assert without.select_one("#camera") is None and not without.select_one("#player").get(
        "data-motion"
    )
    with client.websocket_connect("/ws/motion", headers=ORIGIN) as ws:
        assert ws.receive_json() == {"error": "the motion extra is not installed on the server"}


class _NoModel:
    """A coach that loads nothing: the limit is about sockets, not pictures."""

    def hello(self) -> dict[str, Any]:
        return {"unchecked": []}

    def close(self) -> None:
        pass


def test_a_person_gets_at_most_two_cameras_at_once(
    client: Any, other_client: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    from sciatica_coach.web import motion_ws

    register(client)
    register(other_client, "bob")
    monkeypatch.setattr(motion_ws, "motion_available", lambda: True)
    monkeypatch.setattr(motion_ws, "_new_coach", _NoModel)
    with (
        client.websocket_connect("/ws/motion", headers=ORIGIN) as first,
        client.websocket_connect("/ws/motion", headers=ORIGIN) as second,
    ):
        assert first.receive_json() == second.receive_json() == {"unchecked": []}
        assert refused(client, ORIGIN) == 1013  # a third while two are open: try again later
        with other_client.websocket_connect("/ws/motion", headers=ORIGIN) as bobs:
            assert bobs.receive_json() == {"unchecked": []}  # another person is not limited
    with client.websocket_connect("/ws/motion", headers=ORIGIN) as again:
        assert again.receive_json() == {"unchecked": []}  # closed sockets are counted out
