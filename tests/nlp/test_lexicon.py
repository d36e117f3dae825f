"""A municipality's lexicon: validated against the code lists, wins over the rules, says so, and
``ryhti extract --review`` drafts it (round trip: review → lexicon → the same entries, unflagged)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ryhti.cli import main
from ryhti.errors import InputError
from ryhti.nlp.lexicon import configured_lexicon, draft, normalise

LEXICON = """
[meta]
description = "test library"

[[entry]]
text = "Asuinkerrostalojen korttelialue"
codes = ["asuinkerrostaloalue[paakayttotarkoitus]"]

[[entry]]
text = "Alue, jolle saa rakentaa pienen saunan."
sign = "x1"
codes = ["sanallinenMaarays"]
verbal = ["rakentamistapa"]

[[entry]]
text = "Alue, jolle saa rakentaa pienen saunan."
codes = ["rakennusala"]

[[entry]]
pattern = "hulevesi * viivyttää"
codes = ["sanallinenMaarays"]
verbal = ["hulevedet"]

[[entry]]
text = "Rakennusoikeus kerrosneliömetreinä"
codes = ["sallittuKerrosala"]

[[entry]]
text = "Kaupunginosan kokonaisrakennusoikeus"
codes = ["sallittuKerrosala"]
values = [{type = "sallittuKerrosala", number = 1200, unit = "k-m2"}]

[[entry]]
text = "Korttelialueen raja 3 m ulkopuolella"
codes = []

