"""Plan legends (kaavamerkinnät ja -määräykset) from .txt, .md, .docx and .pdf.

A legend is a list of entries, each a *sign* (letter code, numeric notation, or nothing for
line symbols) followed by its text, under headings; the general regulations
(yleismääräykset / yleiset määräykset) come as paragraphs under their own heading.
:func:`read_legend` returns :class:`Legend` with ``entries`` and ``general`` so that the
extractor can type each entry and the converter can link map features to entries by sign.

Layouts understood:

* text and Markdown: one entry per line ``SIGN Text…`` (or ``SIGN<TAB>Text``, ``SIGN | Text``,
  Markdown table rows, list items ``- AK-1 Asuinkerrostalojen korttelialue.``); indented or
  sign-less lines continue the previous entry; ``#`` lines and ALL-CAPS lines are headings;
* general regulations: every paragraph under a "Yleismääräykset" heading (numbered or not) is
  one general regulation; a deeper Markdown heading, an ALL-CAPS heading that does not start a
  new legend part, or a short unpunctuated line ("Pysäköinti", "Hulevedet:") inside the section
  is a *sub-heading* (``LegendEntry.subheading``), which makes its own regulation group;
* .docx: paragraphs as above (Heading/Otsikko styles are headings with their level), and
  two-column tables (sign | text), as legends are usually laid out;
* .pdf: the text layer (pypdf), page by page, parsed as text.
* bilingual legends (Espoo, Helsinki …): the Swedish translation of each Finnish text, on
  the same line or lines of its own, after the Finnish or (Swedish-majority municipalities)
  before it, becomes ``LegendEntry.swe``; a wholly Swedish general regulation paragraph is
  the translation of its Finnish neighbour (:mod:`ryhti.nlp.language` tells the languages
  apart).

Text files that are not UTF-8 but clearly cp1252/latin-1 Finnish are decoded as cp1252 and
the legend says so in ``notes``. Unreadable files raise :class:`~ryhti.errors.InputError`
naming the file and the place.
"""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from ryhti.errors import InputError
from ryhti.io import read_bytes
from ryhti.nlp.language import is_swedish, split_languages, split_runs

_GENERAL_HEADING = re.compile(
    r"^\s*(yleis(et)?\s*määräykset|yleismääräykset|yleiset\s+kaavamääräykset"
    r"|allmänna\s+(plan)?bestämmelser)\b",  # Swedish first (Swedish-majority municipalities)
    re.IGNORECASE,
)
#: A legend sign: letter codes (AK, AK-1, sr-2, pp/h, T/kem, A/s, LT-pp), numeric notations
#: (IV, II½, ½k II, e=0,8, +23.5, 2400, 1 ap / 100 k-m²) — a short first token or two.
_SIGN = re.compile(
    r"^(?P<sign>"
    r"(?:[A-ZÅÄÖ]{1,5}(?:[-/][A-Za-zÅÄÖåäö0-9]{1,6})*(?:-\d{1,3})?)"  # AK, AK-1, T/kem, LT-pp
    r"|(?:/?[a-zåäö]{1,6}(?:[-/][a-zåäö0-9]{1,6})*(?:-\d{1,3})?)"  # sr, sr-2, pp/h, /s
    r"|(?:[½⅓⅔¼¾]k\s+[IVX]+)"  # ½k II
    r"|(?:[IVX]+(?:\s*u?[½⅓⅔¼¾])?(?:\s*[-–]\s*[IVX]+)?)"  # IV, II½, I u½, II-IV
    r"|(?:u[½⅓⅔¼¾])"
    r"|(?:e\s*=\s*\d+(?:[,.]\d+)?)"  # e=0,8
    r"|(?:[+]\d+(?:[,.]\d+)?)"  # +23.5
    r"|(?:\d{1,3}(?:[ \u00a0]\d{3})+|\d+)"  # 2400, 2 400
    r")(?:\s*[|\t:]\s*|\s+)(?P<text>\S.*)$"
)
_WORDS_NOT_SIGNS = {
    "alue",
    "alueen",
    "rakennus",
    "katu",
    "tontti",
    "kaava",
    "ja",
    "tai",
    "on",
    "ei",
    "se",
    "ne",
    "jos",
    "kun",
}


