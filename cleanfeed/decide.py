"""From rule hits and model scores to one label per block, and why.

Small passes, in the order jusText taught: decide each block on its own, then let
the neighbours revise what context makes obvious.

1. **Hard rules.** The first hard rule that matches decides (``reason="rule:<name>"``),
   except that a matching spam rule beats any other: spam rules are the most specific
   ("subscribe to my channel" is also a subscribe prompt, but a reader wrote it to sell).
2. **Model.** Otherwise the label whose score reaches its threshold; with no threshold
   met, the highest score (``reason="model"``).  Without a model (rules-only mode) the
   block waits for step 4 (``reason="default"``), or takes the ``fallback`` label.
3. **Context.** ``"context:<what>"`` reasons mark labels changed by the page around them:

   * ``comment_thread``: a comment header ("Jane says:") takes the label of the comment
     under it (``docs/labels.md``), and the block under a header is that comment, so a
     well-written comment the model took for body becomes ``comment``; on a page with
     several headers, every paragraph up to the next header belongs to the comment, and
     the block right under a header is the comment even where the model called it
     navigation, if it ends a sentence or a reply row follows it (a comment in a
     language the text model never learnt).  Besides the header rules' lines, a bare
     relative time with a reply row below it is a header, and so is a name alone on a
     line over a comment and its reply row, or over a block a spam rule decided
     (comment systems that print no date); the name line over such a time goes with it.
     Where only some comments have a reply row, a run of name / comment pairs ending at
     a header, the comment form or the page's end is headers too, if the thread or its
     heading ("Comments (4)") stands right above the run; the last comment before the
     form or the page's end is a comment however short, if it ends a sentence;
   * ``thread_shape``: comments whose words no rule knows (a thread in Danish or Czech),
     found by their template repeating (``threadshape``): a line that comes back comment
     after comment with a name, a time and a sentence between, near a heading that counts
     the comments, the comment form or a known reply row (or, without these, one action
     row over three or more comments that each have a name line, a time and a text).  Each comment's blocks no rule
     decided become ``comment``, its name and time lines over a text called spam ``spam``;
   * ``contact_in_comment``: a comment's text that gives a telephone number in international
     form, an address at a free mail service or a messenger's handle ("Telegram @name") is
     ``spam`` (with its header right above it): readers do not leave these, scams in any
     language do; ``shop_offer_in_comment``: so is one with half the price off or more and
     a shop's link, whatever the language of its words;
   * ``teaser_titles`` (with the model): the one-line titles right under a heading that
     names other articles ("Read also:", "Leggi anche:", a marker rule of kind
     ``"other_articles"``), below some of the article's prose, are navigation where the
     model kept them as body; the run stops at a rule's block, at a title over the
     resumed article (a subheading), or after eight;
   * ``after_section_header`` (rules-only mode): blocks under a "Related News"/"You May
     Also Like" heading are teasers (``navigation``), provided the article itself lies
     above the heading.  With the model this pass is off: the stacked tree pass sees the
     heading's rule hit and its neighbours' scores, and the pass's guess about where the
     teasers end cost more than it gained: on a held-out site fold of the training sets
     it would move 19,992 characters of article to navigation for 5,684 of teasers, while
     without a model it catches 78,138 characters of teasers for 29,444 of article
     (the retired study ``context_passes.py``, with the shipped model's fold-0 twin, v11;
     ``benchmarks/studies/README.md``).
4. **Layout** (rules-only mode, no ``fallback`` label): a block still undecided is ``body``
   when it reads as prose or is the short line heading prose, ``navigation`` otherwise
   (``reason="layout"``; the constants below say what counts).
5. **Best prose** (with the model): a page on which no block came out ``body`` but some
   block the model called navigation or caption reads as prose keeps the most body-like
   such block as ``body`` (``reason="context:best_prose"``).  A page whose prose is all
   dropped is almost always the model's error (one paragraph above a row of share
   buttons; a whole article on one line, longer than any training block), and an empty
   ``clean()`` is the worst answer to it.  Comment and spam calls are left alone: a page
   that is all reader comments has no article to return.

Before all of these, a block that is mostly U+FFFD replacement characters or control
characters is not text at all (binary data decoded as UTF-8) and is ``navigation`` with
``reason="unreadable"``, whatever a rule or the model says.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from itertools import compress
from dataclasses import dataclass
from typing import NamedTuple

import numpy as np

from .features import _FUNCTION_WORDS  # one list of function words for both uses
from .labels import DEFAULT, LABELS, LAYOUT, MODEL, UNREADABLE, Label, Reason, ReasonKind
from .rules import _FREE_MAIL, _PHONE, _URL, RuleSet, rule_text
from .segment import Block
from .threadshape import (GAP_MAX, RAW_ROW_MAX_CHARS, Mark, Role, may_count_comments, may_hold_thread, opens_name, plain_key,
                          row_keys, starts_with_handle, tail_key, thread_groups)

__all__ = ["LabelledBlock", "decide", "decide_labels"]

# Reasons of blocks no rule decided: the model's call, or the rules-only placeholder.  The
# comment-thread pass may relabel these (a rules-only page once kept every comment body).
_UNRULED = (ReasonKind.MODEL, ReasonKind.DEFAULT)
_COMMENT_THREAD = Reason.context("comment_thread")
_AFTER_SECTION_HEADER = Reason.context("after_section_header")
_BEST_PROSE = Reason.context("best_prose")
_TEASER_TITLES = Reason.context("teaser_titles")
_THREAD_SHAPE = Reason.context("thread_shape")
_CONTACT_IN_COMMENT = Reason.context("contact_in_comment")
_SHOP_OFFER_IN_COMMENT = Reason.context("shop_offer_in_comment")

# Rules-only mode: what a block no rule claims is, from its own layout (the C4 line filter's
# and jusText's cues, jusText's habit of keeping its few constants visible).  Prose is
# article text: enough words ending a sentence, or enough words of which many are function
# words (the, of, und, le...), as running text has and menus, tickers and link lists lack.
# A short line right above prose is its heading, and so is a headline above its byline,
# dateline and photo credit.  The values were chosen on one site fold
# of the training corpus; benchmarks/studies/rules_only_layout.py scores them on the other folds
# against keeping every such block, and benchmarks/RESULTS.md on the eval sets.
_PROSE_MIN_WORDS = 8
# ... in Thai and Lao, which mark no sentence's end, this many (about eighty letters: longer
# than a headline or a menu line).
_UNMARKED_PROSE_MIN_WORDS = 20
_PROSE_ENDS = (".", "!", "?", ":", "…", ")", '"', "'", "”", "’", "。", "！", "？", "」", "』", "）", "។", "။",
               # The question mark of Arabic, the full stops of Hindi, Armenian and Amharic.
               "؟", "।", "։", "።")
# Greek ends a question with ";" (its question mark, U+037E, is the same character once
# normalised), which elsewhere ends no sentence a reader writes.
_GREEK = re.compile(r"[\u0370-\u03ff\u1f00-\u1fff]")
_DENSE_MIN_WORDS = 10
_DENSE_MIN_FUNCTION_WORDS = 0.3
_HEADING_MAX_WORDS = 25
# How many byline, dateline or credit blocks (rules of kind "article_meta") may stand
# between a heading and its prose: one of each, as news pages set them.  On the training
# corpus's folds it moved rules-only body token F1 by at most 0.0003 either way (most
# sets' gold leaves the headline out; docs/labels.md keeps it).
_HEADING_SKIP = 3
# Under a "Related" heading, the article resumes at a paragraph of this many words, or at
# two in a row of the second number (``_resumes_article``); teaser summaries are shorter.
# (Also resuming at one paragraph of two sentences lost body token F1 on four of the
# training sets without a model: teaser summaries run to two sentences too.)
# Teaser titles under a heading naming other articles (with the model): at most this many
# blocks (or lines of one block), of at most this many words a line.  Teaser boxes hold
# three to six; a longer run of short lines is more likely a list of the article's own.
_TITLES_MAX_BLOCKS = 8
_TITLE_MAX_WORDS = 15
# A bare relative time heads a comment when a reply row is at most this many blocks below it
# (the comment itself, then "Reply"; or a two-paragraph comment).
_TIME_REPLY_REACH = 3
# The most words a commenter's name line above such a time has ("Ana Carolina de Souza").
_NAME_MAX_WORDS = 5
# The fewest words of a comment under a name line ("Ładne zdjęcia, ale tytuł przesadzony.").
_COMMENT_MIN_WORDS = 3
# ... and in Thai or Lao, which mark no sentence's end, this many (about twenty letters).
_UNMARKED_COMMENT_MIN_WORDS = 5
_RESUME_ONE_WORDS = 40
_RESUME_TWO_WORDS = 15
_WORD = re.compile(r"\w+")
# Scripts written without spaces between words (Chinese, Japanese kana, Thai, Lao, Khmer,
# Myanmar): a run of them is one "word" to ``str.split``, so a Japanese paragraph counted
# as one or two words and no CJK article read as prose (rules-only body token F1 0.023 in
# Japanese, 0.006 in Chinese).  Counted as a word per two characters instead, about the
# length of a word in Chinese and Japanese; in Thai, Lao, Khmer and Myanmar, whose words
# are longer and whose vowels are characters of their own, a word per four.
_NO_SPACE = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u0e00-\u0eff\u1000-\u109f\u1780-\u17ff]+")
_LONG_WORDS = re.compile(r"[\u0e00-\u0eff\u1000-\u109f\u1780-\u17ff]")
# Thai and Lao end no sentence with a mark (a space or the end of the line does): a text that
# ends in one of their letters ends its sentence.  (Khmer and Myanmar have marks of their own,
# in ``_PROSE_ENDS``.)
_UNMARKED_END = re.compile(r"[\u0e01-\u0e4e\u0e81-\u0ecd]$")

# Characters no text is made of: U+FFFD (what invalid UTF-8 decodes to) and the C0/C1
# controls other than tab and the line breaks.  Random bytes decode to about 60 % of
# them; text with a stray bad byte, to a fraction of a percent.
_UNREADABLE_CHAR = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x9f\ufffd]")
UNREADABLE_SHARE = 0.2


@dataclass(frozen=True, slots=True)
class LabelledBlock:
    """A block with its label, how sure cleanfeed is, and why.

    ``confidence`` is the score of the chosen label (1.0 for a hard rule, 0.0 without a
    model); ``scores`` maps every label to the model's probability (empty when the model
    did not run); ``reason`` is a ``Reason`` (its ``kind`` and ``name``), printed as
    ``"rule:<name>"``, ``"model"``, ``"context:<pass>"``, ``"unreadable"`` (binary data,
    not text), or, without a model, ``"layout"`` (or ``"default"`` with a ``fallback``
    label).
    """

    index: int
    start: int
    end: int
    text: str
    label: Label
    confidence: float
    reason: Reason
    scores: Mapping[str, float]

    def to_dict(self) -> dict[str, object]:
        return {
            "index": self.index,
            "start": self.start,
            "end": self.end,
            "label": self.label,
            "confidence": round(self.confidence, 4),
            "reason": str(self.reason),
            "scores": {k: round(v, 4) for k, v in self.scores.items()},
            "text": self.text,
        }

    def to_row(self) -> dict[str, object]:
        """The block as a row of a labels column (Hugging Face datasets, Spark): offsets,
        label, confidence and reason, without the text and scores the page already implies."""
        return {"start": self.start, "end": self.end, "label": self.label, "confidence": float(self.confidence),
                "reason": str(self.reason)}


def _model_choices(scores: np.ndarray, thresholds: Mapping[str, float | None]) -> np.ndarray:
    """For each score row, the label index the per-label thresholds point to.

    A label whose score reaches its threshold wins early (the highest such score when
    several do); with no threshold met, the highest score wins.
    """
    limits = np.array([np.inf if thresholds.get(label) is None else thresholds[label] for label in LABELS])
    met = scores >= limits
    best_met = np.where(met, scores, -np.inf).argmax(axis=1)
    return np.where(met.any(axis=1), best_met, scores.argmax(axis=1))


class _RulePlan(NamedTuple):
    """What ``decide`` needs to know of a rule set, worked out once per set (``RuleSet.derived``)."""

    reasons: list[Reason]  # each rule's reason
    labels: list[str]  # each rule's label
    hard: list[int]  # the hard rules' columns in deciding order
    header_cols: list[int]  # kind "comment_header"
    time_cols: list[int]  # kind "comment_time"
    form_cols: list[int]  # kind "comment_form"
    section_cols: list[int]  # kind "section_header"
    other_articles_cols: list[int]  # kind "other_articles"
    meta: frozenset[Reason]  # the reasons of the "article_meta" rules
    meta_marker_cols: list[int]  # "article_meta" markers: page metadata no rule decides (a bare date)


def _rule_plan(rules: RuleSet) -> _RulePlan:
    rule_list = list(rules)

    def cols(kind: str) -> list[int]:
        return [j for j, r in enumerate(rule_list) if r.kind == kind]

    reasons = [Reason.rule(r.name) for r in rule_list]
    return _RulePlan(
        reasons=reasons,
        labels=[r.label for r in rule_list],
        # Hard rules in order, spam rules first (a stable sort keeps the order within each group).
        hard=sorted((j for j, r in enumerate(rule_list) if r.strength == "hard"), key=lambda j: rule_list[j].label != "spam"),
        header_cols=cols("comment_header"),
        time_cols=cols("comment_time"),
        form_cols=cols("comment_form"),
        section_cols=cols("section_header"),
        other_articles_cols=cols("other_articles"),
        meta=frozenset(reason for reason, r in zip(reasons, rule_list) if r.kind == "article_meta"),
        meta_marker_cols=[j for j, r in enumerate(rule_list) if r.kind == "article_meta" and r.strength == "marker"],
    )


def _any_hit(hits: np.ndarray, cols: list[int]) -> list[bool]:
    """For each block, whether any of the rule columns ``cols`` matched (none: all False)."""
    return hits[:, cols].any(axis=1).tolist()


def decide(
    blocks: Sequence[Block],
    hits: np.ndarray,
    rules: RuleSet,
    scores: np.ndarray | None,
    thresholds: Mapping[str, float | None],
    fallback: str | None = None,
) -> list[LabelledBlock]:
    """Label every block.  ``scores`` is ``None`` in rules-only mode, where the blocks no rule
    or context pass claims are labelled by their layout (``_layout``), or all ``fallback``
    when that is a label."""
    labels, conf, reasons = decide_labels(blocks, hits, rules, scores, thresholds, fallback)
    rows = scores.tolist() if scores is not None else None
    return [
        LabelledBlock(
            index=b.index,
            start=b.start,
            end=b.end,
            text=b.text,
            label=labels[i],
            confidence=conf[i],
            reason=reasons[i],
            scores={} if rows is None else dict(zip(LABELS, rows[i])),
        )
        for i, b in enumerate(blocks)
    ]


def decide_labels(
    blocks: Sequence[Block],
    hits: np.ndarray,
    rules: RuleSet,
    scores: np.ndarray | None,
    thresholds: Mapping[str, float | None],
    fallback: str | None = None,
) -> tuple[list[str], list[float], list[Reason]]:
    """``decide`` as three lists (label, confidence and reason of each block), for callers
    that need no ``LabelledBlock`` per block: ``clean`` and the training scores."""
    plan: _RulePlan = rules.derived("decide_plan", _rule_plan)
    rule_reasons, rule_labels, hard = plan.reasons, plan.labels, plan.hard

    n = len(blocks)
    unreadable = _unreadable_blocks(blocks)
    # Whole-page array steps: this runs once per block of every page, so per-element numpy
    # indexing in a Python loop was a tenth of the pipeline's time.
    hard_hits = hits[:, hard]
    ruled = hard_hits.any(axis=1).tolist()
    first_rule = hard_hits.argmax(axis=1).tolist() if hard else [0] * n
    if scores is not None:
        choice = _model_choices(scores, thresholds).tolist()
        rows = scores.tolist()
    labels: list[str] = []
    conf: list[float] = []
    reasons: list[Reason] = []
    for i in range(n):
        if unreadable[i]:
            labels.append("navigation")
            conf.append(1.0)
            reasons.append(UNREADABLE)
        elif ruled[i]:
            j = hard[first_rule[i]]
            labels.append(rule_labels[j])
            conf.append(1.0)
            reasons.append(rule_reasons[j])
        elif scores is not None:
            j = choice[i]
            labels.append(LABELS[j])
            conf.append(rows[i][j])
            reasons.append(MODEL)
        else:
            labels.append(fallback or "body")
            conf.append(0.0)
            reasons.append(DEFAULT)

    is_header = _any_hit(hits, plan.header_cols)
    names = _time_headers(blocks, labels, reasons, is_header, _any_hit(hits, plan.time_cols)) if plan.time_cols else []
    is_form = _any_hit(hits, plan.form_cols)
    _name_headers(blocks, labels, reasons, is_header, is_form)
    _comment_thread(blocks, labels, reasons, is_header, is_form, conf)
    for i in names:
        # The name line takes the label of the header it stands on, as the header takes
        # the comment's.
        if labels[i + 1] in ("comment", "spam"):
            labels[i], reasons[i], conf[i] = labels[i + 1], _COMMENT_THREAD, conf[i + 1]
    _thread_shape(blocks, labels, reasons, is_header, is_form, ruled)
    _contact_spam(blocks, labels, reasons, is_header)
    if scores is None:
        _after_section_header(blocks, labels, reasons, _any_hit(hits, plan.section_cols), conf)
        if fallback is None:
            _layout(blocks, labels, reasons, plan.meta, _any_hit(hits, plan.meta_marker_cols))
    else:
        _titles_after_other_articles(blocks, labels, reasons, _any_hit(hits, plan.other_articles_cols))
        _best_prose(blocks, labels, reasons, conf, rows)
    return labels, conf, reasons


def unreadable_share(text: str) -> float:
    """The share of ``text``'s characters that no text is made of (see ``_UNREADABLE_CHAR``)."""
    return len(_UNREADABLE_CHAR.findall(text)) / len(text) if text else 0.0


