"""Per-block features with page context: the one place both training and prediction use.

The model sees three kinds of evidence for each block (the order of the columns is
``FEATURE_NAMES``, versioned by ``FEATURE_VERSION``):

* the block itself: length, word shape, punctuation, list layout (what jusText calls
  length and stop-word density, plus the cues scrapers leave: bullets and indentation);
* what the rules said: one column per default rule, and per-label counts of all active
  hard and soft hits, so user-added rules still reach the model;
* context: the same cues and the text model's scores for the neighbouring blocks, the
  block's position in the page, and what came before it (a comment header above means a
  thread; a "Related" heading above means teasers).  Boilerplate comes in runs, which is
  why a block's neighbours say as much about it as its own words.

``stack_features`` adds the columns of the second, stacked tree pass (``STACK_NAMES``):
the first pass's scores of the block and its neighbours.

Changing a column of either changes ``FEATURE_VERSION``; a model trained on another
version is refused at load time rather than fed misaligned numbers.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import regex

from .labels import LABELS
from .rules import DEFAULT_RULES, MEMO_MAX_CHARS, MEMO_MAX_ENTRIES, RuleSet
from .segment import Block

try:
    from . import _cfeatures
except ImportError:  # installed without a C compiler: the Python code below
    _cfeatures = None

__all__ = ["FEATURE_VERSION", "FEATURE_NAMES", "RULES_WITHOUT_COLUMN", "STACK_NAMES", "page_features", "stack_features", "rule_hits"]

FEATURE_VERSION = "8"
#: Whether the per-block text features are computed in C (``cleanfeed._cfeatures``).
COMPILED = _cfeatures is not None

# Characters that continue a word (letters, marks, apostrophes); digits join words too.
_WORD_PART = r"\p{L}\p{M}'’"
_WORD = regex.compile(rf"[{_WORD_PART}\p{{N}}]+")
_SENTENCE_END = regex.compile(r"[.!?…][\"'”’)\]]*(?:\s|$)")
_FIRST_PERSON = frozenset("i me my mine we us our i'm i’m im i've i’ve you your you're you’re u lol".split())
_FUNCTION_WORDS = frozenset(
    "the a an of to in and or is are was were be been it that this for on with as at by from "
    "has have had not but he she they his her their its which who said will would can could "
    "der die das und ist ein eine zu den von mit le la les et est un une de des el los y en".split()
)

_OWN = [
    "log_chars", "log_words", "mean_word_len", "upper_ratio", "digit_ratio", "punct_ratio",
    "nonword_ratio", "ends_sentence", "ends_colon", "ends_question", "starts_upper",
    "title_ratio", "log_sentences", "function_word_ratio", "first_person_ratio",
    "exclaim", "has_pipe", "has_at", "has_currency", "is_bullet", "depth", "log_lines",
    "blank_before", "short", "all_caps", "has_quote",
]
_POSITION = ["rel_pos", "rel_pos_from_end", "log_index", "log_index_from_end", "log_n_blocks",
             "chars_before_ratio", "depth_delta"]
_CONTEXT_CUES = ["log_chars", "ends_sentence", "is_bullet", "depth", "short", "title_ratio"]
_HIT_GROUPS = [f"{strength}_{label}" for strength in ("hard", "soft") for label in LABELS]
# Neighbours contribute their hard-rule groups only (one per label).
_NEIGHBOUR_GROUPS = [g for g in _HIT_GROUPS if g.startswith("hard_")]
_NEIGHBOUR_GROUP_COLS = [_HIT_GROUPS.index(g) for g in _NEIGHBOUR_GROUPS]
_BODY = LABELS.index("body")
#: Default rules newer than feature set FEATURE_VERSION. They decide where they are hard and
#: count in their hit group, as a user's rule does, but get a column of their own only when a
#: model is trained that reads it (this set is emptied and the version moves then): a column
#: more would make every model of this version unloadable, so no rule could ship between
#: trainings.
RULES_WITHOUT_COLUMN: frozenset[str] = frozenset({"spam_prize_claim", "spam_fake_shop", "comment_bare_time",
                                                  "spam_earnings_testimonial", "spam_loan_offer",
                                                  "nav_consent_button", "comment_action_row"})
# Marker rules feed no column and no hit group: they only locate things for a context pass.
_DEFAULT_RULE_NAMES = [rule.name for rule in DEFAULT_RULES
                       if rule.name not in RULES_WITHOUT_COLUMN and rule.strength != "marker"]
_DEFAULT_RULE_BY_NAME = {rule.name: rule for rule in DEFAULT_RULES}
_OFFSETS = (-2, -1, 1, 2)
# Layout cues averaged over a few and over many neighbours: a run of short, unpunctuated
# lines is a menu or teaser list; a run of long sentences is an article or a thread.
_WINDOW_CUES = ["log_chars", "ends_sentence", "short", "is_bullet", "title_ratio"]
_LAYOUT_WINDOWS = (3, 8)
# A "strong" body block: long, and the text model thinks it is body.  Article text sits
# between the first and last of them; boilerplate lies outside or far from them.
_STRONG_MIN_CHARS = 120
_STRONG_MIN_SCORE = 0.5
_WINDOW = 3  # blocks either side for the windowed text scores
_CUE_COLS = [_OWN.index(c) for c in _CONTEXT_CUES]
_LAYOUT_COLS = [_OWN.index(c) for c in _WINDOW_CUES]


def _names() -> list[str]:
    names = list(_OWN) + list(_POSITION)
    names += [f"rule:{n}" for n in _DEFAULT_RULE_NAMES]
    names += [f"hits:{g}" for g in _HIT_GROUPS]
    names += [f"text:{label}" for label in LABELS]
    for off in _OFFSETS:
        names += [f"n{off:+d}:{c}" for c in _CONTEXT_CUES]
        names += [f"n{off:+d}:hits:{g}" for g in _NEIGHBOUR_GROUPS]
        names += [f"n{off:+d}:text:{label}" for label in LABELS]
        names += [f"n{off:+d}:comment_header", f"n{off:+d}:exists"]
    names += [f"window:text:{label}" for label in LABELS]
    names += ["comment_header_above", "log_since_comment_header", "section_header_above",
              "log_since_section_header", "page_body_text_ratio", "after_body_text_ratio"]
    names += [f"window{half}:{c}" for half in _LAYOUT_WINDOWS for c in _WINDOW_CUES]
    names += ["log_shape_repeats", "log_since_strong_body", "log_until_strong_body", "inside_body_span",
              "strong_body_chars_near"]
    return names


#: Column names of the matrix ``page_features`` returns.
FEATURE_NAMES: tuple[str, ...] = tuple(_names())

# The second, stacked pass sees what the first pass concluded about the neighbours.  The
# first pass only knew the neighbours' words and layout; a block between two comments
# the trees are sure of is a comment, whatever its own words say (stacked sequential
# learning, Cohen and Carvalho 2005).
_STACK_OFFSETS = (-3, -2, -1, 1, 2, 3)
_STACK_WINDOWS = (2, 6)
#: Columns ``stack_features`` adds to ``FEATURE_NAMES``.
STACK_NAMES: tuple[str, ...] = tuple(
    [f"first:{label}" for label in LABELS]
    + [f"first{off:+d}:{label}" for off in _STACK_OFFSETS for label in LABELS]
    + [f"first_window{half}:{label}" for half in _STACK_WINDOWS for label in LABELS]
    + [f"first_page:{label}" for label in LABELS]
    + ["first_body_above", "first_body_below", "first_comment_above"]
)


# Character classes of ASCII, for counting with bytes.translate (one C pass per class)
# instead of a Python-level call per character; they agree with str.isalpha, isupper,
# isdigit and isspace on every ASCII character.
_ASCII_ALPHA = bytes(range(65, 91)) + bytes(range(97, 123))
_ASCII_UPPER = bytes(range(65, 91))
_ASCII_DIGIT = b"0123456789"
_ASCII_SPACE = b" \t\n\r\x0b\x0c\x1c\x1d\x1e\x1f"
_NON_ASCII = re.compile(r"[^\x00-\x7f]")
_CURRENCY = re.compile("[$£€¥]")
_QUOTE = re.compile("[\"“”«»„]")


def _char_counts(text: str) -> tuple[int, int, int, int, int]:
    """Letters, upper-case letters, digits, alphanumerics and white space in ``text``, as ``str`` counts them.

    Alphanumerics are counted apart because ``str.isalnum`` also takes numerals that are
    not digits ("½", "Ⅻ").
    """
    raw = text.encode("ascii", "ignore")
    n = len(raw)
    alpha = n - len(raw.translate(None, _ASCII_ALPHA))
    upper = n - len(raw.translate(None, _ASCII_UPPER))
    digits = n - len(raw.translate(None, _ASCII_DIGIT))
    space = n - len(raw.translate(None, _ASCII_SPACE))
    alnum = alpha + digits
    if n != len(text):  # the few non-ASCII characters ("’", "é", "\u2028") one by one
        rest = _NON_ASCII.findall(text)
        alpha += sum(map(str.isalpha, rest))
        upper += sum(map(str.isupper, rest))
        digits += sum(map(str.isdigit, rest))
        space += sum(map(str.isspace, rest))
        alnum += sum(map(str.isalnum, rest))
    return alpha, upper, digits, alnum, space


def _own_features(block: Block) -> list[float]:
    text = block.text
    n = len(text)
    words = _WORD.findall(text)
    n_words = len(words)
    alpha, upper, digits, alnum, space = _char_counts(text)
    letters = alpha or 1
    spaces = text.count(" ")
    punct = n - alnum - space
    lowered = list(map(str.lower, words))
    stripped = text.rstrip()
    last = stripped[-1:] if stripped else ""
    content = text[len(block.bullet):].lstrip() if block.bullet else text
    first = content[:1]
    sentences = len(_SENTENCE_END.findall(text))
    return [
        math.log1p(n),
        math.log1p(n_words),
        (sum(map(len, words)) / n_words) if n_words else 0.0,
        upper / letters,
        digits / max(n, 1),
        punct / max(n, 1),
        (n - letters - digits - spaces) / max(n, 1),
        float(last in '.!?"”’)…'),
        float(last == ":"),
        float(last == "?"),
        float(first.isupper()),
        (sum(map(str.isupper, [w[0] for w in words])) / n_words) if n_words else 0.0,
        math.log1p(sentences),
        (sum(map(_FUNCTION_WORDS.__contains__, lowered)) / n_words) if n_words else 0.0,
        (sum(map(_FIRST_PERSON.__contains__, lowered)) / n_words) if n_words else 0.0,
        float(text.count("!") > 0),
        float("|" in text),
        float("@" in text),
        float(_CURRENCY.search(text) is not None),
        float(bool(block.bullet)),
        float(min(block.depth, 8)),
        math.log1p(block.n_lines),
        float(block.blank_before),
        float(n_words <= 3),
        float(letters > 3 and upper / letters > 0.8),
        float(_QUOTE.search(text) is not None),
    ]


_OWN_MEMO: dict[tuple, list[float]] = {}  # limits: rules.MEMO_MAX_CHARS / MEMO_MAX_ENTRIES


def _own_features_memo(block: Block) -> list[float]:
    """``_own_features``, remembered for short blocks, which repeat across a site's pages."""
    if len(block.text) > MEMO_MAX_CHARS:
        return _own_features(block)
    key = (block.text, block.indent, block.bullet, block.n_lines, block.blank_before)
    found = _OWN_MEMO.get(key)
    if found is None:
        if len(_OWN_MEMO) >= MEMO_MAX_ENTRIES:
            _OWN_MEMO.clear()
        found = _OWN_MEMO[key] = _own_features(block)
    return found


