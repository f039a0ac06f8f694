"""The rule layer: named regular-expression patterns, each with a label and a reason.

Rules are data.  A *hard* rule decides a block's label outright (the block's reason is
``rule:<name>``); a *soft* rule only becomes a feature that the model weighs against
everything else it knows.  Make a rule hard only when the pattern practically never
occurs in another role: "Your email address will not be published" is always comment-form
chrome, while "bitcoin" also appears in finance news and is left for the model.

Patterns use the ``regex`` module (Unicode classes such as ``\\p{Lu}``) and are matched
with ``search`` against the block text with any leading list marker removed.  Matching is
case-insensitive unless the pattern turns it off with ``(?-i)``.  User rules run under a
time limit, so a slow pattern cannot hang a batch: a rule that times out counts as not
matching that block.  The default rules run without one; ``tests/test_rules.py`` checks
each against pathological input instead.

Add rules with ``RuleSet.with_rules`` or a TOML/JSON file (``RuleSet.from_file``):

.. code-block:: toml

    disable = ["nav_font_size"]

    [[rules]]
    name = "nav_podcast_prompt"
    label = "navigation"
    pattern = '^listen to (this|the) (podcast|episode)\\b'
    why = "Audio player prompts are page chrome."
    strength = "hard"
"""

from __future__ import annotations

import bisect
import json
import warnings
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from os import PathLike
from pathlib import Path
from typing import Any, Literal

import regex

from ._first_chars import first_chars
from ._literals import required_literals
from . import lexicon as lx
from .lexicon import alternation as _alt
from .labels import LABELS
from .segment import _BULLET_GLYPHS as _MARKER_GLYPHS

try:
    from . import _cmatch
except ImportError:  # installed without a C compiler: each rule's generated test
    _cmatch = None

#: Whether the rules' ``requires`` pre-checks run in C, all rules in one pass (``cleanfeed._cmatch``).
COMPILED = _cmatch is not None

__all__ = ["Rule", "RuleSet", "RuleError", "RuleWarning", "DEFAULT_RULES"]

Strength = Literal["hard", "soft", "marker"]
#: Every strength a rule may have (see ``Rule``).
STRENGTHS: tuple[str, ...] = ("hard", "soft", "marker")

#: Seconds one rule may spend on one block before it is treated as not matching.
MATCH_TIMEOUT_S = 0.05
#: Blocks up to this many characters have their answers remembered, by a RuleSet (rule
#: hits) and by the features (a block's own layout features): "Share", "Reply" and a
#: site's menu come back on every page.  At most this many are kept (then forgotten).
MEMO_MAX_CHARS = 120
MEMO_MAX_ENTRIES = 20_000

# A leading list marker is layout, not content: "• Reply" is still a reply link.
_LEADING_MARKER = regex.compile(rf"^(?:[{regex.escape(_MARKER_GLYPHS)}]\s+)+")


def strip_marker(text: str) -> str:
    """``text`` without its leading list marker(s)."""
    if text[:1] not in _MARKER_GLYPHS or not text:  # most blocks: no marker, no regex call
        return text
    return _LEADING_MARKER.sub("", text, count=1)


# A block of several lines is a paragraph a scraper wrapped at a fixed width (or lines the
# segmenter found to belong together): the breaks are spaces to the rules.  Patterns say
# ".{0,40}" meaning "a few words on", and a wrap between "Schreiben" and "Sie ihr auf
# WhatsApp" hid 41 training scams from the messenger rule (and 16 newsletter prompts,
# 5 copyright lines from theirs).  One character for one, so lengths stay as they were.
_LINE_BREAKS = str.maketrans("\n\r", "  ")


def rule_text(text: str) -> str:
    """What the rules read of a block: its text without the list marker, on one line."""
    content = strip_marker(text)
    return content.translate(_LINE_BREAKS) if "\n" in content or "\r" in content else content


def _contains_any(literals: tuple[str, ...]) -> Callable[[str], bool]:
    """A test of whether a string contains any of ``literals``.

    The pre-checks run for every rule on every block, so this is on the hot path.  ``in``
    finds one literal with a fast substring search, where a regular-expression alternation
    of the same literals tries each of them at every position, and ``any()`` costs a
    generator step per literal.  So the test is generated as one expression,
    ``'a' in s or 'b' in s or ...``, the way ``dataclasses`` generates ``__init__``:
    ``repr`` of a string is always a literal that evaluates to that same string.
    """
    source = "lambda s: " + " or ".join(f"{literal!r} in s" for literal in literals)
    return eval(source, {})  # noqa: S307 - evaluates string literals built just above


# Rules that have hit their time limit in this process: each is reported once, since a
# pattern that backtracks on one block usually does on many.
_TIMED_OUT: set[str] = set()


def _warn_timed_out(rule: "Rule") -> None:
    if rule.name not in _TIMED_OUT:
        _TIMED_OUT.add(rule.name)
        warnings.warn(f"rule {rule.name!r} hit its time limit of {rule.timeout} s on a block and was taken as not "
                      "matching there (reported once); a pattern that backtracks this much needs rewriting",
                      RuleWarning, stacklevel=2)


class RuleWarning(UserWarning):
    """A rule did something its author should hear about (a time-out, a replaced default rule)."""


class RuleError(ValueError):
    """A rule or rule file is malformed; the message says which and how."""


@dataclass(frozen=True)
class Rule:
    """One pattern, the label it points to, and why.

    ``name`` is unique within a rule set and is what ``--disable``/``disable=`` refers to;
    ``why`` is the one sentence ``cleanfeed --list-rules`` prints; ``strength`` is
    ``"hard"`` (decides the label), ``"soft"`` (a model feature) or ``"marker"`` (only
    tells a context pass where something is, through its ``kind``: neither decides nor
    feeds the model, so a marker that matches a subset of another rule's blocks adds no
    second count of the same evidence).

    ``max_chars`` and ``requires`` are cheap pre-checks that skip the regular expression
    where it cannot match: blocks longer than ``max_chars`` (most chrome rules describe
    short lines), or blocks containing none of the lower-case strings in ``requires``.
    They must be implied by the pattern; they change speed, never results.  ``timeout`` is
    the time limit per block in seconds; the default rules run without one (setting up the
    limit costs more than most of their matches, and ``tests/test_rules.py`` checks each of
    them against pathological input instead).  ``kind`` tags rules
    the context pass needs to recognise: ``"comment_header"`` (a header line takes the
    label of the comment under it), ``"comment_time"`` (a bare relative time, a comment
    header only where a reply row follows it), ``"comment_form"`` (the heading over a thread
    or the form under it, which bound a run of name lines taken for headers),
    ``"other_articles"`` (a heading naming other articles: with the model too, the one-line
    titles under it are teasers), ``"section_header"`` (the teasers under "Related News"
    are navigation) and ``"article_meta"`` (bylines, datelines and photo
    credits, which may stand between a headline and its story: rules-only layout looks past
    them).
    """

    name: str
    label: str
    pattern: str
    why: str
    strength: Strength = "soft"
    kind: str = ""
    max_chars: int | None = None
    requires: tuple[str, ...] = ()
    timeout: float | None = MATCH_TIMEOUT_S
    _compiled: regex.Pattern = field(init=False, repr=False, compare=False)
    _has_required: Callable[[str], bool] | None = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        if not self.name or not regex.fullmatch(r"[a-z][a-z0-9_]*", self.name):
            raise RuleError(f"rule name {self.name!r} must be lower_snake_case")
        if self.label not in LABELS:
            raise RuleError(f"rule {self.name!r}: unknown label {self.label!r}; use one of {', '.join(LABELS)}")
        if self.strength not in STRENGTHS:
            raise RuleError(f"rule {self.name!r}: strength must be 'hard', 'soft' or 'marker', not {self.strength!r}")
        if self.strength == "marker" and not self.kind:
            raise RuleError(f"rule {self.name!r}: a marker rule needs a kind (the context pass that reads it)")
        if not self.why:
            raise RuleError(f"rule {self.name!r}: say in 'why' why the pattern means {self.label!r}")
        if self.max_chars is not None and (not isinstance(self.max_chars, int) or self.max_chars < 1):
            raise RuleError(f"rule {self.name!r}: max_chars must be a positive integer or None")
        if isinstance(self.requires, str) or not all(isinstance(r, str) and r for r in self.requires):
            raise RuleError(f"rule {self.name!r}: requires must be a list of non-empty strings")
        object.__setattr__(self, "requires", tuple(r.lower() for r in self.requires))
        object.__setattr__(self, "_has_required", _contains_any(self.requires) if self.requires else None)
        try:
            compiled = regex.compile(self.pattern, regex.IGNORECASE)
        except regex.error as exc:
            raise RuleError(f"rule {self.name!r}: bad pattern {self.pattern!r}: {exc}") from None
        object.__setattr__(self, "_compiled", compiled)

    def matches(self, text: str) -> bool:
        """Whether the pattern occurs in ``text`` (as ``rule_text`` gives it), within the time limit."""
        content = rule_text(text)
        return self._matches_prepared(content, content.lower())

    def _matches_prepared(self, content: str, lowered: str) -> bool:
        if self.max_chars is not None and len(content) > self.max_chars:
            return False
        if self._has_required is not None and not self._has_required(lowered):
            return False
        return self._matches_content(content)

    def _matches_content(self, content: str) -> bool:
        if self.timeout is None:
            return self._compiled.search(content) is not None
        try:
            return self._compiled.search(content, timeout=self.timeout) is not None
        except TimeoutError:
            _warn_timed_out(self)
            return False

    def __reduce__(self) -> tuple[type["Rule"], tuple[Any, ...]]:
        # Rebuilt from its fields: the compiled pattern and the pre-check are derived, and
        # the pre-check (a closure) cannot be pickled.  Worker processes receive rules.
        return (Rule, (self.name, self.label, self.pattern, self.why, self.strength, self.kind,
                       self.max_chars, self.requires, self.timeout))

    def to_dict(self) -> dict[str, object]:
        return {
            "name": self.name,
            "label": self.label,
            "pattern": self.pattern,
            "why": self.why,
            "strength": self.strength,
            "kind": self.kind,
            "max_chars": self.max_chars,
            "requires": list(self.requires),
        }


