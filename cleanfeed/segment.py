"""Split flattened page text into blocks without losing a character.

A block is a paragraph-like unit (``docs/labels.md``): usually one non-empty line.  Every
block keeps ``start``/``end`` offsets into the *original* string, so ``text[start:end]``
is the block exactly as the user gave it, minus surrounding whitespace.  Nothing here
normalises the text: labels are decided on blocks, output is cut from the input.

Scrapers flatten HTML in a few habitual ways, and all of them are handled:

* a blank line between paragraphs (``html2text``, the seed pages);
* one paragraph per line, no blank lines (``lxml`` ``text_content`` joins, html-text);
* paragraphs hard-wrapped at a fixed width (``lynx -dump``, ``w3m``, e-mail style); the
  wrapped lines of one paragraph are joined back into one block;
* list items as indented bullets (``  • item``, ``* item``, ``1. item``); the indentation
  and the marker are kept on the block, because nesting depth is a strong layout cue.
"""

from __future__ import annotations

import re
import struct
from dataclasses import dataclass

try:
    from . import _csegment
except ImportError:  # installed without a C compiler: the Python code below
    _csegment = None

__all__ = ["Block", "segment"]

#: Whether lines are scanned and joined in C (``cleanfeed._csegment``); the blocks are the same.
COMPILED = _csegment is not None

# Every line break a scraper may emit: CRLF first so it counts as one break, then lone
# CR (old Mac exports), LF, NEL, and the Unicode line/paragraph separators.
_BREAKS_BUT_LF = r"\r\x85\u2028\u2029\x0b\x0c"
_LINE_BREAK = re.compile(rf"\r\n|[\n{_BREAKS_BUT_LF}]")
# Text with none of these breaks lines with "\n" alone and can be cut with str.split.
_OTHER_BREAK = re.compile(rf"[{_BREAKS_BUT_LF}]")

# A list marker at the start of a line.  Bullet glyphs that scrapers use for <li>, or a
# short ordinal ("1.", "iv)", "a)").  Followed by whitespace, so "-5 degrees" is no bullet.
_BULLET_GLYPHS = "•◦▪▫‣⁃∙·○●■□➢►▶*+-–—"
_BULLET = re.compile(rf"(?:[{re.escape(_BULLET_GLYPHS)}]|\d{{1,3}}[.)]|[a-zA-Z][.)]|[ivxIVX]{{1,4}}[.)])(?=\s)")

# Hard-wrap detection.  Fixed-width wrappers emit lines no longer than the width and,
# except for the paragraph's last line, rarely much shorter: the wrapper only breaks when
# the next word would not fit, and words are short.  Widths outside this range are not
# wrapping (menus are short lines, one-paragraph-per-line text has long ones).
_MIN_WRAP_WIDTH = 40
_MAX_WRAP_WIDTH = 100
# How much shorter than the group's width a wrapped (non-final) line may be.
_WRAP_SLACK = 20
# A line ending in one of these ends its sentence (where the next line starts with a capital,
# or a letter of a script without capitals, it is a new paragraph): the Latin marks, and
# the full stops, question and exclamation marks and closing brackets of Chinese and
# Japanese, the Arabic question mark and the Devanagari full stop.
_SENTENCE_END = (".", "!", "?", ":", '"', "”", "’", ")", "]", "。", "！", "？", "」", "』", "）", "؟", "।")
_TAB_WIDTH = 4

#: The longest block, in characters.  A longer run of text (a whole article on one line, a
#: data dump) is cut into blocks of at most this size, at a sentence end if there is one
#: in the second half, else at a space, else anywhere: unbounded blocks made the
#: per-block work, and its memory, grow with the whole input.  It lies above the longest
#: block of the training corpus (25,002 characters; the next is 14,833), so no block the
#: model learnt from is cut: with 20,000 that one block was cut, and the retrained fold-0
#: twin moved by 0.009 body token F1 on fold 0, as a change of seed moves it.
MAX_BLOCK_CHARS = 30_000
_SENTENCE_CUT = re.compile(r"[.!?…。！？][\"'”’)\]]*\s")
_SPACE = re.compile(r"\s")


