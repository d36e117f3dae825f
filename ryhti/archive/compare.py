"""``ryhti compare``: the dimensioning of alternatives side by side, ready for the kaavaselostus.

Each alternative's numbers come from :func:`ryhti.generators.compute_figures` — the same
figures the plan description quotes — so the comparison chapter and each alternative's own
description can never disagree. Per alternative: plan area; area, share and floor area per
use class; total building right (k-m²); area efficiency (k-m² per plan area) and the
efficiency of the blocks' land; the number of blocks; the green share (use classes in the
seurantalomake's V class). Every alternative after the first gets a column of differences
from the first.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

__all__ = ["Comparison", "compare_plans", "to_docx", "to_markdown"]


@dataclass
class Comparison:
    """The measures of every alternative (rows) and the alternatives' names (columns)."""

    names: list[str]
    rows: list[dict[str, Any]]  # {"label", "unit", "values": [...], "kind"}
    warnings: list[str]

    def to_json(self) -> dict[str, Any]:
        return {"alternatives": self.names, "rows": self.rows, "warnings": self.warnings}


def _label(code: str, letters: list[str]) -> str:
    from ryhti.archive.regulations import phrasers

    reg = phrasers()[0]
    names = []
    for part in code.split("+"):
        found = reg.lookup(part, "RY_Kaavamaarayslaji") if reg is not None else None
        names.append((found.labels.get("fi") if found is not None else None) or part)
    sign = ", ".join(dict.fromkeys(letters))
    return (f"{sign} " if sign else "") + " + ".join(names).lower()


def compare_plans(plans: list[Any], names: list[str]) -> Comparison:
    """Figures of each plan in ``plans`` (loaded models), side by side."""
    from ryhti.generators import compute_figures

    figures = [compute_figures(p) for p in plans]
    rows: list[dict[str, Any]] = []

    def row(label: str, unit: str, values: list[float | int | None], kind: str = "total") -> None:
        rows.append({"label": label, "unit": unit, "kind": kind, "values": values})

    row("Kaava-alueen pinta-ala", "ha", [f.plan_area_ha for f in figures])
    keys = list(dict.fromkeys(c.key for f in figures for c in f.classes))
    for key in keys:
        classes = [f.class_by_key(key) for f in figures]
        letters = [x for c in classes if c is not None for x in c.letter_identifiers]
        name = _label(key, letters)
        row(name, "ha", [c.area_ha if c is not None else 0.0 for c in classes], "class-area")
        row(name, "%", [c.share_pct if c is not None else 0.0 for c in classes], "class-share")
        if any(c is not None and c.floor_area for c in classes):
            row(
                name,
                "k-m²",
                [c.floor_area if c is not None else None for c in classes],
                "class-floor",
            )
    row("Rakennusoikeus yhteensä", "k-m²", [f.total_floor_area for f in figures])
    row("Aluetehokkuus", "e", [f.efficiency for f in figures])
    row("Korttelitehokkuus", "e", [f.building_land_efficiency for f in figures])
    row(
        "Kortteleita",
        "kpl",
        [
            sum(1 for b in f.blocks if b.number is not None) if f.blocks_numbered else None
            for f in figures
        ],
    )
    row(
        "Viheralueiden osuus",
        "%",
        [
            sum(c.share_pct or 0.0 for c in f.classes if c.syke_class == "V")
            if f.plan_area_m2
            else None
            for f in figures
        ],
    )
    warnings = [
        f"{name}: {w.text('fi') if hasattr(w, 'text') else w.message}"
        for name, f in zip(names, figures, strict=True)
        for w in f.warnings
    ]
    return Comparison(names=names, rows=rows, warnings=warnings)


def _fmt(value: float | int | None, unit: str) -> str:
    if value is None:
        return "–"
    decimals = {"ha": 2, "%": 1, "e": 2, "k-m²": 0, "kpl": 0}.get(unit, 1)
    text = f"{value:,.{decimals}f}".replace(",", "\u00a0").replace(".", ",")
    return text


def _delta(a: float | int | None, b: float | int | None, unit: str) -> str:
    if a is None or b is None:
        return "–"
    d = b - a
    text = _fmt(abs(d), unit)
    if abs(d) < 1e-9:
        return "±0"
    return ("+" if d > 0 else "−") + text


def to_markdown(comparison: Comparison, title: str = "Vaihtoehtojen vertailu") -> str:
    """The comparison table (and a short reading of it) as Markdown."""
    from ryhti.generators.markdown import escape

    names = comparison.names
    header = ["Mitoitus", "yks.", escape(names[0])]
    align = ["---", "---", "---:"]
    for name in names[1:]:
        header += [escape(name), f"ero {escape(names[0])}:een"]
        align += ["---:", "---:"]
    lines = [
        f"# {escape(title)}",
        "",
        "| " + " | ".join(header) + " |",
        "|" + "|".join(align) + "|",
    ]
    for row in comparison.rows:
        values = row["values"]
        label = row["label"]
        if row["kind"] == "class-share":
            label += ", osuus"
        elif row["kind"] == "class-floor":
            label += ", kerrosala"
        cells = [escape(label), escape(row["unit"]), _fmt(values[0], row["unit"])]
        for value in values[1:]:
            cells += [_fmt(value, row["unit"]), _delta(values[0], value, row["unit"])]
        lines.append("| " + " | ".join(cells) + " |")
    lines.append("")
    total = next(r for r in comparison.rows if r["label"] == "Rakennusoikeus yhteensä")["values"]
    for name, value in zip(names[1:], total[1:], strict=True):
        if value is not None and total[0] is not None:
            lines.append(
                f"Vaihtoehdon {escape(name)} rakennusoikeus on {_delta(total[0], value, 'k-m²')} k-m² "
                f"vaihtoehtoon {escape(names[0])} verrattuna."
            )
    lines.append("")
    lines.append(
        "Luvut on laskettu kaavojen geometriasta ja määräysten arvoista (ryhti), samalla tavalla kuin "
        "kaavaselostuksen mitoitustaulukot."
    )
    return "\n".join(lines) + "\n"


def to_docx(comparison: Comparison, title: str = "Vaihtoehtojen vertailu") -> bytes:
    """The same as a Word document (through the plan description's Markdown → Word)."""
    from ryhti.generators.markdown import parse
    from ryhti.generators.word import to_docx as word

    return word(parse(to_markdown(comparison, title)), title=title, lang="fi")
