"""Every number in the description, recomputed independently from the raw plan JSON.

This test does not use ``ryhti.generators.figures`` nor the plan model: it reads the
JSON with ``json``, builds each geometry with ``shapely.geometry.shape`` one by one,
applies the documented rules itself, and then checks the generated Markdown: each
table cell against its expected value at the precision shown, and every number in the
summary (2.2), the dimensioning (5.1.1), the area reservations (5.3), the impacts (5.4),
the comparison of alternatives (4.5) and the seurantalomake against the set of values
that can honestly appear there. The plan in force and the alternatives are recomputed
the same slow way; chapter 3's areas and shares come from the background data given.
"""

from __future__ import annotations

import re
from collections import defaultdict
from typing import Any

import pytest
import shapely.geometry as sg

from ryhti.generators import describe_document
from ryhti.model import from_json

NBSP = "\u00a0"
#: The seurantalomake class of the main uses in the test plans (the test's own table);
#: a use reserved for the public (varattuYleiseenKayttoon) that would be P or K is Y.
SYKE = {
    "asuinkerrostaloalue": "A",
    "asuinpientaloalue": "A",
    "asumisenAlue": "A",
    "erillistenAsuinpientalojenAlue": "A",
    "lahivirkistysalue": "V",
    "puisto": "V",
    "katu": "L",
    "pysakoinninAlue": "L",
    "palvelujenAlue": "P",
    "yleistenRakennustenAlue": "Y",
    "liikerakennustenAlue": "K",
    "toimistorakennustenAlue": "K",
}
#: The form's classes in the form's order.
CLASSES = "APYCKTVRLESMW"
#: Building protection codes (the branch of rakennussuojelualue).
PROTECTION = {
    "rakennussuojelualue",
    "rakennusperinnonSuojelemisestaAnnetunLainNojallaSuojeltuRakennus",
    "valtionOmistamienRakennustenSuojelustaAnnetunAsetuksenNojallaSuojeltuRakennus",
    "suojeltuKirkollinenRakennus",
    "suojeltuOrtodoksinenKirkkoTaiRukoushuone",
}
KM2_PER_RESIDENT = 40


def tail(uri: str) -> str:
    return uri.rsplit("/", 1)[-1]


def fmt(value: float, decimals: int) -> str:
    text = f"{value:.{decimals}f}"
    whole, _, frac = text.partition(".")
    groups = []
    while len(whole) > 3:
        groups.insert(0, whole[-3:])
        whole = whole[:-3]
    groups.insert(0, whole)
    return NBSP.join(groups) + ("," + frac if frac else "")


