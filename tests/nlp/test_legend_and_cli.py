"""Legend documents (txt, md, docx, pdf, cp1252, corrupt) and the ``ryhti extract`` contract."""

from __future__ import annotations

import json

import pytest

from ryhti.cli import main
from ryhti.errors import InputError
from ryhti.nlp.legend import read_legend

LEGEND = """KAAVAMERKINNÄT JA -MÄÄRÄYKSET

AK-1 Asuinkerrostalojen korttelialue.
sr-2 Suojeltava rakennus.
    Rakennusta ei saa purkaa.
IV Roomalainen numero osoittaa suurimman sallitun kerrosluvun.
e=0,8 Tehokkuusluku.
Rakennusala.

YLEISMÄÄRÄYKSET
Hulevedet on imeytettävä tontilla.
Autopaikkoja on rakennettava vähintään 1 ap / 100 k-m².
"""


def _pdf(lines: list[str]) -> bytes:
    """A minimal one-page PDF with a text layer (Helvetica, WinAnsi so ä/ö survive)."""

    def esc(s: str) -> str:
        return s.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")

    content = "BT /F1 10 Tf 40 800 Td 14 TL " + " ".join(f"({esc(x)}) Tj T*" for x in lines) + " ET"
    stream = content.encode("cp1252")
    objs = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length " + str(len(stream)).encode() + b" >>\nstream\n" + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for i, obj in enumerate(objs, 1):
        offsets.append(len(out))
        out += f"{i} 0 obj\n".encode() + obj + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objs) + 1}\n0000000000 65535 f \n".encode()
    for off in offsets:
        out += f"{off:010d} 00000 n \n".encode()
    out += f"trailer\n<< /Size {len(objs) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return bytes(out)


def _check_entries(legend):
    signs = [e.sign for e in legend.entries]
    assert signs[:4] == ["AK-1", "sr-2", "IV", "e=0,8"]
    assert legend.entries[1].text == "Suojeltava rakennus. Rakennusta ei saa purkaa."
    assert legend.entries[-1].sign is None and legend.entries[-1].text == "Rakennusala."
    assert [g.text for g in legend.general][-1].startswith("Autopaikkoja")


def test_txt_and_md(tmp_path):
    p = tmp_path / "legend.txt"
    p.write_text(LEGEND, encoding="utf-8")
    _check_entries(read_legend(p))
    md = tmp_path / "legend.md"
    md.write_text(
        "# Kaavamerkinnät\n\n| merkintä | selitys |\n|---|---|\n| AK-1 | Asuinkerrostalojen korttelialue. |\n- VL Lähivirkistysalue.\n",
        encoding="utf-8",
    )
    legend = read_legend(md)
    assert [(e.sign, e.text) for e in legend.entries] == [
        ("AK-1", "Asuinkerrostalojen korttelialue."),
        ("VL", "Lähivirkistysalue."),
    ]
    assert legend.entries[0].heading == "Kaavamerkinnät"


def test_cp1252_text_is_decoded_and_reported(tmp_path):
    p = tmp_path / "legend.txt"
    p.write_bytes(LEGEND.encode("cp1252"))
    legend = read_legend(p)
    _check_entries(legend)
    assert legend.notes and "cp1252" in legend.notes[0]


def test_docx_paragraphs_and_tables(tmp_path):
    docx = pytest.importorskip("docx")
    d = docx.Document()
    d.add_paragraph("KAAVAMERKINNÄT")
    table = d.add_table(rows=2, cols=2)
    table.cell(0, 0).text, table.cell(0, 1).text = "AK-1", "Asuinkerrostalojen korttelialue."
    table.cell(1, 0).text, table.cell(1, 1).text = (
        "sr-2",
        "Suojeltava rakennus. Rakennusta ei saa purkaa.",
    )
    d.add_paragraph("IV Roomalainen numero osoittaa suurimman sallitun kerrosluvun.")
    p = tmp_path / "legend.docx"
    d.save(p)
    legend = read_legend(p)
    assert [e.sign for e in legend.entries] == ["AK-1", "sr-2", "IV"]


def test_pdf_text_layer(tmp_path):
    p = tmp_path / "legend.pdf"
    p.write_bytes(
        _pdf(
            [
                "AK-1 Asuinkerrostalojen korttelialue.",
                "VL Lähivirkistysalue.",
                "e=0,8 Tehokkuusluku.",
            ]
        )
    )
    legend = read_legend(p)
    assert [e.sign for e in legend.entries] == ["AK-1", "VL", "e=0,8"]
    assert legend.entries[1].text == "Lähivirkistysalue." and legend.entries[0].page == 1