# The classes the C code reads, one bit each, as the `regex` patterns above define them
# (``_cfeatures.c`` names the same bits).  `regex` follows a newer Unicode than Python's
# own database, so the table is built from `regex` itself.
_CLASS_BITS = ((1, f"[{_WORD_PART}]"), (2, r"\p{N}"), (4, r"\s"), (8, r"\p{L}"), (16, r"\p{Lu}"), (32, r"[\p{Ll}\p{Lo}]"))
_CLASS_TABLE: list[bytes] = []


def _class_table() -> bytes:
    """One byte of ``_CLASS_BITS`` per code point of the Basic Multilingual Plane (built
    once, in about 20 ms; texts with characters beyond it go through the Python code)."""
    if not _CLASS_TABLE:
        plane = "".join(map(chr, range(0x10000)))
        table = np.zeros(0x10000, dtype=np.uint8)
        for bit, pattern in _CLASS_BITS:
            for run in regex.finditer(f"(?:{pattern})+", plane):
                table[run.start() : run.end()] |= bit
        _CLASS_TABLE.append(table.tobytes())
    return _CLASS_TABLE[0]


def _own_and_shapes(blocks: Sequence[Block], compiled: bool | None = None) -> tuple[np.ndarray, list[str]]:
    """The ``_OWN`` columns and the ``_shape`` of every block of a page: in C where
    ``_cfeatures`` was built (the same values), else one block at a time in Python."""
    if compiled is None:
        compiled = COMPILED
    if not compiled:
        return (np.array([_own_features_memo(b) for b in blocks], dtype=np.float64).reshape(len(blocks), len(_OWN)),
                [_shape(b.text) for b in blocks])
    own = np.zeros((len(blocks), len(_OWN)), dtype=np.float64)
    shapes, left = _cfeatures.page_own(blocks, _class_table(), _FUNCTION_WORDS, _FIRST_PERSON, own)
    for i in left:  # texts with characters beyond the Basic Multilingual Plane
        own[i] = _own_features(blocks[i])
        shapes[i] = _shape(blocks[i].text)
    return own, shapes


