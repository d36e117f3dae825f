"""The plan matter (kaava-asia) from a short TOML file a planner can fill in.

``ryhti matter init`` writes a commented template; ``ryhti matter build matter.toml
plan.json`` turns it and the plan into a ``PlanMatterCreate`` whose single phase
carries the plan in its decision. Codes are chosen by their Finnish names
(:mod:`ryhti.api.codes`) and the lifecycle ↔ decision ↔ event rules of the code-list
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
import datetime as dt
import difflib
import hashlib
import os
import re
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ryhti.api.codes import CodeChoiceError, choose
from ryhti.codelists import Code, registry
from ryhti.errors import InputError
from ryhti.io import decode_text, parse_toml, read_bytes

__all__ = [
    "MANIFEST_FORMAT",
    "MATTER_NAMESPACE",
    "BuiltMatter",
    "build_matter",
    "init_template",
    "manifest_path",
]

#: Namespace of every key the matter builder makes.
MATTER_NAMESPACE = uuid.UUID("3d1f6c2a-8f3e-5a57-9b1e-6c0d7f2e9a41")

MANIFEST_FORMAT = "ryhti-matter-files/1"

PLAN_MAP_CRS = "http://uri.suomi.fi/codelist/rakrek/ETRS89/code/EPSG3067"

#: Where a document may be attached, and what it becomes.
ATTACH_TO = {
    "matter": "matterAnnexes (kaava-asian liite)",
    "oas": "participationAndAssessmentScheme (osallistumis- ja arviointisuunnitelma)",
    "decision": "planDecision.decisionDocuments (päätösasiakirja)",
    "handling": "handlingEvent.relatedDocuments (käsittelytapahtuman asiakirja)",
    "report": "plan.planReport (kaavaselostus)",
    "annex": "plan.planAnnexes (kaavan liite)",
}

TEMPLATE = """\
# Kaava-asia (plan matter) for ryhti. Fill in, then run:
#   ryhti matter build {toml_name} plan.json -o matter.json
#   ryhti submit plan.json --matter matter.json --dry-run
# Codes are written by their Finnish names (`ryhti codelists show kaavaelinkaari` lists
# them); dates are YYYY-MM-DD without quotes. Lines starting with # are comments.

[matter]
name = "{name}"  # kaava-asian nimi
# name_sv = ""  # nimi ruotsiksi
plan_type = "{plan_type}"  # kaavalaji (RY_Kaavalaji)
{area_key} = "{area}"  # kunta (nimi tai koodi); maakuntakaavassa region = "Keski-Suomi"
permanent_plan_identifier = ""  # pysyvä kaavatunnus AK-000123; tyhjä: ryhti submit varaa sen
producer_plan_identifier = ""  # kunnan oma kaavatunnus
initiation_date = {today}  # vireilletulopäivä
digital_origin = "Tietomallin mukaan laadittu"  # digitaalinen alkuperä (RY_DigitaalinenAlkupera)
# description = ""  # kuvaus
# case_identifiers = []  # asianhallintatunnukset
# record_numbers = []  # diaarinumerot

# [matter.responsible]  # vastuutaho
# organization = ""
# business_id = ""

[phase]
lifecycle = "Kaavaehdotus"  # elinkaaren tila (kaavaelinkaari)

[phase.decision]  # kaavapäätös
name = "Kaavaehdotuksen nähtäville asettaminen"  # päätöksen nimi (kaavpaatnimi)
date = {today}  # päätöspäivä
# date_of_decision = {today}  # päätöksen antopäivä (oletus: päätöspäivä)
decision_maker = "Monijäseninen päätöksentekoelin"  # päätöksentekijän laji (PaatoksenTekija)
# identifier = ""  # päätöksen tunnus, esim. "Kaupunginhallitus 2.5.2024 § 123"
# include_plan = true  # kaava (plan.json) päätöksen mukana

[phase.handling]  # käsittelytapahtuma
# type = ""  # oletus: päätöstä vastaava (kaavakastap)
date = {today}

[[phase.interaction]]  # vuorovaikutustapahtuma; toista taulu tarpeen mukaan
type = "Nähtävilläolo"  # RY_KaavanVuorovaikutustapahtumanLaji
begin = {today}  # alkaa (päivä tai aika)
# end = {today}  # päättyy

