"""Rules-only mode, per site fold of the training corpus: keep every unruled block, or judge it by layout.

    python benchmarks/studies/rules_only_layout.py --corpus .cache/corpus

Without a model, ``decide`` labels the blocks no rule or context pass claims by their
layout (``decide._layout``: prose and the line heading it are body, the rest navigation);
``Pipeline(model=None, fallback="body")`` keeps them all instead.  The layout constants
were chosen on fold 1 alone, so folds 0, 2, 3 and 4 are the test: this script scores both
settings there by body token F1 against the gold article (the quality benchmark's metric).
No model is involved, so no fold is held out of anything but the choice of constants.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from benchmarks.common import write_results  # noqa: E402
from benchmarks.quality import TRAIN_SOURCES  # noqa: E402
from cleanfeed import Pipeline  # noqa: E402
from cleanfeed.training.metrics import mean_token_prf  # noqa: E402

#: The fold the layout constants in ``cleanfeed/decide.py`` were chosen on.
CHOSEN_ON = 1


def fold_scores(corpus: Path) -> dict[int, dict[str, float]]:
    """Body token F1 per fold, for each fallback setting."""
    import datasets

    settings = {"layout": Pipeline(model=None), "keep-all": Pipeline(model=None, fallback="body")}
    pairs: dict[int, dict[str, list]] = {}
    for row in datasets.load_from_disk(str(corpus)):
        # clean() segments the text itself; the gold is the row's main-content text.
        if row["source"] not in TRAIN_SOURCES or not row["gold_body"]:
            continue
        for name, pipeline in settings.items():
            pairs.setdefault(row["fold"], {}).setdefault(name, []).append((pipeline.clean(row["text"]), row["gold_body"]))
    return {fold: {name: round(mean_token_prf(p)["f1"], 4) for name, p in by_name.items()} | {"pages": len(by_name["layout"])}
            for fold, by_name in sorted(pairs.items())}


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--corpus", default=".cache/corpus", help="corpus built by 'cleanfeed corpus build'")
    p.add_argument("--out", default="benchmarks/results/rules_only_layout.json", help="where to write the JSON results")
    args = p.parse_args(argv)
    folds = fold_scores(Path(args.corpus))
    print("fold  pages  keep-all  layout")
    for fold, s in folds.items():
        note = "  (constants chosen here)" if fold == CHOSEN_ON else ""
        print(f"{fold:>4}  {s['pages']:>5}  {s['keep-all']:.4f}    {s['layout']:.4f}{note}")
    write_results(args.out, {"chosen_on_fold": CHOSEN_ON, "folds": {str(k): v for k, v in folds.items()}})
    return 0


if __name__ == "__main__":
    sys.exit(main())
