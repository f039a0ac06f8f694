"""The page-kind model (``cleanfeed.pagekind``): its pages, its features, its training.

The pages are the corpus's fully rendered training pages whose kind is known, and the
WCXB pages the corpus leaves out (forums, listings and collections, whose "main content"
docs/labels.md calls navigation and comment):

* WCXB, by its ``page_type``: article; listing and collection -> listing; forum; product;
  service and documentation -> other (CC-BY, ``train``);
* every page of Fundus, newspaper, goose3 and Postlight -> article (news sets, ``train``).

Each page is labelled by a block pipeline, so the page model sees the block labels it will
see at run time, and measured with the site folds of ``training.folds``: a page's site is
never on both sides.
"""

from __future__ import annotations

import gzip
import math
import random
import sys
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from .folds import N_FOLDS, site_fold
from ..pagekind import FEATURE_NAMES, PAGE_KINDS, PageKindModel, page_features, word_vector
from .metrics import label_prf

__all__ = ["WCXB_KIND", "ARTICLE_SOURCES", "KindPage", "kind_pages", "featurise", "fit_vocabulary",
           "fit_page_model", "cross_validate"]

#: WCXB's page types as the kinds of docs/labels.md.
WCXB_KIND = {"article": "article", "listing": "listing", "collection": "listing", "forum": "forum",
             "product": "product", "service": "other", "documentation": "other"}
#: Training sets every page of which is a news article.  (Readability's test pages are not:
#: some are documentation and reference pages.)
ARTICLE_SOURCES = ("fundus", "newspaper", "goose3", "postlight")
#: Regularisation of the logistic regression (inverse strength), the vocabulary's size and
#: floor (pages a word must be on), and the page features' weight against the unit-length
#: word vector: chosen by the site-fold cross-validation in docs/model.md.
C = 10.0
MAX_WORDS = 20_000
MIN_DF = 5
DENSE_WEIGHT = 0.15


#: Share of article pages that also appear with a long reader thread under the article, and
#: the thread's length in comments.  docs/labels.md counts a story with a thread under it
#: as an article, but the corpus's threads are short (2-12 comments), and the only pages
#: with long threads the page model saw were WCXB's forums: without these copies, blog and
#: news pages whose comments outweigh the story read as forums.  The length is drawn
#: log-uniformly up to 1,000 comments (about 100,000 characters of the pools' short
#: messages): popular blog posts carry threads of hundreds of comments, and a cap of 120
#: left every story under a longer one looking like a forum (docs/model.md).
LONG_THREAD_RATE = 0.3
LONG_THREAD_COMMENTS = (20, 1000)


@dataclass
class KindPage:
    source: str
    site: str
    page_id: str
    kind: str
    fold: int
    text: str
    #: A copy made for training (an article with a long thread), never scored.
    augmented: bool = False
    #: The set's own main-content text, for body token scores by page kind.
    gold: str = ""


def _log(msg: str) -> None:
    print(f"[cleanfeed pagekind] {msg}", file=sys.stderr, flush=True)


def _wcxb_left_out(data: Path) -> Iterator[KindPage]:
    """The WCXB pages whose type the block corpus leaves out, rendered as the corpus renders."""
    from .corpus.build import _seed
    from .corpus.render import STYLES, html_blocks, layout
    from .corpus.sources import WCXB_TYPES, wcxb_records

    for rec in wcxb_records(data):
        if rec.page_type in WCXB_TYPES or rec.page_type not in WCXB_KIND:
            continue
        style = STYLES[random.Random(_seed("wcxb", rec.file_id)).randrange(len(STYLES))]
        text, _ = layout(html_blocks(gzip.open(rec.html).read()), style)
        yield KindPage("wcxb", rec.site, rec.file_id, WCXB_KIND[rec.page_type], site_fold(rec.site), text,
                       gold=rec.gold_body)


def _long_thread(row: dict, pools, rng: random.Random) -> str:
    """The row's text with a long reader thread rendered in its style after its last body block."""
    from .corpus.render import layout
    from .corpus.threads import thread_blocks

    low, high = LONG_THREAD_COMMENTS
    n = int(round(math.exp(rng.uniform(math.log(low), math.log(high)))))
    messages = [(rng.choice(pools.spam).text, True) if rng.random() < 0.05 else (rng.choice(pools.ham).text, False)
                for _ in range(n)]
    thread, _ = layout(thread_blocks(messages, rng), row["renderer"])
    end = max(b["end"] for b in row["blocks"] if b["label"] == "body")
    gap = "\n" if row["renderer"] == "lines" else "\n\n"
    return row["text"][:end] + gap + thread + row["text"][end:]