@dataclass
class LegendEntry:
    """One legend entry. ``kind`` is ``entry`` (a sign and its text) or ``general``."""

    sign: str | None
    text: str
    heading: str | None = None
    line: int | None = None
    page: int | None = None
    kind: str = "entry"
    #: general regulations only: the sub-heading inside the general section ("Pysäköinti"),
    #: which makes its own general regulation group; ``None`` when the section has none.
    subheading: str | None = None
    #: the Swedish translation printed with the Finnish text (bilingual legends), split off
    #: ``text`` so that the Finnish extractor reads Finnish only
    swe: str | None = None
    #: the lines the text was read from (a translation usually has lines of its own)
    parts: list[str] = field(default_factory=list, repr=False, compare=False)

    def __post_init__(self) -> None:
        if not self.parts:
            self.parts = [self.text]


@dataclass
class Legend:
    """Everything read from one legend document."""

    source: str
    entries: list[LegendEntry] = field(default_factory=list)
    general: list[LegendEntry] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def by_sign(self, sign: str) -> list[LegendEntry]:
        """Entries whose sign is ``sign`` (exact, as written on the map)."""
        return [e for e in self.entries if e.sign == sign]


def read_legend(path: str | Path) -> Legend:
    """Read a legend document (.txt, .md, .docx, .pdf) into entries and general regulations."""
    p = Path(path)
    suffix = p.suffix.lower()
    data = read_bytes(p)
    if not data.strip():
        raise InputError("the legend document is empty", source=p)
    if suffix in {".txt", ".md", ".markdown", ".text", ""}:
        text, note = decode_legend_text(data, p)
        legend = Legend(str(p))
        if note:
            legend.notes.append(note)
        _parse_lines(legend, text.splitlines(), page=None)
    elif suffix == ".docx":
        legend = _read_docx(p, data)
    elif suffix == ".pdf":
        legend = _read_pdf(p, data)
    else:
        raise InputError(
            f"unsupported legend format {suffix!r}", source=p, hint="use .txt, .md, .docx or .pdf"
        )
    if not legend.entries and not legend.general:
        raise InputError("no legend entries found", source=p, hint="one entry per line: SIGN Text")
    _split_swedish(legend)
    return legend


def _split_swedish(legend: Legend) -> None:
    """Bilingual legends: the Swedish translation of each text becomes ``swe``.

    An entry read from several lines splits by line when its lines are one Finnish run and
    one Swedish run (either order: Finnish first in most bilingual municipalities, Swedish
    first where Swedish is the majority language); a single line splits by sentence
    (:mod:`ryhti.nlp.language`). General regulations come as paragraph pairs: a paragraph
    wholly in Swedish is the translation of its Finnish neighbour, the one before it or, in
    a legend that prints Swedish first, the one after it.
    """
    for entry in [*legend.entries, *legend.general]:
        runs = split_runs(entry.parts) if len(entry.parts) > 1 else None
        if runs is not None:
            fin, swe = runs
            entry.text = " ".join(entry.parts[n] for n in fin)
            entry.swe = " ".join(entry.parts[n] for n in swe)
        else:
            entry.text, entry.swe = split_languages(entry.text)
    general, joined, swedish_first = _pair_general(legend.general)
    if joined:
        where = "after" if swedish_first else "before"
        legend.notes.append(
            f"{joined} Swedish general regulation paragraph(s) joined to the Finnish paragraph "
            f"{where} each as its translation"
        )
    legend.general = general