def _R(name: str, label: str, pattern: str, why: str, strength: Strength = "hard", kind: str = "",
       max_chars: int | None = None, requires: tuple[str, ...] = ()) -> Rule:
    return Rule(name=name, label=label, pattern=pattern, why=why, strength=strength, kind=kind,
                max_chars=max_chars, requires=requires, timeout=None)


# A person-like name: one to four capitalised words (initials and hyphens allowed).
_NAME = r"(?-i:\p{Lu}[\p{L}\p{M}'’.\-]*)(?:\s+[\p{L}\p{M}'’.\-]+){0,3}"
# Month names and their abbreviations (English, and the German ones Fundus pages use), whole
# words only: a bare prefix would read "Mars 3" or "Decent 4" as dates.
_MONTH = (
    r"(?:jan(?:uary|uar)?|feb(?:ruary|ruar)?|mar(?:ch)?|märz|apr(?:il)?|may|mai|jun[ei]?|jul[iy]?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|o[ck]t(?:ober)?|nov(?:ember)?|de[cz](?:ember)?)\b\.?"
)
_VOTES_EN = r"^(?:\d[\d,.]*k?\s+(?:likes?|upvotes?|downvotes?|points?|replies|reactions?)|(?:like|dislike|upvote|downvote)\s*\(?\d*\)?)$"
# A like count in the other languages: "14 Gefällt mir", "Me gusta (12)".
_LIKES_COUNT = rf"\d[\d,.]*k?\s+{_alt(lx.LIKES)}|{_alt(lx.LIKES)}\s*\(?\d*\)?"
# One item of a comment's action row: a reply or report link, a like button or count, a short age.
_ACTION = (rf"(?:(?:reply|report|share|like|dislike|{_alt(lx.REPLY)}|{_alt(lx.SHARE)})\s*[›»>]?"
           rf"|\d[\d,.]*k?\s+(?:likes?|upvotes?|points?|replies)|(?:likes?|upvotes?)\s*\(?\d*\)?"
           # Vote counts: "+15 / -1", "▲ 3 ▼".
           rf"|[+\-−]?\d{{1,5}}\s*/\s*[+\-−]?\d{{1,5}}|[▲▼↑↓]\s*\d{{1,5}}(?:\s*[▲▼↑↓])?"
           rf"|\d{{1,2}}\s?(?:[smhdw]|min|hrs?)|{_LIKES_COUNT})")
_COMMENT_FORM_EN = (r"leave a (?:reply|comment|response)|post a comment|add (?:a |your )?comment|write a comment|join the (?:discussion|conversation)"
                    r"|cancel reply|post comment|submit comment|\d+\s+(?:comments?|responses?|thoughts? on .{1,120})|comments?(?:\s*\(\d+\))?"
                    r"|discussion|responses?")
_CAPTION_LABEL_EN = r"^(?:photo|image|picture|photograph|illustration|graphic|video|credit|foto|bild|source)s?\s*(?::|by\b|credit\b|courtesy\b)(?=.{2,300}$)"
_RELATED_EN = (r"related(?:\s+(?:news|articles?|stories|posts|content|coverage|topics|reading|links|videos?))?|you (?:may|might) (?:also )?(?:like|enjoy|be interested in)"
               r"|recommended(?: for you| stories| articles| reading)?|read (?:next|more|also|this next)|further reading"
               r"|more (?:stories|news|articles|from|on|in|like this)(?:\s.{1,40})?|(?:most|more) (?:read|popular|viewed|shared)"
               r"|popular (?:posts|stories|now|articles)|trending(?: now| stories)?|see also|also read|don'?t miss|latest (?:news|stories|posts|articles)"
               r"|top stories|editor'?s picks?|in other news|around the web|from the web|sponsored (?:stories|links|content)")
# The headings among those that name other articles: no "Recommended:", "Read more" or
# "More on X:", which also head a product's details, system requirements or a ranking.
_OTHER_ARTICLES_EN = (r"related(?:\s+(?:news|articles?|stories|posts|coverage|reading))?|you (?:may|might) (?:also )?(?:like|enjoy|be interested in)"
                      r"|recommended (?:for you|stories|articles|reading)|read (?:next|also|this next)|also read"
                      r"|more (?:stories|news|articles|from\s.{1,40}|like this)|(?:most|more) (?:read|popular|viewed|shared)"
                      r"|popular (?:posts|stories|now|articles)|trending(?: now| stories)?|don'?t miss|latest (?:news|stories|posts|articles)"
                      r"|top stories|editor'?s picks?|in other news|sponsored (?:stories|links|content)")
_READ_MORE_EN = r"read more|continue reading|keep reading|learn more|click here|more info|see more|view all|show more|load more"

# With the other languages' month names (``lexicon.MONTHS``), for the day-first dates they
# write ("12 mars 2024", "3 de marzo de 2024"); a month first and no year stays English and
# German, since "Maja 3" or "Mei 12" is more often a name than a date.
_MONTH_ANY = rf"(?:{_MONTH}|{_alt(lx.MONTHS)}\b\.?)"
_WEEKDAY_NAME = rf"(?:(?:mon|tues?|wed(?:nes)?|thu(?:rs?)?|fri|sat(?:ur)?|sun)(?:day)?|{_alt(lx.WEEKDAYS)})\b"
_WEEKDAY = rf"{_WEEKDAY_NAME}\.?,?\s+"
_ORD = r"(?:st|nd|rd|th)?"
_DATE = (
    rf"(?:{_WEEKDAY})?(?:{_MONTH}\s+\d{{1,2}}{_ORD},?\s+\d{{4}}|\d{{1,2}}(?:{_ORD}|\.)\s+(?:of\s+|de\s+)?{_MONTH_ANY},?\s+(?:de\s+)?\d{{4}}"
    rf"|{_MONTH}\s+\d{{1,2}}{_ORD}|\d{{1,4}}[/.\-]\d{{1,2}}[/.\-]\d{{2,4}})"
)
# "14:32", "2.32 pm", and the French "14h32" and German "14:32 Uhr".
_TIME = r"@?\s?\d{1,2}(?:[:.]|\s?h\s?)\d{2}(?::\d{2})?\s*(?:[ap]\.?m\.?|uhr\b)?"
# The word between a comment header's date and its time ("at", "um", "à", ...).
_AT = rf"(?:at|{_alt(lx.AT)})\s+"
# The word before a header's date ("Jane on March 3", "Anna am 3. März").
_ON = r"(?:on|am|le|el|il|em|op|den)"