def _unreadable_blocks(blocks: Sequence[Block]) -> list[bool]:
    """Which blocks are binary data rather than text: each block that is, and every block
    of a page that is as a whole (a few characters of binary noise can look clean)."""
    counts = [len(_UNREADABLE_CHAR.findall(b.text)) if _UNREADABLE_CHAR.search(b.text) else 0 for b in blocks]
    if not any(counts):
        return [False] * len(blocks)
    if sum(counts) >= UNREADABLE_SHARE * sum(len(b.text) for b in blocks):
        return [True] * len(blocks)
    return [n > 0 and n >= UNREADABLE_SHARE * len(b.text) for n, b in zip(counts, blocks)]


_BODY = LABELS.index("body")


def _best_prose(blocks: Sequence[Block], labels: list[str], reasons: list[Reason], conf: list[float],
                rows: list[list[float]]) -> None:
    """Step 5 of the module docstring: keep the most body-like prose block of a page
    with no body."""
    if "body" in labels:
        return
    candidates = [i for i, reason in enumerate(reasons)
                  if reason.kind is ReasonKind.MODEL and labels[i] in ("navigation", "caption") and _is_prose(blocks[i].text)]
    if candidates:
        best = max(candidates, key=lambda i: rows[i][_BODY])
        labels[best] = "body"
        reasons[best] = _BEST_PROSE
        conf[best] = rows[best][_BODY]


