"""Logging a day: the flow every front end shares. The entry is checked by the one diary rule
(progress/models.py `read_entry`) before it gets here; this stores it and says whether its
weakness is new, which the front ends show as a warning with the way to the red-flag check."""

from dataclasses import dataclass

from sciatica_coach.progress import DiaryEntry
from sciatica_coach.store import Store


@dataclass(frozen=True)
class Logged:
    entry: DiaryEntry  # as stored, with its id (the day's existing entry when not added)
    added: bool  # False: the day had an entry already and `replace` was not asked for
    new_weakness: bool  # weakness today that no earlier entry reported: a possible red flag
    replaced: bool = False  # the day had an entry, and this one took its place


def weakness_is_new(store: Store, user_id: int, entry: DiaryEntry) -> bool:
    return entry.weakness and not store.weakness_before(user_id, entry.day)


def log_day(store: Store, user_id: int, entry: DiaryEntry, replace: bool = True) -> Logged:
    """Store the day's entry; a day with an entry is replaced only when `replace`."""
    replaced = False
    if replace:
        (stored, replaced), added = store.store_day(user_id, entry), True
    else:
        stored, added = store.add_entry(user_id, entry)
    return Logged(stored, added, added and weakness_is_new(store, user_id, stored), replaced)
