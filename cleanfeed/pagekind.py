"""What kind of page a text is: an article, a listing, a forum, a product page, or other.

Pipelines that want articles want nothing from a section front: its first teaser and
summary read like a short article, and block labels alone return them as one.  The page
kind is judged from the page as a whole, after the blocks are labelled, by one linear
model over the page's words (a shop's, a service's and a report's differ) and page-level
features: how much of the page is running prose and in how many runs, how many short
lines, title-then-summary teasers, dates, prices and questions it has, how regular its
line shapes are, and what the block labels add up to (shares per label, the longest run of
body, where the body starts).  The kinds follow docs/labels.md; the model is trained by
``cleanfeed page-kind`` (``training/pagekind.py``).

Nothing here changes a block label; ``Pipeline(min_article_prob=...)`` reads the verdict
to drop whole pages.
"""

from __future__ import annotations

import json
import math
import re
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from os import PathLike
from pathlib import Path
from typing import Final

import numpy as np

from .decide import LabelledBlock
from .labels import LABELS, ReasonKind
from .model import ModelError, default_model_dir

__all__ = ["PAGE_KINDS", "FEATURE_NAMES", "LabelledPage", "PageKindModel", "PageVerdict", "page_features",
           "features_of", "word_vector", "load_page_model", "drop_reason"]

#: The page kinds of docs/labels.md, in the column order of the model's probabilities.
PAGE_KINDS: Final[tuple[str, ...]] = ("article", "listing", "forum", "product", "other")

#: The article probability below which a pipeline that wants articles drops a page, when
#: it asks for the default: the even-odds boundary, chosen on the training folds (the
#: trade-off at other thresholds, on held-out sites, is in benchmarks/RESULTS.md).
DEFAULT_MIN_ARTICLE_PROB: Final[float] = 0.5

#: Version of ``page_features``; a page model trained on another version is refused.
PAGE_FEATURE_VERSION: Final[str] = "1"

# Scripts written without spaces: two of their characters count as a word there (about a
# Chinese word's length), so a Chinese paragraph is not one "word" long.
_NO_SPACE = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\u0e00-\u0e7f]")
_SENTENCE_END = '.!?"”’)…。！？」'
# Dates as digits (12.03.2024, 2024-03-12, 3/12/24) or with a month's name or number of
# days, and the clock: section fronts and archives print one on every teaser.
_DATE = re.compile(
    r"\b\d{1,4}[./-]\d{1,2}[./-]\d{1,4}\b|\b\d{1,2}:\d{2}\b|"
    r"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d{1,2}\b|"
    r"\b\d{1,2}\.?\s+(?:jan|feb|mär|mar|apr|mai|may|jun|jul|aug|sep|okt|oct|nov|dez|dec)[a-zä]*\b|"
    r"\d+\s*(?:min|mins|minutes?|hours?|hrs?|days?|weeks?|Std\.?|Stunden|heures?|horas?|ore)\b",
    re.I,
)
# A price: a currency sign or code beside a number.  Product and shop pages are full of them.
_PRICE = re.compile(r"[$€£¥₹]\s?\d|\d[\d.,]*\s?(?:€|\$|£|USD|EUR|GBP|CHF|kr|zł|Kč|руб)")
_DIGIT = re.compile(r"\d")
_BULLET = re.compile(r"^\s*(?:[•*·▪►‣◦-]|\d{1,2}[.)])\s")
_LINKISH = re.compile(r"https?://|www\.|@\w|\S+@\S+\.\w")


def _units(text: str) -> int:
    """Words, counting two characters of a script without spaces as one."""
    cjk = len(_NO_SPACE.findall(text))
    return len(text.split()) + cjk // 2


def _is_prose(text: str, units: int) -> bool:
    return units >= 12 and text.rstrip()[-1:] in _SENTENCE_END


def _is_title(text: str, units: int) -> bool:
    """A headline or teaser title: a few words, no sentence end."""
    return 3 <= units <= 16 and text.rstrip()[-1:] not in _SENTENCE_END + ":"


def _shape(text: str, units: int, digits: int) -> tuple[int, bool, bool, bool]:
    """A block's coarse shape: its length class, whether it ends a sentence, holds a digit,
    starts with a capital.  Lists and teaser grids repeat a few shapes many times."""
    return (min(units.bit_length(), 7), text.rstrip()[-1:] in _SENTENCE_END, digits > 0, text[:1].isupper())


