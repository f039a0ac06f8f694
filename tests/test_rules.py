"""The rule layer: every default rule against its cases, rule files, and bounded matching."""

import json
import pickle
import time
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cleanfeed import DEFAULT_RULES, Rule, RuleError, RuleSet
from cleanfeed.labels import LABELS
from cleanfeed.rules import STRENGTHS

CASES = json.loads((Path(__file__).parent / "cases" / "rules.json").read_text(encoding="utf-8"))
SEEDS = Path(__file__).parent.parent / "seeds"


def test_every_default_rule_has_cases():
    assert sorted(r.name for r in DEFAULT_RULES) == sorted(k for k in CASES if not k.startswith("_"))


@pytest.mark.parametrize("rule", DEFAULT_RULES, ids=lambda r: r.name)
def test_rule_cases(rule):
    cases = CASES[rule.name]
    assert cases["match"], "each rule needs at least one positive case"
    for text in cases["match"]:
        assert rule.matches(text), f"{rule.name} should match {text!r}"
    for text in cases["no_match"]:
        assert not rule.matches(text), f"{rule.name} should not match {text!r}"


@pytest.mark.parametrize("rule", DEFAULT_RULES, ids=lambda r: r.name)
def test_rules_are_data(rule):
    assert rule.label in LABELS
    assert rule.strength in STRENGTHS and (rule.strength != "marker" or rule.kind)
    assert rule.why.endswith(".") and len(rule.why) < 120


def test_prefilters_never_change_results():
    """max_chars/requires only skip the regex where it cannot match."""
    from cleanfeed.rules import rule_text

    rules = RuleSet()
    texts = [t for c in CASES.values() if isinstance(c, dict) for t in c["match"] + c["no_match"]]
    texts += [line for p in SEEDS.glob("*.txt") for line in p.read_text(encoding="utf-8").splitlines() if line.strip()]
    for text in texts:
        raw = tuple(r._matches_content(rule_text(text)) for r in rules)
        assert rules.hits(text) == raw, text


_CASE_TEXTS = sorted({t for c in CASES.values() if isinstance(c, dict) for t in c["match"] + c["no_match"]})


@settings(max_examples=300, deadline=None)
@given(st.sampled_from(_CASE_TEXTS), st.text(max_size=40), st.text(alphabet=" abcxyz.,:/$©", max_size=400),
       st.sampled_from(["", "• ", "  - ", "* "]))
def test_rule_set_answers_as_each_rule_alone(case, noise, padding, marker):
    """RuleSet.hits (length plans, generated pre-checks, memo) says what Rule.matches says.

    Rule texts with noise and padding of every length cross the max_chars limits, where
    the set skips rules wholesale; a fresh set each time so the memo is not what answers.
    """
    rules = RuleSet()
    for text in (case, marker + case, case + noise, noise + case, case + padding, marker + padding + case):
        assert rules.hits(text) == tuple(r.matches(text) for r in rules), text


def test_literal_prechecks_match_plain_substring_tests():
    from cleanfeed.rules import _contains_any

    literals = ("it's", 'say "hi"', "back\\slash", "ü€", "{x}", "\n")
    test = _contains_any(literals)
    for text in ("it's here", 'they say "hi"', "a back\\slash", "grüß ü€", "{x}", "\\n", "\n", "nothing", ""):
        assert test(text) == any(lit in text for lit in literals), text


def test_rules_survive_pickling():
    """Worker processes (--jobs, Spark) receive rule sets; caches are rebuilt there."""
    rules = RuleSet().with_rules(Rule(name="my_rule", label="spam", pattern=r"buy now", why="Sales pitch.",
                                      requires=("buy",)))
    before = rules.hits("Share on Facebook"), rules.hits("Buy now at a discount")
    copy = pickle.loads(pickle.dumps(rules))
    assert copy == rules and copy.names == rules.names
    assert (copy.hits("Share on Facebook"), copy.hits("Buy now at a discount")) == before
    assert copy["my_rule"].matches("BUY NOW") and not copy["my_rule"].matches("sell later")


