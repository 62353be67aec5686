"""`sciatica timeline` and `sciatica session`, the terminal player driven through a real
pseudo-terminal with keystrokes (sped up with the hidden --speed option)."""

import json
import os
import sys
from pathlib import Path

import pexpect
import pytest
from click.testing import CliRunner

from sciatica_coach.cli import cli
from sciatica_coach.cli.context import get_store
from tests.cli.helpers import run

SCIATICA = str(Path(sys.executable).parent / "sciatica")


@pytest.fixture
def ready(cli_db: str, tmp_path: Path) -> str:
    answers = tmp_path / "clear.json"
    answers.write_text("{}")
    run("check", "--answers", str(answers))
    run("profile", "--equipment", "tennis-balls,towel", "--hold", "10", "--minutes", "4")
    return cli_db


def test_timeline_json(ready: str) -> None:
    code, out = run("timeline", "--json")
    doc = json.loads(out)
    assert code == 0 and doc["blocked"] is None
    assert doc["total_seconds"] == sum(c["seconds"] for c in doc["cues"]) <= 4 * 60 + 10
    assert doc["cues"][-1]["kind"] == "check_in"


def test_blocked_session_stops_before_it_starts(cli_db: str, tmp_path: Path) -> None:
    answers = tmp_path / "red.json"
    answers.write_text('{"bladder_change": true}')
    run("check", "--answers", str(answers))
    result = CliRunner().invoke(cli, ["session"])
    assert result.exit_code == 1
    assert "emergency" in result.output
    assert get_store().sessions(get_store().local_user_id()) == []


def test_piped_session_prints_cues_with_times_and_saves_the_record(ready: str) -> None:
    code, out = run("session", "--speed", "200", input="better\n")
    assert code == 0
    assert out.splitlines()[0].startswith("0:00 say: Palm and thumb massage.")
    store = get_store()
    (record,) = store.sessions(store.local_user_id())
    assert record.finished and record.feeling is not None and record.feeling.value == "better"
    assert record.completed[0].routine_id == "palm-and-thumb-massage"


def _spawn(db: str, *args: str) -> pexpect.spawn:
    env = {**os.environ, "SCIATICA_DB": db, "TERM": "xterm", "COLUMNS": "100", "LINES": "40"}
    return pexpect.spawn(
        SCIATICA, ["session", *args], env=env, encoding="utf-8", dimensions=(40, 100), timeout=20
    )


def test_terminal_player_with_keys_hurts_skip_and_feeling(ready: str) -> None:
    child = _spawn(ready, "--speed", "5")
    child.expect("SAY")
    child.expect("Palm and thumb massage")
    child.expect("space pause")
    child.send(" ")
    child.expect("paused")
    child.send(" ")
    child.send("h")
    child.expect("How bad is it, 0 to 10")
    child.send("7")
    child.send("\r")
    child.expect("skip to the next technique")
    child.send("s")
    child.expect("Knuckle massage")
    child.send("q")
    child.expect("b better")
    child.send("w")
    child.expect("Session saved")
    child.expect(pexpect.EOF)
    store = get_store()
    (record,) = store.sessions(store.local_user_id())
    (stop,) = record.pain_stops
    assert (stop.routine_id, stop.severity) == ("palm-and-thumb-massage", 7)
    assert record.feeling is not None and record.feeling.value == "worse" and not record.finished


def test_terminal_player_plays_to_the_end(ready: str) -> None:
    child = _spawn(ready, "--speed", "100", "--minutes", "1")
    child.expect("b better", timeout=30)
    child.send("b")
    child.expect(pexpect.EOF)
    store = get_store()
    (record,) = store.sessions(store.local_user_id())
    assert record.finished and record.feeling is not None and record.feeling.value == "better"
