"""Regulation groups and regulations as plan JSON, without a model object per group.

The engine builds the plan as JSON: dict literals are ten times cheaper than model
objects dumped back, which matters at 100,000 objects. Each distinct regulation is
dumped through the model once (so its JSON is exactly the model's) and reused under
each group's own regulation key.
"""

from __future__ import annotations

import uuid
from typing import Any

from ryhti.model import AdditionalInformation, LanguageString, PlanRegulation, value_from_json
from ryhti.parsers.codes import INFO_LIST, REG_LIST, VERBAL_LIST, code_uri, code_value
from ryhti.parsers.facts import FactsBook
from ryhti.parsers.grouping import Group
from ryhti.parsers.interpret import RegSpec
from ryhti.parsers.keys import uuid5_str

__all__ = ["PlanJson"]


class PlanJson:
    """Writes the groups and regulations of one plan (every regulation gets the plan's
    lifecycle status)."""

    def __init__(self, reg: Any, lifecycle_uri: str, facts: FactsBook) -> None:
        self.reg = reg
        self.lifecycle_uri = lifecycle_uri
        self.facts = facts
        self.titles: dict[tuple[str, str | None], dict[str, Any]] = {}

    def group_json(self, group: Group) -> dict[str, Any]:
        """A group as PlanRegulationGroup JSON in the model's field order (what
        ``PlanRegulationGroup.to_json`` gives) without building model objects: a plan of
        100,000 numbered blocks has as many groups. Each distinct regulation is dumped
        through the model once and reused under each group's own regulation key."""
        namespace = bytes.fromhex(group.key.replace("-", ""))
        regulations = []
        facts_get = self.facts.cache.get  # cache hits inline: this runs per group
        for j, spec in enumerate(group.regs):
            facts = facts_get(id(spec)) or self.facts.of(spec)
            if facts.template is None:
                dumped = self.regulation(None, 0, spec).to_json()  # key set per group below
                del dumped["planRegulationKey"]
                facts.template = dumped
            regulations.append(
                {"planRegulationKey": uuid5_str(namespace, f"regulation:{j}"), **facts.template}
            )
        names = (group.title_fin, group.title_swe)
        title = self.titles.get(names)
        if title is None:
            title = LanguageString.of(fin=names[0], swe=names[1]).to_json()
            self.titles[names] = title
        out: dict[str, Any] = {"planRegulationGroupKey": group.key, "titleOfPlanRegulation": title}
        if group.letter:
            out["letterIdentifier"] = group.letter
        out["planRegulations"] = regulations
        return out

    def regulation(self, group_key: str | None, index: int, spec: RegSpec) -> PlanRegulation:
        """The PlanRegulation of ``spec``, keyed by its group and position."""
        reg = PlanRegulation(
            plan_regulation_key=""
            if group_key is None
            else str(uuid.uuid5(uuid.UUID(group_key), f"regulation:{index}")),
            life_cycle_status=self.lifecycle_uri,
            type=code_uri(self.reg, REG_LIST, spec.type),
        )
        if spec.value is not None:
            reg.value = value_from_json(spec.value)
        if spec.additional:
            infos = []
            for item in spec.additional:
                info = AdditionalInformation(type=code_uri(self.reg, INFO_LIST, item["type"]))
                if item.get("value") is not None:
                    info.value = value_from_json(code_value(self.reg, item["value"]))
                infos.append(info)
            reg.additional_informations = infos
        if spec.verbal:
            reg.verbal_regulations = [code_uri(self.reg, VERBAL_LIST, v) for v in spec.verbal]
        return reg