def rule_hits(blocks: Sequence[Block], rules: RuleSet) -> np.ndarray:
    """Boolean matrix, one row per block, one column per rule of ``rules`` in order."""
    if not blocks:
        return np.zeros((0, len(rules)), dtype=bool)
    # One conversion of all rows: assigning each block's tuple to a row cost 3 µs a block.
    hits = rules.hits
    return np.array([hits(block.text) for block in blocks], dtype=bool).reshape(len(blocks), len(rules))


@dataclass(frozen=True)
class _RuleColumns:
    """How the rules of a rule set map onto the feature columns (``_rule_columns``)."""

    default_rule: np.ndarray  # for each default-rule column, the rule that fills it (-1: none)
    header_rules: np.ndarray  # which rules are comment headers
    section_rules: np.ndarray  # which rules are section headers
    members: tuple[tuple[int, np.ndarray], ...]  # each non-empty hit group and its rules

    def hit_groups(self, hits: np.ndarray) -> np.ndarray:
        """Per block, how many active rules of each group (label, hard or soft) matched.

        Counted with integer column sums, not a matrix product: numpy hands float matrix
        products to a threaded BLAS, whose threads cost more than these small products on
        every page (the feature stage ran 2.4 times as long with them on a busy machine).
        """
        counts = np.zeros((hits.shape[0], len(_HIT_GROUPS)), dtype=np.float64)
        for g, members in self.members:
            counts[:, g] = np.count_nonzero(hits[:, members], axis=1)
        return counts

    def default_hits(self, hits: np.ndarray) -> np.ndarray:
        """Per block, the hit of each default rule (0 where the set lacks it or replaced it)."""
        out = np.zeros((hits.shape[0], len(self.default_rule)), dtype=np.float64)
        present = self.default_rule >= 0
        out[:, present] = hits[:, self.default_rule[present]]
        return out