def _comment_thread(blocks: Sequence[Block], labels: list[str], reasons: list[Reason], is_header: list[bool],
                    is_form: list[bool], conf: list[float]) -> None:
    n = len(labels)
    # With two or more headers the page has a thread, and a comment runs from its header
    # to the next one (readers write several paragraphs).  A lone header might be a quote
    # in the article ("Smith said:"), so it claims only the block right under it.
    in_thread = sum(is_header) >= 2
    for i in range(n):
        if not is_header[i] or i + 1 >= n or is_header[i + 1]:
            continue
        stop = i + 2
        if in_thread:
            while stop < n and not is_header[stop] and reasons[stop].kind in _UNRULED and labels[stop] in ("body", "comment", "spam"):
                stop += 1
        for k in range(i + 1, stop):
            # The block under a header is the comment itself, unless a rule already says
            # otherwise (a "Leave a Reply" form straight after the last comment, say).
            # In a thread that holds even when the model called it navigation, if it reads
            # as sentences: a comment in a language the text model never learnt reads to
            # it like chrome (German comments under "Name · vor 2 Stunden" headers did).
            # Or when a reply row ("Antworten", a like count) follows it, or the next
            # comment's header, the comment form or the page's end does and it is a
            # sentence, however short.  Not titles: a date
            # line taken for a header in a teaser list stands above the next teaser's title
            # (157 such titles on Dragnet, against 5 comments, before this asked for a
            # sentence end or a reply row; cut-off teasers end in "...").
            claimable = labels[k] in ("body", "caption") or (
                labels[k] == "navigation" and in_thread and k == i + 1
                and (_ends_a_sentence(blocks[k].text) or _reply_row(labels, reasons, is_header, k + 1)
                     or ((k + 1 == n or is_header[k + 1] or is_form[k + 1]) and _is_short_comment(blocks[k].text))))
            if claimable and reasons[k].kind in _UNRULED:
                labels[k] = "comment"
                reasons[k] = _COMMENT_THREAD
        # Spam is decided block by block: letting the spam of one paragraph spread over
        # the rest of the comment lost precision on held-out training sites (a missed
        # header merges two comments into one run).
        nxt = i + 1
        if labels[nxt] in ("comment", "spam") and labels[i] != labels[nxt]:
            labels[i] = labels[nxt]
            reasons[i] = _COMMENT_THREAD
            conf[i] = conf[nxt]