def _pair_general(paragraphs: list[LegendEntry]) -> tuple[list[LegendEntry], int, bool]:
    """General regulation paragraphs with each wholly Swedish one joined, as ``swe``, to its
    Finnish neighbour in the same section; also how many were joined, and whether the legend
    prints Swedish first. A Swedish paragraph without a partner stays as it is."""
    swedish_only = [e.swe is None and is_swedish(e.text) for e in paragraphs]
    swedish_first = _swedish_first(paragraphs, swedish_only)
    out: list[LegendEntry] = []
    waiting: LegendEntry | None = None  # Swedish first: a translation before its Finnish
    joined = 0
    for entry, alone in zip(paragraphs, swedish_only, strict=True):
        if alone and not swedish_first:
            previous = out[-1] if out else None
            if (
                previous is not None
                and previous.swe is None
                and previous.subheading == entry.subheading
                and not is_swedish(previous.text)
            ):
                previous.swe = entry.text
                joined += 1
                continue
            out.append(entry)
        elif alone:
            if waiting is not None:
                out.append(waiting)
            waiting = entry
        else:
            if waiting is not None and waiting.subheading == entry.subheading and not entry.swe:
                entry.swe = waiting.text
                joined += 1
            elif waiting is not None:
                out.append(waiting)
            waiting = None
            out.append(entry)
    if waiting is not None:
        out.append(waiting)
    return out, joined, swedish_first


def _swedish_first(general: list[LegendEntry], swedish_only: list[bool]) -> bool:
    """Whether the general regulations print each Swedish paragraph before its Finnish one:
    the first Swedish paragraph opens its section or follows a paragraph already paired."""
    for n, alone in enumerate(swedish_only):
        if alone:
            if n == 0:
                return True
            previous = general[n - 1]
            return (
                previous.subheading != general[n].subheading
                or previous.swe is not None
                or swedish_only[n - 1]
            )
    return False


def decode_legend_text(data: bytes, source: Path | str) -> tuple[str, str | None]:
    """UTF-8 text, or cp1252 when the bytes are clearly 8-bit Finnish (ä ö å as single bytes)."""
    try:
        return data.decode("utf-8-sig"), None
    except UnicodeDecodeError as exc:
        bad = exc.start
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise InputError(
            f"neither UTF-8 nor cp1252 text (byte 0x{data[exc.start]:02x})",
            source=source,
            where=f"line {line}",
        ) from exc
    finnish = sum(text.count(ch) for ch in "äöåÄÖÅ")
    if finnish == 0 or any(ord(ch) < 32 and ch not in "\t\r\n\f" for ch in text):
        line = data[:bad].count(b"\n") + 1
        raise InputError(
            f"not valid UTF-8 (byte 0x{data[bad]:02x}) and not recognisable cp1252 Finnish text",
            source=source,
            where=f"line {line}",
            hint="save the file as UTF-8",
        )
    return (
        text,
        f"{source}: not UTF-8; decoded as cp1252 (Windows Finnish): {finnish} ä/ö/å characters",
    )


def _is_heading(line: str) -> bool:
    s = line.strip().strip("*_").strip()
    if line.lstrip().startswith("#"):
        return True
    letters = [c for c in s if c.isalpha()]
    return (
        len(letters) >= 4
        and all(c.isupper() for c in letters)
        and len(s.split()) >= 1
        and not _SIGN.match(s)
    )


def _split_sign(line: str) -> tuple[str | None, str]:
    s = line.strip()
    s = re.sub(r"^[-*•]\s+", "", s)  # list item
    if s.startswith("|") and s.endswith("|"):
        cells = [c.strip() for c in s.strip("|").split("|")]
        if all(set(c) <= set("-: ") for c in cells):
            return None, ""
        if len(cells) >= 2:
            return (cells[0] or None), " ".join(c for c in cells[1:] if c)
    m = _SIGN.match(s)
    if m:
        sign = m.group("sign").strip()
        if sign.lower() not in _WORDS_NOT_SIGNS and not (
            sign[:1].isupper() and sign[1:].islower() and len(sign) > 2
        ):
            return sign, m.group("text").strip()
    return None, s


#: Headings that end a general-regulation section (a new legend part, not a sub-heading).
_SECTION_WORDS = re.compile(r"merkin|määräy|suosituks|selitys|liite", re.IGNORECASE)


def _heading_level(line: str) -> int:
    """Markdown level of a heading line (``## X`` → 2); 0 for an ALL-CAPS heading."""
    s = line.lstrip()
    return len(s) - len(s.lstrip("#"))