def kind_pages(corpus: Path, data: Path) -> list[KindPage]:
    """Every page of known kind: the corpus's WCXB and news pages, WCXB's other types, and
    copies of some articles with a long thread (``augmented``)."""
    import datasets

    from .corpus.build import _seed
    from .corpus.sources import spam_collections
    from .corpus.threads import ThreadPools

    collections = spam_collections(data)
    mixed = collections["youtube"] + collections["sms"] + collections["scamspot"]
    pools = ThreadPools(ham=[m for m in mixed if not m.spam] + collections["foxnews"],
                        spam=[m for m in mixed if m.spam])
    ds = datasets.load_from_disk(str(corpus))
    pages = []
    for row in ds:
        if row["use"] != "train":
            continue
        if row["source"] == "wcxb" and row["page_type"] in WCXB_KIND:
            kind = WCXB_KIND[row["page_type"]]
        elif row["source"] in ARTICLE_SOURCES:
            kind = "article"
        else:
            continue
        page = KindPage(row["source"], row["site"], row["page_id"], kind, int(row["fold"]), row["text"],
                        gold=row.get("gold_body") or "")
        pages.append(page)
        rng = random.Random(_seed("page-kind-thread", row["source"], row["page_id"]))
        if kind == "article" and rng.random() < LONG_THREAD_RATE and any(b["label"] == "body" for b in row["blocks"]):
            pages.append(KindPage(page.source, page.site, page.page_id, kind, page.fold,
                                  _long_thread(row, pools, rng), augmented=True, gold=page.gold))
    pages.extend(_wcxb_left_out(data))
    return pages


def featurise(texts: Sequence[str], pipeline, progress: bool = True) -> np.ndarray:
    """``page_features`` of each text as ``pipeline`` labels it."""
    from tqdm.auto import tqdm

    rows = [page_features(blocks) for blocks in tqdm(pipeline.label_many(texts), total=len(texts),
                                                     disable=not progress, desc="page features")]
    return np.vstack(rows) if rows else np.zeros((0, len(FEATURE_NAMES)))


def fit_vocabulary(texts: Sequence[str], max_words: int = MAX_WORDS, min_df: int = MIN_DF) -> tuple[list[str], np.ndarray]:
    """The ``max_words`` words in most pages (at least ``min_df``) and their smoothed inverse
    document frequencies, ``ln((1 + n) / (1 + df)) + 1`` as scikit-learn computes them."""
    from collections import Counter

    from ..pagekind import _TOKEN

    df: Counter[str] = Counter()
    for text in texts:
        df.update(set(_TOKEN.findall(text.lower())))
    common = sorted((w for w, c in df.items() if c >= min_df), key=lambda w: (-df[w], w))[:max_words]
    n = len(texts)
    return common, np.array([np.log((1 + n) / (1 + df[w])) + 1.0 for w in common])


def _design(X: np.ndarray, texts: Sequence[str], words: list[str], idf: np.ndarray, mean: np.ndarray,
            scale: np.ndarray):
    """Word vectors beside the scaled page features, one sparse row per page."""
    import scipy.sparse as sp

    vocabulary = {w: i for i, w in enumerate(words)}
    rows, cols, vals = [], [], []
    for r, text in enumerate(texts):
        c, v = word_vector(text, vocabulary, idf)
        rows += [r] * len(c)
        cols += c.tolist()
        vals += v.tolist()
    W = sp.csr_matrix((vals, (rows, cols)), shape=(len(texts), len(words)))
    return sp.hstack([W, sp.csr_matrix((X - mean) / scale)]).tocsr()


def fit_page_model(X: np.ndarray, texts: Sequence[str], kinds: Sequence[str], C: float = C,
                   card: dict | None = None) -> PageKindModel:
    """One multinomial logistic regression over the page's words and its page features."""
    from sklearn.linear_model import LogisticRegression

    words, idf = fit_vocabulary(texts)
    y = np.array([PAGE_KINDS.index(k) for k in kinds])
    mean = X.mean(axis=0)
    std = X.std(axis=0)
    std[std == 0] = 1.0
    # The word vector has length one; page features standardised to unit variance would
    # outweigh it forty-five times over, so they enter at DENSE_WEIGHT of that.
    scale = std / DENSE_WEIGHT
    clf = LogisticRegression(C=C, max_iter=1000)
    clf.fit(_design(X, texts, words, idf, mean, scale), y)
    # Kinds absent from the training rows get no column from scikit-learn; give them one
    # that never wins, so probabilities always come in PAGE_KINDS order.
    coef = np.zeros((len(PAGE_KINDS), len(words) + X.shape[1]))
    intercept = np.full(len(PAGE_KINDS), -1e3)
    for col, cls in enumerate(clf.classes_):
        coef[cls] = clf.coef_[col]
        intercept[cls] = clf.intercept_[col]
    return PageKindModel(words, idf, coef[:, :len(words)], mean, scale, coef[:, len(words):], intercept, PAGE_KINDS, card)


