"""Gathering through a real WFS 2.0 (MapServer) and OGC API Features (pygeoapi) server."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pyogrio
import pytest

from ryhti.cli import main
from ryhti.lahtotiedot import load_background
from ryhti.lahtotiedot.output import read_summary


def run(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    try:
        main(args)
        code = 0
    except SystemExit as exc:
        code = int(exc.code or 0)
    out = capsys.readouterr()
    return code, out.out, out.err


def sources_toml(folder: Path, services: dict[str, Any], extra: str = "") -> Path:
    """The presets, their URLs pointed at the local servers (layer names unchanged)."""
    wfs, oapif = services["wfs"].url, services["oapif"]
    text = f"""
[sources.natura_sac]
preset = "natura_sac"
url = "WFS:{wfs}/inspire_ps/wfs"

[sources.muinaisjaannokset]
preset = "muinaisjaannokset"
url = "WFS:{wfs}/rajapinta_suojellut/wfs"

[sources.yleiskaavat]
preset = "yleiskaavat"
url = "OAPIF:{oapif}"
{extra}
"""
    path = folder / "lahtotiedot.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_gathers_through_wfs_and_ogc_api(
    services: dict[str, Any], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    toml = sources_toml(tmp_path, services)
    out = tmp_path / "lahtotiedot.gpkg"
    code, printed, err = run(
        [
            "lahtotiedot",
            str(services["plan"]),
            "--sources",
            str(toml),
            "-o",
            str(out),
            "--cache-dir",
            str(tmp_path / "cache"),
        ],
        capsys,
    )
    assert code == 0, err
    layers = {str(name) for name, _ in pyogrio.list_layers(out)}
    assert {"natura_sac", "muinaisjaannokset", "yleiskaavat", "lahtotiedot"} <= layers
    rows = {r["source"]: r for r in read_summary(out)}
    assert [r["status"] for r in rows.values()] == ["ok", "ok", "ok"]
    # the far Natura site is outside the area + 200 m and not kept
    assert rows["natura_sac"]["features"] == 1
    assert rows["natura_sac"]["inside_area_m2"] == pytest.approx(25 * 35)
    assert rows["natura_sac"]["inside_share"] == pytest.approx(25 * 35 / 100 / 100)
    assert rows["natura_sac"]["licence"] == "CC BY 4.0"
    assert rows["natura_sac"]["code"] == "08"
    # one monument inside, one in the buffer, one far away
    assert (rows["muinaisjaannokset"]["features"], rows["muinaisjaannokset"]["inside_count"]) == (
        2,
        1,
    )
    assert rows["yleiskaavat"]["code"] == "1301"
    # the printed summary is the table's
    assert "natura_sac" in printed and "0.09 ha (8.8 %)" in printed and "1 inside" in printed
    # the features are the served ones, in the plan's CRS, padding trimmed
    monuments = pyogrio.read_dataframe(out, layer="muinaisjaannokset")
    assert sorted(monuments["kohdenimi"]) == ["Kivikko", "Rajakivi"]
    assert monuments.crs.to_epsg() == 3067
    # the WFS was asked through GetCapabilities/GetFeature with the national type names
    asked = " ".join(services["wfs"].requests)
    assert "PS.ProtectedSitesSpecialAreaOfConservation" in asked and "GetFeature" in asked

    background = load_background(out, json.loads(services["plan"].read_text()))
    assert background.gathered == {"natura", "muinaisjaannos", "plans"}
    (natura,) = background.overlaps
    assert (natura.name, natura.identifier, natura.kind_code) == ("Testisuo", "FI0100001", "08")
    assert natura.share == pytest.approx(0.0875)
    assert [(s.name, s.identifier) for s in background.sites] == [("Kivikko", "1000001")]
    (yk,) = background.plans_in_force
    assert (yk.level, yk.name, yk.identifier) == (
        "yleiskaava",
        "Testikylän osayleiskaava",
        "YK-000001",
    )
    assert {s.kind_code for s in background.sources} == {"08", "06", "1301"}


def test_offline_reruns_from_the_cache_without_a_request(
    services: dict[str, Any], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    toml = sources_toml(tmp_path, services)
    cache = str(tmp_path / "cache")
    args = ["lahtotiedot", str(services["plan"]), "--sources", str(toml), "--cache-dir", cache]
    assert run([*args, "-o", str(tmp_path / "online.gpkg")], capsys)[0] == 0
    asked = len(services["wfs"].requests)
    code, printed, err = run([*args, "-o", str(tmp_path / "offline.gpkg"), "--offline"], capsys)
    assert code == 0, err
    assert len(services["wfs"].requests) == asked  # nothing was asked
    online = {r["source"]: r for r in read_summary(tmp_path / "online.gpkg")}
    offline = {r["source"]: r for r in read_summary(tmp_path / "offline.gpkg")}
    for name, row in online.items():
        assert offline[name]["from_cache"] == 1 and row["from_cache"] == 0
        assert offline[name]["fetched"] == row["fetched"]  # the date of the answer, not of today
        assert offline[name]["features"] == row["features"]
    assert "(cache)" in printed
    # another area is another cache entry: offline has nothing for it
    other = tmp_path / "other.json"
    data = json.loads(services["plan"].read_text())
    data["geographicalArea"]["geometry"]["coordinates"][0][2][0] += 10
    data["geographicalArea"]["geometry"]["coordinates"][0][1][0] += 10
    other.write_text(json.dumps(data))
    code, _, err = run(
        [
            "lahtotiedot",
            str(other),
            "--sources",
            str(toml),
            "--cache-dir",
            cache,
            "--offline",
            "-o",
            str(tmp_path / "other.gpkg"),
        ],
        capsys,
    )
    assert code == 1
    assert err.count("not in the cache for this area") == 3


def test_failing_services_give_one_line_each_and_the_others_complete(
    services: dict[str, Any], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    wfs = services["wfs"]  # /slow/wfs answers after 3 s
    extra = f"""