def _needs(english: str, *tables: lx.Table) -> tuple[str, ...]:
    """``requires`` for a rule whose pattern is ``english`` or one of the ``tables``' words:
    the strings read off the English pattern (``_literals``) and the tables' own
    (``lexicon.words``).  Read off the whole pattern, the many non-ASCII words end every
    string early ("ré", "dit") or pass ``_literals``' limit, and the rule would be tried on
    many more blocks (nav_related_heading on every short one)."""
    english_strings = required_literals(english)
    if english_strings is None:
        return ()
    return tuple(dict.fromkeys((*english_strings, *(w for t in tables for w in lx.words(t)))))


# The commenter's name before a relative time ("Jane · ", "Anna Becker, ").
_AGO_NAME = r"(?-i:\p{Lu})[\p{L}\p{M}'’.\- ]{0,40}\s*[·•|,\-–]?\s*"
_AGENCY = r"(?:AP|AFP|Reuters|EPA|EPA-EFE|Getty Images|Bloomberg|NurPhoto|SOPA Images|Sipa|dpa|picture alliance|ANP|Xinhua|Anadolu|PA|Shutterstock|Alamy|iStock|Imago|TASS|Sputnik|Keystone|NTB|Ritzau|Scanpix|Pool)"
# Words that open datelines and bylines, never a commenter's name: "Posted ...", "Tuesday,
# January 8, 2008", "Reuters - December 30, 2007".
_NOT_A_NAME = (
    r"(?!(?:posted|published|updated|modified|written|last|first|date|created|issued|printed|released|by|on|at|filed)\b)"
    rf"(?!(?:{_alt(lx.PUBLISHED)}|{_alt(lx.BY)})\b)(?!{lx.WEEKDAY_SHORT})"
    rf"(?!{_WEEKDAY_NAME})(?!{_MONTH}\s*\d)(?!(?-i:{_AGENCY})\b)"
)

# The verbs a dateline opens with ("Published", "Last updated").
# A web address as spam writes it: a scheme, "www.", or a name with a common top-level domain.
_URL = r"(?:https?://|www\.[\w\-]|\b[\w\-]+\.(?:com|net|org|info|biz|xyz|ly|co|io|me|tk|ru|site|online|shop|store|top|club)\b)"
# A telephone number: eight or more digits, spaces, dashes or brackets, led by a digit or "+".
_PHONE = r"\+?\d[\d\s\-()]{7,}\d"
# An address at a free mail service: where scams ask to be written to, not a company's domain.
_FREE_MAIL = r"[\w.+\-]+@(?:g(?:oogle)?mail|yahoo|outlook|hotmail|live|proton(?:mail)?|aol|gmx|icloud|mail|yandex|web|wp|o2|interia|libero|orange|free|laposte)\.\w"
_PUBLISHED_EN = r"(?:posted|published|updated|last updated|first published|modified)"
_DATELINE_EN = (rf"^{_PUBLISHED_EN}(?:\s+on)?\s*:?\s*(?:{_DATE}|\d{{1,2}}\s+\w+\s+\d{{4}}|{_MONTH}).{{0,60}}$"
                # The clock time first, then the zone and the date: "Published 6:45 a.m. ET
                # March 14, 2024", "Updated 9:22 PM EST, Mon November 6, 2023" (6 training
                # blocks, all navigation).
                rf"|^{_PUBLISHED_EN}(?:\s+(?:on|at))?\s*:?\s*{_TIME}\s*(?:(?-i:[A-Z]{{2,4}})\b)?,?\s*(?:on\s+)?(?:{_DATE}|{_MONTH}).{{0,60}}$"
                r"|^\d{1,3}\s*(?:-|\s)?(?:min(?:ute)?s?)\s+read$")