def cross_validate(X: np.ndarray, pages: Sequence[KindPage], C: float = C) -> np.ndarray:
    """Out-of-fold kind probabilities: each fold scored by a model fitted on the others
    (vocabulary included)."""
    folds = np.array([p.fold for p in pages])
    out = np.zeros((len(pages), len(PAGE_KINDS)))
    for fold in range(N_FOLDS):
        test = folds == fold
        if not test.any():
            continue
        train = [p for p, t in zip(pages, test) if not t]
        model = fit_page_model(X[~test], [p.text for p in train], [p.kind for p in train], C)
        out[test] = model.probabilities(X[test], [p.text for p, t in zip(pages, test) if t])
    return out


def article_scores(P: np.ndarray, pages: Sequence[KindPage], threshold: float) -> dict:
    """What the out-of-fold probabilities ``P`` say, on the pages that were not made for
    training: per-kind precision, recall and F1 of the most probable kind on WCXB, article
    against not-article at ``threshold`` on WCXB, and the share of the news sets' articles
    kept at ``threshold``."""
    real = [i for i, p in enumerate(pages) if not p.augmented]
    wcxb = [i for i in real if pages[i].source == "wcxb"]
    news = [i for i in real if pages[i].source in ARTICLE_SOURCES]
    truth = [pages[i].kind for i in wcxb]
    best = [PAGE_KINDS[k] for k in P[wcxb].argmax(axis=1)]
    per_kind = {kind: {**{k: v for k, v in s.items() if k != "support"}, "pages": s["support"]}
                for kind, s in label_prf(truth, best, labels=PAGE_KINDS).items()}
    # Article against the rest, at the threshold: the same scores over two labels.
    kept = ["article" if p >= threshold else "not" for p in P[wcxb, 0]]
    article = label_prf(["article" if k == "article" else "not" for k in truth], kept, labels=("article",))["article"]
    return {
        "threshold": threshold,
        "wcxb_pages": len(wcxb),
        "article": {k: v for k, v in article.items() if k != "support"},
        "per_kind": per_kind,
        "news_articles_kept": round(float((P[news, 0] >= threshold).mean()), 4) if news else None,
        "news_pages": len(news),
    }


def train_page_kind(corpus: Path, data: Path, out: Path, block_model: str = "default",
                    holdout_fold: int | None = None, progress: bool = True) -> dict:
    """Build the page-kind pages, label them with ``block_model``, measure the page model by
    site folds, fit it on every page (but ``holdout_fold``'s) and write it to ``out``."""
    import datetime
    import time

    from ..pagekind import DEFAULT_MIN_ARTICLE_PROB, PAGE_FEATURE_VERSION, PAGE_MODEL_FILE
    from ..pipeline import Pipeline
    from .data import _git_commit

    t0 = time.time()
    _log("reading pages ...")
    pages = kind_pages(corpus, data)
    if holdout_fold is not None:
        pages = [p for p in pages if p.fold != holdout_fold]
    counts = {kind: sum(1 for p in pages if p.kind == kind and not p.augmented) for kind in PAGE_KINDS}
    _log(f"{len(pages)} pages ({sum(p.augmented for p in pages)} of them articles given a long thread): {counts}")
    pipeline = Pipeline(model=block_model, page_model=None).load()
    X = featurise([p.text for p in pages], pipeline, progress)
    _log("site-fold cross-validation ...")
    cv = article_scores(cross_validate(X, pages), pages, DEFAULT_MIN_ARTICLE_PROB)
    _log(f"held-out WCXB sites: article F1 {cv['article']['f1']} at {DEFAULT_MIN_ARTICLE_PROB}; "
         f"news articles kept {cv['news_articles_kept']}")
    card = {
        "trained_at": datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "git_commit": _git_commit(),
        "feature_version": PAGE_FEATURE_VERSION,
        "block_model": str(block_model),
        "holdout_fold": holdout_fold,
        "pages": counts,
        "augmented_pages": sum(p.augmented for p in pages),
        "settings": {"C": C, "max_words": MAX_WORDS, "min_df": MIN_DF, "dense_weight": DENSE_WEIGHT,
                     "long_thread_rate": LONG_THREAD_RATE, "long_thread_comments": list(LONG_THREAD_COMMENTS)},
        "cv": cv,
    }
    model = fit_page_model(X, [p.text for p in pages], [p.kind for p in pages], card=card)
    card["seconds"] = round(time.time() - t0, 1)
    out.mkdir(parents=True, exist_ok=True)
    model.save(out / PAGE_MODEL_FILE)
    _log(f"wrote {out / PAGE_MODEL_FILE} ({len(model.words):,} words) in {card['seconds']} s")
    return card
