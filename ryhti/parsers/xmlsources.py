"""XML plan sources: safe parsing (the format is chosen by :mod:`ryhti.parsers.formats`).

Plan XML comes from outside (municipal WFS services, vendor exports), so it is parsed
defensively with lxml: no DTD loading, no entity expansion, no network access, no
huge-tree mode, and any document that declares a DOCTYPE is refused outright — a
plan file has no use for one, and DTDs are how entity-expansion ("billion laughs")
and external-entity attacks arrive.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ryhti.errors import InputError
from ryhti.io import read_bytes

__all__ = ["parse_xml", "read_xml_source"]


def parse_xml(path: str | Path) -> Any:
    """Parse an XML file safely; returns the lxml root element."""
    from lxml import etree

    data = read_bytes(path)
    head = data[:65536].lower()
    if b"<!doctype" in head or b"<!entity" in head:
        raise InputError(
            "XML with a DOCTYPE or entity declarations is refused",
            source=path,
            hint="plan XML needs no DTD; DTDs and entities are how XML bombs and external "
            "entity attacks arrive",
        )
    parser = etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        dtd_validation=False,
        huge_tree=False,
        remove_comments=True,
        remove_pis=True,
    )
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as exc:
        line = getattr(exc, "lineno", None)
        raise InputError(
            f"not well-formed XML: {exc.msg if hasattr(exc, 'msg') else exc}",
            source=path,
            where=f"line {line}" if line else None,
        ) from exc
    tree = root.getroottree()
    if tree.docinfo.doctype or tree.docinfo.internalDTD is not None:
        raise InputError("XML with a DOCTYPE is refused", source=path)
    return root


def read_xml_source(path: str | Path, *, arc_tolerance: float | None = None) -> Any:
    """Read a plan XML file in any registered XML format (chosen by its namespaces)."""
    from ryhti.parsers.formats import ReadOptions, read_xml

    return read_xml(Path(path), ReadOptions(arc_tolerance=arc_tolerance))
