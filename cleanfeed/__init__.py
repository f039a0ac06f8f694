"""cleanfeed: make scraped plain text fit to use.

Split flattened page text into blocks, label each block ``body``, ``caption``,
``navigation``, ``comment`` or ``spam`` with a rule layer and a trained classifier, and
keep the article::

    >>> from cleanfeed import clean, label
    >>> article = clean(page_text)                     # doctest: +SKIP
    >>> [(b.label, b.reason) for b in label(page_text)] # doctest: +SKIP

``Pipeline`` holds every setting (model, rules, thresholds, labels kept); ``clean`` and
``label`` use a default pipeline, loaded once on first use.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable, Iterator

from .decide import LabelledBlock
from .labels import LABELS, Label, Reason, ReasonKind
from .model import Model, ModelError, load_model
from .pagekind import PAGE_KINDS, LabelledPage, PageVerdict
from .pipeline import Pipeline
from .rules import DEFAULT_RULES, Rule, RuleError, RuleSet
from .segment import Block, segment
from .signals import PageSignals, page_signals

__all__ = [
    "clean",
    "label",
    "clean_batch",
    "label_batch",
    "Pipeline",
    "Block",
    "LabelledBlock",
    "LabelledPage",
    "PageVerdict",
    "PAGE_KINDS",
    "Label",
    "LABELS",
    "Reason",
    "ReasonKind",
    "Rule",
    "RuleSet",
    "DEFAULT_RULES",
    "RuleError",
    "Model",
    "ModelError",
    "load_model",
    "segment",
    "page_signals",
    "PageSignals",
    "__version__",
]

__version__ = "0.1.0"

_default: Pipeline | None = None
_default_lock = threading.Lock()


def _default_pipeline() -> Pipeline:
    global _default
    with _default_lock:
        if _default is None:
            pipeline = Pipeline()
            pipeline.load()  # load the model now, once, under the lock
            _default = pipeline
        return _default


def clean(text: str) -> str:
    """The article of ``text``: its ``body`` blocks, exactly as in the input, joined by blank lines.

    Uses the default pipeline (shipped model, default rules), which loads on the first
    call (about a second; later calls reuse it).  For other settings (labels to keep,
    thresholds, rules, rules-only mode, your own model) build a ``Pipeline``; for many
    pages use ``clean_batch`` or ``Pipeline.clean_many``, which score pages in batches.

    The result is ``""`` when no block is body: empty or whitespace-only text, a page
    of menus, links or reader comments only, or binary data (blocks labelled with reason
    ``"unreadable"``).  A page with prose is not emptied by mistake: when the model calls
    every block something else, its most body-like prose block is kept (reason
    ``"context:best_prose"``).  ``label(text)`` shows each block's label and reason.
    """
    return _default_pipeline().clean(text)


def label(text: str) -> LabelledPage:
    """Every block of ``text`` with label, confidence, offsets, per-label scores and reason,
    as a list that also carries the page's kind (``label(text).verdict``).

    Uses the default pipeline, loaded on the first call (see ``clean``).
    """
    return _default_pipeline().label(text)


def clean_batch(texts: Iterable[str], pipeline: Pipeline | None = None, n_jobs: int = 1) -> Iterator[str]:
    """``clean`` over an iterable of texts, yielding results in input order.

    ``n_jobs`` > 1 spreads the work over that many worker processes, each loading the
    model once.  Workers re-import your main script, so in a script call this under
    ``if __name__ == "__main__":``; called outside that guard at a script's top level it
    runs in this process, with a ``RuntimeWarning``, rather than hang.  A worker that dies
    raises ``RuntimeError``.
    """
    from ._parallel import map_pages

    return map_pages("clean", texts, pipeline, n_jobs)


def label_batch(texts: Iterable[str], pipeline: Pipeline | None = None, n_jobs: int = 1) -> Iterator[list[LabelledBlock]]:
    """``label`` over an iterable of texts, yielding results in input order (see ``clean_batch``)."""
    from ._parallel import map_pages

    return map_pages("label", texts, pipeline, n_jobs)