def test_no_rule_names_a_string_found_only_in_a_seed():
    """A rule's literal words must not come from one seed page (no hard-coded answers)."""
    import regex

    seed_texts = [p.read_text(encoding="utf-8") for p in SEEDS.glob("*.txt")]
    for rule in DEFAULT_RULES:
        # Literal runs of 3+ words in the pattern.
        for literal in regex.findall(r"[A-Za-z][A-Za-z' ]{14,}[A-Za-z]", rule.pattern):
            in_seeds = [t for t in seed_texts if literal.lower() in t.lower()]
            in_cases = [t for c in CASES.values() if isinstance(c, dict) for t in c["match"] if literal.lower() in t.lower()]
            assert not (len(in_seeds) == 1 and not in_cases), f"{rule.name} names {literal!r}, found in only one seed"


# Long runs of the characters rules care about: a pattern that backtracks
# catastrophically takes seconds on these; a linear one, microseconds.
_ADVERSARIAL = [
    "a" * 20000,
    "A " * 10000,
    "a." * 10000,
    "$1 " * 5000,
    "/ " * 8000 + "x",
    "Aa Bb " * 4000 + "says",
    "http://" * 3000,
    " " * 20000 + "!",
    "work from home " * 2000,
    "click this " * 2000,
    "CITY, " * 5000 + "X",
    "Name Name Name Name " * 2000 + "/",
    "(" * 10000,
    "1/" * 10000,
]


@pytest.mark.parametrize("rule", DEFAULT_RULES, ids=lambda r: r.name)
def test_no_catastrophic_backtracking(rule):
    for text in _ADVERSARIAL:
        start = time.perf_counter()
        rule._matches_content(text)  # default rules run without a time limit
        elapsed = time.perf_counter() - start
        assert elapsed < 0.5, f"{rule.name} took {elapsed:.2f}s on {text[:20]!r}..."


def test_slow_user_rule_times_out_instead_of_hanging():
    rule = Rule(name="evil", label="spam", pattern=r"^(a+)+$", why="Catastrophic on purpose.")
    start = time.perf_counter()
    assert not rule.matches("a" * 40 + "b")
    assert time.perf_counter() - start < 2.0


def test_disable_and_add():
    rules = RuleSet().without("nav_font_size")
    assert "nav_font_size" not in rules
    extra = Rule(name="nav_podcast", label="navigation", pattern=r"^listen to (?:the|this) podcast", why="Audio player prompt.", strength="hard")
    rules = rules.with_rules(extra)
    assert rules["nav_podcast"].matches("Listen to the podcast")
    with pytest.raises(RuleError, match="unknown rule"):
        RuleSet().without("no_such_rule")


def test_rule_validation():
    with pytest.raises(RuleError, match="label"):
        Rule(name="x", label="junk", pattern="a", why="Why.")
    with pytest.raises(RuleError, match="bad pattern"):
        Rule(name="x", label="spam", pattern="(", why="Why.")
    with pytest.raises(RuleError, match="unique"):
        RuleSet([DEFAULT_RULES[0], DEFAULT_RULES[0]])


def test_rule_file_toml_and_json(tmp_path):
    toml = tmp_path / "rules.toml"
    toml.write_text(
        'disable = ["nav_font_size"]\n[[rules]]\nname = "nav_podcast"\nlabel = "navigation"\n'
        "pattern = '^listen to (the|this) podcast'\nwhy = \"Audio player prompt.\"\n",
        encoding="utf-8",
    )
    rules = RuleSet.from_file(toml)
    assert "nav_font_size" not in rules and rules["nav_podcast"].strength == "hard"
    js = tmp_path / "rules.json"
    js.write_text(json.dumps({"rules": [{"name": "spam_casino", "label": "spam", "pattern": "online casino", "why": "Gambling ads.", "strength": "soft"}]}))
    assert RuleSet.from_file(js)["spam_casino"].strength == "soft"


@pytest.mark.parametrize(
    "content, message",
    [
        ("{", "not valid JSON"),
        ('{"rules": [{"name": "a"}]}', "lacks"),
        ('{"rulez": []}', "unknown key"),
        ('{"disable": ["nope"]}', "unknown rule"),
        ('{"rules": [{"name": "a", "label": "body", "pattern": "x", "why": "Y.", "colour": 1}]}', "unknown key"),
    ],
)
def test_bad_rule_files(tmp_path, content, message):
    path = tmp_path / "rules.json"
    path.write_text(content)
    with pytest.raises(RuleError, match=message):
        RuleSet.from_file(path)


