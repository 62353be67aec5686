"""How late cues fire against the monotonic clock, over a real 60-second run of the terminal
player's own loop (`Player.play`: sleeping until the next deadline, waking at least every
100 ms to read keys, drawing every frame with Rich to an in-memory terminal)."""

import io
import os
import select
import time

from rich.console import Console

from bench.timing import percentile
from sciatica_coach.cli.player import Player
from sciatica_coach.cli.voice import Voice
from sciatica_coach.session.engine import Engine, State
from sciatica_coach.session.timeline import Cue, CueKind, Timeline

CUES = 60  # one-second cues for 60 s (far more transitions than a real session), then the end


def _timeline() -> Timeline:
    cues, start = [], 0
    for n in range(CUES):
        cues.append(Cue(CueKind.HOLD, f"cue {n}", 1, start=start, early_finish=True))
        start += 1
    cues.append(Cue(CueKind.CHECK_IN, "done?", 10, start=start))
    return Timeline(tuple(cues))


class TimedEngine(Engine):
    """Notes when each cue really ended, against when it was due (no events: no shift)."""

    late_ms: list[float]

    def tick(self, now: float) -> None:
        before = self.index
        super().tick(now)
        for passed in range(before, self.index):
            due = self.started + self.timeline.cues[passed].end
            self.late_ms.append((now - due) * 1000)


def main() -> None:
    timeline = _timeline()
    clock = time.monotonic
    engine = TimedEngine(timeline, clock())
    engine.late_ms = []
    idle, _ = os.pipe()  # nobody types: the loop waits on an idle key source like a tty

    def keys(timeout: float) -> str | None:
        if engine.state is State.ASKING_FEELING:
            return "b"
        select.select([idle], [], [], timeout)
        return None

    screen = Console(file=io.StringIO(), force_terminal=True, width=100, height=40)
    Player(engine, clock, Voice(False)).play(screen, keys)
    late = engine.late_ms
    print(
        f"cue lateness over {timeline.cues[-1].start} s, {len(late)} cues, frames drawn: "
        f"p50 {percentile(late, 50):.2f} ms, p99 {percentile(late, 99):.2f} ms, "
        f"max {max(late):.2f} ms"
    )
