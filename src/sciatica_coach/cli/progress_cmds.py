"""`sciatica progress`: the four-week verdict first, then the trend."""

from datetime import date
from pathlib import Path

import click

from sciatica_coach.cli.context import get_store
from sciatica_coach.cli.files import write_atomically
from sciatica_coach.cli.output import emit_json, json_option
from sciatica_coach.cli.params import ISO_DATE
from sciatica_coach.errors import InvalidInput
from sciatica_coach.progress.sparkline import sparkline
from sciatica_coach.progress.verdict import NOTHING_LOGGED, nothing_logged_json

VERDICT_TITLES = {
    "too_early": "Too early to tell",
    "keep_going": "Keep going",
    "see_doctor": "See your doctor",
    "see_doctor_soon": "See a doctor soon",
}


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
    day = as_of or date.today()
    store = get_store()
    found = progress_of(store, store.local_user_id(), day)
    if found.assessment is None:
        if as_json:
            emit_json({**nothing_logged_json(), "reach": None})
        else:
            click.echo(f"{VERDICT_TITLES['too_early']}: {NOTHING_LOGGED}")
            click.echo("Log today's pain with `sciatica log --leg N --back N`.")
        return
    if chart is not None:
        from sciatica_coach.reports.charts import ChartFormat, pain_chart

        fmt: ChartFormat = "png" if chart.suffix.lower() == ".png" else "svg"
        image = pain_chart(found.entries, found.session_days, found.assessment, fmt)
        write_atomically(chart, image)
    a = found.assessment
    reach = found.reach
    if as_json:
        emit_json({**a.to_json(), "reach": reach.to_json() if reach else None})
        return
    click.echo(click.style(VERDICT_TITLES[a.verdict.value], bold=True) + f": {a.message}")
    change = "n/a" if a.change_pct is None else f"{a.change_pct:+.1f} %"
    click.echo(
        f"Day {a.days}. Baseline {a.baseline:.1f}, now {a.current:.1f} ({change}). "
        f"Sessions on {a.adherence_pct:.0f} % of days. Review: {a.review_date}."
    )
    if reach is not None:
        click.echo(reach.message)
    line = sparkline(found.entries, found.session_days, day)
    click.echo(f"\nDaily pain {line.first} to {line.last} (● session, · not logged):")
    click.echo(f"{line.bars}\n{line.marks}".rstrip())
    if chart is not None:
        click.echo(f"Chart written to {chart}.")