def test_missing_rule_file(tmp_path):
    with pytest.raises(RuleError, match="cannot read"):
        RuleSet.from_file(tmp_path / "absent.toml")


@pytest.mark.parametrize("pattern, expected", [
    (r"^(?:abc|Def)\b", set("ad")),
    (r"^\d+ items?$", set("0123456789")),
    (r"^(?:x\s+)?y", set("xy")),
    (r"^[a-c]\w*", set("abc")),
    (r"^(?=foo)bar", {"b"}),
    (r"^(?-i:K)ey", {"k"}),  # case is folded whatever the flags say: a superset is safe
    (r"^ab|^cd", set("ac")),
    (r"abc", None),  # not anchored: may match anywhere
    (r"^a|b", None),  # one alternative not anchored
    (r"^a?", None),  # can match the empty string, so any block
    (r"^.x", None),
    (r"^[^a]", None),
    (r"^\p{Lu}", None),  # regex syntax the standard parser cannot read
    (r"^(a)\1", {"a"}),
])
def test_first_chars(pattern, expected):
    from cleanfeed._first_chars import first_chars

    assert first_chars(pattern) == (None if expected is None else frozenset(expected))


def test_first_chars_never_skip_a_default_rule_that_matches():
    """Every positive case of an anchored default rule starts with a character its set holds."""
    from cleanfeed._first_chars import first_chars
    from cleanfeed.rules import rule_text

    checked = 0
    for rule in DEFAULT_RULES:
        starts = first_chars(rule.pattern)
        if starts is None:
            continue
        for text in CASES[rule.name]["match"]:
            first = rule_text(text)[:1]
            if first.isascii():
                assert first.lower() in starts, (rule.name, text)
                checked += 1
    assert checked >= 40  # most chrome rules are anchored and have cases


def test_a_user_rule_that_times_out_warns_once():
    """Issue 21.10: the time limit used to skip a rule without a word."""
    import warnings

    from cleanfeed.rules import RuleWarning

    rule = Rule(name="user_backtracking", label="navigation", pattern=r"(a|aa)+$", why="Catastrophic on purpose.",
                strength="hard", timeout=0.01)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        assert rule.matches("a" * 28 + "!") is False
        assert rule.matches("a" * 29 + "!") is False
    timed_out = [w for w in caught if issubclass(w.category, RuleWarning)]
    assert len(timed_out) == 1 and "'user_backtracking' hit its time limit" in str(timed_out[0].message)


def test_with_rules_takes_rules_or_lists_of_rules():
    a = Rule(name="my_a", label="navigation", pattern="^aaa$", why="A.", strength="hard")
    b = Rule(name="my_b", label="spam", pattern="^bbb$", why="B.", strength="hard")
    base = RuleSet()
    assert base.with_rules([a, b]) == base.with_rules(a, b) == base.with_rules(a, [b]) == base.with_rules((r for r in (a, b)))
    assert base.with_rules([a, b]).names[-2:] == ("my_a", "my_b")
    with pytest.raises(RuleError, match="holds Rule objects"):
        base.with_rules(["not a rule"])


def test_ruleset_help_is_short():
    """Issue 21.13: a default argument holding every rule made help(RuleSet) 55 KB."""
    import pydoc

    assert len(pydoc.render_doc(RuleSet, renderer=pydoc.plaintext)) < 10_000
    assert RuleSet() == RuleSet.default() and len(RuleSet()) == len(DEFAULT_RULES)


# --- the compiled pre-checks (cleanfeed/_cmatch.c) --------------------------------------------

_ROOT = Path(__file__).parent.parent


@pytest.fixture(scope="module")
def cmatch(c_extension):
    return c_extension("_cmatch")