@dataclass(frozen=True, slots=True)
class Block:
    """One block of the input: its text and where it sits in the original string.

    ``text`` equals ``source[start:end]`` for the ``source`` it was cut from, so joined
    hard-wrapped lines keep their original line breaks.  ``indent`` is the leading
    whitespace width in columns (tabs count 4), ``bullet`` the list marker that opens the
    block (``""`` if none), and ``blank_before`` whether a blank line (or the start of
    the text) precedes it, which tells blank-line layouts from one-per-line layouts.
    """

    index: int
    start: int
    end: int
    text: str
    indent: int = 0
    bullet: str = ""
    n_lines: int = 1
    blank_before: bool = True

    @property
    def depth(self) -> int:
        """List nesting depth: scrapers indent two spaces a level."""
        return self.indent // 2


@dataclass(slots=True)
class _Line:
    start: int  # offset of the first non-space character
    end: int  # offset just past the last non-space character
    indent: int
    bullet: str
    blank_before: bool


def _raw_lines(text: str) -> tuple[list[str], list[int]]:
    """``text`` cut at every line break: the lines and the offset each starts at."""
    if _OTHER_BREAK.search(text) is None:
        # Nearly all input breaks lines with "\n" alone; str.split is several times faster
        # than a match object per break, and each line starts one past the previous end.
        raws = text.split("\n")
        starts = [0] * len(raws)
        pos = 0
        for i, raw in enumerate(raws):
            starts[i] = pos
            pos += len(raw) + 1
        return raws, starts
    raws, starts = [], []
    pos = 0
    for brk in _LINE_BREAK.finditer(text):
        raws.append(text[pos : brk.start()])
        starts.append(pos)
        pos = brk.end()
    raws.append(text[pos:])
    starts.append(pos)
    return raws, starts


def _lines(text: str) -> list[_Line]:
    """Non-empty lines with offsets of their stripped content."""
    lines: list[_Line] = []
    blank_before = True
    for raw, pos in zip(*_raw_lines(text)):
        stripped_left = raw.lstrip()
        if stripped_left:
            lead = len(raw) - len(stripped_left)
            content = stripped_left.rstrip()
            start = pos + lead
            m = _BULLET.match(content)
            lines.append(
                _Line(
                    start=start,
                    end=start + len(content),
                    indent=len(raw[:lead].expandtabs(_TAB_WIDTH)) if "\t" in raw[:lead] else lead,
                    bullet=m.group(0) if m else "",
                    blank_before=blank_before,
                )
            )
            blank_before = False
        else:
            blank_before = True
    return lines


def _paragraph_groups(lines: list[_Line]) -> list[list[_Line]]:
    """Runs of lines with no blank line between them."""
    groups: list[list[_Line]] = []
    for line in lines:
        if line.blank_before or not groups:
            groups.append([line])
        else:
            groups[-1].append(line)
    return groups


def _is_continuation(text: str, prev: _Line, line: _Line, width: int, fit_width: int) -> bool:
    """Whether ``line`` is the wrapped tail of the paragraph ``prev`` belongs to.

    ``width`` is the group's longest line; ``fit_width`` its longest line with a space
    inside, the wrapper's width (a URL or other unbreakable word may stand alone on a
    longer line)."""
    if not _MIN_WRAP_WIDTH <= width <= _MAX_WRAP_WIDTH:
        return False
    if line.bullet:
        return False
    prev_len = prev.end - prev.start + prev.indent
    if prev_len < width - _WRAP_SLACK:
        return False
    # And it breaks there only because the next word did not fit: where that word would
    # have fitted within the width, the break is the writer's, as in a list of headlines
    # of similar length under "Related stories", one per line.
    word_end = line.start
    while word_end < line.end and not text[word_end].isspace():
        word_end += 1
    if prev_len + (word_end - line.start) < fit_width:
        return False
    # A wrapped bullet item continues under its text; a plain paragraph at its own indent.
    if prev.bullet and line.indent <= prev.indent:
        return False
    if not prev.bullet and line.indent != prev.indent:
        return False
    first = text[line.start]
    # A lower-case start, or a line that stops mid-sentence, marks a wrap; a full stop
    # followed by a capital is as likely a new one-line paragraph.
    return first.islower() or not text[prev.start : prev.end].endswith(_SENTENCE_END)


