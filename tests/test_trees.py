"""The flat tree table scores exactly as scikit-learn does, missing values included."""

from pathlib import Path

import numpy as np
import pytest

from cleanfeed import Pipeline, load_model, segment
from cleanfeed._trees import MAX_ROWS, TreeTable, table_for
from cleanfeed.features import rule_hits
from cleanfeed.model import default_model_dir

SEEDS = sorted((Path(__file__).parent.parent / "seeds").glob("*.txt"))


@pytest.fixture(scope="module")
def model():
    return load_model(default_model_dir())


@pytest.mark.parametrize("stage", ["block_clf", "stack_clf"])
@pytest.mark.parametrize("n_rows", [1, 7, MAX_ROWS])
def test_shipped_trees_give_scikit_learns_probabilities_to_the_bit(model, stage, n_rows):
    clf = getattr(model, stage)
    rng = np.random.default_rng(n_rows)
    X = rng.normal(scale=3.0, size=(n_rows, clf.n_features_in_))
    assert np.array_equal(TreeTable(clf).predict_proba(X), clf.predict_proba(X))


def test_missing_values_go_where_each_node_sends_them():
    from sklearn.ensemble import HistGradientBoostingClassifier

    rng = np.random.default_rng(0)
    X = rng.normal(size=(600, 4))
    y = (X[:, 0] > 0).astype(int) + (X[:, 1] > 0.5).astype(int)
    X[rng.random(X.shape) < 0.2] = np.nan  # trained with gaps, so nodes learn a side for them
    clf = HistGradientBoostingClassifier(max_iter=15, random_state=0).fit(X, y)
    table = TreeTable(clf)
    assert table.missing_left.any() and not table.missing_left.all()
    X_new = rng.normal(size=(50, 4))
    X_new[rng.random(X_new.shape) < 0.3] = np.nan
    assert np.array_equal(table.predict_proba(X_new), clf.predict_proba(X_new))


def test_a_matrix_of_the_wrong_width_is_refused(model):
    table = TreeTable(model.block_clf)
    with pytest.raises(ValueError, match="features"):
        table.predict_proba(np.zeros((2, model.block_clf.n_features_in_ - 1)))


def test_models_it_cannot_read_get_no_table():
    from sklearn.linear_model import SGDClassifier

    assert table_for(SGDClassifier()) is None
    assert table_for(object()) is None


def test_pages_score_the_same_with_and_without_tables(model):
    pipeline = Pipeline(model=model)
    pipeline.load()
    rules = pipeline.rules_
    for path in SEEDS:
        blocks = segment(path.read_text(encoding="utf-8"))
        hits = rule_hits(blocks, rules)
        model._tables.clear()
        with_tables = model.scores(blocks, hits, rules)
        model._tables.update(block_clf=None, stack_clf=None)  # None: score through scikit-learn
        without = model.scores(blocks, hits, rules)
        model._tables.clear()
        assert len(blocks) <= MAX_ROWS
        assert np.array_equal(with_tables, without), path.name
