"""Measure extraction against gold lines: types, values, additional information, topics, calibration.

A gold line is ``{"id", "text", "sign", "plan_type", "gold": {…}}``; the gold follows the
labelling spec (the project's guideline in ``tests/data/README.md``, which follows
``corpus/LABELLING.md`` of the reference material) in two tiers:

* ``types`` / ``additional`` / ``verbal`` – the codes a careful planner would *certainly* use;
  they are scored for recall. ``types_match`` / ``additional_match`` ``"any"`` means the legend
  covers several codes and any one of them is right ("Kadun tai puiston nimi"): the group counts
  once, found when one of its codes is predicted.
* ``types_alt`` / ``additional_alt`` / ``verbal_alt`` – defensible alternatives: predicting them is
  not a false positive, not predicting them is not a miss.
* ``values`` (``{"type", "number" | "min"/"max", "unit"}``) must be found; ``values_optional``
  may be (a predicted value that matches one is not wrong).

Figures:

* **types** – micro P/R/F1 over the per-entry code sets, macro F1 over the codes seen;
* **auto-accepted precision** – of the predicted (entry, type) pairs the extractor did not flag
  for review, the share that is right (in the gold or its alternatives): what a planner who
  trusts unflagged output gets;
* **calibration** – predicted (entry, type) pairs by confidence bucket, with the precision of
  each bucket: a confidence means something when the precision of its bucket is close to it;
* **values** – exact match = gold values found / gold values (same type, number or range, unit);
* **additional / verbal** – micro P/R/F1 over the per-entry code sets (the additional set is the
  regulations' additional information and the entry-level modifiers: the gold labels what the
  entry says, whichever regulation carries it).
"""

from __future__ import annotations

import json
import math
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ryhti.errors import InputError

#: Lower edges of the calibration buckets (the last bucket includes 1.0).
BUCKETS = (0.0, 0.5, 0.6, 0.7, 0.8, 0.85, 0.9, 0.95)


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

    def add(self, other: Counts) -> None:
        self.tp += other.tp
        self.fp += other.fp
        self.fn += other.fn

    def as_dict(self) -> dict[str, Any]:
        return {
            "precision": self.precision,
            "recall": self.recall,
            "f1": self.f1,
            "tp": self.tp,
            "fp": self.fp,
            "fn": self.fn,
        }