def _rule_columns(rules: RuleSet) -> _RuleColumns:
    """How each rule of ``rules`` maps onto the feature columns, worked out once per rule set:
    its hit group (per-label hard/soft counts over every active rule, defaults and user
    rules alike), the default-rule column it fills (a user rule that replaces a default
    under its name is not that default), and whether it is a comment or section header."""
    rule_list = list(rules)
    label_index = {label: i for i, label in enumerate(LABELS)}
    group = np.zeros(len(rule_list), dtype=np.intp)
    default_rule = np.full(len(_DEFAULT_RULE_NAMES), -1, dtype=np.intp)
    default_pos = {name: i for i, name in enumerate(_DEFAULT_RULE_NAMES)}
    header_rules = np.zeros(len(rule_list), dtype=bool)
    section_rules = np.zeros(len(rule_list), dtype=bool)
    for j, rule in enumerate(rule_list):
        if rule.strength == "marker":
            group[j] = -1
        else:
            group[j] = (0 if rule.strength == "hard" else len(LABELS)) + label_index[rule.label]
        if rule.name in default_pos and rule == _DEFAULT_RULE_BY_NAME[rule.name]:
            default_rule[default_pos[rule.name]] = j
        header_rules[j] = rule.kind == "comment_header"
        section_rules[j] = rule.kind == "section_header"
    members = tuple((int(g), np.flatnonzero(group == g)) for g in np.unique(group) if g >= 0)
    return _RuleColumns(default_rule, header_rules, section_rules, members)


