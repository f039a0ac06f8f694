"""Features: the fast character counts agree with ``str``, and the columns line up with their names."""

import json
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cleanfeed import DEFAULT_RULES, Rule, RuleSet, features, segment
from cleanfeed.features import (FEATURE_NAMES, STACK_NAMES, _char_counts, _own_and_shapes, page_features, rule_hits,
                                stack_features)
from cleanfeed.segment import Block
from cleanfeed.labels import LABELS


@given(st.text())
def test_char_counts_agree_with_str_methods(text):
    expected = (
        sum(map(str.isalpha, text)),
        sum(map(str.isupper, text)),
        sum(map(str.isdigit, text)),
        sum(map(str.isalnum, text)),
        sum(map(str.isspace, text)),
    )
    assert _char_counts(text) == expected


def test_char_counts_on_tricky_characters():
    # "½" and "Ⅻ" are alphanumeric but neither letters nor digits ("Ⅻ" is upper case);
    # title-case "ǅ" is a letter but not upper case; "\x1c" is white space to str.
    assert _char_counts("½Ⅻ ǅ\x1c’A1") == (2, 2, 1, 5, 2)


PAGE = "Home | News\n\nThe council met on Tuesday and agreed the budget after a long debate.\n\nJane says:\n\nGreat news!\n"


def test_page_features_have_one_column_per_name():
    blocks = segment(PAGE)
    rules = RuleSet()
    text = np.full((len(blocks), len(LABELS)), 0.2, dtype=np.float32)
    X = page_features(blocks, rule_hits(blocks, rules), rules, text)
    assert X.shape == (len(blocks), len(FEATURE_NAMES))
    assert np.isfinite(X).all()
    col = FEATURE_NAMES.index("rule:comment_says_header")
    assert X[:, col].tolist() == [0.0, 0.0, 1.0, 0.0]


def test_a_rule_newer_than_the_feature_set_has_no_column_but_counts_in_its_group():
    """A default rule in RULES_WITHOUT_COLUMN decides and reaches the model through its hit
    group, so it ships without making the shipped model unloadable."""
    name = "spam_prize_claim"
    assert name in features.RULES_WITHOUT_COLUMN and f"rule:{name}" not in FEATURE_NAMES
    assert all(f"rule:{r.name}" in FEATURE_NAMES for r in RuleSet()
               if r.name not in features.RULES_WITHOUT_COLUMN and r.strength != "marker")
    # A marker never gets a column, trained or not.
    assert all(f"rule:{r.name}" not in FEATURE_NAMES for r in RuleSet() if r.strength == "marker")
    rules = RuleSet()
    blocks = segment("Congratulations, you have won an iPhone! Claim it at www.prize-now.com today.")
    hits = rule_hits(blocks, rules)
    assert hits[0, rules.names.index(name)]
    row = page_features(blocks, hits, rules, np.zeros((1, len(LABELS))))[0]
    assert row[FEATURE_NAMES.index("hits:hard_spam")] >= 1


def test_stack_features_carry_the_neighbours_first_pass_scores():
    n = 4
    first = np.eye(n, len(LABELS), dtype=np.float32)  # body, caption, navigation, comment
    base = np.zeros((n, len(FEATURE_NAMES)), dtype=np.float32)
    X = stack_features(base, first, np.full(n, 100.0))
    assert X.shape == (n, len(FEATURE_NAMES) + len(STACK_NAMES))
    names = FEATURE_NAMES + STACK_NAMES
    # Off the page edge there is no neighbour: zeros, not the edge block's scores.
    assert X[:, names.index("first-1:comment")].tolist() == [0.0, 0.0, 0.0, 0.0]
    assert X[:, names.index("first-1:caption")].tolist() == [0.0, 0.0, 1.0, 0.0]
    assert X[:, names.index("first+1:body")].tolist() == [0.0, 0.0, 0.0, 0.0]
    assert X[:, names.index("first+1:caption")].tolist() == [1.0, 0.0, 0.0, 0.0]
    assert X[:, names.index("first_body_below")].tolist()[0] == 0.0
    assert stack_features(base[:0], first[:0], np.zeros(0)).shape == (0, len(names))


# --- the compiled per-block features (cleanfeed/_cfeatures.c) -------------------------------