def segment(text: str) -> list[Block]:
    """Split ``text`` into blocks; see the module docstring for the layouts handled.

    >>> [b.text for b in segment("Title\\n\\nFirst para.\\nSecond para.\\n")]
    ['Title', 'First para.', 'Second para.']
    """
    if not isinstance(text, str):
        hint = "; decode bytes first, e.g. data.decode('utf-8', errors='replace')" if isinstance(text, (bytes, bytearray)) else ""
        raise TypeError(f"segment() takes str, not {type(text).__name__}{hint}")
    if COMPILED:
        return _blocks_from_records(text, _csegment.records(text, _BULLET_GLYPHS, _TAB_WIDTH, _MIN_WRAP_WIDTH,
                                                            _MAX_WRAP_WIDTH, _WRAP_SLACK, "".join(_SENTENCE_END)))
    blocks: list[Block] = []
    for group in _paragraph_groups(_lines(text)):
        width = max(ln.end - ln.start + ln.indent for ln in group)
        spaced = [ln.end - ln.start + ln.indent for ln in group if any(c.isspace() for c in text[ln.start:ln.end])]
        fit_width = max(spaced) if spaced else width
        current = [group[0]]
        runs: list[list[_Line]] = [current]
        for prev, line in zip(group, group[1:]):
            if _is_continuation(text, prev, line, width, fit_width):
                current.append(line)
            else:
                current = [line]
                runs.append(current)
        for run in runs:
            head = run[0]
            if run[-1].end - head.start > MAX_BLOCK_CHARS:
                _append_pieces(blocks, text, head, run[-1].end)
                continue
            blocks.append(
                Block(
                    index=len(blocks),
                    start=head.start,
                    end=run[-1].end,
                    text=text[head.start : run[-1].end],
                    indent=head.indent,
                    bullet=head.bullet,
                    n_lines=len(run),
                    blank_before=head.blank_before,
                )
            )
    return blocks


def _blocks_from_records(text: str, records: bytes) -> list[Block]:
    """The blocks ``_csegment.records`` describes (six numbers each; see ``_csegment.c``)."""
    blocks: list[Block] = []
    for start, end, indent, bullet_len, n_lines, blank_before in struct.iter_unpack("=6q", records):
        bullet = text[start : start + bullet_len] if bullet_len else ""
        if end - start > MAX_BLOCK_CHARS:
            _append_pieces(blocks, text, _Line(start, end, indent, bullet, bool(blank_before)), end)
            continue
        # Positional, in Block's field order: keyword arguments cost more on this hot path.
        blocks.append(Block(len(blocks), start, end, text[start:end], indent, bullet, n_lines, blank_before != 0))
    return blocks


def _cut(text: str, start: int, end: int) -> int:
    """Where to end a piece of ``text[start:end]`` at most ``MAX_BLOCK_CHARS`` long."""
    limit = start + MAX_BLOCK_CHARS
    if end <= limit:
        return end
    half = start + MAX_BLOCK_CHARS // 2
    window = text[half:limit]
    sentence = None
    for sentence in _SENTENCE_CUT.finditer(window):
        pass
    if sentence is not None:
        return half + sentence.end() - 1  # just before the whitespace
    space = max(window.rfind(" "), window.rfind("\n"), window.rfind("\t"))
    return half + space if space > 0 else limit


def _append_pieces(blocks: list[Block], text: str, head: _Line, end: int) -> None:
    """Cut the over-long run ``text[head.start:end]`` into blocks (see ``MAX_BLOCK_CHARS``)."""
    start = head.start
    first = True
    while start < end:
        stop = _cut(text, start, end)
        piece = text[start:stop].rstrip()
        blocks.append(
            Block(
                index=len(blocks),
                start=start,
                end=start + len(piece),
                text=piece,
                indent=head.indent if first else 0,
                bullet=head.bullet if first else "",
                n_lines=piece.count("\n") + 1,
                blank_before=head.blank_before if first else False,
            )
        )
        first = False
        start = stop
        while start < end and text[start].isspace():
            start += 1
