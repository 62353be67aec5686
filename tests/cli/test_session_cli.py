"""`sciatica timeline` and `sciatica session`. The terminal player is driven in-process on a
fake clock with keystrokes pressed when their screen shows (tests/cli/inprocess.py); two
smoke tests play it through a real pseudo-terminal, checked on an emulated screen."""

import json
from itertools import pairwise
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from sciatica_coach.cli import cli, main
from sciatica_coach.cli.context import get_store
from sciatica_coach.cli.screen import HEADINGS
from sciatica_coach.session import AfterCheck, Feeling, PainChange, ReachChange, SessionRecord
from sciatica_coach.session.timeline import CueKind
from tests.cli.helpers import run
from tests.cli.inprocess import Step, play_in_process
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


def _session_in_process(
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    steps: list[Step],
    *args: str,
) -> str:
    play_in_process(monkeypatch, steps)
    try:
        main(["session", *args])
    except SystemExit as exit_:
        assert exit_.code in (0, None)
    return capsys.readouterr().out


def test_terminal_player_keys_next_back_extend_pause_hurts_skip_quit(
    ready: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    steps: list[Step] = [
        (("DO THIS", "Palm and thumb massage.", "space pause", "this step", "session"), "n"),
        (("Rub your lower back with your palms",), "b"),
        (("Palm and thumb massage. Starting position",), "n"),
        (("Rub your lower back",), "n"),
        (("Wrap your fingers around your sides",), "n"),
        # palm and thumb is done: its check, skipped
        (("Palm and thumb massage: done.", "your leg pain is"), "\r"),
        (("Tennis ball massage.",), "n"),
        (("Wrap two tennis balls",), "n"),
        (("Sit on the floor with your knees bent",), "n"),
        (("GET INTO POSITION",), "\r"),
        (
            (
                "HOLD",
                "Stay there for about one minute",
                "this hold",
                "Next: Do the same with the other areas",
                "1:00 left",
            ),
            "+",
        ),
        (("1:10 left",), " "),  # the hold's minute and the 10 seconds added
        (("PAUSED",), "h"),
        (("Stop and withdraw. How bad is it, 0 to 10?",), "7"),
        (("7_",), "\r"),
        (("skip to the next technique", "end the session"), "s"),
        (("DO THIS", "Knuckle massage. Starting position"), "q"),
        (("How do you feel now?", "b better"), "w"),
    ]
    out = _session_in_process(monkeypatch, capsys, steps, "--minutes", "10")
    # Its steps were passed with "n" before any ran out: skipped, as in the browser
    assert "Session saved: 0 technique sides done, 1 skipped, 1 pain stop(s)." in out
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


def test_every_cue_is_on_screen_in_order_with_its_heading_side_and_position(
    ready: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    cues = json.loads(run("timeline", "--json", "--minutes", "10")[1])["cues"]
    assert {c["side"] for c in cues} == {None, "right", "left"}
    assert "rest" in {c["kind"] for c in cues}
    steps: list[Step] = []
    for cue, following in pairwise(cues):
        steps.append((_screen_of(cue, following), "n"))
        if cue["routine_id"] and following["routine_id"] != cue["routine_id"]:
            steps.append((("your leg pain is",), "\r"))  # the check after each technique: skipped
    steps.append((("How do you feel now?",), "s"))
    _session_in_process(monkeypatch, capsys, steps, "--minutes", "10")
    record = _record(ready)
    assert record.finished and record.feeling is Feeling.SAME
    assert record.completed == ()  # every step passed with "n" at once: all skipped
    assert [(c.routine_id, c.side) for c in record.skipped] == list(
        dict.fromkeys((c["routine_id"], c["side"]) for c in cues if c["routine_id"])
    )


def test_the_in_process_terminal_waits_for_the_screen_before_it_presses(
    ready: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """The harness itself: a key waits until its screen is shown, while session time runs."""
    steps: list[Step] = [(("REST",), "q"), (("How do you feel now?",), "b")]
    term = play_in_process(monkeypatch, steps)
    main_exit = None
    try:
        main(["session", "--minutes", "10"])
    except SystemExit as exit_:
        main_exit = exit_.code
    assert main_exit in (0, None)
    assert term.waited > 60  # the rest comes after more than a minute of techniques
    assert _record(ready).completed  # played by time up to the rest


@pytest.mark.slow  # a real pseudo-terminal in real time
def test_terminal_player_plays_to_the_end(ready: str) -> None:
    term = Terminal(ready, "session", "--speed", "5", "--minutes", "1")  # the check: 4 s
    term.wait_for("Palm and thumb massage: done.", "your leg pain is", "b better")
    term.press("b")  # the check after the technique: one key for the pain...
    term.wait_for("And it reaches:", "l less far")
    term.press("l")  # ...and one for how far it reaches
    term.wait_for("How do you feel now?", "b better")
    term.press("b")
    out = term.finish()
    assert "Good news: the pain reached less far" in out
    record = _record(ready)
    assert record.finished and record.feeling is Feeling.BETTER
    assert record.checks == (
        AfterCheck("palm-and-thumb-massage", PainChange.BETTER, ReachChange.LESS),
    )


def test_ctrl_c_while_the_screen_is_drawn_still_ends_the_session_and_saves_it(
    ready: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """The interrupt can arrive at any point of a turn, not only while a key is awaited: here
    while the check after the first technique is being announced."""
    from sciatica_coach.cli.player import Announcer

    announce = Announcer.__call__
    interrupted = []

    def interrupted_once(self: Announcer, view: Any) -> None:
        if not interrupted and view.checking is not None:  # the first technique is done
            interrupted.append(True)
            raise KeyboardInterrupt
        announce(self, view)

    monkeypatch.setattr(Announcer, "__call__", interrupted_once)
    out = _session_in_process(monkeypatch, capsys, [(("How do you feel now?",), "\r")])
    record = _record(ready)
    assert interrupted and "Session saved:" in out
    assert not record.finished and record.feeling is None and record.checks == ()
    assert {c.routine_id for c in record.completed} == {"palm-and-thumb-massage"}


@pytest.mark.slow  # a real pseudo-terminal in real time
def test_ctrl_c_ends_the_session_and_still_saves_it(ready: str) -> None:
    term = Terminal(ready, "session")
    term.wait_for("Palm and thumb massage.")
    term.press("\x03")
    term.wait_for("How do you feel now?")
    term.press("\x03")
    assert "Session saved: 0 technique sides done." in term.finish()
    record = _record(ready)
    assert record.feeling is None and not record.finished and record.completed == ()


def test_further_down_twice_in_the_terminal_leaves_the_technique_out(
    ready: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    steps: list[Step] = [
        (("Palm and thumb massage: done.", "your leg pain is"), "s"),  # the same pain...
        (("And it reaches:",), "f"),  # ...but further down the leg
        (("How do you feel now?",), "s"),
    ]
    first = _session_in_process(monkeypatch, capsys, steps, "--minutes", "1")
    assert "twice in a row and it is left out" in " ".join(first.split())  # the rule, told
    plan = json.loads(run("plan", "--json")[1])
    assert "palm-and-thumb-massage" in [r["id"] for r in plan["routines"]]  # once is not twice
    second = _session_in_process(monkeypatch, capsys, steps, "--minutes", "1")
    assert "twice in a row and it is left out" in " ".join(second.split())
    plan = json.loads(run("plan", "--json")[1])
    assert "palm-and-thumb-massage" not in [r["id"] for r in plan["routines"]]
    reason = {e["id"]: e["reason"] for e in plan["excluded"]}["palm-and-thumb-massage"]
    assert "further down your leg" in reason
    _, shown = run("plan")
    assert "further down your leg" in " ".join(shown.split())