@pytest.mark.parametrize(
    ("name", "data", "words"),
    [
        ("bad.docx", b"PK\x03\x04 this is not a zip", "docx"),
        ("bad.pdf", b"%PDF-1.4 garbage without objects", "PDF"),
        ("empty.txt", b"   \n", "empty"),
        ("binary.txt", b"\x00\x01\x02\xff\xfe", "UTF-8"),
    ],
)
def test_bad_files_name_the_file(tmp_path, name, data, words):
    p = tmp_path / name
    p.write_bytes(data)
    with pytest.raises(InputError) as err:
        read_legend(p)
    assert name in str(err.value) and words in str(err.value)


def run(capsys, *args):
    with pytest.raises(SystemExit) as ex:
        main(list(args))
    out = capsys.readouterr()
    return ex.value.code, out.out, out.err


def run_ok(capsys, *args):
    result = main(list(args))
    out = capsys.readouterr()
    return result, out.out, out.err


def test_jsonl_contract_keeps_order_and_goes_on(tmp_path, capsys):
    src = tmp_path / "in.jsonl"
    src.write_text(
        "\n".join(
            [
                json.dumps(
                    {
                        "id": "a",
                        "text": "Asuinkerrostalojen korttelialue.",
                        "sign": "AK-1",
                        "plan_type": "asemakaava",
                    }
                ),
                "{broken",
                json.dumps({"id": "c", "text": "e=0,8", "sign": None, "plan_type": None}),
                json.dumps({"id": "d", "text": 5}),
            ]
        )
        + "\n",
        encoding="utf-8",
    )
    out = tmp_path / "out.jsonl"
    run_ok(capsys, "extract", str(src), "--format", "jsonl", "-o", str(out))
    rows = [json.loads(x) for x in out.read_text(encoding="utf-8").splitlines()]
    assert [r["id"] for r in rows] == ["a", "line 2", "c", "d"]
    assert "error" in rows[1] and "error" in rows[3]
    reg = rows[0]["regulations"][0]
    assert set(reg) >= {
        "type",
        "value",
        "additionalInformations",
        "verbalRegulations",
        "confidence",
        "span",
        "evidence",
    }
    assert reg["type"] == "asuinkerrostaloalue" and reg["additionalInformations"] == [
        {"type": "paakayttotarkoitus", "value": None}
    ]
    assert rows[2]["regulations"][0]["value"] == {
        "dataType": "PositiveDecimal",
        "number": 0.8,
        "unitOfMeasure": "k-m2/m2",
    }


def test_text_table(capsys):
    _, out, _ = run_ok(
        capsys, "extract", "--text", "Asuinkerrostalojen korttelialue. e=0,8", "--sign", "AK"
    )
    assert "asuinkerrostaloalue" in out and "tehokkuusluku" in out and "evidence" in out


def test_document_to_regulation_groups_with_stable_keys(tmp_path, capsys):
    p = tmp_path / "legend.txt"
    p.write_text(LEGEND, encoding="utf-8")
    _, out1, _ = run_ok(capsys, "extract", str(p), "--plan-type", "asemakaava")
    _, out2, _ = run_ok(capsys, "extract", str(p), "--plan-type", "asemakaava")
    assert out1 == out2
    doc = json.loads(out1)
    groups = doc["planRegulationGroups"]
    assert groups[0]["letterIdentifier"] == "AK-1"
    reg = groups[0]["planRegulations"][0]
    assert reg["type"].endswith("/RY_Kaavamaarayslaji/code/asuinkerrostaloalue")
    assert doc["generalRegulationGroups"] and "review" in doc


def test_evaluate_prints_figures(tmp_path, capsys):
    gold = tmp_path / "gold.jsonl"
    gold.write_text(
        json.dumps(
            {
                "id": "1",
                "text": "e=0,8",
                "sign": None,
                "plan_type": None,
                "gold": {
                    "types": ["tehokkuusluku"],
                    "values": [{"type": "tehokkuusluku", "number": 0.8, "unit": "k-m2/m2"}],
                    "additional": [],
                    "verbal": [],
                },
            }
        )
        + "\n",
        encoding="utf-8",
    )
    _, out, _ = run_ok(capsys, "extract", "--evaluate", str(gold))
    assert "micro P 1.000" in out and "exact match 1.000" in out and "tehokkuusluku" in out


def test_usage_errors_exit_2(capsys):
    code, _, err = run(capsys, "extract")
    assert code == 2 and "exactly one" in err
