"""``ryhti describe`` and ``ryhti map``: outputs and exit codes."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest
import rasterio
from docx import Document
from rasterio.transform import Affine

from ryhti.cli import main


def run(argv: list[str], capsys) -> tuple[int, str, str]:
    try:
        main(argv)
        code = 0
    except SystemExit as exc:
        code = exc.code if isinstance(exc.code, int) else 1
    out = capsys.readouterr()
    return code, out.out, out.err


def test_describe_writes_each_format(
    plan_file: Path, matter_file: Path, tmp_path: Path, capsys
) -> None:
    md = tmp_path / "out" / "selostus.md"
    code, _, err = run(
        ["describe", str(plan_file), "--matter", str(matter_file), "-o", str(md)], capsys
    )
    assert code == 0, err
    assert md.read_text(encoding="utf-8").startswith("# Asemakaavan selostus: Mäkikylän keskus")
    assert (md.parent / "selostus.kaavakartta.png").read_bytes().startswith(b"\x89PNG")
    assert (md.parent / "selostus.kaavakartta.svg").exists()
    assert "![Kaavakartta – Mäkikylän keskus](selostus.kaavakartta.png)" in md.read_text(
        encoding="utf-8"
    )
    assert (md.parent / "selostus.kaavakartta.sijainti.png").read_bytes().startswith(b"\x89PNG")
    assert "placeholders to complete, 0 warnings" in err
    docx = tmp_path / "selostus.docx"
    code, _, err = run(
        ["describe", str(plan_file), "--matter", str(matter_file), "-o", str(docx), "--lang", "sv"],
        capsys,
    )
    assert code == 0, err
    assert Document(str(docx)).paragraphs[0].text.startswith("Detaljplanebeskrivning")
    html = tmp_path / "selostus.html"
    assert run(["describe", str(plan_file), "-o", str(html), "--no-map"], capsys)[0] == 0
    assert "<img" not in html.read_text(encoding="utf-8")


def test_describe_without_matter_lists_the_gaps(plan_file: Path, tmp_path: Path, capsys) -> None:
    code, _, err = run(["describe", str(plan_file), "-o", str(tmp_path / "s.md")], capsys)
    assert code == 0
    assert "ryhti: warning: kaava-asiaa ei annettu (--matter)" in err
    assert "placeholders to complete" in err
    code, _, err = run(["describe", str(plan_file), "-o", str(tmp_path / "s.md"), "-q"], capsys)
    assert "ryhti: warning" not in err


def test_describe_bad_input_exits_2(plan_file: Path, tmp_path: Path, capsys) -> None:
    code, _, err = run(
        ["describe", str(tmp_path / "nope.json"), "-o", str(tmp_path / "s.md")], capsys
    )
    assert code == 2 and "no such file" in err and "Traceback" not in err
    broken = tmp_path / "broken.json"
    broken.write_text("{", encoding="utf-8")
    code, _, err = run(["describe", str(broken), "-o", str(tmp_path / "s.md")], capsys)
    assert code == 2 and "not valid JSON" in err
    code, _, err = run(["describe", str(plan_file), "-o", str(tmp_path / "s.pdf")], capsys)
    assert code == 2 and "format" in err
    matter = tmp_path / "m.json"
    matter.write_text(json.dumps({"planKey": "x"}), encoding="utf-8")
    code, _, err = run(
        ["describe", str(plan_file), "--matter", str(matter), "-o", str(tmp_path / "s.md")], capsys
    )
    assert code == 0  # a matter file missing its fields still describes, with placeholders
    code, _, err = run(
        ["describe", str(plan_file), "-o", str(tmp_path / "s.md"), "--lang", "de"], capsys
    )
    assert code == 2


def test_map_writes_and_checks(plan_file: Path, tmp_path: Path, capsys) -> None:
    tif = tmp_path / "kaavakartta.tif"
    code, _, err = run(["map", str(plan_file), "-o", str(tif), "--pixel-size", "0.5"], capsys)
    assert code == 0, err
    assert "0.5 m/px, EPSG:3067" in err
    code, out, _ = run(["map", "--check", str(tif), str(plan_file)], capsys)
    assert code == 0
    assert "PASS  extent" in out and "meets RYHTI's plan-map rules (0 failed)" in out
    code, out, _ = run(["map", "--check", str(tif), "--format", "json"], capsys)
    report = json.loads(out)
    assert report["ok"] is True and all(c["ok"] for c in report["checks"])
    for suffix in (".png", ".svg"):
        assert run(["map", str(plan_file), "-o", str(tmp_path / f"k{suffix}")], capsys)[0] == 0
    assert (tmp_path / "k.png").read_bytes().startswith(b"\x89PNG")


def test_map_check_failures_exit_1_and_unreadable_exit_2(tmp_path: Path, capsys) -> None:
    bad = tmp_path / "bad.tif"
    with rasterio.open(
        bad,
        "w",
        driver="GTiff",
        width=8,
        height=8,
        count=3,
        dtype="uint8",
        crs="EPSG:3879",
        transform=Affine(0.3, 0.0, 0, 0.0, -0.3, 0),
        compress="jpeg",
        photometric="YCbCr",
    ) as dst:
        dst.write(np.zeros((3, 8, 8), dtype="uint8"))
    code, out, _ = run(["map", "--check", str(bad)], capsys)
    assert code == 1
    assert "FAIL  crs" in out and "FAIL  compression" in out and "FAIL  pixel-size" in out
    (tmp_path / "x.tif").write_text("nope", encoding="utf-8")
    code, _, err = run(["map", "--check", str(tmp_path / "x.tif")], capsys)
    assert code == 2 and "not a TIFF" in err


@pytest.mark.parametrize(
    "argv",
    [
        ["map"],
        ["map", "--check", "a.tif", "-o", "b.tif"],
        ["map", "-o", "b.tif"],
        ["map", "p.json", "-o", "x.gif"],
    ],
)
def test_map_usage_errors(
    argv: list[str], plan_file: Path, capsys, monkeypatch, tmp_path: Path
) -> None:
    monkeypatch.chdir(tmp_path)
    argv = [str(plan_file) if a == "p.json" else a for a in argv]
    code, _, err = run(argv, capsys)
    assert code == 2, err
