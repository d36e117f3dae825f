"""Measure extraction against gold lines: per-type P/R/F1, micro and macro, values, review.

Gold line: ``{"id", "text", "sign", "plan_type", "gold": {"types": [code…], "values":
[{"type", "number" | "min"/"max", "unit"}], "additional": [code…], "verbal": [code…]}}``.

* **types** – per entry the *set* of regulation codes; a predicted code counts as a true
  positive when the gold set has it. Micro sums counts over all entries, macro averages
  per-type F1 over the types seen in gold or predictions.
* **values** – a gold value is matched when a predicted regulation (or additional
  information) of the same type has the same number (or min/max) and unit; the exact-match
  rate is matched / gold values (value precision is reported beside it).
* **precision above threshold** – of the predicted (entry, type) pairs whose confidence
  is at or above the review threshold, the share that are in gold.
* **additional / verbal** – micro P/R/F1 over the per-entry code sets.
"""

from __future__ import annotations

import json
import math
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ryhti.errors import InputError


@dataclass
class Counts:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass
class Report:
    entries: int = 0
    per_type: dict[str, Counts] = field(default_factory=lambda: defaultdict(Counts))
    additional: Counts = field(default_factory=Counts)
    verbal: Counts = field(default_factory=Counts)
    values_gold: int = 0
    values_matched: int = 0
    values_predicted: int = 0
    values_correct_predicted: int = 0
    above: Counts = field(default_factory=Counts)  # tp/fp of predictions at or above threshold
    review: int = 0
    predictions: int = 0
    errors: list[dict[str, Any]] = field(default_factory=list)

    @property
    def micro(self) -> Counts:
        c = Counts()
        for v in self.per_type.values():
            c.tp += v.tp
            c.fp += v.fp
            c.fn += v.fn
        return c

    @property
    def macro_f1(self) -> float:
        vals = [c.f1 for c in self.per_type.values()]
        return sum(vals) / len(vals) if vals else 0.0

    @property
    def value_exact(self) -> float:
        return self.values_matched / self.values_gold if self.values_gold else 1.0

    @property
    def value_precision(self) -> float:
        return (
            self.values_correct_predicted / self.values_predicted if self.values_predicted else 1.0
        )

    def summary(self) -> dict[str, Any]:
        m = self.micro
        return {
            "entries": self.entries,
            "types_micro": {
                "precision": m.precision,
                "recall": m.recall,
                "f1": m.f1,
                "tp": m.tp,
                "fp": m.fp,
                "fn": m.fn,
            },
            "types_macro_f1": self.macro_f1,
            "value_exact_match": self.value_exact,
            "value_gold": self.values_gold,
            "value_precision": self.value_precision,
            "precision_above_threshold": self.above.precision,
            "predictions": self.predictions,
            "marked_for_review": self.review,
            "additional": {
                "precision": self.additional.precision,
                "recall": self.additional.recall,
                "f1": self.additional.f1,
            },
            "verbal": {
                "precision": self.verbal.precision,
                "recall": self.verbal.recall,
                "f1": self.verbal.f1,
            },
        }


def read_gold(path: str | Path) -> list[dict[str, Any]]:
    """Gold lines; a line that is not a gold object raises :class:`InputError` naming it."""
    p = Path(path)
    try:
        lines = p.read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise InputError(f"cannot read gold file: {exc.strerror}", source=p) from exc
    out = []
    for n, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError as exc:
            raise InputError(f"not JSON: {exc.msg}", source=p, where=f"line {n}") from exc
        if not isinstance(row, dict) or not isinstance(row.get("gold"), dict) or "text" not in row:
            raise InputError(
                "a gold line needs 'text' and a 'gold' object", source=p, where=f"line {n}"
            )
        out.append(row)
    return out


def _num_equal(a: Any, b: Any) -> bool:
    if a is None or b is None:
        return a is None and b is None
    try:
        return math.isclose(float(a), float(b), rel_tol=1e-6, abs_tol=1e-6)
    except (TypeError, ValueError):
        return False


def _pred_values(regs: list[dict[str, Any]]) -> list[tuple[str, dict[str, Any]]]:
    out = []
    for r in regs:
        v = r.get("value")
        if isinstance(v, dict) and ("number" in v or "minimumValue" in v):
            out.append((r["type"], v))
        for a in r.get("additionalInformations") or []:
            av = a.get("value")
            if isinstance(av, dict) and ("number" in av or "minimumValue" in av):
                out.append((a["type"], av))
    return out


