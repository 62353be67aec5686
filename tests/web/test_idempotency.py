"""`Idempotency-Key` on `POST /api/sessions` and `POST /api/diary`: a phone sends what it saved
offline when the network returns, and sends it again when an answer was lost; each write is
stored once, and a replay answers with the first result. On SQLite and on PostgreSQL, and with
the same key sent at once by several threads and by two worker processes."""

import uuid
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import pytest

from sciatica_coach.progress import DiaryEntry
from sciatica_coach.session import SessionRecord
from sciatica_coach.store import open_store
from sciatica_coach.web.api_sessions import session_record
from sciatica_coach.web.schemas import SessionIn
from tests.web.conftest import NOW, TestClient, api, register
from tests.web.servers import person, serve

SESSION = {
    "day": "2026-11-24",
    "started_at": "2026-11-24T08:00:00Z",
    "ended_at": "2026-11-24T08:12:30Z",
    "completed": [{"routine_id": "knuckle-massage", "side": None}],
    "pain_stops": [
        {"routine_id": "reclining-pigeon-pose", "side": "left", "step_index": 3, "severity": 6}
    ],
    "feeling": "worse",
    "finished": True,
}
ENTRY = {"date": "2026-11-23", "leg_pain": 4, "back_pain": 2, "note": "stiff"}


def _key() -> dict[str, str]:
    return {"Idempotency-Key": str(uuid.uuid4())}


def _post(client: Any, url: str, body: dict[str, Any], key: dict[str, str]) -> Any:
    headers = {**key, "X-CSRF-Token": client.cookies["csrf_token"]}
    return client.post(url, json=body, headers=headers)


def test_a_session_sent_twice_with_its_key_is_stored_once(signed_in_client: Any) -> None:
    c, key = signed_in_client, _key()
    first = _post(c, "/api/sessions", SESSION, key)
    again = _post(c, "/api/sessions", SESSION, key)
    assert (first.status_code, again.status_code) == (201, 201)
    assert "idempotent-replayed" not in first.headers
    assert again.headers["idempotent-replayed"] == "true"
    assert again.json() == first.json()  # the same id, the same advice
    assert first.json()["advice"]["more"] == "/learn/safety"
    other = _post(c, "/api/sessions", SESSION, _key())  # another key: another session
    assert other.json()["id"] != first.json()["id"]
    unkeyed = api(c, "POST", "/api/sessions", json=SESSION)  # no key: stored as before
    assert unkeyed.status_code == 201
    ids = {first.json()["id"], other.json()["id"], unkeyed.json()["id"]}
    assert len(ids) == 3


def test_a_replay_answers_the_first_result_even_with_another_body(
    signed_in_client: Any,
) -> None:
    """The key names the write: what a replay carries does not store a second one."""
    c, key = signed_in_client, _key()
    first = _post(c, "/api/sessions", SESSION, key).json()
    again = _post(c, "/api/sessions", {**SESSION, "feeling": "better"}, key)
    assert again.json() == first
    assert again.json()["feeling"] == "worse"


def test_a_diary_entry_sent_twice_with_its_key_is_stored_once(signed_in_client: Any) -> None:
    c, key = signed_in_client, _key()
    first = _post(c, "/api/diary", ENTRY, key)
    again = _post(c, "/api/diary", ENTRY, key)
    assert (first.status_code, again.status_code) == (201, 201)
    assert again.headers["idempotent-replayed"] == "true"
    assert again.json() == first.json()
    diary = api(c, "GET", "/api/diary").json()
    assert [(e["date"], e["leg_pain"]) for e in diary] == [("2026-11-23", 4)]


