"""What CLI commands share: the store for this process, opened on first use (so commands
that need no database never pay for importing one)."""

from functools import cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sciatica_coach.store import Store


@cache
def get_store() -> "Store":
    from sciatica_coach.store import open_store

    return open_store()
