"""The terminal player's screen and voice, from engine views on a fake clock (no terminal)."""

import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from rich.console import Console

from sciatica_coach.catalog import Side
from sciatica_coach.cli.bigtext import big
from sciatica_coach.cli.player import Announcer
from sciatica_coach.cli.screen import render
from sciatica_coach.cli.voice import Voice
from sciatica_coach.session.engine import Engine
from sciatica_coach.session.timeline import Cue, CueKind, Timeline

T0 = 50.0


def _timeline() -> Timeline:
    cues = [
        Cue(CueKind.SAY, "Lie on your back.", 4, routine_id="r", side=Side.RIGHT, step_index=0),
        Cue(CueKind.GET_READY, "Get into position.", 5, routine_id="r", side=Side.RIGHT),
        Cue(
            CueKind.HOLD,
            "Hold for up to 30 seconds.",
            20,
            routine_id="r",
            side=Side.RIGHT,
            step_index=1,
            early_finish=True,
            warning="Pull back a bit if you start feeling discomfort or pain.",
        ),
        Cue(CueKind.REST, "Curl up and rest.", 10, routine_id="r", position="fetal position"),
        Cue(CueKind.CHECK_IN, "How do you feel now?", 10),
    ]
    start, placed = 0, []
    for cue in cues:
        placed.append(Cue(**{**cue.__dict__, "start": start}))
        start += cue.seconds
    return Timeline(tuple(placed))


class Recorder(Voice):
    def __init__(self) -> None:
        super().__init__(enabled=False)
        self.said: list[str] = []

    def say(self, text: str) -> None:
        self.said.append(text)


def _screen(engine: Engine, now: float) -> str:
    console = Console(record=True, width=100, color_system=None)
    console.print(render(engine.view(now), engine.timeline.total_seconds))
    return console.export_text()


def test_big_digits_are_blocks_five_rows_high() -> None:
    assert big("1") == ["  ██  ", "████  ", "  ██  ", "  ██  ", "██████"]
    assert big("0:0") == [
        "██████      ██████",
        "██  ██  ██  ██  ██",
        "██  ██      ██  ██",
        "██  ██  ██  ██  ██",
        "██████      ██████",
    ]


def test_a_hold_shows_heading_side_text_warning_big_countdown_and_both_bars() -> None:
    engine = Engine(_timeline(), T0)
    screen = _screen(engine, T0 + 9 + 7.5)  # 7.5 s into the 20-s hold: 12.5 s left
    assert "HOLD    RIGHT SIDE" in screen
    assert "Hold for up to 30 seconds." in screen
    assert "! Pull back a bit if you start feeling discomfort or pain." in screen
    for row in big("0:13"):
        assert row in screen
    assert "this hold " + "█" * 15 + "░" * 25 + " 0:13 left" in screen
    assert "session " + "█" * 13 + "░" * 27 + " 0:16 of 0:49" in screen  # 16.5 of 49 s
    assert "Next: Curl up and rest." in screen


def test_a_rest_names_its_position_and_a_pause_is_plain() -> None:
    engine = Engine(_timeline(), T0)
    engine.pause(T0 + 30)
    screen = _screen(engine, T0 + 300)
    assert "REST · fetal position" in screen and "SIDE" not in screen
    assert "PAUSED: space to go on" in screen and "0:09 left" in screen


def test_each_cue_is_said_once_and_the_last_three_seconds_of_a_hold_are_counted() -> None:
    engine, voice = Engine(_timeline(), T0), Recorder()
    announce = Announcer(voice)
    for tenth in range(0, 300):
        announce(engine.view(T0 + tenth / 10))
        if tenth == 220:
            engine.hurts(T0 + 22)
            announce(engine.view(T0 + 22))
            engine.pain(2)
            announce(engine.view(T0 + 22))
            engine.skip_technique(T0 + 22)
    assert voice.said == [
        "right side. Lie on your back.",
        "right side. Get into position.",
        "right side. Hold for up to 30 seconds. "
        "Pull back a bit if you start feeling discomfort or pain.",  # the article's warning
        "Stop and withdraw. How bad is it, 0 to 10?",
        "Skip to the next technique, or end the session?",
        "How do you feel now? Better, the same, or worse?",
    ]


