"""C004: regulation types belong to the plan level's classification (remote only)."""

from __future__ import annotations

from ryhti.findings import Severity
from ryhti.validators.rule import Rule, texts


class PlanLevelConformity(Rule):
    """A regulation type should be one classified for the plan's level.

    Anti-pattern: a maakuntakaava-only code in an asemakaava.

    Best practice: pick codes from the asemakaava/yleiskaava/maakuntakaava extension of
    RY_Kaavamaarayslaji ("Laajennukset" on koodistot.suomi.fi).

    Remote only: the plan-level extensions are not part of the code-list snapshot.
    """

    id = "C004"
    name = "plan-level-conformity"
    official_ids = ("quality__rec_codelist_spatialplanregulationtype_plantype_conformity",)
    references = ("R-D04",)
    severity = Severity.WARNING
    remote = True
    title = "Regulation type outside the plan level's classification"
    why = (
        "Syke recommends using only the regulation types classified for the plan level. The "
        "classification is published as code-list extensions that the snapshot does not contain, "
        "so the check is left to Syke's validator."
    )
    fix = "Use a regulation type of the plan level's extension."
    messages = texts(
        en="Regulation type {code} is not classified for {level}.",
        fi="Kaavamääräyslaji {code} ei kuulu kaavatason {level} luokitukseen.",
        sv="Planbestämmelsetypen {code} hör inte till klassificeringen för {level}.",
    )