def test_a_day_logged_elsewhere_is_not_overwritten_by_a_replay(signed_in_client: Any) -> None:
    """The day has an entry from another device: the phone's entry is answered 409 with that
    entry's id (the page then shows both and asks), and a replay answers the same."""
    c = signed_in_client
    there = api(c, "POST", "/api/diary", json={**ENTRY, "leg_pain": 7}).json()
    key = _key()
    for _ in range(2):
        r = _post(c, "/api/diary", ENTRY, key)
        assert (r.status_code, r.json()["id"]) == (409, there["id"])
    assert api(c, "GET", f"/api/diary/{there['id']}").json()["leg_pain"] == 7
    # the person chose the phone's entry: replaced once, and a replay changes nothing more
    keep = _key()
    replaced = _post(c, "/api/diary?replace=true", ENTRY, keep)
    assert (replaced.status_code, replaced.json()["leg_pain"]) == (200, 4)
    api(c, "PUT", f"/api/diary/{there['id']}", json={**ENTRY, "leg_pain": 5})  # changed later
    again = _post(c, "/api/diary?replace=true", ENTRY, keep)
    assert (again.status_code, again.headers["idempotent-replayed"]) == (200, "true")
    assert api(c, "GET", f"/api/diary/{there['id']}").json()["leg_pain"] == 5


def test_keys_are_per_person(signed_in_client: Any) -> None:
    key = _key()
    mine = _post(signed_in_client, "/api/sessions", SESSION, key).json()
    with TestClient(signed_in_client.app, base_url="http://testserver") as other:
        other.get("/api/csrf")
        register(other, "bob")
        theirs = _post(other, "/api/sessions", SESSION, key)
    assert theirs.status_code == 201 and "idempotent-replayed" not in theirs.headers
    assert theirs.json()["id"] != mine["id"]


@pytest.mark.parametrize("bad", ["short", "x" * 65, "has space in it", "key/with/slash"])
def test_a_key_that_is_not_a_key_is_422(signed_in_client: Any, bad: str) -> None:
    r = _post(signed_in_client, "/api/sessions", SESSION, {"Idempotency-Key": bad})
    assert r.status_code == 422
    assert r.json()["detail"][0]["loc"] == ["header", "Idempotency-Key"]
    assert api(signed_in_client, "GET", "/api/diary").json() == []


def test_the_safety_advice_is_there_for_the_offline_player(client: Any) -> None:
    advice = client.get("/api/sessions/advice").json()
    assert advice["more"] == "/learn/safety"
    assert "Stop and withdraw whenever you feel pain." in advice["points"]


def test_the_same_key_from_many_threads_at_once_stores_one(db_url: str) -> None:
    """The check before the write is not enough: the database's unique index decides."""
    store = open_store(db_url)
    user = store.local_user_id()
    record: SessionRecord = session_record(SessionIn.model_validate(SESSION), NOW.date())
    entry = DiaryEntry(day=NOW.date(), leg_pain=3, back_pain=1)
    with ThreadPoolExecutor(8) as pool:
        sessions = list(pool.map(lambda _: store.save_session_once(user, record, "k-session"),
                                 range(16)))  # fmt: skip
        entries = list(pool.map(lambda _: store.add_entry_once(user, entry, "k-entry-1"),
                                range(16)))  # fmt: skip
    assert len(store.sessions(user)) == 1 and len(store.entries(user)) == 1
    assert sorted(replayed for _, replayed in sessions) == [False] + [True] * 15
    assert sorted(outcome for _, outcome in entries) == ["added"] + ["replayed"] * 15
    assert {s.id for s, _ in sessions} == {store.sessions(user)[0].id}
    store.close()


@pytest.mark.postgres
@pytest.mark.slow
def test_two_workers_store_a_replayed_session_once(pg_url: str) -> None:
    """`sciatica serve --workers 2` on PostgreSQL: the same key sent many times at once, to
    whichever worker takes it, is one session."""
    with serve(pg_url, workers=2) as server:
        client = person(server.url, "ann")
        key = _key()
        with ThreadPoolExecutor(8) as pool:
            answers = list(pool.map(
                lambda _: client.post("/api/sessions", json=SESSION, headers=key), range(24)
            ))  # fmt: skip
        assert {a.status_code for a in answers} == {201}
        assert len({a.json()["id"] for a in answers}) == 1
        assert sum("idempotent-replayed" not in a.headers for a in answers) == 1
        sessions = client.get("/api/account/export").json()["sessions"]
        assert len(sessions) == 1