DEFAULT_RULES: tuple[Rule, ...] = (
    # --- comments --------------------------------------------------------------------
    _R("comment_says_header", "comment", rf"^{_NAME}(?:\s+(?:says|said|wrote|writes|replied|commented)\s*:?| {_alt(lx.SAYS)}\s*:)$",
       "WordPress and most comment systems head each comment with 'Name says:'.", kind="comment_header",
       # The other languages' verbs follow the name after one plain space (the pattern says
       # so), and every entry of lexicon.SAYS starts with the string words() reads off it.
       max_chars=80, requires=("say", "said", "wrote", "write", "repl", "comment", *(" " + w for w in lx.words(lx.SAYS)))),
    _R("comment_dated_header", "comment",
       # A date alone after a comma or a space is how datelines read ("New Delhi, January 11,
       # 2008"); comment systems either set the name apart ("Jane | 3 May 2011") or add a time.
       rf"^{_NOT_A_NAME}{_NAME}(?:\s*(?:[—–|·•]\s*|\s-\s|\s+{_ON}\s+)(?:{_DATE})(?:,?\s*(?:{_AT}|[|·•]\s*)?{_TIME})?"
       rf"|\s*(?:,\s*|\s+)(?:{_DATE}),?\s*(?:{_AT}|[|·•]\s*)?{_TIME})\s*(?:said|says|wrote|{_alt(lx.SAYS)})?:?$"
       rf"|^{_NOT_A_NAME}{_NAME}\s*\(\s*{_DATE},?\s*{_TIME}\s*\)$",
       "'Name on March 3, 2022 at 5:01 pm', 'Name — July 19th, 2012', 'Name (08/13/2025 07:16)' head comments.",
       kind="comment_header",
       max_chars=100, requires=tuple("0123456789")),
    # Movable Type and TypePad's default comment template is "Posted by: <author> | <date>";
    # the colon sets it apart from the story byline "Posted by Jane on March 3".
    _R("comment_posted_by_header", "comment",
       rf"^posted by:\s*[^|\n]{{1,60}}?\s*(?:\||\bat\b|\bon\b)\s*(?:{_DATE}),?\s*(?:at\s+)?{_TIME}$",
       "'Posted by: Name | March 3, 2008 10:15 PM' heads a comment in Movable Type and TypePad blogs.",
       kind="comment_header",
       max_chars=120, requires=("posted by:",)),
    _R("comment_date_time_line", "comment", rf"^(?=.{{0,120}}$)(?=.*\d{{1,2}}[:.]\d{{2}})(?=.*{_DATE})",
       "A short line with a date and a clock time is often a comment header; datelines share it, so a feature.",
       strength="soft",
       max_chars=120, requires=tuple("0123456789")),
    _R("comment_ago_header", "comment",
       rf"^(?!(?:by|{_alt(lx.BY)})\s)(?!{_alt(lx.PUBLISHED)}\b)"
       rf"(?:(?:{_AGO_NAME})?\d{{1,3}}\s+(?:seconds?|minutes?|mins?|hours?|hrs?|days?|weeks?|months?|years?)\s+ago"
       # In the other languages only after a name: on news pages a bare "vor 3 Stunden" dates
       # a teaser (the training pages' German ones are all navigation).
       rf"|{_AGO_NAME}{_alt(lx.AGO)})$",
       "'Jane · 3 days ago' heads a comment; 'By Jane · 3 days ago' is a byline, on article and listing pages alike.",
       kind="comment_header",
       max_chars=80, requires=("ago", *lx.AGO_WORDS)),
    # Some comment systems print the commenter's name and the time on lines of their own
    # ("Roberto Lima" / "há 2 horas"). A bare time in the other languages also dates teasers
    # on news pages, so it decides nothing by itself: the context pass takes it for a comment
    # header only where a reply row follows (decide._time_headers).
    _R("comment_bare_time", "comment", rf"^{_alt(lx.AGO)}$",
       "A line holding only a relative time, like 'há 2 horas', heads a comment when a reply link follows.",
       strength="soft", kind="comment_time", max_chars=40, requires=lx.AGO_WORDS),
    _R("comment_reply_link", "comment", rf"^(?:reply|reply\s*↓|reply to (?:this )?comment|report(?: comment| abuse)?|flag(?: as inappropriate)?|view (?:\d+ )?(?:more )?replies|show (?:\d+ )?(?:more )?replies|load more (?:comments|replies)|{_alt(lx.REPLY)})$",
       "A lone 'Reply'/'Report' is the action row under a reader comment.",
       max_chars=40),
    # Comment systems print the actions of a comment on one row: "Like · Reply · 3h",
    # "Antworten · 14 Gefällt mir", "Me gusta (12) · Responder".
    _R("comment_action_row", "comment",
       rf"^{_ACTION}(?:\s*[·|•∙⋅]\s*{_ACTION})+\s*$",
       "A row of a comment's actions (reply, report, likes) is the comment's own chrome.",
       max_chars=60, requires=("·", "|", "•", "∙", "⋅")),
    _R("comment_vote_count", "comment",
       rf"{_VOTES_EN}|^(?:{_LIKES_COUNT})$",
       "Vote and reply counts belong to a reader comment.",
       max_chars=40, requires=_needs(_VOTES_EN, lx.LIKES)),
    # --- comment-form and comment-section chrome (navigation) -------------------------
    _R("nav_comment_form", "navigation",
       rf"^(?:{_COMMENT_FORM_EN}|{_alt(lx.COMMENT_FORM)}(?:\s*\(\d+\))?)\s*[:.]?$",
       "Comment-form headings are the site's chrome, not anybody's comment.",
       kind="comment_form", max_chars=160, requires=_needs(_COMMENT_FORM_EN, lx.COMMENT_FORM)),
    _R("nav_comment_form_notice", "navigation",
       r"your email address will not be published|required fields are marked|save my name, email,? and website|you must be (?:logged|signed) in to post a comment|comments are (?:closed|moderated)|this site uses akismet|notify me of (?:follow-up comments|new posts)"
       rf"|{_alt(lx.COMMENT_NOTICE)}",
       "Standard comment-form notices are boilerplate on every page of a site.",
       requires=("email", "required", "comment", "akismet", "notify", *lx.words(lx.COMMENT_NOTICE))),
    _R("nav_comment_form_field", "navigation", r"^(?:name|e-?mail(?: address)?|website|url|comment|message)\s*\*?\s*:?$",
       "Bare form-field labels left over from the comment form.",
       max_chars=30),
    # --- captions and credits ---------------------------------------------------------
    _R("caption_photo_by", "caption",
       r"\((?:photo|image|picture|video|illustration|graphic|photograph)s?(?:\s+(?:by|credit|courtesy(?:\s+of)?|via)\b|\s*:)[^()]{1,120}\)\s*\.?$",
       "'(Photo by X/Agency)' closes a picture caption.",
       kind="article_meta", requires=("(",)),
    _R("caption_label_prefix", "caption",
       # An abbreviated label needs no colon after its full stop: the Polish "Fot. PAP".
       rf"{_CAPTION_LABEL_EN}|^{_alt(lx.CAPTION_LABEL)}(?:\s*:|(?<=\.)\s|\s+{_alt(lx.CAPTION_BY)}\s)(?=.{{2,300}}$)",
       "'Photo:', 'Image by', 'Credit:' open a caption or credit line.",
       kind="article_meta", max_chars=330, requires=_needs(_CAPTION_LABEL_EN, lx.CAPTION_LABEL)),
    _R("caption_agency_tail", "caption",
       r"(?:\bAP Photo\b|\bGetty Images\b|\bShutterstock\b|\biStock(?:photo)?\b|\bAlamy(?: Stock Photo)?\b|\bWireImage\b|\bImago(?: Images)?\b|\bPA Images?\b|\bPA Wire\b|\bFilmMagic\b)(?:\s*(?:/|via|for|,|–|-)\s*[\p{L}\p{M} .'’&/]{0,40})?\)?\.?$",
       "Photo agency names at the end of a block are picture credits.",
       kind="article_meta", requires=("ap photo", "getty", "shutterstock", "istock", "alamy", "wireimage", "imago", "pa image", "pa wire", "filmmagic")),
    _R("caption_slash_credit", "caption",
       rf"(?:^|[\s(\[|–—-]){_NAME}\s?/\s?(?-i:{_AGENCY})\b[^.!?]{{0,40}}$|\((?-i:{_AGENCY})\s?/\s?[^()]{{2,60}}\)\s*$",
       "'Jane Doe/Reuters' and '(Reuters/Jane Doe)' are the agencies' own credit format.",
       kind="article_meta", requires=("/",)),
    _R("caption_getty_dateline", "caption",
       r"^(?-i:[\p{Lu}][\p{Lu} ,.'\-]{2,60})\s*[–—\-]\s*(?-i:[\p{Lu}]{3,9})\s+\d{1,2}(?:,\s*\d{4})?\s*:",
       "'CITY, COUNTRY – JUNE 24:' is how Getty and other agencies start a caption.",
       kind="article_meta", requires=(":",)),
    _R("caption_gallery_counter", "caption", r"^(?:(?:image|photo|slide|picture)\s+)?\d{1,3}\s*(?:/|of)\s*\d{1,3}$",
       "'3 of 12' counts the pictures of a gallery.", strength="soft",
       max_chars=30),
    # --- navigation ---------------------------------------------------------------------
    _R("nav_related_heading", "navigation",
       rf"^(?:{_RELATED_EN}|{_alt(lx.RELATED)})\s*[:»›>|]*$",
       "Headings over teasers of other articles.", kind="section_header",
       max_chars=80, requires=_needs(_RELATED_EN, lx.RELATED)),
    _R("nav_other_articles_heading", "navigation",
       rf"^(?:{_OTHER_ARTICLES_EN}|{_alt(lx.RELATED)})\s*[:»›>|]*$",
       "Headings that name other articles: the one-line titles under them are teasers.",
       strength="marker", kind="other_articles", max_chars=80, requires=_needs(_OTHER_ARTICLES_EN, lx.RELATED)),
    _R("nav_read_original", "navigation", r"^(?:read|view|see)\s+(?:the\s+)?(?:original|full|complete|entire|rest of (?:the|this))\b.{0,80}$",
       "'Read the original article' links point away from the page.",
       max_chars=140),
    _R("nav_read_more_link", "navigation",
       rf"^(?:{_READ_MORE_EN}|{_alt(lx.READ_MORE)})\b.{{0,60}}$",
       "Link labels that lead to another page.",
       max_chars=120, requires=_needs(_READ_MORE_EN, lx.READ_MORE)),
    _R("nav_share", "navigation",
       rf"^(?:share(?: (?:this|the) (?:article|story|post|page))?(?: (?:on|via) \w+)?|share on (?:facebook|twitter|x|linkedin|whatsapp|reddit|pinterest|email)|tweet(?: this)?|pin it|e-?mail(?: this)?|print(?: this)?|copy (?:the )?link|facebook|twitter|linkedin|whatsapp|reddit|pinterest|telegram|flipboard|{_alt(lx.SHARE)})\s*[:!]?$",
       "Share buttons and their labels.",
       max_chars=60),
    _R("nav_follow", "navigation", rf"^(?:(?:follow|connect with|find|like|join) us|{_alt(lx.FOLLOW)})\b.{{0,60}}$",
       "'Follow us'/'Connect with us' social prompts.",
       max_chars=80),
    _R("nav_subscribe", "navigation",
       r"^(?!.*\b(?:my|me)\b)(?:subscribe|sign up|sign in|log ?in|register|get (?:our|the) newsletter|newsletter|join (?:our|the) (?:newsletter|mailing list))\b.{0,120}$|\b(?:sign up|subscribe) (?:for|to) (?:our|the|a) (?:free |daily |weekly )?(?:\w+ )?(?:newsletter|mailing list|email)"
       # Other languages: the button alone, or the invitation in a short line (a paragraph
       # that mentions ordering a newsletter is not one).
       rf"|^{_alt(lx.SUBSCRIBE_BUTTON)}\s*[!.:»›>]*$|^(?=.{{0,160}}$).*\b{_alt(lx.NEWSLETTER)}",
       "Subscription and newsletter prompts (a reader's 'subscribe to my channel' or 'subscribe to me' is spam, not chrome).",
       requires=("subscribe", "sign up", "sign in", "login", "log in", "register", "newsletter", "mailing list",
                 *lx.words(lx.SUBSCRIBE_BUTTON), *lx.words(lx.NEWSLETTER))),
    _R("nav_cookie_notice", "navigation",
       r"\b(?:we use cookies|(?:this|our) (?:web)?site uses cookies|cookie (?:policy|settings|preferences|consent)|accept (?:all )?cookies|by continuing to (?:use|browse) (?:this|our) (?:site|website))\b"
       rf"|\b{_alt(lx.COOKIES)}",
       "Cookie banners.",
       requires=("cookie", "kakor", "ciastecz", "by continuing to")),
    _R("nav_consent_button", "navigation",
       rf"^(?:accept(?: all)?(?: cookies)?|i accept|allow all|reject all|decline(?: all)?|got it"
       rf"|manage (?:options|preferences|settings)|customi[sz]e|{_alt(lx.CONSENT_BUTTON)})\s*[.!]?$",
       "A consent banner's buttons, alone on their lines.",
       max_chars=40, requires=_needs(r"accept|allow all|reject all|decline|got it|manage |customi", lx.CONSENT_BUTTON)),
    _R("nav_copyright", "navigation", rf"^(?:©|\(c\)\s|copyright\b)|\ball rights reserved\b|\b{_alt(lx.RIGHTS)}\b",
       "Copyright notices sit in footers.",
       requires=("©", "(c)", "copyright", "all rights reserved", *lx.words(lx.RIGHTS))),
    _R("nav_search_box", "navigation",
       r"^(?:(?:hi|hey),?\s+)?what are you looking for\??$|^search(?: for| the site| this site| …| \.\.\.)?\s*[:.…]*$|^type (?:here )?(?:to search|and (?:hit|press) enter)\b.{0,40}$|^(?:press|hit) enter to search\b",
       "Search-box placeholders and prompts.",
       max_chars=80),
    _R("nav_byline", "navigation",
       r"^by\s+(?-i:\p{Lu})[\p{L}\p{M}.'’\-]+(?:\s+(?-i:\p{Lu})[\p{L}\p{M}.'’\-]+){0,4}(?:\s*(?:,|and|&)\s*(?-i:\p{Lu})[\p{L}\p{M}.'’\-]+(?:\s+[\p{L}\p{M}.'’\-]+){0,3}){0,3}(?:\s*[|,·•–—\-]\s*.{0,80})?$"
       # Other languages: two or more capitalised words, since "Von Berlin" or "Par Avion" is
       # no byline.
       rf"|^{_alt(lx.BY)} (?-i:\p{{Lu}})[\p{{L}}\p{{M}}.'’\-]+"
       rf"(?:\s+(?:(?-i:{lx.NAME_PARTICLES})\s+)*(?-i:\p{{Lu}})[\p{{L}}\p{{M}}.'’\-]+){{1,4}}(?:\s*[|,·•–—\-]\s*.{{0,80}})?$",
       "'By Jane Doe' bylines are author chrome (docs/labels.md: navigation).",
       kind="article_meta", max_chars=200, requires=("by", *lx.BY_WORDS)),
    _R("nav_author_box", "navigation",
       r"^(?:about the authors?|author bio|more (?:articles|posts|stories) by\b.{0,60}|(?:view|see) all (?:posts|articles|stories) by\b.{0,60}|contributors?|staff writer|written by\b.{0,60}|reporter)$",
       "Author boxes: 'About the author', 'More articles by'.",
       max_chars=100),
    # "Jane Doe is a Berlin-based writer covering ...": the author box under an article
    # (docs/labels.md: navigation).  On the training pages 56 such blocks are navigation and 16
    # body (profiles read the same way), so a feature (benchmarks/rule_hits.py).
    _R("nav_author_bio", "navigation",
       r"^(?:by\s+)?(?-i:\p{Lu}[\p{L}'’.\-]+(?:\s+\p{Lu}[\p{L}'’.\-]+){1,3})\s+(?:is|was|has been|serves as)\s+(?:a|an|the)\b"
       r".{0,120}?\b(?:writer|journalist|editor|reporter|correspondent|contributor|columnist|analyst|author|freelancer"
       r"|blogger|producer|photographer|founder|co-founder|ceo|professor|lecturer|researcher|expert|strategist|consultant)s?\b",
       "'Jane Doe is a staff writer covering ...' opens an author box; profiles read the same, so a feature.",
       strength="soft",
       max_chars=600, requires=(" is ", " was ", " has been ", " serves as ")),
    _R("nav_posted_by", "navigation", r"^posted by\b.{0,80}$",
       "'Posted by X' is a blog byline, but also heads comments on older sites: a feature.", strength="soft",
       max_chars=100),
    _R("nav_dateline_meta", "navigation",
       rf"{_DATELINE_EN}|^{_alt(lx.PUBLISHED)}\s*:?\s*(?:{_DATE}|\d{{1,2}}\.?\s+\w+\s+\d{{4}}).{{0,60}}$"
       rf"|^{_alt(lx.READING_TIME)}\s*:?\s*\d{{1,3}}\s*min\w*\.?$|^\d{{1,3}}\s*min\w*\.?\s+{_alt(lx.READING_TIME)}$"
       # The date first, then when it was updated: "12/05/2024 14h32 · Atualizado há 3 horas".
       rf"|^(?:[^·•|\d]{{1,40}}[·•|]\s*)?{_DATE},?\s*(?:{_TIME})?\s*[·•|\-–]?\s*(?:{_PUBLISHED_EN}|{_alt(lx.PUBLISHED)})\b.{{0,60}}$"
       # The date and time with the reading time: "14.11.2024, 16:20 Uhr · 3 Min.".
       rf"|^{_DATE},?\s*(?:{_TIME})?\s*[·•|]\s*\d{{1,3}}\s*min\w*\.?(?:\s+{_alt(lx.READING_TIME)})?$",
       "Publication dates and reading times are page metadata.",
       kind="article_meta", max_chars=120, requires=(*_needs(_DATELINE_EN, lx.PUBLISHED, lx.READING_TIME), "min")),
    # Not hard: a date alone on its line is also a comment's time stamp, which is comment.
    _R("nav_date_line", "navigation", rf"^{_DATE},?\s*(?:{_TIME})?$",
       "A date alone on its line under a headline is page metadata (rules-only layout looks past it).",
       strength="marker", kind="article_meta", max_chars=60, requires=tuple("0123456789")),
    _R("nav_taxonomy", "navigation", rf"^(?:tags?|topics?|filed under|categor(?:y|ies)|posted in|keywords?|sections?|{_alt(lx.TAXONOMY)})\s*:",
       "Tag and category lists.",
       requires=(":",)),
    _R("nav_site_links", "navigation",
       r"^(?:about(?: us)?|contact(?: us)?|privacy(?: policy| notice)?|terms(?: of (?:use|service))?|terms (?:and|&) conditions|advertise(?: with us)?|careers|sitemap|faq|help|skip to (?:main )?content|skip to navigation|back to top|(?:main |toggle |open |close )?menu|close|home|next|previous|prev|more|login|logout|my account|cart|shop)\s*[»›>]?$",
       "Site-wide links found in headers and footers.",
       max_chars=40),
    _R("nav_font_size", "navigation", r"^(?:font|text) size\s*:?.{0,20}$",
       "Reader controls for text size.",
       max_chars=40),
    _R("nav_advertisement", "navigation",
       r"^(?:advertisement|advertising|sponsored(?: content| post)?|ad|ads|paid (?:content|post)|story continues below(?: (?:this )?advertisement)?|article continues below(?: (?:this )?advertisement)?|scroll to continue(?: with content)?)$",
       "Advertising markers.",
       max_chars=60),
    _R("nav_breadcrumb", "navigation",
       r"^(?:[\p{L}&'’\-]+(?:\s[\p{L}&'’\-]+){0,2}\s*(?:›|»|>|/|\||→)\s*){1,6}[\p{L}&'’\-]+(?:\s[\p{L}&'’\-]+){0,3}$",
       "'News › Politics › World' breadcrumbs.", strength="soft",
       max_chars=200, requires=("›", "»", ">", "/", "|", "→")),
    # --- spam -----------------------------------------------------------------------------
    # A hard spam rule overrides every other label, so it has to be precise on its own.
    # These two are not: on the train corpus rows this one also matches 47 article,
    # affiliate-disclosure and comment blocks beside its 55 spam ("click here to get $60
    # off"), and "visit our store" hits 31 beside 103 (benchmarks/rule_hits.py).  As
    # features, the model weighs them with where the block sits (a comment thread or not).
    _R("spam_link_for_money", "spam",
       r"(?s)^(?=.*\b(?:click|follow|visit|check|open|go to|go on|use)\s+(?:out\s+)?(?:this|the|my|below|here|on|that)\b)(?=.*(?:\bearn\w*|\bmoney\b|\bcash\b|\bincome\b|\bprofit\w*|\$\s?\d|\bgift ?cards?\b|\bbitcoin\b|\bcrypto\w*|\bloans?\b|\bdollars?\b))",
       "Telling readers to follow a link for money marks comment spam; shops and deal posts say it too: a feature.",
       strength="soft",
       requires=("earn", "money", "cash", "income", "profit", "$", "gift", "bitcoin", "crypto", "loan", "dollar")),
    _R("spam_contact_messenger", "spam",
       rf"\b(?:contact|message|text|reach|call|add|write|{_alt(lx.CONTACT)})\b.{{0,40}}"
       r"\b(?:whats\s?app|telegram|viber|wickr|signal|instagram|e-?mail)\b.{0,40}(?:\+?\d[\d\s\-()]{7,}|@[\w.]{3,}|[\w.+\-]+@[\w\-]+\.[\w.]+)",
       "Scams move victims to a private messenger or mailbox with a number or handle.",
       requires=("whats", "telegram", "viber", "wickr", "signal", "instagram", "mail")),
    _R("spam_my_channel", "spam",
       r"\b(?:check out|checkout|subscribe to|visit|watch|look at|go to|listen to)\s+(?:my|our)\s+(?:new\s+)?(?:youtube\s+)?(?:channel|page|blog|website|site|videos?|music|songs?|playlist|profile|store|shop)\b"
       r"|\bsub(?:scribe)?\s+(?:to\s+)?me\b",
       "Self-promotion of one's own channel or shop ('subscribe to me'); shops say 'visit our store': a feature.",
       strength="soft",
       requires=("channel", "page", "blog", "website", "site", "video", "music", "song", "playlist", "profile", "store", "shop",
                 "sub")),
    # "I'm a 16 year old rapper, check out my tracks": the commonest spam on video sites
    # (a fifth of the training YouTube spam, no ham), and rare in article text.
    _R("spam_self_promo", "spam",
       r"\b(?:check(?:\s+it|\s+this|\s+them)?\s+out|search(?:\s+for)?|listen\s+to|watch|visit|support|hear)\b.{0,40}\b(?:my|our)\b.{0,30}\b(?:channel|music|videos?|songs?|tracks?|mixtape|raps?|beats?|covers?|page|blog|band|album|remix)\b"
       r"|\b(?:like and subscribe|subscribe and like|please (?:subscribe|like|share)|sub(?:scribe)? (?:to )?me\b|give (?:me|it|us) a (?:chance|listen|like|view))"
       r"|\b(?:i'?m|i am|we are|we're) (?:a |an )?(?:\d+ ?(?:yr|year)s?[- ]old )?(?:\w+ )?(?:rapper|singer|producer|youtuber)\b",
       "Self-promotion under someone else's post; shops also say 'watch our video', so only a feature.",
       strength="soft",
       requires=("check", "search", "listen", "watch", "visit", "support", "hear", "sub", "like", "share", "give",
                 "rapper", "singer", "producer", "youtuber")),
    # Asking strangers for subscribers, likes or views ("sub 4 sub", "like this comment",
    # "check my channel"): half the training YouTube spam and none of its ham ("thumbs up
    # if ..." matched 8 spam and 4 ham, so it is not here), but also 26 article paragraphs
    # of the training corpus ("check out my book"): a feature (benchmarks/rule_hits.py).
    _R("spam_engagement_bait", "spam",
       r"\b(?:sub(?:scribe|cribe|scibe)?|suscribe)(?!-)\b\W{0,12}(?:\w+\W+){0,3}?(?:back|my|me|us)\b"
       r"|\bsub ?(?:4|for) ?sub\b"
       r"|\b(?:like this comment|like this if)\b"
       r"|\bcheck (?:out )?(?:my|me|us)\b"
       r"|\bcheck out this (?:video|playlist|channel|song)\b"
       r"|\b(?:get|gain|buy|need|want) (?:more |free )?(?:\w+ )?(?:subscribers|subs|followers)\b"
       r"|\b(?:my|our) (?:chann?ell?|chanel|vids?)\b",
       "Begging strangers for subscribers, likes or views; articles say 'check out my book' too, so a feature.",
       strength="soft",
       requires=("sub", "like this", "check", "followers", "chan", "vid")),
    _R("spam_work_from_home", "spam",
       r"(?s)^(?=.*\b(?:work(?:ing)? (?:from|at) home|home[- ]based (?:job|work|business)|online job|part[- ]time job|easy money|extra (?:cash|income)|passive income)\b)(?=.*(?:\$|£|€|\bUSD\b)\s?\d)"
       # Other languages: from home, an earning verb and a sum, in either currency order.
       rf"|^(?=.*\b{_alt(lx.FROM_HOME)}\b)(?=.*\b{_alt(lx.EARN)}\b)(?=.*(?:(?:\$|£|€)\s?\d|{lx.SUM_AFTER}))",
       "Work-from-home income claims with sums are classic comment spam.",
       requires=("$", "£", "€", "usd", *lx.SUM_AFTER_WORDS)),
    # Each half alone is common in articles (a contest's winner, "you won't", a URL, a sale);
    # together, on the training corpus, the first matched 61 spam blocks and nothing else,
    # the second 79 and nothing else (benchmarks/rule_hits.py).
    _R("spam_prize_claim", "spam",
       rf"(?s)^(?=.*(?:\byou(?:'ve| have)? (?:just )?won\b(?!['’])|\byou (?:have been|were|are|'ve been) (?:randomly )?(?:selected|chosen|picked)\b"
       rf"|\b(?:selected|chosen|picked) as (?:the |a |our )?(?:lucky )?winner|\bclaim your (?:prize|reward|gift|winnings)"
       rf"|\b{_alt(lx.PRIZE_CLAIM)}))(?=.*(?:{_URL}|{_PHONE}))",
       "A prize addressed to the reader, with the link or number that claims it, is a lottery scam.",
       requires=("won", "selected", "chosen", "picked", "claim", *lx.words(lx.PRIZE_CLAIM))),
    _R("spam_fake_shop", "spam",
       rf"(?s)^(?=.*\b(?:[5-9]\d|100)\s?%\s?(?:off\b|discount|{_alt(lx.DISCOUNT)}))(?=.*{_URL})",
       "A discount of half or more with a shop's link is a fake shop's comment spam.",
       requires=("%",)),
    _R("spam_earnings_testimonial", "spam",
       rf"(?s)^(?=.*(?:\bthanks to\b|\b{_alt(lx.THANKS_TO)}\b))"
       rf"(?=.*(?:\bi (?:have |'ve |now |just )?(?:earned|made|make|earn|received|got)\b|\bmy (?:first )?(?:payout|pay ?out|profits?)\b"
       rf"|\b{_alt(lx.EARN)}\b))"
       rf"(?=.*(?:(?:\$|£|€)\s?\d|{lx.SUM_AFTER}|\b\d[\d.,]*\s?(?:kr|usd|dollars?)\b))"
       r"(?=.*\b(?:bitcoin\w*|crypto\w*|krypto\w*|btc|forex|fx|trading|trade[sd]?|traders?|brokers?|invest\w*|inversi\w*|inwest\w*"
       r"|payout|pay ?out))",
       "A crypto or trading income credited to a person ('Thanks to Mrs X I made $20,000') opens an investment scam.",
       requires=("thanks to", *lx.words(lx.THANKS_TO))),
    _R("spam_loan_offer", "spam",
       rf"(?s)^(?=.*\b(?:loans?|lenders?|{_alt(lx.LOAN)})\b)(?=.*(?:{_FREE_MAIL}|\b(?:whats\s?app|telegram|viber|wickr)\b))",
       "A loan offered with a free mailbox or a messenger to reply to is a loan scam; banks give their own.",
       requires=("loan", "lender", *lx.words(lx.LOAN))),
    _R("spam_money_cue", "spam",
       r"(?:\$|£|€)\s?\d[\d,.]*\s*(?:k\b)?[^.!?\n]{0,40}\b(?:per|an|a|every|each|in)\s+(?:hour|day|week|month)\b"
       rf"|{lx.SUM_AFTER}[^.!?\n]{{0,40}}?(?:\s|\b){_alt(lx.PER_PERIOD)}\b",
       "Income claims per hour/week; also in news, so only a feature.", strength="soft",
       requires=("$", "£", "€", *lx.SUM_AFTER_WORDS)),
    _R("spam_crypto_loan", "spam",
       r"\b(?:bitcoin|crypto(?:currency|currencies)?|btc|forex|binary options?|nft|investment (?:plan|platform|manager)|loan (?:offer|lender|company)|instant loans?|credit repair|hack(?:er|ing)? service|recover (?:your )?(?:lost )?(?:funds|crypto))\b",
       "Crypto, forex and loan offers; also in news, so only a feature.", strength="soft",
       requires=("bitcoin", "crypto", "btc", "forex", "binary option", "nft", "investment", "loan", "credit repair", "hack", "recover")),
    _R("spam_link", "spam", r"https?://|www\.|\b[\w\-]+\.(?:com|net|org|info|biz|xyz|ly|co|io|me|tk|ru|site|online)(?:/\S*)?\b",
       "Bare links in a comment are link bait more often than not; only a feature.", strength="soft",
       requires=("http", "www.", ".com", ".net", ".org", ".info", ".biz", ".xyz", ".ly", ".co", ".io", ".me", ".tk", ".ru", ".site", ".online")),
    _R("spam_prize_urgency", "spam",
       r"\b(?:congratulations|you(?:'ve| have)? won|winner|claim (?:your|now)|free (?:entry|gift|iphone|money)|act now|limited time|call now|txt|text \w+ to \d{4,}|urgent)\b"
       rf"|\b{_alt(lx.PRIZE)}\b",
       "Prize and urgency language of SMS and e-mail spam; only a feature.", strength="soft",
       requires=("congrat", "won", "winner", "claim", "free", "act now", "limited time", "call now", "txt", "text", "urgent",
                 *lx.words(lx.PRIZE))),
)


