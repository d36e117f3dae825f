"""``ryhti validate --remote``: local and remote validation side by side.

The validator's CLI calls :func:`remote_check` after its own run; it sends the plan to
the public Validate API, maps the answer to the plan's objects (and through a
conversion report to the source), and compares the two sets of findings by Syke rule
id. The validator package never imports this module at import time (arrows point one
way: the API may use the validator, not the reverse), only inside ``--remote``.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from ryhti.api.diff import Diff, compare
from ryhti.api.remote import remote_validate
from ryhti.api.sources import load_conversion_report
from ryhti.findings import Finding

__all__ = ["RemoteCheck", "remote_check"]


@dataclass
class RemoteCheck:
    """Remote findings and their difference from the local ones."""

    findings: list[Finding] = field(default_factory=list)
    diff: Diff = field(default_factory=Diff)
    dry_run: bool = False


def remote_check(
    doc: Any,
    local: Iterable[Finding],
    *,
    plan_type: str,
    areas: str | Iterable[str],
    config_path: str | Path | None = None,
    dry_run: bool = False,
    lang: str = "en",
    source: str | None = None,
    conversion_report: str | Path | None = None,
    client: Any = None,
    out: IO[str] | None = None,
) -> RemoteCheck:
    """Validate ``doc`` remotely and compare with ``local``.

    ``plan_type`` and ``areas`` may be codes or Finnish names (``Asemakaava``,
    ``Jyväskylä``). Settings come from the environment or the config file
    (:func:`ryhti.api.config.load_config`). In a dry run the request is printed to
    ``out`` and the remote side is empty.
    """
    from ryhti.api.client import RyhtiClient
    from ryhti.api.config import load_config
    from ryhti.errors import UsageError
    from ryhti.matter.codes import CodeChoiceError

    conversion = load_conversion_report(conversion_report) if conversion_report else None
    own = client is None
    if own:
        client = RyhtiClient(load_config(config_path), dry_run=dry_run, out=out)
    try:
        try:
            findings = remote_validate(
                doc, plan_type, areas, client, lang=lang, source=source, conversion=conversion
            )
        except CodeChoiceError as exc:
            raise UsageError(str(exc)) from None
    finally:
        if own:
            client.close()
    local = list(local)
    if dry_run:
        return RemoteCheck(findings=[], diff=Diff(), dry_run=True)
    return RemoteCheck(findings=findings, diff=compare(local, findings))
