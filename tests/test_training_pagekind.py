"""Training the page-kind model (cleanfeed/training/pagekind.py)."""

import random

import numpy as np
import pytest

from cleanfeed.pagekind import FEATURE_NAMES, PAGE_KINDS, word_vector
from cleanfeed.training.corpus.sources import Message
from cleanfeed.training.corpus.threads import ThreadPools
from cleanfeed.training.pagekind import (KindPage, _long_thread, article_scores, cross_validate, fit_page_model,
                                         fit_vocabulary)


def test_vocabulary_and_idf_are_scikit_learns():
    from sklearn.feature_extraction.text import TfidfVectorizer

    texts = ["the cart and the price", "the story the mayor said", "price of the cart", "mayor said so"]
    words, idf = fit_vocabulary(texts, max_words=100, min_df=1)
    vec = TfidfVectorizer(sublinear_tf=True).fit(texts)
    theirs = dict(zip(vec.get_feature_names_out(), vec.idf_))
    assert set(words) == set(theirs)
    assert np.allclose(idf, [theirs[w] for w in words])
    # Rows as scikit-learn's transform makes them.
    vocabulary = {w: i for i, w in enumerate(words)}
    row = vec.transform([texts[0]]).toarray()[0]
    cols, values = word_vector(texts[0], vocabulary, idf)
    order = [list(vec.get_feature_names_out()).index(words[c]) for c in cols]
    assert np.allclose(values, row[order])
    # The floor and the cap: words on fewer pages than min_df are left out, the commonest kept.
    words, _ = fit_vocabulary(texts, max_words=2, min_df=2)
    assert words == ["the", "cart"]  # "the" is on three pages; ties on two go alphabetically
    assert "story" not in fit_vocabulary(texts, min_df=2)[0]


def _synthetic(n_per_kind=12):
    """Pages whose kind shows in their words and in one page feature."""
    rng = random.Random(0)
    words = {"article": "said reported according mayor", "listing": "latest more stories section",
             "forum": "replied thread posted member", "product": "cart price buy shipping",
             "other": "documentation install contact services"}
    pages, rows = [], []
    for k, kind in enumerate(PAGE_KINDS):
        for i in range(n_per_kind):
            text = " ".join(rng.choice(words[kind].split()) for _ in range(30))
            pages.append(KindPage("wcxb", f"{kind}{i}", f"{kind}{i}", kind, i % 5, text))
            x = np.zeros(len(FEATURE_NAMES))
            x[k] = 1.0 + rng.random()
            rows.append(x)
    return pages, np.vstack(rows)


def test_fit_learns_kinds_and_cross_validation_scores_every_page():
    pages, X = _synthetic()
    model = fit_page_model(X, [p.text for p in pages], [p.kind for p in pages])
    assert (model.probabilities(X, [p.text for p in pages]).argmax(axis=1) == [PAGE_KINDS.index(p.kind) for p in pages]).all()
    P = cross_validate(X, pages)
    assert P.shape == (len(pages), len(PAGE_KINDS)) and np.allclose(P.sum(axis=1), 1.0)
    assert (P.argmax(axis=1) == [PAGE_KINDS.index(p.kind) for p in pages]).mean() > 0.9


def test_article_scores_count_only_real_pages():
    pages = [KindPage("wcxb", "a", "1", "article", 0, ""), KindPage("wcxb", "b", "2", "listing", 0, ""),
             KindPage("wcxb", "c", "3", "article", 0, ""), KindPage("fundus", "d", "4", "article", 0, ""),
             KindPage("fundus", "d", "4", "article", 0, "", augmented=True)]
    P = np.array([[0.9, 0.1, 0, 0, 0], [0.6, 0.4, 0, 0, 0], [0.2, 0.8, 0, 0, 0], [0.7, 0.3, 0, 0, 0],
                  [0.0, 1.0, 0, 0, 0]])
    s = article_scores(P, pages, 0.5)
    # Kept: pages 1 and 2 of WCXB; one of them an article: P 1/2, R 1/2.
    assert s["article"] == {"precision": 0.5, "recall": 0.5, "f1": 0.5}
    assert s["wcxb_pages"] == 3 and s["news_pages"] == 1 and s["news_articles_kept"] == 1.0  # the copy is not scored
    assert s["per_kind"]["listing"]["recall"] == 0.0 and s["per_kind"]["listing"]["precision"] == 0.0


@pytest.mark.parametrize("renderer", ["seed", "lines", "wrapped"])
def test_a_long_thread_goes_after_the_last_body_block(renderer):
    text = "Menu\n\nStory headline\n\nThe story's only paragraph.\n\nFooter links"
    row = {"text": text, "renderer": renderer, "blocks": [
        {"start": 0, "end": 4, "label": "navigation"}, {"start": 6, "end": 20, "label": "body"},
        {"start": 22, "end": 49, "label": "body"}, {"start": 51, "end": 63, "label": "navigation"}]}
    pools = ThreadPools(ham=[Message(f"I agree with comment number {i}.", False, "test") for i in range(5)],
                        spam=[Message("Win cash now", True, "test")])
    out = _long_thread(row, pools, random.Random(1))
    assert out.startswith(text[:49]) and out.endswith("Footer links")
    assert out.count("I agree with comment number") >= 20
