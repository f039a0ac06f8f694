"""Training end to end on a tiny corpus: label transfer, model file, card, README, refusal of eval data."""

import json
import random

import numpy as np
import pytest

datasets = pytest.importorskip("datasets")

from cleanfeed import Pipeline, load_model, segment  # noqa: E402
from cleanfeed.training import gold_labels, train  # noqa: E402

_BODY = [
    "The city council approved the new budget on Tuesday after a long debate about road repairs.",
    "Officials said the plan would raise spending on schools by four percent over two years.",
    "Residents who spoke at the meeting asked for more money for parks and public libraries.",
    "The mayor said she would sign the budget before the end of the week.",
]
_NAV = ["Home", "News", "Sport", "Share", "Subscribe to our newsletter", "Related News", "© 2024 Example"]
_COMMENTS = ["I agree with the council on this one.", "This is a waste of money if you ask me."]


def _row(i: int, use: str) -> dict:
    rng = random.Random(i)
    parts = [(t, "navigation") for t in rng.sample(_NAV, 3)]
    parts += [(t, "body") for t in _BODY]
    for c in _COMMENTS:
        parts += [(f"Reader{i} says:", "comment"), (c, "comment")]
    parts += [("Click this link to earn $500 a day from home www.cash.xyz", "spam")]
    text, blocks = "", []
    for t, label in parts:
        if text:
            text += "\n\n"
        start = len(text)
        text += t
        blocks.append({"start": start, "end": len(text), "label": label, "how": "test"})
    return {"source": "wcxb" if use == "train" else "l3s-gn1", "site": f"site{i}", "page_id": str(i), "page_type": "article",
            "use": use, "fold": i % 5, "renderer": "seed", "text": text + "\n", "gold_body": "\n\n".join(_BODY), "blocks": blocks}


def _partly_labelled_row(i: int) -> dict:
    """A page of a snippet-labelled set: only its body is labelled, the rest is UNLABELLED."""
    row = _row(i, "train")
    row["source"], row["gold_body"] = "trafilatura", ""
    row["blocks"] = [dict(b, label=b["label"] if b["label"] == "body" else "") for b in row["blocks"]]
    return row


_PARTLY = [_partly_labelled_row(200 + i) for i in range(5)]


@pytest.fixture(scope="module")
def trained(tmp_path_factory):
    root = tmp_path_factory.mktemp("train")
    rows = [_row(i, "train") for i in range(25)] + [_row(100 + i, "eval") for i in range(3)] + _PARTLY
    datasets.Dataset.from_list(rows).save_to_disk(str(root / "corpus"))
    card = train(root / "corpus", root / "model", seeds=None, progress=False, n_jobs=1)
    return root / "model", card


def test_gold_labels_follow_overlap():
    text = "Title\n\nBody text here.\n\nShare"
    blocks = segment(text)
    spans = [(0, 5, "body"), (7, 22, "body"), (24, 29, "navigation")]
    assert gold_labels(blocks, spans) == ["body", "body", "navigation"]


def test_train_writes_model_card_and_readme(trained):
    model_dir, card = trained
    assert (model_dir / "cleanfeed-model.pkl.gz").is_file()
    on_disk = json.loads((model_dir / "model-card.json").read_text())
    assert on_disk["sha256"] == card["sha256"] and on_disk["training_blocks"]["spam"] == 25
    assert set(card["metrics"]["cross_validation_by_site"]) == {"wcxb", "trafilatura"}
    assert card["n_stack_features"] > 0 and load_model(model_dir).stack_clf is not None
    assert set(card["metrics"]["held_out_sets"]) == {"l3s-gn1"}
    assert "l3s-gn1" not in card["training_data"]
    readme = (model_dir / "README.md").read_text()
    assert "## Targets" in readme and "run code when loaded" in readme