def expected(data: dict[str, Any], clip: Any = None) -> dict[str, Any]:
    """The plan's figures by the documented rules, computed the slow, obvious way.

    ``clip``: measure only within it (the plan in force under the new plan); a building
    right of an object partly outside counts in proportion to the area inside.
    """
    boundary = sg.shape(data["geographicalArea"]["geometry"])
    if clip is not None:
        boundary = boundary.intersection(clip)
    groups = {g["planRegulationGroupKey"]: g for g in data["planRegulationGroups"]}
    by_object: dict[str, list[dict]] = defaultdict(list)
    for rel in data["planRegulationGroupRelations"]:
        by_object[rel["planObjectKey"]].append(groups[rel["planRegulationGroupKey"]])
    objects = []
    for obj in data["planObjects"]:
        geom = sg.shape(obj["geometry"]["geometry"])
        regs = [r for g in by_object[obj["planObjectKey"]] for r in g["planRegulations"]]
        main = []
        public = False
        for r in regs:
            kinds = [tail(i["type"]) for i in r.get("additionalInformations", [])]
            if "paakayttotarkoitus" in kinds and tail(r["type"]) not in main:
                main.append(tail(r["type"]))
                public = public or "varattuYleiseenKayttoon" in kinds
        plain = [
            r["value"]["number"]
            for r in regs
            if tail(r["type"]) == "sallittuKerrosala"
            and not any(
                tail(i["type"]) == "kayttotarkoituskohdistus"
                for i in r.get("additionalInformations", [])
            )
        ]
        eff = [r["value"]["number"] for r in regs if tail(r["type"]) == "tehokkuusluku"]
        block = [r["value"]["number"] for r in regs if tail(r["type"]) == "korttelinNumero"]
        polygon = geom.geom_type in ("Polygon", "MultiPolygon")
        area = geom.intersection(boundary).area if polygon else 0.0
        objects.append(
            {
                "key": obj["planObjectKey"],
                "geom": geom,
                "area": area,
                "share": area / geom.area if polygon and geom.area else 1.0,
                "polygon": polygon,
                "class": "+".join(main) + ("@public" if public else "")
                if main and polygon
                else None,
                "syke": (
                    "Y" if public and SYKE[main[0]] in "PK" else (SYKE[main[0]] if main else None)
                ),
                "floor": max(plain) if plain else None,
                "eff": eff[0] if eff else None,
                "block": str(block[0]) if block else None,
                "related": obj.get("relatedPlanObjectKeys", []),
            }
        )
    land = [o for o in objects if o["class"]]
    for o in land:
        o["by_eff"] = o["floor"] is None and o["eff"] is not None
        if o["by_eff"]:
            o["floor"] = o["eff"] * o["area"]
    # Building areas with their own floor area belong to the land-use area they are in.
    subs = defaultdict(float)
    for o in objects:
        if o["class"] or o["floor"] is None:
            continue
        parent = next((p for p in land if p["key"] in o["related"]), None)
        if parent is None:
            inside = o["geom"].representative_point()
            parent = next((p for p in land if p["geom"].contains(inside)), None)
        subs[parent["key"]] += o["floor"]
    for o in land:
        if o["floor"] is None and subs[o["key"]]:
            o["floor"] = subs[o["key"]]
        if clip is not None and o["floor"] is not None and not o["by_eff"]:
            o["floor"] *= o["share"]
        if o["block"] is None:
            inside = o["geom"].representative_point()
            owner = next(
                (p for p in objects if p["block"] and p["polygon"] and p["geom"].contains(inside)),
                None,
            )
            o["block"] = owner["block"] if owner else None
    plan_area = boundary.area
    classes: dict[str, dict[str, Any]] = {}
    syke: dict[str, dict[str, Any]] = {k: {"area": 0.0, "floor": None} for k in CLASSES}
    blocks: dict[str, dict[str, Any]] = {}
    for o in land:
        c = classes.setdefault(o["class"], {"area": 0.0, "floor": None, "n": 0})
        c["area"] += o["area"]
        c["n"] += 1
        s = syke[o["syke"]]
        s["area"] += o["area"]
        if o["block"] is not None:
            b = blocks.setdefault(o["block"], {"area": 0.0, "floor": None})
            b["area"] += o["area"]
        if o["floor"] is not None:
            c["floor"] = (c["floor"] or 0) + o["floor"]
            s["floor"] = (s["floor"] or 0) + o["floor"]
            if o["block"] is not None:
                b["floor"] = (b["floor"] or 0) + o["floor"]
    total = sum(c["floor"] for c in classes.values() if c["floor"])
    built = [c for c in classes.values() if c["floor"]]
    groups_of = {k: [g for g in v] for k, v in by_object.items()}
    protected_keys = {
        obj["planObjectKey"]
        for obj in data["planObjects"]
        if any(
            tail(r["type"]) in PROTECTION
            for g in groups_of.get(obj["planObjectKey"], [])
            for r in g["planRegulations"]
        )
    }
    protected = len(protected_keys)
    protected_floors = [
        o["floor"] for o in objects if o["key"] in protected_keys and o["floor"] is not None
    ]
    return {
        "plan_area": plan_area,
        "classes": classes,
        "syke": syke,
        "blocks": blocks,
        "total": total,
        "built_e": total / sum(c["area"] for c in built) if built else None,
        "protected": protected,
        "protected_floor": sum(protected_floors) if protected_floors else None,
        "protected_without_floor": protected - len(protected_floors),
        "residents": (syke["A"]["floor"] or 0) / KM2_PER_RESIDENT,
    }


