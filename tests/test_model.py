"""Model files: the shipped model loads; damaged, foreign or mismatched ones are refused."""

import json
import shutil
from pathlib import Path

import pytest

from cleanfeed import ModelError, load_model
from cleanfeed.model import CARD_FILE, MODEL_FILE, default_model_dir


def test_shipped_model_and_card():
    model = load_model()
    card = model.card
    assert card["labels"] == ["body", "caption", "navigation", "comment", "spam"]
    assert len(card["sha256"]) == 64 and card["feature_version"]
    assert "wcxb" in card["training_data"] and "metrics" in card
    # Only train sets may train the shipped weights.
    assert not set(card["training_data"]) & {"l3s-gn1", "dragnet", "comments-socc"}
    assert (default_model_dir() / MODEL_FILE).stat().st_size < 8_000_000


@pytest.fixture()
def model_copy(tmp_path):
    for name in (MODEL_FILE, CARD_FILE):
        shutil.copy(default_model_dir() / name, tmp_path / name)
    return tmp_path


def test_tampered_file_is_refused(model_copy):
    path = model_copy / MODEL_FILE
    data = bytearray(path.read_bytes())
    data[len(data) // 2] ^= 0xFF
    path.write_bytes(bytes(data))
    with pytest.raises(ModelError, match="does not match its card"):
        load_model(model_copy, estimators=True)  # the pickle's checks (the arrays file's: test_modelarrays.py)


def test_truncated_file_is_refused(model_copy):
    path = model_copy / MODEL_FILE
    path.write_bytes(path.read_bytes()[:1000])
    with pytest.raises(ModelError, match="does not match its card"):
        load_model(model_copy, estimators=True)  # the pickle's checks (the arrays file's: test_modelarrays.py)


def test_foreign_file_is_refused(model_copy):
    (model_copy / MODEL_FILE).write_bytes(b"not a model at all")
    with pytest.raises(ModelError, match="does not match"):
        load_model(model_copy, estimators=True)  # the pickle's checks (the arrays file's: test_modelarrays.py)


def test_missing_card_is_refused(model_copy):
    (model_copy / CARD_FILE).unlink()
    with pytest.raises(ModelError, match="no model-card.json"):
        load_model(model_copy)


@pytest.mark.parametrize(
    "key, value, message",
    [("sklearn_version", "0.20.0", "scikit-learn"), ("feature_version", "0", "feature set"), ("labels", ["a"], "labels")],
)
def test_mismatched_card_is_refused(model_copy, key, value, message):
    card_path = model_copy / CARD_FILE
    card = json.loads(card_path.read_text())
    card[key] = value
    card_path.write_text(json.dumps(card))
    with pytest.raises(ModelError, match=message):
        load_model(model_copy, estimators=True)  # the pickle's checks (the arrays file's: test_modelarrays.py)


def test_missing_model_names_the_fix(tmp_path):
    with pytest.raises(ModelError, match="cleanfeed train"):
        load_model(tmp_path)


def test_scores_do_not_depend_on_how_many_rows_are_scored_together():
    # Large matrices are scored in chunks of rows (model._PREDICT_ROWS); a block's scores
    # must be the same whether it is scored alone, in a small page or in a large batch.
    import numpy as np

    from cleanfeed.model import _PREDICT_ROWS, _full_proba

    clf = load_model(default_model_dir(), estimators=True).block_clf
    rng = np.random.default_rng(0)
    X = rng.normal(size=(2 * _PREDICT_ROWS + 123, clf.n_features_in_)).astype(np.float32)
    whole = _full_proba(clf, X)
    assert whole.shape == (len(X), 5)
    for rows in (slice(0, 1), slice(_PREDICT_ROWS - 1, _PREDICT_ROWS + 1), slice(len(X) - 7, len(X))):
        assert np.array_equal(_full_proba(clf, X[rows]), whole[rows])
    assert np.allclose(whole.sum(axis=1), 1.0, atol=1e-5)


def test_text_scores_are_the_same_whatever_the_coefficients_memory_order():
    # text_scores scores through a copy with column-major coefficients (a copy of the
    # matrix saved on every call); the probabilities must not move by a bit.
    import numpy as np

    from cleanfeed.model import _full_proba
    from cleanfeed.texthash import text_vectorizer

    model = load_model(default_model_dir(), estimators=True)
    texts = ["Subscribe to my channel!", "The minister said on Monday that talks would go on.", "Reply", ""]
    assert model.text_clf.coef_.flags["C_CONTIGUOUS"]  # as unpickled
    before = _full_proba(model.text_clf, text_vectorizer().transform(texts))
    after = model.text_scores(texts)
    assert model._text_scorer.coef_.flags["F_CONTIGUOUS"]
    assert np.array_equal(before, after)


def test_scoring_does_not_change_what_save_model_writes(tmp_path):
    # Training scores the eval sets before it saves; the file must be the same bytes as
    # if nothing had been scored, or retraining would not reproduce a shipped model.
    import hashlib

    from cleanfeed.model import save_model

    model = load_model(default_model_dir(), estimators=True)
    save_model(model, tmp_path / "before", dict(model.card))
    model.text_scores(["Subscribe to my channel!"])
    save_model(model, tmp_path / "after", dict(model.card))

    def digest(d):
        return hashlib.sha256((d / MODEL_FILE).read_bytes()).hexdigest()

    assert digest(tmp_path / "before") == digest(tmp_path / "after")
    assert model.text_clf.coef_.flags["C_CONTIGUOUS"]  # the fitted model stays as fitted
    assert model._text_scorer.coef_.flags["F_CONTIGUOUS"]  # the scoring copy keeps its fast layout


def test_models_saved_by_earlier_versions_in_joblib_still_load(tmp_path):
    """Before the gzipped pickle, models were joblib files; their cards name that file."""
    import hashlib

    import joblib

    from cleanfeed import Pipeline
    from cleanfeed.model import load_model

    shipped = load_model(estimators=True)
    path = tmp_path / "cleanfeed-model.joblib"
    joblib.dump({"text_clf": shipped.text_clf, "block_clf": shipped.block_clf, "stack_clf": shipped.stack_clf}, path, compress=3)
    old_card = {k: v for k, v in shipped.card.items() if not k.startswith("arrays_")}  # those cards named no arrays file
    card = dict(old_card, model_file=path.name, sha256=hashlib.sha256(path.read_bytes()).hexdigest())
    (tmp_path / CARD_FILE).write_text(json.dumps(card), encoding="utf-8")
    page = "Share\n\nThe harbour reopened on Monday, the port authority said.\n\nJane says:\n\nGood news."
    expected = [(b.label, b.scores) for b in Pipeline(model=shipped).label(page)]
    for where in (tmp_path, path):
        old = load_model(where)
        assert old.card["model_file"] == "cleanfeed-model.joblib"
        assert [(b.label, b.scores) for b in Pipeline(model=old).label(page)] == expected


def test_the_text_models_probabilities_are_scikit_learns_to_the_bit():
    """text_scores skips scikit-learn's input checks (_ovr_logistic_proba); the probabilities
    must be predict_proba's, on ordinary texts, empty ones and texts of unseen words."""
    import numpy as np

    from cleanfeed.model import _is_ovr_logistic, _ovr_logistic_proba
    from cleanfeed.texthash import text_vectorizer

    model = load_model(default_model_dir(), estimators=True)
    assert _is_ovr_logistic(model.text_clf)
    seeds = Path(__file__).parent.parent / "seeds"
    texts = [line for path in sorted(seeds.glob("*.txt")) for line in path.read_text(encoding="utf-8").splitlines()]
    texts += ["", "zzqx vvkw", "!!!", "Reply"]
    X = text_vectorizer().transform(texts)
    assert np.array_equal(_ovr_logistic_proba(model.text_clf, X), model.text_clf.predict_proba(X))
