"""What CLI commands share: the store for this process, opened on first use."""

from functools import cache

from sciatica_coach.store import Store, open_store


@cache
def get_store() -> Store:
    return open_store()