# A comment's text as the shape pass reads it: at most this many words (a longer block is
# more likely the article's own paragraph in a repeated layout); and the most words of a
# commenter's name or handle (``Role.NAME``), and of a line counted as ``Role.SHORT``
# without a digit or a repeat.
_SHAPE_TEXT_MAX_WORDS = 150
_SHAPE_NAME_MAX_WORDS = 4
# A teaser's title has at most this many words; a line without a full stop that has more is a
# comment's sentence left unstopped, as readers leave them.
_SHAPE_TITLE_MAX_WORDS = 20
# Title case: this share of the words over three letters capitalised.  A German sentence
# capitalises its nouns, about a third to a half of such words.
_TITLE_CASE_SHARE = 0.75
_HAS_DIGIT = re.compile(r"\d")
# A link (or a bare domain, "shop-sale.ru"), a mail address, a messenger handle ("@name") or
# a telephone number at the end of a text.
_ENDS_WITH_LINK = re.compile(rf"(?:https?://|www\.)\S+$|\b[\w\-]+\.[a-z]{{2,6}}(?:/\S*)?$|\S+@\S+\.\w+$|(?<!\w)@\w{{3,}}$"
                             rf"|{_PHONE}$")
# Marks between a comment header's parts, and a reply's arrow.
_NOT_WORDS = re.compile(r"(?<!\S)[·•|—–↳→»›-](?!\S)")
# A handle: letters with digits or underscores ("Krzysiek_89", "anna.k").
_HANDLE = re.compile(r"(?=.*[^\W\d_])(?=.*[\d_.])[\w.]{3,30}")


