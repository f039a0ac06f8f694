"""Training: the corpus, the fitting of the three model stages, their evaluation, the model card.

Not part of the runtime: ``segment``, ``rules``, ``features``, ``model``, ``decide``,
``pipeline`` and the ``cleanfeed`` filter never import this package (a test checks), and
it needs the ``corpus`` extra (``pip install 'cleanfeed[corpus]'``).  It is also the one
internal module the benchmarks may use beside the public API.

* ``corpus/``: the shared data sets rendered to plain text and labelled block by block
  (``cleanfeed corpus build``);
* ``data``: corpus rows and seed pages as segmented, gold-labelled pages;
* ``fit``: ``train``, the three stages fitted with out-of-fold scores between them;
* ``evaluate``: scores against the gold, and ``remeasure`` (``cleanfeed evaluate``);
* ``card``: the model card and ``models/README.md``;
* ``metrics``: precision, recall and token F1.
"""

from .card import TARGETS, model_readme, target_value
from .data import PageData, gold_labels, load_corpus_pages, page_from_row, rows_to_pages, seed_pages
from .evaluate import decide_pages, evaluate_pages, page_slices, remeasure, score_predictions, y_names
from .fit import BLOCK_MODEL_PARAMS, STACK_MODEL_PARAMS, oof_scores, train, tree_params

__all__ = [
    "train", "remeasure", "evaluate_pages", "score_predictions", "load_corpus_pages", "seed_pages", "PageData",
    "gold_labels", "page_from_row", "rows_to_pages", "oof_scores", "y_names", "page_slices", "decide_pages",
    "tree_params", "model_readme", "TARGETS", "target_value", "BLOCK_MODEL_PARAMS", "STACK_MODEL_PARAMS",
]
