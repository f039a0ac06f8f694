"""All trees of a fitted gradient-boosting classifier walked at once, for short inputs.

scikit-learn's ``HistGradientBoostingClassifier`` scores one tree at a time, a compiled
call each, and the shipped model has 1,200 trees (160 + 80 iterations of five, one per
label).  Each call costs about 4 µs before it looks at a single row, so one short page
paid some 3.5 ms a tree pass in call overhead alone.  ``TreeTable`` lays every node of
every tree out in flat arrays and walks all (row, tree) pairs together, one level at a
time, dropping the pairs that have reached a leaf: 20 blocks take 1.1 ms instead of
4.6 ms through the first pass (one core).  Its work grows with rows x trees x depth
while scikit-learn's grows with rows alone, so from about a hundred rows on scikit-learn
is faster; ``MAX_ROWS`` is where the model switches.

Where the C extension ``cleanfeed._ctrees`` was built (``pip install .`` with a C
compiler; ``setup.py``), the table is walked in C instead, row by row through every tree
with nothing between the comparisons, and that is faster than scikit-learn at any number
of rows, so the model sends every input through it (``COMPILED``).  Without a compiler the
numpy walk and scikit-learn do the work, with the same results.

The walk makes the same comparisons as scikit-learn's predictor (a missing value goes
where the node's ``missing_go_to_left`` says; otherwise left when ``x <= threshold``)
and sums the leaf values in the same order, so the probabilities are the same to the bit
(``tests/test_trees.py`` checks it, missing values included).  The table reads private
attributes of scikit-learn's model; ``table_for`` returns ``None`` for any model it does
not understand, and the model then scores through scikit-learn as before.
"""

from __future__ import annotations

from typing import Any

import numpy as np

try:
    from . import _ctrees
except ImportError:  # installed without a C compiler: the numpy walk below
    _ctrees = None

__all__ = ["COMPILED", "MAX_ROWS", "TreeTable", "table_for"]

#: Whether the trees are walked in C (``cleanfeed._ctrees``).
COMPILED = _ctrees is not None
#: A node as the C walk reads it (``Node`` in ``_ctrees.c``; ``align=True`` lays it out as
#: the C compiler does).
NODE = np.dtype([("threshold", np.float64), ("value", np.float64), ("feature", np.int32), ("left", np.int32),
                 ("right", np.int32), ("is_leaf", np.uint8), ("missing_left", np.uint8)], align=True)
#: Without the C walk, inputs of at most this many rows go through the numpy walk of the
#: table and larger ones through scikit-learn.
MAX_ROWS = 64


