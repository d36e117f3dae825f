"""Convert, then validate the converted plan, and trace the findings back to the source.

A conversion that exits 0 with "0 errors" for a plan Syke would refuse misleads its user:
the conversion's own findings (CV…) say what the converter could not carry over, not
whether the plan is valid. So the conversion's outcome carries both, and the exit code
says whether the plan has errors of either kind.

Tracing: a validation finding names a plan object, a regulation group, a regulation or
the plan (by key and JSON path). The conversion report says which source feature each
plan object came from and which features relate to each group; the finding gets a
``source`` with the file, layer, feature id and line (a group's finding names the layer
and its features), so a planner can open the feature in QGIS.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from ryhti.findings import Finding
from ryhti.parsers import convert
from ryhti.validators import ValidationResult, load_config, validate

__all__ = ["Outcome", "convert_and_validate", "trace_findings"]

#: Features listed for a finding on a group that many features share.
MAX_FEATURES = 20

_OBJECT_PATH = re.compile(r"^\$\.planObjects\[(\d+)\]")
_GROUP_PATH = re.compile(r"^\$\.planRegulationGroups\[(\d+)\]")


@dataclass
class Outcome:
    """A conversion and the validation of what it wrote."""

    result: Any
    validation: ValidationResult | None
    #: validation findings as JSON, each with its ``source`` place (see the module doc)
    traced: list[dict[str, Any]] = field(default_factory=list)

    @property
    def report(self) -> dict[str, Any]:
        """The conversion report with the validation in it."""
        return self.result.report

    @property
    def errors(self) -> int:
        """Errors of the conversion and of the validation together."""
        own = len(self.result.errors)
        return own + (self.validation.counts["error"] if self.validation is not None else 0)

    @property
    def exit_code(self) -> int:
        """0 when the plan has no error of either kind, else 1."""
        return 1 if self.errors else 0


def convert_and_validate(
    source: Any,
    *,
    validate_plan: bool = True,
    municipality: str | list[str] | None = None,
    config: Any = None,
    progress: Callable[[str], None] | None = None,
    repair_coverage: float | None = None,
    **options: Any,
) -> Outcome:
    """Convert ``source`` (the arguments of :func:`ryhti.parsers.convert`) and, unless
    ``validate_plan`` is False, validate the plan with the plan type the conversion used
    (``municipality`` and ``config`` as for ``ryhti validate``; by default the nearest
    ``ryhti.toml``). ``repair_coverage`` (a tolerance in metres) closes overlaps and gaps of
    the area reservations narrower than it first (CV030 for each change). The validation
    goes into ``report["validation"]``."""
    result = convert(source, progress=progress, **options)
    if repair_coverage is not None:  # before validating: the plan written is the repaired one
        from ryhti.parsers.coverage_repair import repair_result

        repair_result(
            result, result.plan_json(), repair_coverage, strict=bool(options.get("strict"))
        )
    if not validate_plan:
        result.report["validation"] = {"run": False}
        return Outcome(result, None)
    if progress is not None:
        progress("checking")
    plan_type = str(result.report.get("plan", {}).get("planType") or options.get("plan_type") or "")
    validation = validate(
        result.plan_json(),
        plan_type=plan_type or None,
        municipality=municipality,
        config=config if config is not None else load_config(None),
        source=result.report.get("source", {}).get("path"),
    )
    traced = trace_findings(validation.findings, result.plan_json(), result.report)
    result.report["validation"] = {
        "run": True,
        "planType": plan_type or None,
        "counts": validation.counts,
        "findings": traced,
    }
    return Outcome(result, validation, traced)


def trace_findings(
    findings: list[Finding], plan: dict[str, Any], report: dict[str, Any]
) -> list[dict[str, Any]]:
    """Validation findings as JSON, each with the source place of what it concerns."""
    by_object: dict[str, dict[str, Any]] = {}
    by_group: dict[str, list[dict[str, Any]]] = {}
    boundary: list[dict[str, Any]] = []
    file = report.get("source", {}).get("path")
    for item in report.get("features", ()):
        place = {"file": file, "layer": item.get("layer"), "fid": item.get("fid")}
        if item.get("line") is not None:
            place["line"] = item["line"]
        if item.get("fate") == "planBoundary":
            boundary.append(place)
        key = item.get("planObjectKey")
        if key:
            by_object[key] = place
            for group in item.get("planRegulationGroupKeys", ()):
                by_group.setdefault(group, []).append(place)
    objects = plan.get("planObjects") or []
    groups = plan.get("planRegulationGroups") or []
    out = []
    for f in findings:
        item = f.to_json()
        item.pop("geometry", None)
        item["source"] = _place(f, objects, groups, by_object, by_group, boundary, file)
        out.append(item)
    return out


def _place(
    f: Finding,
    objects: list[Any],
    groups: list[Any],
    by_object: dict[str, dict[str, Any]],
    by_group: dict[str, list[dict[str, Any]]],
    boundary: list[dict[str, Any]],
    file: str | None,
) -> dict[str, Any]:
    key = f.object_key
    if key in by_object:
        return dict(by_object[key])
    group_key = key if key in by_group else None
    path = f.path or "$"
    match = _OBJECT_PATH.match(path)
    if match and int(match.group(1)) < len(objects):
        obj = objects[int(match.group(1))]
        place = by_object.get(obj.get("planObjectKey") if isinstance(obj, dict) else None)
        if place is not None:
            return dict(place)
    match = _GROUP_PATH.match(path)
    if group_key is None and match and int(match.group(1)) < len(groups):
        group = groups[int(match.group(1))]
        group_key = group.get("planRegulationGroupKey") if isinstance(group, dict) else None
    if group_key is not None:
        places = by_group.get(group_key, [])
        layers = sorted({str(p.get("layer")) for p in places})
        return {
            "file": file,
            "layer": layers[0] if len(layers) == 1 else layers,
            "group": group_key,
            "features": [p["fid"] for p in places[:MAX_FEATURES]],
            "featureCount": len(places),
        }
    if boundary and (path == "$" or path.startswith("$.geographicalArea")):
        return {"file": file, "layer": boundary[0]["layer"], "fid": boundary[0]["fid"]}
    return {"file": file, "plan": True}
