"""Comment threads found by their shape, in any language.

The comment rules know the words comment systems print ("Reply", "Antworten", "3 hours
ago", "vor 3 Stunden") in English and eight more languages; a thread in any other
language, or with words no rule lists, reads to them as a run of short lines and
sentences.  What every thread has, whatever its language, is repetition: each comment is
printed from one template, so one of its lines comes back comment after comment, the
same but for its digits ("Svar · Synes godt om (7)" / "(3)"), or the same in shape
("Jana Veselá | 15. 5. 2024 10:12" / "Ondra | 15. 5. 2024 11:47"), with the comment's
text between one and the next.

This module finds such runs from what ``decide`` tells it of each block (its role and its
keys, below) and returns the groups they make, one per comment.  It reads no words of any
language.  What tells a thread from a teaser list, which repeats too ("Title" / "Summary."
/ "Nov. 6 · 43 Responses"), is what stands between the repeats: a comment is a sentence or
a few under a name and a time; a teaser is a title of several words, which is neither a
``Role.NAME`` (a name or handle of up to three words) nor a ``Role.SHORT`` (a line of up
to three words, one with digits, or one that repeats).
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from enum import Enum
from typing import NamedTuple

__all__ = ["RAW_ROW_MAX_CHARS", "Mark", "Role", "RowKey", "ThreadGroup", "may_count_comments", "may_hold_thread",
           "opens_name", "plain_key", "row_keys", "starts_with_handle", "tail_key", "thread_groups", "summary"]


class Role(Enum):
    """What a block can be inside a comment group."""

    TEXT = "text"  #: the comment's words: a sentence or a few
    NAME = "name"  #: a commenter's name or handle alone on a line
    SHORT = "short"  #: a time, a row of actions: a line of a few words
    OTHER = "other"  #: anything else (a title, a list item, a block a rule gave to the page): ends a run


class Mark(Enum):
    """What the caller's rules know a block as."""

    NONE = "none"
    FORM = "form"  #: a comment section's heading or form ("Comments (4)", "Leave a Reply")
    ROW = "row"  #: a comment's action row a rule knows ("Reply", "12 likes"), or a spam rule's hit


class RowKey(NamedTuple):
    """What a short line repeats as: the line with its digits as ``#`` (lower case); its
    shape (word runs as ``w``; empty where the line has no digit: "w" alone, or "w | w",
    is every menu); its first number; whether it has a digit and starts with a name: a
    word that ``opens_name`` not followed by a number ("Jana Veselá | 15. 5. 2024", "Lena Ek för 2
    timmar sedan", not "Step 2: ..." or "Nov. 6 · 43 Responses"); whether it reads as a
    comment's time or count: a number beside words ("vor 3 Stunden", "12 likes"), a date
    or a clock time, not a bare figure ("4.85", a rating); whether it is a count of a few
    words ("Debat (4)", "4 comentarii"), as a thread's heading is."""

    exact: str
    shape: str
    number: int | None
    named: bool
    timed: bool
    counted: bool
    #: The key is of the last line of a comment's block, its row printed right under its
    #: text with no blank line between ("Sper să aibă..." / "acum 1 oră · Răspunde").
    tail: bool = False


class ThreadGroup(NamedTuple):
    """One comment: blocks ``start`` to ``end`` (inclusive), its text from ``first_text``."""

    start: int
    end: int
    first_text: int


