"""A person can take all their data with them, and delete their account and all of it."""

from typing import Any

from sqlalchemy import func, select

from sciatica_coach.store.tables import EntryRow, User
from tests.web.conftest import PASSWORD, api, register


def test_export_has_everything_and_delete_removes_everything(
    app: Any, client: Any, other_client: Any
) -> None:
    register(client)
    register(other_client, "bob")
    for c, leg in ((client, 7), (other_client, 3)):
        assert (
            api(
                c,
                "POST",
                "/api/diary",
                json={"date": "2026-11-01", "leg_pain": leg, "back_pain": 1, "note": "private"},
            ).status_code
            == 201
        )
    api(client, "PUT", "/api/profile", json={"minutes": 15})
    data = client.get("/api/account/export").json()
    assert data["username"] == "ann" and [d["leg_pain"] for d in data["diary"]] == [7]
    assert data["profile"].get("minutes") == 15
    assert (
        api(client, "DELETE", "/api/account", json={"password": "wrong password"}).status_code
        == 401
    )
    assert api(client, "DELETE", "/api/account", json={"password": PASSWORD}).status_code == 204
    assert client.get("/api/diary").status_code == 401
    store = app.state.web.store
    with store.reading() as s:
        assert s.scalar(select(func.count()).select_from(User).where(User.username == "ann")) == 0
        assert s.scalar(select(func.count()).select_from(EntryRow)) == 1  # bob's only
    assert [d["leg_pain"] for d in other_client.get("/api/diary").json()] == [3]
