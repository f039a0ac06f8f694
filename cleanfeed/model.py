"""The trained block classifier, and the model file plus card it lives in.

Three stages, because words, layout and context need different learners.  A linear text model over
hashed word unigrams and bigrams scores each block on its words alone ("says", "subscribe",
"earn $"); a gradient-boosted tree model then weighs those scores together with layout,
rule hits and the neighbouring blocks (``features.py``); a second tree model, stacked on
the first, sees the first's conclusions about the neighbours too, so a block between two
sure comments is a comment.  At training time what each later stage learns from is
out-of-fold, so it learns how far to trust the earlier one on unseen sites.

A model is three files: ``cleanfeed-model.pkl.gz`` (the fitted scikit-learn estimators,
pickled and gzipped), ``cleanfeed-model.npz`` (the same model as plain arrays, read
without pickle or scikit-learn where the tree walk is compiled; ``modelarrays``) and
``model-card.json`` (labels, feature version, scikit-learn version, training data,
metrics, each file's name and SHA-256).  Loading checks all
of them before unpickling, because **pickle files run code when loaded**: load only model
files you trust, and the hash check only protects against corruption and mix-ups, not
against a malicious card written beside a malicious file.  Models saved by earlier
versions as ``cleanfeed-model.joblib`` still load; the card names the file.
"""

from __future__ import annotations

import copy
import gzip
import hashlib
import importlib
import json
import pickle
from collections.abc import Sequence
from dataclasses import dataclass, field
from importlib import resources
from os import PathLike
from pathlib import Path
from typing import Any

import numpy as np

from . import features, texthash
from . import rules as rule_module
from ._trees import COMPILED, MAX_ROWS, TreeTable, table_for
from .features import FEATURE_NAMES, FEATURE_VERSION, STACK_NAMES
from .labels import LABELS
from .modelarrays import ARRAYS_FILE, LinearOvR, TreeScorer, arrays_of, load_arrays, save_arrays
from .rules import RuleSet
from .segment import Block
from .texthash import TEXT_HASH_FEATURES, hash_texts

__all__ = ["Model", "ModelError", "load_model", "save_model", "MODEL_FILE", "CARD_FILE"]

MODEL_FILE = "cleanfeed-model.pkl.gz"
# What earlier versions wrote (joblib's container); still read.
_JOBLIB_SUFFIX = ".joblib"
CARD_FILE = "model-card.json"


class ModelError(RuntimeError):
    """A model file is missing, damaged, or does not fit this version of cleanfeed."""


_WARNED_SLOW: list[bool] = []


def compiled_extensions() -> dict[str, bool]:
    """Which of the model's C extensions this installation has (``setup.py`` builds them)."""
    # The package's name "segment" is the function; its module is looked up by name.
    segment_module = importlib.import_module(f"{__package__}.segment")
    return {"_csegment": segment_module.COMPILED, "_cmatch": rule_module.COMPILED, "_ctext": texthash.COMPILED,
            "_cfeatures": features.COMPILED, "_ctrees": COMPILED}


def _warn_if_not_compiled() -> None:
    """Warn, once a process, when the model runs without a C extension it could use.

    ``pip install .`` builds them where there is a C compiler and installs without them
    where there is not; the labels are the same, but the model is slower, and a user
    cleaning a corpus should know why.  The warning waits for the model's first use, so
    rules-only use (which would miss only the segmentation and pre-check speed-ups) does
    not get it.
    """
    missing = [name for name, built in compiled_extensions().items() if not built]
    if missing and not _WARNED_SLOW:
        import warnings

        _WARNED_SLOW.append(True)
        warnings.warn(
            f"cleanfeed's C extension{'s' if len(missing) > 1 else ''} {', '.join(missing)} "
            f"{'were' if len(missing) > 1 else 'was'} not built when it was installed (no C compiler?), so the "
            "model runs in numpy, scikit-learn and Python: the same labels, more slowly. Install a C compiler "
            "and reinstall cleanfeed to get them.",
            RuntimeWarning,
            stacklevel=3,
        )


