"""Per-page quality signals, computed from a page's labelled blocks.

A corpus builder keeps or drops whole pages, and the block labels already say what a page
is made of: how much of its text is article, how much readers' comments or spam, how much
could not be read, and how sure the labels were.  These are shares of *characters*, not
of blocks, because a page of forty one-word menu items and one long article is an
article page.  Confidence is the labels' own probability, weighted the same way, so a long
block the model hesitated over weighs more than a "Share" button it was sure of.

Nothing here changes a label or the cleaned text; it reads them.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from .decide import LabelledBlock
from .labels import LABELS, ReasonKind

__all__ = ["PageSignals", "page_signals"]


@dataclass(frozen=True)
class PageSignals:
    """What a page's labelled blocks add up to.

    ``shares`` maps every label to the share of the page's block characters it holds (they
    sum to 1 on a page with text, and are all 0 on an empty one); ``mean_confidence`` is the
    character-weighted mean of the blocks' confidences; ``unreadable_share`` the share of
    characters in blocks of binary data (reason ``unreadable``).
    """

    blocks: int
    chars: int
    shares: dict[str, float] = field(default_factory=dict)
    mean_confidence: float = 0.0
    unreadable_share: float = 0.0

    @property
    def body_share(self) -> float:
        return self.shares.get("body", 0.0)

    @property
    def comment_share(self) -> float:
        return self.shares.get("comment", 0.0)

    @property
    def spam_share(self) -> float:
        return self.shares.get("spam", 0.0)

    def to_dict(self) -> dict[str, object]:
        return {
            "blocks": self.blocks,
            "chars": self.chars,
            "shares": {label: round(share, 4) for label, share in self.shares.items()},
            "mean_confidence": round(self.mean_confidence, 4),
            "unreadable_share": round(self.unreadable_share, 4),
        }


def page_signals(blocks: Sequence[LabelledBlock]) -> PageSignals:
    """The quality signals of one page, from ``label(text)`` (or ``Pipeline.label``)."""
    per_label = dict.fromkeys(LABELS, 0)
    weighted_confidence = 0.0
    unreadable = 0
    for block in blocks:
        # Characters of the block's text without its surrounding whitespace: indentation
        # and trailing spaces are not content.
        n = len(block.text.strip())
        per_label[block.label] += n
        weighted_confidence += n * block.confidence
        if block.reason.kind is ReasonKind.UNREADABLE:
            unreadable += n
    total = sum(per_label.values())
    if total == 0:
        return PageSignals(blocks=len(blocks), chars=0, shares={label: 0.0 for label in LABELS})
    return PageSignals(
        blocks=len(blocks),
        chars=total,
        shares={label: per_label[label] / total for label in LABELS},
        mean_confidence=weighted_confidence / total,
        unreadable_share=unreadable / total,
    )
