"""Token and label scores used by the model card and the benchmarks."""

import pytest

from cleanfeed.training.metrics import label_prf, mean_token_prf, token_prf, tokens


def test_tokens_normalise():
    assert tokens("“Hello,” WORLD!  ﬁne") == ["hello", "world", "fine"]


def test_token_prf_counts_bags():
    p, r, f = token_prf("a a b", "a b c")
    assert p == pytest.approx(2 / 3) and r == pytest.approx(2 / 3) and f == pytest.approx(2 / 3)
    assert token_prf("", "") == (1.0, 1.0, 1.0)
    assert token_prf("", "a")[1] == 0.0


def test_mean_over_pages():
    assert mean_token_prf([("a", "a"), ("", "b")])["recall"] == pytest.approx(0.5)


def test_label_prf_with_equivalence():
    gold = ["body", "caption", "navigation"]
    pred = ["body", "navigation", "navigation"]
    plain = label_prf(gold, pred)
    assert plain["caption"]["recall"] == 0.0 and plain["navigation"]["precision"] == 0.5
    eq = label_prf(gold, pred, equivalent={"caption": {"caption", "navigation"}})
    assert eq["caption"]["recall"] == 1.0 and eq["navigation"]["precision"] == 1.0


def test_label_prf_skips_unlabelled_gold():
    from cleanfeed.labels import UNLABELLED

    gold = ["body", UNLABELLED, "navigation", UNLABELLED]
    pred = ["body", "navigation", "navigation", "body"]
    scores = label_prf(gold, pred)
    assert scores["body"] == {"precision": 1.0, "recall": 1.0, "f1": 1.0, "support": 1}
    assert scores["navigation"]["precision"] == 1.0
