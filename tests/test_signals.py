"""Per-page quality signals (cleanfeed/signals.py)."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cleanfeed import LABELS, LabelledBlock, Pipeline, page_signals
from cleanfeed.labels import MODEL, UNREADABLE


def _block(i, text, label, confidence, reason=MODEL):
    return LabelledBlock(index=i, start=0, end=len(text), text=text, label=label, confidence=confidence, reason=reason, scores={})


def test_shares_are_of_characters_not_blocks():
    blocks = [_block(0, "Home", "navigation", 1.0), _block(1, "News", "navigation", 1.0),
              _block(2, "  " + "a" * 92 + "\n", "body", 0.5)]
    s = page_signals(blocks)
    assert s.blocks == 3 and s.chars == 100
    assert s.shares["navigation"] == pytest.approx(0.08) and s.body_share == pytest.approx(0.92)
    # Confidence weighted by characters: the long block the model hesitated over dominates.
    assert s.mean_confidence == pytest.approx((8 * 1.0 + 92 * 0.5) / 100)
    assert s.comment_share == 0.0 and s.spam_share == 0.0 and s.unreadable_share == 0.0


def test_unreadable_blocks_are_counted_apart():
    blocks = [_block(0, "x" * 30, "navigation", 1.0, UNREADABLE), _block(1, "y" * 70, "body", 0.9)]
    assert page_signals(blocks).unreadable_share == pytest.approx(0.3)


def test_an_empty_page_has_zero_shares_not_a_division_error():
    s = page_signals([])
    assert s.chars == 0 and set(s.shares) == set(LABELS) and not any(s.shares.values())
    assert page_signals([_block(0, "   ", "navigation", 1.0)]).chars == 0


def test_a_thread_page_reads_as_comments_and_spam():
    page = ("Harbour reopens after repairs\n\nThe harbour reopened on Monday after a week of repairs to the north "
            "wall, the port authority said. Ferries will run to the usual timetable from Tuesday.\n\n"
            "Leave a Reply\n\nJane Miller says:\n\nAbout time, the old wall was a danger to everyone.\n\n"
            "Alice says:\n\nI earn $500 a day working from home, message me on WhatsApp +1 555 0100 to learn how!")
    s = page_signals(Pipeline(model=None).label(page))
    assert s.body_share > 0.3 and s.comment_share > 0.1
    assert s.to_dict()["shares"]["body"] == round(s.body_share, 4)


@settings(max_examples=60, deadline=None)
@given(st.text(max_size=400))
def test_shares_sum_to_one_on_any_text(text):
    s = page_signals(Pipeline(model=None).label(text))
    total = sum(s.shares.values())
    assert total == pytest.approx(1.0) if s.chars else total == 0
    assert all(0.0 <= v <= 1.0 for v in s.shares.values()) and 0.0 <= s.mean_confidence <= 1.0
