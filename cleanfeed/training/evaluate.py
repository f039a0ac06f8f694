"""Scores of predicted labels against the gold: per label, body tokens, per source; and
``remeasure``, which scores a trained model again on the eval sets."""

from __future__ import annotations

import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

from ..decide import decide_labels
from ..labels import LABELS, UNLABELLED
from ..model import Model
from ..rules import RuleSet
from .card import model_readme
from .data import PageData, _corpus_counts, _git_commit, _log, load_corpus_pages, seed_pages
from .metrics import label_prf, mean_token_prf

__all__ = ["score_predictions", "evaluate_pages", "remeasure", "y_names", "page_slices", "decide_pages"]


def y_names(y: np.ndarray) -> np.ndarray:
    return np.array(LABELS, dtype=object)[y]


def page_slices(pages: Sequence[PageData]) -> list[slice]:
    out, start = [], 0
    for p in pages:
        out.append(slice(start, start + len(p.blocks)))
        start += len(p.blocks)
    return out


def decide_pages(pages: Sequence[PageData], scores: np.ndarray, rules: RuleSet) -> list[list[str]]:
    return [
        decide_labels(p.blocks, p.hits, rules, scores[s], {})[0]
        for p, s in zip(pages, page_slices(pages))
    ]


def score_predictions(pages: Sequence[PageData], predicted: Sequence[Sequence[str]]) -> dict[str, Any]:
    """Block-level per-label scores and body token scores, per source and overall."""
    out: dict[str, Any] = {}
    by_source: dict[str, list[int]] = {}
    for i, p in enumerate(pages):
        by_source.setdefault(p.source, []).append(i)
    for source, idx in sorted(by_source.items()):
        pairs_all = [(g, q) for i in idx for g, q in zip(pages[i].labels, predicted[i]) if g != UNLABELLED]
        gold = [g for g, _ in pairs_all]
        pred = [q for _, q in pairs_all]
        equivalent = {"caption": {"caption", "navigation"}} if source in ("l3s-gn1", "threads-heldout") else None
        entry: dict[str, Any] = {
            "pages": len(idx),
            "blocks": len(gold),
            "accuracy": round(float(np.mean([g == q for g, q in zip(gold, pred)])) if gold else 0.0, 4),
            "labels": label_prf(gold, pred, equivalent=equivalent),
        }
        pairs = [
            ("\n".join(b.text for b, lab in zip(pages[i].blocks, predicted[i]) if lab == "body"), pages[i].gold_body)
            for i in idx if pages[i].gold_body
        ]
        if pairs:
            entry["body_tokens"] = {k: round(v, 4) for k, v in mean_token_prf(pairs).items()}
        articles = [
            ("\n".join(b.text for b, lab in zip(pages[i].blocks, predicted[i]) if lab == "body"), pages[i].gold_body)
            for i in idx if pages[i].gold_body and pages[i].page_type == "article"
        ]
        if source == "wcxb" and articles:
            entry["body_tokens_article_pages"] = {k: round(v, 4) for k, v in mean_token_prf(articles).items()}
        out[source] = entry
    return out


def evaluate_pages(model: Model, pages: Sequence[PageData], rules: RuleSet | None = None) -> dict[str, Any]:
    """Score ``model`` through the same path ``Pipeline.clean`` uses (scores, then ``decide_labels``)."""
    rules = rules or RuleSet.default()
    predicted = []
    for p in pages:
        scores = model.scores(p.blocks, p.hits, rules)
        predicted.append(decide_labels(p.blocks, p.hits, rules, scores, {})[0])
    return score_predictions(pages, predicted)


def remeasure(model_dir: Path, corpus: Path, seeds: Path | None = None, progress: bool = True,
              n_jobs: int = 2) -> dict[str, Any]:
    """Score a trained model again on the corpus's eval sets (and the seeds), and rewrite
    its card and README; the model file and the training figures stay as they are.

    For a fix in how an eval set is read or labelled: retraining would also change the
    model whenever the training rows have changed since, and the figures would then
    describe another model.  The card keeps ``trained_at``/``git_commit`` and gains
    ``remeasured`` (when, at which commit, what); its eval-set rows of
    ``corpus_blocks_by_rule`` are replaced by the corpus's, its training rows kept.
    """
    from ..model import _model_directory, _write_card, load_model
    from .corpus.sources import USE

    model = load_model(model_dir)
    rules = RuleSet.default()
    eval_pages = [p for p in load_corpus_pages(corpus, progress=progress, n_jobs=n_jobs) if p.use != "train"]
    if not eval_pages:
        raise ValueError(f"corpus {str(corpus)!r} has no eval rows to measure on")
    _log(f"scoring {len(eval_pages)} eval pages", "evaluate")
    card = dict(model.card)
    metrics = dict(card.get("metrics", {}))
    metrics["held_out_sets"] = evaluate_pages(model, eval_pages, rules)
    with_seeds = seeds is not None and seeds.is_dir()
    if with_seeds:
        metrics["seeds"] = evaluate_pages(model, seed_pages(seeds), rules)
    card["metrics"] = metrics
    eval_sources = {p.source for p in eval_pages} | {s for s, use in USE.items() if use == "eval"}

    def is_eval(key: str) -> bool:
        return key.split("/", 1)[0] in eval_sources

    kept = {k: v for k, v in card.get("corpus_blocks_by_rule", {}).items() if not is_eval(k)}
    fresh = {k: v for k, v in _corpus_counts(corpus).items() if is_eval(k)}
    card["corpus_blocks_by_rule"] = dict(sorted((kept | fresh).items()))  # the build's order: by source and rule
    card["remeasured"] = {
        "at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        "git_commit": _git_commit(),
        "what": "held-out sets" + (" and seeds" if with_seeds else ""),
    }
    directory = _model_directory(Path(model_dir))
    _write_card(directory, card)
    (directory / "README.md").write_text(model_readme(card), encoding="utf-8")
    _log(f"rewrote the card and README in {directory}", "evaluate")
    return card
