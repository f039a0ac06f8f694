"""segment(): lossless offsets, and every layout scrapers produce."""

import importlib
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cleanfeed import segment

_WRAPPED = (
    "The council met on Tuesday to discuss the new budget for the coming year, and\n"
    "members agreed that spending on roads would rise by a tenth while the library\n"
    "budget would stay flat.\n"
    "\n"
    "A second paragraph follows here, also wrapped at eighty columns by the tool that\n"
    "flattened the page into text.\n"
)


def test_blank_line_paragraphs():
    blocks = segment("Title\n\nFirst paragraph.\n\n\nSecond paragraph.\n")
    assert [b.text for b in blocks] == ["Title", "First paragraph.", "Second paragraph."]
    assert [b.index for b in blocks] == [0, 1, 2]


def test_one_paragraph_per_line():
    text = "Home\nNews\nThe mayor resigned on Friday after a long inquiry.\nShare"
    assert [b.text for b in segment(text)] == text.split("\n")


def test_hard_wrapped_paragraphs_are_joined():
    blocks = segment(_WRAPPED)
    assert len(blocks) == 2
    assert blocks[0].n_lines == 3 and blocks[0].text.endswith("stay flat.")
    assert blocks[0].text == _WRAPPED[blocks[0].start : blocks[0].end]


_HEADLINES = ("Related stories\n"
              "Mill Street bridge closed to trucks after inspection finds corrosion\n"
              "Residents petition for faster repairs to aging bridges\n"
              "State awards $12 million in grants for local infrastructure")
_URL_WRAP = ("Volunteers planted forty young oaks along the river path on Saturday morning\n"
             "while the city supplied the saplings, the shovels and the mulch and the youth\n"
             "football club brought coffee for everyone who came to help.\n"
             "www.example.org/parks/volunteer-days/2024/river-path-oak-planting-schedule-and-maps.html")


def test_a_list_of_headlines_is_not_joined_where_the_next_word_would_have_fitted():
    """A wrapper breaks a line only when the next word does not fit; headlines one per
    line are shorter than that, so they stay apart (the longest one still reads as wrapped:
    nothing tells it from a wrapped line)."""
    assert [b.n_lines for b in segment(_HEADLINES)] == [1, 2, 1]


def test_a_long_unbroken_word_does_not_widen_the_wrap():
    """A URL on a line of its own is longer than the wrapper's width; the lines around it
    are still judged against the width of lines with spaces in them."""
    assert [b.n_lines for b in segment(_URL_WRAP)] == [3, 1]


def test_a_question_in_arabic_or_chinese_ends_its_line():
    """A comment's text and its action row, no blank line between: the text is as long as a
    wrapped line, but its question mark (Arabic's, or the full-width one of Chinese) ends a
    sentence, as "?" does, so the row is a block of its own."""
    for question in ("هل ستنخفض فواتير المياه في الأحياء الشرقية بعد تشغيل المحطة الجديدة؟",
                     "自习区需要预约吗？希望周末也能开放到晚上，这样上班的人也可以来看书。我们都很期待。你呢？"):
        text = f"سارة\n{question}\nإعجاب 3 · رد"
        assert [b.text for b in segment(text)][-2:] == [question, "إعجاب 3 · رد"]


def test_short_lines_are_not_joined():
    text = "Home\nWorld\nSport\nWeather"
    assert len(segment(text)) == 4


def test_bullets_and_indentation():
    text = "Intro line.\n\n  • first point\n  • second point\n    • nested point\n- dash item\n1. numbered"
    blocks = segment(text)
    assert [b.bullet for b in blocks] == ["", "•", "•", "•", "-", "1."]
    assert [b.depth for b in blocks] == [0, 1, 1, 2, 0, 0]
    assert blocks[1].text == "• first point"


