"""The model read from its arrays file scores as the pickled estimators do, without scikit-learn."""

import json
import shutil
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from cleanfeed import ModelError, Pipeline, load_model
from cleanfeed import _trees
from cleanfeed.model import CARD_FILE, default_model_dir
from cleanfeed.modelarrays import ARRAYS_FILE, LinearOvR, TreeScorer, arrays_of, load_arrays, save_arrays

ROOT = Path(__file__).parent.parent
PAGES = sorted((ROOT / "seeds").glob("*.txt")) + sorted((ROOT / "tests" / "pages").glob("*.txt"))

needs_c_walk = pytest.mark.skipif(not _trees.COMPILED, reason="the arrays file is read only where the trees are walked in C")


@needs_c_walk
def test_the_shipped_model_loads_from_its_arrays_and_scores_as_the_pickle_does():
    arrays, pickled = load_model(), load_model(estimators=True)
    assert isinstance(arrays.text_clf, LinearOvR) and isinstance(arrays.block_clf, TreeScorer)
    assert type(pickled.block_clf).__name__ == "HistGradientBoostingClassifier"
    with_arrays, with_pickle = Pipeline(model=arrays).load(), Pipeline(model=pickled).load()
    for path in PAGES:
        text = path.read_text(encoding="utf-8")
        assert [(b.label, b.scores) for b in with_arrays.label(text)] == [(b.label, b.scores) for b in with_pickle.label(text)]


def test_the_shipped_arrays_file_is_what_the_pickle_gives(tmp_path):
    """The file is derived data: written again from the pickle, it is the same bytes."""
    pickled = load_model(estimators=True)
    save_arrays(tmp_path / ARRAYS_FILE, arrays_of(pickled.text_clf, pickled.block_clf, pickled.stack_clf))
    assert (tmp_path / ARRAYS_FILE).read_bytes() == (default_model_dir() / ARRAYS_FILE).read_bytes()


@needs_c_walk
def test_cleaning_with_the_model_does_not_import_scikit_learn():
    code = ("import sys; from cleanfeed import Pipeline; p = Pipeline().load(); "
            "out = p.clean(open(sys.argv[1], encoding='utf-8').read()); "
            "print(len(out) > 0, 'sklearn' in sys.modules)")
    proc = subprocess.run([sys.executable, "-c", code, str(PAGES[0])], capture_output=True, text=True, timeout=120, cwd=ROOT)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.split() == ["True", "False"]


@needs_c_walk
def test_an_arrays_file_that_does_not_match_its_card_is_refused(tmp_path):
    model_copy = tmp_path / "model"
    shutil.copytree(default_model_dir(), model_copy)
    data = bytearray((model_copy / ARRAYS_FILE).read_bytes())
    data[len(data) // 2] ^= 0xFF
    (model_copy / ARRAYS_FILE).write_bytes(bytes(data))
    with pytest.raises(ModelError, match="does not match its card"):
        load_model(model_copy)
    load_model(model_copy, estimators=True)  # the pickle is untouched and still loads


@needs_c_walk
def test_a_card_naming_a_missing_arrays_file_is_refused_with_the_remedy(tmp_path):
    model_copy = tmp_path / "model"
    shutil.copytree(default_model_dir(), model_copy)
    (model_copy / ARRAYS_FILE).unlink()
    with pytest.raises(ModelError, match="write_arrays"):
        load_model(model_copy)


def test_an_arrays_file_without_a_tree_model_or_with_objects_is_refused(tmp_path):
    pickled = load_model(estimators=True)
    arrays = arrays_of(pickled.text_clf, pickled.block_clf, pickled.stack_clf)
    partial = {k: v for k, v in arrays.items() if not k.startswith("block_")}
    save_arrays(tmp_path / "partial.npz", partial)
    with pytest.raises(ValueError, match="no tree model"):
        load_arrays(tmp_path / "partial.npz")
    np.savez(tmp_path / "objects.npz", text_coef=np.array([{"a": 1}], dtype=object))
    with pytest.raises(ValueError):
        load_arrays(tmp_path / "objects.npz")


def test_a_model_saved_now_carries_its_arrays_file(tmp_path):
    from cleanfeed.model import save_model

    pickled = load_model(estimators=True)
    save_model(pickled, tmp_path, dict(pickled.card))
    card = json.loads((tmp_path / CARD_FILE).read_text(encoding="utf-8"))
    assert card["arrays_file"] == ARRAYS_FILE and (tmp_path / ARRAYS_FILE).is_file()
    assert card["arrays_sha256"] == json.loads((default_model_dir() / CARD_FILE).read_text(encoding="utf-8"))["arrays_sha256"]
