"""Verbal regulation topics on the real dev set, source by source: is a cue fitted to one plan?

    .venv/bin/python benchmarks/nlp_topics_sources.py            # reads ../shared itself
    .venv/bin/python benchmarks/nlp_topics_sources.py /tmp/tc_dev.jsonl --cues 0

The topic rules (``ryhti/nlp/topic_cues.py``, ``ryhti/nlp/topics.py``) are not trained, they were
written while reading the dev texts; scoring them on pooled dev says how well they fit those texts,
not how they do on a plan nobody read. This groups the dev entries by their source plan
(``origin``: Tampere yleiskaava, qaava, the Ryhti examples, Espoo, Kempele, Katja, the legacy
lists…) and prints

* per source: P/R/F1 of the entries' topic sets, scored as ``ryhti extract --evaluate`` scores
  them (``verbal`` gold; ``verbal_alt`` neutral), and their mean over the sources;
* **leave-one-source-out**: each source scored with only the cues that earned their place on the
  *other* sources (a cue — a cue lemma or a multi-word rule, as the regulation's evidence names
  it — is kept for source S when outside S its true positives outnumber its false positives). A
  cue whose true positives all come from one plan is dropped for that plan, so a rule written from
  a plan's own wording stops counting there. The code list's own words for a topic
  (``ryhti.nlp.topic_cues.CODE_LIST_CUES``: its label and the nouns of its description) were
  fitted to no plan: they are kept everywhere (``--no-code-list`` treats them like any cue). The mean over sources of this estimate is the dev
  generalisation figure the README quotes;
* per cue: true and false positives by source (``--cues N``: the N cues with most false
  positives; fitted cues are marked ``one-source``: all their true positives in one source).

Only the dev set: the held-out set is refused (it is run once, by the lead, totals only).
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from ryhti.nlp.pipeline import default_extractor  # noqa: E402
from ryhti.nlp.topic_cues import CODE_LIST_CUES  # noqa: E402

#: Short names of the dev set's source plans, by the start of their ``origin``.
SOURCES = (
    ("Tampere", "tampere"),
    ("asemakaava notation test data (qaava", "qaava"),
    ("Ryhti example plans", "ryhti-examples"),
    ("Katja", "katja"),
    ("Espoo", "espoo"),
    ("Kempele", "kempele"),
    ("legacy", "legacy"),
    ("Valkeakoski", "valkeakoski"),
)
#: The project's own development sets: their cue counts support a cue in the estimates (their
#: wording is the project's own paraphrase, not another plan's; the own test sets stay out).
OWN_DEV = ("nlp_labelled_dev.jsonl", "nlp_labelled_dev2.jsonl")
#: as_is: the rules as they are; loso: each source with the cues supported on the other sources;
#: loto: each entry with the cues supported on the other texts (its own text left out).
ESTIMATES = ("as_is", "loso", "loto")
#: Sources with fewer gold topics are listed, not averaged (one entry would swing the mean).
MIN_GOLD = 3
#: "code ← why" pairs of a regulation's evidence ("…; topics: melu ← 'melu', hulevedet ← …").
_TOPIC_WHY = re.compile(r"(\w+) ← (.+?)(?=, \w+ ← |; | \(review|$)")


#: "code ← 'cue'" of every code-list cue: the provenance the estimates look up.
CODE_LIST_KEYS = frozenset(
    f"{code} ← '{cue}'" for code, cues in CODE_LIST_CUES.items() for cue in cues
)


def source_of(row: dict) -> str:
    """The short name of a row's source plan (``own`` for the project's own wording)."""
    origin = row.get("origin") or ""
    for prefix, name in SOURCES:
        if origin.startswith(prefix):
            return name
    return origin or "own"


def predict(ex, row: dict) -> dict[str, str]:
    """The entry's predicted topics, each with the cue that first gave it."""
    found = ex.extract_entry(row.get("text") or "", row.get("sign"), row.get("plan_type"))
    out: dict[str, str] = {}
    for reg in found.regulations:
        for code, why in _TOPIC_WHY.findall(reg.evidence or ""):
            if code in reg.verbal:
                out.setdefault(code, why)
        for code in reg.verbal:
            out.setdefault(code, "?")
    return out


def prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    p = tp / (tp + fp) if tp + fp else 1.0
    r = tp / (tp + fn) if tp + fn else 1.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def outcomes(row: dict, pred: dict[str, str]) -> tuple[list[tuple[str, str, str]], int]:
    """((topic, cue, 'tp'|'fp'|'alt') per predicted topic, false negatives) of one entry."""
    gold = row["gold"]
    certain = set(gold.get("verbal") or [])
    alt = set(gold.get("verbal_alt") or [])
    got = [
        (code, cue, "tp" if code in certain else "alt" if code in alt else "fp")
        for code, cue in pred.items()
    ]
    return got, len(certain - set(pred))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("gold", nargs="?", type=Path, help="materialised dev set (default: read it)")
    ap.add_argument("--cues", type=int, default=25, help="cue rows to print (0: none)")
    ap.add_argument("--json", action="store_true", help="print the figures as JSON")
    ap.add_argument(
        "--support",
        nargs="*",
        type=Path,
        default=[ROOT / "tests" / "data" / n for n in OWN_DEV],
        help="gold files whose cue counts support a cue (source 'own'), never scored",
    )
    ap.add_argument(
        "--no-code-list",
        action="store_true",
        help="count the code list's own cues like plan cues (by their support on other plans)",
    )
    args = ap.parse_args()
    unfitted = frozenset() if args.no_code_list else CODE_LIST_KEYS
    if args.gold is not None:
        if "heldout" in args.gold.name:
            raise SystemExit("the held-out set is not for tuning: the lead runs it, totals only")
        rows = [json.loads(line) for line in args.gold.read_text(encoding="utf-8").splitlines()]
    else:
        from tests.nlp.real_data import DATA, available, load_real

        reason = available()
        if reason:
            raise SystemExit(reason)
        rows = load_real(DATA / "nlp_real_dev.jsonl")
    ex = default_extractor()
    per_entry = []
    for row in rows:
        got, fn = outcomes(row, predict(ex, row))
        per_entry.append((source_of(row), got, fn, " ".join((row.get("text") or "").split())))
    support = []
    for path in args.support:
        for line in path.read_text(encoding="utf-8").splitlines():
            row = json.loads(line)
            got, fn = outcomes(row, predict(ex, row))
            support.append(("own", got, fn, " ".join((row.get("text") or "").split())))
    sources = sorted({s for s, _, _, _ in per_entry})
    # cue → source → Counter(tp/fp/alt); cue → text → Counter
    cue_counts: dict[str, dict[str, Counter]] = defaultdict(lambda: defaultdict(Counter))
    cue_texts: dict[str, dict[str, Counter]] = defaultdict(lambda: defaultdict(Counter))
    for src, got, _, text in per_entry + support:
        for code, cue, kind in got:
            cue_counts[f"{code} ← {cue}"][src][kind] += 1
            cue_texts[f"{code} ← {cue}"][text][kind] += 1

    def kept(cue: str, left_out: str) -> bool:
        if cue in unfitted:
            return True
        tp = sum(c["tp"] for s, c in cue_counts[cue].items() if s != left_out)
        fp = sum(c["fp"] for s, c in cue_counts[cue].items() if s != left_out)
        return tp > fp

    def kept_text(cue: str, left_out: str) -> bool:
        if cue in unfitted:
            return True
        tp = sum(c["tp"] for t, c in cue_texts[cue].items() if t != left_out)
        fp = sum(c["fp"] for t, c in cue_texts[cue].items() if t != left_out)
        return tp > fp

    table = {}
    for src in sources:
        counts = {"as_is": Counter(), "loso": Counter(), "loto": Counter()}
        n = 0
        for s, got, fn, text in per_entry:
            if s != src:
                continue
            n += 1
            for key, c in counts.items():
                c["fn"] += fn
                for code, cue, kind in got:
                    cue = f"{code} ← {cue}"
                    if key == "as_is" or (
                        kept(cue, src) if key == "loso" else kept_text(cue, text)
                    ):
                        c[kind] += 1
                    elif kind == "tp":
                        c["fn"] += 1
        table[src] = {"entries": n, "gold": counts["as_is"]["tp"] + counts["as_is"]["fn"]}
        for key, c in counts.items():
            table[src][key] = prf(c["tp"], c["fp"], c["fn"])
            table[src][key + "_counts"] = {k: c[k] for k in ("tp", "fp", "fn", "alt")}
    # the mean is over the sources whose gold has topics: a source without any (qaava, the
    # legacy lists) only has false positives to count, which are listed on their own
    scored = {src: t for src, t in table.items() if t["gold"] >= MIN_GOLD}
    mean = {
        key: tuple(sum(t[key][i] for t in scored.values()) / len(scored) for i in range(3))
        for key in ESTIMATES
    }
    pooled = {
        key: prf(*(sum(t[key + "_counts"][k] for t in table.values()) for k in ("tp", "fp", "fn")))
        for key in ESTIMATES
    }
    if args.json:
        print(json.dumps({"sources": table, "mean": mean, "pooled": pooled}, indent=2))
        return
    print(f"{len(rows)} dev entries; P/R/F1 of the entries' topic sets (verbal_alt neutral)")
    head = "".join(f"   {k:>5} {'P':>5} {'R':>5} {'F1':>5}" for k in ESTIMATES)
    print(f"{'source':16} {'n':>4} {'gold':>4}{head}")

    def cells(t: dict) -> str:
        return "".join(
            f"   {'':>5} {t[k][0]:5.3f} {t[k][1]:5.3f} {t[k][2]:5.3f}" for k in ESTIMATES
        )

    for src, t in table.items():
        if src in scored:
            print(f"{src:16} {t['entries']:4d} {t['gold']:4d}{cells(t)}")
    print(f"{'mean of sources':16} {'':4} {'':4}{cells(mean)}")
    print(f"{'pooled dev':16} {len(rows):4d} {'':4}{cells(pooled)}")
    for src, t in table.items():
        if src not in scored:
            c = t["as_is_counts"]
            print(
                f"{src:16} {t['entries']:4d} {t['gold']:4d}   false topics {c['fp']}, alt {c['alt']}"
            )
    if args.cues:
        print(f"\ncues with most false positives (tp/fp/alt by source; top {args.cues})")
        order = sorted(
            cue_counts,
            key=lambda c: (-sum(v["fp"] for v in cue_counts[c].values()), c),
        )
        for cue in order[: args.cues]:
            by = cue_counts[cue]
            tp_sources = {s for s, c in by.items() if c["tp"]}
            mark = " one-source" if len(tp_sources) == 1 else ""
            mark = " no-tp" if not tp_sources else mark
            mark += " code-list" if cue in CODE_LIST_KEYS else ""
            cells = ", ".join(f"{s} {c['tp']}/{c['fp']}/{c['alt']}" for s, c in sorted(by.items()))
            print(f"  {cue:55} {cells}{mark}")


if __name__ == "__main__":
    main()
