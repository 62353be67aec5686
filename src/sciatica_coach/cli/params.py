"""Click parameter types that turn bad input into one clear line (exit 2)."""

from datetime import date
from typing import Any

import click


class IsoDate(click.ParamType[date]):
    name = "YYYY-MM-DD"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> date:
        if isinstance(value, date):
            return value
        from sciatica_coach.progress.models import parse_day

        day = parse_day(value)
        if day is None:
            self.fail(f"{value!r} is not a date; use YYYY-MM-DD", param, ctx)
        return day


ISO_DATE = IsoDate()
PAIN = click.IntRange(0, 10)
