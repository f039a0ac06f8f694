"""The stage chain, written once: text -> blocks -> rule hits -> text scores -> features ->
trees -> stacked features -> stacked trees -> labels.

``Pipeline`` runs it to label pages, training runs its feature stages between the
out-of-fold fits, and the speed benchmark times it stage by stage through ``clock``: one
definition, so what is timed and trained is what runs.

A ``clock`` is any callable that takes a stage name (one of ``STAGES``) and returns a
context manager around that stage's work; the default does nothing.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from contextlib import AbstractContextManager, nullcontext
from typing import TYPE_CHECKING, Any

import numpy as np

from .features import page_features, rule_hits, stack_features
from .labels import LABELS
from .rules import RuleSet
from .segment import Block, segment

if TYPE_CHECKING:
    from .model import Model

__all__ = ["STAGES", "Clock", "blocks_and_hits", "model_scores", "features", "stacked_features", "block_lengths",
           "skip_thresholds"]

#: Every stage, in the order a page goes through them.  Without a model only "segment",
#: "rules" and "decide" run.
STAGES = ("segment", "rules", "text model", "features", "trees", "stacked features", "stacked trees", "decide")

Clock = Callable[[str], AbstractContextManager[Any]]

#: The stacked pass's cascade (issue 25): for the model file with this SHA-256, a block
#: whose first-pass score for its most likely label l is at least ``STACK_SKIP[sha][l]``
#: keeps its first-pass scores, and only the other blocks go through the stacked trees.  A
#: threshold belongs to one model: it was chosen on that model's fold-0 twin, on training
#: pages the twin never saw (``benchmarks/studies/cascade_thresholds.py``, docs/model.md),
#: so every other model (a retrained one, a user's) sends every block through both passes.
#: Labels without a threshold are never skipped.  Empty for now: one threshold for all
#: labels (0.95) and per-label ones chosen on fold 0 both cost 0.0074 of spam recall on
#: held-out scam campaigns, which the first pass calls comment with that much confidence
#: and the stacked pass still turns into spam (docs/model.md).
STACK_SKIP: dict[str, dict[str, float]] = {}


def _no_clock(stage: str) -> AbstractContextManager[Any]:
    return nullcontext()


def blocks_and_hits(text: str, rules: RuleSet, clock: Clock = _no_clock) -> tuple[list[Block], np.ndarray]:
    """The first two stages for one page: its blocks, and which rules each block matches."""
    with clock("segment"):
        blocks = segment(text)
    with clock("rules"):
        hits = rule_hits(blocks, rules)
    return blocks, hits


def block_lengths(blocks: Sequence[Block]) -> np.ndarray:
    """Each block's length in characters: the weights of the stacked features' page means."""
    return np.array([b.end - b.start for b in blocks], dtype=np.float64)


def _bounds(pages: Sequence[Sequence[Block]]) -> np.ndarray:
    return np.cumsum([0] + [len(blocks) for blocks in pages])


def features(pages: Sequence[Sequence[Block]], hits: Sequence[np.ndarray], rules: RuleSet,
             text_scores: np.ndarray) -> list[np.ndarray]:
    """The "features" stage: each page's feature matrix, from its blocks, rule hits and the
    text model's scores (``text_scores``: all pages' blocks, in order)."""
    b = _bounds(pages)
    return [page_features(blocks, h, rules, text_scores[b[i] : b[i + 1]]) for i, (blocks, h) in enumerate(zip(pages, hits))]


def stacked_features(pages: Sequence[Sequence[Block]], page_matrices: Sequence[np.ndarray],
                     first: np.ndarray) -> list[np.ndarray]:
    """The "stacked features" stage: each page's features with the first tree pass's
    scores (``first``: all pages' blocks, in order) of the block and its neighbours."""
    b = _bounds(pages)
    return [stack_features(X, first[b[i] : b[i + 1]], block_lengths(blocks))
            for i, (blocks, X) in enumerate(zip(pages, page_matrices))]


def skip_thresholds(model: "Model") -> np.ndarray | None:
    """The cascade's threshold for each label (in ``LABELS`` order, ``inf`` where that label
    is never skipped) for ``model``, or ``None`` when it has none (``STACK_SKIP``)."""
    chosen = STACK_SKIP.get(str(model.card.get("sha256", "")))
    if not chosen:
        return None
    return np.array([chosen.get(label, np.inf) for label in LABELS], dtype=np.float64)


def _stacked_proba(model: "Model", first: np.ndarray, X: np.ndarray) -> np.ndarray:
    """The stacked pass's probabilities where the first pass is unsure (``STACK_SKIP``), the
    first pass's elsewhere.  Each row is scored alone, so the rows scored get the same
    probabilities as in a full pass."""
    thresholds = skip_thresholds(model)
    if thresholds is None:
        return model._tree_proba("stack_clf", X)
    top = first.argmax(axis=1)
    unsure = first[np.arange(len(first)), top] < thresholds[top]
    if unsure.all():
        return model._tree_proba("stack_clf", X)
    out = first.copy()
    if unsure.any():
        out[unsure] = model._tree_proba("stack_clf", X[unsure])
    return out


def model_scores(model: "Model", pages: Sequence[tuple[Sequence[Block], np.ndarray]], rules: RuleSet,
                 clock: Clock = _no_clock) -> list[np.ndarray]:
    """The model's stages for a batch of pages (blocks and rule hits): per-label
    probabilities, one array per page.  One call per stage for the whole batch: much
    faster on short pages."""
    block_lists = [blocks for blocks, _ in pages]
    texts = [blk.text for blocks in block_lists for blk in blocks]
    if not texts:
        return [np.zeros((0, len(LABELS)), dtype=np.float32) for _ in pages]
    bounds = _bounds(block_lists)
    with clock("text model"):
        text = model.text_scores(texts)
    with clock("features"):
        parts = features(block_lists, [h for _, h in pages], rules, text)
    with clock("trees"):
        proba = model._tree_proba("block_clf", np.vstack(parts))
    if model.stack_clf is not None:
        with clock("stacked features"):
            stacked = stacked_features(block_lists, parts, proba)
        with clock("stacked trees"):
            proba = _stacked_proba(model, proba, np.vstack(stacked))
    return [proba[bounds[i] : bounds[i + 1]] for i in range(len(pages))]
