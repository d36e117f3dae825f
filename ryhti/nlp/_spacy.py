"""Import spaCy for the extractor without its command-line interface.

spaCy's package ``__init__`` imports ``spacy.cli.info`` only to re-export ``spacy.info``; that
pulls in every spaCy command (typer, weasel, project templates, config initialisation), about
0.3–0.5 s of a cold start that the extractor never uses (measured with ``python -X importtime``).
:func:`import_spacy` imports spaCy with that one import deferred: a placeholder stands in for
``spacy.cli`` while the package initialises and is removed right after, so a later
``import spacy.cli`` (``python -m spacy``, the training script) loads the real one. If spaCy is
already imported, or anything about the placeholder does not work, spaCy is imported as usual.
"""

from __future__ import annotations

import importlib
import sys
import types
from typing import Any

_CLI = ("spacy.cli", "spacy.cli.info")


def _info(*args: Any, **kwargs: Any) -> Any:
    """``spacy.info`` on demand: the real function, imported when someone calls it."""
    for name in _CLI:
        if isinstance(sys.modules.get(name), _Placeholder):
            del sys.modules[name]
    from spacy.cli.info import info

    return info(*args, **kwargs)


class _Placeholder(types.ModuleType):
    pass


def import_spacy() -> Any:
    """The ``spacy`` module, imported without ``spacy.cli`` when it is not loaded yet."""
    if "spacy" in sys.modules:
        return sys.modules["spacy"]
    placed = []
    try:
        cli = _Placeholder("spacy.cli")
        cli.__path__ = []  # a package, so ``spacy.cli.info`` resolves to the placeholder below
        info = _Placeholder("spacy.cli.info")
        info.info = _info  # type: ignore[attr-defined]
        for name, mod in zip(_CLI, (cli, info), strict=True):
            if name not in sys.modules:
                sys.modules[name] = mod
                placed.append(name)
        return importlib.import_module("spacy")
    except Exception:  # pragma: no cover - a spaCy that imports differently: the plain import
        for name in [n for n in sys.modules if n == "spacy" or n.startswith("spacy.")]:
            del sys.modules[name]
        placed = []
        return importlib.import_module("spacy")
    finally:
        for name in placed:
            if isinstance(sys.modules.get(name), _Placeholder):
                del sys.modules[name]
        spacy = sys.modules.get("spacy")
        if spacy is not None and isinstance(getattr(spacy, "cli", None), _Placeholder):
            delattr(spacy, "cli")
