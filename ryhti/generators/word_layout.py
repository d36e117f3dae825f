"""The page of the Word document: A4, margins, header, language, font, table widths.

Finnish municipal documents follow SFS 2487 (*Asiakirjan laatiminen*): A4 paper, a left
margin of 20 mm and the header 10 mm from the top edge, with the page number as
``n (N)`` at the right of the header. The right and bottom margins are 20 mm here too,
so that a seven-column table still fits (17 cm of text width). The document language
is Finnish (``fi-FI``) or Finland-Swedish (``sv-FI``) in the style defaults, so that
Word checks the spelling in the right language instead of marking every word. The font
is Calibri, and the font table names Carlito, its metric-compatible free twin, as the
fallback, so a page breaks the same on a machine without Calibri.

Table columns are sized to their content (:func:`column_widths`): a column is never
narrower than its longest word (no ``Käyttöt|arkoitu|s``), and text columns take what
room is left. Widths are measured with Calibri's advance widths.
"""

from __future__ import annotations

from typing import Any

from docx.enum.text import WD_TAB_ALIGNMENT
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Cm, Pt, RGBColor

__all__ = [
    "FALLBACK_FONT",
    "FONT",
    "KEEP_TOGETHER_ROWS",
    "LANGUAGE_TAGS",
    "MARGINS_CM",
    "TABLE_FONT_PT",
    "TBLPR_ORDER",
    "TEXT_WIDTH_CM",
    "column_widths",
    "insert_in_order",
    "set_header",
    "set_language_and_fonts",
    "set_page",
    "text_width_pt",
]

FONT = "Calibri"
FALLBACK_FONT = "Carlito"
LANGUAGE_TAGS = {"fi": "fi-FI", "sv": "sv-FI"}

#: A4 page margins in cm: top, right, bottom, left; header and footer distances.
MARGINS_CM = {"top": 2.5, "right": 2.0, "bottom": 2.0, "left": 2.0, "header": 1.0, "footer": 1.0}
PAGE_CM = (21.0, 29.7)
TEXT_WIDTH_CM = PAGE_CM[0] - MARGINS_CM["left"] - MARGINS_CM["right"]

#: Table text size; a table too wide for it at this size goes down a point.
TABLE_FONT_PT = 9.0
#: Tables of at most this many rows are kept on one page (with their heading).
KEEP_TOGETHER_ROWS = 15

TWIPS_PER_CM = 567
#: Left + right cell margin of "Table Grid" (0.19 cm each) and a little air.
CELL_PADDING_TWIPS = 2 * 108 + 30

#: Element order inside ``w:tblPr`` (the schema is strict about it).
TBLPR_ORDER = (
    "tblStyle",
    "tblpPr",
    "tblOverlap",
    "bidiVisual",
    "tblStyleRowBandSize",
    "tblStyleColBandSize",
    "tblW",
    "jc",
    "tblCellSpacing",
    "tblInd",
    "tblBorders",
    "shd",
    "tblLayout",
    "tblCellMar",
    "tblLook",
)

# Calibri advance widths in em (units per em 2048), for the characters a plan table
# holds; anything else counts as a lower-case letter of average width.
_EM: dict[str, float] = {
    " ": 0.226,
    "\u00a0": 0.226,
    ".": 0.252,
    ",": 0.250,
    ":": 0.268,
    ";": 0.268,
    "-": 0.306,
    "–": 0.498,
    "—": 0.905,
    "−": 0.498,
    "+": 0.498,
    "(": 0.303,
    ")": 0.303,
    "/": 0.386,
    "%": 0.715,
    "²": 0.350,
    "³": 0.350,
    "=": 0.498,
    "#": 0.498,
    "'": 0.221,
    '"': 0.401,
    "[": 0.307,
    "]": 0.307,
    "×": 0.498,
    **{d: 0.507 for d in "0123456789"},
    **dict(
        zip(
            "abcdefghijklmnopqrstuvwxyz",
            (
                0.479, 0.525, 0.423, 0.525, 0.498, 0.305, 0.471, 0.525, 0.229, 0.239,
                0.455, 0.229, 0.799, 0.525, 0.527, 0.525, 0.525, 0.349, 0.391, 0.335,
                0.525, 0.452, 0.715, 0.433, 0.453, 0.395,
            ),
            strict=True,
        )
    ),
    **dict(
        zip(
            "ABCDEFGHIJKLMNOPQRSTUVWXYZ",
            (
                0.579, 0.544, 0.533, 0.615, 0.488, 0.459, 0.631, 0.623, 0.252, 0.319,
                0.520, 0.420, 0.855, 0.646, 0.662, 0.517, 0.673, 0.543, 0.459, 0.487,
                0.642, 0.567, 0.890, 0.519, 0.487, 0.468,
            ),
            strict=True,
        )
    ),
}  # fmt: skip
for _plain, _marked in (
    ("a", "äåá"),
    ("o", "öø"),
    ("A", "ÄÅ"),
    ("O", "ÖØ"),
    ("u", "ü"),
    ("e", "é"),
):
    for _ch in _marked:
        _EM[_ch] = _EM[_plain]


