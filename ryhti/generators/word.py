"""Blocks of the description -> a Word document planners can edit (python-docx).

Headings use Word's own heading styles (so the navigation pane and a table of contents
work), lists use "List Bullet", tables "Table Grid" with numbers right-aligned, and
every placeholder is highlighted yellow so nothing left to complete is missed. A
municipality can give a ``reference.docx`` (its letterhead, fonts, styles): the
document is then built on it.

Table rows are written as XML directly: python-docx looks every cell up through the
whole table, which makes a 2,000-row block table take minutes.
"""

from __future__ import annotations

import copy
import io
import re
from pathlib import Path
from typing import Any

from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_COLOR_INDEX
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

from ryhti.generators.markdown import Block, Run

__all__ = ["to_docx"]

_PLACEHOLDER = re.compile(r"(\[(?:TÄYDENNÄ|KOMPLETTERA): [^\]]*\])")


def _add_runs(paragraph: Any, runs: list[Run]) -> None:
    for text, bold, italic in runs:
        for piece in _PLACEHOLDER.split(text):
            if not piece:
                continue
            run = paragraph.add_run(piece)
            if bold:
                run.bold = True
            if italic:
                run.italic = True
            if _PLACEHOLDER.fullmatch(piece):
                run.font.highlight_color = WD_COLOR_INDEX.YELLOW


def _style(document: Any, name: str, fallback: str | None = None) -> Any:
    try:
        return document.styles[name]
    except KeyError:
        return document.styles[fallback] if fallback else None


def to_docx(
    blocks: list[Block],
    *,
    images: dict[str, bytes] | None = None,
    title: str | None = None,
    lang: str = "fi",
    reference: Path | None = None,
) -> bytes:
    """Build the Word document; ``images`` maps an image ``src`` to PNG bytes."""
    images = images or {}
    document = Document(str(reference)) if reference is not None else Document()
    if reference is None:
        normal = document.styles["Normal"]
        normal.font.name = "Calibri"
        normal.font.size = Pt(11)
    props = document.core_properties
    if title:
        props.title = title
    props.language = {"fi": "fi-FI", "sv": "sv-FI"}.get(lang, lang)
    props.author = "ryhti"
    props.comments = "Luonnos / Utkast"
    style_ids = _StyleIds(document)
    append = _Body(document.element.body)
    for block in blocks:
        if block.kind == "heading":
            name = f"Heading {min(block.level, 9)}"
            append(_paragraph_xml(style_ids(name), block.runs))
        elif block.kind == "paragraph":
            append(_paragraph_xml(None, block.runs))
        elif block.kind == "list":
            for level, runs in block.items:
                name = "List Bullet" if level == 0 else "List Bullet 2"
                append(_paragraph_xml(style_ids(name, "List Bullet"), runs))
        elif block.kind == "table":
            _table(document, block, _style(document, "Table Grid"))
        elif block.kind == "image":
            data = images.get(block.src)
            if data is None:
                append(_paragraph_xml(None, [(f"[{block.alt}: {block.src}]", False, True)]))
                continue
            document.add_picture(io.BytesIO(data), width=Cm(16))
            append(_paragraph_xml(style_ids("Caption"), [(block.alt, False, False)]))
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


class _StyleIds:
    """Style names -> style ids, looked up once (python-docx looks them up per paragraph)."""

    def __init__(self, document: Any) -> None:
        self.document = document
        self.cache: dict[str, str | None] = {}

    def __call__(self, name: str, fallback: str | None = None) -> str | None:
        if name not in self.cache:
            style = _style(self.document, name, fallback)
            self.cache[name] = style.style_id if style is not None else None
        return self.cache[name]


class _Body:
    """Appends block elements before the body's section properties.

    The ``w:sectPr`` is found once: lxml counts and searches children one by one, so
    looking it up per paragraph makes 100,000 paragraphs quadratic.
    """

    def __init__(self, body: Any) -> None:
        self.body = body
        self.sect = body.find(qn("w:sectPr"))

    def __call__(self, element: Any) -> None:
        if self.sect is not None and self.sect.getparent() is self.body:
            self.sect.addprevious(element)
        else:
            self.body.append(element)


def _paragraph_xml(style_id: str | None, runs: list[Run]) -> Any:
    p = OxmlElement("w:p")
    if style_id:
        ppr = OxmlElement("w:pPr")
        pstyle = OxmlElement("w:pStyle")
        pstyle.set(qn("w:val"), style_id)
        ppr.append(pstyle)
        p.append(ppr)
    for text, bold, italic in runs:
        for piece in _PLACEHOLDER.split(text):
            if piece:
                p.append(_run_xml(piece, bold, italic, bool(_PLACEHOLDER.fullmatch(piece))))
    return p


def _table(document: Any, block: Block, style: Any) -> None:
    width = len(block.header)
    table = document.add_table(rows=1, cols=width)
    if style is not None:
        table.style = style
    table.alignment = WD_TABLE_ALIGNMENT.LEFT
    header_cells = table.rows[0].cells
    for cell, runs, align in zip(header_cells, block.header, block.align, strict=True):
        paragraph = cell.paragraphs[0]
        _add_runs(paragraph, [(t, True, i) for t, _, i in runs])
        if align == "right":
            paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    _repeat_header(table.rows[0])
    tbl = table._tbl
    template_tr = copy.deepcopy(tbl.tr_lst[0])
    for tc in template_tr.tc_lst:
        for p in tc.p_lst[1:]:
            tc.remove(p)
        p = tc.p_lst[0]
        for child in list(p):
            if child.tag != qn("w:pPr"):
                p.remove(child)
    trpr = template_tr.find(qn("w:trPr"))
    if trpr is not None:
        template_tr.remove(trpr)
    for row in block.rows:
        tr = copy.deepcopy(template_tr)
        for tc, runs, align in zip(tr.tc_lst, row, block.align, strict=True):
            p = tc.p_lst[0]
            ppr = p.find(qn("w:pPr"))
            if align == "right" and ppr is None:
                ppr = OxmlElement("w:pPr")
                p.insert(0, ppr)
            if ppr is not None:
                jc = ppr.find(qn("w:jc"))
                if align == "right":
                    if jc is None:
                        jc = OxmlElement("w:jc")
                        ppr.append(jc)
                    jc.set(qn("w:val"), "right")
                elif jc is not None:
                    ppr.remove(jc)
            for text, bold, italic in runs:
                for piece in _PLACEHOLDER.split(text):
                    if piece:
                        p.append(_run_xml(piece, bold, italic, bool(_PLACEHOLDER.fullmatch(piece))))
        tbl.append(tr)
    document.add_paragraph()


def _repeat_header(row: Any) -> None:
    trpr = row._tr.get_or_add_trPr()
    element = OxmlElement("w:tblHeader")
    element.set(qn("w:val"), "true")
    trpr.append(element)


def _run_xml(text: str, bold: bool, italic: bool, highlight: bool) -> Any:
    r = OxmlElement("w:r")
    if bold or italic or highlight:
        rpr = OxmlElement("w:rPr")
        if bold:
            rpr.append(OxmlElement("w:b"))
        if italic:
            rpr.append(OxmlElement("w:i"))
        if highlight:
            mark = OxmlElement("w:highlight")
            mark.set(qn("w:val"), "yellow")
            rpr.append(mark)
        r.append(rpr)
    t = OxmlElement("w:t")
    t.set(qn("xml:space"), "preserve")
    t.text = text
    r.append(t)
    return r
