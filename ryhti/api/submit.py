"""``ryhti submit``: deliver a plan matter and its phase to Ryhti, in a safe order.

1. the plan level (and so the endpoint family) comes from the matter's ``planType``;
2. authenticate; reserve the permanent identifier if the matter has none (idempotent:
   the same project name gives the same ``AK-…`` again);
3. upload the attachment PDFs and GeoTIFF plan maps listed in the ``.files.json``
   manifest and put the server's file keys in place of the placeholders (files already
   uploaded with the same content are not sent again);
4. read the stored matter: absent → validate, then create the matter with its first
   phase; present → update the matter's own data, validate the phase, then add it
   (a new phase key) or replace it (a stored key);
5. every answer's errors and warnings become findings on the matter's objects.

Why validate before storing: the store calls are not retried and a 422 on create
leaves nothing behind anyway, but a validate call is cheap, repeatable, and gives the
same findings without touching the register.
"""

from __future__ import annotations

import copy
import hashlib
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ryhti.api.client import FAMILIES, RyhtiClient, level_of_identifier
from ryhti.api.errors import NotFoundError
from ryhti.api.remote import findings_from_outcome
from ryhti.api.responses import Outcome
from ryhti.api.sources import SourceIndex
from ryhti.errors import InputError, UsageError
from ryhti.findings import Finding, Severity
from ryhti.io import write_json
from ryhti.matter.manifest import load_manifest

__all__ = ["PHASE_MODES", "SubmitResult", "load_manifest", "merge_plan", "submit"]

PHASE_MODES = ("auto", "new", "update")

#: Plan properties that ``ryhti matter build`` adds from matter.toml (documents, maps):
#: kept when a freshly converted plan.json replaces the plan in the decision.
_BUILT_PLAN_FIELDS = ("planMaps", "planReport", "planAnnexes", "otherPlanMaterials")


@dataclass
class SubmitResult:
    """What ``submit`` did: the identifier, the steps' answers and the findings."""

    identifier: str | None = None
    level: str | None = None
    action: str | None = None
    outcomes: list[Outcome] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    uploaded: dict[str, str] = field(default_factory=dict)
    payload: dict[str, Any] | None = None

    @property
    def ok(self) -> bool:
        return all(o.ok for o in self.outcomes) and not any(
            f.severity is Severity.ERROR for f in self.findings
        )

    def to_json(self) -> dict[str, Any]:
        return {
            "identifier": self.identifier,
            "level": self.level,
            "action": self.action,
            "ok": self.ok,
            "steps": [
                {"operation": o.operation, "status": o.status, "ok": o.ok, "dryRun": o.dry_run}
                for o in self.outcomes
            ],
            "uploaded": self.uploaded,
            "findings": [f.to_json() for f in self.findings],
        }


def merge_plan(matter: dict[str, Any], plan: dict[str, Any]) -> str:
    """Put ``plan`` into the decision of the matter's phase; returns what was done.

    The plan replaces the one with the same ``planKey`` (or the only one); document
    and map properties that ``matter build`` added are carried over when the new plan
    lacks them. A decision without plans gets this one.
    """
    phases = matter.get("planMatterPhases")
    if not isinstance(phases, list) or len(phases) != 1 or not isinstance(phases[0], dict):
        raise InputError(
            "a plan matter to submit must have exactly one phase", where="$.planMatterPhases"
        )
    decision = phases[0].get("planDecision")
    if not isinstance(decision, dict):
        raise InputError(
            "the phase has no planDecision to carry the plan",
            where="$.planMatterPhases[0].planDecision",
            hint="add [phase.decision] to matter.toml and build again",
        )
    plans = decision.get("plans")
    if not plans:
        decision["plans"] = [plan]
        return "added the plan to the decision"
    key = plan.get("planKey")
    for i, old in enumerate(plans):
        if isinstance(old, dict) and (old.get("planKey") == key or len(plans) == 1):
            if old.get("planKey") != key:
                raise InputError(
                    f"the plan's planKey {key} differs from the one in the matter "
                    f"({old.get('planKey')}): is this the same plan?",
                    where=f"$.planMatterPhases[0].planDecision.plans[{i}].planKey",
                    hint="build the matter again with this plan",
                )
            new = copy.deepcopy(plan)
            for name in _BUILT_PLAN_FIELDS:
                if name in old and name not in new:
                    new[name] = old[name]
            plans[i] = new
            return f"replaced plan {key} in the decision"
    raise InputError(f"no plan with planKey {key} in the matter's decision")


