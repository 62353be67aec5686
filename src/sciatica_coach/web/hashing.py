"""Password hashing as a bounded resource. An argon2 computation takes `argon2_memory_kib`
(64 MiB) and a core for a moment: at most `slots` run at once in a worker (one per core by
default), so 100 concurrent sign-ins cost a few hashes' memory, not a hundred. A request
that finds no free slot within `wait` seconds is answered 503 with `Retry-After`."""

import os
import threading
from typing import Any

from argon2 import PasswordHasher
from fastapi import HTTPException

RETRY_AFTER = 2


def default_slots() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


class HashGate:
    """`PasswordHasher`'s hash/verify, at most `slots` at once."""

    def __init__(self, hasher: Any, slots: int | None = None, wait: float = 2.0) -> None:
        self.hasher: PasswordHasher = hasher
        self.slots = slots or default_slots()
        self.wait = wait
        self._free = threading.BoundedSemaphore(self.slots)

    def _enter(self) -> None:
        if not self._free.acquire(timeout=self.wait):
            raise HTTPException(
                status_code=503,
                detail="The server is busy: try again in a moment.",
                headers={"Retry-After": str(RETRY_AFTER)},
            )

    def hash(self, password: str) -> str:
        self._enter()
        try:
            return self.hasher.hash(password)
        finally:
            self._free.release()

    def verify(self, digest: str, password: str) -> bool:
        """argon2's verify: True, or its VerificationError / InvalidHashError."""
        self._enter()
        try:
            return bool(self.hasher.verify(digest, password))
        finally:
            self._free.release()

    def check_needs_rehash(self, digest: str) -> bool:
        return bool(self.hasher.check_needs_rehash(digest))
