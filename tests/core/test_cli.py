"""The command line: version, help, and errors without tracebacks."""

from __future__ import annotations

import subprocess
import sys

import pytest

from ryhti import __version__
from ryhti.cli import COMMANDS, main


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "ryhti", *args], capture_output=True, text=True, check=False
    )


def test_version() -> None:
    proc = run("--version")
    assert proc.returncode == 0
    assert __version__ in proc.stdout


def test_help_lists_available_commands() -> None:
    proc = run("--help")
    assert proc.returncode == 0
    assert "codelists" in proc.stdout and "validate" in proc.stdout


def test_unknown_command_is_usage_error() -> None:
    proc = run("frobnicate")
    assert proc.returncode == 2
    assert "Traceback" not in proc.stderr
    assert "No such command" in proc.stderr


def test_registered_commands_resolve() -> None:
    import importlib
    import importlib.util

    for name, target in COMMANDS.items():
        module_name, _, attr = target.partition(":")
        if importlib.util.find_spec(module_name) is None:
            continue  # a capability still being written
        command = getattr(importlib.import_module(module_name), attr)
        assert command.name, name


def test_internal_errors_are_reported_without_traceback(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import click

    @click.command()
    def boom() -> None:
        raise ZeroDivisionError("oops")

    monkeypatch.setitem(COMMANDS, "boom", "tests.core.test_cli:_BOOM")
    monkeypatch.setattr(sys.modules[__name__], "_BOOM", boom, raising=False)
    monkeypatch.delenv("RYHTI_DEBUG", raising=False)
    with pytest.raises(SystemExit) as exc:
        main(["boom"])
    assert exc.value.code == 3
    err = capsys.readouterr().err
    assert "internal error: ZeroDivisionError: oops" in err and "Traceback" not in err
