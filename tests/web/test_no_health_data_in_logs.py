"""No diary content, pain score or screening answer ever reaches a log, with every logger at
debug level and the server's access log on, through a whole journey over real HTTP.
(SQLAlchemy's engine logger is at INFO, statements without their parameters: at DEBUG it
prints result rows, which only an operator debugging the database would switch on.)"""

import logging
from collections.abc import Iterator
from typing import Any

import httpx
import pytest

from sciatica_coach.web.settings import Settings
from tests.web.conftest import PASSWORD
from tests.web.live import live_server

NOTE = "zebra-note-4711"
LOGGERS = [
    "",
    "uvicorn",
    "uvicorn.access",
    "uvicorn.error",
    "sciatica_coach",
    "sqlalchemy",
    "sqlalchemy.engine",
    "fastapi",
    "httpx",
    "alembic",
]


class Collect(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.lines: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.lines.append(self.format(record))


@pytest.fixture
def collected() -> Iterator[Collect]:
    handler = Collect()
    saved = {}
    for name in LOGGERS:
        logger = logging.getLogger(name)
        saved[name] = logger.level
        logger.addHandler(handler)
        logger.setLevel(logging.INFO if name == "sqlalchemy.engine" else logging.DEBUG)
    yield handler
    for name in LOGGERS:
        logging.getLogger(name).removeHandler(handler)
        logging.getLogger(name).setLevel(saved[name])


def test_a_journey_leaves_no_health_data_in_the_logs(
    settings: Settings, collected: Collect
) -> None:
    with live_server(settings, log_level="debug") as base, httpx.Client(base_url=base) as http:
        token = http.get("/api/csrf").json()["csrf_token"]
        headers = {"X-CSRF-Token": token}

        def post(url: str, body: Any, method: str = "POST") -> httpx.Response:
            r = http.request(method, url, json=body, headers=headers)
            headers["X-CSRF-Token"] = http.cookies.get("csrf_token") or headers["X-CSRF-Token"]
            return r

        assert (
            post("/api/register", {"username": "logcheck", "password": PASSWORD}).status_code == 201
        )
        assert post("/api/check", {"night_pain": True, "saddle_numbness": False}).status_code == 200
        assert post("/api/profile", {"minutes": 17}, "PUT").status_code == 200
        r = post("/api/diary", {"date": "2026-11-20", "leg_pain": 9, "back_pain": 7, "note": NOTE})
        assert r.status_code == 201
        assert http.get("/api/progress").status_code == 200
        assert http.get("/api/diary").status_code == 200
        assert http.get("/diary").status_code == 200
    text = "\n".join(collected.lines)
    assert "POST /api/diary" in text  # the access log was on and captured
    for secret in (NOTE, "night_pain", "saddle_numbness", PASSWORD, "'2026-11-20', 9, 7"):
        assert secret not in text, secret
