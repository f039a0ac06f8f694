"""Strings one of which every match of a pattern contains: a rule pre-check derived from its pattern.

A rule's ``requires`` lets ``RuleSet`` skip its regular expression on blocks that contain
none of the listed strings, and the compiled pre-check (``_cmatch``) answers that for all
rules in one pass.  Many default rules give no ``requires``: they describe short lines
("Share on Facebook", "Leave a reply"), where the length limit and the first character
already skip most blocks.  Their patterns still name what a match must contain, so this
module reads the strings off the pattern: for ``^(?:share|tweet)\\b`` a match contains
"share" or "tweet", and a block with neither cannot match.

The answer must hold for every match, or a rule would be skipped where it matches, so
everything errs towards no answer (``None``):

* a pattern the standard library's parser cannot read (``\\p{Lu}`` and other ``regex``
  syntax) gets none;
* a sequence needs any one of its parts, an alternation one string of each branch, a
  repeat one of its body's when it repeats at least once, a positive lookaround one of
  its content's (it lies in the block too); anything optional, negative or unknown
  needs nothing;
* rules match case-insensitively and the strings are looked for in the lower-cased
  block, so a string holds only characters whose every case-insensitive match lower-cases
  to the same character: ASCII letters but "k" and "s" (the Kelvin sign and the long s
  match them too), digits and caseless symbols.  Other characters end a string.

``RuleSet`` applies this to the default rules only, as it does ``_first_chars``;
``tests/test_rules.py`` checks that the derived strings never skip a rule that matches.
"""

from __future__ import annotations

import unicodedata

try:  # Python 3.11+
    from re import _constants as _c
    from re import _parser
except ImportError:  # pragma: no cover - Python 3.10
    import sre_constants as _c  # type: ignore[no-redef]
    import sre_parse as _parser  # type: ignore[no-redef]

__all__ = ["required_literals"]

# Alternatives and classes with more strings than this give no answer: the check would
# reject few blocks and cost more than it saves.
_MAX_STRINGS = 64
_MAX_CLASS_CHARS = 16

_Strings = frozenset  # a set of lower-case strings, one of which every match contains
_REPEATS = tuple(getattr(_c, name) for name in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT") if hasattr(_c, name))
_ATOMIC_GROUP = getattr(_c, "ATOMIC_GROUP", None)  # Python 3.11+


def required_literals(pattern: str) -> tuple[str, ...] | None:
    """Lower-case strings one of which every match of ``pattern`` contains (sorted), or
    ``None`` when no such set is known."""
    try:
        items = _parser.parse(pattern).data
    except Exception:  # noqa: BLE001 - not readable by the standard parser: no answer
        return None
    found = _sequence(items)
    return tuple(sorted(found)) if found else None


def _safe(ch: str) -> str | None:
    """``ch`` as it appears in the lower-cased block whenever a case-insensitive match has it
    there, or ``None`` when several characters could stand for it."""
    if ch.isascii():
        low = ch.lower()
        return None if low in "ks" else low
    if unicodedata.category(ch)[0] in "LMN" or ch.lower() != ch or ch.upper() != ch or ch.casefold() != ch:
        return None
    return ch


def _better(a: _Strings | None, b: _Strings | None) -> _Strings | None:
    """The more selective of two answers: longer shortest string, then fewer strings."""
    if not a:
        return b
    if not b:
        return a
    key_a, key_b = (min(map(len, a)), -len(a)), (min(map(len, b)), -len(b))
    return a if key_a >= key_b else b


def _sequence(items: list) -> _Strings | None:
    best: _Strings | None = None
    run: list[str] = []  # consecutive literal characters: one string
    for op, av in items:
        if op is _c.LITERAL:
            ch = _safe(chr(av))
            if ch is not None:
                run.append(ch)
                continue
        if run:
            best = _better(best, frozenset(["".join(run)]))
            run = []
        if op is not _c.LITERAL:
            best = _better(best, _item(op, av))
    if run:
        best = _better(best, frozenset(["".join(run)]))
    return best


def _item(op: object, av: object) -> _Strings | None:
    if op is _c.SUBPATTERN:
        return _sequence(av[-1].data)
    if _ATOMIC_GROUP is not None and op is _ATOMIC_GROUP:
        return _sequence(av.data)
    if op in _REPEATS:
        low, _high, body = av
        return _sequence(body.data) if low >= 1 else None
    if op is _c.ASSERT:  # a positive lookahead or lookbehind: its content lies in the block
        return _sequence(av[1].data)
    if op is _c.BRANCH:
        union: set[str] = set()
        for branch in av[1]:
            found = _sequence(branch.data)
            if not found:
                return None
            union |= found
        return frozenset(union) if len(union) <= _MAX_STRINGS else None
    if op is _c.IN:
        return _class(av)
    return None  # anchors, negative lookarounds, any character, back-references: nothing required


def _class(av: list) -> _Strings | None:
    chars: set[str] = set()
    for op, value in av:
        if op is _c.LITERAL:
            members = [chr(value)]
        elif op is _c.RANGE and value[1] - value[0] < _MAX_CLASS_CHARS:
            members = [chr(code) for code in range(value[0], value[1] + 1)]
        else:  # negation, categories (\d, \w), large ranges
            return None
        for member in members:
            ch = _safe(member)
            if ch is None:
                return None
            chars.add(ch)
    return frozenset(chars) if 0 < len(chars) <= _MAX_CLASS_CHARS else None
