"""The model as plain arrays: a file that scores without scikit-learn and loads without pickle.

``cleanfeed-model.pkl.gz`` holds the fitted scikit-learn estimators.  Loading it imports
scikit-learn (most of the model's load time and much of its memory) and unpickles (which
runs code).  Scoring needs neither: the text model is a matrix of weights and the tree
models are node tables (``_trees.TreeTable``).  ``save_arrays`` writes those arrays to
``cleanfeed-model.npz`` beside the pickle, and ``load_arrays`` reads them back (numpy with
``allow_pickle=False``) into ``LinearOvR`` and ``TreeScorer``, which score as the
estimators do, to the bit (``tests/test_modelarrays.py``).

Only what ``cleanfeed.model`` uses for scoring is kept; the estimators, for training and
inspection, stay in the pickle (``load_model(..., estimators=True)``).
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from ._trees import TreeTable

__all__ = ["ARRAYS_FILE", "LinearOvR", "TreeScorer", "save_arrays", "load_arrays", "arrays_of"]

ARRAYS_FILE = "cleanfeed-model.npz"
_TREE_STAGES = ("block", "stack")


@dataclass
class LinearOvR:
    """One-vs-rest logistic regressions: the text model (``SGDClassifier`` with log loss) as
    its weights; ``model._ovr_logistic_proba`` scores it."""

    coef_: np.ndarray
    intercept_: np.ndarray
    classes_: np.ndarray
    loss: str = "log_loss"


@dataclass
class TreeScorer:
    """A gradient-boosted tree classifier as its node table (``TreeTable``) and classes."""

    table: TreeTable
    classes_: np.ndarray
    n_features_in_: int = field(init=False)

    def __post_init__(self) -> None:
        self.n_features_in_ = self.table.n_features

    def predict_proba(self, X: np.ndarray) -> np.ndarray:
        return self.table.predict_proba(X)


def arrays_of(text_clf: Any, block_clf: Any, stack_clf: Any) -> dict[str, np.ndarray]:
    """The arrays of fitted estimators (the text model's weights, each tree model's table)."""
    out = {"text_coef": np.ascontiguousarray(text_clf.coef_, dtype=np.float64),
           "text_intercept": np.asarray(text_clf.intercept_, dtype=np.float64),
           "text_classes": np.asarray(text_clf.classes_).astype(str)}
    for stage, clf in zip(_TREE_STAGES, (block_clf, stack_clf)):
        if clf is None:
            continue
        table = clf.table if isinstance(clf, TreeScorer) else TreeTable(clf)
        for name, value in table.arrays().items():
            out[f"{stage}_{name}"] = np.asarray(value)
        out[f"{stage}_classes"] = np.asarray(clf.classes_).astype(str)
    return out


def save_arrays(path: Path, arrays: dict[str, np.ndarray]) -> None:
    """Write ``arrays`` as a compressed ``.npz`` that ``np.load`` reads, with the same bytes
    for the same arrays (``np.savez_compressed`` stamps each member with the time)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, value in arrays.items():
            info = zipfile.ZipInfo(f"{name}.npy", date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            with archive.open(info, "w", force_zip64=True) as member:
                np.lib.format.write_array(member, np.asanyarray(value), allow_pickle=False)
    path.write_bytes(buffer.getvalue())


def load_arrays(path: Path) -> tuple[LinearOvR, TreeScorer, TreeScorer | None]:
    """The text, tree and stacked tree models of an arrays file (``ValueError`` when it
    lacks an array or holds an object array)."""
    with np.load(path, allow_pickle=False) as data:
        a = {name: data[name] for name in data.files}
    try:
        text = LinearOvR(a["text_coef"], a["text_intercept"], a["text_classes"])
        trees = []
        for stage in _TREE_STAGES:
            if f"{stage}_classes" not in a:
                trees.append(None)
                continue
            names = TreeTable.NODE_ARRAYS + TreeTable.MODEL_ARRAYS
            table = TreeTable.from_arrays({name: a[f"{stage}_{name}"] for name in names})
            trees.append(TreeScorer(table, a[f"{stage}_classes"]))
    except KeyError as exc:
        raise ValueError(f"the model arrays lack {exc.args[0]!r}") from None
    if trees[0] is None:
        raise ValueError("the model arrays hold no tree model")
    return text, trees[0], trees[1]