def _thread_shape(blocks: Sequence[Block], labels: list[str], reasons: list[Reason], is_header: list[bool],
                  is_form: list[bool], ruled: list[bool]) -> None:
    """Comments whose words no rule knows, found by their template repeating
    (``threadshape``): each group's blocks that no rule decided become ``comment``, its
    header lines over a text a spam rule or the model called ``spam`` become ``spam``."""
    # What the rules know of a thread: its heading or form, the comment rules' rows, and
    # the spam rules' hits (a scam is posted in a thread).  A page with none of these and
    # no heading that counts comments has no thread to find (most pages: the keys below
    # cost the rules-only mode a sixth of its time when worked out on every page).
    # (``compress`` picks the few ruled and form blocks at C speed: this runs on every page.)
    marks = [Mark.NONE] * len(blocks)
    for i in compress(range(len(blocks)), ruled):
        if reasons[i].kind is ReasonKind.RULE and (labels[i] == "spam" or _reply_row(labels, reasons, is_header, i)):
            marks[i] = Mark.ROW
    for i in compress(range(len(blocks)), is_form):
        marks[i] = Mark.FORM
    if not any(mark is not Mark.NONE for mark in marks) and not may_count_comments(b.text for b in blocks):
        return
    keys = _row_keys_near_times(blocks, marks)
    if keys is None:
        return
    exact_counts: dict[str, int] = {}
    for key in keys:
        if key is not None:
            exact_counts[key.exact] = exact_counts.get(key.exact, 0) + 1

    def role(i: int) -> Role:
        b, key, label, reason = blocks[i], keys[i], labels[i], reasons[i]
        if b.bullet or (reason.kind not in _UNRULED and label not in ("comment", "spam")):
            return Role.OTHER
        tail = key is not None and key.tail
        text = b.text.rstrip().rpartition("\n")[0] if tail else b.text
        words = _word_count(text)
        # A heading that counts ("网友评论（5）") or a line that comes back the same but for
        # its digits ("回复 | 赞(15)") is no comment's text, though it ends in a bracket as a
        # sentence may.  (The same words twice can be a comment quoted in a reply.)
        row = key is not None and not tail and (key.counted or (key.number is not None and exact_counts[key.exact] > 1))
        if words <= _SHAPE_TEXT_MAX_WORDS and not row and (
                _is_comment_text(text)
                # Under a row that comes back on the page, the text needs no full stop:
                # readers often leave it off ("... order from our shop on Instagram").
                or (tail and exact_counts[key.exact] > 1 and words >= _COMMENT_MIN_WORDS and not _title_cased(text))
                # A sentence of more words than a headline has needs no full stop either.
                or (words > _SHAPE_TITLE_MAX_WORDS and not tail and not text.rstrip().endswith(("...", "…"))
                    and not _title_cased(text))):
            return Role.TEXT
        if tail and _header_over_text(b.text):
            return Role.TEXT
        if key is None or key.tail:
            return Role.OTHER
        # (Separators and reply arrows are no words of a name: "↳ @dani_cohen · לפני שעה".)
        words = _word_count(_NOT_WORDS.sub(" ", text))
        # A word of a script without capitals may be a name, unless the line comes back
        # ("【誤】" / "【正】" on every entry of an errata list): a name has only its
        # repeats to tell it from a word there.
        if words <= _SHAPE_NAME_MAX_WORDS and (_is_handle_or_name(b.text, key.number is None,
                                                                  any_script=exact_counts[key.exact] == 1)
                                               or starts_with_handle(b.text)):
            return Role.NAME
        if words <= _SHAPE_NAME_MAX_WORDS or key.shape or exact_counts[key.exact] > 1:
            return Role.SHORT
        return Role.OTHER

    for group in thread_groups(keys, role, marks):
        spam = labels[group.first_text] == "spam"
        for k in range(group.start, group.end + 1):
            if reasons[k].kind in _UNRULED and labels[k] != "spam":
                labels[k] = "spam" if spam and k < group.first_text else "comment"
                reasons[k] = _THREAD_SHAPE


# How to reach the writer, in any language: a telephone number in international form
# ("+45 21 43 65 87"), an address at a free mail service, or a messenger named with the
# handle, ID or number to add there ("Telegram @trader_8", "加微信 zhuan8899"), in the
# spellings scams use in Latin, Cyrillic, Arabic, Persian, Hebrew, Devanagari, Bengali,
# Thai, Korean and Chinese script.  Readers seldom leave
# these under a story; scams do ("write to him on WhatsApp", "pište na e-mail").  In the
# corpus's gold 3 comment blocks have one (commenters giving their own mailbox: "Drop me a
# line: ...@gmail.com"), against 401 spam blocks.  ("Signal" is no messenger here: it is a
# word too, "best signal in ...".)
_MESSENGER = (r"(?:whats\s?app|telegram|viber|wechat|kakao\s?talk|zalo|ватсап|вотсап|вацап|телеграм+|вайбер|واتساب|واتس\s?اب"
              r"|واتساپ|تيليجرام|تلغرام|تليغرام|تلگرام|וואטסאפ|ווטסאפ|טלגרם|व्हाट्सएप|व्हाट्सऐप|टेलीग्राम|হোয়াটসঅ্যাপ|টেলিগ্রাম"
              r"|ไลน์|微信|电报|카톡|카카오톡|텔레그램)")
_CONTACT = re.compile(rf"(?<![\w+])\+\d{{1,3}}[\s\-]?\(?\d[\d\s\-()]{{6,}}\d|(?<![<\w.+\-]){_FREE_MAIL}"
                      rf"|{_MESSENGER}\W{{0,3}}(?:\w+\W{{1,3}}){{0,3}}?(?:@[A-Za-z_][\w.]{{3,}}|[A-Za-z][A-Za-z_.]*\d[\w.]*"
                      rf"|\+?\d[\d\s\-]{{6,}}\d)", re.IGNORECASE)
# A shop's offer: half the price off or more, with the shop's link.  The fake-shop rule
# needs a discount's word in a language it knows; a comment's text needs none.  In the
# corpus's gold 80 spam blocks have both, and 2 comments (a course's pass mark and a share
# of equity, each beside a link); "100%" is left out ("near 100% of the variance").  The
# digits and percent sign may be Arabic or Persian ("۷۰٪"), the shop's domain any country's
# in lower case ("kafsh-off.ir").
_SHOP_OFFER = re.compile(rf"(?s)(?=.*(?<![\d.,])[5-9٥-٩۵-۹]\d\s?[%٪])(?=.*(?:{_URL}|(?-i:\b[a-z0-9][\w\-]*\.[a-z]{{2,3}}\b)))",
                         re.IGNORECASE)
# A spam comment's header is its name and its time, on one line or two (docs/labels.md).
_HEADER_MAX_LINES = 2