def _replace_keys(node: Any, mapping: dict[str, str]) -> Any:
    if isinstance(node, dict):
        return {k: _replace_keys(v, mapping) for k, v in node.items()}
    if isinstance(node, list):
        return [_replace_keys(v, mapping) for v in node]
    if isinstance(node, str) and node in mapping:
        return mapping[node]
    return node


def _upload(
    client: RyhtiClient,
    payload: dict[str, Any],
    manifest: dict[str, Any],
    manifest_file: Path,
    area: tuple[str | None, str | None],
    say: Callable[[str], None],
) -> dict[str, str]:
    text = json.dumps(payload)
    mapping: dict[str, str] = {}
    changed = False
    for entry in manifest.get("files", []):
        placeholder = entry.get("fileKey")
        if not isinstance(placeholder, str) or placeholder not in text:
            continue
        path = Path(entry["file"])
        if not path.is_absolute():
            path = manifest_file.parent / path
        if not path.is_file():
            raise InputError(
                "a file listed in the manifest is missing", source=path, where=str(entry.get("key"))
            )
        digest = hashlib.sha256(path.read_bytes()).hexdigest()
        uploaded = entry.get("uploaded")
        if (
            isinstance(uploaded, dict)
            and uploaded.get("sha256") == digest
            and uploaded.get("fileKey")
        ):
            mapping[placeholder] = uploaded["fileKey"]
            say(f"{path.name}: already uploaded as {uploaded['fileKey']}")
            continue
        key = client.upload_file(
            path,
            municipality_id=area[0],
            region_id=area[1],
            content_type=entry.get("contentType"),
        )
        mapping[placeholder] = key
        say(f"{path.name}: uploaded as {key}")
        if not client.dry_run:
            entry["uploaded"] = {"fileKey": key, "sha256": digest}
            changed = True
    if changed:
        write_json(manifest_file, manifest)
    return mapping


