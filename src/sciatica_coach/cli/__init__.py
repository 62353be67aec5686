"""The `sciatica` command: gathers input, calls the core, shows the result."""

import sys

import click

from sciatica_coach import __version__
from sciatica_coach.cli.catalog_cmds import catalog, figures, learn, show
from sciatica_coach.cli.diary_cmds import diary, export, import_, log
from sciatica_coach.cli.export_cmds import fhir, remind, report
from sciatica_coach.cli.motion_cmds import motion
from sciatica_coach.cli.progress_cmds import progress
from sciatica_coach.cli.safety_cmds import check, cleared, plan, profile
from sciatica_coach.cli.serve_cmd import serve
from sciatica_coach.cli.session_cmds import session, timeline
from sciatica_coach.errors import CoachError


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="sciatica")
def cli() -> None:
    """Sciatica Coach: red-flag screening, a safe personal routine from the article's
    massages and stretches, guided sessions, a pain diary and the four-week verdict.

    It does not replace a doctor. Run `sciatica check` first.

    SCIATICA_TODAY=YYYY-MM-DD fixes today's date (for tests and demos)."""


for command in (
    catalog,
    show,
    figures,
    learn,
    check,
    cleared,
    profile,
    plan,
    timeline,
    session,
    log,
    diary,
    import_,
    export,
    progress,
    report,
    fhir,
    remind,
):
    cli.add_command(command)
cli.add_command(serve)
cli.add_command(motion)


def main(argv: list[str] | None = None) -> None:
    """Run the CLI; every user error becomes one line on stderr and exit status 2."""
    try:
        cli.main(args=argv, prog_name="sciatica", standalone_mode=False)
    except CoachError as exc:
        click.echo(f"sciatica: {exc}", err=True)
        sys.exit(2)
    except click.ClickException as exc:
        click.echo(f"sciatica: {exc.format_message()}", err=True)
        sys.exit(exc.exit_code)
    except click.exceptions.Abort:
        click.echo("sciatica: stopped", err=True)
        sys.exit(130)
