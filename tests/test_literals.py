"""The strings read off a rule's pattern: every match contains one of them."""

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cleanfeed import DEFAULT_RULES, segment
from cleanfeed._literals import required_literals
from cleanfeed.rules import rule_text

ROOT = Path(__file__).parent.parent
CASES = json.loads((ROOT / "tests" / "cases" / "rules.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("pattern, expected", [
    (r"^(?:share|tweet)\b", ("hare", "tweet")),  # "s" also matches the long s: the string starts after it
    (r"\d{1,2}[:.]\d{2}", (".", ":")),
    (r"(?:foo)?bar", ("bar",)),
    (r"(?!foo)bar", ("bar",)),
    (r"^(?=.*\bcomment)(?=.{0,40}$)", ("comment",)),  # a lookahead's content lies in the block
    (r"(?:ab)+c?", ("ab",)),
    (r"Look at THIS", (" at thi",)),  # lower-cased; "k" and "s" end a string
    (r"© \d{4}", ("© ",)),
    (r"kk", None),  # "k" also matches the Kelvin sign
    (r"a*", None),
    (r"foo|\w+", None),  # one branch needs nothing
    (r"[^abc]x", ("x",)),
    (r"\p{Lu}x", None),  # not readable by the standard parser
    (r"(?:é)x", ("x",)),  # a cased non-ASCII letter: several characters lower-case to it
])
def test_required_literals_of_small_patterns(pattern, expected):
    assert required_literals(pattern) == expected


def _derived_rules():
    return [(rule, lits) for rule in DEFAULT_RULES if (lits := required_literals(rule.pattern))]


def _check(rule, lits, text):
    content = rule_text(text)
    if rule._matches_content(content):
        lowered = content.lower()
        assert any(s in lowered for s in lits), (rule.name, text, lits)


def test_the_derived_strings_never_skip_a_rule_on_its_cases_or_the_seeds():
    texts = [b.text for path in sorted((ROOT / "seeds").glob("*.txt")) for b in segment(path.read_text(encoding="utf-8"))]
    texts += [t for case in CASES.values() if isinstance(case, dict) for key in ("match", "no_match") for t in case.get(key, [])]
    rules = _derived_rules()
    assert len(rules) > 20
    matched = 0
    for rule, lits in rules:
        for text in texts:
            _check(rule, lits, text)
            matched += rule._matches_content(rule_text(text))
    assert matched > 50  # the cases do exercise the rules


# Case-insensitive look-alikes the lower-cased block must still reveal, or the strings avoid.
_SWAPS = {"k": "\u212a", "s": "\u017f", "K": "\u212a", "S": "\u017f"}


@settings(max_examples=300, deadline=None)
@given(st.data())
def test_the_derived_strings_hold_on_case_variants_of_matching_text(data):
    rule, lits = data.draw(st.sampled_from(_derived_rules()))
    examples = CASES.get(rule.name, {}).get("match", [])
    if not examples:
        return
    text = data.draw(st.sampled_from(examples))
    flips = data.draw(st.lists(st.sampled_from(["upper", "lower", "swap", "lookalike"]), min_size=len(text), max_size=len(text)))
    varied = "".join(
        ch.upper() if f == "upper" else ch.lower() if f == "lower" else ch.swapcase() if f == "swap" else _SWAPS.get(ch, ch)
        for ch, f in zip(text, flips))
    _check(rule, lits, varied)