#: The quantity regulations of the test plans: column heading per language (the test's own).
QUANTITY_HEADINGS = {
    "fi": {
        "sallittuKerrosala": "Rakennusoikeus",
        "tehokkuusluku": "Tehokkuus",
        "maanpaallinenKerroslukuLuku": "Kerrosluku",
        "vesikatonYlimmanKohdanKorkeusasema": "Vesikaton ylimmän kohdan korkeusasema",
    },
    "sv": {
        "sallittuKerrosala": "Byggrätt",
        "tehokkuusluku": "Exploateringstal",
        "maanpaallinenKerroslukuLuku": "Våningsantal",
        "vesikatonYlimmanKohdanKorkeusasema": "Vattentakets högsta höjd",
    },
}
QUANTITY_TITLES = {
    "fi": "Kortteli- ja kohdekohtaiset määräykset",
    "sv": "Kvarters- och objektspecifika bestämmelser",
}


def roman(n: int) -> str:
    return ["", "I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X"][n]


def decimal(number: float) -> str:
    """A number with the digits it was given: ``0.35`` -> ``0,35``, ``2400`` -> ``2 400``."""
    if float(number).is_integer():
        return fmt(number, 0)
    return fmt(number, len(repr(float(number)).split(".")[1]))


def quantity_cell(reg: dict[str, Any], lang: str) -> str:
    """A quantity regulation as the table shows it, by the test's own rules."""
    code, number = tail(reg["type"]), reg["value"]["number"]
    if code == "sallittuKerrosala":
        return decimal(number) + NBSP + ("k-m²" if lang == "fi" else "m²vy")
    if code == "tehokkuusluku":
        return "e = " + decimal(number)
    if code == "maanpaallinenKerroslukuLuku":
        return roman(int(number))
    return decimal(number) + NBSP + reg["value"]["unitOfMeasure"]


def object_rows(data: dict[str, Any]) -> dict[str, str | None]:
    """planObjectKey -> the name of its row in the quantity table, found the slow way.

    The block number: of the object's own groups, else of a numbered area containing a
    point inside it, else of an object it refers to. Outside numbered blocks: the
    land-use object it is or refers to or lies in, named ``<letters> <name> #<number>``.
    """
    groups = {g["planRegulationGroupKey"]: g for g in data["planRegulationGroups"]}
    by_object: dict[str, list[dict]] = defaultdict(list)
    for rel in data["planRegulationGroupRelations"]:
        by_object[rel["planObjectKey"]].append(groups[rel["planRegulationGroupKey"]])
    objects = {o["planObjectKey"]: o for o in data["planObjects"]}
    shapes = {k: sg.shape(o["geometry"]["geometry"]) for k, o in objects.items()}
    own: dict[str, str] = {}
    letters: dict[str, list[str]] = {}
    for k in objects:
        for g in by_object[k]:
            for r in g["planRegulations"]:
                if tail(r["type"]) == "korttelinNumero":
                    own.setdefault(k, str(int(r["value"]["number"])))
                kinds = [tail(i["type"]) for i in r.get("additionalInformations", [])]
                if "paakayttotarkoitus" in kinds:
                    mine = letters.setdefault(k, [])
                    if g.get("letterIdentifier") and g["letterIdentifier"] not in mine:
                        mine.append(g["letterIdentifier"])
    polygons = {k for k, s in shapes.items() if s.geom_type in ("Polygon", "MultiPolygon")}

    def inside(k: str, candidates: set[str]) -> str | None:
        point = shapes[k].representative_point()
        return next((c for c in objects if c in candidates and shapes[c].contains(point)), None)

    def block(k: str) -> str | None:
        if k in own:
            return own[k]
        numbered = inside(k, {c for c in own if c in polygons})
        return own[numbered] if numbered else None

    land = {k for k in letters if k in polygons}
    out: dict[str, str | None] = {}
    for k, o in objects.items():
        found = block(k)
        for rk in o.get("relatedPlanObjectKeys", []):
            found = found or (block(rk) if rk in objects else None)
        if found is None:
            owner = k if k in land else None
            owner = owner or next(
                (r for r in o.get("relatedPlanObjectKeys", []) if r in land), None
            )
            owner = owner or inside(k, land)
            if owner is not None:
                parts = [", ".join(letters[owner])]
                name = objects[owner].get("name", {}).get("fin")
                if name:
                    parts.append(name)
                if "objectNumber" in objects[owner]:
                    parts.append(f"#{objects[owner]['objectNumber']}")
                found = " ".join(parts)
        out[k] = found
    return out


