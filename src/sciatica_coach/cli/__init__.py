"""The `sciatica` command: gathers input, calls the core, shows the result."""

import importlib
import sys

import click

from sciatica_coach import __version__
from sciatica_coach.errors import CoachError

# Every command: its name, then "module:function" under sciatica_coach.cli. A command's module
# is imported only when that command runs (or for --help), so `sciatica log` never loads the
# PDF, chart, camera or web code. To add a command, add its line here.
COMMANDS = {
    "catalog": "catalog_cmds:catalog",
    "show": "catalog_cmds:show",
    "figures": "catalog_cmds:figures",
    "learn": "catalog_cmds:learn",
    "check": "safety_cmds:check",
    "cleared": "safety_cmds:cleared",
    "profile": "safety_cmds:profile",
    "plan": "safety_cmds:plan",
    "timeline": "session_cmds:timeline",
    "session": "session_cmds:session",
    "log": "diary_cmds:log",
    "diary": "diary_cmds:diary",
    "import": "diary_cmds:import_",
    "export": "diary_cmds:export",
    "progress": "progress_cmds:progress",
    "questionnaire": "outcome_cmds:questionnaire",
    "outcomes": "outcome_cmds:outcomes",
    "report": "export_cmds:report",
    "fhir": "export_cmds:fhir",
    "remind": "export_cmds:remind",
    "serve": "serve_cmd:serve",
    "motion": "motion_cmds:motion",
    "rebuild-summaries": "admin_cmds:rebuild_summaries",
}


class LazyGroup(click.Group):
    """A group whose commands are imported by name when used (click's lazy subcommands)."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*self.commands, *COMMANDS})

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name in self.commands or cmd_name not in COMMANDS:
            return self.commands.get(cmd_name)
        module, name = COMMANDS[cmd_name].split(":")
        command = getattr(importlib.import_module(f"sciatica_coach.cli.{module}"), name)
        if not isinstance(command, click.Command):
            raise TypeError(f"{COMMANDS[cmd_name]} is not a click command")
        return command


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="sciatica")
def cli() -> None:
    """Sciatica Coach: red-flag screening, a safe personal routine from the article's
    massages and stretches, guided sessions, a pain diary and the four-week verdict.

    It does not replace a doctor. Run `sciatica check` first.

    SCIATICA_TODAY=YYYY-MM-DD fixes today's date (for tests and demos)."""


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
