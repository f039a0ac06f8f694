"""Per-label thresholds for the stacked-pass cascade, chosen on training pages the deciding
model never saw (issue 25.3; the criterion is in docs/model.md, "The stacked-pass cascade,
second attempt").

A block whose first-pass score for its most likely label l is at least ``t_l`` keeps its
first-pass scores and skips the stacked trees (``cleanfeed.chain``).  The thresholds are
chosen on a site fold's training pages, scored by that fold's twin (a model trained by
``cleanfeed train --holdout-fold K`` with the shipped recipe), so no eval set and no page
the twin trained on takes part:

    python benchmarks/studies/cascade_thresholds.py --corpus .cache/corpus-new \\
        --heldout-model .cache/twin0-main

For each label l on its own (the others' thresholds off), the lowest threshold of ``GRID``
such that the blocks whose decided label differs between cascade and full model, counted
against every label they leave or join, are at most ``MAX_CHANGED_SHARE`` of the full
model's blocks of that label (at least ``MIN_CHANGED_ALLOWED`` blocks).
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

import numpy as np  # noqa: E402

from benchmarks.common import corpus_problem, write_results  # noqa: E402
from cleanfeed import Pipeline, chain  # noqa: E402
from cleanfeed.decide import decide_labels  # noqa: E402
from cleanfeed.labels import LABELS  # noqa: E402

GRID = (0.90, 0.95, 0.97, 0.98, 0.99, 0.995, 0.998, 0.999)
#: At most this share of the full model's blocks of any label may change label through one
#: label's threshold: five labels then move each label by about 0.5 %, the quality gate's epsilon.
MAX_CHANGED_SHARE = 0.001
MIN_CHANGED_ALLOWED = 2


def _pages(corpus: Path, fold: int) -> list[str]:
    import datasets

    data = datasets.load_from_disk(str(corpus)).select_columns(["use", "fold", "text"])
    return [r["text"] for r in data if r["use"] == "train" and int(r["fold"]) == fold]


def measure(texts: list[str], pipeline: Pipeline, progress: bool = True) -> dict:
    model, rules = pipeline.model_, pipeline.rules_
    full_counts: Counter = Counter()
    # (label, threshold) -> [skipped blocks, Counter of labels left or joined]
    changed = {(lab, t): [0, Counter()] for lab in LABELS for t in GRID}
    n_blocks = 0
    for k, text in enumerate(texts):
        if progress and k % 50 == 0:
            print(f"\r{k}/{len(texts)} pages", end="", file=sys.stderr, flush=True)
        blocks, hits = chain.blocks_and_hits(text, rules)
        if not blocks:
            continue
        n_blocks += len(blocks)
        scores = model.text_scores([b.text for b in blocks])
        X = chain.features([blocks], [hits], rules, scores)[0]
        first = model._tree_proba("block_clf", X)
        full = model._tree_proba("stack_clf", chain.stacked_features([blocks], [X], first)[0])
        labels_full = decide_labels(blocks, hits, rules, full, {})[0]
        full_counts.update(labels_full)
        top, sure_of = first.argmax(axis=1), first.max(axis=1)
        for li, lab in enumerate(LABELS):
            of_label = top == li
            if not of_label.any():
                continue
            for t in GRID:
                skip = of_label & (sure_of >= t)
                if not skip.any():
                    continue
                entry = changed[lab, t]
                entry[0] += int(skip.sum())
                mixed = np.where(skip[:, None], first, full)
                for a, b in zip(labels_full, decide_labels(blocks, hits, rules, mixed, {})[0]):
                    if a != b:
                        entry[1][a] += 1
                        entry[1][b] += 1
    if progress:
        print(file=sys.stderr)
    allowed = {lab: max(MIN_CHANGED_ALLOWED, MAX_CHANGED_SHARE * full_counts[lab]) for lab in LABELS}
    table, chosen = [], {}
    for lab in LABELS:
        chosen[lab] = None
        for t in GRID:
            skipped, moved = changed[lab, t]
            ok = all(moved[L] <= allowed[L] for L in LABELS)
            table.append({"label": lab, "threshold": t, "skipped": skipped, "changed": dict(moved), "passes": ok})
            if ok and chosen[lab] is None:
                chosen[lab] = t
    return {"blocks": n_blocks, "pages": len(texts), "full_counts": dict(full_counts), "allowed": allowed,
            "table": table, "chosen": chosen}


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--corpus", required=True)
    p.add_argument("--heldout-model", required=True, help="a twin from 'cleanfeed train --holdout-fold K'")
    p.add_argument("--out", default=str(ROOT / "benchmarks" / "results" / "cascade_thresholds.json"))
    args = p.parse_args(argv)
    problem = corpus_problem(Path(args.corpus))
    if problem:
        raise SystemExit(problem)
    import json

    card = json.loads((Path(args.heldout_model) / "model-card.json").read_text())
    fold = card.get("holdout_fold")
    if fold is None:
        raise SystemExit(f"{args.heldout_model} was trained on every fold; give a model from --holdout-fold K")
    twin = Pipeline(model=str(args.heldout_model), page_model=None).load()
    result = measure(_pages(Path(args.corpus), int(fold)), twin)
    result["fold"] = int(fold)
    result["twin_sha256"] = card.get("sha256")
    for lab in LABELS:
        rows = [r for r in result["table"] if r["label"] == lab]
        line = ", ".join(f"{r['threshold']}: {r['skipped']} skipped, {sum(r['changed'].values()) // 2} changed"
                         f"{'' if r['passes'] else ' (fails)'}" for r in rows)
        print(f"{lab}: chosen {result['chosen'][lab]} | {line}")
    write_results(args.out, result)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