@dataclass
class Report:
    entries: int = 0
    types: Counts = field(default_factory=Counts)
    per_type: dict[str, Counts] = field(default_factory=lambda: defaultdict(Counts))
    additional: Counts = field(default_factory=Counts)
    verbal: Counts = field(default_factory=Counts)
    values_gold: int = 0
    values_matched: int = 0
    values_predicted: int = 0
    values_correct_predicted: int = 0
    accepted: Counts = field(default_factory=Counts)  # tp/fp of predictions not flagged
    #: bucket lower edge → [right, predicted]
    calibration: dict[float, list[int]] = field(default_factory=dict)
    review: int = 0
    predictions: int = 0
    errors: list[dict[str, Any]] = field(default_factory=list)

    @property
    def micro(self) -> Counts:
        return self.types

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

    @property
    def above(self) -> Counts:
        """Kept for callers of the old name: the auto-accepted predictions."""
        return self.accepted

    def calibration_rows(self) -> list[dict[str, Any]]:
        """One row per non-empty bucket: range, predictions, precision."""
        rows = []
        for i, low in enumerate(BUCKETS):
            right, total = self.calibration.get(low, [0, 0])
            if not total:
                continue
            high = BUCKETS[i + 1] if i + 1 < len(BUCKETS) else 1.0
            rows.append(
                {
                    "bucket": f"[{low:.2f}, {high:.2f}{']' if high == 1.0 else ')'}",
                    "predictions": total,
                    "right": right,
                    "precision": right / total,
                }
            )
        return rows

    def summary(self) -> dict[str, Any]:
        return {
            "entries": self.entries,
            "types_micro": self.types.as_dict(),
            "types_macro_f1": self.macro_f1,
            "value_exact_match": self.value_exact,
            "value_gold": self.values_gold,
            "value_matched": self.values_matched,
            "value_precision": self.value_precision,
            "auto_accepted_precision": self.accepted.precision,
            "auto_accepted": {"right": self.accepted.tp, "wrong": self.accepted.fp},
            "precision_above_threshold": self.accepted.precision,
            "predictions": self.predictions,
            "marked_for_review": self.review,
            "additional": self.additional.as_dict(),
            "verbal": self.verbal.as_dict(),
            "calibration": self.calibration_rows(),
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
        if not isinstance(row, dict) or not isinstance(row.get("gold"), dict):
            raise InputError("a gold line needs a 'gold' object", source=p, where=f"line {n}")
        if not isinstance(row.get("text"), str):
            hint = (
                "this line points at its text in the reference material: "
                "write the set with its texts first (benchmarks/nlp_real.py materialise)"
                if "source" in row
                else None
            )
            raise InputError("a gold line needs 'text'", source=p, where=f"line {n}", hint=hint)
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


def _codes(gold: dict[str, Any], predicted: set[str], key: str) -> tuple[Counts, dict[str, Counts]]:
    """Counts for one entry's ``key`` codes (two tiers, ``all`` or ``any``), and per code."""
    certain = set(gold.get(key) or [])
    alternatives = set(gold.get(f"{key}_alt") or [])
    counts = Counts()
    per: dict[str, Counts] = defaultdict(Counts)
    if gold.get(f"{key}_match") == "any" and certain:
        found = certain & predicted
        if found:
            counts.tp += 1
            for code in found:
                per[code].tp += 1
        else:
            counts.fn += 1
            per["any(" + "|".join(sorted(certain)) + ")"].fn += 1
    else:
        for code in certain & predicted:
            counts.tp += 1
            per[code].tp += 1
        for code in certain - predicted:
            counts.fn += 1
            per[code].fn += 1
    for code in predicted - certain - alternatives:
        counts.fp += 1
        per[code].fp += 1
    return counts, per


def _bucket(confidence: float) -> float:
    low = BUCKETS[0]
    for edge in BUCKETS:
        if confidence >= edge:
            low = edge
    return low


def score(rows: Iterable[dict[str, Any]], predict: Any, threshold: float) -> Report:
    """Score ``predict(text, sign, plan_type)`` on gold ``rows``: it returns the entry JSON
    ``{"regulations": [...], "modifiers": [...]}`` (or just the list of regulations).

    ``threshold`` is kept for callers; what counts as auto-accepted is each result's own
    ``review`` flag (the extractor sets it from the threshold and from its review reasons).
    """
    del threshold
    rep = Report()
    for row in rows:
        rep.entries += 1
        gold = row["gold"]
        found = predict(row.get("text") or "", row.get("sign"), row.get("plan_type"))
        regs, mods = _split(found)
        confidence: dict[str, float] = {}
        flagged: dict[str, bool] = {}
        for r in regs:
            t = r["type"]
            confidence[t] = max(confidence.get(t, 0.0), float(r.get("confidence", 0.0)))
            # a type is auto-accepted when any of its results carries no review flag
            flagged[t] = flagged.get(t, True) and bool(r.get("review"))
            rep.predictions += 1
            if r.get("review"):
                rep.review += 1
        predicted = set(confidence)
        counts, per = _codes(gold, predicted, "types")
        rep.types.add(counts)
        for code, c in per.items():
            rep.per_type[code].add(c)
        right = set(gold.get("types") or []) | set(gold.get("types_alt") or [])
        for t, conf in confidence.items():
            ok = t in right
            if not flagged[t]:
                if ok:
                    rep.accepted.tp += 1
                else:
                    rep.accepted.fp += 1
            cell = rep.calibration.setdefault(_bucket(conf), [0, 0])
            cell[0] += ok
            cell[1] += 1
        # the entry's additional information: its regulations' and its entry-level modifiers'
        padd = {a["type"] for r in regs for a in (r.get("additionalInformations") or [])}
        padd |= {m["type"] for m in mods}
        rep.additional.add(_codes(gold, padd, "additional")[0])
        pverb = {v for r in regs for v in (r.get("verbalRegulations") or [])}
        rep.verbal.add(_codes(gold, pverb, "verbal")[0])
        preds = _pred_values(regs)
        used = [False] * len(preds)
        gvals = gold.get("values") or []
        rep.values_gold += len(gvals)
        for gv in gvals:
            for i, (t, pv) in enumerate(preds):
                if not used[i] and t == gv["type"] and _value_match(gv, pv):
                    used[i] = True
                    rep.values_matched += 1
                    break
        matched_gold = sum(used)
        optional = 0
        for ov in gold.get("values_optional") or []:
            for i, (t, pv) in enumerate(preds):
                if not used[i] and t == ov["type"] and _value_match(ov, pv):
                    used[i] = True
                    optional += 1
                    break
        rep.values_predicted += len(preds) - optional
        rep.values_correct_predicted += matched_gold
        if counts.fp or counts.fn or matched_gold != len(gvals):
            certain = set(gold.get("types") or [])
            rep.errors.append(
                {
                    "id": row.get("id"),
                    "missing": sorted(certain - predicted),
                    "extra": sorted(predicted - right),
                    "values": f"{matched_gold}/{len(gvals)}",
                }
            )
    return rep


def _split(found: Any) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """(regulations, modifiers) of what a predictor returned: ``{"regulations", "modifiers"}``
    (the extractor's entry JSON), or a plain list of regulations."""
    if isinstance(found, dict):
        return list(found.get("regulations") or []), list(found.get("modifiers") or [])
    return list(found), []


def format_report(rep: Report, title: str = "", per_type: bool = True) -> str:
    """A plain-text table of the figures."""
    m = rep.types
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
    a = rep.accepted
    lines.append(
        f"auto-accepted (review = false) precision {a.precision:.3f} ({a.tp}/{a.tp + a.fp}; {a.fp} wrong without a review flag)"
    )
    ad, v = rep.additional, rep.verbal
    lines.append(f"additional info   P {ad.precision:.3f}  R {ad.recall:.3f}  F1 {ad.f1:.3f}")
    lines.append(f"verbal types      P {v.precision:.3f}  R {v.recall:.3f}  F1 {v.f1:.3f}")
    lines.append(format_calibration(rep))
    if per_type:
        lines.append("")
        lines.append(f"{'type':60} {'P':>6} {'R':>6} {'F1':>6} {'n':>4}")
        for t, c in sorted(rep.per_type.items(), key=lambda kv: (-(kv[1].tp + kv[1].fn), kv[0])):
            lines.append(
                f"{t[:60]:60} {c.precision:6.3f} {c.recall:6.3f} {c.f1:6.3f} {c.tp + c.fn:4d}"
            )
    return "\n".join(lines)


def format_calibration(rep: Report) -> str:
    """Confidence bucket → how many predictions and how many of them right."""
    rows = rep.calibration_rows()
    parts = [f"{r['bucket']} {r['right']}/{r['predictions']} = {r['precision']:.2f}" for r in rows]
    return "calibration       " + ("   ".join(parts) if parts else "(no predictions)")
