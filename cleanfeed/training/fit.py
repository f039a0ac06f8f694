"""``cleanfeed train``: fit the three stages on the corpus's train rows, score them honestly, ship them.

Only rows whose ``use`` is ``train`` (sets whose licences allow redistributing weights)
are fitted.  Quality is measured where the model has not looked:

* five-fold cross-validation grouped by site (the corpus ``fold`` column is a hash of the
  site), for every stage: the text model's scores that the tree model learns from are
  themselves out-of-fold;
* the ``eval`` rows: L3S-GN1, Dragnet, the held-out YouTube file, and threads of held-out
  messages placed into L3S pages;
* the seed pages with their gold files.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from functools import partial
from pathlib import Path
from typing import Any

import numpy as np

from .. import chain
from ..features import RULES_WITHOUT_COLUMN
from ..labels import LABELS, UNLABELLED
from ..model import Model, _full_proba, save_model
from ..rules import RuleSet
from ..texthash import text_vectorizer
from .card import model_readme, training_card
from .folds import N_FOLDS
from .data import PageData, _corpus_counts, _log, load_corpus_pages, seed_pages
from .evaluate import decide_pages, evaluate_pages, page_slices, score_predictions, y_names

__all__ = ["train", "oof_scores", "tree_params", "BLOCK_MODEL_PARAMS", "STACK_MODEL_PARAMS"]

# Rare labels get more weight, but not the full inverse frequency: spam is 0.5% of blocks
# and full balancing makes the model call every exclamation mark spam.  Body and
# navigation, the two common labels, keep weight 1: up-weighting body against navigation
# made the model keep teaser lists on pages it had not seen.
CLASS_WEIGHT_POWER = 0.5
_UNWEIGHTED = ("body", "navigation")
# alpha and epochs: best or tied on each of three site folds in a grid of alpha 2e-7 to 3e-5
# with 12 or 30 epochs.
TEXT_MODEL_PARAMS = dict(loss="log_loss", alpha=2e-6, max_iter=12, tol=None)
# 31 leaves, not 63: with 63 in both passes one held-out fold gained 0.007 of body token
# F1, but the full site-grouped CV lost 0.0025 on average (fundus, readability, wcxb) for
# a model half as large again (6.8 MB against 4.6 MB).
BLOCK_MODEL_PARAMS = dict(max_iter=160, learning_rate=0.12, max_leaf_nodes=31, l2_regularization=1.0,
                          min_samples_leaf=40, early_stopping=False)
# The stacked pass starts from the first pass's answers, so it needs fewer trees.
STACK_MODEL_PARAMS = dict(BLOCK_MODEL_PARAMS, max_iter=80)


def _weights(y: np.ndarray) -> np.ndarray:
    counts = np.bincount(y, minlength=len(LABELS)).astype(float)
    per_class = (counts.sum() / np.maximum(counts, 1) / len(LABELS)) ** CLASS_WEIGHT_POWER
    for label in _UNWEIGHTED:
        per_class[LABELS.index(label)] = 1.0
    per_class = np.maximum(per_class, 1.0)
    return per_class[y]


def _fit_text(X, y: np.ndarray, seed: int = 0):
    from sklearn.linear_model import SGDClassifier

    clf = SGDClassifier(**dict(TEXT_MODEL_PARAMS, random_state=seed))
    clf.fit(X, y_names(y), sample_weight=_weights(y))
    # float32 weights halve the shipped file; the scores differ in the 7th digit.
    clf.coef_ = clf.coef_.astype(np.float32)
    clf.intercept_ = clf.intercept_.astype(np.float32)
    return clf


def _fit_blocks(X: np.ndarray, y: np.ndarray, params: dict[str, Any] = BLOCK_MODEL_PARAMS, seed: int = 0):
    from sklearn.ensemble import HistGradientBoostingClassifier

    clf = HistGradientBoostingClassifier(**dict(params, random_state=seed))
    clf.fit(X, y_names(y), sample_weight=_weights(y))
    return clf


def tree_params(iterations: tuple[int, int] | None, learning_rate: float | None) -> tuple[dict[str, Any], dict[str, Any]]:
    """The first and stacked tree models' parameters, with ``train``'s overrides applied."""
    block, stack = dict(BLOCK_MODEL_PARAMS), dict(STACK_MODEL_PARAMS)
    if iterations is not None:
        first, stacked = iterations
        if first < 1 or stacked < 1:
            raise ValueError(f"iterations must be positive (at least 1), not {iterations}")
        block["max_iter"], stack["max_iter"] = first, stacked
    if learning_rate is not None:
        if not 0 < learning_rate <= 1:
            raise ValueError(f"learning_rate must be in (0, 1], not {learning_rate}")
        block["learning_rate"] = stack["learning_rate"] = learning_rate
    return block, stack


def oof_scores(pages: list[PageData], X: Any, y: np.ndarray, fit: Callable[[Any, np.ndarray], Any], what: str) -> np.ndarray:
    """Scores for every training block from a model (``fit(X, y)``) that did not see its site.

    Unlabelled blocks (``y == -1``) are scored, since later stages read them as
    neighbours, but not fitted.
    """
    folds = np.concatenate([np.full(len(p.blocks), p.fold) for p in pages])
    oof = np.zeros((len(y), len(LABELS)), dtype=np.float32)
    for k in np.unique(folds):
        test = folds == k
        fit_rows = ~test & (y >= 0)
        _log(f"{what}, fold {k + 1}/{N_FOLDS}")
        oof[test] = _full_proba(fit(X[fit_rows], y[fit_rows]), X[test])
    return oof


def _features(pages: Sequence[PageData], text_scores: np.ndarray, rules: RuleSet) -> np.ndarray:
    """The chain's "features" stage over the training pages, as one matrix."""
    return np.vstack(chain.features([p.blocks for p in pages], [p.hits for p in pages], rules, text_scores))