def page_features(
    blocks: Sequence[Block],
    hits: np.ndarray,
    rules: RuleSet,
    text_scores: np.ndarray,
) -> np.ndarray:
    """The feature matrix (``len(blocks)`` x ``len(FEATURE_NAMES)``) of one page.

    ``hits`` is ``rule_hits(blocks, rules)``; ``text_scores`` the text model's per-label
    probabilities for the same blocks.
    """
    n = len(blocks)
    if n == 0:
        return np.zeros((0, len(FEATURE_NAMES)), dtype=np.float32)
    own, shapes = _own_and_shapes(blocks)
    # The columns are written into one float32 matrix in FEATURE_NAMES order; each value is
    # computed in float64 and rounded once, on the way in, as a float64 matrix cast to
    # float32 would round it.
    out = np.empty((n, len(FEATURE_NAMES)), dtype=np.float32)
    col = 0

    def put(values: np.ndarray) -> None:
        nonlocal col
        width = 1 if values.ndim == 1 else values.shape[1]
        out[:, col : col + width] = values if values.ndim == 2 else values[:, None]
        col += width

    columns = rules.derived("rule_columns", _rule_columns)
    header_rules, section_rules = columns.header_rules, columns.section_rules
    hit_groups = columns.hit_groups(hits)
    is_header = hits[:, header_rules].any(axis=1) if header_rules.any() else np.zeros(n, dtype=bool)
    is_section = hits[:, section_rules].any(axis=1) if section_rules.any() else np.zeros(n, dtype=bool)

    index = np.arange(n, dtype=np.float64)
    lengths = np.fromiter((b.end - b.start for b in blocks), dtype=np.float64, count=n)
    total = lengths.sum() or 1.0
    depth = np.fromiter((b.depth for b in blocks), dtype=np.float64, count=n)
    put(own)
    put(index / max(n - 1, 1))
    put((n - 1 - index) / max(n - 1, 1))
    put(np.log1p(index))
    put(np.log1p(n - 1 - index))
    put(np.full(n, math.log1p(n)))
    put((np.cumsum(lengths) - lengths) / total)
    put(depth - np.concatenate([[0.0], depth[:-1]]))
    put(columns.default_hits(hits))
    put(hit_groups)
    put(text_scores)

    # Each neighbour's cues, hard-rule groups, text scores, header flag and existence,
    # shifted into place; rows whose neighbour lies outside the page stay zero.
    per_block = np.column_stack([own[:, _CUE_COLS], hit_groups[:, _NEIGHBOUR_GROUP_COLS], text_scores,
                                 is_header.astype(np.float64), np.ones(n)])
    width = per_block.shape[1]
    for off in _OFFSETS:
        _shift_into(out[:, col : col + width], per_block, off)
        col += width

    # Mean text scores over a +-3 window: runs of boilerplate and of body.
    put(_window_mean(text_scores.astype(np.float64), _WINDOW))

    header_above = np.concatenate([[0.0], np.cumsum(is_header)[:-1]])
    section_above = np.concatenate([[0.0], np.cumsum(is_section)[:-1]])
    bodyish = text_scores[:, _BODY] * lengths
    body_total = bodyish.sum() or 1.0
    put(np.log1p(header_above))
    put(np.log1p(_blocks_since(is_header)))
    put(np.log1p(section_above))
    put(np.log1p(_blocks_since(is_section)))
    put(np.full(n, bodyish.sum() / total))
    put((bodyish[::-1].cumsum()[::-1] - bodyish) / body_total)
    for half in _LAYOUT_WINDOWS:
        put(_window_mean(own[:, _LAYOUT_COLS], half))

    strong = (text_scores[:, _BODY] >= _STRONG_MIN_SCORE) & (lengths >= _STRONG_MIN_CHARS)
    if strong.any():
        first, last = np.flatnonzero(strong)[[0, -1]]
        inside = ((index >= first) & (index <= last)).astype(np.float64)
    else:
        inside = np.zeros(n)
    shape_counts = Counter(shapes)
    put(np.log1p(np.fromiter((shape_counts[sh] - 1 for sh in shapes), dtype=np.float64, count=n)))
    put(np.log1p(_blocks_since(strong)))
    put(np.log1p(_blocks_since(strong[::-1])[::-1]))
    put(inside)
    put(np.log1p(_window_mean((lengths * strong)[:, None], 5).ravel()))
    assert col == out.shape[1]
    return out


