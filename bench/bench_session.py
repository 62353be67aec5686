"""How late cues fire against the monotonic clock, over a real 60-second run driven the way
the terminal player drives the engine (sleeping until the next deadline, waking at least
every 100 ms to read keys)."""

import os
import select
import time

from bench.timing import percentile
from sciatica_coach.cli.player import Player
from sciatica_coach.cli.voice import Voice
from sciatica_coach.session.engine import Engine, State
from sciatica_coach.session.timeline import Cue, CueKind, Timeline

SECONDS = 60  # 40 cues of 1-2 s, then the check-in


def _timeline() -> Timeline:
    cues, start = [], 0
    for n in range(40):  # cues of 1 to 2 seconds: more transitions than a real session
        seconds = 1 + n % 2
        cues.append(Cue(CueKind.HOLD, f"cue {n}", seconds, start=start))
        start += seconds
    cues.append(Cue(CueKind.CHECK_IN, "done?", 10, start=start))
    return Timeline(tuple(cues))


def main() -> None:
    timeline = _timeline()
    clock = time.monotonic
    engine = Engine(timeline, clock())
    player = Player(engine, clock, Voice(False))
    keys, _ = os.pipe()  # nothing is typed: the loop waits on an idle key source like a tty
    late_ms, seen = [], engine.index
    deadline_end = clock() + SECONDS + 5
    while engine.state is State.RUNNING and clock() < deadline_end:
        select.select([keys], [], [], player.wait())
        now = clock()
        engine.tick(now)
        while seen < engine.index:
            scheduled = engine.started + timeline.cues[seen].end
            late_ms.append((now - scheduled) * 1000)
            seen += 1
    print(
        f"cue lateness over {timeline.cues[-1].start} s, {len(late_ms)} cues: "
        f"p50 {percentile(late_ms, 50):.2f} ms, p99 {percentile(late_ms, 99):.2f} ms, "
        f"max {max(late_ms):.2f} ms"
    )