#: The longest line that can repeat as a comment's header or action row.
ROW_MAX_CHARS = 80
#: The longest block (or last line) that can still hold such a line once its white space is
#: stripped: longer ones are not looked at for a key at all.
RAW_ROW_MAX_CHARS = 2 * ROW_MAX_CHARS
#: Blocks from one repeat to the next: a comment's text and up to three lines of name, time
#: and actions, or a comment of a few paragraphs (a row run together with its text makes a
#: gap of two: the name line, then that block).
GAP_MIN, GAP_MAX = 2, 6
#: A run made by an exact repeat (digits aside) needs this many repeats; one made by a
#: repeat of shape alone (words of any length, the same digits and separators) needs more,
#: since a shape is a weaker sign than the same words.
MIN_EXACT_REPEATS = 2
MIN_SHAPE_REPEATS = 3
#: A comment's time or count line with words is a few of them ("vor 3 Stunden", "Svar ·
#: Synes godt om (7)"), two more after a name ("Jean-Luc Ferrand · il y a 3 heures"); a
#: longer line with a number is a title ("Top 7 Benefits of ...").
TIMED_MAX_TOKENS = 6
#: ... or it is a row of items of at most this many words each, between separators ("·", "|").
ITEM_MAX_TOKENS = 3
#: A thread is taken only where something says a thread is there, within this many blocks
#: of its first or last comment: its heading with the count of comments ("Debat (4)",
#: "4 comentarii": a count and a word or two, no rule's line), or a block the caller knows
#: as a thread's (a comment rule's row, the comment form).  Without it, grids of cards and
#: lists of teasers (title, blurb, date, "Book now") repeat much as a thread does.
ANCHOR_REACH = 3
#: Without an anchor, a run of the same line with no digit (an action row: "Vastaa · Jaa ›")
#: counts when it makes at least this many comments, each with a name line, a time or
#: count and a text of its own: a thread under a heading that gives no count ("Kommentit")
#: and a form no rule knows.  (A repeated line with digits, "40km" in a live blog or "30
#: Meters" in a product's table, is no action row.)
MIN_UNANCHORED_GROUPS = 3

def _mark_class() -> str:
    """A character class of the combining marks below U+2000, as ranges."""
    codes = [c for c in range(0x300, 0x2000) if unicodedata.category(chr(c)).startswith("M")]
    runs: list[list[int]] = []
    for c in codes:
        if runs and c == runs[-1][1] + 1:
            runs[-1][1] = c
        else:
            runs.append([c, c])
    return "[" + "".join(chr(a) if a == b else f"{chr(a)}-{chr(b)}" for a, b in runs) + "]"


# Python's ``re`` counts no combining mark as a word character, so a word of an Indic script,
# whose vowels are such marks ("टिप्पणियाँ"), would be cut into four: keys and count headings
# are read with the marks (Hebrew's and Arabic's points too) taken out.  (The ``regex``
# module knows the marks, but made the page's search for a count heading 2.5 times slower.)
_MARKS = re.compile(_mark_class())
_DIGITS = re.compile(r"\d+")
# A run of words (letters, with the apostrophes, hyphens and spaces inside a name) is one
# "w" in a line's shape: "Jana Veselá | 15. 5. 2024" and "Ondra | 15. 5. 2024" are one shape.
_WORDS = re.compile(r"[^\W\d_]+(?:[\s'’.\-]+[^\W\d_]+)*\.?")
_SPACE = re.compile(r"\s+")
_LETTER = re.compile(r"[^\W\d_]")
# A count and one or two words, the count alone or in brackets, before or after them; in
# brackets it may follow the words with no space, bring a word of its own ("Diskusia (5
# príspevkov)"), and the brackets may be the full-width ones of Chinese and Japanese
# ("网友评论（5）").
_COUNT = re.compile(r"\(?\d{1,3}\)?\s+[^\W\d_]+(?:\s+[^\W\d_]+)?|[^\W\d_]+(?:\s+[^\W\d_]+)?\s+\(?\d{1,3}\)?"
                    r"|[^\W\d_]+(?:\s+[^\W\d_]+)?\s*[(（]\d{1,3}(?:\s+[^\W\d_]+)?[)）]")
_COUNT_LINE = re.compile(rf"^[ \t]*(?:{_COUNT.pattern})[ \t]*$", re.MULTILINE)
_SEPARATOR = re.compile(r"\s[·•|]\s")
# An account's handle as comment systems print it: "@dani_cohen", Reddit's "u/nusrat".
_HANDLE_WORD = re.compile(r"(?:@|u/)[^\W_][\w.]+$")
_DATE_OR_TIME = re.compile(r"\d{1,4}[./-]\s?\d{1,2}[./-]\s?\d{2,4}|\d{1,2}:\d{2}")


def row_keys(text: str) -> RowKey | None:
    """A short line's ``RowKey``, or ``None`` when the line is too long to be a header or row."""
    line = _line(text, tail=False)
    return None if line is None else _key(line)


