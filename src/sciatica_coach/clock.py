"""Today's date and the current moment, for every front end.

`SCIATICA_TODAY` (YYYY-MM-DD) fixes today's date for tests and demos; the time of day stays
the real one. Nothing else in the package reads the clock."""

import os
from datetime import UTC, date, datetime

from sciatica_coach.errors import InvalidInput

ENV = "SCIATICA_TODAY"


def fixed_today() -> date | None:
    """The date SCIATICA_TODAY sets, or None when it is not set."""
    value = os.environ.get(ENV, "").strip()
    if not value:
        return None
    try:
        day = date.fromisoformat(value)
    except ValueError:
        raise InvalidInput(ENV, value, "a date as YYYY-MM-DD") from None
    if len(value) != 10 or day.year < 1900:
        raise InvalidInput(ENV, value, "a date as YYYY-MM-DD, from 1900")
    return day


def now() -> datetime:
    """The current moment in UTC, on SCIATICA_TODAY's date when it is set."""
    local = datetime.now().astimezone()
    day = fixed_today()
    if day is not None:
        local = datetime.combine(day, local.timetz())
    return local.astimezone(UTC)


def today() -> date:
    """Today's local date, or SCIATICA_TODAY's."""
    return now().astimezone().date()
