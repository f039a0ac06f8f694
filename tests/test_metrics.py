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


def test_scripts_without_spaces_count_characters():
    from cleanfeed.training.metrics import token_prf, tokens

    assert tokens("市议会批准了。 Hello, world!") == ["市", "议", "会", "批", "准", "了", "hello", "world"]
    assert tokens("東京タワー2024年") == ["東", "京", "タ", "ワ", "ー", "2024", "年"]
    # Half of a Chinese sentence is half right, not all wrong.
    p, r, f = token_prf("市议会周二", "市议会周二批准了新桥的建设")
    assert p == 1.0 and 0.3 < r < 0.5
