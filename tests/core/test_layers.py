"""The layering of CONTRIBUTING.md as an executable contract.

Every ``import`` under ``ryhti/`` is read from the syntax tree (module level, inside functions,
under ``TYPE_CHECKING``: a lazy import is still a dependency), and so is every string that names
a ``ryhti`` module the way the registries do (``"ryhti.reports.text:render"``). A package may
import the packages of the layers below its own, and of its own layer only along the sideways
edges listed here; inside the bottom layer the order is linear. ``ryhti/__init__.py`` (the lazy
public facade), ``ryhti/cli.py`` (the command wiring) and ``ryhti/__main__.py`` sit on top and may
name anything.

Changing the layering means changing :data:`LAYERS` or :data:`SIDEWAYS` here *and* the table in
CONTRIBUTING.md, in the same commit, with the reason.
"""

from __future__ import annotations

import ast
import re
import textwrap
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

#: Layers from the bottom up; a unit is a sub-package (``ryhti/model/``) or a top-level module
#: (``ryhti/errors.py``), named without the ``ryhti.`` prefix. ``ryhti`` itself is the root
#: package, imported for ``__version__`` only.
LAYERS: tuple[tuple[str, ...], ...] = (
    # 0 — the bottom, in order: each may import the ones before it
    (
        "ryhti",
        "schemas",
        "errors",
        "io",
        "zipfiles",
        "settings",
        "findings",
        "numerals",
        "background",
        "model",
        "codelists",
    ),
    # 1 — the domain packages: one capability each
    ("nlp", "parsers", "validators", "generators", "lahtotiedot", "matter"),
    # 2 — jobs across packages
    ("reports", "api", "archive", "workflows", "qgis_plugin"),
    # 3 — the command line on top
    ("cli", "__main__"),
)

#: Imports between packages of the same layer (importer, imported); nothing else sideways.
SIDEWAYS: frozenset[tuple[str, str]] = frozenset(
    {
        # layer 1: the converter types free text with the extractor
        ("parsers", "nlp"),
        # layer 1: `ryhti describe --lahtotiedot` writes chapter 3 from the gathered data;
        # `ryhti matter build --lahtotiedot` records the gathered sources in the matter
        ("generators", "lahtotiedot"),
        ("matter", "lahtotiedot"),
        # layer 2: the API commands print findings in the report formats; the archive and
        # the workflows build on both
        ("api", "reports"),
        ("workflows", "reports"),
        ("workflows", "api"),
    }
)

#: Modules on top of everything: they name every package's commands and public functions.
TOP_MODULES = {"ryhti/__init__.py", "ryhti/__main__.py", "ryhti/cli.py"}

_MODULE_STRING = re.compile(r"^ryhti(?:\.[a-z_][a-z0-9_]*)+(?::[A-Za-z_]\w*)?$")


def _rank() -> dict[str, tuple[int, int]]:
    """unit → (layer, position inside the layer)."""
    return {unit: (n, i) for n, layer in enumerate(LAYERS) for i, unit in enumerate(layer)}


def unit_of(module: str) -> str:
    """``ryhti.validators.rules.x`` → ``validators``; ``ryhti.io`` → ``io``; ``ryhti`` → ``ryhti``."""
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else "ryhti"


def allowed(importer: str, imported: str) -> bool:
    """Whether unit ``importer`` may import unit ``imported``."""
    if importer == imported:
        return True
    rank = _rank()
    (layer_a, pos_a), (layer_b, pos_b) = rank[importer], rank[imported]
    if layer_b < layer_a:
        return True
    if layer_b > layer_a:
        return False
    if layer_a == 0:
        return pos_b < pos_a
    return (importer, imported) in SIDEWAYS