def _runs(flags: Sequence[bool], sizes: Sequence[int]) -> tuple[int, int]:
    """Number of maximal runs of True and the largest run's total size."""
    runs = best = current = 0
    previous = False
    for flag, size in zip(flags, sizes):
        if flag:
            current = current + size if previous else size
            runs += not previous
            best = max(best, current)
        previous = flag
    return runs, best


# Feature names, in the column order of ``page_features``; each is a share in [0, 1] or a
# log count, so pages of any length are on one scale.
FEATURE_NAMES: Final[tuple[str, ...]] = (
    "log_blocks", "log_chars", "log_units_mean", "units_median_log",
    "prose_share", "prose_block_share", "prose_runs_log", "longest_prose_share",
    "short_block_share", "title_block_share", "teaser_pairs_log", "teaser_pair_share",
    "date_block_share", "price_block_share", "question_block_share", "bullet_block_share", "link_block_share",
    "digit_char_share", "upper_start_share", "top_shape_share", "shapes_repeated_share",
    *(f"{label}_share" for label in LABELS),
    *(f"{label}_block_share" for label in LABELS),
    "mean_confidence", "body_runs_log", "longest_body_share", "first_body_position", "log_body_chars",
    "rule_block_share", "rule_navigation_share",
)


def page_features(blocks: Sequence[LabelledBlock]) -> np.ndarray:
    """The page-level features of one labelled page (``FEATURE_NAMES`` order)."""
    return features_of([b.text for b in blocks], [b.label for b in blocks], [b.confidence for b in blocks],
                       [b.reason.kind is ReasonKind.RULE for b in blocks])


