"""`sciatica timeline` and `sciatica session`, the terminal player driven through a real
pseudo-terminal with keystrokes, checked on an emulated screen (sped up with --speed where
the test only watches)."""

import json
from itertools import pairwise
from pathlib import Path
from typing import Any

from click.testing import CliRunner

from sciatica_coach.cli import cli
from sciatica_coach.cli.context import get_store
from sciatica_coach.cli.screen import HEADINGS
from sciatica_coach.session import Feeling, SessionRecord
from sciatica_coach.session.timeline import CueKind
from tests.cli.helpers import run
from tests.cli.terminal import Terminal


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


def _record(db: str) -> SessionRecord:
    store = get_store()
    (record,) = store.sessions(store.local_user_id())
    return record


def test_terminal_player_keys_next_back_extend_pause_hurts_skip_quit(ready: str) -> None:
    term = Terminal(
        ready, "session", "--minutes", "10"
    )  # real time: each step waits for the screen
    term.wait_for("DO THIS", "Palm and thumb massage.", "space pause", "this step", "session")
    term.press("n")
    term.wait_for("Rub your lower back with your palms")
    term.press("b")
    term.wait_for("Palm and thumb massage. Starting position")
    for shown in (
        "Rub your lower back",
        "Wrap your fingers around your sides",
        "Tennis ball massage.",
        "Wrap two tennis balls",
        "Sit on the floor with your knees bent",
        "GET INTO POSITION",
    ):
        term.press("n")
        term.wait_for(shown)
    term.press("\r")
    # wait for the whole frame: a screen read mid-redraw has only its first lines
    term.wait_for(
        "HOLD",
        "Stay there for about one minute",
        "this hold",
        "Next: Do the same with the other areas",
    )
    term.press("+")
    term.wait_for_regex(r"this hold [█░]+ 1:(0[1-9]|10) left")  # over the hold's minute
    term.press(" ")
    term.wait_for("PAUSED")
    term.press("h")
    term.wait_for("Stop and withdraw. How bad is it, 0 to 10?")
    term.press("7")
    term.wait_for("7_")
    term.press("\r")
    term.wait_for("skip to the next technique", "end the session")
    term.press("s")
    term.wait_for("DO THIS", "Knuckle massage. Starting position")
    term.press("q")
    term.wait_for("How do you feel now?", "b better")
    term.press("w")
    # Its steps were passed with "n" before any ran out: skipped, as in the browser
    assert "Session saved: 0 technique sides done, 1 skipped, 1 pain stop(s)." in term.finish()
    record = _record(ready)
    assert [c.routine_id for c in record.skipped] == ["palm-and-thumb-massage"]
    assert record.completed == ()
    (stop,) = record.pain_stops
    assert (stop.routine_id, stop.side, stop.step_index, stop.severity) == (
        "tennis-ball-massage",
        None,
        2,
        7,
    )
    assert record.feeling is Feeling.WORSE and not record.finished


def _screen_of(cue: dict[str, Any], following: dict[str, Any]) -> tuple[str, ...]:
    needles = [HEADINGS[CueKind(cue["kind"])], cue["text"][:40], f"Next: {following['text'][:30]}"]
    if cue["side"]:
        needles.append(f"{cue['side'].upper()} SIDE")
    if cue["position"]:
        needles.append(f"REST · {cue['position']}")
    return tuple(needles)


def test_every_cue_is_on_screen_in_order_with_its_heading_side_and_position(ready: str) -> None:
    cues = json.loads(run("timeline", "--json", "--minutes", "10")[1])["cues"]
    assert {c["side"] for c in cues} == {None, "right", "left"}
    assert "rest" in {c["kind"] for c in cues}
    term = Terminal(ready, "session", "--minutes", "10")  # real time; n moves on
    for cue, following in pairwise(cues):
        term.wait_for(*_screen_of(cue, following))
        term.press("n")
    term.wait_for("How do you feel now?")
    term.press("s")
    term.finish()
    record = _record(ready)
    assert record.finished and record.feeling is Feeling.SAME
    assert record.completed == ()  # every step passed with "n" at once: all skipped
    assert [(c.routine_id, c.side) for c in record.skipped] == list(
        dict.fromkeys((c["routine_id"], c["side"]) for c in cues if c["routine_id"])
    )


def test_terminal_player_plays_to_the_end(ready: str) -> None:
    term = Terminal(ready, "session", "--speed", "100", "--minutes", "1")
    term.wait_for("How do you feel now?", "b better")
    term.press("b")
    term.finish()
    record = _record(ready)
    assert record.finished and record.feeling is Feeling.BETTER


def test_ctrl_c_ends_the_session_and_still_saves_it(ready: str) -> None:
    term = Terminal(ready, "session")
    term.wait_for("Palm and thumb massage.")
    term.press("\x03")
    term.wait_for("How do you feel now?")
    term.press("\x03")
    assert "Session saved: 0 technique sides done." in term.finish()
    record = _record(ready)
    assert record.feeling is None and not record.finished and record.completed == ()
