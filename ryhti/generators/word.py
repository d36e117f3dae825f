"""Blocks of the description -> a Word document planners can edit (python-docx).

Headings use Word's own heading styles (so the navigation pane and a table of contents
work), lists use "List Bullet", tables "Table Grid" with numbers right-aligned, and
every placeholder is highlighted yellow so nothing left to complete is missed. The page
is the one Finnish municipal documents use (:mod:`ryhti.generators.word_layout`): A4,
SFS 2487 margins, a header with the plan's name, its stage and the page number, the
document language Finnish or Finland-Swedish, Calibri (with Carlito, its metric twin,
named as the fallback). Tables are sized to their content, rows never split across
pages and headings stay with what follows them. A municipality can give a
``reference.docx`` (its letterhead, fonts, styles): the document is then built on it,
and only the language, header and tables are set.

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
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm

from ryhti.generators.markdown import Block, Run, plain
from ryhti.generators.word_layout import (
    KEEP_TOGETHER_ROWS,
    TBLPR_ORDER,
    column_widths,
    insert_in_order,
    set_header,
    set_language_and_fonts,
    set_page,
    table_font_size,
)

__all__ = ["to_docx"]

_PLACEHOLDER = re.compile(r"(\[(?:TÄYDENNÄ|KOMPLETTERA): [^\]]*\])")
#: The hyphen of ``k-m²`` / ``k-m³``.
_UNIT_HYPHEN = re.compile(r"(?<=\bk)-(?=m[²³23])")


def _add_runs(paragraph: Any, runs: list[Run], size_pt: float | None = None) -> None:
    for text, bold, italic in runs:
        for piece in _PLACEHOLDER.split(text):
            if not piece:
                continue
            paragraph._p.append(
                _run_xml(piece, bold, italic, bool(_PLACEHOLDER.fullmatch(piece)), size_pt)
            )


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
    header: str | None = None,
    image_widths: dict[str, float] | None = None,
) -> bytes:
    """Build the Word document; ``images`` maps an image ``src`` to PNG bytes and
    ``image_widths`` to its printed width in cm (16 cm by default); ``header`` is the
    page header's text (plan name and stage)."""
    images = images or {}
    widths = image_widths or {}
    document = Document(str(reference)) if reference is not None else Document()
    set_language_and_fonts(document, lang, fonts=reference is None)
    if reference is None:
        set_page(document)
    set_header(document, header or title or "", lang)
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
            append(_paragraph_xml(style_ids(name), block.runs, keep_next=True))
        elif block.kind == "paragraph":
            append(_paragraph_xml(None, block.runs))
        elif block.kind == "list":
            for level, runs in block.items:
                name = "List Bullet" if level == 0 else "List Bullet 2"
                append(_paragraph_xml(style_ids(name, "List Bullet"), runs))
        elif block.kind == "table":
            _table(document, block, _style(document, "Table Grid"), lang)
        elif block.kind == "image":
            data = images.get(block.src)
            if data is None:
                append(_paragraph_xml(None, [(f"[{block.alt}: {block.src}]", False, True)]))
                continue
            document.add_picture(io.BytesIO(data), width=Cm(widths.get(block.src, 16.0)))
            picture = document.paragraphs[-1]
            picture.alignment = WD_ALIGN_PARAGRAPH.CENTER
            picture.paragraph_format.keep_with_next = True
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


def _paragraph_xml(style_id: str | None, runs: list[Run], *, keep_next: bool = False) -> Any:
    p = OxmlElement("w:p")
    if style_id or keep_next:
        ppr = OxmlElement("w:pPr")
        if style_id:
            pstyle = OxmlElement("w:pStyle")
            pstyle.set(qn("w:val"), style_id)
            ppr.append(pstyle)
        if keep_next:
            ppr.append(OxmlElement("w:keepNext"))
        p.append(ppr)
    for text, bold, italic in runs:
        for piece in _PLACEHOLDER.split(text):
            if piece:
                p.append(_run_xml(piece, bold, italic, bool(_PLACEHOLDER.fullmatch(piece))))
    return p