def tail_key(text: str) -> RowKey | None:
    """The ``RowKey`` of a block's last line, when the block has more than one and that one
    is short: a comment's row run together with its text."""
    line = _line(text, tail=True)
    return None if line is None else _key(line)._replace(tail=True)


def plain_key(text: str, tail: bool = False) -> RowKey | None:
    """``row_keys`` (or, with ``tail``, ``tail_key``) of a text whose line has no digit,
    without looking for one."""
    line = _line(text, tail)
    return None if line is None else _digitless_key(line, tail)


def _line(text: str, tail: bool) -> str | None:
    """The line a block's key is read from: the block itself when it is one short line, its
    last line (with a text above it) for ``tail``; ``None`` when there is no such line."""
    if tail:
        head, _, line = text.strip().rpartition("\n")
        if not head.strip():
            return None
    elif len(text) > RAW_ROW_MAX_CHARS:
        return None
    else:
        line = text
    line = line.strip()
    return line if line and len(line) <= ROW_MAX_CHARS and "\n" not in line else None


def _digitless_key(line: str, tail: bool = False) -> RowKey:
    exact = line.lower()
    if "  " in exact or "\t" in exact:
        exact = _SPACE.sub(" ", exact)
    return RowKey(exact, "", None, False, False, False, tail)


def _key(line: str) -> RowKey:
    number = _DIGITS.search(line)
    if number is None:
        # Most short lines (menus, buttons, names) have no digit: nothing more to read.
        return _digitless_key(line)
    if not line.isascii():
        line = _MARKS.sub("", line)
    exact = _SPACE.sub(" ", _DIGITS.sub("#", line.lower()))
    shape = _SPACE.sub(" ", _DIGITS.sub("#", _WORDS.sub("w", line)))
    tokens = line.split()
    named = len(tokens) >= 2 and (opens_name(tokens[0]) or _is_handle(tokens[0])) and not tokens[1][:1].isdigit()
    timed = bool(_DATE_OR_TIME.search(line) or (_LETTER.search(line) and (len(tokens) <= TIMED_MAX_TOKENS + 2 * named
                                                                         or _short_items(line))))
    counted = _COUNT.fullmatch(line) is not None
    return RowKey(exact, shape, int(number.group()[:9]), named, timed, counted)


def opens_name(word: str) -> bool:
    """Whether ``word`` can open a name: its first letter (after an opening bracket, as in
    "[Beijing] Lao Zhang") is a capital, or a letter of a script without capitals (Arabic,
    Chinese, Hebrew, Thai...), where every word may be one."""
    first = word.lstrip("[(（【「<").strip()[:1]
    # (Georgian's everyday letters are lower case in Unicode, but Georgian has no capitals
    # to begin a name with.)
    return first.isalpha() and (not first.islower() or "\u10d0" <= first <= "\u10ff")


def starts_with_handle(line: str) -> bool:
    """Whether a line opens with an account's handle ("@ruti.m · 2 hours ago", "u/nusrat")."""
    first = line.split(maxsplit=1)
    return bool(first) and _is_handle(first[0])


def _is_handle(word: str) -> bool:
    return _HANDLE_WORD.match(word.lstrip("↳→")) is not None


def _short_items(line: str) -> bool:
    """Whether a line is a row of short items between separators ("Thích (24) · Trả lời · 2
    giờ trước"): in a language of one-syllable words such a row has more words than a time
    line elsewhere, but none of its items is longer than a few of them."""
    items = _SEPARATOR.split(line)
    return len(items) >= 2 and all(len(item.split()) <= ITEM_MAX_TOKENS for item in items)


def may_count_comments(texts: Iterable[str]) -> bool:
    """Whether any line of ``texts`` could be a heading that counts comments: one search of
    the page's lines joined, so a page with no such line and nothing marked costs no key.
    Only blocks short enough to have a key (``row_keys``, ``tail_key``) are read."""
    return _COUNT_LINE.search(_MARKS.sub("", "\n".join(t for t in texts if len(t) <= RAW_ROW_MAX_CHARS))) is not None


