"""The HTML report: one offline file with a summary, a findings table and a map."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import lxml.html
import numpy as np
import pytest

from ryhti.findings import Finding, Severity
from ryhti.model import from_json
from ryhti.reports import render, write
from ryhti.reports.svgmap import MapLimits
from tests.reports import sample

URL_ATTRS = ("src", "href", "xlink:href", "action", "data", "poster", "srcset", "formaction")


def _html(findings: list[Finding] | None = None, **kwargs: object) -> str:
    kwargs.setdefault("documents", {sample.PLAN_A: sample.plan()})
    return render(
        sample.findings() if findings is None else findings,
        "html",
        rules=sample.RULES,
        tool_version="1.2.3",
        **kwargs,
    )


def _data(doc: lxml.html.HtmlElement) -> dict:
    (script,) = doc.xpath("//script[@id='ryhti-data']")
    return json.loads(script.text)


def test_no_external_references() -> None:
    text = _html()
    doc = lxml.html.fromstring(text)
    for el in doc.iter():
        if not isinstance(el.tag, str):
            continue
        for attr in URL_ATTRS:
            value = el.get(attr)
            if value is not None:
                assert value.startswith(("#", "data:")), f"<{el.tag} {attr}={value!r}>"
    assert not doc.xpath("//link | //iframe | //img | //object | //embed")
    for script in doc.xpath("//script"):
        assert script.get("src") is None
        assert "fetch(" not in (script.text or "")
        assert "XMLHttpRequest" not in (script.text or "")
    css = " ".join(s.text or "" for s in doc.xpath("//style"))
    assert "@import" not in css
    assert all(u.startswith("data:") for u in re.findall(r"url\(\s*['\"]?([^)'\"]*)", css))
    assert "http" not in re.sub(
        r'<script type="application/json".*?</script>', "", text, flags=re.S
    )


def test_summary_table_data_and_rules() -> None:
    doc = lxml.html.fromstring(_html())
    cards = [" ".join(li.text_content().split()) for li in doc.xpath("//ul[@class='cards']/li")]
    assert cards[:3] == ["2 errors", "2 warnings", "2 notes"]
    data = _data(doc)
    assert len(data["rows"]) == len(sample.findings())
    assert [r[0] for r in data["rows"]] == list(range(len(data["rows"])))
    messages = {r[2]: r[4] for r in data["rows"]}
    assert messages["conversion.unknown-notation"] == "Unknown notation ”SL-2” left out"
    rules = doc.xpath("//section[@id='rules']//details/summary/code/text()")
    assert "geometry.self-intersection" in rules
    assert doc.xpath("//th[@data-col]"), "sortable table headers"
    assert doc.xpath("//input[@id='q']"), "filter box"


def test_svg_map_draws_plan_and_findings_with_links() -> None:
    doc = lxml.html.fromstring(_html())
    svgs = doc.xpath("//svg")
    assert len(svgs) == 2  # one per file with something located
    plan_svg = svgs[0]
    assert plan_svg.xpath(".//path[contains(@class, 'boundary')]")
    objects = plan_svg.xpath(".//g[@class='objects']/path")
    assert len(objects) == 4
    assert {o.get("data-key") for o in objects} == {
        sample.KEY_AK,
        sample.KEY_VL,
        sample.KEY_STREET,
        sample.KEY_TREE,
    }
    assert "Kortteli 101" in objects[0].findtext("title") or any(
        "Kortteli 101" in (o.findtext("title") or "") for o in objects
    )
    rows = {r[2]: r for r in _data(doc)["rows"]}
    geo = rows["geometry.self-intersection"]
    assert geo[9] == 1  # on the map
    (shape,) = plan_svg.xpath(f".//path[@id='f{geo[0]}']")
    assert "s-error" in shape.get("class") and "ar" in shape.get("class")
    assert shape.get("d").startswith("M") and shape.get("d").endswith("z")
    # placed on its object although the finding has no geometry
    tree = rows["group.missing"]
    assert tree[9] == 1 and plan_svg.xpath(f".//path[@id='f{tree[0]}']")
    assert rows["quality__req_plan_planDescription"][9] == 0
    assert rows["config.unreadable"][9] == 0


def test_highlight_works_with_and_without_script() -> None:
    text = _html()
    assert ".f:target" in text  # CSS-only highlight for #f<n> links
    assert ".f.hl" in text and 'classList.add("hl")' in text
    doc = lxml.html.fromstring(text)
    links = doc.xpath("//noscript//a/@href")
    assert links and all(re.fullmatch(r"#f\d+", h) for h in links)


def test_hostile_text_is_escaped() -> None:
    evil = '</script><script>alert(1)</script><img src="http://x/y.png"> & ”ÅÄÖ”'
    f = Finding("r.evil", Severity.ERROR, evil, source="plans/<b>.json", object_key='"><x')
    text = _html([f], documents={})
    assert "<script>alert(1)" not in text
    assert '<img src="http' not in text
    doc = lxml.html.fromstring(text)
    assert _data(doc)["rows"][0][4] == evil
    assert not doc.xpath("//img")


def test_no_findings_and_no_documents() -> None:
    text = render([], "html", tool_version="1.2.3", lang="fi")
    doc = lxml.html.fromstring(text)
    assert doc.get("lang") == "fi"
    assert "Ei havaintoja." in text
    assert "Ei virheitä" in text
    assert not doc.xpath("//table[@id='table']")
    assert not doc.xpath("//svg")


def test_finnish_and_swedish_labels() -> None:
    assert "Havainnot" in _html(lang="fi")
    assert "Anmärkningar" in _html(lang="sv")


def _grid_plan(n_side: int) -> dict:
    """A plan of n_side² square blocks, 10 m each, alternating AK and VL."""
    base = sample.plan_json()
    x0, y0 = sample.X0, sample.Y0
    size = n_side * 10
    objects, relations = [], []
    for i in range(n_side * n_side):
        x, y = x0 + (i % n_side) * 10, y0 + (i // n_side) * 10
        key = f"00000000-0000-4000-9000-{i:012d}"
        ring = [[x, y], [x + 9, y], [x + 9, y + 9], [x + 4, y + 9.5], [x, y + 9], [x, y]]
        objects.append(
            {
                "planObjectKey": key,
                "lifeCycleStatus": sample.LIFE,
                "undergroundStatus": sample.UNDER,
                "geometry": {
                    "srid": "3067",
                    "geometry": {"type": "Polygon", "coordinates": [ring]},
                },
            }
        )
        group = base["planRegulationGroups"][i % 2]["planRegulationGroupKey"]
        relations.append({"planObjectKey": key, "planRegulationGroupKey": group})
    base["geographicalArea"]["geometry"]["coordinates"] = [
        [[x0, y0], [x0 + size, y0], [x0 + size, y0 + size], [x0, y0 + size], [x0, y0]]
    ]
    base["planObjects"] = objects
    base["planRegulationGroupRelations"] = relations
    return base


def test_large_plan_is_simplified_aggregated_and_says_so() -> None:
    plan = from_json(_grid_plan(40), "plan")  # 1,600 objects
    findings = [
        Finding(
            "r",
            Severity.ERROR,
            f"finding {i}",
            object_key=f"00000000-0000-4000-9000-{i:012d}",
            source="big.json",
        )
        for i in range(0, 1600, 7)
    ]
    limits = MapLimits(
        max_vertices=3_000, max_squares=400, max_findings=100, per_object_elements=500
    )
    text = render(
        findings, "html", documents={"big.json": plan}, map_limits=limits, tool_version="t"
    )
    doc = lxml.html.fromstring(text)
    (svg,) = doc.xpath("//svg")
    objects = svg.xpath(".//g[@class='objects']/path")
    assert len(objects) <= 6, "merged into one path per kind"
    notes = " ".join(doc.xpath("//p[@class='note']/text()"))
    assert "merged by kind" in notes
    assert "drawn as squares" in notes
    assert "not drawn" in notes
    assert "Only 100 of 229 findings" in notes
    drawn = svg.xpath(".//g[@class='findings']/path")
    assert len(drawn) == 100
    rows = _data(doc)["rows"]
    assert sum(r[9] for r in rows) == 100


def test_map_coordinates_stay_in_view_box() -> None:
    doc = lxml.html.fromstring(_html())
    svg = doc.xpath("//svg")[0]
    w, h = int(svg.get("data-w")), int(svg.get("data-h"))
    for path in svg.xpath(".//path"):
        absolute = re.findall(r"M(-?\d+) (-?\d+)", path.get("d"))
        for x, y in absolute:
            assert 0 <= int(x) <= w and 0 <= int(y) <= h


def test_write_creates_one_file(tmp_path: Path) -> None:
    out = write(sample.findings(), "html", tmp_path / "report.html", tool_version="1.2.3")
    assert out.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert [p.name for p in tmp_path.iterdir()] == ["report.html"]


def _browser() -> str | None:
    return shutil.which("chromium") or shutil.which("chromium-browser")


@pytest.mark.skipif(_browser() is None, reason="no headless Chromium installed")
def test_opens_offline_in_a_browser_fills_table_and_highlights(tmp_path: Path) -> None:
    out = write(
        sample.findings(),
        "html",
        tmp_path / "report.html",
        documents={sample.PLAN_A: sample.plan()},
        tool_version="1.2.3",
    )
    proc = subprocess.run(
        [
            _browser(),
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-first-run",
            "--dump-dom",
            out.as_uri() + "#f1",
        ],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    dom = lxml.html.fromstring(proc.stdout)
    rows = dom.xpath("//table[@id='table']/tbody/tr")
    assert len(rows) == len(sample.findings())
    assert "6 of 6 shown" in dom.xpath("string(//span[@id='count'])")
    assert np.all([r.get("data-row") is not None for r in rows])
    # the #f1 link selected finding 1: highlighted on the map, its row marked
    (shape,) = dom.xpath("//svg//path[@id='f1']")
    assert "hl" in shape.get("class").split()
    assert dom.xpath("//tr[@data-row='1']")[0].get("class") == "s-error sel"


def test_stray_finding_does_not_shrink_the_plan_and_other_zones_are_reprojected() -> None:
    from pyproj import Transformer

    inside_3067 = (sample.X0 + 100, sample.Y0 + 100)
    x, y = Transformer.from_crs(3067, 3879, always_xy=True).transform(*inside_3067)
    findings = [
        Finding(
            "far",
            Severity.ERROR,
            "lon/lat given as if metres",
            geometry={"type": "Point", "coordinates": [24.9, 60.2]},
            srid="3067",
            source=sample.PLAN_A,
        ),
        Finding(
            "gk",
            Severity.WARNING,
            "in the neighbouring GK zone",
            geometry={"type": "Point", "coordinates": [x, y]},
            srid="3879",
            source=sample.PLAN_A,
        ),
    ]
    doc = lxml.html.fromstring(_html(findings))
    (svg,) = doc.xpath("//svg")
    notes = " ".join(doc.xpath("//p[@class='note']/text()"))
    assert "1 findings lie far outside the plan" in notes
    rows = {r[2]: r for r in _data(doc)["rows"]}
    assert rows["far"][9] == 0 and rows["gk"][9] == 1
    (marker,) = svg.xpath(f".//path[@id='f{rows['gk'][0]}']")
    mx, my = map(int, re.match(r"M(-?\d+) (-?\d+)", marker.get("d")).groups())
    w, h = int(svg.get("data-w")), int(svg.get("data-h"))
    # 100 m into a 400 m × 300 m plan (3 % padding): well inside the left half, lower half
    assert 0.2 * w < mx < 0.35 * w and 0.5 * h < my < 0.8 * h


# -- issue 17: the report in Finnish and Swedish, as a planner reads it ------------------------


def _cards(text: str) -> list[str]:
    doc = lxml.html.fromstring(text)
    return [" ".join(li.text_content().split()) for li in doc.xpath("//ul[@class='cards']/li")]


def test_counts_agree_with_their_number_in_finnish_and_swedish() -> None:
    """Before: "0 virheet", "1 tiedostot", "0.2 sekuntia" (plural label after every number)."""
    stats = {"files": 1, "objects": 12345, "seconds": 0.24}
    none: list[Finding] = []
    fi = _cards(_html(none, lang="fi", stats=stats))
    assert fi == [
        "0 virhettä",
        "0 varoitusta",
        "0 huomautusta",
        "1 tiedosto",
        "12 345 kohdetta",
        "0,2 sekuntia",
    ]
    one = [Finding(rule="x", severity=Severity.ERROR, message="m")]
    assert _cards(_html(one, lang="fi", stats={"seconds": 1.0}))[0] == "1 virhe"
    assert _cards(_html(one, lang="fi", stats={"seconds": 1.0}))[-1] == "1,0 sekuntia"
    sv = _cards(_html(none, lang="sv", stats=stats))
    assert sv[:4] == ["0 fel", "0 varningar", "0 anmärkningar", "1 fil"]
    assert sv[-1] == "0,2 sekunder"
    en = _cards(_html(none, stats=stats))
    assert en[3:] == ["1 file", "12,345 objects", "0.2 seconds"]
    # the number groups with a narrow no-break space, as Finnish writes it
    assert "12\u202f345" in _html(none, lang="fi", stats=stats)


def test_map_legend_is_in_the_report_language() -> None:
    """Before: "Asuminen / housing" in every language."""
    for lang, words in (("fi", "A asuminen"), ("sv", "A boende"), ("en", "A housing")):
        doc = lxml.html.fromstring(_html(lang=lang))
        legend = " ".join(doc.xpath("string(//div[@class='legend'])").split())
        assert words in legend
        assert " / " not in legend


def test_streets_get_the_traffic_colour_and_sub_areas_no_fill() -> None:
    """Before: a KATU object took the colour of K (centre, commerce) and a building area
    (no letter code, or ``sr``) was a filled grey area hiding its block."""
    data = sample.plan_json()
    data["planRegulationGroups"][0]["letterIdentifier"] = "KATU"
    data["planRegulationGroups"][1]["letterIdentifier"] = "sr"
    doc = lxml.html.fromstring(_html(documents={sample.PLAN_A: from_json(data, "plan")}))
    classes = {
        p.get("data-key"): p.get("class").split() for p in doc.xpath("//g[@class='objects']/path")
    }
    assert "kL" in classes[sample.KEY_AK] and "kK" not in classes[sample.KEY_AK]
    assert "sub" in classes[sample.KEY_VL]
    css = " ".join(doc.xpath("//style/text()"))
    assert re.search(r"svg\.map \.o\.a\.sub \{ fill: none;", css)
    assert re.search(r"svg\.map \.o\.a\.kL \{ fill: #cfcfcf; \}", css)


def test_points_are_drawn_large_enough_to_see() -> None:
    """Before: points were 3-pixel dots in dark grey."""
    css = " ".join(lxml.html.fromstring(_html()).xpath("//style/text()"))
    width = re.search(r"svg\.map \.o\.p \{[^}]*stroke-width: (\d+)px", css)
    assert width and int(width.group(1)) >= 8
    legend = lxml.html.fromstring(_html(lang="fi")).xpath("string(//div[@class='legend'])")
    assert "pistemäiset kohteet" in legend


@pytest.mark.skipif(_browser() is None, reason="no headless Chromium installed")
def test_finnish_report_renders_in_chromium_with_its_map(tmp_path: Path) -> None:
    """Headless Chromium draws the Finnish report: the page has its sections and counts,
    and a screenshot of the map shows its colours (the block, the park, the point)."""
    from PIL import Image

    out = write(
        sample.findings(),
        "html",
        tmp_path / "raportti.html",
        documents={sample.PLAN_A: sample.plan()},
        tool_version="1.2.3",
        lang="fi",
    )
    clean = write(
        [],
        "html",
        tmp_path / "puhdas.html",
        documents={sample.PLAN_A: sample.plan()},
        tool_version="1.2.3",
        lang="fi",
    )
    shot = tmp_path / "shot.png"
    profile = tmp_path / "profile"
    profile.mkdir()
    flags = [
        _browser(),
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        f"--user-data-dir={profile}",
    ]
    subprocess.run(
        [*flags, f"--screenshot={shot}", "--window-size=1200,1400", clean.as_uri()],
        capture_output=True,
        timeout=120,
        check=False,
    )
    dom = subprocess.run(
        [*flags, "--dump-dom", out.as_uri()], capture_output=True, text=True, timeout=120
    ).stdout
    doc = lxml.html.fromstring(dom)
    assert doc.xpath("string(//section[@id='summary']/h2)") == "Yhteenveto"
    assert doc.xpath("string(//section[@id='maps']/h2)") == "Kartat"
    assert "6 / 6 näytetään" in doc.xpath("string(//span[@id='count'])")
    image = Image.open(shot).convert("RGB")
    pixels = {
        image.getpixel((x, y)) for x in range(0, image.width, 2) for y in range(0, image.height, 2)
    }
    for colour in ("#f4b183", "#9fd18b", "#1b5e20"):  # AK block, VL park, the tree point
        rgb = tuple(int(colour[i : i + 2], 16) for i in (1, 3, 5))
        assert any(all(abs(a - b) <= 3 for a, b in zip(p, rgb, strict=True)) for p in pixels), (
            colour
        )