def quantity_table(markdown: str, lang: str) -> dict[str, dict[str, list[str]]]:
    """The quantity table of section 4: row name -> column heading -> values (none: ``{}``)."""
    title = f"\n#### {QUANTITY_TITLES[lang]}\n"
    if title not in markdown:
        return {}
    text = markdown.split(title, 1)[1].split("\n#", 1)[0]
    lines = [line for line in text.splitlines() if line.startswith("|")]
    header = [c.strip() for c in lines[0].strip("|").split("|")]
    out = {}
    for line in lines[2:]:
        cells = [c.strip() for c in re.split(r"(?<!\\)\|", line)[1:-1]]
        out[cells[0]] = {
            h: ([] if c == "–" else c.split("; "))
            for h, c in zip(header[1:], cells[1:], strict=True)
        }
    return out


def verify_quantity_table(markdown: str, data: dict[str, Any], lang: str) -> None:
    """Every value in the quantity table is one the plan gives an object of that row."""
    rows = object_rows(data)
    groups = {g["planRegulationGroupKey"]: g for g in data["planRegulationGroups"]}
    given: dict[tuple[str | None, str], set[str]] = defaultdict(set)
    headings = QUANTITY_HEADINGS[lang]
    for rel in data["planRegulationGroupRelations"]:
        for reg in groups[rel["planRegulationGroupKey"]]["planRegulations"]:
            if tail(reg["type"]) in headings:
                row = rows[rel["planObjectKey"]]
                given[row, headings[tail(reg["type"])]].add(quantity_cell(reg, lang))
    table = quantity_table(markdown, lang)
    for name, cells in table.items():
        assert name in set(rows.values()), name
        for heading, values in cells.items():
            if heading in ("Käyttötarkoitus", "Användningsändamål"):
                continue
            assert heading in headings.values(), heading
            assert set(values) <= given[name, heading], (name, heading, values)
            assert len(values) == len(set(values)), (name, heading, values)


def section(markdown: str, start: str, end: str) -> str:
    """The text from the heading that starts with ``start`` to the one with ``end``."""
    return markdown.split(f"\n{start}", 1)[1].split(f"\n{end}", 1)[0]


def table_rows(text: str, header: str) -> list[list[str]]:
    """Rows of the first pipe table whose header line starts with ``| header |``."""
    lines = text.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith(f"| {header} |"))
    rows = []
    for line in lines[start + 2 :]:
        if not line.startswith("|"):
            break
        rows.append([c.strip() for c in re.split(r"(?<!\\)\|", line)[1:-1]])
    return rows


def check(cell: str, value: float | None) -> None:
    if value is None:
        assert cell == "–", cell
        return
    decimals = len(cell.split(",", 1)[1]) if "," in cell else 0
    assert cell == fmt(value, decimals), (cell, value)


def signed(cell: str, value: float) -> None:
    """A change column: ``+1,20``, ``−0,40`` or ``0``."""
    decimals = len(cell.split(",", 1)[1]) if "," in cell else 0
    text = fmt(abs(value), decimals)
    if text.strip("0,") == "":
        assert cell == text, (cell, value)
    else:
        assert cell == ("+" if value > 0 else "\u2212") + text, (cell, value)


