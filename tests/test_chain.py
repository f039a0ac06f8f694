"""The stage chain: the stacked pass's cascade scores exactly the rows it does not skip."""

from pathlib import Path

import numpy as np
import pytest

from cleanfeed import Pipeline, chain

SEEDS = sorted((Path(__file__).parent.parent / "seeds").glob("*.txt"))


@pytest.fixture(scope="module")
def pipeline():
    return Pipeline().load()


def _pages(pipeline):
    return [chain.blocks_and_hits(p.read_text(encoding="utf-8"), pipeline.rules_) for p in SEEDS]


def test_the_cascade_keeps_first_pass_scores_only_where_the_first_pass_is_sure(pipeline, monkeypatch):
    model, rules = pipeline.model_, pipeline.rules_
    pages = _pages(pipeline)
    monkeypatch.setattr(chain, "STACK_SKIP_CONFIDENCE", None)
    full = chain.model_scores(model, pages, rules)
    monkeypatch.setattr(chain, "STACK_SKIP_CONFIDENCE", 0.95)
    cascade = chain.model_scores(model, pages, rules)
    skipped = 0
    for (blocks, hits), f, c in zip(pages, full, cascade):
        texts = [b.text for b in blocks]
        X = chain.features([blocks], [hits], rules, model.text_scores(texts))[0]
        first = model._tree_proba("block_clf", X)
        sure = first.max(axis=1) >= 0.95
        skipped += int(sure.sum())
        assert np.array_equal(c[sure], first[sure])
        assert np.array_equal(c[~sure], f[~sure])  # the rows scored are scored as in a full pass
    assert skipped > 0


def test_without_the_cascade_every_block_gets_the_stacked_scores(pipeline, monkeypatch):
    model, rules = pipeline.model_, pipeline.rules_
    (blocks, hits), = _pages(pipeline)[:1]
    monkeypatch.setattr(chain, "STACK_SKIP_CONFIDENCE", None)
    (scores,) = chain.model_scores(model, [(blocks, hits)], rules)
    X = chain.features([blocks], [hits], rules, model.text_scores([b.text for b in blocks]))[0]
    first = model._tree_proba("block_clf", X)
    stacked = chain.stacked_features([blocks], [X], first)[0]
    assert np.array_equal(scores, model._tree_proba("stack_clf", stacked))
