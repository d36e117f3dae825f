"""Stable keys: the same source converted twice gives the same keys.

Every key is uuid5. The plan namespace is uuid5 over the project namespace and the plan
identity (``--plan-id``, mapping ``plan.id``, the source's own plan id such as the
KuntaGML ``kaavatunnus``, the id of the single plan-boundary feature, else the source
file name); objects are keyed by layer and source id, groups by what they hold,
regulations by group and position. So a re-run gives the same keys, and so does a
re-run after the source moved to another folder.
"""

from __future__ import annotations

import hashlib
import uuid
from pathlib import Path
from typing import Any

from ryhti.parsers.interpret import is_empty
from ryhti.parsers.mapping import Mapping
from ryhti.parsers.source import Source

__all__ = ["NAMESPACE", "Keys", "plan_identity", "uuid5_str"]

#: Root namespace of every key the converter makes.
NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "https://github.com/ryhti/ryhti/parsers")

#: The first hex digit of a uuid's clock_seq_hi with the RFC 4122 variant bits set (10xx).
_VARIANT = {d: "89ab"[int(d, 16) & 3] for d in "0123456789abcdef"}


def uuid5_str(namespace: bytes, name: str) -> str:
    """``str(uuid.uuid5(ns, name))`` without building UUID objects (a third of the cost):
    the SHA-1 hex digest with the version digit set to 5 and the variant bits to 10."""
    h = hashlib.sha1(namespace + name.encode("utf-8")).hexdigest()
    return f"{h[:8]}-{h[8:12]}-5{h[13:16]}-{_VARIANT[h[16]]}{h[17:20]}-{h[20:32]}"


def plan_identity(source: Source, mapping: Mapping, requested: str | None) -> str:
    """The identity the plan's keys are derived from (see the module docstring)."""
    plan_id = (
        requested
        or mapping.plan.get("id")
        or source.plan.get("id")
        or _boundary_id(source, mapping)
    )
    if not plan_id:
        plan_id = Path(source.path).name if "://" not in source.path else source.path
    return str(plan_id)


def _boundary_id(source: Source, mapping: Mapping) -> str | None:
    """The source id of the plan boundary, when the source has exactly one (the plan's id)."""
    for entry in mapping.layers:
        column = entry.fields.get("id")
        if entry.role != "boundary" or not column:
            continue
        for layer in source.layers:
            if entry.matches(layer.name) and len(layer) == 1 and column in layer.attributes:
                value = layer.attributes[column].iloc[0]
                if not is_empty(value):
                    return f"{layer.name}:{value}"
    return None


class Keys:
    """The key maker of one plan: uuid5 under the plan's own namespace."""

    def __init__(self, plan_id: str) -> None:
        self.plan_id = plan_id
        self.ns = uuid.uuid5(NAMESPACE, plan_id)
        #: the namespace as bytes, for :func:`uuid5_str` in per-feature loops
        self.ns_bytes = self.ns.bytes

    def key(self, *parts: Any) -> str:
        """The key of the thing named by ``parts`` (joined with ``:``)."""
        return uuid5_str(self.ns_bytes, ":".join(map(str, parts)))
