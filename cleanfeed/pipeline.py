"""``Pipeline``: text -> blocks -> rule hits and features -> model scores -> labels -> output.

Every tunable lives on the pipeline, in the manner of a scikit-learn estimator:
``__init__`` only stores its keyword arguments, ``get_params``/``set_params`` read and
change them, and what is derived from them (the loaded model, the compiled rule set) is
built lazily into attributes ending in ``_`` and rebuilt after ``set_params``.

The protocol is implemented here rather than inherited from ``sklearn.base.BaseEstimator``:
importing scikit-learn costs 0.8 s and 110-180 MB, which the rules-only mode never needs
and a model load pays only once.  ``sklearn.base.clone`` and grid searches still work,
because they only call ``get_params``/``set_params``.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from os import PathLike
from pathlib import Path
from typing import Any

from .decide import LabelledBlock, decide, decide_labels
from .chain import blocks_and_hits
from .labels import LABELS, ReasonKind, check_labels
from .model import Model, load_model
from .pagekind import LabelledPage, PageKindModel, drop_reason, features_of, load_page_model
from .rules import Rule, RuleSet
from .segment import Block

__all__ = ["Pipeline"]

# The model scores pages in batches: one call per batch amortises its fixed cost, and a
# cap on blocks bounds the memory a batch's feature matrices take (a 64-page batch of
# long pages held about 100 MB; 4,000 blocks hold about a third of that).
_BATCH_PAGES = 64
_BATCH_BLOCKS = 4_000


class Pipeline:
    """A configured cleaner.  ``Pipeline()`` is the default: shipped model, default rules.

    Parameters
    ----------
    model : "default", path, Model or None
        The classifier.  ``"default"`` is the model shipped in the package; a path names a
        model directory (or its model file) written by ``cleanfeed train``; ``None``
        runs the rules alone, which is several times faster; blocks no rule claims are then
        judged by their layout (see ``fallback``).  Change it to use a model trained on
        your own sites.
    rules : RuleSet, path or None
        The rule set.  ``None`` is the default set; a path loads a TOML/JSON rule file on
        top of the defaults (``RuleSet.from_file``).
    disable_rules : iterable of str
        Names of rules to switch off, e.g. when a site's footer legitimately says
        "Read more" inside its articles.  ``cleanfeed --list-rules`` shows the names.
    extra_rules : iterable of Rule
        Rules to add (a rule with an existing name replaces it).
    thresholds : mapping of label to float or None
        A label wins whenever the model's probability for it reaches its threshold
        (the highest such label, if several do); labels with ``None`` or no entry only
        win by the highest score.  Lower ``spam`` to catch more spam at the cost of some
        comments; set ``body`` to favour recall of the article.
    keep : iterable of str
        The labels ``clean`` returns, ``("body",)`` by default; add ``"caption"`` to keep
        picture captions, or ``"comment"`` for discussion corpora.
    fallback : str or None
        Without a model, what becomes of the blocks no rule or context pass claims.
        ``None`` (the default) decides by layout: prose (enough words ending a sentence,
        or many function words) and the short line heading it are ``body``, the rest
        ``navigation`` (``reason="layout"``).  A label gives every such block that label
        (``"body"`` keeps them all; ``reason="default"``).
    page_model : "default", path, PageKindModel or None
        The page-kind model behind ``label(text).verdict`` (article, listing, forum,
        product or other, with probabilities; see ``cleanfeed.pagekind``).  ``"default"``
        is the shipped one; a path names its JSON file or a directory holding
        ``page-kind.json``; ``None`` gives no verdict.  It reads the block model's labels,
        so with ``model=None`` there is no verdict either.
    min_article_prob : float or None
        Keep only articles: ``clean`` returns ``""`` for a page whose article probability
        is below this, and ``label(text).dropped`` says why.  ``None`` (the default) keeps
        every page; ``cleanfeed.pagekind.DEFAULT_MIN_ARTICLE_PROB`` (0.5) is the even-odds
        choice.  What each threshold keeps and drops on held-out pages, per data set, is in
        benchmarks/RESULTS.md ("Page kinds").
    """

    def __init__(
        self,
        model: str | PathLike[str] | Model | None = "default",
        rules: RuleSet | str | PathLike[str] | None = None,
        disable_rules: Iterable[str] = (),
        extra_rules: Iterable[Rule] = (),
        thresholds: Mapping[str, float | None] | None = None,
        keep: Iterable[str] = ("body",),
        fallback: str | None = None,
        page_model: str | PathLike[str] | PageKindModel | None = "default",
        min_article_prob: float | None = None,
    ) -> None:
        self.model = model
        self.rules = rules
        self.disable_rules = disable_rules
        self.extra_rules = extra_rules
        self.thresholds = thresholds
        self.keep = keep
        self.fallback = fallback
        self.page_model = page_model
        self.min_article_prob = min_article_prob

    @classmethod
    def _param_defaults(cls) -> dict[str, Any]:
        """Each constructor argument with its default: the parameters get/set_params know."""
        return {name: p.default for name, p in inspect.signature(cls.__init__).parameters.items() if name != "self"}

    def get_params(self, deep: bool = True) -> dict[str, Any]:
        """The constructor arguments, by name (``deep`` is accepted for scikit-learn; nothing nests)."""
        return {name: getattr(self, name) for name in self._param_defaults()}

    def set_params(self, **params: Any) -> "Pipeline":
        """Change settings by name; what was derived from the old ones is rebuilt on next use."""
        valid = list(self._param_defaults())
        for name in params:
            if name not in valid:
                raise ValueError(f"Invalid parameter {name!r} for Pipeline. Valid parameters are: {valid!r}.")
        for name, value in params.items():
            setattr(self, name, value)
        for attr in ("model_", "rules_", "keep_", "thresholds_", "page_model_"):
            self.__dict__.pop(attr, None)
        return self

    def __repr__(self) -> str:
        defaults = self._param_defaults()
        changed = [f"{k}={v!r}" for k, v in self.get_params().items() if not _same(v, defaults[k])]
        return f"Pipeline({', '.join(changed)})"

    def load(self) -> "Pipeline":
        """Load the model and compile the rules now rather than on first use; returns the pipeline.

        Settings are checked here too, so a bad label or threshold is reported before any
        page is read.  What is already built is kept; ``set_params`` clears it.
        """
        self._resolve_rules()
        self._resolve_settings()
        self._resolve_model()
        self._resolve_page_model()
        return self

    def _resolve_rules(self) -> None:
        if "rules_" not in self.__dict__:
            if self.rules is None:
                rules = RuleSet.default()
            elif isinstance(self.rules, RuleSet):
                rules = self.rules
            else:
                rules = RuleSet.from_file(self.rules)
            disable = [self.disable_rules] if isinstance(self.disable_rules, str) else list(self.disable_rules)
            self.rules_ = rules.without(*disable).with_rules(*self.extra_rules)

    def _resolve_settings(self) -> None:
        if "keep_" not in self.__dict__:
            self.keep_ = frozenset(check_labels(self.keep, what="label in keep"))
        if "thresholds_" not in self.__dict__:
            thresholds = dict(self.thresholds or {})
            check_labels(list(thresholds), what="threshold label")
            for label, value in thresholds.items():
                if value is not None and not (isinstance(value, (int, float)) and 0.0 <= value <= 1.0):
                    raise ValueError(f"threshold for {label!r} must be a probability in [0, 1] or None, not {value!r}")
            self.thresholds_ = thresholds
            if self.fallback is not None:
                check_labels([self.fallback], what="fallback label")
            value = self.min_article_prob
            if value is not None:
                if isinstance(value, bool) or not isinstance(value, (int, float)) or not 0.0 <= value <= 1.0:
                    raise ValueError(f"min_article_prob must be a probability in [0, 1] or None, not {value!r}")
                if self.model is None or self.page_model is None:
                    raise ValueError("min_article_prob needs the page-kind model, which reads the block model's "
                                     "labels: it cannot be used with model=None or page_model=None")

    def _resolve_model(self) -> None:
        if "model_" not in self.__dict__:
            self.model_ = _loaded(self.model, Model, load_model, "model")

    def _resolve_page_model(self) -> None:
        if "page_model_" not in self.__dict__:
            # The page-kind model reads the block model's labels: no block model, no verdict.
            self.page_model_ = (None if self.model is None
                                else _loaded(self.page_model, PageKindModel, load_page_model, "page_model"))

    def active_rules(self) -> RuleSet:
        """The rules this pipeline runs: all of them with a model; without one, only those
        that can change a label (hard rules and the header rules of the context passes)."""
        self._resolve_rules()
        return self.rules_ if self.model is not None else self.rules_.deciding()

    def label(self, text: str) -> LabelledPage:
        """Every block of ``text`` with its label, confidence, offsets, scores and reason;
        the list also carries the page's ``verdict`` and, under ``min_article_prob``, why
        ``clean`` drops it (``dropped``)."""
        return next(self.label_many([text]))

    def label_many(self, texts: Iterable[str]) -> Iterator[LabelledPage]:
        """``label`` over many texts, in order; the model runs once per batch of pages."""
        for blocks, hits, rules, scores in self._scored(texts):
            yield LabelledPage(decide(blocks, hits, rules, scores, self.thresholds_, fallback=self.fallback),
                               self.page_model_, self.min_article_prob)

    def clean(self, text: str) -> str:
        """The blocks whose label is in ``keep``, each exactly as in ``text``, joined by blank lines."""
        return next(self.clean_many([text]))

    def clean_many(self, texts: Iterable[str]) -> Iterator[str]:
        """``clean`` over many texts, in order."""
        # The labels alone: a LabelledBlock per block would cost a tenth of the rules-only
        # mode's time here, only to be thrown away.
        for blocks, hits, rules, scores in self._scored(texts):
            labels, conf, reasons = decide_labels(blocks, hits, rules, scores, self.thresholds_, fallback=self.fallback)
            if self.min_article_prob is not None and self.page_model_ is not None:
                block_texts = [b.text for b in blocks]
                features = features_of(block_texts, labels, conf, [r.kind is ReasonKind.RULE for r in reasons])
                if drop_reason(self.page_model_.verdict_of(features, "\n".join(block_texts)), self.min_article_prob):
                    yield ""
                    continue
            yield self._join_kept(blocks, labels)

    def _scored(self, texts: Iterable[str]) -> Iterator[tuple[list[Block], Any, RuleSet, Any]]:
        """Each page's blocks, rule hits, the rules used and the model's scores (``None``
        without a model), scoring a batch of pages at a time."""
        self.load()
        rules = self.active_rules()
        batch: list[tuple[list[Block], Any]] = []
        n_blocks = 0
        for text in texts:
            blocks, hits = blocks_and_hits(text, rules)
            batch.append((blocks, hits))
            n_blocks += len(blocks)
            if len(batch) >= _BATCH_PAGES or n_blocks >= _BATCH_BLOCKS:
                yield from self._score_batch(batch, rules)
                batch, n_blocks = [], 0
        if batch:
            yield from self._score_batch(batch, rules)

    def _score_batch(self, pages: list[tuple[list[Block], Any]], rules: RuleSet) -> Iterator[tuple[list[Block], Any, RuleSet, Any]]:
        all_scores = [None] * len(pages) if self.model_ is None else self.model_.scores_many(pages, rules)
        for (blocks, hits), scores in zip(pages, all_scores):
            yield blocks, hits, rules, scores

    def clean_labelled(self, labelled: list[LabelledBlock]) -> str:
        """Join the kept blocks of an already labelled page (``""`` for a page this
        pipeline's ``min_article_prob`` drops)."""
        self.load()
        if self.drop_reason(labelled):
            return ""
        return self._join_kept(labelled, [b.label for b in labelled])

    def drop_reason(self, labelled: list[LabelledBlock]) -> str | None:
        """Why this pipeline's ``clean`` returns ``""`` for a labelled page as not an article
        (``None``: kept, or no ``min_article_prob``)."""
        self.load()
        model = self.page_model_ if self.min_article_prob is not None else None
        if model is None:
            return None
        verdict = labelled.verdict if isinstance(labelled, LabelledPage) else None
        if verdict is None:
            verdict = model.verdict(labelled)
        return drop_reason(verdict, self.min_article_prob)

    def _join_kept(self, blocks: Sequence[Block | LabelledBlock], labels: Sequence[str]) -> str:
        """The text of the blocks whose label is kept, in order, one blank line apart: the
        output of ``clean``, whichever path decided the labels."""
        return "\n\n".join(b.text for b, label in zip(blocks, labels) if label in self.keep_)

    @property
    def labels(self) -> tuple[str, ...]:
        return LABELS


def _loaded(value: Any, kind: type, load: Callable[[Path | None], Any], name: str) -> Any:
    """A model setting made a model: ``None`` or a ``kind`` as given, ``"default"`` the shipped
    one, a path loaded from there."""
    if value is None or isinstance(value, kind):
        return value
    if isinstance(value, str) and value == "default":
        return load(None)
    if isinstance(value, (str, PathLike)):
        return load(Path(value))
    raise TypeError(f"{name} must be 'default', a path, a {kind.__name__} or None, not {type(value).__name__}")


def _same(value: Any, default: Any) -> bool:
    try:
        return bool(value == default)
    except Exception:  # e.g. numpy arrays, whose == is element-wise
        return value is default