def _compiled_and_python_hits(compiled_path, rules, texts):
    from cleanfeed import rules as rule_module

    with compiled_path(rule_module, "_cmatch") as module:
        compiled = [RuleSet(rules)._hits(t) for t in texts]
        module.COMPILED = False
        python = [RuleSet(rules)._hits(t) for t in texts]
    return compiled, python


def test_compiled_pre_checks_give_the_same_hits_on_cases_and_seeds(compiled_path):
    from cleanfeed import segment

    cases = json.loads((_ROOT / "tests" / "cases" / "rules.json").read_text(encoding="utf-8"))
    texts = [t for case in cases.values() if isinstance(case, dict) for key in ("match", "no_match") for t in case.get(key, [])]
    texts += [b.text for path in sorted((_ROOT / "seeds").glob("*.txt")) for b in segment(path.read_text(encoding="utf-8"))]
    compiled, python = _compiled_and_python_hits(compiled_path, DEFAULT_RULES, texts)
    assert sum(map(any, python)) > 50  # the cases do hit rules
    assert compiled == python


_LITERALS = st.text(st.sampled_from("abc ©»İi̇é日€"), min_size=1, max_size=4)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.lists(_LITERALS, max_size=5), min_size=1, max_size=8),
       st.text(st.sampled_from("abcABC ©»İi̇é日€x\n"), max_size=40))
def test_the_automaton_finds_exactly_the_groups_with_a_substring_in_the_text(cmatch, groups, text):
    found = cmatch.present(cmatch.build(groups), text)
    assert list(found) == [int(any(word in text for word in group)) for group in groups]


@settings(max_examples=150, deadline=None)
@given(st.text(st.characters(codec=None, exclude_categories=()), max_size=200))
def test_compiled_pre_checks_give_the_same_hits_on_any_text(compiled_path, text):
    compiled, python = _compiled_and_python_hits(compiled_path, None, [text])
    assert compiled == python


def test_a_user_rules_requires_are_checked_by_the_automaton_too(compiled_path):
    rule = Rule(name="promo_code", label="spam", pattern=r"code \w+", why="test", requires=("PROMO", "»"))
    texts = ["Use promo code SAVE10", "use code SAVE10", "» code X", "PrOmO: code Y"]
    compiled, python = _compiled_and_python_hits(compiled_path, [*DEFAULT_RULES, rule], texts)
    assert compiled == python
    assert [hits[-1] for hits in compiled] == [True, False, True, True]


@settings(max_examples=200, deadline=None)
@given(st.text(st.sampled_from("•-*–— \t\nxA"), max_size=12) | st.text(max_size=20))
def test_strip_marker_skips_the_regex_only_where_it_could_not_match(text):
    from cleanfeed.rules import _LEADING_MARKER, strip_marker

    assert strip_marker(text) == _LEADING_MARKER.sub("", text, count=1)


def test_rules_read_a_wrapped_paragraph_as_one_line():
    """A scraper's fixed-width wrap is a space to the rules: the messenger scam matches
    whether or not the wrap falls between its verb and its messenger, and a rule set and
    a rule alone agree on it."""
    from cleanfeed.rules import rule_text

    flat = "Thanks to Mr Moore I recovered my lost funds. Reach him via email or WhatsApp +53 143 837 143"
    wrapped = "Thanks to Mr Moore I recovered my lost funds. Reach him via email\nor WhatsApp +53 143 837 143"
    assert rule_text("• " + wrapped) == flat and len(rule_text(wrapped)) == len(wrapped)
    rules = RuleSet()
    messenger = next(r for r in rules if r.name == "spam_contact_messenger")
    assert messenger.matches(flat) and messenger.matches(wrapped)
    assert rules.hits(wrapped) == rules.hits(flat)
    # "^share$" still wants the whole block: two lines of chrome are not one share button.
    share = next(r for r in rules if r.name == "nav_share")
    assert share.matches("Share") and not share.matches("Share\nthis story about the new bridge over the river with friends")


def test_a_marker_rule_needs_a_kind():
    with pytest.raises(RuleError, match="kind"):
        Rule("heading_marker", "navigation", r"^see also$", "Marks a heading.", strength="marker")
    Rule("heading_marker", "navigation", r"^see also$", "Marks a heading.", strength="marker", kind="other_articles")
