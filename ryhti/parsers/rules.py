"""Conversion rule ids: every problem met while converting a source, in one place.

A conversion never drops anything silently: each thing it could not carry over, or
had to change, becomes a :class:`~ryhti.findings.Finding` with ``origin="conversion"``
and one of these rule ids, so every report format can show it and a reviewer can
look the rule up (``title``, ``why`` it matters, how to ``fix`` it).

Severities are the defaults; ``--strict`` turns every warning into an error, because
a strict conversion promises that the output holds *everything* in the source.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ryhti.findings import Finding, Severity

__all__ = ["RULES", "ConversionRule", "explain", "finding"]


@dataclass(frozen=True, slots=True)
class ConversionRule:
    """One kind of conversion finding."""

    id: str
    severity: Severity
    title: str
    why: str
    fix: str


_RULES = (
    ConversionRule(
        "CV001",
        Severity.WARNING,
        "Unmapped attribute",
        "A source attribute that the mapping does not name ends up nowhere in the plan; "
        "its content would be lost without a trace.",
        "Name the attribute in the layer's mapping (letter_code, text, values …) or list it "
        "under `ignore` with the reason it carries nothing for the plan.",
    ),
    ConversionRule(
        "CV002",
        Severity.WARNING,
        "Unmapped layer",
        "Every feature of a layer the mapping does not name is left out of the plan.",
        'Add a [[layers]] entry for the layer with a role, or role = "ignore" and a reason.',
    ),
    ConversionRule(
        "CV003",
        Severity.WARNING,
        "Unknown letter code",
        "A letter code that is neither in the notation table nor explained by the "
        "regulation document cannot be typed; the group keeps it only as verbal text.",
        "Check the spelling of the code, or add the code and its text to the regulation "
        "document so the extractor can type it.",
    ),
    ConversionRule(
        "CV004",
        Severity.INFO,
        "Geometry repaired",
        "The plan must carry valid geometry; the repair changed the source geometry and "
        "a reviewer should know where.",
        "Fix the geometry in the source if the repair is not what was meant.",
    ),
    ConversionRule(
        "CV005",
        Severity.ERROR,
        "Feature without usable geometry",
        "A plan object without geometry cannot be delivered; the feature is left out.",
        "Draw the feature's geometry, or delete the feature from the source.",
    ),
    ConversionRule(
        "CV006",
        Severity.WARNING,
        "Value not understood",
        "An attribute value mapped to a numeric regulation could not be read as a number "
        "of the type the regulation needs; it is kept as verbal text.",
        "Write the value as a plain number (decimal comma or point) or a range like 2-4.",
    ),
    ConversionRule(
        "CV007",
        Severity.INFO,
        "Reprojected",
        "The source was not in a coordinate system RYHTI accepts and was transformed; "
        "coordinates change by the transformation's accuracy.",
        "Nothing to do unless the source CRS was declared wrongly.",
    ),
    ConversionRule(
        "CV008",
        Severity.WARNING,
        "Plan boundary derived",
        "The source has no plan boundary layer; the boundary was derived from the union "
        "of the plan's areas and may not be the legal plan area.",
        "Draw the plan boundary in the source and name its layer in the mapping.",
    ),
    ConversionRule(
        "CV009",
        Severity.WARNING,
        "Regulation text not linked",
        "An entry of the regulation document whose sign is used by no map feature ends up "
        "in no regulation group.",
        "Check the sign in the document against the letter codes on the map, or remove the entry.",
    ),
    ConversionRule(
        "CV010",
        Severity.WARNING,
        "Sign without regulation text",
        "A letter code on the map has no entry in the regulation document; only what the "
        "notation table knows about it is carried over.",
        "Add the sign and its regulation text to the regulation document.",
    ),
    ConversionRule(
        "CV011",
        Severity.INFO,
        "Extraction needs review",
        "The extractor typed a regulation with low confidence; it may be wrong.",
        "Check the regulation in the output against the text and fix the mapping or text.",
    ),
    ConversionRule(
        "CV012",
        Severity.WARNING,
        "Text partly uninterpreted",
        "Part of a regulation text produced no regulation; it is kept as verbal text so "
        "nothing is lost, but it is not machine-readable.",
        "Rephrase the text or type the regulation in the source.",
    ),
    ConversionRule(
        "CV013",
        Severity.WARNING,
        "Source content not representable",
        "The source holds content that the RYHTI plan has no place for (plan units, "
        "labels, unclassified objects); it is listed in the report only.",
        "Nothing to do if the content is cartographic; otherwise move it into a mapped layer.",
    ),
    ConversionRule(
        "CV014",
        Severity.INFO,
        "Mapping decision",
        "How a source item was interpreted (letter code, meaning text, preset) is shown "
        "so a reviewer can check it.",
        "Change the mapping file if the decision is wrong.",
    ),
    ConversionRule(
        "CV015",
        Severity.WARNING,
        "Empty source",
        "A mapped layer or the whole source holds no features; nothing can be converted from it.",
        "Draw the plan into the layers (an untouched `ryhti init` template is empty).",
    ),
    ConversionRule(
        "CV016",
        Severity.INFO,
        "Arc linearised",
        "RYHTI geometry is linear; arcs and circles were replaced by chords within the "
        "documented tolerance.",
        "Nothing to do; lower the tolerance with --arc-tolerance for a closer fit.",
    ),
    ConversionRule(
        "CV018",
        Severity.WARNING,
        "Verbal regulation without a topic",
        "Syke requires every verbal regulation (sanallinenMaarays) to name at least one "
        "topic code (verbalRegulations); the extractor found none in this text.",
        "Rephrase the text so its subject is explicit, or add the topic in the source.",
    ),
    ConversionRule(
        "CV019",
        Severity.WARNING,
        "Swedish text not paired",
        "A Swedish text or value could not be joined to the Finnish it translates: its "
        "sentences do not line up with the Finnish ones the extractor left as verbal text, it "
        "has no Finnish text at all, or its regulation holds no text (a number). The "
        "regulation is delivered in one language only, and the finding says which.",
        "Give the Swedish text the same sentences, in the same order, as the Finnish one; map "
        "Swedish values (values_swe) only to regulations with text, such as street names.",
    ),
    ConversionRule(
        "CV020",
        Severity.WARNING,
        "Coordinate system read from the coordinates",
        "The source does not say its coordinate system (a GML file without srsName, a "
        "Shapefile without .prj, a DXF drawing), or writes its coordinates northing first. "
        "Finnish systems tell themselves apart by the size of the easting, so the conversion "
        "reads the coordinates in the one system they fit; a wrong system moves every object.",
        "Check the plan's position on a map; declare the system in the source (srsName, .prj) "
        "or give it with --source-crs.",
    ),
    ConversionRule(
        "CV021",
        Severity.WARNING,
        "Value stated for a named place",
        'A regulation text gives a quantity for a named place ("Lielahdessa 80 000 k-m²") or '
        "several values of one quantity; copying them onto every feature with that text would "
        "give features values the plan does not give them. A value is attached only to the "
        "feature whose name the text states it for; elsewhere the sentence stays a verbal "
        "regulation.",
        "Check the features of the group: give the feature its own value in the source (an "
        "attribute mapped under [layers.values]), or its name, so the value can be attached.",
    ),
    ConversionRule(
        "CV022",
        Severity.WARNING,
        "Letter code and text disagree",
        "The notation table's reading of a letter code or meaning differs from the regulation "
        "text, or from the code list's own short name for the letter. The text (or the code "
        "list, Syke's own) is followed; the table's reading is left out.",
        "Check the letter code against the text in the source; fix whichever is wrong.",
    ),
    ConversionRule(
        "CV023",
        Severity.WARNING,
        "Header-level code not used",
        "The code list marks some codes as structuring headers that plans may not use "
        "(e.g. vesivayla, viheralue); Syke refuses them. A regulation that would carry one "
        "is kept as verbal text, or gets the one usable code under the header.",
        "Choose the specific code under the header (see `ryhti codelists show "
        "RY_Kaavamaarayslaji`) and write it in the source or the mapping.",
    ),
    ConversionRule(
        "CV024",
        Severity.WARNING,
        "Role and typing disagree",
        "The layer role and the geometry decide what a feature may be: a sub-area is never a "
        "main use, a line or point is never an area reservation, an area needs a main use or "
        "osaAlue. The typing was changed to fit, and a reviewer should check it.",
        "Map the layer with the right role, or give the feature the letter code or text that "
        "says what it is.",
    ),
    ConversionRule(
        "CV025",
        Severity.WARNING,
        "A sign's explanation without the sign's number",
        'The text of the feature explains what a number in its sign means ("Suluissa oleva '
        'luku osoittaa rakennusoikeuden kerrosneliömetreinä"), but the feature carries no such '
        "number (no value attribute, no number in the sign). A quantity without a value is no "
        "valid regulation, so it is left out of this feature.",
        "Give the feature its number (the mapping's [layers.values] column, or the sign), or "
        "leave the explanation to the legend.",
    ),
    ConversionRule(
        "CV026",
        Severity.WARNING,
        "A modifier with no regulation to carry it",
        "Some legend entries give only additional information for what other entries draw: "
        'a yleiskaava change class ("Uudet ja olennaisesti muuttuvat alueet"), a modifier line '
        '("Uusi seudullinen pääväylä"), the explanation of an underlined number. The '
        "conversion attaches it to the feature's own regulations (its main use, its line or "
        "point notation, its numbers, also numbers from attribute values); a feature with "
        "none has nowhere to put it, so the change class, significance or exactness the "
        "planner drew is not in the plan as a code: the entry's text is kept verbatim as a "
        "verbal regulation instead. A change-class layer (hatching whose every feature gives "
        "only a change class, or a layer with role change_class) passes its classes to the "
        "area reservations lying at least half inside them; CV026 then concerns only hatching "
        "that no reservation takes (it covers none, or less than half of each).",
        "Give the feature the sign or text of what it is (its main use, the road it marks), or "
        "its number, in the source. For change-class hatching: check that it is drawn over the "
        "reservations it classifies (a reservation takes a class covering at least half of "
        'it), or declare the layer with role = "change_class" in the mapping when its '
        'features carry other content too; a modifier line ("Uusi seudullinen pääväylä") '
        "needs the road's own sign on the same feature.",
    ),
    ConversionRule(
        "CV030",
        Severity.WARNING,
        "Area reservation geometry repaired",
        "--repair-coverage changed the geometry of an area reservation to close an overlap, "
        "a gap or a vertex mismatch narrower than the tolerance; the planner should know "
        "every such change.",
        "Check the change on the map (the finding's geometry); to keep the source as it is, "
        "convert without --repair-coverage and fix the source data.",
    ),
    ConversionRule(
        "CV017",
        Severity.WARNING,
        "Extractor unavailable",
        "Free regulation text could not be typed because the Finnish extractor could not "
        "be loaded; texts are kept as verbal regulations.",
        "Install libvoikko1 and voikko-fi (Debian) and the project's spaCy dependency.",
    ),
)

#: Conversion rules by id.
RULES: dict[str, ConversionRule] = {rule.id: rule for rule in _RULES}


def explain(rule_id: str) -> str | None:
    """The text ``ryhti rules --explain CV019`` prints, or None for an id that is no
    conversion rule."""
    rule = RULES.get(rule_id.strip().upper())
    if rule is None:
        return None
    return (
        f"{rule.id} — {rule.title}\n\n"
        f"Family:        conversion (ryhti convert, in the conversion report)\n"
        f"Severity:      {rule.severity.value} (warnings are errors with --strict)\n\n"
        f"Why: {rule.why}\n\nHow to fix: {rule.fix}\n"
    )


def finding(
    rule: str,
    message: str,
    *,
    file: str | None = None,
    layer: str | None = None,
    fid: Any = None,
    line: int | None = None,
    object_key: str | None = None,
    path: str = "$",
    geometry: Any = None,
    srid: str | None = None,
    severity: Severity | None = None,
    data: dict[str, Any] | None = None,
) -> Finding:
    """A conversion finding of ``rule`` located in the source (file, layer, feature id, line)."""
    spec = RULES[rule]
    location = {
        k: v
        for k, v in (("file", file), ("layer", layer), ("fid", fid), ("line", line))
        if v is not None
    }
    return Finding(
        rule=rule,
        severity=severity or spec.severity,
        message=message,
        path=path,
        object_key=object_key,
        geometry=geometry,
        srid=srid,
        source=file,
        location=location or None,
        origin="conversion",
        data=dict(data or {}),
    )