@dataclass
class Model:
    """A fitted classifier (text model, tree model, optional stacked tree model).  Build one with ``cleanfeed train``; load with ``load_model``."""

    text_clf: Any
    block_clf: Any
    stack_clf: Any = None
    card: dict[str, Any] = field(default_factory=dict)
    _text_scorer: Any = field(default=None, repr=False)
    _tables: dict[str, Any] = field(default_factory=dict, repr=False)

    @property
    def labels(self) -> tuple[str, ...]:
        return LABELS

    def text_scores(self, texts: Sequence[str]) -> np.ndarray:
        """Per-label probabilities from the words of each text alone."""
        if not texts:
            return np.zeros((0, len(LABELS)), dtype=np.float32)
        if self._text_scorer is None:
            _warn_if_not_compiled()
            self._text_scorer = _column_major(self.text_clf)
        return _full_proba(self._text_scorer, hash_texts(texts))

    def scores(self, blocks: Sequence[Block], hits: np.ndarray, rules: RuleSet) -> np.ndarray:
        """Per-label probabilities (rows: blocks, columns: ``LABELS``) for one page."""
        if not blocks:
            return np.zeros((0, len(LABELS)), dtype=np.float32)
        return self.scores_many([(blocks, hits)], rules)[0]

    def scores_many(self, pages: Sequence[tuple[Sequence[Block], np.ndarray]], rules: RuleSet) -> list[np.ndarray]:
        """``scores`` for many pages with one call per stage (``chain.model_scores``)."""
        from .chain import model_scores

        return model_scores(self, pages, rules)

    def _tree_proba(self, name: str, X: np.ndarray) -> np.ndarray:
        """``_full_proba`` of the tree model ``name``: through its ``TreeTable`` when the trees
        are walked in C, else for short inputs only (see ``_trees``)."""
        table = self._table(name) if COMPILED or X.shape[0] <= MAX_ROWS else None
        return _full_proba(getattr(self, name), X, table)

    def _table(self, name: str) -> TreeTable | None:
        if name not in self._tables:
            clf = getattr(self, name)
            # Built on first use, so loading stays as fast; a model read from its arrays has its tables.
            self._tables[name] = clf.table if isinstance(clf, TreeScorer) else table_for(clf)
        return self._tables[name]


def _column_major(text_clf: Any) -> Any:
    """``text_clf`` for scoring: a shallow copy whose coefficients are stored column-major.

    The linear model multiplies the sparse word counts by ``coef_.T``; scipy wants that
    matrix in row order and copied all 2.6 MB of it on every call (a tenth of a short
    page's time).  Stored column-major, its transpose already is.  The fitted model keeps
    its own array, so what ``save_model`` writes does not depend on what was scored.
    """
    coef = getattr(text_clf, "coef_", None)
    if not isinstance(coef, np.ndarray):
        return text_clf
    scorer = copy.copy(text_clf)
    scorer.coef_ = np.asfortranarray(coef)
    return scorer


# scikit-learn's tree ensembles score one tree at a time over the whole matrix, so a
# matrix larger than the CPU's cache is read from memory once per tree, 1,200 times.
# Batches stay under 4,000 blocks (``pipeline._BATCH_BLOCKS``), but one long page does
# not: a 1 MB document is some 15,000 blocks.  Scored in chunks of 4,096 rows it took
# 1.45 s instead of 2.34 s on one core, with the same scores to the bit.
_PREDICT_ROWS = 4096


def _full_proba(clf: Any, X: Any, table: TreeTable | None = None) -> np.ndarray:
    """``predict_proba`` with a column for every label, even those absent in training.

    With a ``table`` (``clf``'s ``TreeTable``, for short inputs) the table scores instead.
    """
    n = X.shape[0]
    if table is not None:
        proba = table.predict_proba(X)
    elif _is_ovr_logistic(clf):
        proba = _ovr_logistic_proba(clf, X)
    elif n > _PREDICT_ROWS:
        proba = np.vstack([clf.predict_proba(X[i : i + _PREDICT_ROWS]) for i in range(0, n, _PREDICT_ROWS)])
    else:
        proba = clf.predict_proba(X)
    out = np.zeros((proba.shape[0], len(LABELS)), dtype=np.float32)
    for j, cls in enumerate(clf.classes_):
        out[:, LABELS.index(str(cls))] = proba[:, j]
    return out


def _is_ovr_logistic(clf: Any) -> bool:
    """Whether ``clf`` is the text model's kind: a fitted multi-class ``SGDClassifier`` with
    log loss (one-vs-rest logistic regressions), or its weights (``LinearOvR``)."""
    return (type(clf).__name__ in ("SGDClassifier", "LinearOvR") and getattr(clf, "loss", None) == "log_loss"
            and isinstance(getattr(clf, "coef_", None), np.ndarray) and clf.coef_.ndim == 2 and clf.coef_.shape[0] > 2)


def _ovr_logistic_proba(clf: Any, X: Any) -> np.ndarray:
    """``clf.predict_proba(X)`` for ``_is_ovr_logistic`` models, without its input checks.

    scikit-learn validates the input on every call, which took longer than the scoring on a
    short page (about 0.4 ms of a 30-block page's text stage).  These are the steps of its
    ``decision_function`` and ``_predict_proba_lr``, in its order, so the probabilities are
    the same to the bit (tests/test_model.py checks it against ``predict_proba``).
    """
    from scipy.special import expit

    prob = X @ clf.coef_.T + clf.intercept_
    expit(prob, out=prob)
    prob_sum = prob.sum(axis=1)
    all_zero = prob_sum == 0
    if all_zero.any():  # as scikit-learn: uniform probabilities
        prob[all_zero, :] = 1
        prob_sum[all_zero] = prob.shape[1]
    prob /= prob_sum.reshape((prob.shape[0], -1))
    return prob


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def _minor(version: object) -> tuple[str, ...] | None:
    """Major and minor of a version string: scikit-learn keeps pickles loadable within a minor series."""
    if not isinstance(version, str):
        return None
    return tuple(version.split(".")[:2])