_DEFAULT_RULE_SET = frozenset(DEFAULT_RULES)


def _rule_first_chars(rules: "RuleSet") -> list[frozenset[str] | None]:
    """For each rule, the first characters its matches can have (``None``: any).

    Worked out for the default rules only: their patterns are written in syntax the
    standard library's parser reads as ``regex`` does, and ``tests/test_rules.py`` checks
    the answers against every rule's own matching.  A user's pattern may use syntax the
    two read differently, so user rules are always tried.
    """
    return [first_chars(r.pattern) if r in _DEFAULT_RULE_SET else None for r in rules]


def _required_strings(rules: "RuleSet") -> list[tuple[str, ...]]:
    """For each rule, the strings one of which a block must contain for it to match (``()``:
    no pre-check): its ``requires``, or for a default rule without them, the strings its
    pattern names (``_literals``; user patterns may use syntax the standard parser reads
    differently, so they get none)."""
    return [rule.requires or ((required_literals(rule.pattern) or ()) if rule in _DEFAULT_RULE_SET else ())
            for rule in rules]


def _pre_checks(rules: "RuleSet") -> list[Callable[[str], bool] | None]:
    """Each rule's pre-check on the lower-cased block, from ``_required_strings``."""
    return [_contains_any(strings) if strings else None for strings in rules.derived("required_strings", _required_strings)]


