"""`sciatica session` in-process, as if in a terminal: a fake clock that moves only while
the player waits for a key, keys pressed when the screen shows what the test waits for, and
each screen rendered as the person would see it. The real-terminal tests (test_session_cli)
keep one smoke test of the same command through a pseudo-terminal."""

import io
from collections.abc import Callable
from typing import Any

import pytest
from rich.console import Console

from sciatica_coach.cli import player as player_module

Step = tuple[tuple[str, ...], str]  # press the key once all these are on the screen
LONGEST = 2 * 60 * 60  # seconds of session time before a test gives up waiting


class ScriptedTerminal:
    def __init__(self, steps: list[Step]) -> None:
        self.steps = list(steps)
        self.now = 1000.0
        self.waited = 0.0
        self.screens: list[str] = []

    def clock(self) -> float:
        return self.now

    def screen(self, player: Any) -> str:
        console = Console(record=True, width=100, color_system=None, file=io.StringIO())
        console.print(player.frame(player.engine.view(self.now)))
        return console.export_text()

    def reader(self, player: Any) -> Callable[[float], str | None]:
        def read(timeout: float) -> str | None:
            text = self.screen(player)
            if not self.screens or self.screens[-1] != text:
                self.screens.append(text)
            if self.steps:
                needles, key = self.steps[0]
                if all(n in text for n in needles):
                    self.steps.pop(0)
                    return key
            elif player.engine.state.value == "asking_feeling":
                raise AssertionError("the script ended before the session did")
            # Nothing pressed: the session's time goes on, to the next cue at once.
            due = player.engine.seconds_to_deadline(self.now)
            step = max(timeout, due or 0.0)
            self.now += step
            self.waited += step
            if self.waited > LONGEST:
                raise AssertionError(f"never on screen: {self.steps[0][0]}\n{text}")
            return None

        return read


def play_in_process(monkeypatch: pytest.MonkeyPatch, steps: list[Step]) -> ScriptedTerminal:
    """Patch `sciatica session` to play in-process on a fake clock with these key presses."""
    term = ScriptedTerminal(steps)
    monkeypatch.setattr(player_module, "scaled_clock", lambda speed: term.clock)
    monkeypatch.setattr("sys.stdin.isatty", lambda: True, raising=False)
    monkeypatch.setattr("sys.stdout.isatty", lambda: True, raising=False)

    def play(self: Any, console: Console, keys: Any = None) -> None:
        quiet = Console(file=io.StringIO(), width=100)
        self._loop(quiet, term.reader(self))

    monkeypatch.setattr(player_module.Player, "play", play)
    return term
