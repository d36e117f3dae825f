"""The ``ryhti`` command line: wiring only.

Each capability owns its commands in its own package (``ryhti/<package>/cli.py``);
this module registers them lazily, so ``ryhti --version`` does not import spaCy or
GDAL, and turns every :class:`~ryhti.errors.RyhtiError` into one clear line on
stderr with exit code 2. Exit codes: 0 no errors, 1 errors found, 2 bad usage or
unreadable input, 3 internal error (a bug: please report it).
"""

from __future__ import annotations

import importlib
import os
import sys
import traceback
import warnings
from typing import Any

import click

from ryhti import __version__
from ryhti.errors import EXIT_INTERNAL, EXIT_USAGE, RyhtiError

#: command name -> "module:attribute" of its click command. Add one line per command.
COMMANDS: dict[str, str] = {
    "convert": "ryhti.workflows.cli:convert",
    "init": "ryhti.parsers.cli:init",
    "export": "ryhti.parsers.cli:export",
    "codelists": "ryhti.codelists.cli:codelists",
    "extract": "ryhti.nlp.cli:extract",
    "report": "ryhti.reports.cli:report",
    "validate": "ryhti.workflows.validate_cli:validate",
    "rules": "ryhti.workflows.validate_cli:rules",
    "submit": "ryhti.api.cli:submit",
    "api": "ryhti.api.cli:api",
    "matter": "ryhti.matter.cli:matter",
    "describe": "ryhti.generators.cli:describe",
    "map": "ryhti.generators.cli:map_command",
    "lahtotiedot": "ryhti.lahtotiedot.cli:lahtotiedot",
    "qgis-plugin": "ryhti.qgis_plugin:qgis_plugin",
    "archive": "ryhti.archive.cli:archive",
    "search": "ryhti.archive.cli:search",
    "here": "ryhti.archive.cli:here",
    "diff": "ryhti.archive.cli_plans:diff",
    "compare": "ryhti.archive.cli_plans:compare",
    "scenario": "ryhti.archive.cli_plans:scenario",
}


class LazyGroup(click.Group):
    """A click group that imports a command's module only when the command is used."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(COMMANDS)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        target = COMMANDS.get(cmd_name)
        if target is None:
            return None
        module_name, _, attr = target.partition(":")
        module = importlib.import_module(module_name)
        return getattr(module, attr)


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "-V", "--version", prog_name="ryhti")
def cli() -> None:
    """Turn Finnish land-use plans into RYHTI plan data, and prove that data is right."""


def main(argv: list[str] | None = None) -> Any:
    """Console entry point: run the CLI, mapping errors to exit codes without tracebacks."""
    try:
        with warnings.catch_warnings():
            # numpy's floating-point warnings from GEOS on absurd coordinates (1e300): the
            # findings already name those geometries; the warnings would only print library
            # paths and source lines at the planner.
            warnings.filterwarnings("ignore", category=RuntimeWarning, module=r"shapely(\.|$)")
            return cli.main(args=argv, prog_name="ryhti", standalone_mode=False)
    except click.exceptions.Exit as exc:
        sys.exit(exc.exit_code)
    except click.Abort:
        click.echo("ryhti: aborted", err=True)
        sys.exit(EXIT_USAGE)
    except click.ClickException as exc:
        exc.show()
        sys.exit(EXIT_USAGE)
    except RyhtiError as exc:
        click.echo(f"ryhti: error: {exc}", err=True)
        sys.exit(exc.exit_code)
    except KeyboardInterrupt:
        click.echo("ryhti: interrupted", err=True)
        sys.exit(130)
    except BrokenPipeError:
        sys.exit(0)
    except Exception as exc:
        if os.environ.get("RYHTI_DEBUG"):
            traceback.print_exc()
        click.echo(
            f"ryhti: internal error: {type(exc).__name__}: {exc}\n"
            "This is a bug in ryhti; run again with RYHTI_DEBUG=1 for details and report it.",
            err=True,
        )
        sys.exit(EXIT_INTERNAL)


def run() -> None:
    """The ``ryhti`` console script: :func:`main`, then exit without tearing down the heap.

    After validating a 100,000-object plan, Python's orderly shutdown spends about a
    second freeing millions of objects one by one. Like mypy, the command flushes its
    output and leaves with ``os._exit`` instead; everything it writes is already
    closed (outputs are written atomically before this point).
    """
    code: Any = 0
    try:
        main()
    except SystemExit as exc:
        code = exc.code
    if code is None:
        code = 0
    elif not isinstance(code, int):
        print(code, file=sys.stderr)
        code = 1
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except BrokenPipeError:
        pass
    os._exit(code)


if __name__ == "__main__":  # pragma: no cover
    main()