def _is_subheading(line: str) -> bool:
    """A short line without sentence punctuation inside the general section ("Pysäköinti",
    "Hulevedet:"): a sub-heading, as planners number and group their general regulations."""
    s = line.strip().strip("*_").strip()
    if not s or s[:1].islower() or any(ch.isdigit() for ch in s) or _FINITE.search(s):
        return False
    return s.endswith(":") or (len(s.split()) <= 5 and s[-1] not in ".!?;,")


#: Verb forms that make a short line a regulation rather than a sub-heading.
_FINITE = re.compile(
    r"\b(on|ovat|ei|eivät|saa|saavat|tulee|tulevat|voi|voidaan|sallitaan|kielletään)\b"
    r"|\w(?:ttava|ttävä|ttavat|ttävät|ttavia|ttäviä)\b",
    re.IGNORECASE,
)


def _parse_lines(legend: Legend, lines: list[str], page: int | None, start_line: int = 1) -> None:
    heading: str | None = None
    in_general = False
    general_level = 0
    subheading: str | None = None
    current: LegendEntry | None = None
    separator = re.compile(r"^\s*+\|?\s*+:?-{3,}+:?\s*+(?:\|\s*+:?-{3,}+:?\s*+)*+\|?\s*+$")
    header_rows = {
        i - 1 for i, raw in enumerate(lines) if separator.match(raw)
    }  # Markdown table headers
    for n, raw in enumerate(lines, start_line):
        if n - start_line in header_rows:
            continue
        line = raw.rstrip()
        if not line.strip():
            current = None if not in_general else current
            if in_general:
                current = None
            continue
        if _is_heading(line):
            title = line.strip().lstrip("#").strip().strip("*_").strip()
            level = _heading_level(line)
            current = None
            if _GENERAL_HEADING.match(title):
                heading, in_general, general_level, subheading = title, True, level, None
                continue
            deeper = level > general_level if general_level else not _SECTION_WORDS.search(title)
            if in_general and deeper:
                subheading = title  # a sub-heading inside the general section
                continue
            heading, in_general, subheading = title, False, None
            continue
        if in_general:
            if current is not None and (raw[:1].isspace() or line.strip()[:1].islower()):
                _continue(current, line.strip())
            elif _is_subheading(line):
                subheading = line.strip().strip("*_").strip().rstrip(":").strip()
                current = None
            else:
                text = re.sub(r"^\s*([-*•]|\d+[.)])\s+", "", line).strip()
                current = LegendEntry(None, text, heading, n, page, "general", subheading)
                legend.general.append(current)
            continue
        continuation = raw[:1].isspace() and current is not None
        sign, text = (None, line.strip()) if continuation else _split_sign(line)
        if not text and sign is None:
            continue
        if continuation or (
            sign is None
            and current is not None
            and (not _looks_like_title(text) or is_swedish(text))
        ):
            _continue(current, text)
            continue
        current = LegendEntry(sign, text, heading, n, page, "entry")
        legend.entries.append(current)


def _continue(entry: LegendEntry, text: str) -> None:
    """Add a continuation line to an entry, keeping the line apart too: a translation
    usually stands on lines of its own, often without a full stop before it
    (:func:`_split_swedish`)."""
    entry.text = f"{entry.text} {text}".strip()
    entry.parts.append(text)


def _looks_like_title(text: str) -> bool:
    """A sign-less line that starts a new entry (line symbols: "Rakennusala.", "Katu.")."""
    return bool(text) and text[:1].isupper() and len(text.split()) <= 14


def _check_docx_package(p: Path) -> None:
    """Refuse a hostile Word file before python-docx unpacks it: member paths escaping the
    folder, links, zip bombs (python-docx reads every part into memory), and XML parts
    with a DOCTYPE (entities are how XML bombs and external-entity reads arrive)."""
    from ryhti.io import max_input_bytes
    from ryhti.zipfiles import safe_zip_members

    try:
        names = safe_zip_members(p, max_bytes=max_input_bytes())
    except InputError as exc:
        exc.message = f"not a readable .docx file: {exc.message}"
        raise
    try:
        with zipfile.ZipFile(p) as zf:
            for name in names:
                if name.lower().endswith((".xml", ".rels")):
                    with zf.open(name) as fh:
                        head = fh.read(65536).lower()
                    if b"<!doctype" in head or b"<!entity" in head:
                        raise InputError(
                            f"not a readable .docx file: part {name} declares a DOCTYPE",
                            source=p,
                            hint="Word never writes one; DTDs are how XML bombs arrive",
                        )
    except (zipfile.BadZipFile, RuntimeError, OSError, ValueError, EOFError) as exc:
        raise InputError(
            f"not a readable .docx file ({type(exc).__name__}: {exc})", source=p
        ) from exc


