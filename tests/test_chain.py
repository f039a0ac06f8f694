"""The stage chain: the stacked pass's cascade scores exactly the rows it does not skip, with
the thresholds of the model they were chosen for."""

from pathlib import Path

import numpy as np
import pytest

from cleanfeed import Pipeline, chain
from cleanfeed.labels import LABELS

SEEDS = sorted((Path(__file__).parent.parent / "seeds").glob("*.txt"))


@pytest.fixture(scope="module")
def pipeline():
    return Pipeline().load()


def _pages(pipeline):
    return [chain.blocks_and_hits(p.read_text(encoding="utf-8"), pipeline.rules_) for p in SEEDS]


def _sha(model):
    return model.card["sha256"]


def test_the_cascade_keeps_first_pass_scores_only_where_the_first_pass_is_sure_of_a_skipped_label(pipeline, monkeypatch):
    model, rules = pipeline.model_, pipeline.rules_
    pages = _pages(pipeline)
    monkeypatch.setattr(chain, "STACK_SKIP", {})
    full = chain.model_scores(model, pages, rules)
    # Navigation and body skip from their own thresholds; comment, caption and spam never do.
    monkeypatch.setattr(chain, "STACK_SKIP", {_sha(model): {"navigation": 0.9, "body": 0.97}})
    cascade = chain.model_scores(model, pages, rules)
    skipped = {"navigation": 0, "body": 0}
    unsure_but_top = 0
    for (blocks, hits), f, c in zip(pages, full, cascade):
        texts = [b.text for b in blocks]
        X = chain.features([blocks], [hits], rules, model.text_scores(texts))[0]
        first = model._tree_proba("block_clf", X)
        top = first.argmax(axis=1)
        nav, body = top == LABELS.index("navigation"), top == LABELS.index("body")
        sure = (nav & (first.max(axis=1) >= 0.9)) | (body & (first.max(axis=1) >= 0.97))
        skipped["navigation"] += int((sure & nav).sum())
        skipped["body"] += int((sure & body).sum())
        # Body blocks between the two thresholds are scored although navigation's would skip them.
        unsure_but_top += int((body & (first.max(axis=1) >= 0.9) & (first.max(axis=1) < 0.97)).sum())
        assert np.array_equal(c[sure], first[sure])
        assert np.array_equal(c[~sure], f[~sure])  # the rows scored are scored as in a full pass
    assert skipped["navigation"] > 0 and skipped["body"] > 0
    assert unsure_but_top > 0


def test_thresholds_belong_to_the_model_they_were_chosen_for(pipeline, monkeypatch):
    model = pipeline.model_
    monkeypatch.setattr(chain, "STACK_SKIP", {"0" * 64: {"navigation": 0.5}})
    assert chain.skip_thresholds(model) is None
    monkeypatch.setattr(chain, "STACK_SKIP", {_sha(model): {"navigation": 0.5}})
    expected = [0.5 if label == "navigation" else np.inf for label in LABELS]
    assert chain.skip_thresholds(model).tolist() == expected


def test_without_the_cascade_every_block_gets_the_stacked_scores(pipeline, monkeypatch):
    model, rules = pipeline.model_, pipeline.rules_
    (blocks, hits), = _pages(pipeline)[:1]
    monkeypatch.setattr(chain, "STACK_SKIP", {})
    (scores,) = chain.model_scores(model, [(blocks, hits)], rules)
    X = chain.features([blocks], [hits], rules, model.text_scores([b.text for b in blocks]))[0]
    first = model._tree_proba("block_clf", X)
    stacked = chain.stacked_features([blocks], [X], first)[0]
    assert np.array_equal(scores, model._tree_proba("stack_clf", stacked))
