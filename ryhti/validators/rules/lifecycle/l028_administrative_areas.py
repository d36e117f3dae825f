"""L028: a plan matter names its municipality (or region) exactly once."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from ryhti.codelists import bare_code
from ryhti.findings import Finding
from ryhti.validators.rule import MATTER_KINDS, Localized, Rule, texts

if TYPE_CHECKING:  # pragma: no cover
    from ryhti.validators.context import Context


class AdministrativeAreas(Rule):
    """``administrativeAreaIdentifiers`` holds exactly one valid code — a municipality for
    an asemakaava or yleiskaava, a region for a maakuntakaava — except planType 24
    (kuntien yhteinen yleiskaava), which needs more than one.

    Anti-pattern: ``["091", "092"]`` for an ordinary asemakaava; ``["Helsinki"]``.

    Best practice: ``["091"]``.
    """

    id = "L028"
    name = "administrative-areas"
    official_ids = (
        "quality__req_administrativeareaid",
        "quality__req_municipality_common_localmasterlplan_administrativeareaid",
        "quality__req_municipality_codevalue_not_found",
    )
    references = ("R-E33",)
    kinds = MATTER_KINDS
    title = "Administrative areas wrong in number or code"
    why = "RYHTI files a plan under its municipality (or region); the codes must exist."
    fix = "Give one valid code (several only for planType 24)."
    messages = texts(
        en="administrativeAreaIdentifiers {problem}.",
        fi="administrativeAreaIdentifiers: {problem}.",
        sv="administrativeAreaIdentifiers: {problem}.",
    )

    def check(self, ctx: Context) -> Iterator[Finding]:
        matter = ctx.matter
        if matter is None:
            return
        codes = matter.administrative_area_identifiers
        if not isinstance(codes, list):
            return
        path = "$.administrativeAreaIdentifiers"
        regional = ctx.plan_level == "maakuntakaava"
        list_id = "maakunta_1_20240101" if regional else "kunta_1_20240101"
        code_list = ctx.registry[list_id]
        for i, code in enumerate(codes):
            bare = bare_code(str(code))
            if bare not in code_list:
                yield self.finding(
                    ctx,
                    path=f"{path}[{i}]",
                    official_id=self.official_ids[2],
                    problem=Localized(
                        en=f"{code!r} is not a code of {list_id}",
                        fi=f"{code!r} ei ole koodiston {list_id} koodi",
                        sv=f"{code!r} är ingen kod i {list_id}",
                    ),
                )
        if ctx.plan_type == "24":
            if len(codes) < 2:
                yield self.finding(
                    ctx,
                    path=path,
                    official_id=self.official_ids[1],
                    problem=Localized(
                        en="needs more than one municipality for a joint yleiskaava (24)",
                        fi="kuntien yhteiselle yleiskaavalle (24) tarvitaan useampi kunta",
                        sv="en gemensam generalplan (24) behöver mer än en kommun",
                    ),
                )
        elif len(codes) != 1:
            yield self.finding(
                ctx,
                path=path,
                problem=Localized(
                    en=f"must hold exactly one code, not {len(codes)}",
                    fi=f"tulee sisältää täsmälleen yksi koodi, ei {len(codes)}",
                    sv=f"ska innehålla exakt en kod, inte {len(codes)}",
                ),
            )