def test_trained_model_is_used_by_the_pipeline(trained):
    model_dir, _ = trained
    load_model(model_dir)
    page = _row(7, "train")["text"]
    out = Pipeline(model=str(model_dir)).clean(page)
    assert _BODY[0] in out and "says:" not in out and "earn $500" not in out


def test_unlabelled_blocks_are_neither_fitted_nor_scored(trained):
    _, card = trained
    unlabelled = sum(b["label"] == "" for row in _PARTLY for b in row["blocks"])
    labelled = sum(b["label"] != "" for row in _PARTLY for b in row["blocks"])
    assert unlabelled > 0 and card["unlabelled_training_blocks"] == unlabelled
    assert sum(card["training_blocks"].values()) == 25 * len(_row(0, "train")["blocks"]) + labelled
    assert card["training_blocks"]["spam"] == 25  # the partly labelled pages' spam is unlabelled
    cv = card["metrics"]["cross_validation_by_site"]["trafilatura"]
    assert cv["blocks"] == labelled and cv["labels"]["navigation"]["support"] == 0


def test_seed_is_the_models_random_state(trained, tmp_path):
    model_dir, card = trained
    assert card["params"]["seed"] == 0
    train(model_dir.parent / "corpus", tmp_path / "same", seeds=None, progress=False, n_jobs=1, run_cv=False)
    other = train(model_dir.parent / "corpus", tmp_path / "other", seeds=None, progress=False, n_jobs=1, run_cv=False, seed=1)
    assert other["params"]["seed"] == 1
    coef = load_model(model_dir).text_clf.coef_
    assert (load_model(tmp_path / "same").text_clf.coef_ == coef).all()
    assert not (load_model(tmp_path / "other").text_clf.coef_ == coef).all()


def test_tree_sizes_reach_the_models_and_the_card(trained, tmp_path):
    model_dir, _ = trained
    card = train(model_dir.parent / "corpus", tmp_path / "small", seeds=None, progress=False, n_jobs=1, run_cv=False,
                 iterations=(3, 2), learning_rate=0.5)
    model = load_model(tmp_path / "small", estimators=True)
    assert (model.block_clf.n_iter_, model.stack_clf.n_iter_) == (3, 2)
    assert card["params"]["block_model"]["max_iter"] == 3 and card["params"]["stack_model"]["max_iter"] == 2
    assert card["params"]["block_model"]["learning_rate"] == card["params"]["stack_model"]["learning_rate"] == 0.5
    # The defaults are untouched for the next training.
    from cleanfeed.training import BLOCK_MODEL_PARAMS, STACK_MODEL_PARAMS

    assert (BLOCK_MODEL_PARAMS["max_iter"], STACK_MODEL_PARAMS["max_iter"]) == (160, 80)
    with pytest.raises(ValueError, match="iterations must be positive"):
        train(model_dir.parent / "corpus", tmp_path / "bad", seeds=None, progress=False, n_jobs=1, iterations=(0, 2))