def _table(document: Any, block: Block, style: Any, lang: str) -> None:
    width = len(block.header)
    texts = [[plain(c) for c in block.header]] + [[plain(c) for c in row] for row in block.rows]
    size_pt = table_font_size(texts)
    widths_twips = column_widths(texts, size_pt, bold_first_row=True)
    table = document.add_table(rows=1, cols=width)
    if style is not None:
        table.style = style
    table.alignment = WD_TABLE_ALIGNMENT.LEFT
    tbl = table._tbl
    _fix_layout(tbl, widths_twips)
    header_cells = table.rows[0].cells
    for cell, runs, align in zip(header_cells, block.header, block.align, strict=True):
        paragraph = cell.paragraphs[0]
        _add_runs(paragraph, [(t, True, i) for t, _, i in runs], size_pt)
        paragraph.paragraph_format.space_after = 0
        paragraph.paragraph_format.keep_with_next = True
        if align == "right":
            paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    _row_properties(table.rows[0]._tr, header=True)
    for tc, w in zip(tbl.tr_lst[0].tc_lst, widths_twips, strict=True):
        _cell_width(tc, w)
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
    # A short table stays on one page with its heading: every row keeps with the next.
    together = len(block.rows) <= KEEP_TOGETHER_ROWS
    for n, row in enumerate(block.rows):
        tr = copy.deepcopy(template_tr)
        last = n == len(block.rows) - 1
        for tc, runs, align in zip(tr.tc_lst, row, block.align, strict=True):
            p = tc.p_lst[0]
            ppr = p.find(qn("w:pPr"))
            if ppr is None:
                ppr = OxmlElement("w:pPr")
                p.insert(0, ppr)
            keep = ppr.find(qn("w:keepNext"))
            if keep is not None and (last or not together):
                ppr.remove(keep)
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
                        p.append(
                            _run_xml(
                                piece, bold, italic, bool(_PLACEHOLDER.fullmatch(piece)), size_pt
                            )
                        )
        _row_properties(tr, header=False)
        tbl.append(tr)
    document.add_paragraph()


def _fix_layout(tbl: Any, widths: list[int]) -> None:
    """Fixed layout with the computed column widths (Word then never re-flows them)."""
    tblpr = tbl.tblPr
    tblw = OxmlElement("w:tblW")
    tblw.set(qn("w:w"), str(sum(widths)))
    tblw.set(qn("w:type"), "dxa")
    insert_in_order(tblpr, tblw, TBLPR_ORDER)
    layout = OxmlElement("w:tblLayout")
    layout.set(qn("w:type"), "fixed")
    insert_in_order(tblpr, layout, TBLPR_ORDER)
    grid = tbl.tblGrid
    for col, w in zip(grid.findall(qn("w:gridCol")), widths, strict=True):
        col.set(qn("w:w"), str(w))


def _cell_width(tc: Any, twips: int) -> None:
    tcpr = tc.get_or_add_tcPr()
    old = tcpr.find(qn("w:tcW"))
    if old is not None:
        tcpr.remove(old)
    tcw = OxmlElement("w:tcW")
    tcw.set(qn("w:w"), str(twips))
    tcw.set(qn("w:type"), "dxa")
    tcpr.insert(0, tcw)


def _row_properties(tr: Any, *, header: bool) -> None:
    """A row never splits across pages; the header row repeats on every page."""
    trpr = tr.get_or_add_trPr()
    trpr.append(OxmlElement("w:cantSplit"))
    if header:
        element = OxmlElement("w:tblHeader")
        element.set(qn("w:val"), "true")
        trpr.append(element)


def _run_xml(
    text: str, bold: bool, italic: bool, highlight: bool, size_pt: float | None = None
) -> Any:
    r = OxmlElement("w:r")
    if bold or italic or highlight or size_pt:
        rpr = OxmlElement("w:rPr")
        # Children in the schema's order: b, i, sz, highlight.
        if bold:
            rpr.append(OxmlElement("w:b"))
        if italic:
            rpr.append(OxmlElement("w:i"))
        if size_pt:
            sz = OxmlElement("w:sz")
            sz.set(qn("w:val"), str(round(size_pt * 2)))
            rpr.append(sz)
        if highlight:
            mark = OxmlElement("w:highlight")
            mark.set(qn("w:val"), "yellow")
            rpr.append(mark)
        r.append(rpr)
    # ``k-m²`` never breaks at its hyphen: a non-breaking hyphen joins it.
    for n, piece in enumerate(_UNIT_HYPHEN.split(text)):
        if n:
            r.append(OxmlElement("w:noBreakHyphen"))
        if piece:
            t = OxmlElement("w:t")
            t.set(qn("xml:space"), "preserve")
            t.text = piece
            r.append(t)
    return r