def _read_docx(p: Path, data: bytes) -> Legend:
    _check_docx_package(p)
    try:
        import docx  # python-docx
    except ImportError as exc:  # pragma: no cover - install dependency
        raise InputError(
            "reading .docx needs python-docx", source=p, hint="pip install python-docx"
        ) from exc
    try:
        document = docx.Document(io.BytesIO(data))
    except (zipfile.BadZipFile, KeyError, ValueError, Exception) as exc:
        raise InputError(
            f"not a readable .docx file ({type(exc).__name__}: {exc})", source=p
        ) from exc
    legend = Legend(str(p))
    lines: list[str] = []
    body = document.element.body
    para_no = 0
    table_no = 0
    for child in body.iterchildren():
        if not isinstance(child.tag, str):  # comments, processing instructions
            continue
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "p":
            para_no += 1
            text = "".join(
                t.text or ""
                for t in child.iter()
                if isinstance(t.tag, str) and t.tag.endswith("}t")
            )
            level = _docx_heading_level(child)
            lines.append(f"{'#' * level} {text}" if level and text.strip() else text)
        elif tag == "tbl":
            table = document.tables[table_no]
            table_no += 1
            for row in table.rows:
                cells = []
                for c in row.cells:
                    t = c.text.strip()
                    if not cells or cells[-1] != t:
                        cells.append(t)
                if len(cells) >= 2:
                    sign = cells[0].replace("\n", " ").strip()
                    # the text cells' own lines stay lines: a Swedish translation is
                    # usually a paragraph (or a column) of its own
                    parts = [ln.strip() for x in cells[1:] for ln in x.split("\n") if ln.strip()]
                    if not parts:
                        if sign:
                            lines.append(sign)
                        continue
                    lines.append(f"{sign} | {parts[0]}" if sign else parts[0])
                    lines.extend(f"    {part}" for part in parts[1:])
                elif cells:
                    lines.append(cells[0])
    _parse_lines(legend, lines, page=None)
    for e in legend.entries + legend.general:
        e.line = e.line  # paragraph/row ordinal within the document
    return legend


def _docx_heading_level(paragraph: object) -> int:
    """1–9 for a paragraph in a Heading/Otsikko style (its ``w:pStyle``), else 0."""
    for el in paragraph.iter():  # type: ignore[attr-defined]
        if isinstance(el.tag, str) and el.tag.endswith("}pStyle"):
            style = next((v for k, v in el.attrib.items() if k.endswith("}val")), "")
            m = re.fullmatch(r"(?:Heading|Otsikko|heading)\s*(\d)", style)
            return int(m.group(1)) if m else 0
    return 0


def _read_pdf(p: Path, data: bytes) -> Legend:
    try:
        from pypdf import PdfReader
        from pypdf.errors import PdfReadError
    except ImportError as exc:  # pragma: no cover - install dependency
        raise InputError("reading .pdf needs pypdf", source=p, hint="pip install pypdf") from exc
    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        pages = list(reader.pages)
    except (PdfReadError, ValueError, KeyError, OSError, Exception) as exc:
        raise InputError(f"not a readable PDF ({type(exc).__name__}: {exc})", source=p) from exc
    legend = Legend(str(p))
    for number, page in enumerate(pages, 1):
        try:
            text = page.extract_text() or ""
        except Exception as exc:
            raise InputError(
                f"cannot read the text of the page ({exc})", source=p, where=f"page {number}"
            ) from exc
        _parse_lines(legend, text.splitlines(), page=number)
    if not legend.entries and not legend.general:
        raise InputError(
            "the PDF has no text layer (scanned?)",
            source=p,
            hint="export the legend as text or .docx",
        )
    return legend
