"""The page verdict (cleanfeed/pagekind.py) and keeping only articles (Pipeline, CLI)."""

import json
import pickle
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cleanfeed import PAGE_KINDS, LabelledBlock, LabelledPage, ModelError, Pipeline, label
from cleanfeed.labels import MODEL
from cleanfeed.pagekind import (DEFAULT_MIN_ARTICLE_PROB, FEATURE_NAMES, PAGE_FEATURE_VERSION, PAGE_MODEL_FILE, PageKindModel,
                                drop_reason, load_page_model, page_features, word_vector)

ROOT = Path(__file__).resolve().parent.parent
SECTION_FRONT = (Path(__file__).parent / "pages" / "section_front.txt").read_text(encoding="utf-8")
SEEDS = sorted((ROOT / "seeds").glob("*.txt"))


def _block(i, text, label="body", confidence=0.9):
    return LabelledBlock(index=i, start=0, end=len(text), text=text, label=label, confidence=confidence,
                         reason=MODEL, scores={})


def _feature(blocks, name):
    return page_features(blocks)[FEATURE_NAMES.index(name)]


# --- features ------------------------------------------------------------------------------

def test_teasers_are_counted_as_title_then_summary_pairs():
    summary = "The council approved the budget on Monday after a long debate about road repairs and schools."
    listing = [b for k in range(5) for b in (_block(2 * k, f"Headline number {k} about the town"), _block(2 * k + 1, summary))]
    article = [_block(0, "Council approves the budget")] + [_block(k, summary + " " + summary) for k in range(1, 10)]
    assert _feature(listing, "teaser_pair_share") > 0.4
    assert _feature(article, "teaser_pair_share") < 0.15
    assert _feature(article, "longest_prose_share") > 0.9 > _feature(listing, "longest_prose_share")


def test_label_shares_are_of_characters_and_sum_to_one():
    blocks = [_block(0, "Home", "navigation"), _block(1, "a" * 96, "body")]
    shares = [_feature(blocks, f"{label}_share") for label in ("body", "caption", "navigation", "comment", "spam")]
    assert sum(shares) == pytest.approx(1.0)
    assert _feature(blocks, "body_share") == pytest.approx(0.96)


def test_an_empty_page_has_all_zero_features():
    assert not page_features([]).any()
    assert not page_features([_block(0, "  \n ")]).any()


def test_words_of_scripts_without_spaces_are_counted_two_characters_each():
    # One Chinese paragraph is prose, not a one-word menu item.
    text = "北京市政府周一宣布将在明年扩大公共交通网络并增加新的公交线路以缓解交通拥堵问题。"
    assert _feature([_block(0, text)], "prose_share") == 1.0


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.text(max_size=200), st.sampled_from(["body", "navigation", "comment", "spam", "caption"])),
                max_size=12))
def test_features_are_finite_on_any_text(items):
    x = page_features([_block(i, t, lab) for i, (t, lab) in enumerate(items)])
    assert x.shape == (len(FEATURE_NAMES),) and np.isfinite(x).all()


def test_word_vector_has_unit_length_and_ignores_unknown_words():
    vocabulary = {"price": 0, "said": 1}
    cols, values = word_vector("Price price PRICE, said the vendor", vocabulary, np.array([2.0, 1.0]))
    assert sorted(cols.tolist()) == [0, 1] and np.linalg.norm(values) == pytest.approx(1.0)
    weights = dict(zip(cols.tolist(), values.tolist()))
    assert weights[0] > weights[1]  # three times a rarer word outweighs once a common one
    assert word_vector("nothing known", vocabulary, np.array([2.0, 1.0]))[0].size == 0


# --- the model file ----------------------------------------------------------------------

def _tiny_model():
    k, d = len(PAGE_KINDS), len(FEATURE_NAMES)
    coef = np.zeros((k, d))
    coef[1, FEATURE_NAMES.index("teaser_pair_share")] = 5.0
    return PageKindModel(["cart"], np.array([1.0]), np.array([[0.0], [0.0], [0.0], [9.0], [0.0]]),
                         np.zeros(d), np.ones(d), coef, np.zeros(k), card={"note": "test"})


def test_a_saved_model_loads_with_the_same_probabilities(tmp_path):
    model = _tiny_model()
    model.save(tmp_path / PAGE_MODEL_FILE)
    again = load_page_model(tmp_path)  # a directory finds its file
    X = np.random.default_rng(0).random((3, len(FEATURE_NAMES)))
    texts = ["add to cart", "", "cart cart"]
    assert np.allclose(again.probabilities(X, texts), model.probabilities(X, texts))
    assert again.card == {"note": "test"}
    # The word "cart" moves a page towards product.
    p = model.probabilities(np.zeros((2, len(FEATURE_NAMES))), ["add to cart", "no words here"])
    assert p[0, PAGE_KINDS.index("product")] > 0.9 > p[1, PAGE_KINDS.index("product")]


def _npz(path, **arrays):
    with open(path, "wb") as fh:
        np.savez(fh, **arrays)