def features_of(texts: Sequence[str], labels: Sequence[str], confidences: Sequence[float],
                by_rule: Sequence[bool]) -> np.ndarray:
    """``page_features`` from each block's text, label, confidence and whether a hard rule
    decided it: what ``clean`` has without building a ``LabelledBlock`` per block."""
    stripped = [t.strip() for t in texts]
    keep = [i for i, t in enumerate(stripped) if t]
    n = len(keep)
    out = np.zeros(len(FEATURE_NAMES), dtype=np.float64)
    if n == 0:
        return out
    texts = [stripped[i] for i in keep]
    labels = [labels[i] for i in keep]
    confidences = [confidences[i] for i in keep]
    by_rule = [by_rule[i] for i in keep]
    chars = [len(t) for t in texts]
    total = float(sum(chars))
    units = [_units(t) for t in texts]
    prose = [_is_prose(t, u) for t, u in zip(texts, units)]
    title = [_is_title(t, u) for t, u in zip(texts, units)]
    # A teaser: a title-like line followed by a short paragraph (its summary).  One pair is
    # an article's headline and standfirst; a listing repeats it down the page.
    pairs = sum(1 for i in range(n - 1) if title[i] and prose[i + 1] and units[i + 1] <= 60)
    prose_runs, longest_prose = _runs(prose, chars)
    digit_counts = [len(_DIGIT.findall(t)) for t in texts]
    shapes = Counter(_shape(t, u, d) for t, u, d in zip(texts, units, digit_counts))
    digits = sum(digit_counts)
    label_chars = dict.fromkeys(LABELS, 0)
    label_blocks = dict.fromkeys(LABELS, 0)
    for label, size in zip(labels, chars):
        label_chars[label] += size
        label_blocks[label] += 1
    is_body = [label == "body" for label in labels]
    body_runs, longest_body = _runs(is_body, chars)
    first_body = next((i for i, flag in enumerate(is_body) if flag), n)
    values = [
        math.log1p(n), math.log1p(total), math.log1p(sum(units) / n), math.log1p(sorted(units)[n // 2]),
        sum(c for c, p in zip(chars, prose) if p) / total, sum(prose) / n, math.log1p(prose_runs), longest_prose / total,
        sum(u <= 4 for u in units) / n, sum(title) / n, math.log1p(pairs), pairs / n,
        # Every date and price has a digit: the two patterns run only where there is one.
        sum(bool(d and _DATE.search(t)) for t, d in zip(texts, digit_counts)) / n,
        sum(bool(d and _PRICE.search(t)) for t, d in zip(texts, digit_counts)) / n,
        sum(t.endswith("?") for t in texts) / n,
        sum(bool(_BULLET.match(t)) for t in texts) / n,
        sum(bool(_LINKISH.search(t)) for t in texts) / n,
        digits / total, sum(t[:1].isupper() for t in texts) / n,
        max(shapes.values()) / n, sum(c for c in shapes.values() if c >= 3) / n,
        *(label_chars[label] / total for label in LABELS),
        *(label_blocks[label] / n for label in LABELS),
        sum(p * c for p, c in zip(confidences, chars)) / total,
        math.log1p(body_runs), longest_body / total, first_body / n, math.log1p(label_chars["body"]),
        sum(by_rule) / n, sum(r and lab == "navigation" for r, lab in zip(by_rule, labels)) / n,
    ]
    out[:] = values
    return out


@dataclass(frozen=True)
class PageVerdict:
    """The kind of a page, with the model's probability of every kind.

    ``kind`` is the most probable kind; ``article_probability`` is ``probabilities["article"]``,
    the number a pipeline that wants articles compares with its threshold.
    """

    kind: str
    probabilities: dict[str, float]

    @property
    def article_probability(self) -> float:
        return self.probabilities.get("article", 0.0)

    def to_dict(self) -> dict[str, object]:
        return {"kind": self.kind, "article_probability": round(self.article_probability, 4),
                "probabilities": {k: round(v, 4) for k, v in self.probabilities.items()}}


# Words as scikit-learn's default token pattern reads them (two or more word characters),
# lower-cased.  Training and prediction both count through ``word_vector``.
_TOKEN = re.compile(r"\b\w\w+\b")


def word_vector(text: str, vocabulary: Mapping[str, int], idf: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The page's words as a sparse unit vector (column indices, values): each known word's
    ``1 + log(count)`` times its inverse document frequency, scaled to length one."""
    counts = Counter(w for w in _TOKEN.findall(text.lower()) if w in vocabulary)
    if not counts:
        return np.zeros(0, dtype=np.int64), np.zeros(0)
    cols = np.fromiter((vocabulary[w] for w in counts), dtype=np.int64, count=len(counts))
    values = (1.0 + np.log(np.fromiter(counts.values(), dtype=np.float64, count=len(counts)))) * idf[cols]
    return cols, values / np.linalg.norm(values)


class PageKindModel:
    """A multinomial logistic regression over the page's words and its ``page_features``.

    Words tell a shop's or a service's page from a report ("cart", "pricing", "our team"
    against "said", "according", "reported"); the layout and label features tell a list of
    teasers or a thread of posts from one long text.  One linear model over both, because
    it runs once per page, its file is plain numbers, and in the site-fold cross-validation
    it came within 0.01 F1 of stacked gradient-boosted trees (docs/model.md).
    ``scale`` already holds the dense columns' weight against the unit-length word vector.
    """

    def __init__(self, words: Sequence[str], idf: np.ndarray, word_coef: np.ndarray, mean: np.ndarray,
                 scale: np.ndarray, coef: np.ndarray, intercept: np.ndarray, kinds: Sequence[str] = PAGE_KINDS,
                 card: dict | None = None) -> None:
        k = len(kinds)
        if coef.shape != (k, len(FEATURE_NAMES)) or intercept.shape != (k,) or word_coef.shape != (k, len(words)) \
                or idf.shape != (len(words),) or mean.shape != scale.shape != (len(FEATURE_NAMES),):
            raise ModelError("page-kind model: its arrays do not fit its word list and page features")
        self.words = list(words)
        self.vocabulary = {w: i for i, w in enumerate(self.words)}
        self.idf, self.word_coef = idf, word_coef
        self.mean, self.scale, self.coef, self.intercept = mean, scale, coef, intercept
        self.kinds = tuple(kinds)
        self.card = card or {}

    def probabilities(self, X: np.ndarray, texts: Sequence[str]) -> np.ndarray:
        """Rows of kind probabilities (``kinds`` order) for pages' features and texts."""
        X = np.atleast_2d(X)
        z = ((X - self.mean) / self.scale) @ self.coef.T + self.intercept
        for row, text in enumerate(texts):
            cols, values = word_vector(text, self.vocabulary, self.idf)
            z[row] += self.word_coef[:, cols] @ values
        z -= z.max(axis=1, keepdims=True)
        e = np.exp(z)
        return e / e.sum(axis=1, keepdims=True)

    def verdict(self, blocks: Sequence[LabelledBlock]) -> PageVerdict:
        return self.verdict_of(page_features(blocks), "\n".join(b.text for b in blocks))

    def verdict_of(self, features: np.ndarray, text: str) -> PageVerdict:
        p = self.probabilities(features, [text])[0]
        return PageVerdict(kind=self.kinds[int(p.argmax())], probabilities={k: float(v) for k, v in zip(self.kinds, p)})

    def save(self, path: str | PathLike[str]) -> None:
        """Write the model as a compressed ``.npz`` of plain arrays (no pickle): it loads in
        a few milliseconds where the same numbers as JSON took half a second."""
        meta = {"feature_version": PAGE_FEATURE_VERSION, "features": list(FEATURE_NAMES), "kinds": list(self.kinds),
                "card": self.card}
        with open(path, "wb") as fh:  # np.savez would add ".npz" to a name without it
            np.savez_compressed(fh, meta=np.array(json.dumps(meta)), words=np.array(self.words, dtype=str),
                                idf=self.idf, word_coef=self.word_coef.astype(np.float32), mean=self.mean,
                                scale=self.scale, coef=self.coef, intercept=self.intercept)


#: The page-kind model's file, beside the block model in a model directory.
PAGE_MODEL_FILE: Final[str] = "page-kind.npz"


def load_page_model(path: str | PathLike[str] | None = None) -> PageKindModel:
    """The page-kind model at ``path`` (its file, or a directory holding ``PAGE_MODEL_FILE``);
    the shipped one by default.  Raises ``ModelError`` when it is missing, unreadable or
    made for other page features."""
    location = default_model_dir() / PAGE_MODEL_FILE if path is None else Path(path)
    if location.is_dir():
        location = location / PAGE_MODEL_FILE
    try:
        with np.load(location, allow_pickle=False) as data:
            arrays = {name: data[name] for name in data.files}
        meta = json.loads(str(arrays["meta"]))
    except FileNotFoundError:
        raise ModelError(f"no page-kind model at {location}") from None
    except (OSError, EOFError, KeyError, ValueError, UnicodeDecodeError) as exc:
        raise ModelError(f"cannot read the page-kind model {location}: {exc}") from None
    if not isinstance(meta, dict) or meta.get("feature_version") != PAGE_FEATURE_VERSION \
            or tuple(meta.get("features", ())) != FEATURE_NAMES:
        raise ModelError(f"the page-kind model {location} was made for page features version "
                         f"{meta.get('feature_version') if isinstance(meta, dict) else None!r}; this cleanfeed "
                         f"computes version {PAGE_FEATURE_VERSION!r}")
    try:
        return PageKindModel(arrays["words"].tolist(), arrays["idf"], arrays["word_coef"].astype(np.float64),
                             arrays["mean"], arrays["scale"], arrays["coef"], arrays["intercept"], meta["kinds"],
                             meta.get("card"))
    except KeyError as exc:
        raise ModelError(f"the page-kind model {location} has no array {exc}") from None


class LabelledPage(list):
    """A page's labelled blocks (a ``list`` of ``LabelledBlock``, as ``label`` always
    returned) with the page's kind beside them.

    ``verdict`` is worked out on first use, so a caller who only reads the blocks pays
    nothing for it; it is ``None`` when the pipeline has no page-kind model.  ``dropped``
    is why ``clean`` returns ``""`` for the page under the pipeline's ``min_article_prob``,
    or ``None`` when it keeps it.
    """

    def __init__(self, blocks: Sequence[LabelledBlock] = (), page_model: "PageKindModel | None" = None,
                 min_article_prob: float | None = None) -> None:
        super().__init__(blocks)
        self._page_model = page_model
        self._min_article_prob = min_article_prob
        self._verdict: PageVerdict | None = None

    @property
    def verdict(self) -> PageVerdict | None:
        if self._verdict is None and self._page_model is not None:
            self._verdict = self._page_model.verdict(self)
        return self._verdict

    @property
    def dropped(self) -> str | None:
        return drop_reason(self.verdict, self._min_article_prob)

    def __reduce__(self):
        # Sent between processes (``--jobs``) with its verdict worked out where the page was
        # labelled, in parallel, rather than with the page model (a megabyte) attached.
        return (_rebuild_page, (list(self), self.verdict, self._min_article_prob))


def _rebuild_page(blocks: list, verdict: PageVerdict | None, min_article_prob: float | None) -> LabelledPage:
    page = LabelledPage(blocks, None, min_article_prob)
    page._verdict = verdict
    return page


def drop_reason(verdict: PageVerdict | None, min_article_prob: float | None) -> str | None:
    """Why a page with this verdict is dropped under ``min_article_prob`` (``None``: kept)."""
    if verdict is None or min_article_prob is None or verdict.article_probability >= min_article_prob:
        return None
    return (f"not an article: {verdict.kind} page (article probability {verdict.article_probability:.2f} "
            f"< {min_article_prob:.2f})")
