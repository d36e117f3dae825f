"""The Markdown dialect of the templates: escaping, parsing, HTML."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st
from lxml import etree

from ryhti.generators.markdown import Md, escape, inline, parse, plain, table, to_html

TEXT = st.text(
    alphabet=st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters="\u2028\u2029"),
    max_size=60,
)


def collapse(value: str) -> str:
    """What escaping keeps of whitespace: runs of ordinary spaces and newlines become one space."""
    return re.sub(r"[^\S\u00a0\u2007\u202f]+", " ", value)


@given(TEXT)
def test_escaped_text_reads_back_as_itself(value: str) -> None:
    collapsed = collapse(value)
    blocks = parse(f"para: {escape(value)}\n")
    shown = "".join(plain(b.runs) for b in blocks)
    assert shown.strip() == f"para: {collapsed}".strip()


@given(st.lists(st.lists(TEXT, min_size=2, max_size=2), min_size=1, max_size=4))
def test_tables_keep_their_cells(rows: list[list[str]]) -> None:
    blocks = parse(table(["a", "b"], rows, "lr"))
    assert len(blocks) == 1 and blocks[0].kind == "table"
    got = [[plain(c) for c in row] for row in blocks[0].rows]
    want = [[collapse(c) for c in row] for row in rows]
    assert [[c.strip() for c in r] for r in got] == [[c.strip() for c in r] for r in want]
    assert blocks[0].align == ["left", "right"]
    etree.fromstring(f"<div>{to_html(blocks)}</div>".encode())


def test_blocks() -> None:
    text = (
        "# Otsikko\n\nKappale **lihava** ja *kursiivi*\njatkuu.\n\n- yksi\n  - alakohta\n- kaksi\n\n"
        "![Kuva 1](kuva.png)\n\n| a | b |\n|---|---:|\n| 1 | 2 |\n"
    )
    blocks = parse(text)
    assert [b.kind for b in blocks] == ["heading", "paragraph", "list", "image", "table"]
    assert blocks[1].runs == [
        ("Kappale ", False, False),
        ("lihava", True, False),
        (" ja ", False, False),
        ("kursiivi", False, True),
        (" jatkuu.", False, False),
    ]
    assert [(lvl, plain(r)) for lvl, r in blocks[2].items] == [
        (0, "yksi"),
        (1, "alakohta"),
        (0, "kaksi"),
    ]
    html = to_html(blocks, {"kuva.png": "data:image/png;base64,AA=="})
    root = etree.fromstring(f"<div>{html}</div>".encode())
    assert root.find(".//ul/li/ul/li").text == "alakohta"
    assert root.find(".//img").get("src") == "data:image/png;base64,AA=="
    assert root.find(".//td[@class='num']").text == "2"


def test_placeholders_are_marked_and_markdown_passes_through() -> None:
    html = to_html(parse("Nimi: [TÄYDENNÄ: kaavan nimi]\n"))
    assert '<mark class="todo">[TÄYDENNÄ: kaavan nimi]</mark>' in html
    assert escape(Md("**x**")) == "**x**"
    assert escape(None) == ""
    assert escape("1. kohta") == "1\\. kohta"
    assert escape("- viiva") == "\\- viiva"
    assert escape("[a](b)") == "[a]\\(b)"
    assert inline("a\\*b") == [("a*b", False, False)]
