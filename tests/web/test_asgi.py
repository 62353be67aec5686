"""The app as a server's worker loads it (`uvicorn --factory ...asgi:app_from_environment`)."""

import gc
from collections.abc import Iterator

import pytest

from sciatica_coach.web.asgi import app_from_environment


@pytest.fixture
def unfrozen() -> Iterator[None]:
    gc.unfreeze()
    yield
    gc.unfreeze()  # the rest of the test process is collected as usual


def test_a_worker_keeps_what_it_started_with_out_of_the_collectors_sight(
    sqlite_url: str, monkeypatch: pytest.MonkeyPatch, unfrozen: None
) -> None:
    monkeypatch.setenv("SCIATICA_DB", sqlite_url)
    app = app_from_environment()
    assert gc.get_freeze_count() > 0
    collectable = {id(thing) for thing in gc.get_objects()}  # frozen objects are not listed
    assert app.router.routes
    assert not [route for route in app.router.routes if id(route) in collectable]
