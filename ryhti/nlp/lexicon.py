"""A municipality's own legend library: recurring texts and signs → codes and values.

Municipalities reuse their legend entries plan after plan. What the planner has once decided
for such an entry should not be guessed again: a lexicon (TOML) maps an entry's text, exactly
or by a lemma pattern, and optionally its sign and plan level, to RYHTI codes, additional
information, verbal topics and values. A matching entry wins over the extractor's rules, and
every result it makes says so in its evidence::

    [[entry]]
    text = "Asuinkerrostalojen korttelialue"    # exact text (case, spaces and a final
    sign = "AK"                                 #   full stop do not matter); or
    codes = ["asuinkerrostaloalue[paakayttotarkoitus]"]

    [[entry]]
    pattern = "hulevesi * viivyttää"            # lemmas in this order, * = any words
    codes = ["sanallinenMaarays"]
    verbal = ["hulevedet"]

    [[entry]]
    text = "Rakennusoikeus kerrosneliömetreinä"
    codes = ["sallittuKerrosala"]               # the value comes from the sign (2400)

``codes = []`` on an exact entry says that it carries no regulation (drawing notation, a
note on the map); ``modifiers = ["uusi", "seudullinen"]`` names the additional information an
entry gives without a regulation, for what another entry draws (a change class, "Uusi
seudullinen pääväylä"; :mod:`ryhti.nlp.modifiers`), and ``modifiers = []`` says it gives none. ``values = [{type = "sallittuKerrosala", number = 1200, unit = "k-m2"}]``
fixes a value; without
it the value the extractor reads from the sign or text is kept. An exact entry is the whole
answer for its legend entry; a pattern entry sets the codes it names and keeps the verbal text
and values the rules found. Every code is checked against the code lists when the lexicon is
loaded: an unknown code is a clear error naming the file, the entry and the field.

:func:`draft` writes the entries a run marked for review as such a file, with the extractor's
reading filled in, for the planner to correct and feed back.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ryhti.errors import InputError, UsageError
from ryhti.io import parse_toml, read_toml
from ryhti.nlp import rules
from ryhti.nlp.knowledge import Knowledge, build_knowledge
from ryhti.nlp.lemmatizer import lemma, normalise_lemma
from ryhti.nlp.result import Modifier, Regulation
from ryhti.settings import read_section

PLAN_TYPES = ("asemakaava", "yleiskaava", "maakuntakaava")
_SPEC = re.compile(r"([\w-]+)(?:\[([^\]]*)\])?")
_ENTRY_KEYS = {
    "text",
    "pattern",
    "sign",
    "plan_type",
    "codes",
    "values",
    "verbal",
    "modifiers",
    "note",
}
#: Confidence of a result the lexicon gives: the municipality has decided it.
CONFIDENCE = 0.99


@dataclass(frozen=True)
class LexiconCode:
    """One regulation an entry gives: the code and its additional information."""

    code: str
    additional: tuple[str, ...] = ()


@dataclass
class LexiconEntry:
    """One entry of a lexicon, validated."""

    number: int
    codes: list[LexiconCode]
    text: str | None = None
    pattern: tuple[tuple[str, ...], ...] | None = None
    pattern_text: str | None = None
    sign: str | None = None
    plan_type: str | None = None
    values: list[dict[str, Any]] = field(default_factory=list)
    verbal: list[str] = field(default_factory=list)
    #: additional information the entry gives without a regulation (``None``: not said)
    modifiers: list[str] | None = None
    note: str | None = None

    def describe(self, source: str) -> str:
        how = f"pattern '{self.pattern_text}'" if self.pattern else "text"
        if self.sign:
            how += f" and sign '{self.sign}'"
        return f"lexicon {source} entry {self.number} ({how})"


@dataclass
class Lexicon:
    """The validated entries of a lexicon file, indexed for lookup."""

    source: str
    entries: list[LexiconEntry]

    def __post_init__(self) -> None:
        self._exact: dict[str, list[LexiconEntry]] = {}
        for e in self.entries:
            if e.text is not None:
                self._exact.setdefault(normalise(e.text), []).append(e)
        self._patterns = [e for e in self.entries if e.pattern is not None]

    def lookup(
        self,
        text: str,
        sign: str | None,
        plan_type: str | None,
        keys: Callable[[], list[frozenset[str]]],
    ) -> LexiconEntry | None:
        """The entry for a legend entry: an exact text first, then the first matching pattern.

        An entry with a sign or plan level applies only to entries with the same; of two
        that fit, the one that names more of them wins. ``keys`` gives the entry's words as
        sets of lemma keys (a necessive participle also as its verb), asked for only when a
        pattern has to be tried.
        """
        best = _most_specific(self._exact.get(normalise(text), ()), sign, plan_type)
        if best is not None or not self._patterns:
            return best
        words = keys()
        fitting = [e for e in self._patterns if e.pattern and _pattern_matches(e.pattern, words)]
        return _most_specific(fitting, sign, plan_type)


def normalise(text: str) -> str:
    """Text as the lexicon compares it: NFC, case-folded, single spaces, no final full stop."""
    t = " ".join(unicodedata.normalize("NFC", text).split()).casefold()
    return t.rstrip(" .")


def _most_specific(
    entries: Iterable[LexiconEntry], sign: str | None, plan_type: str | None
) -> LexiconEntry | None:
    best, best_score = None, -1
    for e in entries:
        if e.sign is not None and e.sign != (sign or "").strip():
            continue
        if e.plan_type is not None and e.plan_type != plan_type:
            continue
        score = (e.sign is not None) + (e.plan_type is not None)
        if score > best_score:
            best, best_score = e, score
    return best


def _pattern_matches(pattern: tuple[tuple[str, ...], ...], words: list[frozenset[str]]) -> bool:
    """Each group of consecutive lemmas occurs in ``words``, the groups in this order."""
    pos = 0
    for group in pattern:
        n = len(group)
        while pos + n <= len(words) and not all(g in words[pos + i] for i, g in enumerate(group)):
            pos += 1
        if pos + n > len(words):
            return False
        pos += n
    return True


# ---------------------------------------------------------------------------- loading
def load_lexicon(
    path: str | Path,
    kb: Knowledge | None = None,
    keys: Callable[[str], list[str]] | None = None,
) -> Lexicon:
    """Read and validate a lexicon file (:class:`InputError` naming file, entry and field).

    ``kb`` is the extractor's knowledge (built from the code-list snapshot when not given);
    ``keys`` turns a pattern's words into lemma keys (Voikko's base forms when not given).
    """
    if kb is None:
        kb = build_knowledge()
    return parse_lexicon(read_toml(path), kb, str(path), keys or lemma_keys)


def lemma_keys(text: str) -> list[str]:
    """The lemma keys of the words of ``text`` (how patterns and entries are compared)."""
    return [normalise_lemma(lemma(w)) for w in re.findall(r"[^\W\d_][\w-]*", text)]


def parse_lexicon(
    data: dict[str, Any],
    kb: Knowledge,
    source: str,
    keys: Callable[[str], list[str]] | None = None,
) -> Lexicon:
    """A :class:`Lexicon` from parsed TOML (see :func:`load_lexicon`)."""
    raw = data.get("entry", [])
    unknown = sorted(set(data) - {"entry", "meta"})
    if unknown:
        raise InputError(
            f"unknown table {unknown[0]!r}",
            source=source,
            hint="a lexicon has [meta] and [[entry]]",
        )
    if not isinstance(raw, list) or not all(isinstance(e, dict) for e in raw):
        raise InputError("[[entry]] must be a list of tables", source=source)
    return Lexicon(source, [_entry(n, e, kb, source, keys) for n, e in enumerate(raw, 1)])


def _entry(
    n: int,
    e: dict[str, Any],
    kb: Knowledge,
    source: str,
    keys: Callable[[str], list[str]] | None,
) -> LexiconEntry:
    where = f"entry {n}"

    def fail(message: str, hint: str | None = None) -> InputError:
        return InputError(message, source=source, where=where, hint=hint)

    unknown = sorted(set(e) - _ENTRY_KEYS)
    if unknown:
        raise fail(f"unknown field {unknown[0]!r}", f"fields: {', '.join(sorted(_ENTRY_KEYS))}")
    text, pattern = e.get("text"), e.get("pattern")
    if (text is None) == (pattern is None):
        raise fail("give exactly one of 'text' (exact) and 'pattern' (lemmas)")
    for name in ("text", "pattern", "sign", "plan_type", "note"):
        if e.get(name) is not None and not isinstance(e[name], str):
            raise fail(f"'{name}' must be a string")
    if e.get("plan_type") is not None and e["plan_type"] not in PLAN_TYPES:
        raise fail(f"plan_type must be one of {', '.join(PLAN_TYPES)}, not {e['plan_type']!r}")
    codes = e.get("codes")
    if not isinstance(codes, list) or not all(isinstance(c, str) for c in codes):
        raise fail("'codes' must be a list of RY_Kaavamaarayslaji codes")
    if not codes and pattern is not None and not e.get("modifiers"):
        raise fail(
            "'codes' of a pattern entry must not be empty",
            "codes = [] (the entry carries no regulation) is for an exact 'text'",
        )
    parsed = [_code(c, kb, fail) for c in codes]
    verbal = e.get("verbal", [])
    if not isinstance(verbal, list) or not all(isinstance(v, str) for v in verbal):
        raise fail("'verbal' must be a list of RY_Sanallisen_Kaavamaarayksen_Laji codes")
    for v in verbal:
        if v not in kb.verbal:
            raise fail(f"verbal: unknown RY_Sanallisen_Kaavamaarayksen_Laji code {v!r}")
    modifiers = e.get("modifiers")
    if modifiers is not None:
        if not isinstance(modifiers, list) or not all(isinstance(m, str) for m in modifiers):
            raise fail("'modifiers' must be a list of RY_Kaavamaarayksen_Lisatiedonlaji codes")
        for m in modifiers:
            if m not in kb.additional:
                raise fail(f"modifiers: unknown RY_Kaavamaarayksen_Lisatiedonlaji code {m!r}")
    values = e.get("values", [])
    if not isinstance(values, list) or not all(isinstance(v, dict) for v in values):
        raise fail("'values' must be a list of tables {type, number | min and max, unit}")
    for v in values:
        _check_value(v, kb, fail)
    compiled = None
    if pattern is not None:
        groups = [g.strip() for g in pattern.split("*")]
        if not any(groups):
            raise fail("'pattern' needs at least one word")
        convert = keys or (lambda s: s.lower().split())
        compiled = tuple(tuple(convert(g)) for g in groups if g)
    return LexiconEntry(
        n,
        parsed,
        text=text,
        pattern=compiled,
        pattern_text=pattern,
        sign=(e.get("sign") or "").strip() or None,
        plan_type=e.get("plan_type"),
        values=list(values),
        verbal=list(verbal),
        modifiers=None if modifiers is None else list(modifiers),
        note=e.get("note"),
    )


def _code(spec: str, kb: Knowledge, fail: Callable[..., InputError]) -> LexiconCode:
    m = _SPEC.fullmatch(spec.strip())
    if not m:
        raise fail(f"codes: {spec!r} is not CODE or CODE[additional,…]")
    code = m.group(1)
    info = kb.regulations.get(code)
    if info is None:
        raise fail(
            f"codes: unknown RY_Kaavamaarayslaji code {code!r}",
            "see ryhti codelists show RY_Kaavamaarayslaji",
        )
    if not info.usable:
        raise fail(f"codes: {code!r} is a header-level code the code list does not use")
    adds = tuple(a.strip() for a in (m.group(2) or "").split(",") if a.strip())
    for a in adds:
        if a not in kb.additional:
            raise fail(f"codes: unknown RY_Kaavamaarayksen_Lisatiedonlaji code {a!r} in {spec!r}")
    return LexiconCode(code, adds)


def _check_value(v: dict[str, Any], kb: Knowledge, fail: Callable[..., InputError]) -> None:
    t = v.get("type")
    if t not in kb.regulations and t not in kb.additional:
        raise fail(f"values: unknown code {t!r} (a regulation or additional-information code)")
    has_number = "number" in v
    has_range = "min" in v and "max" in v
    if has_number == has_range:
        raise fail(f"values: {t}: give 'number', or 'min' and 'max'")
    for key in ("number", "min", "max"):
        if key in v and (isinstance(v[key], bool) or not isinstance(v[key], int | float)):
            raise fail(f"values: {t}: {key!r} must be a number")
    if v.get("unit") is not None and not isinstance(v["unit"], str):
        raise fail(f"values: {t}: 'unit' must be a string")
    canonical = rules.UNITS.get(t)
    if v.get("unit") is not None and canonical is not None and v["unit"] != canonical:
        raise fail(f"values: {t}: the unit is {canonical!r}, not {v['unit']!r}")
    unknown = sorted(set(v) - {"type", "number", "min", "max", "unit"})
    if unknown:
        raise fail(f"values: {t}: unknown field {unknown[0]!r}")


# ---------------------------------------------------------------------------- applying
def apply(
    entry: LexiconEntry,
    source: str,
    regs: list[Regulation],
    text: str,
    sign: str | None,
    make_value: Callable[[str, dict[str, Any]], dict[str, Any] | None],
    additional: Iterable[str] = (),
) -> list[Regulation]:
    """The regulations of a legend entry with the lexicon's decision in place of the rules'.

    ``make_value(code, {number | min, max})`` builds a RYHTI value the way the extractor does;
    ``additional`` are the additional-information codes (their values go to the first use).
    """
    additional = set(additional)
    said = entry.describe(source)
    rules_said = "; ".join(f"{r.type} {r.confidence:.2f}" for r in regs) or "nothing"
    found = {r.type: r for r in regs}
    out: list[Regulation] = []
    for lc in entry.codes:
        value: dict[str, Any] | None = None
        fixed = [v for v in entry.values if v["type"] == lc.code]
        if fixed:
            value = make_value(lc.code, fixed[0])
        elif lc.code in rules.TEXT_TYPES:
            value = {"dataType": "LocalizedText", "text": {"fin": text.strip()}}
            if lc.code in found and found[lc.code].value:
                value = found[lc.code].value
        elif lc.code in rules.NAME_TYPES and sign:
            value = {"dataType": "LocalizedText", "text": {"fin": sign}}
        elif lc.code in found:
            value = found[lc.code].value
        reg = Regulation(
            lc.code,
            value,
            confidence=CONFIDENCE,
            span=(0, len(text)),
            evidence=f"{said}; the rules said: {rules_said}",
        )
        for a in lc.additional:
            reg.add_info(a)
        if lc.code == "sanallinenMaarays":
            reg.verbal = list(entry.verbal) or (
                list(found["sanallinenMaarays"].verbal) if "sanallinenMaarays" in found else []
            )
            if "sanallinenMaarays" in found:
                old = found["sanallinenMaarays"]
                reg.modality, reg.exceptions = old.modality, list(old.exceptions)
        out.append(reg)
    # values of additional information (a use's share of floor area) go to the first use
    given = {c.code for c in entry.codes}
    holder = next((r for r in out if r.type not in rules.TEXT_TYPES), None)
    for v in entry.values:
        if v["type"] not in given and v["type"] in additional and holder is not None:
            holder.add_info(v["type"], make_value(v["type"], v))
    if entry.pattern is not None:
        # a pattern names the codes it is sure of; the verbal text and values stay
        out += [r for r in regs if r.type not in given and _keep_beside_pattern(r)]
    return out


def apply_modifiers(
    entry: LexiconEntry, source: str, found: list[Modifier], text: str
) -> list[Modifier]:
    """The entry-level modifiers with the lexicon's decision in place of the rules': the
    entry's ``modifiers`` when it names them; else none for an exact entry (it is the whole
    answer) and the rules' for a pattern entry."""
    if entry.modifiers is None:
        return [] if entry.pattern is None else found
    said = entry.describe(source)
    rules_said = ", ".join(m.type for m in found) or "none"
    return [
        Modifier(
            code,
            confidence=CONFIDENCE,
            span=(0, len(text)),
            evidence=f"{said}; the rules said: modifiers {rules_said}",
        )
        for code in entry.modifiers
    ]