def _contact_spam(blocks: Sequence[Block], labels: list[str], reasons: list[Reason], is_header: list[bool]) -> None:
    """A comment's text that gives a phone number, a free mailbox or a messenger's handle,
    or a shop's link with half off, is spam, and so is its header right above it (docs/
    labels.md: a spam comment's header is spam).  Not an address in angle brackets: forums
    print the commenter's own in the header so."""
    for i in compress(range(len(labels)), map("comment".__eq__, labels)):
        if reasons[i].kind is ReasonKind.RULE or is_header[i]:
            continue
        text = blocks[i].text
        if _CONTACT.search(text):
            reason = _CONTACT_IN_COMMENT
        elif _SHOP_OFFER.search(text):
            reason = _SHOP_OFFER_IN_COMMENT
        else:
            continue
        labels[i], reasons[i] = "spam", reason
        for above in range(i - 1, max(-1, i - 1 - _HEADER_MAX_LINES), -1):
            text = blocks[above].text.rstrip()
            if labels[above] != "comment" or not (is_header[above] or reasons[above] == _THREAD_SHAPE) \
                    or _is_comment_text(text) or text.endswith(("!", "?", "！", "？")):
                # (A reply of a word or two, "Sleep tight!", is no header.)
                break
            labels[above], reasons[above] = "spam", reason


def _row_keys_near_times(blocks: Sequence[Block], marks: list[Mark]) -> list | None:
    """Each block's ``RowKey`` where it could take part in a thread (``None`` elsewhere), or
    ``None`` for a page that cannot hold one (``may_hold_thread``).  A run has a line that
    reads as a comment's time or count between each two repeats, and those lines have
    digits: only the lines with a digit, and then the blocks a run's gap from a time, need
    a key (working keys out for every block took a tenth of the rules-only mode's time)."""
    n = len(blocks)
    keys: list = [None] * n
    looked = [False] * n
    for i, b in enumerate(blocks):
        text = b.text
        line = text if b.n_lines == 1 else text[text.rfind("\n") + 1:]
        if b.bullet or len(line) > RAW_ROW_MAX_CHARS:
            looked[i] = True
        elif _HAS_DIGIT.search(line):
            looked[i] = True
            keys[i] = row_keys(text) if b.n_lines == 1 else tail_key(text)
    if not may_hold_thread(keys, marks):
        return None
    timed = [i for i, key in enumerate(keys) if key is not None and key.timed]
    for k in sorted({k for t in timed for k in range(max(0, t - GAP_MAX), min(n, t + GAP_MAX + 1))}):
        if not looked[k]:
            # A short line with no digit: its key is the line in lower case.
            keys[k] = plain_key(blocks[k].text, tail=blocks[k].n_lines > 1)
    return keys


def _header_over_text(text: str) -> bool:
    """A comment's header run together with its text in one block, the other way round from
    a row under it: a line with a name and a time ("[江城网友] 老张 2024-05-14 10:21"), then
    the comment.  (Not a paragraph wrapped at a line's width, whose first line is no header.)"""
    head, _, last = text.rstrip().rpartition("\n")
    key = row_keys(head)
    return key is not None and key.named and key.timed and _word_count(last) <= _SHAPE_TEXT_MAX_WORDS \
        and _is_comment_text(last)


def _is_comment_text(text: str) -> bool:
    """A comment's words as the shape pass reads them: a short comment (``_is_short_comment``)
    or a few words ending in a link, an address or a telephone number, as scams do ("...
    pište na pujcky@gmail.com"); not a heading (a colon) or a headline in title case."""
    stripped = text.rstrip()
    if stripped.endswith(":"):
        return False
    return ((_is_short_comment(stripped) or (_ENDS_WITH_LINK.search(stripped) is not None
                                             and _word_count(stripped) >= _COMMENT_MIN_WORDS))
            and not _title_cased(stripped))


def _title_cased(text: str) -> bool:
    """A headline in title case ("Is Your Attic Insulation Wasting Money?"): most of its
    longer words capitalised, as no reader's sentence is."""
    words = [w for w in _WORD.findall(text) if len(w) > 3 and not w.isdigit()]
    return len(words) >= 3 and sum(w[0].isupper() for w in words) >= _TITLE_CASE_SHARE * len(words)


def _is_handle_or_name(text: str, digitless: bool, any_script: bool = False) -> bool:
    """A commenter's name ("Line Bach", "Elena D.", with no digit) or account handle
    ("Karel_P", "Krzysiek_89"); with ``any_script``, a name in a script without capitals
    too (``_is_name``)."""
    stripped = text.strip()
    return (digitless and _is_name(stripped, any_script)) or (" " not in stripped and bool(_HANDLE.fullmatch(stripped)))


def _time_headers(blocks: Sequence[Block], labels: list[str], reasons: list[Reason], is_header: list[bool],
                  is_time: list[bool]) -> list[int]:
    """Mark the bare relative times a reply row follows (within ``_TIME_REPLY_REACH`` blocks)
    as comment headers in ``is_header``; return the name lines right above them.

    "Roberto Lima" / "há 2 horas" / the comment / "Responder": the name and the time of a
    comment header on lines of their own.  The reply row is what tells this time from one
    that dates a teaser.  The name line is an unruled ``_is_name`` line.
    """
    names = []
    for i, timed in enumerate(is_time):
        if not timed or is_header[i]:
            continue
        if not any(_reply_row(labels, reasons, is_header, k) for k in range(i + 1, i + 1 + _TIME_REPLY_REACH)):
            continue
        is_header[i] = True
        if i > 0 and reasons[i - 1].kind in _UNRULED and not is_header[i - 1] and _is_name(blocks[i - 1].text):
            names.append(i - 1)
    return names


