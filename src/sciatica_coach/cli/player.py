"""The terminal player: plays a timeline with the engine, large and hands-free. It wakes at
the next deadline (at least every 100 ms to read keys); the engine decides what is due."""

import os
import select
import sys
import termios
import time
import tty
from collections.abc import Callable, Iterator
from contextlib import contextmanager, nullcontext
from typing import TYPE_CHECKING

from rich.console import Console
from rich.live import Live

from sciatica_coach.cli.screen import (
    FEELING_PROMPT,
    PAIN_PROMPT,
    camera_note,
    mmss,
    render,
)
from sciatica_coach.cli.voice import Voice
from sciatica_coach.session import Feeling, PainChange, ReachChange
from sciatica_coach.session.engine import Engine, State, View
from sciatica_coach.session.timeline import PLAYER, Cue, CueKind, Timeline

if TYPE_CHECKING:
    from rich.panel import Panel

    from sciatica_coach.cli.camera import CameraCoach

FEELINGS = {"b": Feeling.BETTER, "s": Feeling.SAME, "w": Feeling.WORSE}
PAINS = {"b": PainChange.BETTER, "s": PainChange.SAME, "w": PainChange.WORSE}
REACHES = {"l": ReachChange.LESS, "s": ReachChange.SAME, "f": ReachChange.FURTHER}
SPOKEN_PROMPTS = {
    State.ASKING_CHECK: PLAYER["words"]["check_question"],  # the browser's words too
    State.ASKING_PAIN: PAIN_PROMPT,
    State.OFFER_AFTER_PAIN: "Skip to the next technique, or end the session?",
    State.ASKING_FEELING: FEELING_PROMPT + " Better, the same, or worse?",
}
CAMERA_TURN = 0.03  # with a camera the loop turns at about the frame rate
Clock = Callable[[], float]
KeyReader = Callable[[float], str | None]  # one key pressed within `timeout` seconds, or None


def scaled_clock(speed: float) -> Clock:
    """The monotonic clock, sped up for demos and tests (`--speed`)."""
    return lambda: time.monotonic() * speed


@contextmanager
def raw_keys() -> Iterator[KeyReader]:
    """Single key presses from the terminal, without Enter, restored on exit."""
    fd = sys.stdin.fileno()
    saved = termios.tcgetattr(fd)
    tty.setcbreak(fd)

    def read(timeout: float) -> str | None:
        ready, _, _ = select.select([fd], [], [], timeout)
        return os.read(fd, 1).decode(errors="ignore") if ready else None

    try:
        yield read
    finally:
        termios.tcsetattr(fd, termios.TCSADRAIN, saved)


def spoken(cue: Cue) -> str:
    side = f"{cue.side.value} side. " if cue.side and cue.kind is not CueKind.SWITCH_SIDE else ""
    return side + cue.speech


class Announcer:
    """What to say aloud for each view: every new cue once, every question once, and the
    last 3 seconds of a hold counted down."""

    def __init__(self, voice: Voice) -> None:
        self.voice = voice
        self._said: set[tuple[int, int]] = set()
        self._cue: int | None = None
        self._state = State.RUNNING
        self._note: str | None = None

    def __call__(self, view: View) -> None:
        if view.state is not self._state:
            self._state = view.state
            if view.state in SPOKEN_PROMPTS:
                self.voice.say(SPOKEN_PROMPTS[view.state])
        cue = view.cue
        if cue is None or view.state is not State.RUNNING:
            return
        if view.entry != self._cue:  # a new cue, or the same one again after `back`
            self._cue = view.entry
            self.voice.say(spoken(cue))
        note = camera_note(view)
        if note != self._note:  # what the camera says, once each time it changes
            self._note = note
            if note:
                self.voice.say(note)
        if cue.kind is CueKind.HOLD and 0 < view.remaining <= 3:
            key = (view.entry, int(view.remaining + 0.999))
            if key not in self._said:
                self._said.add(key)
                self.voice.say(str(key[1]))


