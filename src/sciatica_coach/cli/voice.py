"""Spoken cues: espeak-ng when it is installed (offline), the terminal bell otherwise."""

import shutil
import subprocess
import sys


class Voice:
    def __init__(self, enabled: bool) -> None:
        self.enabled = enabled
        self.engine = shutil.which("espeak-ng") if enabled else None
        self._speaking: subprocess.Popen[bytes] | None = None

    def say(self, text: str) -> None:
        if not self.enabled:
            return
        if self.engine is None:
            sys.stdout.write("\a")
            sys.stdout.flush()
            return
        if self._speaking is not None and self._speaking.poll() is None:
            self._speaking.terminate()
        self._speaking = subprocess.Popen(
            [self.engine, "-s", "150", text], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )

    def close(self) -> None:
        if self._speaking is not None and self._speaking.poll() is None:
            self._speaking.terminate()