_ROOT = Path(__file__).parent.parent
_PAGES = sorted((_ROOT / "seeds").glob("*.txt")) + sorted((_ROOT / "tests" / "pages").glob("*.txt"))
# What the C code has to agree with Python on: full lower-casing of function words
# ("THE", "İ", the Kelvin sign), curly apostrophes, sentence ends with closers and without
# a space after them, bullets, blank texts (which "end a sentence" in Python), marks and
# title-case letters in shapes, and characters beyond the Basic Multilingual Plane (left
# to Python).
_EDGE_TEXTS = [
    "", "   ", "THE cat AND The dog", "İ i̇ \u212aey K", "I’m sure you’re right, I'm told.", "He said “no.” Then left",
    "Done.) Next!\" x", "a.b.c", "Wait…\u2028next", "ǅemal ǈ Ⅻ x² ½", "e\u0301te\u0301 क्षि 日本語。", "😀 emoji word",
    "𝔘𝔫𝔦 code", "\u0085x.\u0085y", "$5 £3 ¥9 €1 | @me !", "«quote» „low“", "ALL CAPS HEADLINE HERE", "_snake_ 42 4.2",
    "x" * 200 + ".", "Q? ", "\ud800 lone",
]


@pytest.fixture
def compiled_features(compiled_path):
    with compiled_path(features, "_cfeatures"):
        yield


def _same_own(blocks):
    own_c, shapes_c = _own_and_shapes(blocks, compiled=True)
    own_py, shapes_py = _own_and_shapes(blocks, compiled=False)
    for i, block in enumerate(blocks):
        assert np.array_equal(own_c[i], own_py[i]), (block.text, [(features._OWN[j], own_c[i, j], own_py[i, j])
                                                               for j in np.flatnonzero(own_c[i] != own_py[i])])
        assert shapes_c[i] == shapes_py[i], block.text


def test_compiled_features_equal_pythons_on_seeds_test_pages_and_rule_cases(compiled_features):
    blocks = [b for path in _PAGES for b in segment(path.read_text(encoding="utf-8"))]
    cases = json.loads((_ROOT / "tests" / "cases" / "rules.json").read_text(encoding="utf-8"))
    texts = [t for case in cases.values() if isinstance(case, dict) for key in ("match", "no_match") for t in case.get(key, [])]
    blocks += [b for t in texts for b in segment(t)]
    assert len(blocks) > 300
    _same_own(blocks)


@pytest.mark.parametrize("bullet", ["", "- ", "• "])
def test_compiled_features_equal_pythons_on_edge_cases(compiled_features, bullet):
    blocks = [Block(i, 0, len(bullet + t), bullet + t, indent=2 * i % 9, bullet=bullet, n_lines=1 + i % 3,
                    blank_before=bool(i % 2)) for i, t in enumerate(_EDGE_TEXTS)]
    _same_own(blocks)


@settings(max_examples=300, deadline=None)
@given(st.text(st.characters(codec=None, exclude_categories=()), max_size=300))
def test_compiled_features_equal_pythons_on_any_text(compiled_path, text):
    with compiled_path(features, "_cfeatures"):
        _same_own(segment(text) + [Block(0, 0, len(text), text, bullet=text[:1])])


def test_page_features_are_the_same_with_and_without_the_compiled_features(compiled_path):
    rules = RuleSet.default()
    for path in _PAGES:
        blocks = segment(path.read_text(encoding="utf-8"))
        hits = rule_hits(blocks, rules)
        scores = np.random.default_rng(0).dirichlet(np.ones(len(LABELS)), size=len(blocks))
        with compiled_path(features, "_cfeatures") as module:
            with_c = page_features(blocks, hits, rules, scores)
            module.COMPILED = False
            without = page_features(blocks, hits, rules, scores)
        assert np.array_equal(with_c, without), path.name


@given(st.lists(st.booleans(), max_size=40))
def test_blocks_since_counts_from_the_last_flagged_block_above(flags):
    from cleanfeed.features import _blocks_since

    out = _blocks_since(np.array(flags, dtype=bool))
    last = None
    for i, flag in enumerate(flags):
        assert out[i] == (1000.0 if last is None else i - last)
        if flag:
            last = i


def test_a_marker_rule_feeds_no_hit_group():
    """A marker only locates something for a context pass: the feature matrix is the same
    with it as without it, even where it matches a block another rule already counts."""
    marker = Rule("teaser_heading_marker", "navigation", r"^related stories$", "Marks a heading.",
                  strength="marker", kind="other_articles")
    with_marker = RuleSet([*DEFAULT_RULES, marker])
    blocks = segment("A paragraph of the article, long enough to read as one.\n\nRelated stories\n\nA teaser title")
    scores = np.full((len(blocks), len(LABELS)), 0.2, dtype=np.float32)
    plain = page_features(blocks, rule_hits(blocks, RuleSet(DEFAULT_RULES)), RuleSet(DEFAULT_RULES), scores)
    marked = page_features(blocks, rule_hits(blocks, with_marker), with_marker, scores)
    assert rule_hits(blocks, with_marker)[1, -1]  # it matched the heading
    np.testing.assert_array_equal(plain, marked)