def text_width_pt(text: str, size_pt: float, *, bold: bool = False) -> float:
    """The printed width of ``text`` in points, in Calibri at ``size_pt``."""
    em = sum(_EM.get(ch, 0.48) for ch in text)
    return em * size_pt * (1.04 if bold else 1.0)


def _widths_at(
    texts: list[list[str]], size_pt: float, bold_first_row: bool
) -> tuple[list[int], list[int]]:
    """(smallest, wanted) width per column in twips: the longest word, the longest line."""
    columns = max(len(row) for row in texts)
    smallest = [0] * columns
    wanted = [0] * columns
    for r, row in enumerate(texts):
        bold = bold_first_row and r == 0
        for c, text in enumerate(row):
            line = text_width_pt(text, size_pt, bold=bold)
            word = max((text_width_pt(w, size_pt, bold=bold) for w in text.split(" ")), default=0)
            wanted[c] = max(wanted[c], round(line * 20))
            smallest[c] = max(smallest[c], round(word * 20))
    smallest = [w + CELL_PADDING_TWIPS for w in smallest]
    wanted = [w + CELL_PADDING_TWIPS for w in wanted]
    return smallest, wanted


def column_widths(
    texts: list[list[str]],
    size_pt: float = TABLE_FONT_PT,
    *,
    bold_first_row: bool = True,
    available_cm: float = TEXT_WIDTH_CM,
) -> list[int]:
    """Column widths in twips for a table of ``texts`` (rows of cell texts).

    Every column gets its longest line when the table fits the text width; otherwise
    each keeps its longest word and the room left is shared in proportion to how much
    more each column wants. Only when even the words do not fit are they squeezed
    (the caller uses a smaller font before that: :data:`TABLE_FONT_PT`).
    """
    available = round(available_cm * TWIPS_PER_CM)
    smallest, wanted = _widths_at(texts, size_pt, bold_first_row)
    if sum(wanted) <= available:
        return wanted
    if sum(smallest) <= available:
        room = available - sum(smallest)
        extra = [w - s for w, s in zip(wanted, smallest, strict=True)]
        total = sum(extra) or 1
        widths = [s + room * e // total for s, e in zip(smallest, extra, strict=True)]
        widths[-1] += available - sum(widths)
        return widths
    factor = available / sum(smallest)
    widths = [int(s * factor) for s in smallest]
    widths[-1] += available - sum(widths)
    return widths


def table_font_size(texts: list[list[str]], *, available_cm: float = TEXT_WIDTH_CM) -> float:
    """:data:`TABLE_FONT_PT`, or a point less when the table's words do not fit at it."""
    available = round(available_cm * TWIPS_PER_CM)
    for size in (TABLE_FONT_PT, TABLE_FONT_PT - 1, TABLE_FONT_PT - 1.5):
        if sum(_widths_at(texts, size, True)[0]) <= available:
            return size
    return TABLE_FONT_PT - 1.5


def insert_in_order(parent: Any, element: Any, order: tuple[str, ...]) -> None:
    """Put ``element`` into ``parent`` where the schema's ``order`` wants it (replacing
    an element of the same name)."""
    name = element.tag.rpartition("}")[2]
    old = parent.find(qn(f"w:{name}"))
    if old is not None:
        parent.remove(old)
    later = set(order[order.index(name) + 1 :])
    for i, child in enumerate(parent):
        if child.tag.rpartition("}")[2] in later:
            parent.insert(i, element)
            return
    parent.append(element)


def set_page(document: Any) -> None:
    """A4 portrait with the margins of :data:`MARGINS_CM` on every section."""
    for section in document.sections:
        section.page_width = Cm(PAGE_CM[0])
        section.page_height = Cm(PAGE_CM[1])
        section.top_margin = Cm(MARGINS_CM["top"])
        section.bottom_margin = Cm(MARGINS_CM["bottom"])
        section.left_margin = Cm(MARGINS_CM["left"])
        section.right_margin = Cm(MARGINS_CM["right"])
        section.header_distance = Cm(MARGINS_CM["header"])
        section.footer_distance = Cm(MARGINS_CM["footer"])


def _fonts_element() -> Any:
    element = OxmlElement("w:rFonts")
    for attr in ("ascii", "hAnsi", "cs", "eastAsia"):
        element.set(qn(f"w:{attr}"), FONT)
    return element


def set_language_and_fonts(document: Any, lang: str, *, fonts: bool = True) -> None:
    """Document language in the style defaults; Calibri with Carlito as its fallback."""
    tag = LANGUAGE_TAGS.get(lang, lang)
    styles = document.styles.element
    defaults = styles.find(qn("w:docDefaults"))
    if defaults is None:
        defaults = OxmlElement("w:docDefaults")
        styles.insert(0, defaults)
    rpr_default = defaults.find(qn("w:rPrDefault"))
    if rpr_default is None:
        rpr_default = OxmlElement("w:rPrDefault")
        defaults.insert(0, rpr_default)
    rpr = rpr_default.find(qn("w:rPr"))
    if rpr is None:
        rpr = OxmlElement("w:rPr")
        rpr_default.append(rpr)
    language = rpr.find(qn("w:lang"))
    if language is None:
        language = OxmlElement("w:lang")
        rpr.append(language)
    language.set(qn("w:val"), tag)
    language.set(qn("w:eastAsia"), tag)
    language.set(qn("w:bidi"), "ar-SA")
    settings = document.settings.element
    theme_lang = settings.find(qn("w:themeFontLang"))
    if theme_lang is not None:
        theme_lang.set(qn("w:val"), tag)
    if not fonts:
        return
    old = rpr.find(qn("w:rFonts"))
    if old is not None:
        rpr.remove(old)
    rpr.insert(0, _fonts_element())
    for style in styles.findall(qn("w:style")):
        srpr = style.find(qn("w:rPr"))
        found = srpr.find(qn("w:rFonts")) if srpr is not None else None
        if found is not None:
            srpr.replace(found, _fonts_element())
    normal = document.styles["Normal"]
    normal.font.size = Pt(11)
    for level in range(1, 5):
        try:
            heading = document.styles[f"Heading {level}"]
        except KeyError:
            continue
        heading.paragraph_format.keep_with_next = True
        heading.font.color.rgb = RGBColor(0x1F, 0x3A, 0x5F)
        heading.font.size = Pt({1: 16, 2: 14, 3: 12, 4: 11}[level])
    _font_table_fallback(document)


def _font_table_fallback(document: Any) -> None:
    """Name Carlito as Calibri's alternative in the font table (Word's fallback list)."""
    for part in document.part.package.iter_parts():
        if str(part.partname) != "/word/fontTable.xml":
            continue
        root = parse_xml(part.blob)
        fonts = [f for f in root.findall(qn("w:font")) if f.get(qn("w:name")) == FONT]
        if fonts:
            font = fonts[0]
        else:
            font = parse_xml(
                f'<w:font {nsdecls("w")} w:name="{FONT}">'
                '<w:panose1 w:val="020F0502020204030204"/><w:charset w:val="00"/>'
                '<w:family w:val="swiss"/><w:pitch w:val="variable"/></w:font>'
            )
            root.append(font)
        alt = font.find(qn("w:altName"))
        if alt is None:
            alt = OxmlElement("w:altName")
            font.insert(0, alt)
        alt.set(qn("w:val"), FALLBACK_FONT)
        from lxml import etree

        part._blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
        return


def _field(paragraph: Any, instruction: str, shown: str) -> None:
    simple = OxmlElement("w:fldSimple")
    simple.set(qn("w:instr"), f" {instruction} ")
    run = OxmlElement("w:r")
    text = OxmlElement("w:t")
    text.text = shown
    run.append(text)
    simple.append(run)
    paragraph._p.append(simple)


def set_header(document: Any, text: str, lang: str) -> None:
    """The page header: ``text`` (plan name and stage) at the left, ``n (N)`` at the right."""
    section = document.sections[0]
    header = section.header
    header.is_linked_to_previous = False
    paragraph = header.paragraphs[0]
    for run in list(paragraph.runs):
        run._r.getparent().remove(run._r)
    # The "Header" style has tab stops of its own (centre, right on Letter paper): the
    # page number goes to the one right stop at the text's edge.
    paragraph.style = document.styles["Normal"]
    paragraph.paragraph_format.space_after = Pt(0)
    width = section.page_width - section.left_margin - section.right_margin
    paragraph.paragraph_format.tab_stops.add_tab_stop(width, WD_TAB_ALIGNMENT.RIGHT)
    run = paragraph.add_run(f"{text}\t")
    run.font.size = Pt(9)
    _field(paragraph, "PAGE", "1")
    paragraph.add_run(" (").font.size = Pt(9)
    _field(paragraph, "NUMPAGES", "1")
    paragraph.add_run(")").font.size = Pt(9)
