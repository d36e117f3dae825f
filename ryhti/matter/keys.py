"""Stable keys and language strings of a plan matter.

Keys are uuid5 over a fixed namespace and the matter's own identifiers, so building
again gives the same keys and the server sees an update, not a new object.
"""

from __future__ import annotations

import uuid

__all__ = ["MATTER_NAMESPACE", "key", "lang"]

#: Namespace of every key the matter builder makes.
MATTER_NAMESPACE = uuid.UUID("3d1f6c2a-8f3e-5a57-9b1e-6c0d7f2e9a41")


def key(seed: str, what: str) -> str:
    """The key of ``what`` inside the object seeded by ``seed``."""
    return str(uuid.uuid5(MATTER_NAMESPACE, f"{seed}/{what}"))


def lang(fin: str, swe: str | None = None) -> dict[str, str]:
    """A RYHTI language string: Finnish, and Swedish when given."""
    out = {"fin": fin}
    if swe:
        out["swe"] = swe
    return out
