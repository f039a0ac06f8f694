"""Fuzzy alignment of rendered blocks to gold text (main content, comments, captions).

Gold text and rendered text never agree character for character: whitespace, quotes,
entities and the odd dropped link differ.  So both sides are normalised (NFKC, case
folded, words only) and compared as word 3-gram shingles: a block belongs to the gold text
when most of its shingles occur there.  Blocks of one or two words ("Football") have no
3-grams; they align only when they equal a whole gold line, because a word like "Home"
occurs in every article and would otherwise be counted as body.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable

import regex

_WORD = regex.compile(r"[\p{L}\p{N}]+")
SHINGLE = 3
#: Share of a block's shingles that must occur in the gold text.
MIN_OVERLAP = 0.5


def words(text: str) -> list[str]:
    return _WORD.findall(unicodedata.normalize("NFKC", text).casefold())


def _shingles(tokens: list[str]) -> set[tuple[str, ...]]:
    return {tuple(tokens[i : i + SHINGLE]) for i in range(len(tokens) - SHINGLE + 1)}


class GoldText:
    """One gold text (possibly several strings), ready to be aligned against."""

    def __init__(self, texts: Iterable[str]) -> None:
        self.shingles: set[tuple[str, ...]] = set()
        self.lines: set[tuple[str, ...]] = set()
        for text in texts:
            if not text:
                continue
            for line in text.splitlines():
                tokens = words(line)
                if tokens:
                    self.lines.add(tuple(tokens))
            self.shingles |= _shingles(words(text))

    def __bool__(self) -> bool:
        return bool(self.shingles or self.lines)

    def overlap(self, text: str) -> float:
        """Share of ``text`` found in the gold text (0..1)."""
        tokens = words(text)
        if not tokens:
            return 0.0
        if len(tokens) < SHINGLE:
            return 1.0 if tuple(tokens) in self.lines else 0.0
        sh = _shingles(tokens)
        return sum(s in self.shingles for s in sh) / len(sh)

    def matches(self, text: str, min_overlap: float = MIN_OVERLAP) -> bool:
        return self.overlap(text) >= min_overlap
