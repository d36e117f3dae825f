"""The project's own JSON Schemas and dated code-list snapshot.

Shipped inside the package (as ``ryhti.schemas``) so an installed wheel works
outside the repository; read them with :func:`ryhti.schemas.path`.
"""

from __future__ import annotations

from importlib.resources import files
from importlib.resources.abc import Traversable


def path(*parts: str) -> Traversable:
    """Return a traversable for a file under the installed ``schemas/`` folder."""
    node = files(__name__)
    for part in parts:
        node = node / part
    return node