def _module_name(path: Path, root: Path) -> str:
    parts = list(path.relative_to(root).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts = parts[:-1]
    return ".".join(parts)


def imports_of(source: str, module: str, is_package: bool) -> list[tuple[int, str]]:
    """``(line, module)`` of every ``ryhti`` module the source imports or names."""
    tree = ast.parse(source)
    out: list[tuple[int, str]] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            out.extend((node.lineno, alias.name) for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = module.split(".")
                if not is_package:
                    base = base[:-1]
                base = base[: len(base) - (node.level - 1)]
                target = ".".join([*base, *([node.module] if node.module else [])])
            else:
                target = node.module or ""
            if target == "ryhti":
                # ``from ryhti import cli`` imports the module ``ryhti.cli``
                out.extend((node.lineno, f"ryhti.{alias.name}") for alias in node.names)
                continue
            out.append((node.lineno, target))
        elif (
            isinstance(node, ast.Constant)
            and isinstance(node.value, str)
            and _MODULE_STRING.match(node.value)
            and unit_of(node.value) in _rank()
        ):
            out.append((node.lineno, node.value.partition(":")[0]))
    units = _rank()
    return [
        (line, name if unit_of(name) in units else "ryhti")
        for line, name in out
        if name == "ryhti" or name.startswith("ryhti.")
    ]


def violations(root: Path, extra: dict[str, str] | None = None) -> list[str]:
    """Every import under ``root/ryhti`` that breaks the layering, as ``path:line: a → b``.

    ``extra`` adds modules (path relative to ``root`` → source), for the planted-violation test.
    """
    sources = {
        p.relative_to(root).as_posix(): p.read_text(encoding="utf-8")
        for p in sorted((root / "ryhti").rglob("*.py"))
    }
    sources.update(extra or {})
    rank = _rank()
    found = []
    for rel, source in sorted(sources.items()):
        if rel in TOP_MODULES:
            continue
        path = Path(rel)
        module = _module_name(root / path, root)
        importer = unit_of(module)
        for line, target in imports_of(source, module, path.name == "__init__.py"):
            imported = unit_of(target)
            if importer not in rank or imported not in rank:
                found.append(
                    f"{rel}:{line}: {importer} → {imported} (a unit LAYERS does not place)"
                )
            elif not allowed(importer, imported):
                found.append(f"{rel}:{line}: {importer} → {imported} ({target})")
    return found


def test_every_unit_has_a_layer() -> None:
    units = {
        p.stem if p.is_file() else p.name
        for p in (ROOT / "ryhti").iterdir()
        if (p.suffix == ".py" and p.stem != "__init__") or (p / "__init__.py").is_file()
    }
    units.add("schemas")
    placed = {unit for layer in LAYERS for unit in layer} - {"ryhti"}
    assert units == placed, (
        f"not placed: {sorted(units - placed)}; placed but absent: {sorted(placed - units)}"
    )


def test_layers_hold() -> None:
    found = violations(ROOT)
    assert not found, "imports against the layering (CONTRIBUTING.md):\n" + "\n".join(found)


@pytest.mark.parametrize(
    ("path", "source", "expected"),
    [
        # a lazy import inside a function still counts
        (
            "ryhti/model/planted.py",
            """
            def f():
                from ryhti.validators.config import Config
                return Config
            """,
            "model → validators",
        ),
        # a domain package may not import its sideways neighbour without a listed edge
        ("ryhti/validators/planted.py", "import ryhti.parsers.gml\n", "validators → parsers"),
        # nor a job package, nor the command line
        ("ryhti/nlp/planted.py", "from ryhti import cli\n", "nlp → cli"),
        ("ryhti/reports/planted.py", "from ryhti.cli import main\n", "reports → cli"),
        # relative imports are resolved
        ("ryhti/codelists/planted.py", "from ..parsers import convert\n", "codelists → parsers"),
        # a registry's module string is a dependency too
        (
            "ryhti/generators/planted.py",
            'TARGET = "ryhti.archive.cli:archive"\n',
            "generators → archive",
        ),
        # inside the bottom layer the order is linear
        ("ryhti/io.py", "from ryhti.model import load\n", "io → model"),
    ],
)
def test_a_planted_violation_fails(path: str, source: str, expected: str) -> None:
    extra = {path: textwrap.dedent(source)}
    found = violations(ROOT, extra)
    assert any(f.startswith(f"{path}:") and f" {expected} " in f + " " for f in found), found


def test_allowed_edges_pass_when_planted() -> None:
    extra = {
        "ryhti/parsers/planted.py": "from ryhti.nlp.language import is_swedish\n",
        "ryhti/workflows/planted.py": "def f():\n    from ryhti.reports import render\n",
        "ryhti/validators/planted2.py": "from ryhti.codelists import registry\n",
    }
    found = violations(ROOT, extra)
    assert not [f for f in found if "planted" in f], found