def _value_match(gold: dict[str, Any], pred: dict[str, Any]) -> bool:
    if gold.get("unit") != pred.get("unitOfMeasure"):
        return False
    if "number" in gold:
        return _num_equal(gold["number"], pred.get("number"))
    return _num_equal(gold.get("min"), pred.get("minimumValue")) and _num_equal(
        gold.get("max"), pred.get("maximumValue")
    )


def score(rows: Iterable[dict[str, Any]], predict: Any, threshold: float) -> Report:
    """Score ``predict(text, sign, plan_type) -> list[regulation JSON]`` on gold ``rows``."""
    rep = Report()
    for row in rows:
        rep.entries += 1
        gold = row["gold"]
        regs = predict(row.get("text") or "", row.get("sign"), row.get("plan_type"))
        gtypes = set(gold.get("types") or [])
        ptypes: dict[str, float] = {}
        for r in regs:
            ptypes[r["type"]] = max(ptypes.get(r["type"], 0.0), float(r.get("confidence", 0.0)))
            rep.predictions += 1
            if r.get("review"):
                rep.review += 1
        for t in gtypes | set(ptypes):
            c = rep.per_type[t]
            if t in gtypes and t in ptypes:
                c.tp += 1
            elif t in ptypes:
                c.fp += 1
            else:
                c.fn += 1
        for t, conf in ptypes.items():
            if conf >= threshold:
                if t in gtypes:
                    rep.above.tp += 1
                else:
                    rep.above.fp += 1
        gadd = set(gold.get("additional") or [])
        padd = {a["type"] for r in regs for a in (r.get("additionalInformations") or [])}
        rep.additional.tp += len(gadd & padd)
        rep.additional.fp += len(padd - gadd)
        rep.additional.fn += len(gadd - padd)
        gverb = set(gold.get("verbal") or [])
        pverb = {v for r in regs for v in (r.get("verbalRegulations") or [])}
        rep.verbal.tp += len(gverb & pverb)
        rep.verbal.fp += len(pverb - gverb)
        rep.verbal.fn += len(gverb - pverb)
        preds = _pred_values(regs)
        used = [False] * len(preds)
        gvals = gold.get("values") or []
        rep.values_gold += len(gvals)
        rep.values_predicted += len(preds)
        for gv in gvals:
            for i, (t, pv) in enumerate(preds):
                if not used[i] and t == gv["type"] and _value_match(gv, pv):
                    used[i] = True
                    rep.values_matched += 1
                    break
        rep.values_correct_predicted += sum(used)
        if gtypes != set(ptypes) or sum(used) != len(gvals):
            rep.errors.append(
                {
                    "id": row.get("id"),
                    "missing": sorted(gtypes - set(ptypes)),
                    "extra": sorted(set(ptypes) - gtypes),
                    "values": f"{sum(used)}/{len(gvals)}",
                }
            )
    return rep


def format_report(rep: Report, title: str = "", per_type: bool = True) -> str:
    """A plain-text table of the figures."""
    m = rep.micro
    lines = []
    if title:
        lines.append(title)
    lines.append(
        f"entries: {rep.entries}   predictions: {rep.predictions}   marked for review: {rep.review}"
    )
    lines.append(
        f"regulation types  micro P {m.precision:.3f}  R {m.recall:.3f}  F1 {m.f1:.3f}   (tp {m.tp}, fp {m.fp}, fn {m.fn})"
    )
    lines.append(f"regulation types  macro F1 {rep.macro_f1:.3f}  over {len(rep.per_type)} types")
    lines.append(
        f"values            exact match {rep.value_exact:.3f} ({rep.values_matched}/{rep.values_gold})   precision {rep.value_precision:.3f}"
    )
    lines.append(
        f"precision of results above the review threshold: {rep.above.precision:.3f} ({rep.above.tp}/{rep.above.tp + rep.above.fp})"
    )
    a, v = rep.additional, rep.verbal
    lines.append(f"additional info   P {a.precision:.3f}  R {a.recall:.3f}  F1 {a.f1:.3f}")
    lines.append(f"verbal types      P {v.precision:.3f}  R {v.recall:.3f}  F1 {v.f1:.3f}")
    if per_type:
        lines.append("")
        lines.append(f"{'type':60} {'P':>6} {'R':>6} {'F1':>6} {'n':>4}")
        for t, c in sorted(rep.per_type.items(), key=lambda kv: (-(kv[1].tp + kv[1].fn), kv[0])):
            lines.append(
                f"{t[:60]:60} {c.precision:6.3f} {c.recall:6.3f} {c.f1:6.3f} {c.tp + c.fn:4d}"
            )
    return "\n".join(lines)


def type_counts(rows: Iterable[dict[str, Any]]) -> Counter[str]:
    c: Counter[str] = Counter()
    for r in rows:
        c.update(set(r["gold"].get("types") or []))
    return c