def test_crlf_lone_cr_and_unicode_spaces():
    text = "One\r\n\r\nTwo\rThree\u2029Four\u00a0\u00a0\n\u3000\nFive"
    blocks = segment(text)
    assert [b.text for b in blocks] == ["One", "Two", "Three", "Four", "Five"]
    for b in blocks:
        assert text[b.start : b.end] == b.text


def test_tabs_count_as_indentation():
    (block,) = segment("\t• item")
    assert block.indent == 4 and block.bullet == "•"


def test_blank_before_marks_layout():
    blocks = segment("a\nb\n\nc")
    assert [b.blank_before for b in blocks] == [True, False, True]


def test_empty_and_whitespace_input():
    assert segment("") == []
    assert segment(" \n\t\n\u00a0") == []


def test_very_long_line():
    from cleanfeed.segment import MAX_BLOCK_CHARS

    text = "word " * 200_000
    blocks = segment(text)
    assert blocks[0].start == 0 and blocks[-1].end == len(text.rstrip())
    assert all(0 < len(b.text) <= MAX_BLOCK_CHARS for b in blocks)


def test_rejects_bytes_with_advice():
    try:
        segment(b"bytes")  # type: ignore[arg-type]
    except TypeError as exc:
        assert "decode" in str(exc)
    else:
        raise AssertionError("bytes were accepted")


def test_rejects_other_types_without_the_bytes_advice():
    # Decoding advice for a None (a missing field, most often) would send the user the wrong way.
    with pytest.raises(TypeError) as exc:
        segment(None)  # type: ignore[arg-type]
    assert str(exc.value) == "segment() takes str, not NoneType"


_text = st.text(alphabet=st.characters(codec="utf-8"), max_size=400) | st.lists(
    st.sampled_from(["word", "Word words.", "  • item", "\n", "\n\n", "\r\n", "\r", " ", "\t", "\u00a0", "x" * 85]),
    max_size=60,
).map("".join)


@settings(max_examples=300, deadline=None)
@given(_text)
def test_segmentation_is_lossless(text):
    blocks = segment(text)
    last_end = 0
    for i, b in enumerate(blocks):
        assert b.index == i
        assert b.text == text[b.start : b.end]
        assert b.text == b.text.strip() and b.text
        assert b.start >= last_end
        last_end = b.end
    # Nothing but whitespace is left out between and around blocks.
    covered = set()
    for b in blocks:
        covered.update(range(b.start, b.end))
    assert all(text[i].isspace() or text[i] in "\x1c\x1d\x1e\x1f" for i in range(len(text)) if i not in covered)


@settings(max_examples=300, deadline=None)
@given(_text.filter(lambda t: not any(c in t for c in "\r\x85\u2028\u2029\x0b\x0c")),
       st.sampled_from(["\u2028", "\u2029", "\x85", "\x0b", "\x0c", "\r"]))
def test_every_line_break_cuts_lines_alike(text, other):
    """Text with only "\\n" breaks takes a fast path; any other one-character break, put
    in its place, must give the same blocks at the same offsets."""
    swapped = text.replace("\n", other)
    blocks = segment(text)
    assert [(b.start, b.end, b.indent, b.bullet, b.n_lines, b.blank_before) for b in segment(swapped)] == \
        [(b.start, b.end, b.indent, b.bullet, b.n_lines, b.blank_before) for b in blocks]