# [[documents]]  # liiteasiakirja (PDF); toista taulu tarpeen mukaan
# file = "kaavaselostus.pdf"
# name = "Kaavaselostus"
# type = "Kaavaselostus"  # asiakirjan laji (RY_AsiakirjanLaji_YKAK)
# attach_to = "report"  # matter | oas | decision | handling | report | annex
# identifier = ""  # asiakirjan tunnus (oletus: tiedoston nimi)
# date = {today}  # asiakirjan päiväys
# publicity = "Julkinen asiakirja"  # julkisuus (oletus)
# personal_data = "Ei sisällä henkilötietoja"  # henkilötietosisältö (oletus)
# retention = "Säilytetään pysyvästi"  # säilytysaika (oletus)
# languages = ["suomi"]  # kielet (oletus)

# [[plan_maps]]  # kaavakartta GeoTIFF (ETRS-TM35FIN)
# file = "kaavakartta.tif"
# name = "Kaavakartta"
"""


def init_template(
    *,
    name: str = "",
    plan_type: str = "Asemakaava",
    municipality: str = "",
    region: str | None = None,
    toml_name: str = "matter.toml",
    today: dt.date | None = None,
) -> str:
    """The commented TOML template of ``ryhti matter init``."""
    day = (today or dt.date.today()).isoformat()
    area_key, area = ("region", region) if region else ("municipality", municipality)
    return TEMPLATE.format(
        name=_toml_str(name),
        plan_type=_toml_str(plan_type),
        area_key=area_key,
        area=_toml_str(area),
        today=day,
        toml_name=toml_name,
    )


def _toml_str(text: str) -> str:
    return text.replace("\\", "\\\\").replace('"', '\\"')


# ------------------------------------------------------------------------------------------
# Locating keys in the TOML text, for error messages
# ------------------------------------------------------------------------------------------

_HEADER = re.compile(r"^\s*(\[\[?)\s*([^\]]+?)\s*\]\]?\s*(?:#.*)?$")
_KEY = re.compile(r"^\s*([A-Za-z0-9_\-]+|\"[^\"]*\")\s*=")


class TomlLocator:
    """Finds the line of a key such as ``phase.interaction[1].type`` in the TOML text."""

    def __init__(self, text: str) -> None:
        self.lines = text.splitlines()

    def line_of(self, path: tuple[str | int, ...]) -> int | None:
        table, key = path[:-1], path[-1]
        current: tuple[str | int, ...] = ()
        counts: dict[tuple[str, ...], int] = {}
        header_line = None
        for number, line in enumerate(self.lines, 1):
            header = _HEADER.match(line)
            if header:
                names = tuple(part.strip().strip('"') for part in header.group(2).split("."))
                if header.group(1) == "[[":
                    index = counts.get(names, -1) + 1
                    counts[names] = index
                    current = (*names, index)
                else:
                    current = names
                if _same_table(current, table):
                    header_line = number
                elif _same_table(current, path):
                    return number
                continue
            match = _KEY.match(line)
            if match and _same_table(current, table) and match.group(1).strip('"') == key:
                return number
        return header_line


def _same_table(a: tuple[str | int, ...], b: tuple[str | int, ...]) -> bool:
    return tuple(str(x) for x in a) == tuple(str(x) for x in b)


def _dotted(path: tuple[str | int, ...]) -> str:
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else part)
    return out


# ------------------------------------------------------------------------------------------
# Building
# ------------------------------------------------------------------------------------------


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


def manifest_path(matter_json: str | Path) -> Path:
    """``matter.json`` → ``matter.files.json``."""
    p = Path(matter_json)
    return p.with_name(p.stem + ".files.json")


_KNOWN: dict[tuple[str, ...], set[str]] = {
    (): {"matter", "phase", "documents", "plan_maps"},
    ("matter",): {
        "name",
        "name_sv",
        "plan_type",
        "municipality",
        "region",
        "permanent_plan_identifier",
        "producer_plan_identifier",
        "initiation_date",
        "digital_origin",
        "description",
        "case_identifiers",
        "record_numbers",
        "responsible",
        "related_plan_matters",
        "key_seed",
    },
    ("matter", "responsible"): {"organization", "business_id", "first_name", "last_name", "title"},
    ("phase",): {"lifecycle", "key", "decision", "handling", "interaction"},
    ("phase", "decision"): {
        "name",
        "date",
        "date_of_decision",
        "decision_maker",
        "identifier",
        "include_plan",
        "date_of_validity",
        "text",
    },
    ("phase", "handling"): {"type", "date", "name", "description", "link"},
    ("phase", "interaction"): {"type", "begin", "end", "name", "description", "link"},
    ("documents",): {
        "file",
        "file_key",
        "name",
        "type",
        "attach_to",
        "identifier",
        "date",
        "publicity",
        "personal_data",
        "retention",
        "languages",
        "accessibility",
        "arrived_date",
        "confirmation_date",
    },
    ("plan_maps",): {"file", "file_key", "name"},
}


class _Builder:
    def __init__(self, text: str, source: str, base: Path) -> None:
        self.raw = text
        self.source = source
        self.base = base
        self.locator = TomlLocator(text)
        self.files: list[dict[str, Any]] = []
        self.notes: list[str] = []
        self.data = parse_toml(text, source)
        self._check_keys(self.data, ())

    # -- errors ------------------------------------------------------------------------------
    def error(
        self, path: tuple[str | int, ...], message: str, hint: str | None = None
    ) -> InputError:
        line = self.locator.line_of(path)
        where = f"line {line}, {_dotted(path)}" if line else _dotted(path)
        return InputError(message, source=self.source, where=where, hint=hint)

    def _check_allowed(
        self,
        path: tuple[str | int, ...],
        what: str,
        code: Code,
        allowed: list[Code] | None,
        lifecycle: str,
        level: str,
        none_allowed: str,
    ) -> None:
        """Refuse ``code`` when the lifecycle ↔ event relations do not allow it (``None``: any)."""
        if allowed is None or code in allowed:
            return
        raise self.error(
            path,
            f"{what} {code.label('fi')!r} does not belong to lifecycle {lifecycle!r} of a "
            f"{level}; " + (f"allowed: {_labels(allowed)}" if allowed else none_allowed),
        )

    def _check_keys(self, node: Any, path: tuple[str | int, ...]) -> None:
        if isinstance(node, list):
            for i, item in enumerate(node):
                self._check_keys(item, (*path, i))
            return
        if not isinstance(node, dict):
            return
        shape = tuple(p for p in path if isinstance(p, str))
        known = _KNOWN.get(shape)
        if known is None:
            return
        for key, value in node.items():
            if key not in known:
                close = difflib.get_close_matches(key, sorted(known), n=1)
                hint = (
                    f"did you mean {close[0]!r}?"
                    if close
                    else f"known keys: {', '.join(sorted(known))}"
                )
                raise self.error((*path, key), f"unknown key {key!r}", hint)
            self._check_keys(value, (*path, key))

    # -- values ------------------------------------------------------------------------------
    def get(self, path: tuple[str | int, ...], required: bool = False) -> Any:
        node: Any = self.data
        for part in path:
            if isinstance(node, dict) and isinstance(part, str):
                node = node.get(part)
            elif isinstance(node, list) and isinstance(part, int) and part < len(node):
                node = node[part]
            else:
                node = None
            if node is None:
                break
        if isinstance(node, str) and not node.strip():
            node = None
        if node is None and required:
            raise self.error(path, "is required but missing or empty")
        return node

    def text(self, path: tuple[str | int, ...], required: bool = False) -> str | None:
        value = self.get(path, required)
        if value is None:
            return None
        if not isinstance(value, str):
            raise self.error(path, f"must be text in quotes, not {value!r}")
        return value.strip()

    def texts(self, path: tuple[str | int, ...]) -> list[str] | None:
        value = self.get(path)
        if value is None:
            return None
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise self.error(path, 'must be a list of texts, e.g. ["a", "b"]')
        return [v.strip() for v in value if v.strip()] or None

    def date(self, path: tuple[str | int, ...], required: bool = False) -> str | None:
        value = self.get(path, required)
        if value is None:
            return None
        if isinstance(value, dt.datetime):
            return value.date().isoformat()
        if isinstance(value, dt.date):
            return value.isoformat()
        if isinstance(value, str):
            parsed = _parse_date(value)
            if parsed is not None:
                return parsed.isoformat()
        raise self.error(path, f"must be a date such as 2024-05-02, not {value!r}")

    def instant(
        self, path: tuple[str | int, ...], *, end: bool, required: bool = False
    ) -> str | None:
        """A date-time in UTC (``…Z``); a date means the start (or end) of that day in Finland."""
        value = self.get(path, required)
        if value is None:
            return None
        if isinstance(value, str):
            parsed = _parse_date(value)
            if parsed is None:
                try:
                    value = dt.datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
                except ValueError:
                    raise self.error(
                        path, f"must be a date or a date-time, not {value!r}"
                    ) from None
            else:
                value = parsed
        if isinstance(value, dt.datetime):
            moment = value if value.tzinfo else value.replace(tzinfo=_helsinki())
        elif isinstance(value, dt.date):
            clock = dt.time(23, 59, 59) if end else dt.time(0, 0)
            moment = dt.datetime.combine(value, clock, tzinfo=_helsinki())
        else:
            raise self.error(path, f"must be a date or a date-time, not {value!r}")
        return moment.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")

    def code(
        self, path: tuple[str | int, ...], list_id: str, required: bool = False
    ) -> Code | None:
        value = self.get(path, required)
        if value is None:
            return None
        try:
            return choose(list_id, value)
        except CodeChoiceError as exc:
            raise self.error(path, str(exc)) from None

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

    # -- files ---------------------------------------------------------------------------------
    def _file(self, path: tuple[str | int, ...], kind: str) -> str:
        """The file key for the file named at ``path``: given, or a placeholder to upload."""
        given = self.text((*path, "file_key"))
        name = self.text((*path, "file"))
        if given:
            try:
                return str(uuid.UUID(given))
            except ValueError:
                raise self.error((*path, "file_key"), f"must be a UUID, not {given!r}") from None
        if not name:
            raise self.error(
                (*path, "file"), "is required (or file_key of a file already uploaded)"
            )
        file = (self.base / name).resolve()
        if not file.is_file():
            raise self.error((*path, "file"), f"no such file: {file}")
        suffix = file.suffix.lower()
        if kind == "pdf" and suffix != ".pdf":
            raise self.error((*path, "file"), "attachment documents must be PDF files")
        if kind == "geotiff" and suffix not in (".tif", ".tiff"):
            raise self.error((*path, "file"), "plan maps must be GeoTIFF files (.tif)")
        digest = hashlib.sha256(file.read_bytes()).hexdigest()
        placeholder = str(uuid.uuid5(MATTER_NAMESPACE, f"file/{digest}"))
        if not any(f["fileKey"] == placeholder for f in self.files):
            self.files.append(
                {
                    "fileKey": placeholder,
                    "file": str(file),
                    "sha256": digest,
                    "contentType": "application/pdf" if kind == "pdf" else "image/tiff",
                    "key": _dotted(path),
                }
            )
        return placeholder

    def _documents(
        self, seed: str, matter: dict[str, Any], phase: dict[str, Any], plan: dict[str, Any] | None
    ) -> None:
        docs = self.get(("documents",))
        if docs is None:
            return
        if not isinstance(docs, list):
            raise self.error(("documents",), "write documents as [[documents]] tables")
        for i, _ in enumerate(docs):
            path: tuple[str | int, ...] = ("documents", i)
            target = self.text((*path, "attach_to")) or "matter"
            if target not in ATTACH_TO:
                raise self.error(
                    (*path, "attach_to"),
                    f"unknown target {target!r}; one of: "
                    + ", ".join(f"{k} = {v}" for k, v in ATTACH_TO.items()),
                )
            document = self._document(seed, path)
            if target == "matter":
                matter.setdefault("matterAnnexes", []).append(document)
            elif target == "oas":
                scheme = matter.setdefault(
                    "participationAndAssessmentScheme",
                    {
                        "participationAndAssessmentSchemeKey": _key(seed, "oas"),
                        "attachmentDocuments": [],
                    },
                )
                scheme["attachmentDocuments"].append(document)
            elif target == "decision":
                if "planDecision" not in phase:
                    raise self.error((*path, "attach_to"), "the phase has no [phase.decision]")
                phase["planDecision"].setdefault("decisionDocuments", []).append(document)
            elif target == "handling":
                if "handlingEvent" not in phase:
                    raise self.error((*path, "attach_to"), "the phase has no [phase.handling]")
                phase["handlingEvent"].setdefault("relatedDocuments", []).append(document)
            else:
                if plan is None:
                    raise self.error(
                        (*path, "attach_to"),
                        f"{target!r} documents belong to the plan, which is not in the decision",
                    )
                if target == "report":
                    report = plan.setdefault(
                        "planReport",
                        {
                            "planReportKey": _key(str(plan.get("planKey")), "report"),
                            "attachmentDocuments": [],
                        },
                    )
                    report.setdefault("attachmentDocuments", []).append(document)
                else:
                    plan.setdefault("planAnnexes", []).append(document)

    def _document(self, seed: str, path: tuple[str | int, ...]) -> dict[str, Any]:
        file_key = self._file(path, "pdf")
        file_name = self.text((*path, "file"))
        name = self.text((*path, "name"), required=True)
        assert name is not None
        kind = self.code((*path, "type"), "RY_AsiakirjanLaji_YKAK", required=True)
        assert kind is not None
        identifier = self.text((*path, "identifier")) or (
            Path(file_name).name if file_name else name
        )
        date = self.date((*path, "date"), required=True)
        publicity = self._code_or_default((*path, "publicity"), "julkisuus", "Julkinen asiakirja")
        personal = self._code_or_default(
            (*path, "personal_data"), "henkilotietosisalto", "Ei sisällä henkilötietoja"
        )
        retention = self._code_or_default(
            (*path, "retention"), "sailytysaika", "Säilytetään pysyvästi"
        )
        languages = self.get((*path, "languages")) or ["suomi"]
        if not isinstance(languages, list) or not languages:
            raise self.error((*path, "languages"), 'must be a list such as ["suomi", "ruotsi"]')
        language_uris = []
        for j, lang in enumerate(languages):
            try:
                language_uris.append(choose("ryhtikielet", lang).uri)
            except CodeChoiceError as exc:
                raise self.error((*path, "languages"), f"item {j + 1}: {exc}") from None
        accessible = self.get((*path, "accessibility"))
        if accessible is not None and not isinstance(accessible, bool):
            raise self.error((*path, "accessibility"), "must be true or false")
        document: dict[str, Any] = {
            "attachmentDocumentKey": _key(seed, f"document/{identifier}/{file_key}"),
            "documentIdentifier": identifier,
            "name": _lang(name),
            "personalDataContent": personal.uri,
            "categoryOfPublicity": publicity.uri,
            "accessibility": True if accessible is None else accessible,
            "retentionTime": retention.uri,
            "languages": language_uris,
            "fileKey": file_key,
            "documentDate": date,
            "typeOfAttachment": kind.uri,
        }
        for key, json_name in (
            ("arrived_date", "arrivedDate"),
            ("confirmation_date", "confirmationDate"),
        ):
            value = self.date((*path, key))
            if value:
                document[json_name] = value
        return document

    def _code_or_default(self, path: tuple[str | int, ...], list_id: str, default: str) -> Code:
        code = self.code(path, list_id)
        return code if code is not None else choose(list_id, default)

    def _plan_maps(self, seed: str, plan: dict[str, Any] | None) -> None:
        maps = self.get(("plan_maps",))
        if maps is None:
            return
        if not isinstance(maps, list):
            raise self.error(("plan_maps",), "write plan maps as [[plan_maps]] tables")
        if plan is None:
            raise self.error(
                ("plan_maps",), "plan maps belong to the plan, which is not in the decision"
            )
        for i, _ in enumerate(maps):
            path: tuple[str | int, ...] = ("plan_maps", i)
            file_key = self._file(path, "geotiff")
            name = self.text((*path, "name")) or "Kaavakartta"
            plan.setdefault("planMaps", []).append(
                {
                    "planMapKey": _key(str(plan.get("planKey")), f"map/{file_key}"),
                    "name": _lang(name),
                    "fileKey": file_key,
                    "coordinateSystem": PLAN_MAP_CRS,
                }
            )


def _key(seed: str, what: str) -> str:
    return str(uuid.uuid5(MATTER_NAMESPACE, f"{seed}/{what}"))


def _lang(fin: str, swe: str | None = None) -> dict[str, str]:
    out = {"fin": fin}
    if swe:
        out["swe"] = swe
    return out


_FINNISH_DATE = re.compile(r"^\s*(\d{1,2})\.(\d{1,2})\.(\d{4})\s*$")


def _labels(codes: list[Code], sep: str = ", ") -> str:
    """The Finnish labels of ``codes``, quoted, for a message."""
    return sep.join(repr(c.label("fi")) for c in codes)


def _parse_date(text: str) -> dt.date | None:
    """``2024-05-02`` or the Finnish ``2.5.2024``."""
    match = _FINNISH_DATE.match(text)
    try:
        if match:
            return dt.date(int(match.group(3)), int(match.group(2)), int(match.group(1)))
        return dt.date.fromisoformat(text.strip())
    except ValueError:
        return None


def _helsinki() -> dt.tzinfo:
    try:
        from zoneinfo import ZoneInfo

        return ZoneInfo("Europe/Helsinki")
    except Exception:  # no tz database: Finnish winter time is close enough for a date
        return dt.timezone(dt.timedelta(hours=2))


def build_matter(toml_path: str | Path, plan: str | Path | dict[str, Any]) -> BuiltMatter:
    """Build the ``PlanMatterCreate`` from ``matter.toml`` and the plan (a path or its JSON)."""
    toml_path = Path(toml_path)
    text = decode_text(read_bytes(toml_path), toml_path)
    if isinstance(plan, dict):
        plan_json = plan
    else:
        from ryhti.model import load_plan

        plan_json = load_plan(plan).to_json()
    builder = _Builder(text, str(toml_path), toml_path.parent)
    return builder.build(plan_json)