[[entry]]
text = "Kyläalue"
plan_type = "yleiskaava"
codes = ["kylaAlue"]
"""


@pytest.fixture(scope="module")
def lexicon(extractor, tmp_path_factory):
    path = tmp_path_factory.mktemp("lex") / "espoo.toml"
    path.write_text(LEXICON, encoding="utf-8")
    return extractor.load_lexicon(path)


def _one(regs):
    assert len(regs) == 1, [r.type for r in regs]
    return regs[0]


def test_exact_entry_wins_and_says_so(extractor, lexicon):
    # case, spaces and the final full stop do not matter
    reg = _one(extractor.extract("asuinkerrostalojen  korttelialue.", "AK", lexicon=lexicon))
    assert reg.type == "asuinkerrostaloalue"
    assert [a["type"] for a in reg.additional] == ["paakayttotarkoitus"]
    assert reg.confidence == 0.99 and not reg.review
    assert reg.evidence.startswith("lexicon ") and "entry 1 (text)" in reg.evidence
    assert "the rules said: asuinkerrostaloalue" in reg.evidence
    # without the lexicon the rules decide
    assert "lexicon" not in extractor.extract("Asuinkerrostalojen korttelialue", "AK")[0].evidence


def test_the_entry_naming_the_sign_wins(extractor, lexicon):
    text = "Alue, jolle saa rakentaa pienen saunan."
    reg = _one(extractor.extract(text, "x1", lexicon=lexicon))
    assert reg.type == "sanallinenMaarays" and reg.verbal == ["rakentamistapa"]
    assert "sign 'x1'" in reg.evidence
    assert _one(extractor.extract(text, "x2", lexicon=lexicon)).type == "rakennusala"
    assert _one(extractor.extract(text, None, lexicon=lexicon)).type == "rakennusala"


def test_plan_level_entry_applies_only_on_its_level(extractor, lexicon):
    assert (
        "lexicon"
        in _one(extractor.extract("Kyläalue", None, "yleiskaava", lexicon=lexicon)).evidence
    )
    regs = extractor.extract("Kyläalue", None, "asemakaava", lexicon=lexicon)
    assert all("lexicon" not in r.evidence for r in regs)


def test_pattern_entry_matches_inflected_words(extractor, lexicon):
    regs = extractor.extract(
        "Tonttien hulevedet on viivytettävä ennen johtamista yleiseen verkkoon.", lexicon=lexicon
    )
    reg = _one(regs)
    assert reg.type == "sanallinenMaarays" and reg.verbal == ["hulevedet"]
    assert "pattern 'hulevesi * viivyttää'" in reg.evidence
    # the words must come in the pattern's order
    regs = extractor.extract("Viivytettävä vesi on ohjattava hulevesiverkkoon.", lexicon=lexicon)
    assert all("lexicon" not in r.evidence for r in regs)


def test_values_from_the_sign_or_fixed_by_the_lexicon(extractor, lexicon):
    reg = _one(extractor.extract("Rakennusoikeus kerrosneliömetreinä", "2400", lexicon=lexicon))
    assert reg.type == "sallittuKerrosala" and reg.value["number"] == 2400
    reg = _one(extractor.extract("Kaupunginosan kokonaisrakennusoikeus", lexicon=lexicon))
    assert reg.value == {"dataType": "PositiveNumeric", "number": 1200, "unitOfMeasure": "k-m2"}


def test_empty_codes_say_the_entry_carries_no_regulation(extractor, lexicon):
    assert extractor.extract("Korttelialueen raja 3 m ulkopuolella", lexicon=lexicon) == []


def test_extractor_built_with_a_lexicon(tmp_path):
    from ryhti.nlp import Extractor, load_lexicon

    path = tmp_path / "lex.toml"
    path.write_text(LEXICON, encoding="utf-8")
    ex = Extractor(lexicon=path)
    assert ex.extract("Kaupunginosan kokonaisrakennusoikeus")[0].value["number"] == 1200
    lex = load_lexicon(path)
    assert len(lex.entries) == 8 and lex.source == str(path)


@pytest.mark.parametrize(
    ("entry", "words"),
    [
        (
            'text = "x"\ncodes = ["asuinkerrostaloaluee"]',
            ["entry 1", "unknown", "asuinkerrostaloaluee"],
        ),
        ('text = "x"\ncodes = ["viheralue"]', ["header-level"]),
        ('text = "x"\ncodes = ["asuinkerrostaloalue[paakaytto]"]', ["paakaytto", "Lisatiedonlaji"]),
        ('text = "x"\ncodes = ["sanallinenMaarays"]\nverbal = ["hule"]', ["verbal", "'hule'"]),
        ('text = "x"\npattern = "y"\ncodes = ["rakennusala"]', ["exactly one"]),
        ('pattern = "hulevesi"\ncodes = []', ["pattern entry", "empty"]),
        ('text = "x"\ncodes = "rakennusala"', ["list"]),
        ('text = "x"\ncodes = ["rakennusala"]\ncolour = "red"', ["unknown field 'colour'"]),
        ('text = "x"\ncodes = ["rakennusala"]\nplan_type = "kaava"', ["plan_type"]),
        (
            'text = "x"\ncodes = ["sallittuKerrosala"]\n'
            'values = [{type = "sallittuKerrosala", number = 5, unit = "m2"}]',
            ["unit is 'k-m2'"],
        ),
        (
            'text = "x"\ncodes = ["sallittuKerrosala"]\nvalues = [{type = "sallittuKerrosala"}]',
            ["'number', or 'min' and 'max'"],
        ),
    ],
)
def test_a_bad_entry_is_a_clear_error(extractor, tmp_path, entry, words):
    path = tmp_path / "bad.toml"
    path.write_text("[[entry]]\n" + entry + "\n", encoding="utf-8")
    with pytest.raises(InputError) as err:
        extractor.load_lexicon(path)
    message = str(err.value)
    assert "bad.toml" in message
    for w in words:
        assert w in message, message


def test_unknown_table_and_toml_errors(extractor, tmp_path):
    path = tmp_path / "bad.toml"
    path.write_text("[entries]\n", encoding="utf-8")
    with pytest.raises(InputError, match="unknown table"):
        extractor.load_lexicon(path)
    path.write_text("[[entry]\n", encoding="utf-8")
    with pytest.raises(InputError):
        extractor.load_lexicon(path)


def test_normalise():
    assert normalise("  Asuinkerrostalojen\tKORTTELIALUE. ") == "asuinkerrostalojen korttelialue"


# --------------------------------------------------------------------------- the command
ENTRIES = [
    ("a", "Korttelialueen raja 3 m ulkopuolella", None, None),
    ("b", "Alueelle saa rakentaa pienen saunan ja katoksen.", "x1", "asemakaava"),
    ("c", "Asuinkerrostalojen korttelialue.", "AK", "asemakaava"),
    ("d", 'Rakennuksen "pääty" on rapattava; katso \\ liite.', None, None),
    ("e", "Ohjeellinen ulkoilureitti, jota ei tarvitse rakentaa.", None, "yleiskaava"),
]


def _jsonl(tmp_path):
    src = tmp_path / "in.jsonl"
    src.write_text(
        "".join(
            json.dumps({"id": i, "text": t, "sign": s, "plan_type": p}, ensure_ascii=False) + "\n"
            for i, t, s, p in ENTRIES
        ),
        encoding="utf-8",
    )
    return src


def _rows(path):
    return {r["id"]: r for r in map(json.loads, path.read_text(encoding="utf-8").splitlines())}


def test_review_draft_round_trip(tmp_path, capsys):
    src = _jsonl(tmp_path)
    first, draft_path = tmp_path / "first.jsonl", tmp_path / "draft.toml"
    assert main(
        ["extract", str(src), "--no-config", "-o", str(first), "--review", str(draft_path)]
    ) in (0, None)
    assert "for review drafted" in capsys.readouterr().err
    before = _rows(first)
    flagged = {
        i
        for i, r in before.items()
        if not r["regulations"] or any(x["review"] for x in r["regulations"])
    }
    assert flagged and flagged != set(before)  # some, not all
    text = draft_path.read_text(encoding="utf-8")
    assert text.count("[[entry]]") == len(flagged)
    assert "# review:" in text

    second = tmp_path / "second.jsonl"
    main(["extract", str(src), "--no-config", "-o", str(second), "--lexicon", str(draft_path)])
    after = _rows(second)
    for i in before:
        old, new = before[i]["regulations"], after[i]["regulations"]
        if i not in flagged:
            assert new == old  # the lexicon touches only its own entries
            continue
        # the same codes (and additional information, topics, values), now decided and unflagged
        assert [r["type"] for r in new] == [r["type"] for r in old]
        for o, n in zip(old, new, strict=True):
            assert n["additionalInformations"] == o["additionalInformations"]
            assert n["verbalRegulations"] == o["verbalRegulations"]
            assert n["value"] == o["value"]
            assert not n["review"] and n["evidence"].startswith("lexicon ")


def test_draft_reads_back_with_awkward_text():
    out = draft(
        [
            {
                "id": "q",
                "text": 'Kaksi "lainausta" ja \\ kenoviiva\tsekä sarkain',
                "sign": "A/s",
                "plan_type": "asemakaava",
                "regulations": [],
            }
        ],
        "test",
    )
    assert "codes = []" in out and 'sign = "A/s"' in out


def test_lexicon_from_ryhti_toml(tmp_path, monkeypatch, capsys):
    (tmp_path / "lex.toml").write_text(LEXICON, encoding="utf-8")
    (tmp_path / "ryhti.toml").write_text('[extract]\nlexicon = "lex.toml"\n', encoding="utf-8")
    sub = tmp_path / "plans"
    sub.mkdir()
    assert configured_lexicon(sub) == tmp_path / "lex.toml"
    monkeypatch.chdir(sub)
    main(["extract", "--text", "Kaupunginosan kokonaisrakennusoikeus", "--format", "jsonl"])
    reg = json.loads(capsys.readouterr().out)["regulations"][0]
    assert reg["value"]["number"] == 1200 and "lexicon" in reg["evidence"]
    main(
        [
            "extract",
            "--text",
            "Kaupunginosan kokonaisrakennusoikeus",
            "--format",
            "jsonl",
            "--no-config",
        ]
    )
    regs = json.loads(capsys.readouterr().out)["regulations"]
    assert all("lexicon" not in r["evidence"] for r in regs)


def test_lexicon_from_pyproject_and_bad_setting(tmp_path):
    (tmp_path / "pyproject.toml").write_text(
        '[tool.ryhti.extract]\nlexicon = "/abs/lex.toml"\n', encoding="utf-8"
    )
    assert str(configured_lexicon(tmp_path)) == "/abs/lex.toml"
    (tmp_path / "ryhti.toml").write_text("[extract]\nlexicon = 5\n", encoding="utf-8")
    with pytest.raises(Exception, match="lexicon must be a path"):
        configured_lexicon(tmp_path)
    (tmp_path / "ryhti.toml").write_text('select = ["ALL"]\n', encoding="utf-8")
    assert configured_lexicon(tmp_path) is None


def test_unknown_code_in_the_configured_lexicon_stops_the_command(tmp_path, capsys):
    bad = tmp_path / "lex.toml"
    bad.write_text('[[entry]]\ntext = "x"\ncodes = ["eiOleKoodi"]\n', encoding="utf-8")
    with pytest.raises(SystemExit) as ex:
        main(["extract", "--text", "x", "--lexicon", str(bad)])
    assert ex.value.code != 0
    err = capsys.readouterr().err
    assert "eiOleKoodi" in err and "entry 1" in err


SAMPLE = Path(__file__).resolve().parents[2] / "samples" / "espoo-asemakaava"
SR_TEXT = "Suojeltu rakennus, jota ei saa purkaa. Rakennuksen julkisivuja ei saa muuttaa."
SR_LEXICON = f'[[entry]]\ntext = "{SR_TEXT}"\nsign = "sr"\ncodes = ["suojelumaarays"]\n'


def _sr_group(report_path: Path) -> dict:
    report = json.loads(report_path.read_text(encoding="utf-8"))
    return next(g for g in report["groups"] if g.get("letterIdentifier") == "sr")


def _convert(tmp_path: Path, *extra: str) -> int:
    try:
        main(
            [
                "convert",
                str(SAMPLE / "asemakaava.gpkg"),
                "--regulations",
                str(SAMPLE / "kaavamerkinnat.md"),
                "-o",
                str(tmp_path / "plan.json"),
                "--report",
                str(tmp_path / "report.json"),
                "-q",
                *extra,
            ]
        )
    except SystemExit as exc:
        return int(exc.code or 0)
    return 0


def test_convert_applies_the_lexicon(extractor, tmp_path, monkeypatch, capsys):
    """`ryhti convert --lexicon` (and `[extract] lexicon` of ryhti.toml): the sample's legend
    text of 'sr' takes the lexicon's code, and the evidence names the lexicon's entry."""
    monkeypatch.chdir(tmp_path)
    assert _convert(tmp_path) == 0
    plain = _sr_group(tmp_path / "report.json")
    assert "suojelumaarays" not in {r["type"] for r in plain["regulations"]}
    (tmp_path / "espoo.toml").write_text(SR_LEXICON, encoding="utf-8")
    for extra in (("--lexicon", "espoo.toml"), ()):
        if not extra:  # the same lexicon, configured instead of given
            (tmp_path / "ryhti.toml").write_text('[extract]\nlexicon = "espoo.toml"\n')
        assert _convert(tmp_path, *extra) == 0, capsys.readouterr().err
        group = _sr_group(tmp_path / "report.json")
        (reg,) = [r for r in group["regulations"] if r["type"] == "suojelumaarays"]
        assert (
            reg["evidence"].startswith("lexicon ")
            and "entry 1 (text and sign 'sr')" in reg["evidence"]
        )
        assert reg["confidence"] == 0.99
        report = json.loads((tmp_path / "report.json").read_text(encoding="utf-8"))
        assert any(
            d["item"] == "lexicon" and d["file"] == "espoo.toml" for d in report["decisions"]
        )


def test_convert_stops_on_a_bad_lexicon(extractor, tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "bad.toml").write_text(
        '[[entry]]\ntext = "x"\ncodes = ["eiOleKoodi"]\n', encoding="utf-8"
    )
    assert _convert(tmp_path, "--lexicon", "bad.toml") == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "bad.toml" in err and "entry 1" in err and "codes" in err
    assert not (tmp_path / "plan.json").exists()
    assert _convert(tmp_path, "--lexicon", "bad.toml", "--no-extract") == 2
    assert "--lexicon needs the extractor" in capsys.readouterr().err