class Player:
    def __init__(
        self,
        engine: Engine,
        clock: Clock,
        voice: Voice,
        speed: float = 1.0,
        camera: "CameraCoach | None" = None,
    ) -> None:
        self.engine, self.clock, self.speed = engine, clock, speed
        self.announce = Announcer(voice)
        self.typed = ""
        self.camera = camera
        self.titles: dict[str, str] = {}

    def _check(self, key: str, now: float) -> None:
        """The check after a technique: the pain (one key), then how far it reaches (one
        key); Enter skips what is left."""
        e = self.engine
        if e.check_pain is None:
            if key in PAINS:
                e.answer_pain(PAINS[key])
            elif key in ("\r", "\n", "q"):
                e.skip_check(now)
            return
        if key in REACHES or key in ("\r", "\n", "q"):
            e.after_check(now, reach=REACHES.get(key))

    def handle(self, key: str) -> None:
        e, now = self.engine, self.clock()
        if e.state is State.ASKING_CHECK:
            self._check(key, now)
        elif e.state is State.ASKING_PAIN:
            self._type_pain(key)
        elif e.state is State.OFFER_AFTER_PAIN:
            if key == "s":
                e.skip_technique(now)
            elif key in ("e", "q"):
                e.end(now)
        elif e.state is State.ASKING_FEELING:
            if key in FEELINGS:
                e.feel(FEELINGS[key])
            elif key in ("\r", "\n", "q"):
                e.feel(None)
        else:
            actions = {
                " ": e.resume if e.state is State.PAUSED else e.pause,
                "n": e.next,
                "\r": e.next,
                "\n": e.next,
                "+": e.extend,
                "b": e.back,
                "h": e.hurts,
                "q": e.quit,
                "c": self._camera_off,
            }
            if key in actions:
                actions[key](now)

    def _camera_off(self, now: float) -> None:
        if self.camera is not None:
            self.camera.stop(now)

    def _type_pain(self, key: str) -> None:
        if key.isdigit() and len(self.typed) < 2:
            self.typed += key
        elif key in ("\r", "\n") and self.typed and int(self.typed) <= 10:
            self.engine.pain(int(self.typed))
            self.typed = ""
        elif key in ("\x7f", "\b"):
            self.typed = self.typed[:-1]

    def interrupt(self) -> None:
        """Ctrl-C: quit (what was done is still saved); at the last question, skip it."""
        if self.engine.state is State.ASKING_CHECK:
            self.engine.skip_check(self.clock())
            self.engine.quit(self.clock())
        elif self.engine.state is State.ASKING_FEELING:
            self.engine.feel(None)
        else:
            self.engine.quit(self.clock())

    def wait(self, longest: float = 0.1) -> float:
        """Wake at the next deadline (scaled back to real seconds), at least every `longest`."""
        if self.camera is not None and self.camera.on:
            longest = min(longest, CAMERA_TURN)
        due = self.engine.seconds_to_deadline(self.clock())
        return longest if due is None else min(longest, due / self.speed)

    def play(self, console: Console, keys: KeyReader | None = None) -> None:
        """Until the end; `keys` reads one key within a timeout (default: the terminal)."""
        with raw_keys() if keys is None else nullcontext(keys) as read:
            self._loop(console, read)

    def frame(self, view: View) -> "Panel":
        """The screen for `view`: during the check, which technique, and which question."""
        title = self.titles.get(view.checking or "", view.checking or "")
        typed = "pain" if self.engine.check_pain is not None else self.typed
        return render(view, self.engine.timeline.total_seconds, typed, title)

    def _loop(self, console: Console, read: KeyReader) -> None:
        total = self.engine.timeline.total_seconds
        first = render(self.engine.view(self.clock()), total)
        with Live(first, console=console, auto_refresh=False) as live:
            while self.engine.state is not State.FINISHED:
                # Ctrl-C may land anywhere in a turn, drawing the screen included (the
                # terminal stays in cbreak mode, so it is a signal, not a key): it always
                # ends the session the same way, and what was done is saved.
                try:
                    key = read(self.wait())
                    if key:
                        self.handle(key)
                    if self.camera is not None:
                        self.camera.pump(self.clock())
                    view = self.engine.view(self.clock())
                    self.announce(view)
                    live.update(self.frame(view), refresh=True)
                except KeyboardInterrupt:
                    self.interrupt()


def play_piped(
    engine: Engine,
    clock: Clock,
    out: Callable[[str], None],
    ask: Callable[[], str],
    speed: float = 1.0,
    voice: Voice | None = None,
    camera: "CameraCoach | None" = None,
) -> None:
    """Without a terminal: each cue as a line with its time, in real time (sleeping until
    the next deadline), then the feeling read as a word from `ask`. What the camera says
    comes as `camera: ...` lines."""
    shown, said = -1, None
    announce = Announcer(voice) if voice else None
    try:
        while engine.state is State.RUNNING:
            if camera is not None:
                camera.pump(clock())
            view = engine.view(clock())
            if view.cue is not None and view.index != shown:
                shown = view.index
                out(cue_line(view.cue))
            if camera_note(view) != said:
                said = camera_note(view)
                if said:
                    out(f"camera: {said}")
            if announce:
                announce(view)
            _sleep(engine, clock, speed, announce is not None, camera)
    except KeyboardInterrupt:
        engine.quit(clock())
        engine.feel(None)
        return
    out(FEELING_PROMPT + " better, same or worse? ")
    try:
        answer = ask().strip().lower()
    except KeyboardInterrupt:
        answer = ""
    engine.feel(next((f for f in Feeling if answer and f.value.startswith(answer)), None))


def _sleep(
    engine: Engine, clock: Clock, speed: float, speaking: bool, camera: "CameraCoach | None"
) -> None:
    longest = 0.1 if speaking else 1.0
    if camera is not None and camera.on:
        longest = CAMERA_TURN
    due = engine.seconds_to_deadline(clock())
    time.sleep(longest if due is None else min(longest, due / speed))


def cue_line(cue: Cue) -> str:
    side = f" [{cue.side.value}]" if cue.side else ""
    return f"{mmss(cue.start)} {cue.kind.value}{side}: {cue.text} ({cue.seconds} s)"


def timeline_lines(timeline: Timeline) -> list[str]:
    lines = []
    for cue in timeline.cues:
        side = f" [{cue.side.value}]" if cue.side else ""
        lines.append(
            f"{mmss(cue.start):>6}  {cue.kind.value:<11}{side:8} {cue.text} ({cue.seconds} s)"
        )
    lines.append(f"Total: {mmss(timeline.total_seconds)}")
    return lines
