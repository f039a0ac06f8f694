"""Quality by language: body token F1 and per-label F1 for each language of the corpus pages.

    python benchmarks/languages.py --corpus .cache/corpus --heldout-model .cache/model-holdout0 \\
        --out benchmarks/results/languages.json

Pages are grouped by the language of their gold text (``cleanfeed.training.language``:
function words, or the script).  Two settings:

* **model**: the site-held-out fold (``--fold``, 0 by default) of every training source,
  scored with a model trained without that fold (``cleanfeed train --holdout-fold``), plus
  ``threads-ml-heldout`` (threads of the project's own comments and spam texts in eight
  languages that no training thread holds) scored with the same model;
* **rules-only**: every training page (no model is involved, so none is unseen or seen).

Body token F1 needs a gold article text, which the snippet-labelled trafilatura pages and
goose3's do not have: they count towards the per-label scores only.  Tokens are
whitespace-separated words, except in scripts written without spaces (Chinese, Japanese,
Thai...), where each character is a token (``cleanfeed.training.metrics.tokens``).
"""

from __future__ import annotations

import argparse
import sys
from collections import defaultdict
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.common import corpus_problem, write_results  # noqa: E402
from cleanfeed import Pipeline  # noqa: E402
from cleanfeed.training.data import gold_labels  # noqa: E402
from cleanfeed.training.language import detect_language  # noqa: E402
from cleanfeed.training.metrics import label_prf, mean_token_prf  # noqa: E402

#: The training sources whose pages are scored (every ``train`` source with pages).
SOURCES = ("wcxb", "fundus", "readability", "newspaper", "postlight", "trafilatura", "goose3")
ML_THREADS = "threads-ml-heldout"


def _scores(rows: list[dict[str, Any]], pipeline: Pipeline) -> dict[str, dict[str, Any]]:
    """Per language: pages, body token scores (pages with a gold article) and per-label scores."""
    by_lang: dict[str, dict[str, list]] = defaultdict(lambda: {"pairs": [], "gold": [], "pred": [], "pages": []})
    for row in rows:
        lang = row["_language"]
        labelled = pipeline.label(row["text"])
        # The gold of each block as the card and quality.py read it (label_prf skips UNLABELLED).
        spans = [(b["start"], b["end"], b["label"]) for b in row["blocks"]]
        by_lang[lang]["gold"] += gold_labels(labelled, spans)
        by_lang[lang]["pred"] += [block.label for block in labelled]
        if row["gold_body"]:
            by_lang[lang]["pairs"].append(("\n".join(b.text for b in labelled if b.label == "body"), row["gold_body"]))
        by_lang[lang]["pages"].append(row["source"])
    out = {}
    for lang, d in sorted(by_lang.items()):
        entry: dict[str, Any] = {"pages": len(d["pages"]), "pages_with_gold_article": len(d["pairs"]),
                                 "sources": {s: d["pages"].count(s) for s in sorted(set(d["pages"]))}}
        if d["pairs"]:
            entry["body_tokens"] = {k: round(v, 4) for k, v in mean_token_prf(d["pairs"]).items()}
        entry["labels"] = label_prf(d["gold"], d["pred"])
        out[lang] = entry
    return out


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--corpus", default=".cache/corpus")
    p.add_argument("--heldout-model", help="a model trained with --holdout-fold FOLD (without it: rules-only only)")
    p.add_argument("--fold", type=int, default=0)
    p.add_argument("--out", default=str(Path(__file__).resolve().parent / "results" / "languages.json"))
    args = p.parse_args(argv)
    problem = corpus_problem(args.corpus)
    if problem:
        print(f"languages: {problem}", file=sys.stderr)
        return 2
    import datasets

    train_rows, fold_rows, ml_rows = [], [], []
    for row in datasets.load_from_disk(args.corpus):
        if row["source"] == ML_THREADS:
            row["_language"] = row["site"].rsplit("/", 1)[-1]
            ml_rows.append(row)
        elif row["source"] in SOURCES and row["use"] == "train":
            row["_language"] = detect_language(row["gold_body"] or row["text"])
            train_rows.append(row)
            if row["fold"] == args.fold:
                fold_rows.append(row)
    print(f"languages: {len(train_rows)} training pages, {len(fold_rows)} in fold {args.fold}, "
          f"{len(ml_rows)} held-out threads", file=sys.stderr)
    results: dict[str, Any] = {"corpus": args.corpus, "fold": args.fold,
                               "rules_only": _scores(train_rows, Pipeline(model=None))}
    if args.heldout_model:
        model = Pipeline(model=args.heldout_model).load()
        results["model"] = args.heldout_model
        results["heldout_fold"] = _scores(fold_rows, model)
        results["threads_ml_heldout"] = _scores(ml_rows, model)
    write_results(args.out, results)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
