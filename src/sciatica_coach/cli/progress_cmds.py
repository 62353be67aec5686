"""`sciatica progress`: the four-week verdict first, then the trend."""

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from sciatica_coach import clock
from sciatica_coach.cli.context import get_store
from sciatica_coach.cli.files import write_atomically
from sciatica_coach.cli.output import emit_json, json_option
from sciatica_coach.cli.params import ISO_DATE
from sciatica_coach.errors import InvalidInput
from sciatica_coach.progress.models import EARLIEST
from sciatica_coach.progress.sparkline import sparkline
from sciatica_coach.progress.verdict import NOTHING_LOGGED, VERDICT_TITLES, nothing_logged_json

if TYPE_CHECKING:
    from sciatica_coach.services.progress import Progress


@click.command()
@click.option("--as-of", "as_of", type=ISO_DATE, help="Judge as of this day (default: today).")
@click.option("--chart", type=click.Path(dir_okay=False, path_type=Path),
              help="Also write the chart to FILE (.png or .svg).")  # fmt: skip
@json_option
def progress(as_of: date | None, chart: Path | None, as_json: bool) -> None:
    """Your trend, adherence and the four-week verdict."""
    from sciatica_coach.services.progress import progress_of

    if chart is not None and chart.suffix.lower() not in (".png", ".svg"):
        raise InvalidInput("--chart", str(chart), "a file name ending in .png or .svg")
    today = clock.today()
    day = as_of or today
    if not EARLIEST <= day <= today:
        expected = f"a date from {EARLIEST} up to today ({today})"
        raise InvalidInput("--as-of", day.isoformat(), expected)
    store = get_store()
    found = progress_of(store, store.local_user_id(), day)
    if chart is not None:
        _write_chart(chart, found)
    if as_json:
        emit_json(_document(found))
    elif found.assessment is None:
        click.echo(f"{VERDICT_TITLES['too_early']}: {NOTHING_LOGGED}")
        click.echo("Log today's pain with `sciatica log --leg N --back N`.")
    else:
        _show(found, day)
    if not as_json:
        _function(store, day)
    if chart is not None and not as_json:
        click.echo(f"Chart written to {chart}.")


def _function(store: Any, day: date) -> None:
    """Function beside pain: the questionnaires' meaningful change (the verdict unchanged)."""
    from sciatica_coach.services.outcomes import function_lines, outcome_tracks

    lines = function_lines(outcome_tracks(store, store.local_user_id(), day))
    if lines:
        click.echo("\nFunction beside pain:")
        for line in lines:
            click.echo(f"  {line}")


def _document(found: "Progress") -> dict[str, Any]:
    a, reach = found.assessment, found.reach
    verdict = nothing_logged_json() if a is None else a.to_json()
    return {**verdict, "reach": reach.to_json() if reach else None}


def _write_chart(path: Path, found: "Progress") -> None:
    from sciatica_coach.reports.charts import ChartFormat, pain_chart

    fmt: ChartFormat = "png" if path.suffix.lower() == ".png" else "svg"
    write_atomically(path, pain_chart(found.entries, found.session_days, found.assessment, fmt))


def _show(found: "Progress", day: date) -> None:
    a = found.assessment
    assert a is not None
    click.echo(click.style(VERDICT_TITLES[a.verdict.value], bold=True) + f": {a.message}")
    change = "n/a" if a.change_pct is None else f"{a.change_pct:+.1f} %"
    click.echo(
        f"Day {a.days}. Baseline {a.baseline:.1f}, now {a.current:.1f} ({change}). "
        f"Sessions on {a.adherence_pct:.0f} % of days. Review: {a.review_date}."
    )
    if found.reach is not None:
        click.echo(found.reach.message)
    line = sparkline(found.entries, found.session_days, day)
    click.echo(f"\nDaily pain {line.first} to {line.last} (● session, · not logged):")
    click.echo(f"{line.bars}\n{line.marks}".rstrip())
