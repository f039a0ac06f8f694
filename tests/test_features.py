"""Features: the fast character counts agree with ``str``, and the columns line up with their names."""

import numpy as np
from hypothesis import given
from hypothesis import strategies as st

from cleanfeed import RuleSet, segment
from cleanfeed.features import FEATURE_NAMES, STACK_NAMES, _char_counts, page_features, rule_hits, stack_features
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