def submit(
    client: RyhtiClient,
    matter: dict[str, Any],
    *,
    plan: dict[str, Any] | None = None,
    manifest_file: Path | None = None,
    phase_mode: str = "auto",
    validate_only: bool = False,
    update_matter: bool = True,
    conversion: SourceIndex | None = None,
    source: str | None = None,
    lang: str = "en",
    say: Callable[[str], None] = lambda _: None,
) -> SubmitResult:
    """Deliver ``matter`` (PlanMatterCreate JSON) as described in the module docstring."""
    from ryhti.codelists import plan_level
    from ryhti.model import PlanMatterCreate, PlanMatterPhase

    if phase_mode not in PHASE_MODES:
        raise UsageError(f"--phase must be one of {', '.join(PHASE_MODES)}")
    payload = copy.deepcopy(matter)
    phases = payload.get("planMatterPhases")
    if not isinstance(phases, list) or len(phases) != 1 or not isinstance(phases[0], dict):
        raise InputError(
            "a plan matter to submit must have exactly one phase (the one to deliver)",
            where="$.planMatterPhases",
        )
    if plan is not None:
        say(merge_plan(payload, plan))
    result = SubmitResult(payload=payload)
    try:
        level = plan_level(payload.get("planType"))
    except ValueError as exc:
        raise InputError(f"planType: {exc}", where="$.planType") from None
    if level is None:
        raise InputError("the matter has no planType", where="$.planType")
    result.level = level
    areas = payload.get("administrativeAreaIdentifiers") or []
    if not areas or not isinstance(areas[0], str):
        raise InputError("the matter has no administrativeAreaIdentifiers", where="$")
    region = level == "maakuntakaava"
    area = (None, areas[0]) if region else (areas[0], None)

    # identifier
    identifier = payload.get("permanentPlanIdentifier") or ""
    if not identifier:
        name = (payload.get("name") or {}).get("fin") or next(
            iter((payload.get("name") or {}).values()), None
        )
        if not name:
            raise InputError("the matter has no name to reserve an identifier for", where="$.name")
        identifier = client.reserve_identifier(level, areas[0], name)
        say(f"reserved permanent identifier {identifier} for {name!r}")
        payload["permanentPlanIdentifier"] = identifier
    elif level_of_identifier(identifier) != level:
        prefix = FAMILIES[level][1]
        raise InputError(
            f"permanentPlanIdentifier {identifier!r} is not a {level} identifier ({prefix}-…)",
            where="$.permanentPlanIdentifier",
        )
    result.identifier = identifier

    # files
    if manifest_file is not None:
        manifest = load_manifest(manifest_file)
        if manifest is not None:
            mapping = _upload(client, payload, manifest, manifest_file, area, say)
            result.uploaded = mapping
            payload = _replace_keys(payload, mapping)
            result.payload = payload

    doc = PlanMatterCreate.from_json(payload)
    phase_doc = PlanMatterPhase.from_json(payload["planMatterPhases"][0])

    def collect(outcome: Outcome, on: Any = None) -> Outcome:
        result.outcomes.append(outcome)
        result.findings.extend(
            findings_from_outcome(
                outcome, on or doc, lang=lang, source=source, conversion=conversion
            )
        )
        return outcome

    # stored already?
    existing: dict[str, Any] | None
    if client.dry_run:
        existing = None if phase_mode == "auto" else {"planMatterPhases": []}
        if phase_mode == "auto":
            say(
                "dry run: assuming the matter is not stored yet (--phase new|update shows the rest)"
            )
    else:
        try:
            existing = client.get_matter(level, identifier)
        except NotFoundError:
            existing = None
    phase = payload["planMatterPhases"][0]
    phase_key = phase.get("planMatterPhaseKey")

    if existing is None:
        if phase_mode != "auto" and not client.dry_run:
            raise UsageError(
                f"plan matter {identifier} is not stored yet: use --phase auto to create it"
            )
        if not collect(client.validate_matter(level, identifier, payload)).ok:
            result.action = "matter validation failed"
            return result
        if validate_only:
            result.action = "validated the matter"
            return result
        outcome = collect(client.create_matter(level, identifier, payload))
        result.action = "created the matter" if outcome.ok else "creating the matter failed"
        return result

    stored = {
        p.get("planMatterPhaseKey")
        for p in existing.get("planMatterPhases") or []
        if isinstance(p, dict)
    }
    mode = phase_mode
    if mode == "auto":
        mode = "update" if phase_key in stored else "new"
    elif mode == "update" and phase_key not in stored and not client.dry_run:
        raise UsageError(f"phase {phase_key} is not stored in {identifier}: use --phase new")
    elif mode == "new" and phase_key in stored:
        raise UsageError(f"phase {phase_key} is already stored in {identifier}: use --phase update")
    if update_matter and not validate_only:
        update = {k: v for k, v in payload.items() if k != "planMatterPhases"}
        if not collect(client.update_matter(level, identifier, update)).ok:
            result.action = "updating the matter failed"
            return result
    if not collect(client.validate_phase(level, identifier, phase_key, phase), phase_doc).ok:
        result.action = "phase validation failed"
        return result
    if validate_only:
        result.action = "validated the phase"
        return result
    if mode == "update":
        outcome = collect(client.update_phase(level, identifier, phase_key, phase), phase_doc)
        result.action = "updated the phase" if outcome.ok else "updating the phase failed"
    else:
        outcome = collect(client.create_phase(level, identifier, phase_key, phase), phase_doc)
        result.action = "added the phase" if outcome.ok else "adding the phase failed"
    return result
