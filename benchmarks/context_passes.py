"""What the after-section-header pass would change, by gold label, on held-out sites.

    python benchmarks/context_passes.py --corpus .cache/corpus --heldout-model .cache/model-holdout0

``decide`` runs the "teasers under a Related heading are navigation" pass only in
rules-only mode.  This script is the evidence: on the site-held-out fold of the ``train``
sets it applies the pass on top of the model's labels and on top of the rules-only labels,
and counts the characters it would move to navigation by their gold label (navigation is
a teaser caught; body is article lost).
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from cleanfeed.decide import _after_section_header, _any_hit, _rule_plan, decide  # noqa: E402
from cleanfeed.model import load_model  # noqa: E402
from cleanfeed.rules import RuleSet  # noqa: E402
from cleanfeed.training import load_corpus_pages  # noqa: E402


def moved_chars(pages, rules: RuleSet, model) -> Counter:
    """Characters the pass moves to navigation, by gold label, over ``pages``."""
    section_cols = rules.derived("decide_plan", _rule_plan)[3]
    moved: Counter = Counter()
    for page in pages:
        scores = None if model is None else model.scores(page.blocks, page.hits, rules)
        labelled = decide(page.blocks, page.hits, rules, scores, {})
        if model is None:
            # decide has run the pass already and says which blocks it moved.
            changed = [b.reason == "context:after_section_header" for b in labelled]
        else:
            labels = [b.label for b in labelled]
            _after_section_header(page.blocks, labels, [b.reason for b in labelled], _any_hit(page.hits, section_cols),
                                  [b.confidence for b in labelled])
            changed = [old.label != new for old, new in zip(labelled, labels)]
        for block, gold, moved_here in zip(page.blocks, page.labels, changed):
            if moved_here:
                moved[gold] += block.end - block.start
    return moved


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description="Characters the after-section-header pass moves, by gold label.")
    p.add_argument("--corpus", default=".cache/corpus")
    p.add_argument("--heldout-model", required=True, help="model trained with --holdout-fold FOLD")
    p.add_argument("--fold", type=int, default=0)
    args = p.parse_args(argv)
    model = load_model(Path(args.heldout_model))
    if model.card.get("holdout_fold") != args.fold:
        print(f"{args.heldout_model} was not trained with --holdout-fold {args.fold}", file=sys.stderr)
        return 2
    pages = [pg for pg in load_corpus_pages(Path(args.corpus), progress=False) if pg.use == "train" and pg.fold == args.fold]
    rules = RuleSet.default()
    for name, m in (("with the model", model), ("rules only", None)):
        moved = moved_chars(pages, rules, m)
        print(f"{name}: teasers caught {moved['navigation']:,} chars, article lost {moved['body']:,} chars, "
              f"other {sum(moved.values()) - moved['navigation'] - moved['body']:,} chars ({len(pages)} pages, fold {args.fold})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
