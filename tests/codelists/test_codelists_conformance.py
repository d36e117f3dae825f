"""The snapshot against the official material: OpenAPI enums, reference lists, rule checklist.

Reads the reference through ``reference_path``, so these tests skip in a clone without it.
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from collections.abc import Iterator
from typing import Any

import pytest

from ryhti.codelists import Registry
from ryhti.codelists.catalogue import RELATION_RULES
from ryhti.io import read_json
from tests.conftest import reference_path

CODELIST_PREFIX = "http://uri.suomi.fi/codelist/"

#: Lists that the RYHTI plan-service OpenAPI enumerates but that are not plan data and
#: have no offline copy (binding plot division, land-use restrictions, area-use decisions,
#: the plan-matter document type): out of scope for this snapshot, listed so that any new
#: list in a future API release makes this test fail and get a decision.
NOT_IN_SNAPSHOT = {
    "http://uri.suomi.fi/codelist/rytj/AlueidenkayttopaatoksenNimi",
    "http://uri.suomi.fi/codelist/rytj/alueidenkaytonRajoituksenElinkaarenTila",
    "http://uri.suomi.fi/codelist/rytj/alueidenkaytonRajoituksenKasittelytapahtumanLaji",
    "http://uri.suomi.fi/codelist/rytj/asiakirjanLaji",
    "http://uri.suomi.fi/codelist/rytj/sitovanTonttijaonElinkaarenTila",
    "http://uri.suomi.fi/codelist/rytj/sitovanTonttijaonLaji",
}


def _enum_values(node: Any) -> Iterator[str]:
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "enum" and isinstance(value, list):
                yield from (
                    v for v in value if isinstance(v, str) and v.startswith(CODELIST_PREFIX)
                )
            else:
                yield from _enum_values(value)
    elif isinstance(node, list):
        for value in node:
            yield from _enum_values(value)


@pytest.fixture(scope="module")
def enum_codes() -> dict[str, set[str]]:
    """Code URIs of every OpenAPI enum, grouped by list URI."""
    folder = reference_path("ryhti", "openapi")
    by_list: dict[str, set[str]] = defaultdict(set)
    for path in sorted(folder.glob("*.json")):
        for uri in _enum_values(json.loads(path.read_text(encoding="utf-8"))):
            by_list[uri.rpartition("/code/")[0]].add(uri)
    assert by_list, "no code enums found in the OpenAPI files"
    return by_list


def test_every_openapi_enum_code_is_in_the_snapshot(
    reg: Registry, enum_codes: dict[str, set[str]]
) -> None:
    missing_lists = set()
    for list_uri, uris in sorted(enum_codes.items()):
        code_list = reg.get(list_uri)
        if code_list is None:
            missing_lists.add(list_uri)
            continue
        missing = sorted(uri for uri in uris if reg.lookup(uri) is None)
        assert not missing, f"{list_uri}: {missing[:5]} not in the snapshot"
    assert missing_lists == NOT_IN_SNAPSHOT


def test_enumerated_lists_have_exactly_the_enum_codes(
    reg: Registry, enum_codes: dict[str, set[str]]
) -> None:
    """No code in the snapshot that the production API would refuse."""
    checked = 0
    for list_uri, uris in enum_codes.items():
        code_list = reg.get(list_uri)
        if code_list is None:
            continue
        assert uris <= {code.uri for code in code_list.codes}, list_uri
        checked += 1
    exact = (
        "RY_Kaavamaarayslaji",
        "RY_Kaavamaarayksen_Lisatiedonlaji",
        "RY_Kaavalaji",
        "kaavaelinkaari",
    )
    for list_id in (*exact, "kaavpaatnimi", "kaavakastap", "RY_DigitaalinenAlkupera", "ETRS89"):
        assert {c.uri for c in reg[list_id].codes} == enum_codes[reg[list_id].uri], list_id
    assert checked >= 11


def test_counts_match_the_reference_lists(reg: Registry) -> None:
    folder = reference_path("codelists")
    compared = 0
    for path in sorted(folder.glob("*.json")):
        data = read_json(path)
        if not isinstance(data, dict) or not data.get("uri") or "codes" not in data:
            continue
        code_list = reg.get(data["uri"])
        assert code_list is not None, f"{path.name} ({data['uri']}) is not in the snapshot"
        assert len(code_list) == len(data["codes"]), path.name
        assert {c.value for c in code_list.codes} == {c["code"] for c in data["codes"]}, path.name
        compared += 1
    assert compared == 21


def test_relation_rules_are_the_checklist_rules() -> None:
    """Every transcribed rule names a rule of §E whose text carries its phase and codes."""
    text = reference_path("docs", "ryhti-rules.md").read_text(encoding="utf-8")
    section = text.split("## E.", 1)[1].split("\n## ", 1)[0]
    lines = {
        m.group(1): line
        for line in section.splitlines()
        if (m := re.search(r"\*\*(R-E\d+)\*\*", line))
    }
    for rule in RELATION_RULES:
        line = lines.get(rule.rule)
        assert line is not None, f"{rule.rule} is not in ryhti-rules.md §E"
        assert rule.status in line, (rule.rule, rule.status)
        for code in rule.codes:
            assert code.rstrip("AB") in line, (rule.rule, code)


def test_every_arho_relation_is_used_or_explained(reg: Registry) -> None:
    data = read_json(reference_path("codelists", "relations_lifecycle_events.json"))
    lr = reg.lifecycle_relations
    kinds = {
        "decisions": "decisions",
        "processing_events": "handling",
        "interaction_events": "interaction",
    }
    excluded = {
        (c["status"], c["kind"], c["code"])
        for c in lr.data["cross_check"]
        if c["outcome"] == "excluded"
    }
    for key, relation in data["relations"].items():
        status = key.split(" ")[0]
        for raw_kind, kind in kinds.items():
            for item in relation[raw_kind]:
                code = item.split(" ")[0]
                allowed = {c.value for c in lr.allowed(kind, status) or ()}
                assert code in allowed or (status, kind, code) in excluded, (status, kind, code)


def test_value_types_cover_the_reference_table(reg: Registry) -> None:
    data = read_json(reference_path("codelists", "units_and_value_types.json"))
    vt = reg.value_types
    for row in data["regulation_value_types"]:
        assert row["arho_value_type"] in vt.allowed_data_types(row["regulation_code"])
    for row in data["additional_information_value_types"]:
        assert row["arho_value_type"] in vt.allowed_data_types(row["additional_information_code"])
