"""The small Markdown the description templates write, and its readers.

One template decides what the plan description says; the Markdown it renders is the
``.md`` output, and it is parsed here into blocks that become the HTML page and the
Word document. A municipality that rewrites the template therefore changes all three
formats at once. The dialect is deliberately small (CommonMark-compatible):

* ``#`` … ``######`` headings;
* paragraphs (consecutive lines);
* ``- `` bullet items (two spaces of indent per nesting level);
* pipe tables with a ``|---|--:|`` separator line (``:`` on the right aligns right);
* an image alone on its line: ``![caption](file.png)``;
* inline ``**bold**``, ``*italic*`` and backslash escapes.

Text from the plan data goes through :func:`escape` (the Jinja2 ``finalize`` hook), so
a regulation that contains ``|`` or ``*`` cannot break a table or turn bold.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from typing import Any

__all__ = [
    "Block",
    "Md",
    "escape",
    "parse",
    "plain",
    "table",
    "to_html",
]


class Md(str):
    """A string that is already Markdown: :func:`escape` leaves it alone."""

    __slots__ = ()


_SPECIAL = re.compile(r"([\\`*_|<>])")
_LINE_START = re.compile(r"^(\s*)(?:([#>+-])|(\d+)([.)]))(?=\s|$)")
#: Whitespace that collapses to one space: all but the no-break spaces that bind numbers.
_WS = re.compile(r"[^\S\u00a0\u2007\u202f]+")


def escape(value: Any) -> str:
    """Plain text -> Markdown that shows exactly that text (``None`` -> empty)."""
    if value is None:
        return ""
    if isinstance(value, Md):
        return value
    text = _WS.sub(" ", str(value))
    text = _SPECIAL.sub(r"\\\1", text)
    text = text.replace("![", "!\\[").replace("](", "]\\(")
    match = _LINE_START.match(text)
    if match:
        lead, mark, digits, dot = match.groups()
        rest = text[match.end() :]
        text = f"{lead}\\{mark}{rest}" if mark else f"{lead}{digits}\\{dot}{rest}"
    return text


def table(header: list[Any], rows: list[list[Any]], align: str = "") -> Md:
    """A pipe table; cells are escaped unless already Markdown; ``align`` is "l"/"r" per column."""
    width = len(header)
    align = (align + "l" * width)[:width]
    lines = [
        "| " + " | ".join(escape(h) for h in header) + " |",
        "|" + "|".join("---:" if a == "r" else "---" for a in align) + "|",
    ]
    for row in rows:
        cells = [escape(c) for c in row][:width]
        cells += [""] * (width - len(cells))
        lines.append("| " + " | ".join(cells) + " |")
    return Md("\n".join(lines) + "\n")


# ------------------------------------------------------------------------------------------
# Blocks
# ------------------------------------------------------------------------------------------

#: An inline run: (text, bold, italic).
Run = tuple[str, bool, bool]


@dataclass(slots=True)
class Block:
    """A block of the document.

    ``kind``: ``heading`` (``level``, ``runs``), ``paragraph`` (``runs``), ``list``
    (``items``: (level, runs)), ``table`` (``header``, ``rows``, ``align``), ``image``
    (``src``, ``alt``).
    """

    kind: str
    level: int = 0
    runs: list[Run] = field(default_factory=list)
    items: list[tuple[int, list[Run]]] = field(default_factory=list)
    header: list[list[Run]] = field(default_factory=list)
    rows: list[list[list[Run]]] = field(default_factory=list)
    align: list[str] = field(default_factory=list)
    src: str = ""
    alt: str = ""

    @property
    def text(self) -> str:
        """The block's plain text (headings, paragraphs)."""
        return plain(self.runs)


def plain(runs: list[Run]) -> str:
    """Plain text of inline runs."""
    return "".join(text for text, _, _ in runs)


_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
_ITEM = re.compile(r"^( *)- (.*)$")
_IMAGE = re.compile(r"^!\[((?:\\.|[^\]\\])*)\]\(([^)\s]+)\)\s*$")
_SEPARATOR = re.compile(r"^\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?\s*$")