class TreeTable:
    """The nodes of every tree of ``clf`` in flat arrays (one entry per node)."""

    def __init__(self, clf: Any) -> None:
        predictors = clf._predictors  # iterations x labels
        trees = [tree.nodes for iteration in predictors for tree in iteration]
        nodes = np.concatenate(trees)
        if nodes["is_categorical"].any():
            raise ValueError("categorical splits are not supported")
        self._build({
            "threshold": nodes["num_threshold"], "value": nodes["value"], "feature": nodes["feature_idx"],
            "left": nodes["left"], "right": nodes["right"], "is_leaf": nodes["is_leaf"],
            "missing_left": nodes["missing_go_to_left"], "sizes": np.array([len(t) for t in trees]),
            "n_iter": len(predictors), "n_labels": clf.n_trees_per_iteration_, "n_features": clf.n_features_in_,
            "baseline": np.asarray(clf._baseline_prediction, dtype=np.float64).ravel(),
        })

    #: What ``arrays`` holds: per node (children counted from the node's tree's root), per
    #: tree, and for the whole model.
    NODE_ARRAYS = ("threshold", "value", "feature", "left", "right", "is_leaf", "missing_left")
    MODEL_ARRAYS = ("sizes", "n_iter", "n_labels", "n_features", "baseline")

    @classmethod
    def from_arrays(cls, arrays: dict[str, Any]) -> "TreeTable":
        """A table from ``arrays()`` of another (a model file that needs no scikit-learn)."""
        table = cls.__new__(cls)
        table._build({name: arrays[name] for name in cls.NODE_ARRAYS + cls.MODEL_ARRAYS})
        return table

    def arrays(self) -> dict[str, np.ndarray]:
        """Everything the table scores with, as plain arrays (see ``from_arrays``)."""
        return {name: np.asarray(value) for name, value in self._arrays.items()}

    def _build(self, a: dict[str, Any]) -> None:
        self._arrays = a
        self.n_iter, self.n_labels, self.n_features = int(a["n_iter"]), int(a["n_labels"]), int(a["n_features"])
        if self.n_labels < 2:
            raise ValueError("only multi-class models are read")  # their probabilities are a softmax
        sizes = np.asarray(a["sizes"], dtype=np.int64)
        if sizes.sum() != len(a["threshold"]) or len(sizes) != self.n_iter * self.n_labels:
            raise ValueError("the tree sizes do not add up to the node table")
        starts = np.concatenate([[0], np.cumsum(sizes)[:-1]])
        # Child indices are per tree; shifted by the tree's start they index the flat arrays.
        shift = np.repeat(starts, sizes)
        self.roots = starts.astype(np.intp)
        self.feature = np.asarray(a["feature"]).astype(np.intp)
        self.threshold = np.asarray(a["threshold"]).astype(np.float64)
        # Children side by side: node i's left child at 2i, its right child at 2i + 1, so
        # one look-up per level follows the comparison.
        self.children = np.column_stack([np.asarray(a["left"]).astype(np.intp) + shift,
                                         np.asarray(a["right"]).astype(np.intp) + shift]).ravel()
        self.missing_left = np.asarray(a["missing_left"]).astype(bool)
        self.leaf = np.asarray(a["is_leaf"]).astype(bool)
        self.value = np.asarray(a["value"]).astype(np.float64)
        self.baseline = np.asarray(a["baseline"], dtype=np.float64).ravel()
        if _ctrees is not None:
            # The C walk's layout: one 32-byte record a node, children counted from their
            # tree's root, which it trusts once checked, so nothing may change it after.
            packed = np.zeros(len(self.threshold), dtype=NODE)
            for name in self.NODE_ARRAYS:
                packed[name] = a[name]
            self.packed, self.roots32, sizes = packed, starts.astype(np.int32), sizes.astype(np.int32)
            for array in (packed, self.roots32):
                array.setflags(write=False)
            _ctrees.check(packed, self.roots32, sizes, self.n_features)

    def raw_scores(self, X: np.ndarray) -> np.ndarray:
        """The summed leaf values per label (what scikit-learn's ``_raw_predict`` returns)."""
        X = np.ascontiguousarray(X, dtype=np.float64)
        n, n_features = X.shape
        # scikit-learn refuses a matrix of the wrong width; so must a walk over flat indices,
        # which would otherwise read the next row's values.
        if n_features != self.n_features:
            raise ValueError(f"X has {n_features} features, but the trees were fitted on {self.n_features}")
        if _ctrees is not None:
            return self._raw_scores_c(X)
        return self._raw_scores_numpy(X)

    def _raw_scores_c(self, X: np.ndarray) -> np.ndarray:
        n = X.shape[0]
        raw = np.empty((n, self.n_labels), dtype=np.float64)
        raw[:] = self.baseline
        _ctrees.walk(self.packed, self.roots32, X, raw, n, self.n_features, self.n_labels)
        return raw

    def _raw_scores_numpy(self, X: np.ndarray) -> np.ndarray:
        n, n_features = X.shape
        n_trees = len(self.roots)
        node = np.tile(self.roots, n)  # pair p is (row p // n_trees, tree p % n_trees)
        row_start = np.repeat(np.arange(n, dtype=np.intp) * n_features, n_trees)
        flat = X.ravel()
        has_missing = bool(np.isnan(flat).any())
        active = np.flatnonzero(~self.leaf[node])
        while active.size:
            at = node[active]
            x = flat[row_start[active] + self.feature[at]]
            go_right = ~(x <= self.threshold[at])
            if has_missing:
                missing = np.isnan(x)
                go_right[missing] = ~self.missing_left[at[missing]]
            at = self.children[2 * at + go_right]
            node[active] = at
            active = active[~self.leaf[at]]
        values = self.value[node].reshape(n, self.n_iter, self.n_labels)
        # scikit-learn starts from the baseline and adds one iteration at a time; the same
        # order of additions gives the same floating-point sums.
        raw = np.zeros((n, self.n_labels), dtype=np.float64, order="F")
        raw += self.baseline
        for iteration in range(self.n_iter):
            raw += values[:, iteration, :]
        return raw

    def predict_proba(self, X: np.ndarray) -> np.ndarray:
        return softmax(self.raw_scores(X))


def softmax(raw: np.ndarray) -> np.ndarray:
    """Probabilities from summed leaf values, in the steps of scikit-learn's multinomial
    link (``sklearn.utils.extmath.softmax``), so they are its probabilities to the bit."""
    prob = np.array(raw, copy=True)
    prob -= prob.max(axis=1).reshape((-1, 1))
    np.exp(prob, out=prob)
    prob /= prob.sum(axis=1).reshape((-1, 1))
    return prob


def table_for(clf: Any) -> TreeTable | None:
    """A ``TreeTable`` of ``clf``, or ``None`` when ``clf`` is not a model it can read."""
    try:
        return TreeTable(clf)
    except (AttributeError, KeyError, TypeError, ValueError):
        return None
