"""Scores shared by training, the model card and the benchmarks.

Body text is scored as the ScrapingHub article-extraction benchmark does: bags of
whitespace-separated tokens after normalisation, precision and recall of the bag
intersection; in Chinese, Japanese, Thai and the other scripts written without spaces,
each character is a token (``tokens``).  Block labels are scored per label (precision, recall, F1 over blocks).
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Sequence

from ..labels import LABELS, UNLABELLED

__all__ = ["tokens", "token_prf", "label_prf", "PRF"]

PRF = dict  # {"precision": float, "recall": float, "f1": float, "support": int}

_PUNCT_EDGES = "\"'“”‘’«»„()[]{}<>.,;:!?…-–—*•·|/\\。、「」『』【】〈〉《》・"


# Scripts written without spaces between words (Chinese, Japanese kana, Thai, Lao, Khmer,
# Myanmar): a whitespace token there is a whole clause, so a page would score all or
# nothing by the clause.  Each of their characters counts as a token instead, as
# character-level scores for these languages do; other text keeps whitespace tokens.
_NO_SPACE_SCRIPT = re.compile(
    r"([\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u0e00-\u0e7f\u0e80-\u0eff\u1780-\u17ff\u1000-\u109f"
    r"\U00020000-\U0002fa1f])"
)


def tokens(text: str) -> list[str]:
    """Whitespace tokens of ``text`` after NFKC, case folding and trimming edge punctuation;
    in scripts written without spaces, every character is a token."""
    out = []
    for tok in unicodedata.normalize("NFKC", text).casefold().split():
        parts = _NO_SPACE_SCRIPT.split(tok) if _NO_SPACE_SCRIPT.search(tok) else (tok,)
        for part in parts:
            part = part.strip(_PUNCT_EDGES)
            if part:
                out.append(part)
    return out


def _prf(tp: float, n_pred: float, n_gold: float) -> tuple[float, float, float]:
    p = tp / n_pred if n_pred else (1.0 if not n_gold else 0.0)
    r = tp / n_gold if n_gold else 1.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def token_prf(predicted: str, gold: str) -> tuple[float, float, float]:
    """Token-bag precision, recall and F1 of ``predicted`` against ``gold`` for one page."""
    pred, ref = Counter(tokens(predicted)), Counter(tokens(gold))
    tp = sum((pred & ref).values())
    return _prf(tp, sum(pred.values()), sum(ref.values()))


def mean_token_prf(pairs: Iterable[tuple[str, str]]) -> dict[str, float]:
    """Token P/R/F1 averaged over pages (each page weighs the same, as in the benchmark)."""
    scores = [token_prf(p, g) for p, g in pairs]
    if not scores:
        return {"precision": 0.0, "recall": 0.0, "f1": 0.0, "pages": 0}
    n = len(scores)
    return {
        "precision": sum(s[0] for s in scores) / n,
        "recall": sum(s[1] for s in scores) / n,
        "f1": sum(s[2] for s in scores) / n,
        "pages": n,
    }


def label_prf(
    gold: Sequence[str],
    predicted: Sequence[str],
    labels: Sequence[str] = LABELS,
    equivalent: dict[str, set[str]] | None = None,
) -> dict[str, dict[str, float]]:
    """Per-label block precision/recall/F1.

    ``equivalent`` maps a gold label to the set of predictions that count as right for it
    (L3S "supplemental" blocks are right as caption or navigation).  Blocks whose gold
    label is ``UNLABELLED`` are skipped: the data does not say what they are.
    """
    equivalent = equivalent or {}
    out = {}
    pairs = [(g, p) for g, p in zip(gold, predicted) if g != UNLABELLED]
    for label in labels:
        tp = fp = fn = 0
        for g, p in pairs:
            ok = equivalent.get(g, {g})
            if g == label and p in ok:
                tp += 1
            elif g == label:
                fn += 1
            elif p == label and p not in ok:
                fp += 1
        prec, rec, f1 = _prf(tp, tp + fp, tp + fn)
        out[label] = {"precision": round(prec, 4), "recall": round(rec, 4), "f1": round(f1, 4), "support": tp + fn}
    return out
