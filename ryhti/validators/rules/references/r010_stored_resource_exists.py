"""R010: referenced stored resource does not exist (remote only)."""

from __future__ import annotations

from ryhti.validators.rule import ALL_KINDS, Rule


class StoredResourceExists(Rule):
    """References to stored plans, objects and groups point at data that exists in RYHTI.

    Remote only: only RYHTI knows which plans, objects and groups are stored.
    """

    id = "R010"
    name = "stored-resource-exists"
    official_ids = (
        "quality__req_uri_resource_not_exists",
        "quality__req_uri_resource_not_valid_plan",
    )
    references = ("R-B09",)
    kinds = ALL_KINDS
    remote = True
    title = "Referenced stored resource does not exist"
    why = "References to stored plans, objects and groups point at data that exists in RYHTI. Only RYHTI knows which plans, objects and groups are stored."
    fix = "Use the URI RYHTI returned when the object was stored."
