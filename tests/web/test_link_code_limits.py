"""Attack: link codes could be guessed without limit (82 a second). Now a clinician's wrong
codes slow down like wrong passwords (429 with a growing Retry-After), and a patient holds at
most three live codes, so there are few to hit."""

import itertools
from datetime import timedelta
from typing import Any

from sqlalchemy import func, select

from sciatica_coach.store.tables import LinkCode
from sciatica_coach.web import build_settings, create_app
from tests.web.conftest import NOW, api
from tests.web.test_care_api import account


def test_wrong_codes_slow_down(app: Any) -> None:
    clinician = account(app, "dr-lee", "clinician")
    codes = [
        api(clinician, "POST", "/api/links/accept", json={"code": f"AAAA-AAA{n}"}).status_code
        for n in range(2, 9)
    ]
    assert codes[:5] == [422] * 5 and codes[5:] == [429, 429]
    r = api(clinician, "POST", "/api/links/accept", json={"code": "AAAA-AAAA"})
    assert r.status_code == 429 and int(r.headers["retry-after"]) > 0


def test_a_right_code_after_wrong_ones_still_links(app: Any) -> None:
    patient = account(app, "ann")
    clinician = account(app, "dr-lee", "clinician")
    for _ in range(3):
        api(clinician, "POST", "/api/links/accept", json={"code": "AAAA-AAAA"})
    code = api(patient, "POST", "/api/links").json()["code"]
    r = api(clinician, "POST", "/api/links/accept", json={"code": code})
    assert r.status_code == 200


def test_a_patient_holds_at_most_three_live_codes(sqlite_url: str) -> None:
    ticks = itertools.count()
    settings = build_settings(
        sqlite_url,
        environ={},
        clock=lambda: NOW + timedelta(seconds=next(ticks)),  # each code a moment later
        argon2_time_cost=1,
        argon2_memory_kib=1024,
    )
    app = create_app(settings)
    patient = account(app, "ann")
    made = [api(patient, "POST", "/api/links").json()["code"] for _ in range(5)]
    store = app.state.web.store
    with store.reading() as s:
        assert s.scalar(select(func.count()).select_from(LinkCode)) == 3
    clinician = account(app, "dr-lee", "clinician")
    assert api(clinician, "POST", "/api/links/accept", json={"code": made[0]}).status_code == 422
    assert api(clinician, "POST", "/api/links/accept", json={"code": made[4]}).status_code == 200