def _keep_beside_pattern(reg: Regulation) -> bool:
    value = reg.value or {}
    return reg.type in rules.TEXT_TYPES or "number" in value or "minimumValue" in value


# ---------------------------------------------------------------------------- drafting
def draft(items: Iterable[dict[str, Any]], source: str = "") -> str:
    """A TOML lexicon draft: one ``[[entry]]`` per legend entry marked for review.

    ``items`` are ``{"id", "text", "sign", "plan_type", "regulations": [result JSON],
    "modifiers": [modifier JSON]}``; the codes, additional information, entry-level modifiers,
    topics and values the extractor read are filled in (the
    planner corrects them) and the reasons for review are comments.
    """
    lines = [
        "# ryhti lexicon draft: the entries `ryhti extract` marked for review.",
        "# Correct the codes, delete what should not be fixed, and pass the file back with",
        "# `ryhti extract --lexicon FILE` (or `[extract] lexicon` in ryhti.toml).",
    ]
    if source:
        lines.append(f"# Source: {source}")
    lines += ["", "[meta]", 'description = "draft"', ""]
    for item in items:
        regs = item.get("regulations") or []
        mods = item.get("modifiers") or []
        lines.append("[[entry]]")
        lines.append(f"# id {item.get('id')}")
        for r in regs:
            if r.get("review"):
                lines.append(
                    f"# review: {r['type']} {r.get('confidence')}: {_one_line(r.get('evidence'))}"
                )
        for m in mods:
            if m.get("review"):
                lines.append(
                    f"# review: modifier {m['type']} {m.get('confidence')}: "
                    f"{_one_line(m.get('evidence'))}"
                )
        if not regs and not mods:
            lines.append(
                "# review: no regulation was recognised; name the codes, or keep codes = []"
                " if the entry carries none"
            )
        lines.append(f"text = {_toml_str(item.get('text') or '')}")
        if item.get("sign"):
            lines.append(f"sign = {_toml_str(item['sign'])}")
        if item.get("plan_type"):
            lines.append(f"plan_type = {_toml_str(item['plan_type'])}")
        codes = []
        values = []
        verbal: list[str] = []
        for r in regs:
            adds = [a["type"] for a in r.get("additionalInformations") or []]
            codes.append(r["type"] + (f"[{','.join(adds)}]" if adds else ""))
            v = r.get("value") or {}
            if "number" in v:
                values.append((r["type"], f"number = {_num(v['number'])}", v.get("unitOfMeasure")))
            elif "minimumValue" in v:
                rng = f"min = {_num(v['minimumValue'])}, max = {_num(v['maximumValue'])}"
                values.append((r["type"], rng, v.get("unitOfMeasure")))
            verbal += [x for x in r.get("verbalRegulations") or [] if x not in verbal]
        lines.append("codes = [" + ", ".join(_toml_str(c) for c in dict.fromkeys(codes)) + "]")
        if mods:
            kinds = dict.fromkeys(m["type"] for m in mods)
            lines.append("modifiers = [" + ", ".join(_toml_str(m) for m in kinds) + "]")
        if verbal:
            lines.append("verbal = [" + ", ".join(_toml_str(v) for v in verbal) + "]")
        if values:
            parts = []
            for t, number, unit in values:
                u = f", unit = {_toml_str(unit)}" if unit else ""
                parts.append(f"{{type = {_toml_str(t)}, {number}{u}}}")
            lines.append("values = [" + ", ".join(parts) + "]")
        lines.append("")
    text = "\n".join(lines) + "\n"
    parse_toml(text, "lexicon draft")  # what we write must read back
    return text


def _toml_str(s: str) -> str:
    out = s.replace("\\", "\\\\").replace('"', '\\"')
    out = "".join(ch if ch.isprintable() else f"\\u{ord(ch):04x}" for ch in out)
    return f'"{out}"'


def _num(n: Any) -> str:
    return repr(int(n)) if float(n).is_integer() else repr(float(n))


def _one_line(s: Any) -> str:
    return " ".join(str(s or "").split())[:200]


def configured_lexicon(start: Path | None = None) -> Path | None:
    """``lexicon`` of ``[extract]`` in the settings file every command reads (the nearest
    ``ryhti.toml``, or ``pyproject.toml`` with ``[tool.ryhti]``: :mod:`ryhti.settings`),
    resolved against that file's folder; ``None`` when not configured."""
    section = read_section("extract", start=start)
    value = section.table.get("lexicon", "")
    if not isinstance(value, str):
        raise UsageError("[extract] lexicon must be a path (a string)", source=section.where)
    return section.resolve(value) if value else None
