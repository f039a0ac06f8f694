"""What a smaller tree model costs in quality, and what it saves in tree time.

The speed targets leave far less time per block than the shipped model's 1,200 trees take
(``RESULTS.md``).  This compares two fold-0 twins, both trained without fold 0's sites:
one with the shipped recipe and one with fewer trees, e.g.

    cleanfeed train --corpus .cache/corpus --out .cache/model-holdout0 --holdout-fold 0 --no-cv
    cleanfeed train --corpus .cache/corpus --out .cache/model-holdout0-small --holdout-fold 0 --no-cv \\
        --iterations 54,27 --learning-rate 0.3
    python benchmarks/studies/smaller_model.py --corpus .cache/corpus --heldout-model .cache/model-holdout0 \\
        --smaller-model .cache/model-holdout0-small

Quality: body token F1 and per-label F1 on fold 0 (scored here), and the eval-set figures
each twin's card holds (scored by ``cleanfeed train``).  Speed: both tree passes over the
speed benchmark's input in chunks of 4,096 rows, one thread, in µs a block.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path


ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from benchmarks.common import corpus_problem, write_results  # noqa: E402
from benchmarks.quality import TRAIN_SOURCES  # noqa: E402
from cleanfeed.labels import LABELS  # noqa: E402

# Card figures reported for each twin: (set, path into its held-out metrics).
HELD_OUT = (
    ("l3s-gn1", ("body_tokens", "f1")),
    ("l3s-gn1", ("labels", "body", "f1")),
    ("l3s-gn1", ("labels", "comment", "f1")),
    ("dragnet", ("body_tokens", "f1")),
    ("dragnet", ("labels", "comment", "f1")),
    ("threads-heldout", ("labels", "spam", "precision")),
    ("threads-heldout", ("labels", "spam", "recall")),
    ("youtube-heldout", ("labels", "spam", "recall")),
)


def _dig(node, path):
    for key in path:
        node = node.get(key) if isinstance(node, dict) else None
    return node


def _held_out_name(name: str, path: tuple[str, ...]) -> str:
    """``("l3s-gn1", ("labels", "comment", "f1"))`` -> ``"l3s-gn1 comment F1"``."""
    what = " ".join(path[1:]) if path[0] == "labels" else "body token " + path[-1]
    return f"{name} {what}".replace(" f1", " F1")


def tree_time_per_block(model, texts: list[str]) -> float:
    """µs a block for both tree passes of ``model`` on ``texts``, as the pipeline scores
    them (batches of 64 pages), timed by the stage chain's clock."""
    from collections import defaultdict
    from contextlib import contextmanager

    from cleanfeed import RuleSet, chain

    rules = RuleSet.default()
    times: dict[str, float] = defaultdict(float)

    @contextmanager
    def clock(stage: str):
        t0 = time.perf_counter()
        yield
        times[stage] += time.perf_counter() - t0

    pages = [chain.blocks_and_hits(text, rules) for text in texts]
    for i in range(0, len(pages), 64):
        chain.model_scores(model, pages[i : i + 64], rules, clock)
    n_blocks = sum(len(blocks) for blocks, _ in pages)
    return (times["trees"] + times["stacked trees"]) / n_blocks * 1e6


def measure(model_dir: str, fold_pages, pooled_pages, texts: list[str]) -> dict:
    from cleanfeed.model import load_model
    from cleanfeed.training import evaluate_pages

    model = load_model(model_dir)
    per_source = evaluate_pages(model, fold_pages)
    pooled = evaluate_pages(model, pooled_pages)["pooled"]["labels"]
    held = model.card.get("metrics", {}).get("held_out_sets", {})
    return {
        "model": model_dir,
        "params": {k: model.card.get("params", {}).get(k) for k in ("block_model", "stack_model")},
        "trees": sum(len(clf._predictors) * clf.n_trees_per_iteration_ for clf in (model.block_clf, model.stack_clf) if clf is not None),
        "fold0_body_token_f1": {s: e["body_tokens"]["f1"] for s, e in per_source.items() if "body_tokens" in e},
        "fold0_label_f1": {label: pooled[label]["f1"] for label in LABELS},
        "held_out": {_held_out_name(name, path): _dig(held.get(name), path) for name, path in HELD_OUT},
        "tree_us_per_block": tree_time_per_block(model, texts),
    }


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--corpus", default=".cache/corpus", help="corpus built by 'cleanfeed corpus build'")
    p.add_argument("--heldout-model", required=True, help="fold-0 twin trained with the shipped recipe (--holdout-fold 0)")
    p.add_argument("--smaller-model", required=True, help="fold-0 twin trained with fewer trees (--holdout-fold 0 --iterations ...)")
    p.add_argument("--input", default=".cache/speed-input.jsonl", help="the speed benchmark's input (written by speed.py)")
    p.add_argument("--out", default="benchmarks/results/smaller_model.json", help="where to write the JSON results")
    args = p.parse_args(argv)
    from cleanfeed.model import ModelError, load_model

    for option, path in (("--heldout-model", args.heldout_model), ("--smaller-model", args.smaller_model)):
        try:
            card = load_model(path).card
        except ModelError as exc:
            p.error(f"{option}: {exc}")
        if card.get("holdout_fold") != 0:
            p.error(f"{option}: {path} was not trained with --holdout-fold 0, so fold 0 is no held-out fold for it")
    if not Path(args.input).is_file():
        p.error(f"no input at {args.input}; run benchmarks/speed.py first, which writes it")
    problem = corpus_problem(args.corpus)
    if problem:
        p.error(problem)
    import dataclasses

    import datasets
    from threadpoolctl import threadpool_limits

    from cleanfeed.training import rows_to_pages

    # The fully labelled training sources, as the quality benchmark's fold (the snippet-labelled
    # pages have no gold body); the per-label figures pool them.
    rows = [r for r in datasets.load_from_disk(args.corpus).to_list() if r["source"] in TRAIN_SOURCES and r["fold"] == 0]
    fold_pages = rows_to_pages(rows)
    pooled_pages = [dataclasses.replace(p, source="pooled") for p in fold_pages]
    texts = [json.loads(line)["text"] for line in Path(args.input).open(encoding="utf-8")]
    threadpool_limits(1)  # one core for the tree timing, as every speed figure here
    out = {"fold0_pages": len(fold_pages), "shipped_recipe": None, "smaller": None}
    for key, path in (("shipped_recipe", args.heldout_model), ("smaller", args.smaller_model)):
        print(f"measuring {path} ...", file=sys.stderr)
        out[key] = measure(path, fold_pages, pooled_pages, texts)
    write_results(args.out, out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
