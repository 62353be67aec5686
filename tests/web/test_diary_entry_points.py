"""One diary rule: `sciatica log`, the web form, `POST /api/diary` and the importer accept and
refuse exactly the same entries, and a refused one stores nothing."""

import json
from pathlib import Path
from typing import Any

import pytest

from sciatica_coach.cli import main
from sciatica_coach.cli.context import get_store
from sciatica_coach.errors import InvalidInput
from sciatica_coach.interop.diary_io import parse_diary
from sciatica_coach.progress.models import NOTE_LIMIT
from tests.web.conftest import NOW, api, register, submit

TODAY = NOW.date()  # the web app's clock in these tests; the CLI gets it from SCIATICA_TODAY
GOOD = {"date": "2026-11-20", "leg_pain": 5, "back_pain": 3, "note": "stiff"}
CASES: list[tuple[str, dict[str, Any], bool]] = [
    ("a good day", {}, True),
    ("the earliest day", {"date": "1900-01-01"}, True),
    ("today", {"date": TODAY.isoformat()}, True),
    ("no pain", {"leg_pain": 0, "back_pain": 0}, True),
    ("the worst pain", {"leg_pain": 10}, True),
    ("the longest note", {"note": "n" * NOTE_LIMIT}, True),
    ("a date without dashes", {"date": "20261120"}, False),
    ("an ISO week date", {"date": "2026-W47-5"}, False),
    ("a date and time", {"date": "2026-11-20T00:00:00"}, False),
    ("a day that does not exist", {"date": "2026-02-30"}, False),
    ("a day before 1900", {"date": "1899-12-31"}, False),
    ("tomorrow", {"date": "2026-11-25"}, False),
    ("pain above 10", {"leg_pain": 11}, False),
    ("pain below 0", {"back_pain": -1}, False),
    ("a note too long", {"note": "n" * (NOTE_LIMIT + 1)}, False),
]
IDS = [c[0] for c in CASES]


def _text(entry: dict[str, Any]) -> dict[str, str]:
    return {k: str(v) for k, v in entry.items()}


def _through_cli(entry: dict[str, Any], monkeypatch: pytest.MonkeyPatch) -> list[Any]:
    monkeypatch.setenv("SCIATICA_TODAY", TODAY.isoformat())
    t = _text(entry)
    args = ["log", "--date", t["date"], "--leg", t["leg_pain"], "--back", t["back_pain"]]
    try:
        main([*args, "--note", t["note"]])
        code = 0
    except SystemExit as exit_:
        code = int(exit_.code or 0)
    store = get_store()
    stored = store.entries(store.local_user_id())
    assert (code == 0) == bool(stored) and code in (0, 2)
    return stored


def _through_form(client: Any, entry: dict[str, Any]) -> list[Any]:
    register(client)
    r = submit(client, "/diary", _text(entry) | {"shown": str(entry["date"]), "entry_id": ""})
    assert r.status_code in (303, 422)
    return list(api(client, "GET", "/api/diary").json())


def _through_api(client: Any, entry: dict[str, Any]) -> list[Any]:
    register(client, "bob")
    r = api(client, "POST", "/api/diary", json=entry)
    assert r.status_code in (201, 422), r.text
    return list(api(client, "GET", "/api/diary").json())


def _through_import(entry: dict[str, Any], tmp_path: Path) -> list[Any]:
    header = "date,leg_pain,back_pain,tingling,numbness,weakness,note,reaches\n"
    t = _text(entry)
    row = f"{t['date']},{t['leg_pain']},{t['back_pain']},,,,{t['note']},\n"
    results = []
    for text, fmt in ((header + row, "csv"), (json.dumps([entry]), "json")):
        try:
            results.append(parse_diary(text, fmt, TODAY))  # type: ignore[arg-type]
        except InvalidInput:
            results.append([])
    assert bool(results[0]) == bool(results[1]), "CSV and JSON disagree"
    return results[0]


@pytest.mark.parametrize(("case", "change", "accepted"), CASES, ids=IDS)
def test_every_way_in_accepts_and_refuses_the_same_entries(
    case: str,
    change: dict[str, Any],
    accepted: bool,
    client: Any,
    other_client: Any,
    cli_db: str,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    entry = GOOD | change
    outcomes = {
        "sciatica log": _through_cli(entry, monkeypatch),
        "the web form": _through_form(client, entry),
        "the API": _through_api(other_client, entry),
        "the importer": _through_import(entry, tmp_path),
    }
    assert {way: bool(stored) for way, stored in outcomes.items()} == dict.fromkeys(
        outcomes, accepted
    )
