"""Plan-level facts: plan type, lifecycle, approval date, entry into force, legal effect,
scale, description.

Each fact is taken from the first of: the command line option, the mapping's ``[plan]``
table (a mapping file the user wrote), what the source itself says (the pilot GML's
plan status and approval event, KuntaGML's phase and approval date, KAATIO's
lifecycle), the built-in preset, the default. A fact read from the source becomes a
decision in the report, so a reviewer sees where the plan's status came from.
"""

from __future__ import annotations

from typing import Any

from ryhti.errors import InputError
from ryhti.model import TimePeriodDateOnly, ValidatePlan
from ryhti.parsers.codes import LIFECYCLE
from ryhti.parsers.mapping import Mapping
from ryhti.parsers.report import Journal
from ryhti.parsers.source import Source

__all__ = ["PlanFacts"]

_LEGAL_EFFECT = "oikeusvaik_YK"
_BY_NAME = {"asemakaava": "31", "yleiskaava": "21", "maakuntakaava": "11"}


class PlanFacts:
    """The plan-level facts of one conversion, each with where it came from."""

    def __init__(
        self, source: Source, mapping: Mapping, options: dict[str, Any], reg: Any, file: str
    ) -> None:
        self.source = source
        self.mapping = mapping
        self.options = options
        self.reg = reg
        self.file = file
        self.user_mapping = not mapping.origin.startswith("preset:")
        #: fact → (value, where it came from) for the facts the source gave
        self.from_source: dict[str, tuple[Any, str]] = {}

    def get(self, key: str, default: Any = None) -> Any:
        """A fact by the order of the module docstring."""
        value = self.options.get(key)
        if value is not None:
            return value
        if self.user_mapping and self.mapping.plan.get(key) is not None:
            return self.mapping.plan[key]
        value = self.source.plan.get(key)
        if value not in (None, "", []):
            said = self.source.plan.get(f"{key}_text")
            self.from_source[key] = (value, str(said) if said else str(value))
            return value
        if not self.user_mapping and self.mapping.plan.get(key) is not None:
            return self.mapping.plan[key]
        return default

    def plan_type(self) -> str:
        """The RY_Kaavalaji code."""
        value = str(self.get("plan_type", "31"))
        kinds = self.reg["RY_Kaavalaji"]
        if value in kinds:
            return value
        if value.casefold() in _BY_NAME:
            return _BY_NAME[value.casefold()]
        raise InputError(
            f"plan type {value!r} is not an RY_Kaavalaji code",
            hint="e.g. 31 (asemakaava), 33 (ranta-asemakaava), 21 (yleiskaava)",
        )

    def lifecycle(self) -> str:
        """The kaavaelinkaari code."""
        value = str(self.get("lifecycle", "04"))
        if value not in self.reg[LIFECYCLE]:
            raise InputError(
                f"lifecycle {value!r} is not a kaavaelinkaari code",
                hint="01 … 17, e.g. 04 (kaavaehdotus) or 06 (hyväksytty kaava)",
            )
        return value

    def apply(self, plan: ValidatePlan, plan_level: str | None, journal: Journal) -> None:
        """Set the optional plan-level fields on ``plan`` and record where the source's
        facts were used."""
        description = self.get("description")
        if description:
            plan.plan_description = str(description)
        scale = self.get("scale")
        if scale:
            plan.scale = int(scale)
        approval = self.get("approval_date")
        if approval:
            plan.approval_date = str(approval)
        begin = self.get("validity_begin")
        if begin:
            plan.period_of_validity = TimePeriodDateOnly(begin=str(begin))
        effect = self.get("legal_effect")
        if effect:
            codes = [str(c) for c in (effect if isinstance(effect, list) else [effect])]
            known = self.reg[_LEGAL_EFFECT]
            for code in codes:
                if code not in known:
                    raise InputError(
                        f"legal effect {code!r} is not an oikeusvaik_YK code",
                        hint="1 (oikeusvaikutteinen), 11–13 (MRL 44/72/77 a §), 2 "
                        "(oikeusvaikutukseton)",
                    )
            if plan_level == "yleiskaava":
                plan.legal_effect_of_local_master_plans = [
                    self.reg.code_uri(_LEGAL_EFFECT, code) for code in codes
                ]
            else:
                journal.decision(
                    {"file": self.file},
                    "legal effect",
                    f"{', '.join(codes)} left out: legalEffectOfLocalMasterPlans belongs to a "
                    f"yleiskaava, and this is a {plan_level}",
                )
        for key, (value, said) in self.from_source.items():
            journal.decision(
                {"file": self.file},
                (key if key.startswith("plan") else f"plan {key}").replace("_", " "),
                f"{value} from the source ({said})",
            )
