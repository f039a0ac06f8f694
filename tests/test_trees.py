"""The flat tree table scores exactly as scikit-learn does, missing values included."""

from pathlib import Path

import numpy as np
import pytest

from cleanfeed import Pipeline, load_model, segment
from cleanfeed import _trees
from cleanfeed._trees import MAX_ROWS, TreeTable, table_for
from cleanfeed.features import rule_hits
from cleanfeed.model import default_model_dir

SEEDS = sorted((Path(__file__).parent.parent / "seeds").glob("*.txt"))


@pytest.fixture(scope="module")
def model():
    return load_model(default_model_dir(), estimators=True)  # the scikit-learn estimators


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


@pytest.fixture
def compiled(compiled_path, monkeypatch):
    """Trees walked in C for the test's duration (tables built inside it pack their nodes);
    the compiled walk itself."""
    from cleanfeed import model as model_module

    with compiled_path(_trees, "_ctrees"):
        monkeypatch.setattr(model_module, "COMPILED", True)  # the model's own copy of the flag
        yield _trees._ctrees


@pytest.mark.parametrize("n_rows", [1, 200, 3000])
def test_the_c_walk_gives_the_numpy_walks_and_scikit_learns_scores_to_the_bit(model, compiled, n_rows):
    clf = model.block_clf
    rng = np.random.default_rng(n_rows)
    X = rng.normal(scale=3.0, size=(n_rows, clf.n_features_in_))
    X[rng.random(X.shape) < 0.05] = np.nan
    table = TreeTable(clf)
    c = table._raw_scores_c(np.ascontiguousarray(X))
    assert np.array_equal(c, table._raw_scores_numpy(np.ascontiguousarray(X)))
    assert np.array_equal(table.predict_proba(X), clf.predict_proba(X))


def test_a_table_that_points_outside_itself_is_refused_before_any_walk(model, compiled):
    table = TreeTable(model.block_clf)
    packed = table.packed.copy()
    packed["left"][int(np.flatnonzero(~packed["is_leaf"].astype(bool))[0])] = 10**6
    sizes = np.diff(np.append(table.roots32, len(packed))).astype(np.int32)
    compiled.check(table.packed, table.roots32, sizes, table.n_features)  # the real table passes
    with pytest.raises(ValueError, match="outside the table"):
        compiled.check(packed, table.roots32, sizes, table.n_features)


def test_pages_get_the_same_labels_with_and_without_the_c_walk(compiled, monkeypatch):
    """An install without a C compiler scores with the numpy walk and scikit-learn: the same
    labels and scores as the compiled walk, on whole pages."""
    from cleanfeed import model as model_module

    texts = [p.read_text(encoding="utf-8") for p in SEEDS]
    with_c = Pipeline(model=load_model(default_model_dir())).load()
    before = [[(b.label, b.scores) for b in with_c.label(t)] for t in texts]
    assert with_c.model_._table("block_clf").packed is not None  # the C walk was used
    # Put back by the compiled fixture (a monkeypatch here would restore the C walk after it).
    _trees._ctrees, _trees.COMPILED = None, False
    monkeypatch.setattr(model_module, "COMPILED", False)
    monkeypatch.setattr(model_module, "_WARNED_SLOW", [True])  # the warning: tests/test_texthash.py
    fallback = Pipeline(model=load_model(default_model_dir())).load()
    after = [[(b.label, b.scores) for b in fallback.label(t)] for t in texts]
    assert after == before


@pytest.mark.parametrize("stage", ["block_clf", "stack_clf"])
def test_a_table_rebuilt_from_its_arrays_scores_the_same(model, stage):
    clf = getattr(model, stage)
    table = TreeTable(clf)
    again = TreeTable.from_arrays(table.arrays())
    X = np.random.default_rng(3).normal(scale=3.0, size=(300, clf.n_features_in_))
    X[::7, 2] = np.nan
    assert np.array_equal(again.predict_proba(X), clf.predict_proba(X))


def test_a_table_whose_sizes_do_not_fit_its_nodes_is_refused(model):
    arrays = TreeTable(model.block_clf).arrays()
    arrays["sizes"] = arrays["sizes"][:-1]
    with pytest.raises(ValueError, match="do not add up"):
        TreeTable.from_arrays(arrays)