def _stacked(pages: Sequence[PageData], X: np.ndarray, first: np.ndarray) -> np.ndarray:
    """The chain's "stacked features" stage over the training pages, as one matrix."""
    per_page = [X[s] for s in page_slices(pages)]
    return np.vstack(chain.stacked_features([p.blocks for p in pages], per_page, first))


def train(
    corpus: Path,
    out: Path,
    seeds: Path | None = None,
    progress: bool = True,
    n_jobs: int = 2,
    holdout_fold: int | None = None,
    run_cv: bool = True,
    seed: int = 0,
    iterations: tuple[int, int] | None = None,
    learning_rate: float | None = None,
) -> dict[str, Any]:
    """Train on the corpus's ``train`` rows, evaluate, and write the model and card to ``out``.

    ``holdout_fold`` leaves that site fold out of training entirely (for benchmarks that
    need a model which never saw those sites); ``run_cv=False`` skips the grouped
    cross-validation of the tree model, the slow part, when only the model is wanted.
    ``seed`` is the models' random state: the same corpus and seed give the same model,
    and retraining under other seeds shows how far the metrics move by chance alone (on
    the small spam sets, by more than many a change being tested).
    ``iterations`` (first pass, stacked pass) and ``learning_rate`` replace the tree
    models' defaults (``BLOCK_MODEL_PARAMS``, ``STACK_MODEL_PARAMS``): fewer trees score
    faster and lose accuracy (``benchmarks/studies/smaller_model.py`` measures by how much).
    """
    t0 = time.time()
    block_params, stack_params = tree_params(iterations, learning_rate)  # refused before minutes of loading
    rules = RuleSet.default()
    if RULES_WITHOUT_COLUMN:
        _log(f"rules without a feature column (features.RULES_WITHOUT_COLUMN): {', '.join(sorted(RULES_WITHOUT_COLUMN))}; "
             "this model reads them only through their hit group")
    pages = load_corpus_pages(corpus, progress=progress, n_jobs=n_jobs)
    train_pages = [p for p in pages if p.use == "train" and p.fold != holdout_fold]
    eval_pages = [p for p in pages if p.use != "train"]
    if not train_pages:
        raise ValueError(f"corpus {str(corpus)!r} has no rows with use == 'train'")
    # -1 marks UNLABELLED blocks (partly labelled sets): featurised, never fitted.
    y = np.array([LABELS.index(lab) if lab != UNLABELLED else -1 for p in train_pages for lab in p.labels])
    known = y >= 0
    _log(f"{len(train_pages)} training pages, {int(known.sum())} labelled blocks: "
         + ", ".join(f"{lab} {int((y == i).sum())}" for i, lab in enumerate(LABELS))
         + f" ({int((~known).sum())} unlabelled)")
    vec = text_vectorizer()
    X_text = vec.transform([b.text for p in train_pages for b in p.blocks])

    fit_text = partial(_fit_text, seed=seed)
    fit_blocks = partial(_fit_blocks, params=block_params, seed=seed)
    fit_stack = partial(_fit_blocks, params=stack_params, seed=seed)
    oof_text = oof_scores(train_pages, X_text, y, fit_text, "text model")
    X = _features(train_pages, oof_text, rules)
    # The stacked pass learns from first-pass scores of models that did not see the site,
    # so these five fits are needed with or without the cross-validation report.
    oof_first = oof_scores(train_pages, X, y, fit_blocks, "first block model")
    X_stack = _stacked(train_pages, X, oof_first)
    cv: dict[str, Any] = {}
    cv_first: dict[str, Any] = {}
    if run_cv:
        oof_stack = oof_scores(train_pages, X_stack, y, fit_stack, "stacked block model")
        cv = score_predictions(train_pages, decide_pages(train_pages, oof_stack, rules))
        cv_first = score_predictions(train_pages, decide_pages(train_pages, oof_first, rules))

    _log("final text model on all training pages")
    text_clf = fit_text(X_text[known], y[known])
    _log("final block models on all training pages (out-of-fold text and first-pass scores)")
    block_clf = fit_blocks(X[known], y[known])
    stack_clf = fit_stack(X_stack[known], y[known])
    model = Model(text_clf=text_clf, block_clf=block_clf, stack_clf=stack_clf)

    _log("evaluating on the eval sets")
    held_out = evaluate_pages(model, eval_pages, rules)
    seed_scores = evaluate_pages(model, seed_pages(seeds), rules) if seeds is not None and seeds.is_dir() else {}

    card = training_card(
        train_pages, y, corpus_counts=_corpus_counts(corpus), holdout_fold=holdout_fold,
        params={"text_model": TEXT_MODEL_PARAMS, "block_model": block_params, "stack_model": stack_params,
                "class_weight_power": CLASS_WEIGHT_POWER, "unweighted_labels": list(_UNWEIGHTED), "folds": N_FOLDS,
                "seed": seed},
        metrics={"cross_validation_by_site": cv, "cross_validation_by_site_first_pass_only": cv_first,
                 "held_out_sets": held_out, "seeds": seed_scores},
        train_seconds=round(time.time() - t0, 1),
    )
    save_model(model, out, card)
    (out / "README.md").write_text(model_readme(model.card), encoding="utf-8")
    _log(f"wrote {out} in {card['train_seconds']} s")
    return model.card
