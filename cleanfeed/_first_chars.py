"""Which characters a match of an anchored pattern can start with.

Most default rules describe a whole short line and are anchored at its start ("Reply",
"Share on Facebook", "Leave a comment"); on a typical short block a dozen of them are
tried and fail on the first character, each through its own Python call.  Knowing the
characters a rule's match can start with, ``RuleSet`` tries only the rules whose set
holds the block's first character.

The answer must be a superset of the truth, or a rule would be skipped where it
matches, so everything here errs towards "any character" (``None``): a pattern the
standard library's parser cannot read (``\\p{Lu}`` and other ``regex`` syntax), one that
is not anchored or can match the empty string, and any construct not handled below.
Case is always folded (both cases of every character, plus their case folds), whatever
the pattern's flags.  ``RuleSet`` applies this to the default rules only: they are
written in the syntax both engines read alike, and ``tests/test_rules.py`` checks that
the sets never skip a rule that matches.
"""

from __future__ import annotations

try:  # Python 3.11+
    from re import _constants as _c
    from re import _parser
except ImportError:  # pragma: no cover - Python 3.10
    import sre_constants as _c  # type: ignore[no-redef]
    import sre_parse as _parser  # type: ignore[no-redef]

__all__ = ["first_chars"]

# Character ranges larger than this are not listed out: "any character" instead.
_MAX_RANGE = 256

# ``RuleSet`` uses the answer only for blocks that start with an ASCII character (any
# other first character tries every rule), so a class needs only its ASCII members: the
# same in both engines.  White space takes the union of theirs (``re`` adds \x1c-\x1f).
_ASCII_MEMBERS = {
    _c.CATEGORY_DIGIT: "0123456789",
    _c.CATEGORY_WORD: "0123456789_abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ",
    _c.CATEGORY_SPACE: " \t\n\r\x0b\x0c\x1c\x1d\x1e\x1f",
}


class _Any(Exception):
    """Raised inside the walk when a match could start with any character."""


def first_chars(pattern: str) -> frozenset[str] | None:
    """The ASCII characters, lower-cased, a match of ``pattern`` can start with, plus
    whichever others its literals name; ``None`` if any character can start one, or if
    the pattern can match somewhere other than the start.  Only the answer for an ASCII
    first character is meaningful (see ``_ASCII_MEMBERS``)."""
    try:
        items = _parser.parse(pattern).data
    except Exception:  # noqa: BLE001 - not readable by the standard parser: no answer
        return None
    if not _anchored(items):
        return None
    try:
        chars, nullable = _first(items)
    except _Any:
        return None
    if nullable:  # it can match an empty prefix, so any block
        return None
    return frozenset(variant.lower() for char in chars for variant in _case_variants(char))


def _anchored(items: list) -> bool:
    if not items:
        return False
    op, av = items[0]
    if op is _c.AT:
        return av is _c.AT_BEGINNING
    if op is _c.BRANCH:
        return all(_anchored(alt.data) for alt in av[1])
    if op is _c.SUBPATTERN:
        return _anchored(av[-1].data)
    if op is getattr(_c, "ATOMIC_GROUP", None):
        return _anchored(av.data)
    return False


def _first(items: list) -> tuple[set[str], bool]:
    """First characters of a sequence, and whether the sequence can match nothing."""
    chars: set[str] = set()
    for op, av in items:
        item_chars, nullable = _first_of(op, av)
        chars |= item_chars
        if not nullable:
            return chars, False
    return chars, True


def _first_of(op: object, av: object) -> tuple[set[str], bool]:
    if op is _c.AT or op in (_c.ASSERT, _c.ASSERT_NOT):
        return set(), True  # zero-width: ignoring its condition only widens the answer
    if op is _c.LITERAL:
        return {chr(av)}, False
    if op is _c.IN:
        return _set_chars(av), False
    if op is _c.BRANCH:
        chars: set[str] = set()
        nullable = False
        for alt in av[1]:
            alt_chars, alt_nullable = _first(alt.data)
            chars |= alt_chars
            nullable = nullable or alt_nullable
        return chars, nullable
    if op is _c.SUBPATTERN:
        return _first(av[-1].data)
    if op is getattr(_c, "ATOMIC_GROUP", None):
        return _first(av.data)
    if op in (_c.MAX_REPEAT, _c.MIN_REPEAT, getattr(_c, "POSSESSIVE_REPEAT", None)):
        low, _high, sub = av
        chars, nullable = _first(sub.data)
        return chars, nullable or low == 0
    raise _Any  # ANY, NOT_LITERAL, categories, backreferences, conditionals: anything


def _set_chars(members: list) -> set[str]:
    chars: set[str] = set()
    for op, av in members:
        if op is _c.LITERAL:
            chars.add(chr(av))
        elif op is _c.RANGE and av[1] - av[0] <= _MAX_RANGE:
            chars.update(chr(code) for code in range(av[0], av[1] + 1))
        elif op is _c.CATEGORY and av in _ASCII_MEMBERS:
            chars.update(_ASCII_MEMBERS[av])
        else:  # NEGATE, other categories, a huge range
            raise _Any
    return chars


def _case_variants(char: str) -> set[str]:
    """``char`` and the characters a case-insensitive match may pair it with (the long s
    folds to "s", the Kelvin sign lower-cases to "k")."""
    return {c for c in (char, char.lower(), char.upper(), char.casefold()) if len(c) == 1}
