"""The plan matter (kaava-asia) from a short TOML file a planner can fill in.

``ryhti matter init`` writes a commented template; ``ryhti matter build matter.toml
plan.json`` turns it and the plan into a ``PlanMatterCreate`` whose single phase
carries the plan in its decision. Codes are chosen by their Finnish names
(:mod:`ryhti.matter.codes`) and the lifecycle ↔ decision ↔ event rules of the code-list
snapshot (``registry().lifecycle_relations``) are applied: a missing handling event is
filled in from the decision, a decision that does not belong to the lifecycle status
is refused with the TOML line and key named.

Why TOML: it has comments, real dates and no code URIs; the matter's metadata changes
rarely and lives beside the plan in version control.

Keys are uuid5 over a fixed namespace and the matter's own identifiers (municipality
and producer identifier or name), so building again gives the same keys and the
server sees an update, not a new object. Attachment files get placeholder file keys
(uuid5 of their content); ``ryhti submit`` uploads them and puts the server's keys in
their place, using the ``<output>.files.json`` manifest written beside the payload.
"""

from __future__ import annotations

import copy
import os
import re
import uuid
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ryhti.background import SourceRecord
from ryhti.codelists import Code, registry
from ryhti.errors import InputError
from ryhti.io import decode_text, read_bytes
from ryhti.matter.codes import CodeChoiceError, choose
from ryhti.matter.documents import Attachments
from ryhti.matter.keys import key as _key
from ryhti.matter.keys import lang as _lang
from ryhti.matter.manifest import MANIFEST_FORMAT
from ryhti.matter.toml_input import MatterToml
from ryhti.matter.toml_input import labels as _labels

__all__ = ["BuiltMatter", "build_matter"]