def default_model_dir() -> Path:
    """Where the shipped model is: installed as the package ``cleanfeed.models``, or, when
    running from a source checkout that was not installed, the checkout's ``models/``."""
    try:
        return Path(str(resources.files("cleanfeed.models")))
    except ModuleNotFoundError:
        source = Path(__file__).resolve().parent.parent / "models"
        if (source / MODEL_FILE).is_file():
            return source
        raise ModelError("the shipped model is missing from this installation; reinstall cleanfeed") from None


def save_model(model: Model, directory: str | PathLike[str], card: dict[str, Any]) -> Path:
    """Write the model and its card (with the file's SHA-256) into ``directory``."""
    import sklearn

    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    path = directory / MODEL_FILE
    payload = {"text_clf": model.text_clf, "block_clf": model.block_clf, "stack_clf": model.stack_clf}
    # Plain pickle, not joblib: joblib reads its files with the pure-Python unpickler, which
    # took 0.16 s of the shipped model's 1 s load; the C unpickler and gzip take 0.03 s.
    # mtime=0 keeps the bytes, and so the card's SHA-256, the same for the same model.
    path.write_bytes(gzip.compress(pickle.dumps(payload, protocol=5), compresslevel=6, mtime=0))
    card = dict(card)
    card.update(
        labels=list(LABELS),
        feature_version=FEATURE_VERSION,
        n_features=len(FEATURE_NAMES),
        n_stack_features=len(STACK_NAMES) if model.stack_clf is not None else 0,
        text_hash_features=TEXT_HASH_FEATURES,
        sklearn_version=sklearn.__version__,
        model_file=MODEL_FILE,
        sha256=_sha256(path),
        size_bytes=path.stat().st_size,
    )
    card.update(_write_arrays(model, directory))
    _write_card(directory, card)
    model.card = card
    return path


def _write_arrays(model: Model, directory: Path) -> dict[str, Any]:
    """Write the model's arrays file (``modelarrays``) beside its pickle; the card fields
    that name it."""
    path = directory / ARRAYS_FILE
    save_arrays(path, arrays_of(model.text_clf, model.block_clf, model.stack_clf))
    return {"arrays_file": ARRAYS_FILE, "arrays_sha256": _sha256(path), "arrays_size_bytes": path.stat().st_size}


def write_arrays(directory: str | PathLike[str]) -> Path:
    """Give a model saved before arrays files existed its arrays file, and name it in its
    card (the pickle and every figure stay as they are).  For the shipped model::

        python -c "from cleanfeed.model import write_arrays; write_arrays('models')"
    """
    directory = _model_directory(Path(directory))
    model = load_model(directory, estimators=True)
    card = dict(model.card)
    card.update(_write_arrays(model, directory))
    _write_card(directory, card)
    return directory / ARRAYS_FILE