[sources.hidas]
preset = "natura_sac"
url = "WFS:{wfs.url}/slow/wfs"

[sources.rikki]
preset = "natura_sac"
url = "WFS:{wfs.url}/broken/wfs"

[sources.palvelinvirhe]
preset = "natura_sac"
url = "WFS:{wfs.url}/error/wfs"

[sources.tuntematon_taso]
preset = "natura_sac"
url = "WFS:{wfs.url}/inspire_ps/wfs"
layer = "inspire_ps:EiOle"
"""
    toml = sources_toml(tmp_path, services, extra)
    out = tmp_path / "lahtotiedot.gpkg"
    code, printed, err = run(
        [
            "lahtotiedot",
            str(services["plan"]),
            "--sources",
            str(toml),
            "-o",
            str(out),
            "--cache-dir",
            str(tmp_path / "cache"),
            "--timeout",
            "1",
        ],
        capsys,
    )
    assert code == 1
    lines = [
        line for line in err.splitlines() if line.startswith("ryhti: ") and "wrote" not in line
    ]
    failed = {"hidas", "rikki", "palvelinvirhe", "tuntematon_taso"}
    assert sorted(line.split(":")[1].strip() for line in lines) == sorted(failed), err
    assert "Traceback" not in err
    assert "timed out" in err.lower() or "timeout" in err.lower()
    assert "500" in err
    rows = {r["source"]: r for r in read_summary(out)}
    assert {n for n, r in rows.items() if r["status"] == "failed"} == failed
    assert all(rows[n]["message"] for n in failed)
    layers = {str(name) for name, _ in pyogrio.list_layers(out)}
    assert not layers & failed  # nothing of a failed source is written
    assert {"natura_sac", "muinaisjaannokset", "yleiskaavat"} <= layers
    assert printed.count("FAILED") == 4


def test_an_interrupted_write_leaves_the_old_file(
    services: dict[str, Any], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from ryhti.lahtotiedot import output
    from ryhti.lahtotiedot.area import read_area
    from ryhti.lahtotiedot.gather import gather
    from ryhti.lahtotiedot.sources import read_source_file

    out = tmp_path / "lahtotiedot.gpkg"
    out.write_bytes(b"old")
    result = gather(
        read_area(services["plan"]),
        read_source_file(sources_toml(tmp_path, services)),
        cache_dir=tmp_path / "cache",
    )

    real = pyogrio.write_dataframe

    def fail_on_summary(frame: Any, path: Any, **kwargs: Any) -> None:
        if kwargs.get("layer") == "lahtotiedot":
            raise OSError("disk full")
        real(frame, path, **kwargs)

    monkeypatch.setattr(pyogrio, "write_dataframe", fail_on_summary)
    with pytest.raises(OSError):
        output.write_gpkg(result, out)
    assert out.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".lahtotiedot")] == []


def test_describe_writes_the_starting_points_from_the_gathered_geopackage(
    services: dict[str, Any], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """``ryhti describe --lahtotiedot`` is the gatherer's output read back for the plan area."""
    toml = sources_toml(tmp_path, services)
    gpkg = tmp_path / "lahtotiedot.gpkg"
    args = ["lahtotiedot", str(services["plan"]), "--sources", str(toml), "-o", str(gpkg)]
    assert run([*args, "--cache-dir", str(tmp_path / "cache")], capsys)[0] == 0
    out = tmp_path / "selostus.md"
    code, _, err = run(
        ["describe", str(services["plan"]), "--lahtotiedot", str(gpkg), "--no-map", "-o", str(out)],
        capsys,
    )
    assert code in (0, 1), err
    text = out.read_text(encoding="utf-8")
    chapter = text[text.index("Lähtökohdat") :]
    assert "Testisuo" in chapter and "FI0100001" in chapter  # the Natura site overlapping
    assert "Kivikko" in chapter and "Rajakivi" not in chapter  # inside, not the buffer's
    assert "Testikylän osayleiskaava" in chapter  # the yleiskaava in force
    # what was not gathered stays a prompt, what was gathered is not asked for
    assert "[TÄYDENNÄ" in chapter
    # with the maps: the plan area drawn on the gathered layers, at the head of chapter 3
    mapped = tmp_path / "kartalla.md"
    code, _, err = run(
        ["describe", str(services["plan"]), "--lahtotiedot", str(gpkg), "-o", str(mapped)], capsys
    )
    assert code in (0, 1), err
    assert "(kartalla.kaavakartta.lahtotiedot.png)" in mapped.read_text(encoding="utf-8")
    assert (tmp_path / "kartalla.kaavakartta.lahtotiedot.png").stat().st_size > 10_000
    code, _, err = run(
        [
            "describe",
            str(services["plan"]),
            "--lahtotiedot",
            str(gpkg),
            "--background",
            str(tmp_path / "x.json"),
            "-o",
            str(out),
        ],
        capsys,
    )
    assert code == 2 and "--lahtotiedot" in err