def test_back_on_a_hold_counts_down_again() -> None:
    engine, voice = Engine(_timeline(), T0), Recorder()
    announce = Announcer(voice)
    for tenth in range(0, 290):
        announce(engine.view(T0 + tenth / 10))
    engine.back(T0 + 29)
    for tenth in range(290, 290 + 201):
        announce(engine.view(T0 + tenth / 10))
    hold = (
        "right side. Hold for up to 30 seconds. "
        "Pull back a bit if you start feeling discomfort or pain."
    )
    assert voice.said == [
        "right side. Lie on your back.",
        "right side. Get into position.",
        hold,
        "3",
        "2",
        "1",
        hold,
        "3",
        "2",
        "1",
        "Curl up and rest.",
    ]


def test_voice_speaks_through_espeak_ng_without_waiting_for_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    said = tmp_path / "said.txt"
    fake = tmp_path / "espeak-ng"
    fake.write_text(f'#!/bin/sh\necho "$@" > {said}.part; mv {said}.part {said}\nexec sleep 60\n')
    fake.chmod(0o755)
    monkeypatch.setenv("PATH", f"{tmp_path}:/usr/bin:/bin")
    voice = Voice(enabled=True)
    assert voice.engine == str(fake)
    voice.say("Get into position.")  # returns at once: the speaker runs on for a minute
    speaking = voice._speaking
    assert speaking is not None and speaking.poll() is None
    deadline = time.monotonic() + 20
    while not said.exists() and time.monotonic() < deadline:
        time.sleep(0.01)
    assert said.read_text().split() == ["-s", "150", "Get", "into", "position."]
    voice.close()
    assert speaking.wait(timeout=20) < 0  # stopped by a signal


def test_voice_rings_the_bell_without_espeak_ng_and_is_silent_when_off(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))
    Voice(enabled=True).say("Hold.")
    Voice(enabled=False).say("Hold.")
    assert capsys.readouterr().out == "\a"


def test_the_camera_says_one_thing_at_a_time_on_screen_and_aloud() -> None:
    engine = Engine(_timeline(), T0, watch=lambda figure: True)
    voice = Recorder()
    announce = Announcer(voice)
    hold = T0 + 9
    engine.tick(hold)
    announce(engine.view(hold))
    waiting = "Get into the position: the countdown starts when the camera sees you in it."
    assert waiting in " ".join(_screen(engine, hold).split())
    engine.wrong_side(hold + 1)
    announce(engine.view(hold + 1))
    assert "do the RIGHT side" in _screen(engine, hold + 1)
    engine.in_pose(hold + 2)
    engine.form_hint("Keep your back flat on the floor.")
    announce(engine.view(hold + 2))
    announce(engine.view(hold + 3))  # the same hint: not said again
    assert "Keep your back flat on the floor." in _screen(engine, hold + 3)
    assert voice.said[-3:] == [
        waiting,
        "That is the other side: do the RIGHT side.",
        "Keep your back flat on the floor.",
    ]


def test_c_turns_the_camera_off_and_the_waiting_hold_goes_by_time() -> None:
    import threading

    from sciatica_coach.cli.camera import CameraCoach, CameraFeed
    from sciatica_coach.cli.player import Player
    from sciatica_coach.motion.landmarks import Frame

    stopped = threading.Event()

    def nobody() -> Iterator[Frame]:
        while not stopped.wait(0.01):
            yield Frame(time.monotonic(), None)

    engine = Engine(_timeline(), T0)
    camera = CameraCoach(engine, CameraFeed(nobody()))
    engine.watch = lambda figure: True  # these cues have no figure: watch them all the same
    now = [T0 + 9]
    player = Player(engine, lambda: now[0], Recorder(), camera=camera)
    engine.tick(now[0])
    assert engine.view(now[0]).waiting
    assert "(c turns the camera off" in _screen(engine, now[0])
    player.handle("c")
    stopped.set()
    assert not camera.on and engine.watch is None
    now[0] += 20
    engine.tick(now[0])
    assert engine.cue is not None and engine.cue.kind is CueKind.REST