def allowed_numbers(exp: dict[str, Any], extra: list[float] = ()) -> set[str]:
    """Every number the summary, dimensioning, impacts and form may show, at any precision."""
    out = {"100,0", str(KM2_PER_RESIDENT)}
    values = [exp["plan_area"] / 1e4, exp["total"], exp["total"] / exp["plan_area"]]
    values += [exp["protected"], exp["residents"], len(exp["blocks"]), *extra]
    if exp["built_e"]:
        values.append(exp["built_e"])
    for c in exp["classes"].values():
        values += [c["area"] / 1e4, 100 * c["area"] / exp["plan_area"], c["n"]]
        if c["floor"]:
            values += [c["floor"], c["floor"] / c["area"], 100 * c["floor"] / exp["total"]]
    for s in exp["syke"].values():
        values += [s["area"] / 1e4, 100 * s["area"] / exp["plan_area"]]
        if s["floor"]:
            values += [s["floor"], s["floor"] / s["area"]]
    for number, b in exp["blocks"].items():
        out.add(number)
        values.append(b["area"] / 1e4)
        if b["floor"]:
            values += [b["floor"], b["floor"] / b["area"]]
    for v in values:
        for d in range(5):
            out.add(fmt(v, d))
            out.add(fmt(-v, d).replace("-", ""))
    return out


NUMBER = re.compile(r"(?<![\w,.-])\d{1,3}(?:\u00a0\d{3})*(?:,\d+)?(?![\w-])")
#: Literal numbers of the prose that are not figures (the statute's section).
LITERALS = re.compile(r"\b1 §|§ \d+|\d{1,2}\.\d{1,2}\.\d{4}")

WORDS = {
    "fi": {
        "summary": ("### 2.2 ", "### 2.3 "),
        "dims": ("#### 5.1.1 ", "### 5.2 "),
        "reservations": ("### 5.3 ", "### 5.4 "),
        "impacts": ("### 5.4 ", "### 5.5 "),
        "form": ("## Liite 1.", "## Liite 2."),
        "syke": "Aluevaraus",
        "classes": "Käyttötarkoitus",
        "blocks": "Kortteli",
    },
    "sv": {
        "summary": ("### 2.2 ", "### 2.3 "),
        "dims": ("#### 5.1.1 ", "### 5.2 "),
        "reservations": ("### 5.3 ", "### 5.4 "),
        "impacts": ("### 5.4 ", "### 5.5 "),
        "form": ("## Bilaga 1.", "## Bilaga 2."),
        "syke": "Områdesreservering",
        "classes": "Användningsändamål",
        "blocks": "Kvarter",
    },
}


def stray_numbers(text: str, allowed: set[str]) -> list[str]:
    text = re.sub(r"^#+ [\d.]+ ", "", text, flags=re.M)
    text = LITERALS.sub("", text)
    return [n for n in NUMBER.findall(text) if n not in allowed]


