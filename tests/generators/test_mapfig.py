"""The plan map figure: the plan's own signs in the legend, labels that never collide,
and the scale it is drawn at."""

from __future__ import annotations

import itertools

from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from ryhti.generators.figures import compute_figures
from ryhti.generators.mapfig import SCALES, render_map_figure
from ryhti.generators.maplabels import Label, place_labels
from ryhti.model import from_json


def _overlap(a, b) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def test_legend_names_the_plans_own_signs(sample_json) -> None:
    """Before: "Muu kaavakohde (osa-alue, rakennusala …)", "Viivamainen kaavakohde",
    "Pistemäinen kaavakohde" for every sign that is not a land use."""
    plan = from_json(sample_json, "plan")
    figures = compute_figures(plan)
    names = {c.key: f"{', '.join(c.letter_identifiers)} {c.key}" for c in figures.classes}
    drawn = render_map_figure(plan, figures, names, formats=("png",), block_texts={"1": ["AK"]})
    legend = drawn.legend
    for sign in (
        "sr Suojeltu rakennus, jota ei saa purkaa",
        "pk Rakennusala, jolle saa sijoittaa päiväkodin",
        "Ohjeellinen ulkoilureitti",
        "Säilytettävä puu",
        "Kaava-alueen raja",
    ):
        assert sign in legend, sign
    assert not any(
        entry.startswith(("Muu kaavakohde", "Viivamainen", "Pistemäinen")) for entry in legend
    )
    # Street names are printed along the streets; block 1 has its number and letters.
    assert any("Kuusikkotie" in text for text in drawn.labels)
    assert "1\nAK" in drawn.labels
    # No two labels cover each other, and the scale is a round one.
    assert all(not _overlap(a, b) for a, b in itertools.combinations(drawn.label_boxes, 2))
    assert drawn.scale in SCALES and drawn.width_cm == 16.0


def test_labels_that_would_collide_are_moved_or_left_out() -> None:
    fig = Figure(figsize=(3, 3))
    FigureCanvasAgg(fig)
    ax = fig.add_axes((0, 0, 1, 1))
    ax.set_xlim(0, 100)
    ax.set_ylim(0, 100)
    labels = [Label(50, 50, f"Kortteli {n}", size=9, priority=n) for n in range(12)]
    placed = place_labels(ax, labels)
    assert 1 < len(placed.boxes) < 12 and placed.dropped == 12 - len(placed.boxes)
    assert all(not _overlap(a, b) for a, b in itertools.combinations(placed.boxes, 2))
    assert placed.texts[0] == "Kortteli 0"  # the most important first