def may_hold_thread(keys: Sequence[RowKey | None], marks: Sequence[Mark]) -> bool:
    """Whether a page can hold a thread this module would take, from the keys of its lines
    with a digit: one of them reads as a time or count, and a block is marked or a line
    counts something ("Debat (4)").  A cheap test before the other keys."""
    return (any(key is not None and key.timed for key in keys)
            and (any(mark is not Mark.NONE for mark in marks) or any(key is not None and key.counted for key in keys)))


def thread_groups(keys: Sequence[RowKey | None], role: Callable[[int], Role],
                  marks: Sequence[Mark]) -> list[ThreadGroup]:
    """The comment groups of every run of repeats on a page.

    ``keys[i]`` is ``row_keys`` of block ``i`` (``None`` where it cannot repeat as a row);
    ``role(i)`` is its ``Role`` (asked only of blocks near a repeat: working it out for
    every block of every page cost the rules-only mode a third of its speed); ``marks[i]``
    what the caller's rules know block ``i`` as (``ANCHOR_REACH``).  A run is a key's
    repeats each ``GAP_MIN``-``GAP_MAX`` blocks after the last, with between each two at
    least one ``TEXT`` block, a name (a ``NAME`` line or a header line that starts with
    one) and otherwise only ``SHORT`` lines, one of them a time or count; numbered steps
    (1, 2, 3) are no run.  The repeated line opens its comment when a text follows it (a
    header), and closes it otherwise (an action row); the groups at the run's two ends take
    as many blocks as their neighbour group has, role by role.
    """
    positions: dict[tuple[int, str], list[int]] = defaultdict(list)
    for i, key in enumerate(keys):
        if key is not None:
            positions[(0, key.exact)].append(i)
            if key.shape:
                positions[(1, key.shape)].append(i)
    candidates = [(kind, where) for (kind, _), where in positions.items()
                  if len(where) >= (MIN_SHAPE_REPEATS if kind else MIN_EXACT_REPEATS)
                  and any(GAP_MIN <= b - a <= GAP_MAX for a, b in zip(where, where[1:]))]
    if not candidates:
        return []
    roles = _Roles(role, len(keys))
    # Lines whose exact key repeats: rows and headers, never a commenter's name.
    repeated = {i for (kind, _), where in positions.items() if kind == 0 and len(where) >= MIN_EXACT_REPEATS
                for i in where}

    def named(i: int) -> bool:
        return roles[i] is Role.NAME or (keys[i] is not None and keys[i].named)

    def timed(i: int) -> bool:
        key = keys[i]
        return key is not None and key.timed and (roles[i] is not Role.TEXT or key.tail)

    # A thread's heading is a count and a word or two found nowhere else on the page but in
    # the thread ("Svar (3)" has the shape of "Debat (4)"): "7 minutes", "66 Likes" and
    # "Physiology (840)" come back in the lists they belong to.
    def heading(k: int, start: int, end: int) -> bool:
        key = keys[k]
        return (key is not None and key.counted and len(positions[(0, key.exact)]) == 1
                and roles[k] in (Role.NAME, Role.SHORT)
                and all(p == k or start <= p <= end for p in positions[(1, key.shape)]))

    groups: list[ThreadGroup] = []
    for kind, where in candidates:
        need = MIN_SHAPE_REPEATS if kind else MIN_EXACT_REPEATS
        # Only repeats a comment's length from another, with a time or count between, can
        # be in a run: the rest are not worth a role.
        where = [i for n, i in enumerate(where) if _near_a_timed_repeat(n, where, keys)
                 and roles[i] is not Role.OTHER and (roles[i] is not Role.TEXT or keys[i].tail)]
        if len(where) < need:
            continue
        for run in _runs(where, roles, named, timed):
            numbers = [keys[o].number for o in run]
            if len(run) < need or _counts_up(numbers):
                continue
            found = _groups_of(run, roles, repeated)
            if found and (_anchored(found[0].start, found[-1].end, heading, marks)
                          or (kind == 0 and keys[run[0]].number is None and len(found) >= MIN_UNANCHORED_GROUPS
                              and all(_complete(g, roles, timed) for g in found))):
                groups.extend(found)
    return groups