def verify(
    markdown: str,
    data: dict[str, Any],
    lang: str,
    old: dict[str, Any] | None = None,
    covered: float | None = None,
    given: list[float] = (),
) -> None:
    """Check every figure of ``markdown`` against the slow recomputation of ``data``
    (and, with ``old``, the change columns against the plan in force clipped to it);
    ``given`` are numbers the caller's input states (background data areas and shares)."""
    exp = expected(data)
    w = WORDS[lang]
    dims = section(markdown, *w["dims"])
    # Classes: match rows by their area (distinct in the test plans), then every column.
    rows = table_rows(dims, w["classes"])
    assert len(rows) == len(exp["classes"])
    for row in rows:
        decimals = len(row[2].split(",")[1])
        c = next(c for c in exp["classes"].values() if row[2] == fmt(c["area"] / 1e4, decimals))
        check(row[3], 100 * c["area"] / exp["plan_area"])
        check(row[4], c["floor"])
        check(row[5], c["floor"] / c["area"] if c["floor"] else None)
        check(row[6], c["n"])
    # Blocks.
    rows = table_rows(dims, w["blocks"])
    assert [r[0] for r in rows] == sorted(exp["blocks"], key=int)
    for row in rows:
        b = exp["blocks"][row[0]]
        check(row[2], b["area"] / 1e4)
        check(row[3], b["floor"])
        check(row[4], b["floor"] / b["area"] if b["floor"] else None)
    # The seurantalomake: total row, then the form's classes in the form's order.
    form = section(markdown, *w["form"])
    rows = table_rows(form, w["syke"])
    check(rows[0][1], exp["plan_area"] / 1e4)
    check(rows[0][3], exp["total"])
    check(rows[0][4], exp["total"] / exp["plan_area"])
    for row, letter in zip(rows[1:], CLASSES, strict=True):
        s = exp["syke"][letter]
        assert row[0].startswith(letter + " ")
        check(row[1], s["area"] / 1e4)
        check(row[2], 100 * s["area"] / exp["plan_area"])
        check(row[3], s["floor"])
        check(row[4], s["floor"] / s["area"] if s["floor"] else None)
        if old is None:
            assert row[5] == row[6] == "–"
        else:
            signed(row[5], (s["area"] - old["syke"][letter]["area"]) / 1e4)
            signed(row[6], (s["floor"] or 0) - (old["syke"][letter]["floor"] or 0))
    extra: list[float] = list(given)
    if old is not None:
        signed(
            rows[0][5], sum(exp["syke"][k]["area"] - old["syke"][k]["area"] for k in CLASSES) / 1e4
        )
        signed(rows[0][6], exp["total"] - old["total"])
        extra += [
            exp["total"] - old["total"],
            old["protected"],
            exp["protected"] - old["protected"],
        ]
        for k in CLASSES:
            extra.append((exp["syke"][k]["area"] - old["syke"][k]["area"]) / 1e4)
            extra.append((exp["syke"][k]["floor"] or 0) - (old["syke"][k]["floor"] or 0))
        a_change = (exp["syke"]["A"]["floor"] or 0) - (old["syke"]["A"]["floor"] or 0)
        extra.append(a_change / KM2_PER_RESIDENT)
    if covered is not None:
        extra += [covered / 1e4, (exp["plan_area"] - covered) / 1e4]
    (protected_row,) = table_rows(form, "Rakennussuojelu" if lang == "fi" else "Byggnadsskydd")
    check(protected_row[1], exp["protected"])
    check(protected_row[3], exp["protected_floor"])
    if exp["protected_floor"] is not None:
        extra += [exp["protected_floor"], exp["protected_without_floor"]]
    # Summary sentences.
    summary = section(markdown, *w["summary"])
    assert fmt(exp["total"], 0) in summary
    assert f"e = {fmt(exp['built_e'], 2)}" in summary
    # Every number of the summary, dimensioning, reservations, impacts and form is a figure.
    allowed = allowed_numbers(exp, extra)
    text = summary + dims + section(markdown, *w["reservations"]) + section(markdown, *w["impacts"])
    text += form
    stray = stray_numbers(text, allowed)
    assert not stray, f"numbers not recomputed from the data: {stray}"
    # The table of block- and object-specific regulations (section 5.6).
    verify_quantity_table(markdown, data, lang)
    assert quantity_table(markdown, lang), "no quantity table in the test plan"


@pytest.mark.parametrize("lang", ["fi", "sv"])
def test_every_number_of_the_built_plan(plan_json, matter, lang) -> None:
    doc = describe_document(from_json(plan_json, "plan"), matter, lang=lang, figure=False)
    verify(doc.markdown, plan_json, lang)
    ident = section(doc.markdown, "### 1.1 ", "### 1.2 ")
    area = table_rows(ident, "Tieto" if lang == "fi" else "Uppgift")
    shown = next(r[1] for r in area if r[0] in ("Kaava-alueen pinta-ala", "Planområdets areal"))
    check(shown.removesuffix(" ha"), expected(plan_json)["plan_area"] / 1e4)


@pytest.mark.parametrize("lang", ["fi", "sv"])
def test_every_number_of_the_project_sample(sample_json, lang) -> None:
    doc = describe_document(from_json(sample_json, "plan"), lang=lang, figure=False)
    verify(doc.markdown, sample_json, lang)
