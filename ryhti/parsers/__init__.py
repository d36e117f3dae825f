"""Sources (GIS, CAD, KuntaGML, GML, PostGIS, regulation documents) → RYHTI plan.

>>> from ryhti.parsers import convert
>>> result = convert("samples/espoo-asemakaava/asemakaava.gpkg",
...                  regulations="samples/espoo-asemakaava/kaavamerkinnat.md")
>>> result.plan            # ValidatePlan
>>> result.report          # where every source feature, attribute and text went
>>> result.findings        # conversion findings (origin="conversion", rules CV001…)

The pipeline is reader → :class:`~ryhti.parsers.source.Source` → mapping engine
(:mod:`ryhti.parsers.engine`) → plan + report. Readers are chosen by the source
through the format registry (:mod:`ryhti.parsers.formats`): a ``postgresql://`` URL,
``.gml``/``.xml`` told apart by namespace, ``.dxf`` (needs a mapping of CAD layers),
anything else GDAL reads (GeoPackage, Shapefile, zipped Shapefile, GeoJSON).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ryhti.errors import InputError, UsageError

__all__ = ["ConversionResult", "Options", "convert", "open_source", "read_regulations"]


def __getattr__(name: str) -> Any:
    if name in ("ConversionResult", "Options"):
        from ryhti.parsers import engine

        return getattr(engine, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def open_source(
    source: str | Path,
    *,
    encoding: str | None = None,
    arc_tolerance: float | None = None,
) -> Any:
    """Read any supported source into a :class:`~ryhti.parsers.source.Source` (the formats
    are those registered in :mod:`ryhti.parsers.formats`)."""
    from ryhti.parsers.formats import ReadOptions
    from ryhti.parsers.formats import open_source as read

    return read(source, ReadOptions(encoding=encoding, arc_tolerance=arc_tolerance))


def read_regulations(paths: Any, notes: list[str] | None = None) -> list[Any]:
    """Regulation documents → text entries (sign + text, general regulations).

    What reading decided about a document (decoded as cp1252, Swedish paragraphs joined as
    translations …) is appended to ``notes``, for the conversion report."""
    from ryhti.nlp.legend import read_legend
    from ryhti.parsers.source import TextEntry

    if paths is None:
        return []
    if isinstance(paths, str | Path):
        paths = [paths]
    out: list[TextEntry] = []
    for path in paths:
        legend = read_legend(path)
        name = Path(path).name
        if notes is not None:
            notes.extend(f"{name}: {note}" for note in legend.notes)
        for i, entry in enumerate([*legend.entries, *legend.general]):
            general = getattr(entry, "kind", "entry") == "general"
            out.append(
                TextEntry(
                    id=f"{name}:{i + 1}",
                    text=entry.text,
                    sign=None if general else entry.sign,
                    heading=entry.heading,
                    general=general,
                    file=name,
                    line=entry.line,
                    page=entry.page,
                    swe=entry.swe,
                )
            )
    return out


def convert(
    source: Any,
    mapping: Any = None,
    regulations: Any = None,
    plan_type: str | None = None,
    srid: str | int | None = None,
    lexicon: Any = None,
    **options: Any,
) -> Any:
    """Convert ``source`` into a RYHTI plan.

    ``source``: a path, a ``postgresql://`` URL or an already read Source.
    ``mapping``: a mapping file, a preset name (``template``, ``qaava``, ``kuntagml``,
    ``national-gml``) or a :class:`~ryhti.parsers.mapping.Mapping`; by default the
    preset that fits the source. ``regulations``: regulation document(s).
    ``lexicon``: a municipality's legend library (:mod:`ryhti.nlp.lexicon`; a path, read once
    with :func:`ryhti.nlp.load_lexicon`, or a loaded lexicon) whose entries decide the texts
    they match; a bad one is an :class:`~ryhti.errors.InputError` naming file, entry and field.
    Other options: see :class:`~ryhti.parsers.engine.Options` (``strict``,
    ``lifecycle``, ``snap``, ``source_crs``, ``use_extractor``, ``plan_id``) and
    ``encoding``, ``arc_tolerance`` for the readers; ``progress`` is called with the
    stage the conversion enters (``"reading"``, ``"typing"``).
    """
    from ryhti.parsers import engine
    from ryhti.parsers.mapping import Mapping, load_mapping
    from ryhti.parsers.presets import PRESETS, detect_preset, preset
    from ryhti.parsers.source import Source

    encoding = options.pop("encoding", None)
    arc_tolerance = options.pop("arc_tolerance", None)
    progress = options.pop("progress", None) or (lambda stage: None)
    progress("reading")
    if isinstance(source, Source):
        src = source
    else:
        src = open_source(source, encoding=encoding, arc_tolerance=arc_tolerance)
    from ryhti.parsers.export import is_export

    if mapping is None and is_export(src):
        return _from_export(src)
    if isinstance(mapping, Mapping):
        chosen = mapping
    elif mapping is None:
        name = detect_preset(src)
        if name is None:
            raise InputError(
                "no mapping given and the layers fit no built-in preset",
                source=src.path,
                hint="write a mapping file (see `ryhti init` for an example) and pass "
                "--mapping; layers: " + ", ".join(layer.name for layer in src.layers),
            )
        chosen = preset(name)
    elif isinstance(mapping, str) and mapping in PRESETS:
        chosen = preset(mapping)
    else:
        chosen = load_mapping(mapping)
    notes: list[str] = []
    legend = read_regulations(regulations, notes)
    progress("typing")
    if lexicon is not None and not options.get("use_extractor", True):
        raise UsageError("a lexicon needs the extractor: it decides texts the extractor reads")
    if isinstance(lexicon, str | Path):
        from ryhti.nlp import load_lexicon

        lexicon = load_lexicon(lexicon)  # once per conversion; errors name file, entry, field
    opts = engine.Options(
        plan_type=plan_type, srid=None if srid is None else str(srid), lexicon=lexicon, **options
    )
    return engine.run(src, chosen, legend, opts, notes)


def _from_export(src: Any) -> Any:
    """A GeoPackage written by ``ryhti export``: the plan it holds, unchanged."""
    from pathlib import Path as _Path

    from ryhti.model import from_json
    from ryhti.parsers import engine
    from ryhti.parsers.export import read_export

    data = read_export(src)
    plan = from_json(data, "plan", source=src.path)
    features = []
    for layer in src.layers:
        fate = "planObject" if layer.name.startswith("kaavakohteet_") else "planData"
        for fid in layer.fids:
            features.append({"layer": layer.name, "fid": fid, "fate": fate})
    report = {
        "reportVersion": engine.REPORT_VERSION,
        "source": {"path": _Path(src.path).name, "kind": "ryhti-export"},
        "mapping": {"name": "ryhti export", "origin": "export"},
        "plan": {"planKey": data.get("planKey")},
        "summary": {
            "features": len(features),
            "planObjects": len(data.get("planObjects", [])),
            "regulationGroups": len(data.get("planRegulationGroups", [])),
        },
        "features": features,
        "texts": [],
        "findings": [],
    }
    return engine.ConversionResult(plan=plan, report=report, findings=[])