def _name_headers(blocks: Sequence[Block], labels: list[str], reasons: list[Reason], is_header: list[bool],
                  is_form: list[bool]) -> None:
    """Mark as comment headers, in ``is_header``, the name lines of comments whose header no
    rule knows: a name, the comment, its reply row ("Thomas M." / "Guter Artikel." /
    "Antworten"), as comment systems print them without a date.  The reply row under the
    comment is what makes the name line a header (the comment must end a sentence), or a
    spam rule's hit on the block under it."""
    n = len(labels)
    for r in range(1, n):
        h = r - 1
        if is_header[h] or reasons[h].kind not in _UNRULED:
            continue
        if labels[r] == "spam" and reasons[r].kind is ReasonKind.RULE:
            # A spam rule already found the comment: the name above it is its header.
            if _is_name(blocks[h].text):
                is_header[h] = True
            continue
        if not _reply_row(labels, reasons, is_header, r + 1) or not _is_short_comment(blocks[r].text):
            continue
        if reasons[r].kind in _UNRULED and not is_header[r] and _is_name(blocks[h].text):
            is_header[h] = True
    # Threads print the reply row under some comments only (the last, or those with
    # likes), so the other name lines stand over a comment and then the next comment's
    # header, the comment form after the last comment, or the end of the page.  A run of
    # such name / comment pairs counts when more of the thread, or the thread's heading,
    # is right above it (or the page starts with it, when a header or form ends it):
    # pairs between the article and the first header are as often the article's last
    # headings and paragraphs ("References" / a source line).
    r = n
    while r >= 2:
        if not (r == n or is_header[r] or is_form[r]):
            r -= 1
            continue
        top = r
        while top >= 2 and _name_pair(blocks, reasons, is_header, top - 2):
            top -= 2
        if top < r and (_in_thread_above(labels, reasons, is_header, is_form, top - 1) if top >= 1 else r < n):
            for h in range(top, r, 2):
                is_header[h] = True
        r = top - 1


def _name_pair(blocks: Sequence[Block], reasons: list[Reason], is_header: list[bool], h: int) -> bool:
    """Whether blocks ``h`` and ``h + 1`` read as a name line over a short comment, neither
    claimed by a rule.  Not a list item under the name: sidebars list post titles under
    their blog's name."""
    c = h + 1
    return (not is_header[h] and not is_header[c] and reasons[h].kind in _UNRULED and reasons[c].kind in _UNRULED
            and not blocks[c].bullet and _is_short_comment(blocks[c].text) and _is_name(blocks[h].text))


def _in_thread_above(labels: list[str], reasons: list[Reason], is_header: list[bool], is_form: list[bool],
                     k: int) -> bool:
    """Whether block ``k`` heads or belongs to a comment thread: the thread's heading
    ("Comments (4)"), a header, a comment rule's row or a spam rule's hit, or the comment
    under a header."""
    return (is_form[k] or is_header[k] or (labels[k] in ("comment", "spam") and reasons[k].kind is ReasonKind.RULE)
            or (k >= 1 and is_header[k - 1]))


def _is_short_comment(text: str) -> bool:
    """A comment's text, however short: a few words ending a sentence (not a teaser cut
    off with an ellipsis)."""
    stripped = text.rstrip()
    if stripped.endswith(_PROSE_ENDS) or (stripped.endswith((";", "\u037e")) and _GREEK.search(stripped) is not None):
        least = _COMMENT_MIN_WORDS
    elif _UNMARKED_END.search(stripped):
        # With no mark to go by, a Thai name ("มานี รักเรียน") is told from a sentence by its length.
        least = _UNMARKED_COMMENT_MIN_WORDS
    else:
        return False
    return not stripped.endswith(("...", "…")) and _word_count(stripped) >= least


def _capitalised(word: str) -> bool:
    return word[:1].isupper()


def _is_name(text: str, any_script: bool = False) -> bool:
    """A person's or account's name alone on a line: one to ``_NAME_MAX_WORDS`` capitalised
    words, the last one perhaps an initial ("Thomas M."); with ``any_script``, words of a
    script without capitals count too ("محمد علي", "老张"), where the shape pass has the
    thread's repeats to go by besides."""
    words = rule_text(text).split()
    opens = opens_name if any_script else _capitalised
    if not 0 < len(words) <= _NAME_MAX_WORDS or not all(opens(w) for w in words):
        return False
    last = words[-1]
    return not last.endswith(_PROSE_ENDS) or (len(last) == 2 and last[1] == ".")


def _resumes_article(blocks: Sequence[Block], k: int) -> bool:
    """Whether the article's own paragraphs start again at block ``k``: one long paragraph,
    or two paragraphs in a row, not list items.  Teasers are titles, each with at most a
    sentence or two of summary, and titles stand between the summaries."""

    def paragraph(j: int, min_words: int) -> bool:
        block = blocks[j]
        return not block.bullet and _word_count(block.text) >= min_words and _is_prose(block.text)

    if paragraph(k, _RESUME_ONE_WORDS):
        return True
    return k + 1 < len(blocks) and paragraph(k, _RESUME_TWO_WORDS) and paragraph(k + 1, _RESUME_TWO_WORDS)


def _after_section_header(
    blocks: Sequence[Block], labels: list[str], reasons: list[Reason], is_section: list[bool], conf: list[float]
) -> None:
    """Teasers under a "Related stories"/"More from ..." heading are navigation.

    The teasers run from the heading to the next block a rule claims, or to where the
    article's paragraphs resume (``_resumes_article``): a "Related" box in mid-article
    takes its list and gives the paragraphs after it back.  Only when more article lies
    above the heading than inside the run are the blocks of the run teasers.
    """
    n = len(labels)
    for i in range(n):
        if not is_section[i]:
            continue
        body_above = sum(blocks[k].end - blocks[k].start for k in range(i) if labels[k] == "body")
        stop = i + 1
        while stop < n and reasons[stop].kind is not ReasonKind.RULE and not _resumes_article(blocks, stop):
            stop += 1
        body_below = sum(blocks[k].end - blocks[k].start for k in range(i + 1, stop) if labels[k] == "body")
        if body_below >= body_above:
            continue
        for k in range(i + 1, stop):
            if labels[k] in ("body", "caption"):
                labels[k] = "navigation"
                reasons[k] = _AFTER_SECTION_HEADER