class _Roles:
    """Each block's role, worked out when first asked for, by index or by slice."""

    def __init__(self, role: Callable[[int], Role], n: int) -> None:
        self._role = role
        self._known: list[Role | None] = [None] * n

    def __len__(self) -> int:
        return len(self._known)

    def __getitem__(self, i):
        if isinstance(i, slice):
            return [self[k] for k in range(*i.indices(len(self._known)))]
        known = self._known[i]
        if known is None:
            known = self._known[i] = self._role(i)
        return known


def _runs(where: list[int], roles: _Roles, named: Callable[[int], bool],
          timed: Callable[[int], bool]) -> list[list[int]]:
    """The maximal runs of ``where`` whose neighbours are a comment's length apart with a
    comment between them: its text, its author's name and its time (or like count).  The
    time is what tells a thread from a grid of cards (title, blurb, "Book now"), which
    repeats as regularly and has names of a sort too.  One comment without a name line
    between two with one stays in the run: a scam signs as a business ("Rýchla pôžička"),
    not as a person."""
    runs: list[list[int]] = [[where[0]]]
    nameless: list[bool] = [False]  # per run: whether its last comment had no name
    for a, b in zip(where, where[1:]):
        if GAP_MIN <= b - a <= GAP_MAX:
            # A row run together with its comment's text brings the text along.
            between = roles[a + 1:b + 1] if roles[b] is Role.TEXT else roles[a + 1:b]
            if Role.TEXT in between and Role.OTHER not in between and any(timed(k) for k in range(a, b + 1)):
                has_name = any(named(k) for k in range(a, b))
                if has_name or (len(runs[-1]) > 1 and not nameless[-1]):
                    runs[-1].append(b)
                    nameless[-1] = not has_name
                    continue
        runs.append([b])
        nameless.append(False)
    # A run does not end on its comment without a name: it needs one with a name after it.
    return [run[:-1] if last_nameless else run for run, last_nameless in zip(runs, nameless)]


def _near_a_timed_repeat(n: int, where: list[int], keys: Sequence[RowKey | None]) -> bool:
    """Whether another repeat of ``where[n]``'s key is a comment's length away, with a line
    that may be a time or count between them or on either.  Only the repeats at most
    ``GAP_MAX`` blocks away are looked at (``where`` is sorted), so a key repeated on every
    comment of a long thread costs time in proportion to the thread, not its square."""
    i = where[n]
    for step in (-1, 1):
        m = n + step
        while 0 <= m < len(where) and abs(where[m] - i) <= GAP_MAX:
            j = where[m]
            if abs(j - i) >= GAP_MIN and any(keys[k] is not None and keys[k].timed
                                             for k in range(min(i, j), max(i, j) + 1)):
                return True
            m += step
    return False


def _anchored(start: int, end: int, heading: Callable[[int, int, int], bool], marks: Sequence[Mark]) -> bool:
    """Whether a thread's heading with its count of comments stands just above blocks
    ``start``-``end``, the comment section's heading or form just above or below them, or
    a row a rule knows inside them.  (Not a header rule's date line: one near a teaser
    list is as likely the teasers' own.)"""
    above = range(max(0, start - ANCHOR_REACH), start)
    below = range(end + 1, min(len(marks), end + 1 + ANCHOR_REACH))
    return (any(marks[k] is Mark.FORM or heading(k, start, end) for k in above)
            or any(marks[k] is Mark.FORM for k in below)
            or any(marks[k] is Mark.ROW for k in range(start, end + 1)))


def _complete(group: ThreadGroup, roles: _Roles, timed: Callable[[int], bool]) -> bool:
    """Whether a comment has all its parts on lines of their own: a name line, a time or
    count, and its text."""
    span = range(group.start, group.end + 1)
    return any(roles[k] is Role.NAME for k in span) and any(timed(k) for k in span)


def _counts_up(numbers: Sequence[int | None]) -> bool:
    """Whether the numbers go up from 1, 2 or 3 in small steps (1, 2, 3; 1, 3, 5): a page's
    own steps, ranks and questions, not comments, whose numbers are times and counts."""
    return (all(n is not None for n in numbers) and numbers[0] <= 3
            and all(0 < b - a <= 2 for a, b in zip(numbers, numbers[1:])))