def _required_automaton(rules: "RuleSet") -> Any:
    """One automaton over every rule's required strings, group i being rule i's."""
    return _cmatch.build(rules.derived("required_strings", _required_strings))


def _check_is_rule(obj: object) -> None:
    if not isinstance(obj, Rule):
        raise RuleError(f"a RuleSet holds Rule objects, not {type(obj).__name__}")


def _flatten_rules(items: Iterable[Any]) -> Iterator[Any]:
    """Rules given one by one or as lists, in order (anything else is left for the
    ``RuleSet`` constructor to refuse with its message)."""
    for item in items:
        if isinstance(item, Rule) or isinstance(item, (str, bytes)) or not isinstance(item, Iterable):
            yield item
        else:
            yield from item


class RuleSet:
    """An ordered, name-unique collection of rules.

    Order matters only among hard rules: the first hard rule that matches a block decides
    its label.  ``RuleSet()`` is the default set; ``RuleSet.empty()`` has no rules.
    """

    def __init__(self, rules: Iterable[Rule] | None = None) -> None:
        # None rather than DEFAULT_RULES as the default: help() and signatures would
        # print all the default rules.
        self._rules: tuple[Rule, ...] = tuple(DEFAULT_RULES if rules is None else rules)
        self._memo: dict[str, tuple[bool, ...]] = {}
        self._derived: dict[str, Any] = {}  # see derived()
        self._plans: dict[tuple[int, str], tuple] = {}  # see _plan_for()
        seen: set[str] = set()
        for rule in self._rules:
            _check_is_rule(rule)
            if rule.name in seen:
                raise RuleError(f"two rules are named {rule.name!r}; names must be unique")
            seen.add(rule.name)
        # The distinct max_chars limits, ascending: the length tiers of _plan_for.
        self._limits = sorted({r.max_chars for r in self._rules if r.max_chars is not None})

    @classmethod
    def empty(cls) -> "RuleSet":
        return cls(())

    @classmethod
    def default(cls) -> "RuleSet":
        return cls(DEFAULT_RULES)

    def __iter__(self) -> Iterator[Rule]:
        return iter(self._rules)

    def __len__(self) -> int:
        return len(self._rules)

    def __contains__(self, name: object) -> bool:
        return any(rule.name == name for rule in self._rules)

    def __getitem__(self, name: str) -> Rule:
        for rule in self._rules:
            if rule.name == name:
                return rule
        raise KeyError(f"no rule named {name!r}")

    def __eq__(self, other: object) -> bool:
        return isinstance(other, RuleSet) and self._rules == other._rules

    def __repr__(self) -> str:
        return f"RuleSet({len(self._rules)} rules)"

    def __getstate__(self) -> dict[str, Any]:
        # The memo, the derived values and the per-length plans are caches, rebuilt on use.
        return {"_rules": self._rules}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__init__(state["_rules"])

    def derived(self, key: str, build: Callable[["RuleSet"], Any]) -> Any:
        """``build(self)``, computed once per rule set and remembered under ``key``.

        For what other modules work out from the rules (the feature columns, the order
        ``decide`` tries hard rules in): the same for every page, so not redone per page.
        """
        found = self._derived.get(key)
        if found is None:
            found = self._derived[key] = build(self)
        return found

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(rule.name for rule in self._rules)

    def deciding(self) -> "RuleSet":
        """The rules that can change a label without a model: hard rules, and rules whose
        ``kind`` drives a context pass (comment and section headers).

        Soft rules are only model features, so the rules-only mode skips them (remembered
        per rule set, so its memo and plans are built once).
        """
        return self.derived("deciding", lambda rs: RuleSet(r for r in rs._rules if r.strength == "hard" or r.kind))

    def without(self, *names: str) -> "RuleSet":
        """The same set with the named rules removed; an unknown name is an error."""
        unknown = [n for n in names if n not in self]
        if unknown:
            raise RuleError(f"cannot disable unknown rule(s) {', '.join(map(repr, unknown))}; see `cleanfeed --list-rules`")
        return RuleSet(r for r in self._rules if r.name not in names)

    def with_rules(self, *rules: Rule | Iterable[Rule]) -> "RuleSet":
        """The same set plus ``rules`` (rules, or lists of rules); a rule with an existing
        name replaces that rule."""
        rules = tuple(_flatten_rules(rules))
        for rule in rules:
            _check_is_rule(rule)
        new = {r.name: r for r in rules}
        kept = [r for r in self._rules if r.name not in new]
        return RuleSet([*kept, *rules])

    def hits(self, text: str) -> tuple[bool, ...]:
        """For each rule in order, whether it matches ``text``."""
        # Boilerplate repeats: "Share", "Reply" and a site's menu come back on every page,
        # so answers for short blocks are remembered (a third of a crawl's blocks).
        if len(text) <= MEMO_MAX_CHARS:
            memo = self._memo
            found = memo.get(text)
            if found is None:
                if len(memo) >= MEMO_MAX_ENTRIES:
                    memo.clear()
                found = memo[text] = self._hits(text)
            return found
        return self._hits(text)

    def _hits(self, text: str) -> tuple[bool, ...]:
        # The same answers as Rule.matches for every rule, computed the cheap way: this
        # runs once per distinct block, so per-rule Python overhead is most of its cost.
        content = rule_text(text)
        out = [False] * len(self._rules)
        first = content[:1]
        lowered = present = None
        for i, has_required, rule in self._plan_for(len(content), first.lower() if first.isascii() else ""):
            if has_required is not None:
                if lowered is None:
                    lowered = content.lower()
                    if COMPILED:
                        # Every rule's pre-check in one pass (``_cmatch``): ``present[i]`` is
                        # whether rule i's required strings occur, as ``has_required`` says.
                        present = _cmatch.present(self.derived("required_automaton", _required_automaton), lowered)
                if not (has_required(lowered) if present is None else present[i]):
                    continue
            if rule._matches_content(content):
                out[i] = True
        return tuple(out)

    def _plan_for(self, n_chars: int, first: str) -> tuple[tuple[int, Callable[[str], bool] | None, Rule], ...]:
        """The rules that can match a block of ``n_chars`` characters starting with
        ``first`` (lower-cased; ``""`` when not ASCII, which every rule may match), each with
        its position in the set and its literal pre-check.

        Most rules describe short lines, so on an article paragraph all but a dozen are
        skipped without a Python step each; and most of those are anchored and can only
        start with a few letters (``_first_chars``), so on a short line only the one or
        two that could are tried.  Plans are built on first use, one per length tier
        (distinct ``max_chars`` limits, plus one) and first character.
        """
        limits = self._limits
        tier = bisect.bisect_left(limits, n_chars)
        plan = self._plans.get((tier, first))
        if plan is None:
            # Blocks in this tier are longer than limits[tier - 1] and at most limits[tier].
            floor = limits[tier] if tier < len(limits) else None
            starts = self.derived("first_chars", _rule_first_chars)
            checks = self.derived("pre_checks", _pre_checks)
            plan = self._plans[tier, first] = tuple(
                (i, checks[i], rule) for i, rule in enumerate(self._rules)
                if (rule.max_chars is None or (floor is not None and rule.max_chars >= floor))
                and (not first or starts[i] is None or first in starts[i]))
        return plan

    @classmethod
    def from_file(cls, path: str | PathLike[str], base: "RuleSet | None" = None) -> "RuleSet":
        """Load rules from a TOML or JSON file on top of ``base`` (the defaults if omitted).

        The file has an optional ``disable`` list of rule names and a ``rules`` list of
        tables with ``name``, ``label``, ``pattern``, ``why`` and optional ``strength``
        (default ``"hard"``) and ``kind``.
        """
        path = Path(path)
        try:
            raw = path.read_bytes()
        except OSError as exc:
            raise RuleError(f"cannot read rule file {str(path)!r}: {exc.strerror}") from None
        suffix = path.suffix.lower()
        if suffix not in (".toml", ".json"):
            raise RuleError(f"rule file {str(path)!r}: rule files are TOML (.toml) or JSON (.json), "
                            f"not {suffix or 'a file without a suffix'}")
        try:
            if suffix == ".toml":
                try:
                    import tomllib
                except ModuleNotFoundError:  # Python 3.10
                    import tomli as tomllib  # type: ignore[no-redef]
                data = tomllib.loads(raw.decode("utf-8"))
            else:
                data = json.loads(raw)
        except (ValueError, UnicodeDecodeError) as exc:
            raise RuleError(f"rule file {str(path)!r} is not valid {suffix.lstrip('.').upper()}: {exc}") from None
        return cls.from_mapping(data, base=base, source=str(path))

    @classmethod
    def from_mapping(cls, data: object, base: "RuleSet | None" = None, source: str = "rules") -> "RuleSet":
        if not isinstance(data, Mapping):
            raise RuleError(f"{source}: expected a table with 'rules' and/or 'disable'")
        unknown = set(data) - {"rules", "disable"}
        if unknown:
            raise RuleError(f"{source}: unknown key(s) {', '.join(sorted(unknown))}; expected 'rules' and 'disable'")
        rules = base if base is not None else cls.default()
        disable = data.get("disable", [])
        if not isinstance(disable, list) or not all(isinstance(n, str) for n in disable):
            raise RuleError(f"{source}: 'disable' must be a list of rule names")
        rules = rules.without(*disable)
        entries = data.get("rules", [])
        if not isinstance(entries, list):
            raise RuleError(f"{source}: 'rules' must be a list of tables")
        added = []
        for i, entry in enumerate(entries):
            if not isinstance(entry, Mapping):
                raise RuleError(f"{source}: rules[{i}] must be a table")
            missing = {"name", "label", "pattern", "why"} - set(entry)
            if missing:
                raise RuleError(f"{source}: rules[{i}] lacks {', '.join(sorted(missing))}")
            extra = set(entry) - {"name", "label", "pattern", "why", "strength", "kind", "max_chars", "requires"}
            if extra:
                raise RuleError(f"{source}: rules[{i}] has unknown key(s) {', '.join(sorted(extra))}")
            fields = {k: v for k, v in entry.items() if k not in ("strength", "requires")}
            if entry["name"] in rules:
                warnings.warn(f"{source}: rule {entry['name']!r} replaces the rule of that name", RuleWarning, stacklevel=3)
            added.append(Rule(strength=entry.get("strength", "hard"), requires=tuple(entry.get("requires", ())), **fields))
        return rules.with_rules(*added)
