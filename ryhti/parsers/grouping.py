"""Signatures → regulation groups: what features share, and what each quantity gets.

Per feature the engine reads the mapped attributes into a *signature* (role, letter
code, meaning, texts, typed values …). Each quantity (block number, floor area …) gets
a group of its own, shared by every feature with that value (Syke allows one quantity
per group); the rest is the main-use group, shared by every feature whose signature
differs only in quantities, so a plan of 100,000 numbered blocks of ten kinds has ten
main groups. Each distinct signature is worked out once; each distinct attribute value
is read once.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any

from ryhti.findings import Severity
from ryhti.parsers.canonical import dumps_default_str, dumps_sorted
from ryhti.parsers.codes import REG_LIST, label, main_use_letter
from ryhti.parsers.facts import Facts, FactsBook
from ryhti.parsers.guards import Guard, is_cartographic
from ryhti.parsers.interpret import (
    VERBAL,
    Interpreter,
    RegSpec,
    is_empty,
    parse_value,
    verbal,
    verbal_text,
)
from ryhti.parsers.keys import Keys
from ryhti.parsers.mapping import LayerMapping
from ryhti.parsers.meaning import Base, Meanings
from ryhti.parsers.modifiers import VALUE_MODIFIERS, keep_verbatim
from ryhti.parsers.modifiers import numeric as _numeric
from ryhti.parsers.report import Journal
from ryhti.parsers.roles import fit
from ryhti.parsers.rules import finding
from ryhti.parsers.source import Layer
from ryhti.parsers.texts import Texts
from ryhti.parsers.textvalues import place_matches

__all__ = ["CARTOGRAPHIC", "Bundle", "Group", "Grouper"]

#: The kind of a feature that only explains a map convention (left out of the plan).
CARTOGRAPHIC = "cartographic"

#: Regulation types of building sites and areas: Syke relates them to their reservation.
SITES = frozenset(
    {
        "rakennusala",
        "rakennuspaikka",
        "sitovanTonttijaonMukainenTontti",
        "ohjeellinenRakennuspaikka",
    }
)


@dataclass
class Group:
    """A regulation group as the engine builds it (written out by
    :class:`~ryhti.parsers.planjson.PlanJson`)."""

    key: str
    signature: str
    letter: str | None
    title_fin: str
    title_swe: str | None
    regs: list[RegSpec]
    texts: list[str] = field(default_factory=list)
    objects: int = 0
    layer: str = ""


class Bundle(list[Group]):
    """The groups a feature's object relates to (main use first, then quantities), and what
    the object is: ``area`` (a reservation), ``subarea``, ``line`` or ``point``; ``placed``
    are the values its texts state for named places (attached by name, :meth:`Grouper.named`)."""

    kind: str = "area"
    placed: tuple[tuple[str, RegSpec], ...] = ()
    #: a building site or area (Syke relates it to the reservation it lies in)
    site: bool = False


@dataclass(eq=False)
class _Main:
    """The main-use group of every signature that differs only in quantity values: its key,
    the regulations beside the quantities (fitted to the feature's kind) and that kind; the
    group itself is made when a feature first needs it (a feature with quantities only
    needs none)."""

    key: str
    signature: str
    others: list[RegSpec]
    kind: str
    group: Group | None = None


class Grouper:
    """The groups of one conversion, by signature and by key."""

    def __init__(
        self,
        reg: Any,
        interp: Interpreter,
        keys: Keys,
        journal: Journal,
        texts: Texts,
        meanings: Meanings,
        facts: FactsBook,
        guard: Guard,
    ) -> None:
        self.reg = reg
        self.interp = interp
        self.keys = keys
        self.journal = journal
        self.texts = texts
        self.meanings = meanings
        self.facts = facts
        self.guard = guard
        self.file = texts.file
        #: signature of a feature → the groups its objects relate to (main use + quantities)
        self.groups: dict[tuple[Any, ...], Bundle] = {}
        #: every distinct group by key, in order of first use (quantity groups are shared)
        self.by_key: dict[str, Group] = {}
        #: a signature without its quantity values → its main-use group
        self.mains: dict[tuple[Any, ...], _Main] = {}
        #: (code, type, repr) of an attribute value → its regulation and CV006 message
        self.value_specs: dict[tuple[Any, ...], tuple[RegSpec, str | None]] = {}
        #: (id of a value's spec, its Swedish) → the spec with the Swedish added
        self.swedish_specs: dict[tuple[int, Any], RegSpec] = {}
        #: (id of a bundle with placed values, feature name) → the bundle for that name
        self.named_bundles: dict[tuple[int, str | None], Bundle] = {}
        self._named_keep: list[Bundle] = []
        #: (id of an attribute number's spec, value modifiers) → the spec carrying them
        self.exact_specs: dict[tuple[int, tuple[str, ...]], RegSpec] = {}
        self._exact_keep: list[RegSpec] = []
        self._exact_noted: set[int] = set()

    def make(
        self,
        signature: tuple[Any, ...],
        layer: Layer,
        entry: LayerMapping,
        i: int,
        letter: str | None,
        meaning: Any,
        text: Any,
        text_swe: Any,
        group_name: Any,
        values: list[tuple[str, Any]],
        link_ids: list[str],
    ) -> Bundle:
        """The groups of a signature not seen before.

        Syke allows one quantity regulation per group, so a signature's regulations split
        into a main group (land use, verbal regulations, values that are not quantities)
        and one group per quantity, shared by every object with that quantity. Signatures
        that differ only in their quantities (block numbers, floor areas …) share the main
        group too: a plan of 100,000 numbered AK blocks has one AK group, not 100,000 copies.

        What the letter code, meaning, texts and links stand for is worked out once per
        combination (a :class:`~ryhti.parsers.meaning.Base`); each distinct attribute value
        is read once.
        """
        kind, letter_, meaning_, text_, swe_, group_, vals, links_ = signature
        where = {"file": self.file, "layer": layer.name, "fid": layer.fids[i]}
        base = self.base(
            layer, entry, signature, letter, meaning, text, text_swe, group_name, link_ids
        )
        facts_get = self.facts.cache.get  # cache hits inline: this runs per signature
        facts_of = self.facts.of
        regs = base.regs
        plain_values: list[tuple[Any, ...]] = []  # the values that are not quantities
        if values:
            regs = list(regs)
            seen = set(base.seen)
            for (code, raw), plain in zip(values, vals, strict=True):
                spec, problem = self._value(code, raw)
                if problem is not None:
                    self.journal.note(finding("CV006", problem, **where))
                if len(plain) == 3:  # (code, value, its Swedish)
                    spec = self._value_swedish(spec, code, plain[2], where)
                facts = facts_get(id(spec)) or facts_of(spec)
                if not facts.quantity:
                    plain_values.append(plain)
                # a value always has a value: it is never folded into an earlier spec
                if facts.sig not in seen:
                    seen.add(facts.sig)
                    regs.append(spec)
        resolved: tuple[str, ...] = ()
        main_decisions, main_findings = base.decisions, base.findings
        if values and base.value_modifiers:
            regs, resolved, main_decisions, main_findings = self._exact_values(
                base, regs, len(base.regs), where
            )
        explained = self._sign_explanations(regs, where)
        if regs and not explained:  # the text only explained a sign: keep it, for review
            said = text if not is_empty(text) else meaning
            explained = [verbal(str(said), "explains a sign the feature does not carry; kept")]
        regs = explained
        all_facts = [facts_get(id(r)) or facts_of(r) for r in regs]
        quantities = [f for f in all_facts if f.quantity]
        main_signature = (kind, letter_, meaning_, text_, swe_, group_, tuple(plain_values), links_)
        # A main part with nothing of its own gets a stand-in (the feature's letter code or
        # layer as verbal text) only where the feature has no quantity either; signatures that
        # differ only in quantities must then not share it, or a feature with neither would
        # inherit an empty main part and have no group at all.
        bare = all(f.quantity for f in all_facts)
        cache_key = (*main_signature, bool(quantities)) if bare else main_signature
        if resolved:  # its texts' modifiers went to attribute numbers: not the main group of
            cache_key = (*cache_key, resolved)  # the same texts without those numbers
        main = self.mains.get(cache_key)
        if main is None:
            what = _what(letter, meaning_, text_, layer.name)
            leftover = None if quantities else base.leftover(letter, layer.name)
            main = self._main(
                main_signature,
                (main_decisions, main_findings),
                all_facts,
                where,
                what,
                leftover,
                resolved,
            )
            self.mains[cache_key] = main
        bundle = Bundle()
        bundle.kind = main.kind
        bundle.placed = tuple(base.placed)
        if main.kind == CARTOGRAPHIC:
            self.groups[signature] = bundle
            return bundle
        if main.others:
            if main.group is None:
                if letter is None:
                    letter = self._letter_from_main_use(main.others, where, base.title_fin)
                main.group = Group(
                    key=main.key,
                    signature=main.signature,
                    letter=letter,
                    title_fin=base.title_fin,
                    title_swe=base.title_swe,
                    regs=main.others,
                    texts=list(base.used_texts),
                    layer=layer.name,
                )
                self.by_key.setdefault(main.key, main.group)
            bundle.append(main.group)
        for facts in quantities:
            qgroup = self._quantity_group(facts, layer.name)
            self._spec_notes(facts, qgroup.key, where)
            bundle.append(qgroup)
        bundle.site = any(spec.type in SITES for group in bundle for spec in group.regs)
        used_texts = base.used_texts
        if not bundle[0].texts and used_texts:
            bundle[0].texts = list(used_texts)
        for tid in used_texts:
            self.texts.use(tid, bundle[0].key)
        self.groups[signature] = bundle
        return bundle

    def base(
        self,
        layer: Layer,
        entry: LayerMapping,
        signature: tuple[Any, ...],
        letter: str | None,
        meaning: Any,
        text: Any,
        text_swe: Any,
        group_name: Any,
        link_ids: list[str],
    ) -> Base:
        """What a feature's letter code, meaning, texts and links stand for (interpreted
        once per layer and combination; ``signature`` as :meth:`make` takes it)."""
        _, letter_, meaning_, text_, swe_, group_, _, links_ = signature
        base_key = (
            id(entry),
            layer.name,
            entry.role,
            letter_,
            meaning_,
            text_,
            swe_,
            group_,
            links_,
        )
        base = self.meanings.bases.get(base_key)
        if base is None:
            base = self.meanings.base(
                layer, entry, letter, meaning, text, text_swe, group_name, link_ids
            )
            self.meanings.bases[base_key] = base
        return base

    def _sign_explanations(self, regs: list[RegSpec], where: dict[str, Any]) -> list[RegSpec]:
        """``regs`` without the legend lines that explain the number of a sign.

        "Suluissa oleva luku osoittaa rakennusoikeuden kerrosneliömetreinä" says what the
        number of a sign means; the number itself comes from the feature (its sign or a
        value attribute). With the feature's value it is that value's regulation, said
        once; without one, a quantity with no value is no regulation of this feature (it
        would be an invalid plan, V006), so it is left out with a CV025 for review.
        """

        def unfilled(spec: RegSpec) -> bool:  # a quantity that explains a sign, without a value
            return spec.value is None and _explains_a_sign(spec) and self.facts.of(spec).quantity

        explained = [r for r in regs if unfilled(r)]
        if not explained:
            return regs
        kept = [r for r in regs if not unfilled(r)]
        valued = {r.type for r in kept if r.value is not None}
        for spec in explained:
            if spec.type not in valued:
                self.journal.note(
                    finding(
                        "CV025",
                        f"{spec.type}: the text explains what a number of the sign means, but "
                        "this feature carries no such number; not a regulation of this feature",
                        **where,
                    )
                )
        return kept

    def _quantity_group(self, facts: Facts, layer: str) -> Group:
        """The group of one quantity value, shared by every feature with that value."""
        spec = facts.spec
        if facts.qkey is None:
            facts.qkey = self.keys.key(
                "group",
                "quantity",
                dumps_sorted([spec.type, spec.value, spec.additional]),
            )
        qgroup = self.by_key.get(facts.qkey)
        if qgroup is None:
            code = self.reg[REG_LIST].get(spec.type)
            qgroup = Group(
                key=facts.qkey,
                signature="quantity",
                letter=None,
                title_fin=(code.label("fi") if code else None) or spec.type,
                title_swe=code.label("sv") if code else None,
                regs=[spec],
                layer=layer,
            )
            self.by_key[facts.qkey] = qgroup
        return qgroup

    def named(self, bundle: Bundle, name: str | None, layer: Layer, i: int) -> Bundle:
        """``bundle`` with the groups of the values its texts state for the place the
        feature is named after (a decision each), made once per bundle and name."""
        key = (id(bundle), name)
        cached = self.named_bundles.get(key)
        if cached is not None:
            return cached
        out = Bundle(bundle)
        out.kind = bundle.kind
        out.site = bundle.site
        where = {"file": self.file, "layer": layer.name, "fid": layer.fids[i]}
        for place, spec in bundle.placed:
            if place_matches(place, name):
                qgroup = self._quantity_group(self.facts.of(spec), layer.name)
                if qgroup not in out:
                    out.append(qgroup)
                    self.journal.decision(
                        where,
                        f"{spec.type} stated for {place}",
                        f"attached to the feature named {name!r}",
                    )
        self.named_bundles[key] = out
        self._named_keep.append(bundle)
        return out

    def _main(
        self,
        main_signature: tuple[Any, ...],
        interpreted: tuple[list[tuple[str, str]], list[tuple[str, str]]],
        all_facts: list[Facts],
        where: dict[str, Any],
        what: str,
        leftover: RegSpec | None,
        resolved: tuple[str, ...] = (),
    ) -> _Main:
        """The main-use part of a signature without its quantities, keyed by what it holds
        (a signature without quantity values keeps the key it always had; ``resolved``, the
        modifiers its attribute numbers took, is in the key only when there are some), its
        regulations fitted to the feature's kind (:func:`~ryhti.parsers.roles.fit`;
        ``leftover`` stands in when nothing else does); the decisions and findings of its
        interpretation (``interpreted``) are placed once, at its first feature."""
        kind, letter_, meaning_, text_, swe_, group_, plain_values, links_ = main_signature
        parts = [
            kind,
            letter_,
            meaning_,
            text_,
            swe_,
            group_,
            [list(p) for p in plain_values],
            list(links_),
        ]
        if resolved:
            parts.append(["modifiers of attribute numbers", list(resolved)])
        signature_text = dumps_default_str(parts)
        key = self.keys.key("group", signature_text)
        self.journal.place(interpreted[0], interpreted[1], where, key)
        others = [f.spec for f in all_facts if not f.quantity]
        stand_in = not others and leftover is not None
        if stand_in:
            others = [leftover]  # type: ignore[list-item]
        if _cartographic(others, kind):
            text = verbal_text(others[0])
            self.journal.note(
                finding(
                    "CV013",
                    f"{what}: {text[:100]!r} explains a map convention (a boundary line, label "
                    "or mark) that has no counterpart in a RYHTI plan; its features are left out",
                    severity=Severity.INFO,
                    **where,
                )
            )
            main = _Main(key=key, signature=signature_text, others=[], kind=CARTOGRAPHIC)
            return main
        fitted = fit(others, kind, what)
        self.journal.place(fitted.decisions, fitted.findings, where, key)
        regs, guarded = self.guard.check(fitted.regs)
        self.journal.place([], guarded, where, key)
        if not stand_in:  # the stand-in is reported where it is made (CV003/CV010)
            for spec in regs:
                self._spec_notes(self.facts.of(spec), key, where)
        main = _Main(key=key, signature=signature_text, others=regs, kind=fitted.kind)
        return main

    def _exact_values(
        self, base: Base, regs: list[RegSpec], start: int, where: dict[str, Any]
    ) -> tuple[list[RegSpec], tuple[str, ...], list[tuple[str, str]], list[tuple[str, str]]]:
        """``regs`` with the value modifiers of the feature's texts (an underlined number's
        explanation: ``ehdottomastiNoudatettava``) on the numbers its attribute values give
        (``regs[start:]``), as they are on the numbers of its sign; and, when the texts had no
        number of their own for them, those modifiers as resolved (their verbatim text and
        CV026 go) with the decisions and findings of the main group that say so."""
        codes = tuple(dict.fromkeys(m["type"] for _, m in base.value_modifiers))
        out = list(regs)
        carried: list[str] = []
        for k in range(start, len(out)):
            spec = out[k]
            if not _numeric(spec):
                continue
            cache_key = (id(spec), codes)
            exact = self.exact_specs.get(cache_key)
            if exact is None:
                have = {a.get("type") for a in spec.additional}
                exact = replace(
                    spec,
                    additional=[*spec.additional, *({"type": c} for c in codes if c not in have)],
                )
                self.exact_specs[cache_key] = exact
                self._exact_keep.append(spec)
            out[k] = exact
            carried.append(spec.type)
        if not carried:
            return regs, (), base.decisions, base.findings
        names = ", ".join(dict.fromkeys(carried))
        gone = [(t, m) for t, m in base.lost if m["type"] in VALUE_MODIFIERS]
        if not gone:  # the sign's numbers took them already; the attribute numbers too
            if id(base) not in self._exact_noted:
                self._exact_noted.add(id(base))
                self.journal.decision(
                    where,
                    f"modifier {', '.join(codes)} of the feature's texts",
                    f"also additional information of {names} from attribute values",
                )
            return out, (), base.decisions, base.findings
        gone_ids = {
            id(f)
            for (t, m), f in zip(base.lost, base.lost_findings, strict=True)
            if m["type"] in VALUE_MODIFIERS
        }
        findings = [f for f in base.findings if id(f) not in gone_ids]
        still = {t for t, m in base.lost if m["type"] not in VALUE_MODIFIERS}
        texts = [t for t in dict.fromkeys(t for t, _ in gone) if t not in still]
        verbatims = {keep_verbatim(t).signature() for t in texts}
        out = [r for r in out if not (r.type == VERBAL and r.signature() in verbatims)]
        decisions = [
            *base.decisions,
            *(
                (
                    f"modifier {m['type']} of {t!r}",
                    f"additional information of {names} from attribute values (the texts have "
                    f"no number of their own); the extractor: {m.get('evidence', '')}",
                )
                for t, m in gone
            ),
        ]
        resolved = tuple(sorted({m["type"] for _, m in gone}))
        return out, resolved, decisions, findings

    def _spec_notes(self, facts: Facts, group_key: str, where: dict[str, Any]) -> None:
        """A regulation's own findings (CV011/CV018/CV012), once for each group holding it."""
        if facts.notes and group_key not in facts.noted_in:
            facts.noted_in.add(group_key)
            for rule, message in facts.notes:
                self.journal.note(finding(rule, message, object_key=group_key, **where))

    def _value_swedish(self, spec: RegSpec, code: str, swe: Any, where: dict[str, Any]) -> RegSpec:
        """The regulation of a text value with its Swedish (``values_swe``) added, made once
        per value and translation; a value without text to translate keeps its regulation
        and the Swedish is a CV019 finding."""
        cache_key = (id(spec), swe)
        cached = self.swedish_specs.get(cache_key)
        if cached is not None:
            return cached
        value = spec.value if isinstance(spec.value, dict) else {}
        text = value.get("text")
        if isinstance(text, dict) and spec.type != "sanallinenMaarays":
            out = replace(spec, value={**value, "text": {**text, "swe": str(swe).strip()}})
        else:
            self.journal.note(
                finding(
                    "CV019",
                    f"Swedish value {swe!r} of {code}: the regulation holds no text to "
                    "translate; left out",
                    **where,
                )
            )
            out = spec
        self.swedish_specs[cache_key] = out
        return out

    def _value(self, code: str, raw: Any) -> tuple[RegSpec, str | None]:
        """The regulation an attribute value stands for, and the CV006 message when it is
        not understood (each distinct value is read once)."""
        cache_key = (code, type(raw), repr(raw))
        cached = self.value_specs.get(cache_key)
        if cached is not None:
            return cached
        parsed = parse_value(code, raw, self.interp.value_types)
        problem = None
        if parsed is None:
            problem = f"value {raw!r} of {code} is not understood; kept as verbal text"
            name = label(self.reg, REG_LIST, code)
            spec = verbal(f"{name}: {raw}", f"value {raw!r} of {code} not understood")
        else:
            rcode, value = parsed
            spec = RegSpec(
                type=rcode, value=value, origin="attribute", evidence=f"attribute value {raw!r}"
            )
        self.value_specs[cache_key] = (spec, problem)
        return spec, problem

    def _letter_from_main_use(
        self, regs: list[RegSpec], where: dict[str, Any], title: str | None = None
    ) -> str | None:
        """The letter code of a main-use group the source gave none (:func:`main_use_letter`)."""
        codes = [
            s.type for s in regs if any(a.get("type") == "paakayttotarkoitus" for a in s.additional)
        ]
        found = main_use_letter(
            self.reg, self.interp.notation, codes, title, self.interp.plan_level
        )
        if found is None:
            return None
        self.journal.decision(
            where,
            f"main use {', '.join(codes)} without a letter code",
            f"letterIdentifier {found[0]!r} {found[1]}",
        )
        return found[0]


def _what(letter: str | None, meaning: str | None, text: str | None, layer: str) -> str:
    """How findings name the features of a signature."""
    if letter:
        return f"letter code {letter!r}"
    if meaning:
        return f"meaning {meaning[:60]!r}"
    if text:
        return f"text {text[:60]!r}"
    return f"features of layer {layer!r}"


def _explains_a_sign(spec: RegSpec) -> bool:
    """True for the extractor's reading of a legend line that explains a sign's number."""
    return spec.origin == "extractor" and spec.evidence.startswith("explains the sign")


def _cartographic(regs: list[RegSpec], kind: str) -> bool:
    """True when a line's or point's only content is the text of a map convention."""
    return (
        kind in ("line", "point")
        and bool(regs)
        and all(r.type == VERBAL and not r.verbal and is_cartographic(verbal_text(r)) for r in regs)
    )