def _write_card(directory: str | PathLike[str], card: dict[str, Any]) -> None:
    """Write ``card`` as the model card of ``directory`` (``save_model``, and ``cleanfeed
    evaluate`` re-measuring a model whose file stays as it is)."""
    (Path(directory) / CARD_FILE).write_text(json.dumps(card, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


def read_card(card_path: Path) -> dict[str, Any]:
    """The model card at ``card_path`` as a dict, without loading the model (refused with
    ``ModelError`` when it is not a JSON object)."""
    try:
        card = json.loads(card_path.read_text(encoding="utf-8"))
    except (ValueError, UnicodeDecodeError) as exc:
        raise ModelError(f"model card {str(card_path)!r} is not valid JSON: {exc}") from None
    if not isinstance(card, dict):
        raise ModelError(f"model card {str(card_path)!r} is not a JSON object")
    return card


def _check_sha256(path: Path, expected: object) -> None:
    """Refuse a model file whose SHA-256 is not the one its card gives."""
    actual = _sha256(path)
    if expected != actual:
        raise ModelError(
            f"model file {str(path)!r} does not match its card (SHA-256 {actual[:12]}..., card says "
            f"{str(expected)[:12]}...): it is damaged, truncated or not the file the card describes"
        )


def _check_identity(card: dict[str, Any]) -> None:
    """Refuse a card whose features or labels are not this cleanfeed's."""
    if (card.get("feature_version") != FEATURE_VERSION or card.get("n_features") != len(FEATURE_NAMES)
            or card.get("n_stack_features", 0) not in (0, len(STACK_NAMES))):
        raise ModelError(
            f"model was trained on feature set {card.get('feature_version')!r} ({card.get('n_features')} features); "
            f"this cleanfeed computes {FEATURE_VERSION!r} ({len(FEATURE_NAMES)} features). "
            "Retrain with `cleanfeed train` or install the matching cleanfeed."
        )
    if tuple(card.get("labels", ())) != LABELS:
        raise ModelError(f"model labels {card.get('labels')} differ from cleanfeed's {list(LABELS)}")


def _load_from_arrays(path: Path, card: dict[str, Any]) -> Model:
    """The model from its arrays file, checked against the card's SHA-256 first."""
    if not path.is_file():
        raise ModelError(f"the card names {path.name!r} but there is no such file at {str(path)!r}; "
                         "reinstall cleanfeed or rewrite it with cleanfeed.model.write_arrays")
    _check_sha256(path, card.get("arrays_sha256"))
    try:
        text_clf, block_clf, stack_clf = load_arrays(path)
    except (ValueError, OSError, KeyError) as exc:
        raise ModelError(f"cannot load model {str(path)!r}: {exc}") from None
    if block_clf.n_features_in_ != len(FEATURE_NAMES) or (
            stack_clf is not None and stack_clf.n_features_in_ != len(FEATURE_NAMES) + len(STACK_NAMES)):
        raise ModelError(f"model {str(path)!r} does not have the features its card says")
    return Model(text_clf=text_clf, block_clf=block_clf, stack_clf=stack_clf, card=card)


def _model_directory(location: Path) -> Path:
    """The directory holding the card of ``location``, a model directory or its model file."""
    is_file = location.suffix == _JOBLIB_SUFFIX or location.name.endswith(".pkl.gz")
    return location.parent if is_file else location


def load_model(path: str | PathLike[str] | None = None, *, estimators: bool = False) -> Model:
    """Load a model directory (or its model file), checking the card first.

    ``None`` loads the shipped model.  Where the card names an arrays file
    (``modelarrays``) and the trees are walked in C, the model is read from it: no
    scikit-learn import, no unpickling, the same scores.  ``estimators=True`` (or a
    model without arrays, or an install without the C walk) reads the pickled
    scikit-learn estimators instead, as training and inspection need.  Refuses, with
    ``ModelError``, a missing card, a file whose SHA-256 differs from the card's, a
    different feature version or label set, and for the pickle a different scikit-learn
    version (pickles are not portable across versions).
    """
    location = Path(path) if path is not None else default_model_dir()
    directory = _model_directory(location)
    is_file = directory != location
    if not is_file and location.is_file():
        raise ModelError(f"{str(location)!r} is a file; a model is a directory written by `cleanfeed train` "
                         f"(holding {MODEL_FILE} and {CARD_FILE}), or its {MODEL_FILE}")
    card_path = directory / CARD_FILE
    card = read_card(card_path) if card_path.is_file() else None
    # The card names its model file (older models: cleanfeed-model.joblib).
    named = card.get("model_file") if card is not None else None
    model_path = location if is_file else directory / (named if isinstance(named, str) and "/" not in named else MODEL_FILE)
    if not model_path.is_file():
        raise ModelError(f"no model file at {str(model_path)!r}; train one with `cleanfeed train` or pass --model DIR")
    if card is None:
        raise ModelError(f"model {str(model_path)!r} has no {CARD_FILE} beside it; refusing to load an unidentified pickle")
    _check_identity(card)
    arrays_name = card.get("arrays_file")
    if not estimators and COMPILED and isinstance(arrays_name, str) and "/" not in arrays_name and not is_file:
        return _load_from_arrays(directory / arrays_name, card)
    import sklearn

    _check_sha256(model_path, card.get("sha256"))
    if _minor(card.get("sklearn_version")) != _minor(sklearn.__version__):
        raise ModelError(
            f"model was saved with scikit-learn {card.get('sklearn_version')}, but {sklearn.__version__} is installed; "
            f"install scikit-learn~={'.'.join(_minor(card.get('sklearn_version')) or ('?',))}.0 or retrain with `cleanfeed train`"
        )
    try:
        if model_path.suffix == _JOBLIB_SUFFIX:
            import joblib

            payload = joblib.load(model_path)
        else:
            payload = pickle.loads(gzip.decompress(model_path.read_bytes()))
        model = Model(text_clf=payload["text_clf"], block_clf=payload["block_clf"], stack_clf=payload.get("stack_clf"), card=card)
    except Exception as exc:  # a pickle can fail in many ways; all mean the same to the user
        raise ModelError(f"cannot load model {str(model_path)!r}: {type(exc).__name__}: {exc}") from None
    return model
