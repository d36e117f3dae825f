"""R031: related stored objects of another type, elsewhere or not valid (remote only)."""

from __future__ import annotations

from ryhti.validators.rule import ALL_KINDS, Rule


class RelatedStoredObjects(Rule):
    """Stored objects related to a phased plan are of the same plan type, lie under it and are in force.

    Remote only: needs the stored objects.
    """

    id = "R031"
    name = "related-stored-objects"
    official_ids = (
        "quality__req_related_planobject_must_be_according_same_plantype",
        "quality__req_related_planobject_must_be_geometrically_below_superimposed_plan",
        "lifecycle__req_related_plan_object_must_be_in_lifecycle_valid_13",
    )
    references = ("R-H12",)
    kinds = ALL_KINDS
    remote = True
    title = "Related stored objects of another type, elsewhere or not valid"
    why = "Stored objects related to a phased plan are of the same plan type, lie under it and are in force. Needs the stored objects."
    fix = "Relate only objects in force of the plan being supplemented."
