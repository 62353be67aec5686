"""The terminal player: plays a timeline with the engine, large and hands-free."""

import os
import select
import sys
import termios
import time
import tty
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from rich.align import Align
from rich.console import Console, Group, RenderableType
from rich.live import Live
from rich.panel import Panel
from rich.text import Text

from sciatica_coach.cli.voice import Voice
from sciatica_coach.session import Feeling
from sciatica_coach.session.engine import Engine, State, View
from sciatica_coach.session.timeline import Cue, CueKind, Timeline

KEYS = "space pause · n/enter next · + 10 s more · b back · h it hurts · q quit"
FEELINGS = {"b": Feeling.BETTER, "s": Feeling.SAME, "w": Feeling.WORSE}
Clock = Callable[[], float]


def scaled_clock(speed: float) -> Clock:
    """The monotonic clock, sped up for demos and tests (`--speed`)."""
    return lambda: time.monotonic() * speed


def _mmss(seconds: float) -> str:
    whole = int(seconds + 0.999)
    return f"{whole // 60:d}:{whole % 60:02d}"


def _title(cue: Cue) -> str:
    side = f" · {cue.side.value.upper()} SIDE" if cue.side else ""
    return f"{cue.kind.value.replace('_', ' ').upper()}{side}"


def bar(fraction: float, width: int = 60, style: str = "green") -> Text:
    filled = round(max(0.0, min(1.0, fraction)) * width)
    return Text("█" * filled + "░" * (width - filled), style=style, justify="center")


def render(view: View, typed: str = "") -> Panel:
    cue = view.cue
    body: RenderableType
    if view.state is State.ASKING_PAIN:
        body = Text(
            f"Stop and withdraw.\nHow bad is it, 0 to 10? {typed}_\n(type a number, then Enter)",
            style="bold red",
            justify="center",
        )
    elif view.state is State.OFFER_AFTER_PAIN:
        body = Text(
            "s: skip to the next technique    e: end the session", style="bold", justify="center"
        )
    elif view.state in (State.ASKING_FEELING, State.FINISHED):
        body = Text(
            "How do you feel now?\nb better · s the same · w worse", style="bold", justify="center"
        )
    elif cue is None:
        body = Text("")
    else:
        parts: list[RenderableType] = [
            Text(_title(cue), style="bold cyan", justify="center"),
            Text(cue.text, style="bold", justify="center"),
            Text(
                _mmss(view.remaining) + (" (paused)" if view.state is State.PAUSED else ""),
                style="bold yellow",
                justify="center",
            ),
            bar(view.cue_progress, style="yellow"),
        ]
        if cue.warning:
            parts.insert(2, Text(f"! {cue.warning}", style="red", justify="center"))
        nxt = view.next_cue
        parts.append(
            Text(f"Next: {nxt.text[:70] if nxt else 'done'}", style="dim", justify="center")
        )
        body = Group(*parts)
    session = bar(view.session_progress, style="dim green")
    return Panel(
        Group(Align.center(body), session, Text(KEYS, style="dim", justify="center")),
        title="Sciatica Coach",
        padding=(1, 2),
    )


@contextmanager
def raw_keys() -> Iterator[Callable[[float], str | None]]:
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


def _spoken(cue: Cue) -> str:
    side = f"{cue.side.value} side. " if cue.side and cue.kind is not CueKind.SWITCH_SIDE else ""
    return side + cue.text


class Player:
    def __init__(self, engine: Engine, clock: Clock, voice: Voice, speed: float = 1.0) -> None:
        self.engine, self.clock, self.voice, self.speed = engine, clock, voice, speed
        self.typed = ""
        self._spoken_index = -1
        self._counted: set[tuple[int, int]] = set()

    def handle(self, key: str) -> None:
        e, now = self.engine, self.clock()
        if e.state is State.ASKING_PAIN:
            if key.isdigit() and len(self.typed) < 2:
                self.typed += key
            elif key in "\r\n" and self.typed and int(self.typed) <= 10:
                e.pain(int(self.typed))
                self.typed = ""
            elif key in "\x7f\b":
                self.typed = self.typed[:-1]
        elif e.state is State.OFFER_AFTER_PAIN:
            if key == "s":
                e.skip_technique(now)
            elif key in "eq":
                e.end(now)
        elif e.state is State.ASKING_FEELING:
            if key in FEELINGS:
                e.feel(FEELINGS[key])
            elif key in "\r\nq":
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
            }
            if key in actions:
                actions[key](now)

    def speak(self, view: View) -> None:
        cue = view.cue
        if cue is None or view.state is not State.RUNNING:
            return
        if view.index != self._spoken_index:
            self._spoken_index = view.index
            self.voice.say(_spoken(cue))
        if cue.kind is CueKind.HOLD and 0 < view.remaining <= 3:
            count = int(view.remaining + 0.999)
            if (view.index, count) not in self._counted:
                self._counted.add((view.index, count))
                self.voice.say(str(count))

    def wait(self, longest: float = 0.1) -> float:
        """Wake at the next deadline (scaled back to real seconds), at least every `longest`."""
        due = self.engine.seconds_to_deadline(self.clock())
        return longest if due is None else min(longest, due / self.speed)

    def play(self, console: Console) -> None:
        with (
            raw_keys() as read,
            Live(
                render(self.engine.view(self.clock())),
                console=console,
                refresh_per_second=8,
                transient=False,
            ) as live,
        ):
            while self.engine.state is not State.FINISHED:
                key = read(self.wait())
                if key:
                    self.handle(key)
                view = self.engine.view(self.clock())
                self.speak(view)
                live.update(render(view, self.typed))


def play_piped(
    engine: Engine, clock: Clock, out: Callable[[str], None], ask: Callable[[], str]
) -> None:
    """Without a terminal: each cue as a line with its time, in real time."""
    shown = -1
    while engine.state is State.RUNNING:
        view = engine.view(clock())
        if view.cue is not None and view.index != shown:
            shown = view.index
            cue = view.cue
            side = f" [{cue.side.value}]" if cue.side else ""
            out(f"{_mmss(cue.start)} {cue.kind.value}{side}: {cue.text} ({cue.seconds} s)")
        time.sleep(0.05)
    out("How do you feel now: better, same or worse? ")
    answer = ask().strip().lower()
    engine.feel(next((f for f in Feeling if answer and f.value.startswith(answer)), None))


def timeline_lines(timeline: Timeline) -> list[str]:
    lines = []
    for cue in timeline.cues:
        side = f" [{cue.side.value}]" if cue.side else ""
        lines.append(
            f"{_mmss(cue.start):>6}  {cue.kind.value:<11}{side:8} {cue.text} ({cue.seconds} s)"
        )
    lines.append(f"Total: {_mmss(timeline.total_seconds)}")
    return lines