def parse(text: str) -> list[Block]:
    """Parse the template dialect into blocks."""
    lines = text.replace("\r\n", "\n").split("\n")
    blocks: list[Block] = []
    paragraph: list[str] = []
    i = 0

    def flush() -> None:
        if paragraph:
            blocks.append(Block("paragraph", runs=inline(" ".join(s.strip() for s in paragraph))))
            paragraph.clear()

    while i < len(lines):
        line = lines[i]
        stripped = line.strip()
        if not stripped:
            flush()
            i += 1
            continue
        heading = _HEADING.match(stripped)
        if heading and not line.startswith(" "):
            flush()
            blocks.append(
                Block("heading", level=len(heading.group(1)), runs=inline(heading.group(2)))
            )
            i += 1
            continue
        image = _IMAGE.match(stripped)
        if image:
            flush()
            blocks.append(Block("image", src=image.group(2), alt=plain(inline(image.group(1)))))
            i += 1
            continue
        if (
            stripped.startswith("|")
            and i + 1 < len(lines)
            and _SEPARATOR.match(lines[i + 1].strip())
        ):
            flush()
            header = _cells(stripped)
            align = [
                "right"
                if cell.strip().endswith(":") and not cell.strip().startswith(":")
                else "center"
                if cell.strip().startswith(":") and cell.strip().endswith(":")
                else "left"
                for cell in _split_row(lines[i + 1].strip())
            ]
            rows = []
            i += 2
            while i < len(lines) and lines[i].strip().startswith("|"):
                rows.append(_cells(lines[i].strip()))
                i += 1
            width = len(header)
            rows = [(row + [[]] * width)[:width] for row in rows]
            blocks.append(
                Block("table", header=header, rows=rows, align=(align + ["left"] * width)[:width])
            )
            continue
        item = _ITEM.match(line)
        if item:
            flush()
            items: list[tuple[int, list[Run]]] = []
            while i < len(lines):
                item = _ITEM.match(lines[i])
                if item:
                    items.append((len(item.group(1)) // 2, inline(item.group(2))))
                elif lines[i].startswith("  ") and lines[i].strip() and items:
                    level, runs = items[-1]
                    items[-1] = (level, [*runs, (" ", False, False), *inline(lines[i].strip())])
                else:
                    break
                i += 1
            blocks.append(Block("list", items=items))
            continue
        paragraph.append(line)
        i += 1
    flush()
    return blocks


def _split_row(line: str) -> list[str]:
    """Split a table row on unescaped pipes (outer pipes dropped)."""
    cells: list[str] = []
    buf: list[str] = []
    escaped = False
    for ch in line:
        if escaped:
            buf.append("\\" + ch)
            escaped = False
        elif ch == "\\":
            escaped = True
        elif ch == "|":
            cells.append("".join(buf))
            buf = []
        else:
            buf.append(ch)
    if escaped:
        buf.append("\\")
    cells.append("".join(buf))
    if cells and not cells[0].strip():
        cells = cells[1:]
    if cells and not cells[-1].strip():
        cells = cells[:-1]
    return cells


def _cells(line: str) -> list[list[Run]]:
    return [inline(cell.strip()) for cell in _split_row(line)]


def inline(text: str) -> list[Run]:
    """Inline Markdown -> runs: ``**bold**``, ``*italic*``, backslash escapes."""
    runs: list[Run] = []
    buf: list[str] = []
    bold = italic = False
    i = 0

    def push() -> None:
        if buf:
            runs.append(("".join(buf), bold, italic))
            buf.clear()

    while i < len(text):
        ch = text[i]
        if ch == "\\" and i + 1 < len(text) and not text[i + 1].isalnum():
            buf.append(text[i + 1])
            i += 2
            continue
        if text.startswith("**", i):
            push()
            bold = not bold
            i += 2
            continue
        if ch == "*":
            push()
            italic = not italic
            i += 1
            continue
        buf.append(ch)
        i += 1
    push()
    merged: list[Run] = []
    for run in runs:
        if merged and merged[-1][1:] == run[1:]:
            merged[-1] = (merged[-1][0] + run[0], run[1], run[2])
        else:
            merged.append(run)
    return merged


# ------------------------------------------------------------------------------------------
# HTML
# ------------------------------------------------------------------------------------------

_PLACEHOLDER = re.compile(r"\[(?:TÄYDENNÄ|KOMPLETTERA): [^\]]*\]")


def _runs_html(runs: list[Run]) -> str:
    out = []
    for text, bold, italic in runs:
        piece = html.escape(text, quote=False)
        piece = _PLACEHOLDER.sub(lambda m: f'<mark class="todo">{m.group(0)}</mark>', piece)
        if italic:
            piece = f"<em>{piece}</em>"
        if bold:
            piece = f"<strong>{piece}</strong>"
        out.append(piece)
    return "".join(out)


def to_html(blocks: list[Block], images: dict[str, str] | None = None) -> str:
    """Blocks -> HTML body markup (well-formed XML too); ``images`` maps src -> data URI."""
    images = images or {}
    out: list[str] = []
    for block in blocks:
        if block.kind == "heading":
            out.append(f"<h{block.level}>{_runs_html(block.runs)}</h{block.level}>")
        elif block.kind == "paragraph":
            out.append(f"<p>{_runs_html(block.runs)}</p>")
        elif block.kind == "list":
            out.append(_list_html(block.items))
        elif block.kind == "table":
            cls = ' class="num"'
            head = "".join(
                f"<th{cls if a == 'right' else ''}>{_runs_html(c)}</th>"
                for c, a in zip(block.header, block.align, strict=True)
            )
            body = "".join(
                "<tr>"
                + "".join(
                    f"<td{cls if a == 'right' else ''}>{_runs_html(c)}</td>"
                    for c, a in zip(row, block.align, strict=True)
                )
                + "</tr>"
                for row in block.rows
            )
            out.append(f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>")
        elif block.kind == "image":
            src = images.get(block.src, block.src)
            alt = html.escape(block.alt, quote=True)
            out.append(
                f'<figure><img src="{html.escape(src, quote=True)}" alt="{alt}"/>'
                f"<figcaption>{html.escape(block.alt, quote=False)}</figcaption></figure>"
            )
    return "\n".join(out) + "\n"


def _list_html(items: list[tuple[int, list[Run]]]) -> str:
    out: list[str] = ["<ul>"]
    depth = 0
    open_item = False
    for level, runs in items:
        level = max(0, min(level, depth + 1))
        if level > depth:
            out.append("<ul>")
            depth = level
            open_item = False
        while level < depth:
            out.append("</li></ul>")
            depth -= 1
            open_item = True
        if open_item:
            out.append("</li>")
        out.append(f"<li>{_runs_html(runs)}")
        open_item = True
    while depth > 0:
        out.append("</li></ul>")
        depth -= 1
    if open_item:
        out.append("</li>")
    out.append("</ul>")
    return "".join(out)
