"""S016: Syke refuses the whole document when its JSON reader cannot read it."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from ryhti.findings import Finding
from ryhti.validators.rule import ALL_KINDS, DESERIALISATION_IDS, SummaryRule, texts

if TYPE_CHECKING:  # pragma: no cover
    from ryhti.validators.context import Context

#: The name Syke's answers give the body of a ValidatePlan request.
BODY = {"plan": "planDto"}


class RefusedAtReading(SummaryRule):
    """A document with an unknown property or a value of the wrong JSON type is refused
    as a whole, before any other check: Syke's Validate API answers HTTP 400 with those
    faults and one more, ``quality__req_json_deserialization_failure`` for the body
    (``planDto``: "a value for the planDto parameter was not provided"). This rule gives
    that answer's last line, so the local report holds every id Syke's answer does.

    Anti-pattern: ``"planKea": "…"`` (a misspelt ``planKey``), ``"planKey": ["…"]``.

    Best practice: fix the faults of S001/S004/S005/S006/S007/S010 first; Syke's other
    checks (and the other findings of this report) count only once it can read the plan.
    """

    id = "S016"
    name = "refused-at-reading"
    official_ids = ("quality__req_json_deserialization_failure",)
    references = ("R-A01",)
    kinds = ALL_KINDS
    title = "Syke refuses the whole document at reading"
    why = (
        "Syke's validator reads the body into its data objects before it checks anything; "
        "an unknown property or a value of the wrong type stops it there (HTTP 400), and "
        "none of its rule checks run."
    )
    fix = "Fix the properties the other structure findings name; then validate again."
    messages = texts(
        en=(
            "Syke refuses the whole document at reading (HTTP 400, {body}) because of "
            "{count} fault(s) its JSON reader cannot pass ({where}); its other checks run "
            "only once they are fixed."
        ),
        fi=(
            "Syke hylkää koko asiakirjan jo luettaessa (HTTP 400, {body}) {count} virheen "
            "vuoksi, joita sen JSON-lukija ei hyväksy ({where}); muut tarkistukset tehdään "
            "vasta, kun ne on korjattu."
        ),
        sv=(
            "Syke avvisar hela dokumentet redan vid inläsningen (HTTP 400, {body}) på grund "
            "av {count} fel som dess JSON-läsare inte godtar ({where}); dess övriga "
            "kontroller körs först när de är rättade."
        ),
    )

    def summarise(self, ctx: Context, findings: list[Finding]) -> Iterator[Finding]:
        stops = [f for f in findings if f.official_id in DESERIALISATION_IDS and f.rule != self.id]
        if not stops:
            return
        paths = sorted({f.path for f in stops})
        where = ", ".join(paths[:3]) + (f" and {len(paths) - 3} more" if len(paths) > 3 else "")
        yield self.finding(
            ctx,
            path="$",
            body=BODY.get(ctx.kind, "the request body"),
            count=len(stops),
            where=where,
            data={"instance": BODY.get(ctx.kind), "faults": paths},
        )