def test_remeasure_rescores_eval_sets_and_keeps_the_model_and_training_figures(trained, tmp_path):
    import shutil

    from cleanfeed.training import remeasure

    model_dir, card = trained
    copy = tmp_path / "model"
    shutil.copytree(model_dir, copy)
    before = (copy / "cleanfeed-model.pkl.gz").read_bytes()
    # The eval pages again, their gold now saying the article paragraphs are navigation
    # (as a reading fault in an eval set would): the held-out body F1 must follow the gold.
    rows = [_row(100 + i, "eval") for i in range(3)]
    for row in rows:
        row["blocks"] = [dict(b, label="navigation" if b["label"] == "body" else b["label"]) for b in row["blocks"]]
    corpus = tmp_path / "corpus"
    datasets.Dataset.from_list(rows).save_to_disk(str(corpus))
    (corpus / "stats.json").write_text(json.dumps({"blocks_by_rule": {"l3s-gn1/test -> navigation": 7, "wcxb/test -> body": 1}}))
    new = remeasure(copy, corpus, seeds=None, progress=False, n_jobs=1)

    assert (copy / "cleanfeed-model.pkl.gz").read_bytes() == before
    assert new["sha256"] == card["sha256"] and load_model(copy).card["remeasured"]["what"] == "held-out sets"
    assert new["metrics"]["cross_validation_by_site"] == card["metrics"]["cross_validation_by_site"]
    old_body = card["metrics"]["held_out_sets"]["l3s-gn1"]["labels"]["body"]
    new_body = new["metrics"]["held_out_sets"]["l3s-gn1"]["labels"]["body"]
    assert old_body["support"] > 0 and new_body["support"] == 0
    # Eval-set rows of the rule counts come from the new corpus; training rows stay.
    counts = new["corpus_blocks_by_rule"]
    assert counts["l3s-gn1/test -> navigation"] == 7 and "wcxb/test -> body" not in counts
    assert {k: v for k, v in counts.items() if not k.startswith("l3s-gn1/")} == {
        k: v for k, v in card["corpus_blocks_by_rule"].items() if not k.startswith("l3s-gn1/")}
    assert "re-measured" in (copy / "README.md").read_text()


def test_remeasure_refuses_a_corpus_without_eval_rows(trained, tmp_path):
    import shutil

    from cleanfeed.training import remeasure

    copy = tmp_path / "model"
    shutil.copytree(trained[0], copy)
    corpus = tmp_path / "corpus"
    datasets.Dataset.from_list([_row(1, "train")]).save_to_disk(str(corpus))
    with pytest.raises(ValueError, match="no eval rows"):
        remeasure(copy, corpus, progress=False, n_jobs=1)


def test_model_readme_says_when_dragnet_comment_gold_has_thread_chrome():
    from cleanfeed.training import model_readme

    plain = {"corpus_blocks_by_rule": {"dragnet/align:gold_comments -> comment": 10}}
    chrome = {"corpus_blocks_by_rule": {**plain["corpus_blocks_by_rule"], "dragnet/thread_chrome -> comment": 3}}
    assert "dragnet_chrome.py" not in model_readme(plain)
    assert "`benchmarks/studies/dragnet_chrome.py`" in model_readme(chrome)


def test_site_folds_keep_each_site_whole_and_use_every_fold():
    from cleanfeed.training.folds import site_fold

    import os
    import subprocess
    import sys

    sites = [f"site{i}.example" for i in range(200)]
    # The fold is a function of the site alone, the same in every process (no salted
    # hash()), so every page of a site lands in one fold in every build.
    code = "from cleanfeed.training.folds import site_fold; print([site_fold(f'site{i}.example') for i in range(200)])"
    for hash_seed in ("1", "2"):
        out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                             env={**os.environ, "PYTHONHASHSEED": hash_seed}).stdout
        assert out.strip() == str([site_fold(s) for s in sites])
    counts = np.bincount([site_fold(s) for s in sites], minlength=5)
    assert len(counts) == 5 and counts.min() >= 20


def test_out_of_fold_scores_never_come_from_a_model_that_saw_the_page_fold():
    from types import SimpleNamespace

    from sklearn.dummy import DummyClassifier

    from cleanfeed.training import oof_scores, y_names

    pages = [SimpleNamespace(fold=k % 5, blocks=[None] * 3) for k in range(10)]
    folds = np.concatenate([np.full(3, p.fold) for p in pages])
    X = folds.reshape(-1, 1).astype(float)  # each row carries its page's fold
    y = np.zeros(len(X), dtype=int)
    seen: list[set[int]] = []

    def fit(X_fit, y_fit):
        seen.append(set(X_fit[:, 0].astype(int)))
        return DummyClassifier(strategy="prior").fit(X_fit, y_names(y_fit))

    oof_scores(pages, X, y, fit, "test")
    assert seen == [{f for f in range(5) if f != k} for k in range(5)]