def _titles_after_other_articles(blocks: Sequence[Block], labels: list[str], reasons: list[Reason],
                                 is_heading: list[bool]) -> None:
    """With the model: the one-line titles right under a heading that names other articles
    ("Read also:", "Leggi anche:", "More from Business") are teasers, where the model kept
    them as body.

    Narrower than the rules-only pass: only under a heading with article prose above it,
    only titles (``_is_title_block``), at most ``_TITLES_MAX_BLOCKS`` of them, and the run
    stops at the first other block or one a rule decided, so a box in mid-article gives
    back the paragraph after it.  The heading must name articles:
    "Recommended:", "Read more" and "More on X:" also head product details, system
    requirements and rankings, which this moved on training pages when it read every
    "Related" heading (docs/model.md).
    """
    n = len(labels)
    prose_above = False
    for i in range(n - 1):
        if not is_heading[i] or blocks[i].bullet or not prose_above:
            # A heading in a menu ("• Most popular") or above the article (nothing of it
            # yet) heads no teaser box: under it come the menu and the article's headline.
            prose_above = prose_above or (labels[i] == "body" and _is_prose(blocks[i].text))
            continue
        k = i + 1
        # A title over the article's resumed paragraphs is its subheading, not a teaser.
        while (k < n and k - i <= _TITLES_MAX_BLOCKS and reasons[k].kind is not ReasonKind.RULE
               and _is_title_block(blocks[k]) and not (k + 1 < n and _resumes_article(blocks, k + 1))):
            if labels[k] == "body" and reasons[k] is MODEL:
                labels[k] = "navigation"
                reasons[k] = _TEASER_TITLES
            k += 1


def _is_title_block(block: Block) -> bool:
    """A headline or a few, one a line: no line over ``_TITLE_MAX_WORDS`` words or ending a
    sentence (a colon ends one too: it heads what follows)."""
    if block.n_lines > _TITLES_MAX_BLOCKS:
        return False
    for line in block.text.splitlines() if block.n_lines > 1 else (block.text,):
        stripped = rule_text(line).strip()
        if not stripped or stripped.endswith(_PROSE_ENDS) or _word_count(stripped) > _TITLE_MAX_WORDS:
            return False
    return True


def layout_summary() -> str:
    """The layout step in one sentence, from its constants (``cleanfeed --list-rules``)."""
    return (f"Without a model, a block no rule claims is body when it reads as prose ({_PROSE_MIN_WORDS}+ words "
            f"ending a sentence, or {_DENSE_MIN_WORDS}+ words of which {_DENSE_MIN_FUNCTION_WORDS:.0%} are function "
            f"words) or is a line of up to {_HEADING_MAX_WORDS} words right above prose, or above up to {_HEADING_SKIP} byline, "
            f"dateline or credit lines over prose; otherwise navigation "
            f"(in Chinese, Japanese, Thai and other scripts without spaces, two characters count as a word).")


def _word_count(text: str) -> int:
    """Words of ``text``: white-space separated, and a word per two characters of a script
    written without spaces (``_NO_SPACE``), per four in Thai, Lao, Khmer and Myanmar
    (``_LONG_WORDS``); the same as ``len(text.split())`` for text without such characters."""
    if text.isascii() or not _NO_SPACE.search(text):
        return len(text.split())
    chars = sum(len(run) for run in _NO_SPACE.findall(text))
    long_words = len(_LONG_WORDS.findall(text))
    return len(_NO_SPACE.sub(" ", text).split()) + (chars - long_words + 1) // 2 + (long_words + 3) // 4


def _reply_row(labels: list[str], reasons: list[Reason], is_header: list[bool], k: int) -> bool:
    """Whether block ``k`` is a comment's action row: a comment rule that is not a header."""
    return (k < len(labels) and labels[k] == "comment" and reasons[k].kind is ReasonKind.RULE
            and not is_header[k])


def _enough_words_ending_a_sentence(stripped: str) -> bool:
    """The first test of prose, on text without trailing white space."""
    if stripped.endswith(_PROSE_ENDS):
        return _word_count(stripped) >= _PROSE_MIN_WORDS
    # Thai and Lao: no mark, so only a paragraph longer than a headline reads as prose.
    return _UNMARKED_END.search(stripped) is not None and _word_count(stripped) >= _UNMARKED_PROSE_MIN_WORDS


def _ends_a_sentence(text: str) -> bool:
    """Prose by its first test alone, and not a teaser cut off with an ellipsis."""
    stripped = text.rstrip()
    return _enough_words_ending_a_sentence(stripped) and not stripped.endswith(("...", "…"))


def _is_prose(text: str) -> bool:
    stripped = text.rstrip()
    if _enough_words_ending_a_sentence(stripped):
        return True
    words = _WORD.findall(stripped.lower())
    return len(words) >= _DENSE_MIN_WORDS and sum(w in _FUNCTION_WORDS for w in words) >= _DENSE_MIN_FUNCTION_WORDS * len(words)


def _layout(blocks: Sequence[Block], labels: list[str], reasons: list[Reason], meta: frozenset[Reason],
            meta_marked: list[bool]) -> None:
    """Rules-only mode: every block still undecided is body if it reads as prose or heads
    prose, navigation otherwise (``reason="layout"``).  A block an article-meta marker
    found (a bare date line) is metadata, never a heading, and is looked past like the
    blocks the article-meta rules decided."""
    is_meta = [reason in meta or marked for reason, marked in zip(reasons, meta_marked)]
    undecided = [i for i, reason in enumerate(reasons) if reason.kind is ReasonKind.DEFAULT]
    prose = {i for i in undecided if _is_prose(blocks[i].text)}
    for i in undecided:
        heading = (not meta_marked[i] and _heads_prose(is_meta, prose, i)
                   and _word_count(blocks[i].text) <= _HEADING_MAX_WORDS)
        labels[i] = "body" if i in prose or heading else "navigation"
        reasons[i] = LAYOUT


def _heads_prose(is_meta: list[bool], prose: set[int], i: int) -> bool:
    """Whether prose follows block ``i``, past at most ``_HEADING_SKIP`` article-meta
    blocks: a news headline sits above its byline, dateline and photo credit, not above
    its first paragraph."""
    for k in range(i + 1, min(i + 2 + _HEADING_SKIP, len(is_meta))):
        if k in prose:
            return True
        if not is_meta[k]:
            return False
    return False