def test_a_bad_model_file_is_refused_with_its_reason(tmp_path):
    path = tmp_path / PAGE_MODEL_FILE
    with pytest.raises(ModelError, match="no page-kind model"):
        load_page_model(path)
    path.write_bytes(b"not a model")
    with pytest.raises(ModelError, match="cannot read"):
        load_page_model(path)
    _npz(path, meta=np.array(json.dumps({"feature_version": "0", "features": []})))
    with pytest.raises(ModelError, match="page features version"):
        load_page_model(path)
    _npz(path, meta=np.array("[1, 2]"))
    with pytest.raises(ModelError, match="page features version"):
        load_page_model(path)
    meta = {"feature_version": PAGE_FEATURE_VERSION,
            "features": list(FEATURE_NAMES), "kinds": list(PAGE_KINDS)}
    _npz(path, meta=np.array(json.dumps(meta)))
    with pytest.raises(ModelError, match="has no array"):
        load_page_model(path)


def test_a_model_with_arrays_of_the_wrong_shape_is_refused(tmp_path):
    model = _tiny_model()
    model.word_coef = np.zeros((len(PAGE_KINDS), 3))
    model.save(tmp_path / PAGE_MODEL_FILE)
    with pytest.raises(ModelError, match="do not fit"):
        load_page_model(tmp_path / PAGE_MODEL_FILE)


# --- the shipped model on pages ------------------------------------------------------------

def test_the_shipped_model_reads_a_section_front_as_a_listing():
    verdict = label(SECTION_FRONT).verdict
    assert verdict.kind != "article"
    assert verdict.article_probability < DEFAULT_MIN_ARTICLE_PROB
    assert sum(verdict.probabilities.values()) == pytest.approx(1.0)
    assert set(verdict.probabilities) == set(PAGE_KINDS)


@pytest.mark.parametrize("seed", SEEDS, ids=lambda p: p.name[:3])
def test_the_shipped_model_keeps_every_seed_article(seed):
    page = Pipeline(min_article_prob=DEFAULT_MIN_ARTICLE_PROB).label(seed.read_text(encoding="utf-8"))
    assert page.verdict.kind == "article" and page.dropped is None


def test_bylines_with_a_relative_time_are_navigation_not_comment_headers():
    # Issue 24.4: "By <name> · 2 hours ago" made the teaser after it a comment by the thread pass.
    labelled = label(SECTION_FRONT)
    bylines = [b for b in labelled if b.text.startswith("By ")]
    assert len(bylines) == 3 and all(b.label == "navigation" for b in bylines)
    assert not any(b.label == "comment" for b in labelled)


# --- keeping only articles -----------------------------------------------------------------

def test_clean_returns_nothing_for_a_listing_and_says_why():
    pipeline = Pipeline(min_article_prob=DEFAULT_MIN_ARTICLE_PROB)
    assert Pipeline().clean(SECTION_FRONT)  # without the setting, the teasers come back as "the article"
    assert pipeline.clean(SECTION_FRONT) == ""
    page = pipeline.label(SECTION_FRONT)
    assert page.dropped.startswith("not an article: ") and "article probability" in page.dropped
    assert pipeline.drop_reason(page) == page.dropped
    assert pipeline.clean_labelled(page) == ""
    # clean_many decides without building LabelledBlocks; it must decide the same way.
    seed = SEEDS[0].read_text(encoding="utf-8")
    assert list(pipeline.clean_many([SECTION_FRONT, seed])) == ["", Pipeline().clean(seed)]


def test_the_threshold_decides():
    p = label(SECTION_FRONT).verdict.article_probability
    assert Pipeline(min_article_prob=0.0).clean(SECTION_FRONT)
    assert Pipeline(min_article_prob=min(1.0, p + 1e-6)).clean(SECTION_FRONT) == ""


@pytest.mark.parametrize("settings_, message", [
    ({"min_article_prob": 1.5}, "probability in"),
    ({"min_article_prob": "high"}, "probability in"),
    ({"min_article_prob": True}, "probability in"),
    ({"min_article_prob": 0.5, "model": None}, "needs the page-kind model"),
    ({"min_article_prob": 0.5, "page_model": None}, "needs the page-kind model"),
])
def test_bad_settings_are_refused_before_any_page_is_read(settings_, message):
    with pytest.raises(ValueError, match=message):
        Pipeline(**settings_).load()


def test_without_a_page_model_there_is_no_verdict_and_nothing_is_dropped():
    assert Pipeline(page_model=None).label(SECTION_FRONT).verdict is None
    assert Pipeline(model=None).label(SECTION_FRONT).verdict is None
    assert drop_reason(None, 0.5) is None


def test_a_labelled_page_is_still_a_list_and_keeps_its_verdict_across_processes():
    page = Pipeline(min_article_prob=0.5).label(SECTION_FRONT)
    assert isinstance(page, LabelledPage) and isinstance(page, list)
    assert list(page) == Pipeline().label(SECTION_FRONT)
    again = pickle.loads(pickle.dumps(page))
    assert list(again) == list(page) and again.verdict == page.verdict and again.dropped == page.dropped


def test_a_page_model_path_is_used(tmp_path):
    _tiny_model().save(tmp_path / PAGE_MODEL_FILE)
    verdict = Pipeline(page_model=tmp_path).label("Add to cart. " * 3).verdict
    assert verdict.kind == "product"
    with pytest.raises(ModelError):
        Pipeline(page_model=tmp_path / "missing.json.gz").load()
    with pytest.raises(TypeError, match="page_model"):
        Pipeline(page_model=42).load()
