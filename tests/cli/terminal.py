"""A real pseudo-terminal with a terminal emulator behind it: tests send keys and read the
screen as a person would see it (not the raw byte stream, where old frames linger)."""

import os
import re
import sys
import time
from pathlib import Path

import pexpect
import pyte

SCIATICA = str(Path(sys.executable).parent / "sciatica")
ROWS, COLUMNS = 40, 100


class Terminal:
    def __init__(self, db: str, *args: str, timeout: float = 20) -> None:
        env = {**os.environ, "SCIATICA_DB": db, "TERM": "xterm"}
        env.update(COLUMNS=str(COLUMNS), LINES=str(ROWS))
        self.child = pexpect.spawn(
            SCIATICA, list(args), env=env, encoding="utf-8", dimensions=(ROWS, COLUMNS)
        )
        self.screen = pyte.Screen(COLUMNS, ROWS)
        self.stream = pyte.Stream(self.screen)
        self.timeout = timeout
        self.output = ""  # everything ever written, for the lines printed after the player

    def _pump(self, wait: float) -> bool:
        try:
            data = self.child.read_nonblocking(100_000, timeout=wait)
        except pexpect.TIMEOUT:
            return True
        except pexpect.EOF:
            return False
        self.output += data
        self.stream.feed(data)
        return True

    @property
    def text(self) -> str:
        return "\n".join(line.rstrip() for line in self.screen.display)

    def wait_for(self, *needles: str) -> str:
        """Until every needle is on the screen at once (the deadline only guards a hang)."""
        deadline = time.monotonic() + self.timeout
        while not all(n in self.text for n in needles):
            if time.monotonic() > deadline or not self._pump(0.05):
                raise AssertionError(f"not on screen: {needles}\n{self.text}")
        return self.text

    def wait_for_regex(self, pattern: str) -> re.Match[str]:
        deadline = time.monotonic() + self.timeout
        while (found := re.search(pattern, self.text)) is None:
            if time.monotonic() > deadline or not self._pump(0.05):
                raise AssertionError(f"not on screen: /{pattern}/\n{self.text}")
        return found

    def press(self, key: str) -> None:
        self.child.send(key)

    def finish(self) -> str:
        """Until the program exits; returns all it wrote."""
        deadline = time.monotonic() + self.timeout
        while self._pump(0.05):
            if time.monotonic() > deadline:
                raise AssertionError(f"still running:\n{self.text}")
        self.child.close()
        assert self.child.exitstatus == 0, self.output
        return self.output
