"""The rule catalogue: complete metadata, real Syke ids, full coverage of the checklist,
one rule per module, and a generated documentation page that is current."""

from __future__ import annotations

import csv
import importlib
import inspect
import pkgutil
import re

import pytest

from ryhti.validators import Rule, all_rules, catalogue, explain
from ryhti.validators.catalogue import count_sentence, docs_path, render_markdown
from tests.conftest import reference_path
from tests.validators.fixtures import examples

#: Checklist items deliberately not implemented, with the reason.
NOT_IMPLEMENTED = {
    "R-J09": "maakuntakaava draft allowing point reservations contradicts the enforced R-G07",
}


def test_ids_names_and_texts() -> None:
    names = set()
    for rule in all_rules():
        assert re.fullmatch(r"[SCVRGLXB]\d{3}", rule.id), rule.id
        assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", rule.name), rule.name
        assert rule.name not in names, rule.name
        names.add(rule.name)
        assert rule.title and rule.why and rule.fix, rule.id
        if not rule.references:  # the project's own rules: nothing of Syke's to cite
            assert not rule.official_ids, rule.id
        doc = inspect.getdoc(rule) or ""
        assert doc, rule.id
        if rule.remote:
            assert "Remote only" in doc, rule.id
            continue
        assert {"en", "fi", "sv"} <= set(rule.messages), rule.id
        assert "Anti-pattern" in doc and "Best practice" in doc, rule.id


def test_one_rule_per_module() -> None:
    package = importlib.import_module("ryhti.validators.rules")
    for info in pkgutil.walk_packages(package.__path__, package.__name__ + "."):
        if info.ispkg or info.name.rsplit(".", 1)[-1].startswith("_"):
            continue
        module = importlib.import_module(info.name)
        defined = [
            obj
            for obj in vars(module).values()
            if inspect.isclass(obj) and issubclass(obj, Rule) and obj.__module__ == module.__name__
        ]
        assert len(defined) == 1, f"{info.name}: {defined}"
        assert info.name.rsplit(".", 1)[-1].startswith(defined[0].id.lower()), info.name


def test_official_ids_are_syke_rule_ids() -> None:
    path = reference_path("ryhti", "errors", "Ryhti-virhetekstit-ja-käännökset.csv")
    with path.open(encoding="utf-8-sig") as fh:
        known = {row["Key"] for row in csv.DictReader(fh, delimiter=";")}
    unknown = sorted(
        {(rule.id, o) for rule in all_rules() for o in rule.official_ids if o not in known}
    )
    assert not unknown, unknown


def test_every_checklist_item_is_covered() -> None:
    text = reference_path("docs", "ryhti-rules.md").read_text(encoding="utf-8")
    items = re.findall(r"\*\*(R-[A-K]\d\d)\*\* (\S+) (\S+)", text)
    assert len(items) == 142
    covered = {ref for rule in all_rules() for ref in rule.references}
    missing = sorted(i for i, _, _ in items if i not in covered and i not in NOT_IMPLEMENTED)
    assert not missing, missing
    # items decidable from the payload and code lists are implemented locally unless the
    # data they need is outside the payload (files, URL) or the snapshot (extensions)
    local = {ref for rule in all_rules() if not rule.remote for ref in rule.references}
    remote_lc = sorted(
        i
        for i, _, check in items
        if check[0] in "LC" and i not in local and i not in NOT_IMPLEMENTED
    )
    assert remote_lc == [
        "R-B13",  # the phase key of the request URL is not in the payload
        "R-D04",  # plan-level extensions of RY_Kaavamaarayslaji are not in the snapshot
        "R-E32",  # the binding plot division identifier must be looked up in RYHTI
        "R-I02",  # attachment files
        "R-I03",  # plan map file
        "R-I04",
        "R-I05",
        "R-I06",  # upload requests
    ], remote_lc


def test_explain_by_id_name_and_syke_id() -> None:
    for rule in all_rules():
        assert explain(rule.id).startswith(f"{rule.id} {rule.name}")
        assert explain(rule.name).startswith(rule.id)
        for official in rule.official_ids:
            assert official in explain(official)


def test_catalogue_json_shape() -> None:
    entries = catalogue()
    assert [e.id for e in entries] == sorted(e.id for e in entries)
    for e in entries:
        data = e.to_json()
        assert data["status"] in ("local", "approximation", "remote only")
        assert data["severity"] in ("error", "warning", "info")


def test_docs_page_is_current() -> None:
    expected = render_markdown(examples=examples())
    current = docs_path().read_text(encoding="utf-8") if docs_path().exists() else ""
    assert current == expected, "docs/rules.md is stale: run `python -m ryhti.validators.catalogue`"


def test_the_count_is_said_the_same_way_everywhere() -> None:
    """`ryhti rules`, docs/rules.md and the README give the count in the same words."""
    from ryhti.cli import main

    sentence = count_sentence(catalogue())
    assert sentence.startswith(f"{len(all_rules())} rules: ") and "run offline" in sentence
    root = docs_path().parents[1]
    readme = " ".join((root / "README.md").read_text(encoding="utf-8").split())
    assert readme.count(sentence) >= 2, "README: say the count as `ryhti rules` does"
    assert sentence in docs_path().read_text(encoding="utf-8")
    stale = re.findall(r"\b1[2-5]\d (?:rules|offline)\b", readme.replace(sentence, ""))
    assert not stale, f"README counts rules another way: {stale}"
    import contextlib
    import io

    out = io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.suppress(SystemExit):
        main(["rules"])
    assert f"{sentence}." in out.getvalue()


def test_docs_show_a_failing_and_a_passing_example_of_every_local_rule() -> None:
    page = docs_path().read_text(encoding="utf-8")
    for rule in all_rules():
        section = page.split(f"\n### {rule.id}\n", 1)[1].split("\n### ", 1)[0]
        if rule.remote:
            assert "*Example*" not in section, rule.id
        else:
            assert "Fails — " in section and "Passes — " in section, rule.id


@pytest.mark.parametrize("rule", [r for r in all_rules() if r.remote], ids=lambda r: r.id)
def test_remote_rules_never_run(rule: Rule) -> None:
    from ryhti.validators import validate
    from tests.validators.bases import plan

    assert not validate(plan(), rules=[rule]).findings