_SHAPE_TOKEN = regex.compile(rf"\p{{Lu}}[{_WORD_PART}]*|[\p{{Ll}}\p{{Lo}}][{_WORD_PART}]*|\p{{N}}+|[^\s\p{{L}}\p{{N}}]")
_MAX_SHAPE_CHARS = 150


def _shape(text: str) -> str:
    """A coarse token shape ("C C — C D, D, D:D a") of a short block, "" for long ones.

    Comment headers, teaser lists and menu items repeat one shape many times on a page;
    article paragraphs almost never share one.
    """
    if len(text) > _MAX_SHAPE_CHARS:
        return ""
    out: list[str] = []
    for tok in _SHAPE_TOKEN.findall(text)[:12]:
        ch = tok[0]
        cls = "C" if ch.isupper() else "a" if ch.isalpha() else "D" if ch.isdigit() else ch
        if out and cls == out[-1] and cls in "Ca":
            continue
        out.append(cls)
    return " ".join(out)


def _shift_into(dest: np.ndarray, x: np.ndarray, off: int) -> np.ndarray:
    """``dest`` (rows like ``x``) filled with row ``i + off`` of ``x`` in row ``i``, and zeros
    where that row lies past the page's edges; slices, which on a short page cost less than
    the clipped index arrays they replaced."""
    n = len(x)
    dest[:] = 0.0
    if 0 < off < n:
        dest[: n - off] = x[off:]
    elif 0 < -off < n:
        dest[-off:] = x[: n + off]
    return dest


def _window_mean(x: np.ndarray, half: int) -> np.ndarray:
    """Row-wise mean of ``x`` over ``[i - half, i + half]``, clipped at the page edges."""
    n = len(x)
    csum = np.zeros((n + 1, x.shape[1]))
    np.cumsum(x, axis=0, out=csum[1:])
    index = np.arange(n)
    # np.maximum and np.minimum rather than np.clip, which costs more than the rest on a short page.
    lo = np.maximum(index - half, 0)
    hi = np.minimum(index + half + 1, n)
    return (csum[hi] - csum[lo]) / (hi - lo)[:, None]


def _blocks_since(flags: np.ndarray) -> np.ndarray:
    """For each block, blocks since the last flagged one above it (large if none)."""
    n = len(flags)
    index = np.arange(n)
    # The last flagged block at or above each block; shifted one down, the last one above it.
    last = np.maximum.accumulate(np.where(flags, index, -1)) if n else index
    above = np.concatenate([[-1], last[:-1]]) if n else index
    return np.where(above < 0, 1000.0, (index - above).astype(np.float64))


def stack_features(features: np.ndarray, first: np.ndarray, lengths: np.ndarray) -> np.ndarray:
    """``features`` (one page's ``page_features``) with the first pass's scores in context.

    ``first`` is the first pass's per-label probabilities for the page's blocks and
    ``lengths`` their lengths in characters.  Adds the block's own scores, its
    neighbours' (``_STACK_OFFSETS``), means over windows, the page's length-weighted mean,
    and how much of the article the first pass found above and below the block.
    """
    n = len(first)
    if n == 0:
        return np.zeros((0, len(FEATURE_NAMES) + len(STACK_NAMES)), dtype=np.float32)
    first = first.astype(np.float64)
    parts = [first]
    for off in _STACK_OFFSETS:  # the neighbour's scores
        parts.append(_shift_into(np.empty_like(first), first, off))
    parts += [_window_mean(first, half) for half in _STACK_WINDOWS]
    weights = lengths.astype(np.float64)
    total = weights.sum() or 1.0
    parts.append(np.tile(weights @ first / total, (n, 1)))
    body_chars = first[:, _BODY] * weights
    comment = first[:, LABELS.index("comment")]
    above = np.cumsum(body_chars) - body_chars
    parts.append(np.column_stack([
        above / total,
        (body_chars.sum() - above - body_chars) / total,
        np.log1p(np.cumsum(comment) - comment),
    ]))
    return np.hstack([features, *parts]).astype(np.float32)