@dataclass
class BuiltMatter:
    """The ``PlanMatterCreate`` JSON, the files to upload, and notes for the planner."""

    payload: dict[str, Any]
    files: list[dict[str, Any]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    level: str | None = None

    def manifest(self, relative_to: Path | None = None) -> dict[str, Any]:
        """The ``.files.json`` manifest: placeholder file key → file to upload."""
        files = []
        for entry in self.files:
            item = dict(entry)
            path = Path(item["file"])
            if relative_to is not None:
                item["file"] = os.path.relpath(path.resolve(), relative_to.resolve())
            files.append(item)
        return {"format": MANIFEST_FORMAT, "files": files}


class _Builder(Attachments, MatterToml):
    def __init__(
        self, text: str, source: str, base: Path, sources: Sequence[SourceRecord] = ()
    ) -> None:
        super().__init__(text, source)
        self.sources = list(sources)
        self.base = base
        self.files: list[dict[str, Any]] = []
        self.notes: list[str] = []

    # -- the build ----------------------------------------------------------------------------
    def build(self, plan: dict[str, Any]) -> BuiltMatter:
        reg = registry()
        from ryhti.codelists import plan_level

        plan_type = self.code(("matter", "plan_type"), "RY_Kaavalaji", required=True)
        assert plan_type is not None
        level = plan_level(plan_type.value)
        area = self._area(level)
        name = self.text(("matter", "name"), required=True)
        name_sv = self.text(("matter", "name_sv"))
        producer_id = self.text(("matter", "producer_plan_identifier"))
        seed = self.text(("matter", "key_seed")) or f"{area}/{producer_id or name}"
        identifier = self.text(("matter", "permanent_plan_identifier")) or ""
        if identifier:
            prefix = {"asemakaava": "AK", "yleiskaava": "YK", "maakuntakaava": "MK"}[level]
            if not re.fullmatch(rf"{prefix}-\d{{6}}", identifier):
                raise self.error(
                    ("matter", "permanent_plan_identifier"),
                    f"{identifier!r} is not a permanent identifier of a {level} ({prefix}-000123)",
                )
        else:
            self.notes.append(
                "permanent_plan_identifier is empty: `ryhti submit` reserves one for this name"
            )
        digital_origin = self.code(
            ("matter", "digital_origin"), "RY_DigitaalinenAlkupera", required=True
        )
        assert digital_origin is not None
        matter: dict[str, Any] = {
            "permanentPlanIdentifier": identifier,
            "planType": plan_type.uri,
            "name": _lang(name, name_sv),
            "timeOfInitiation": self.date(("matter", "initiation_date"), required=True),
            "administrativeAreaIdentifiers": [area],
            "digitalOrigin": digital_origin.uri,
        }
        description = self.text(("matter", "description"))
        if description:
            matter["description"] = _lang(description)
        if producer_id:
            matter["producerPlanIdentifier"] = producer_id
        for key, json_name in (
            ("case_identifiers", "caseIdentifiers"),
            ("record_numbers", "recordNumbers"),
            ("related_plan_matters", "relatedPlanMatters"),
        ):
            values = self.texts(("matter", key))
            if values:
                matter[json_name] = values
        responsible = self.get(("matter", "responsible"))
        if isinstance(responsible, dict) and responsible:
            operator = {"planOperatorKey": _key(seed, "responsible")}
            for key, json_name in (
                ("first_name", "firstName"),
                ("last_name", "lastName"),
                ("title", "title"),
                ("organization", "organizationName"),
                ("business_id", "businessId"),
            ):
                value = self.text(("matter", "responsible", key))
                if value:
                    operator[json_name] = value
            matter["responsibleParty"] = operator

        phase, plan_copy = self._phase(reg, level, seed, plan)
        self._documents(seed, matter, phase, plan_copy)
        self._plan_maps(seed, plan_copy)
        if self.sources:
            matter["sourceDatas"] = [_source_data(seed, record) for record in self.sources]
        matter["planMatterPhases"] = [phase]
        return BuiltMatter(payload=matter, files=self.files, notes=self.notes, level=level)

    def _area(self, level: str) -> str:
        municipality = self.get(("matter", "municipality"))
        region = self.get(("matter", "region"))
        if municipality is not None and region is not None:
            raise self.error(("matter", "region"), "give municipality or region, not both")
        if level == "maakuntakaava" and region is None:
            raise self.error(("matter", "region"), 'a maakuntakaava needs region = "<maakunta>"')
        if level != "maakuntakaava" and municipality is None:
            raise self.error(
                ("matter", "municipality"), f'a {level} needs municipality = "<kunta>"'
            )
        path = ("matter", "region") if region is not None else ("matter", "municipality")
        value = region if region is not None else municipality
        if isinstance(value, int) and not isinstance(value, bool):
            value = f"{value:03d}" if region is None else f"{value:02d}"
        list_id = "regions" if region is not None else "municipalities"
        try:
            return choose(list_id, str(value).strip()).value
        except CodeChoiceError as exc:
            raise self.error(path, str(exc)) from None

    def _phase(
        self, reg: Any, level: str, seed: str, plan: dict[str, Any]
    ) -> tuple[dict[str, Any], dict[str, Any] | None]:
        relations = reg.lifecycle_relations
        lifecycle = self.code(("phase", "lifecycle"), "kaavaelinkaari", required=True)
        assert lifecycle is not None
        lc_name = lifecycle.label("fi")
        phase_key = self.text(("phase", "key"))
        if phase_key:
            try:
                phase_key = str(uuid.UUID(phase_key))
            except ValueError:
                raise self.error(("phase", "key"), f"must be a UUID, not {phase_key!r}") from None
        else:
            phase_key = _key(seed, f"phase/{lifecycle.value}")
        area = plan.get("geographicalArea")
        if not isinstance(area, dict):
            raise InputError(
                "the plan has no geographicalArea to use as the phase's boundary",
                where="$.geographicalArea",
            )
        plan_lc = plan.get("lifeCycleStatus")
        if plan_lc != lifecycle.uri:
            plan_code = reg["kaavaelinkaari"].get(plan_lc) if isinstance(plan_lc, str) else None
            shown = f"{plan_code.label('fi')!r}" if plan_code else repr(plan_lc)
            raise self.error(
                ("phase", "lifecycle"),
                f"the phase is {lc_name!r} but the plan's lifeCycleStatus is {shown}",
                "the plan delivered in a phase has the phase's lifecycle status",
            )
        phase: dict[str, Any] = {
            "planMatterPhaseKey": phase_key,
            "lifeCycleStatus": lifecycle.uri,
            "geographicalArea": copy.deepcopy(area),
        }

        # decision
        decision_code = self.code(("phase", "decision", "name"), "kaavpaatnimi")
        allowed = relations.allowed("decisions", lifecycle, level)
        required = relations.required("decisions", lifecycle, level)
        plan_copy: dict[str, Any] | None = None
        if decision_code is not None:
            self._check_allowed(
                ("phase", "decision", "name"),
                "decision",
                decision_code,
                allowed,
                lc_name,
                level,
                "this lifecycle status has no decision: remove [phase.decision]",
            )
            decision = self._decision(seed, phase_key, decision_code)
            include = self.get(("phase", "decision", "include_plan"))
            if include is None or include is True:
                plan_copy = copy.deepcopy(plan)
                decision["plans"] = [plan_copy]
            elif include is not False:
                raise self.error(("phase", "decision", "include_plan"), "must be true or false")
            phase["planDecision"] = decision
        elif required:
            raise self.error(
                ("phase", "decision"),
                f"lifecycle {lc_name!r} needs a decision: one of " + _labels(required),
            )
        else:
            self.notes.append("no [phase.decision]: the plan is not delivered in this phase")

        # handling event
        handling_allowed = relations.allowed("handling", lifecycle, level)
        handling_code = self.code(("phase", "handling", "type"), "kaavakastap")
        if handling_code is None and self.get(("phase", "handling")) is not None:
            handling_code = self._default_handling(relations, decision_code, handling_allowed)
            if handling_code is None:
                raise self.error(
                    ("phase", "handling", "type"),
                    "cannot choose the handling event type from the decision; write it"
                    + (": one of " + _labels(handling_allowed) if handling_allowed else ""),
                )
        if handling_code is not None:
            self._check_allowed(
                ("phase", "handling", "type"),
                "handling event",
                handling_code,
                handling_allowed,
                lc_name,
                level,
                "this lifecycle status has no handling event",
            )
            handling: dict[str, Any] = {
                "handlingEventKey": _key(phase_key, "handling"),
                "handlingEventType": handling_code.uri,
            }
            event_time = self.date(("phase", "handling", "date"))
            if event_time:
                handling["eventTime"] = event_time
            self._event_texts(handling, ("phase", "handling"))
            phase["handlingEvent"] = handling
        else:
            required_handling = relations.required("handling", lifecycle, level)
            if required_handling:
                raise self.error(
                    ("phase", "handling"),
                    f"lifecycle {lc_name!r} needs a handling event: one of "
                    + _labels(required_handling),
                )

        # interaction events
        raw_events = self.get(("phase", "interaction"))
        if raw_events is not None and not isinstance(raw_events, list):
            raise self.error(
                ("phase", "interaction"), "write interaction events as [[phase.interaction]] tables"
            )
        interaction_allowed = relations.allowed("interaction", lifecycle, level)
        events = []
        seen_types: set[str] = set()
        for i, _ in enumerate(raw_events or []):
            path = ("phase", "interaction", i)
            kind = self.code((*path, "type"), "RY_KaavanVuorovaikutustapahtumanLaji", required=True)
            assert kind is not None
            self._check_allowed(
                (*path, "type"),
                "interaction event",
                kind,
                interaction_allowed,
                lc_name,
                level,
                "this lifecycle status has no interaction events",
            )
            begin = self.instant((*path, "begin"), end=False, required=True)
            end = self.instant((*path, "end"), end=True)
            if end is not None and begin is not None and end < begin:
                raise self.error((*path, "end"), "ends before it begins")
            event_time: dict[str, Any] = {"begin": begin}
            if end is not None:
                event_time["end"] = end
            event: dict[str, Any] = {
                "interactionEventKey": _key(phase_key, f"interaction/{kind.value}/{begin}"),
                "interactionEventType": kind.uri,
                "eventTime": event_time,
            }
            self._event_texts(event, path)
            events.append(event)
            seen_types.add(kind.value)
        required_events = relations.required("interaction", lifecycle, level)
        if required_events and not seen_types & {c.value for c in required_events}:
            raise self.error(
                ("phase", "interaction") if raw_events else ("phase",),
                f"lifecycle {lc_name!r} of a {level} needs an interaction event of type "
                + _labels(required_events, " or "),
                "add a [[phase.interaction]] table with type, begin and end",
            )
        if events:
            phase["interactionEvents"] = events
        return phase, plan_copy

    def _default_handling(
        self, relations: Any, decision: Code | None, allowed: list[Code] | None
    ) -> Code | None:
        if decision is not None:
            candidate = relations.handling_for_decision(decision)
            if candidate is not None and (allowed is None or candidate in allowed):
                return candidate
        if allowed and len(allowed) == 1:
            return allowed[0]
        return None

    def _event_texts(self, event: dict[str, Any], path: tuple[str | int, ...]) -> None:
        for key, json_name in (("name", "name"), ("description", "description")):
            value = self.text((*path, key))
            if value:
                event[json_name] = _lang(value)
        link = self.text((*path, "link"))
        if link:
            event["additionalInformationLink"] = link

    def _decision(self, seed: str, phase_key: str, name: Code) -> dict[str, Any]:
        path = ("phase", "decision")
        date = self.date((*path, "date"), required=True)
        maker = self.code((*path, "decision_maker"), "PaatoksenTekija", required=True)
        assert maker is not None
        decision: dict[str, Any] = {
            "planDecisionKey": _key(phase_key, "decision"),
            "name": name.uri,
            "decisionDate": date,
            "dateOfDecision": self.date((*path, "date_of_decision")) or date,
            "typeOfDecisionMaker": maker.uri,
        }
        identifier = self.text((*path, "identifier"))
        if identifier:
            decision["decisionIdentifier"] = identifier
        text = self.text((*path, "text"))
        if text:
            decision["decisionText"] = _lang(text)
        validity = self.date((*path, "date_of_validity"))
        if validity:
            decision["dateOfValidity"] = validity
        return decision


SOURCE_DATA_TYPE = "http://uri.suomi.fi/codelist/rytj/RY_LahtotietoaineistonLaji/code/"


def _source_data(seed: str, record: SourceRecord) -> dict[str, Any]:
    """A ``PlanSourceData``: type, name with the date fetched, and the service as its link.

    PlanSourceData has no date of its own, so the date the data was fetched is part of
    the name ("… (haettu 7.12.2026)"); a local file is no link for Ryhti and gets none.
    """
    day = record.fetched[:10]
    try:
        y, m, d = (int(part) for part in day.split("-"))
        shown = f"{d}.{m}.{y}"
    except ValueError:
        shown = day
    item: dict[str, Any] = {
        "planSourceDataKey": _key(seed, f"source/{record.kind_code}/{record.name}/{record.url}"),
        "type": SOURCE_DATA_TYPE + record.kind_code,
        "name": _lang(
            f"{record.name} (haettu {shown})" if shown else record.name,
            f"{record.name} (hämtad {shown})" if shown else None,
        ),
    }
    link = record.url.split(" ", 1)[0]
    if link.startswith(("http://", "https://")):
        item["additionalInformationLink"] = link
    return item


def build_matter(
    toml_path: str | Path,
    plan: str | Path | dict[str, Any],
    sources: Sequence[SourceRecord] = (),
) -> BuiltMatter:
    """Build the ``PlanMatterCreate`` from ``matter.toml`` and the plan (a path or its JSON).

    ``sources``: gathered background data (``ryhti lahtotiedot``), recorded as the matter's
    source data (``sourceDatas``).
    """
    toml_path = Path(toml_path)
    text = decode_text(read_bytes(toml_path), toml_path)
    if isinstance(plan, dict):
        plan_json = plan
    else:
        from ryhti.model import load_plan

        plan_json = load_plan(plan).to_json()
    builder = _Builder(text, str(toml_path), toml_path.parent, sources)
    return builder.build(plan_json)