def _groups_of(run: list[int], roles: _Roles, repeated: set[int]) -> list[ThreadGroup]:
    n = len(roles)
    opens = all(roles[o + 1] is Role.TEXT for o in run[:-1])
    # (A repeat that is itself a text is a row run together with its comment: it closes it.)
    closes = all(roles[o - 1] is Role.TEXT or roles[o] is Role.TEXT for o in run[1:])
    bounds: list[tuple[int, int]] = []
    if opens and (not closes or (run[-1] + 1 < n and roles[run[-1] + 1] is Role.TEXT)):
        # A header; a name line right above every header (a short line that is no repeat)
        # is part of it ("Roberto Lima" / "há 2 horas").  Its comment runs to the line
        # before the next header's name.
        lead = int(all(o >= 1 and roles[o - 1] in (Role.NAME, Role.SHORT) and o - 1 not in repeated for o in run))
        for a, b in zip(run, run[1:]):
            bounds.append((a - lead, b - lead - 1))
        # The last comment: its text, and its action row if the thread repeats one; not
        # what follows the thread ("Deja tu comentario" reads as a name or a time would).
        last, end = run[-1], run[-1]
        while end + 1 < n and end - last < GAP_MAX and roles[end + 1] is Role.TEXT:
            end += 1
        if end > last and end + 1 < n and end + 1 in repeated:
            end += 1
        bounds.append((last - lead, end))
    else:
        # An action row closing its comment: the comment starts after the previous row.
        for a, b in zip(run, run[1:]):
            bounds.append((a + 1, b))
        first, after = run[0], run[1]
        bounds.insert(0, (first - _matching_length(first, after, after - first - 1, -1, roles), first))
    groups = []
    for start, end in bounds:
        texts = [k for k in range(start, end + 1) if roles[k] is Role.TEXT]
        if texts:
            groups.append(ThreadGroup(start, end, texts[0]))
    return groups


def _matching_length(edge: int, neighbour: int, span: int, step: int, roles: _Roles) -> int:
    """How far the group at a run's end reaches from its repeated line ``edge`` (``step``
    +1: down, -1: up): as far as the group beside it reaches from ``neighbour`` (``span``
    blocks), block by block of the same role, stopping at the first that differs."""
    length = 0
    for j in range(1, span + 1):
        k, m = edge + step * j, neighbour + step * j
        if not 0 <= k < len(roles) or roles[k] is not roles[m] or roles[k] is Role.OTHER:
            break
        length = j
    edge_is_text = roles[edge] is Role.TEXT  # a row run into its comment's text
    if (edge_is_text and length) or any(roles[edge + step * j] is Role.TEXT for j in range(1, length + 1)):
        return length
    # Block by block the two do not match where one comment's row runs together with its
    # text and the other's stands alone (a time line with no digit reads as a name, too):
    # then as many texts as the neighbour has, and above them as many other lines.
    group = [roles[neighbour + step * j] for j in range(span + 1)]
    texts = sum(r is Role.TEXT for r in group) - edge_is_text
    lines = sum(r in (Role.NAME, Role.SHORT) for r in group[1:])
    length, j = 0, 1
    while texts > 0 and 0 <= edge + step * j < len(roles) and roles[edge + step * j] is Role.TEXT:
        texts, length, j = texts - 1, j, j + 1
    while (length or edge_is_text) and lines and 0 <= edge + step * j < len(roles) \
            and roles[edge + step * j] in (Role.NAME, Role.SHORT):
        lines, length, j = lines - 1, j, j + 1
    return length


def summary() -> str:
    """The pass in one sentence, from its constants (``cleanfeed --list-rules``)."""
    return (f"Comment threads no rule knows are found by their shape: a line of up to {ROW_MAX_CHARS} characters "
            f"that comes back every {GAP_MIN}-{GAP_MAX} blocks, the same but for its digits ({MIN_EXACT_REPEATS}+ "
            f"times) or the same in shape ({MIN_SHAPE_REPEATS}+ times), with a name, a time or count and a sentence "
            f"between each two, under a heading with the count of comments or within {ANCHOR_REACH} blocks of the "
            f"comment form, or with a reply row a rule knows inside it, or without any of these as "
            f"{MIN_UNANCHORED_GROUPS}+ comments each with a name line, a time and a text under one action row with no "
            f"digit; numbered steps never count.")
