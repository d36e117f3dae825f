"""The official example plans (Spatineo's CI-validated SpatialPlans): described without a hitch.

Their building rights are given in every way the national model allows (a total on the
block, parts on building areas, parts per use, an efficiency), and the published
examples say what the totals are; these tests hold the figures to them.
"""

from __future__ import annotations

import pytest

from ryhti.generators import describe_document
from ryhti.model import load_plan
from tests.conftest import reference_path

EXAMPLES = "ryhti/examples/spatineo/kaavoitus"

#: Example -> total building right (k-m²) that its regulations state.
FLOOR_AREAS = {
    "sallittuKerrosala/SpatialPlan-kayttotarkoituksenOsuusKerrosalasta.json": 10_000,
    "sallittuKerrosala/SpatialPlan-kayttotarkoituskohdistus.json": 6_000 + 4_000,
    "sallittuKerrosala/SpatialPlan-osaRakennusalastaVarattuKayttotarkoitukseen.json": 6_000 + 4_000,
    "sallittuKerrosala/SpatialPlan-useampiKayttotarkoituskohdistus.json": 6_000 + 2_500 + 1_500,
    "ullakonSallittuOsuusKerrosalasta/SpatialPlan-ullakonSallittuOsuusKerrosalasta.json": 2_300,
    "kayttotarkoitukset/SpatialPlan-poisluettavaKayttotarkoitus.json": None,
}


@pytest.mark.parametrize("name", sorted(FLOOR_AREAS))
def test_example_building_rights(name: str) -> None:
    plan = load_plan(reference_path(EXAMPLES, name))
    doc = describe_document(plan, figure=False)
    assert doc.figures.total_floor_area == FLOOR_AREAS[name]
    assert doc.figures.plan_area_m2 and doc.figures.classes


def test_every_example_renders_in_both_languages_and_all_formats() -> None:
    root = reference_path(EXAMPLES)
    paths = sorted(root.rglob("SpatialPlan-*.json"))
    assert len(paths) >= 20
    for path in paths:
        plan = load_plan(path)
        for lang in ("fi", "sv"):
            doc = describe_document(plan, lang=lang, fmt="md", figure=False)
            assert not any(w.rule.startswith("describe.unknown") for w in doc.warnings), path
    docx = describe_document(load_plan(paths[0]), fmt="docx")
    assert docx.content[:2] == b"PK"


def test_efficiency_example() -> None:
    plan = load_plan(
        reference_path(EXAMPLES, "tonttijako/SpatialPlan-sitovaTonttijakoLaadittava.json")
    )
    f = describe_document(plan, figure=False).figures
    ak = f.class_by_key("asuinkerrostaloalue")
    assert ak.methods == {"tehokkuus": 3}
    assert ak.floor_area == pytest.approx(0.3 * ak.area_m2)


def test_approver_of_the_approved_example_matter() -> None:
    """Syke's approved example matter names its approver among the decision makers; its
    identifier ("paatos-123345") gives no section, so the form asks for it."""
    from ryhti.generators.process import approval_record
    from ryhti.model import load_matter

    path = reference_path(
        EXAMPLES, "kaava-asia/asemakaava/LocalDetailedPlanMatter-kokonainen-asia-hyvaksytty.json"
    )
    record = approval_record(load_matter(path), "fi")
    assert record == {
        "approved": "yes",
        "maker": "Kaupungin X kaupunginvaltuusto",
        "section": None,
    }