def test_an_over_long_run_is_cut_into_bounded_blocks_at_sentence_ends():
    from cleanfeed.segment import MAX_BLOCK_CHARS

    text = "Title\n\n" + "A sentence of words that goes on here. " * 3000 + "\n\nEnd"
    blocks = segment(text)
    assert blocks[0].text == "Title" and blocks[-1].text == "End"
    middle = blocks[1:-1]
    assert len(middle) > 1 and all(len(b.text) <= MAX_BLOCK_CHARS and b.text.endswith(".") for b in middle)
    assert [b.index for b in blocks] == list(range(len(blocks)))
    # Nothing between the pieces but the whitespace they were cut at.
    for a, b in zip(middle, middle[1:]):
        assert text[a.end : b.start].isspace()
    unbroken = "x" * (2 * MAX_BLOCK_CHARS + 5)  # no space to cut at: cut anywhere
    assert [len(b.text) for b in segment(unbroken)] == [MAX_BLOCK_CHARS, MAX_BLOCK_CHARS, 5]


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ab .!\n\t\u00e9\u3002")), max_size=400))
def test_cutting_is_lossless_at_any_limit(monkeypatch_text):
    """With a tiny limit every run is cut: blocks stay within it, in order, and only
    whitespace lies outside them."""
    import sys

    seg = sys.modules["cleanfeed.segment"]  # the package's "segment" is the function
    text = monkeypatch_text
    old = seg.MAX_BLOCK_CHARS
    seg.MAX_BLOCK_CHARS = 7
    try:
        blocks = segment(text)
    finally:
        seg.MAX_BLOCK_CHARS = old
    covered = 0
    for b in blocks:
        assert text[b.start : b.end] == b.text and 0 < len(b.text) <= 7
        assert text[covered : b.start].strip() == ""
        covered = b.end
    assert text[covered:].strip() == ""



# --- the compiled segmentation (cleanfeed/_csegment.c) --------------------------------------

_ROOT = Path(__file__).parent.parent
_EDGE_TEXTS = [
    "", "\n\n", "   \t  ", "a\r\nb\rc\x85d\u2028e\u2029f\x0bg\x0ch",
    "\t  • item one\n\t\t- sub item\n1. x\n12) y\n1234. z\niv. roman\nvvvvv. no\na) letter\n٣. arabic digit\n-5 degrees",
    "x" * 70 + "\n" + "continued here\n" + "y" * 60 + ".\nNew line.\n\n  indented\n  still",
    "\u2003wide space start\u2003\n\x1cfile separator\x1f", "•\n• \n1.\n1. ", "w " * 16000,
    # A wrapped list item: its tail continues only when indented under the item's text.
    "• " + "a" * 60 + " end\nat the item's own indent\n• " + "b" * 60 + " end\n  under the item's text\n",
]


def _compiled_and_python_blocks(compiled_path, text):
    segment_module = importlib.import_module("cleanfeed.segment")  # the package's "segment" is the function
    with compiled_path(segment_module, "_csegment") as module:
        compiled = module.segment(text)
        module.COMPILED = False
        python = module.segment(text)
    return compiled, python


def test_compiled_segmentation_gives_pythons_blocks_on_seeds_pages_and_edge_cases(compiled_path):
    texts = [p.read_text(encoding="utf-8") for p in sorted((_ROOT / "seeds").glob("*.txt"))]
    texts += [p.read_text(encoding="utf-8") for p in sorted((_ROOT / "tests" / "pages").glob("*.txt"))]
    texts += _EDGE_TEXTS
    texts += [_HEADLINES, _URL_WRAP]
    for text in texts:
        compiled, python = _compiled_and_python_blocks(compiled_path, text)
        assert compiled == python, text[:80]


_LINE = st.tuples(
    st.sampled_from(["", " ", "  ", "\t", " \t ", "\u3000"]),
    st.sampled_from(["", "• ", "- ", "1. ", "12) ", "a) ", "iv. ", "* ", "—"]),
    st.text(st.sampled_from("abcXYZ .,!?:\"”’)]é9٣ \t。？！؟中"), max_size=90),
).map("".join)


@settings(max_examples=300, deadline=None)
@given(st.one_of(
    st.text(st.characters(codec=None, exclude_categories=()), max_size=300),
    st.lists(_LINE, max_size=20).flatmap(lambda lines: st.sampled_from(["\n", "\r\n", "\n\n", "\r", "\u2028"]).map(
        lambda sep: sep.join(lines))),
))
def test_compiled_segmentation_gives_pythons_blocks_on_any_text(compiled_path, text):
    compiled, python = _compiled_and_python_blocks(compiled_path, text)
    assert compiled == python
