"""Dragnet's comment scores under its own gold and under docs/labels.md's reading of it.

Dragnet's gold files hold what each commenter wrote; the corpus aligns that text to
blocks, as issue 3 prescribes. docs/labels.md also counts a comment's header line, its "Reply"
link and its vote count as comment, and Dragnet's gold leaves those out, so the corpus
labels a short run of unaligned blocks between two aligned comments as comment
(``thread_chrome`` in ``cleanfeed/training/corpus/sources.py``). This scores one model's labels
both ways, so the figure in the model card (docs/labels.md's) can be read beside the one the
plain alignment gives:

    python benchmarks/studies/dragnet_chrome.py --corpus .cache/corpus [--model DIR]
"""

from __future__ import annotations

import argparse
import dataclasses
import sys
from collections import Counter
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from benchmarks.common import corpus_problem, write_results  # noqa: E402
from cleanfeed import Pipeline  # noqa: E402
from cleanfeed.rules import RuleSet  # noqa: E402
from cleanfeed.training import PageData, page_from_row, gold_labels, score_predictions  # noqa: E402

CHROME = "thread_chrome"


def dragnet_pages(corpus: Path) -> tuple[list[PageData], list[PageData]]:
    """Dragnet's pages with the corpus gold, and the same pages with the chrome as navigation."""
    import datasets

    ds = datasets.load_from_disk(str(corpus)).filter(lambda s: s == "dragnet", input_columns="source")
    rules = RuleSet.default()
    contract, aligned = [], []
    for row in ds:
        page = page_from_row(row, rules)
        spans = [(b["start"], b["end"], "navigation" if b["how"] == CHROME else b["label"]) for b in row["blocks"]]
        contract.append(page)
        aligned.append(dataclasses.replace(page, labels=gold_labels(page.blocks, spans)))
    return contract, aligned


def compare(contract: list[PageData], aligned: list[PageData], predicted: list[list[str]]) -> dict[str, Any]:
    """Comment and navigation scores under both golds, and what the model called the chrome blocks."""
    out: dict[str, Any] = {}
    for name, pages in (("labels_md", contract), ("alignment_only", aligned)):
        entry = score_predictions(pages, predicted)["dragnet"]
        out[name] = {"comment": entry["labels"]["comment"], "navigation": entry["labels"]["navigation"],
                     "accuracy": entry["accuracy"]}
    said = Counter(
        q for c, a, pred in zip(contract, aligned, predicted)
        for gc, ga, q in zip(c.labels, a.labels, pred) if gc != ga
    )
    out["chrome_blocks"] = {"blocks": sum(said.values()), "predicted": dict(said.most_common())}
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--corpus", type=Path, required=True, help="a corpus built by `cleanfeed corpus build`")
    ap.add_argument("--model", default=None, help="model directory or file (default: the shipped model)")
    ap.add_argument("--out", type=Path, default=ROOT / "benchmarks" / "results" / "dragnet_chrome.json")
    args = ap.parse_args(argv)
    problem = corpus_problem(args.corpus)
    if problem:
        ap.error(problem)
    contract, aligned = dragnet_pages(args.corpus)
    if not contract:
        ap.error(f"no Dragnet pages in {str(args.corpus)!r}")
    pipeline = Pipeline(model=args.model) if args.model else Pipeline()
    predicted = [[b.label for b in pipeline.label(p.text)] for p in contract]
    result = compare(contract, aligned, predicted)
    for name in ("labels_md", "alignment_only"):
        c = result[name]["comment"]
        print(f"{name}: comment P {c['precision']:.3f} R {c['recall']:.3f} F1 {c['f1']:.3f} (gold {c['support']})")
    write_results(args.out, {"corpus": str(args.corpus), "model": args.model or "shipped", **result})
    return 0


if __name__ == "__main__":
    sys.exit(main())
