"""HTML to plain text the way scrapers flatten it, remembering where each block came from.

``html_blocks`` walks the DOM once and returns ``SourceBlock``s: the collapsed text of
each block-level element run, its list depth, and what its ancestors say about it (a
comment section, a caption, an L3S annotation class, a Kreuzer block type).  ``layout`` then writes those
blocks out in one of several scraper styles and returns, for each block, the character
span it occupies in the output, so labels stay attached after rendering:

* ``"seed"``: a blank line between blocks, list items as indented ``  • `` bullets,
  deeper for nested lists (html2text-like; the style of ``seeds/``);
* ``"lines"``: one block per line, no blank lines, no markers (``text_content`` joins);
* ``"wrapped"``: blank-line paragraphs hard-wrapped at 80 columns, list items as ``* ``
  with hanging indentation (lynx/w3m/inscriptis-like).
"""

from __future__ import annotations

import codecs
import re
import textwrap
from collections import Counter
from dataclasses import dataclass, field, replace

import lxml.html
from lxml import etree

__all__ = ["SourceBlock", "decode_html", "html_blocks", "layout", "STYLES"]

STYLES = ("seed", "lines", "wrapped")

_BLOCK_TAGS = frozenset(
    "address article aside blockquote body center dd details dialog dir div dl dt fieldset figcaption figure "
    "footer form h1 h2 h3 h4 h5 h6 header hgroup hr li main menu nav ol p pre section summary table tbody "
    "thead tfoot tr ul caption legend noframes html".split()
)
_DROP_TAGS = frozenset(
    "script style noscript template svg iframe head meta link input select option textarea canvas object "
    "embed audio video source track map area button".split()
)
_LIST_TAGS = frozenset(("ul", "ol", "menu", "dir"))
# Page text inside a <button> (see ``_button_with_page_text``).
_PAGE_STRUCTURE = ("main", "article", "section", "p", "h1", "h2", "h3", "h4", "h5", "h6", "table")
# The page itself: its classes describe the page ("has-comments", a lightbox plugin's
# "wp-featherlight-captions"), never one region of it.
_PAGE_TAGS = frozenset(("html", "body"))
_CELL_TAGS = frozenset(("td", "th"))

# Attribute cues, matched against id, class, itemprop and role of every ancestor.
# Comment sections, not the "12 comments" link in an article header or a menu item: the
# mark must name a comment container, and marks of counters, links and buttons are not.
_COMMENT_MARK = re.compile(
    r"(?:^|[\s_-])(?:comments?|commentlist|comment-?(?:list|body|content|text|thread|section|area|wrap(?:per)?|item)|"
    r"disqus(?:_thread)?|dsq-[\w-]+|reader-?(?:comments?|responses?)|user-?comments?|talkback|ucomment|replies|reply-?list)"
    r"(?:$|[\s_-])", re.I)
_NOT_COMMENT_MARK = re.compile(r"count|link|icon|btn|button|number|total|toggle|trigger|cta|nav|menu|share", re.I)
# A class can also state whether the page has comments ("has-comments", "no-gallery-comments",
# "comment-hidden", "wpd-comments-open"); themes put such flags on <body> or on the <article>
# that holds the whole story, and reading them as containers made whole articles comments
# (four WCXB articles had every block labelled comment that way).
_COMMENT_STATE = re.compile(
    r"^(?:has|no|not|show|showing|hide|with|without|allow|enable|disable|is)[_-]|"
    r"[_-](?:open|closed|hidden|disabled|enabled|allowed|on|off)$", re.I)
_COMMENT_FORM = re.compile(r"respond|comment-?form|reply-?form|commentform|comment-?respond|leave-?a-?(?:reply|comment)", re.I)
_CAPTION_MARK = re.compile(r"caption|credit|wp-caption|image-?credit|photo-?credit|img-?desc|figure-?desc|media-?desc|copyright-?image", re.I)
# A caption class only counts next to a picture: sites also use "caption" for card titles.
# Containers of a picture or video, not a bare <img>: product and teaser tiles hold an
# <img> beside text in "card__caption" or "credit-card" classes (299 such WCXB blocks
# became captions when a bare <img> counted, nearly all prices and links).
_MEDIA_TAGS = ("picture", "video", "figure")
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.I)
_L3S_CLASS = re.compile(r"\bx-nc-sel(\d)\b")
# Kreuzer's segmentation data marks each annotated element with data-block-type="Menu" etc.
_BLOCK_TYPE_ATTR = "data-block-type"
_SPACE = re.compile(r"\s+")


@dataclass
class SourceBlock:
    """A block of the rendered page and its provenance.

    ``comment``/``caption``/``comment_form`` are the share of its characters under an
    element marked that way, ``link`` the share inside an ``<a href>``; ``l3s`` the majority L3S class (``None`` if unannotated);
    ``block_type`` the majority ``data-block-type`` of the innermost annotated ancestors
    (``None`` if none); ``label`` is filled in by the labelling step.
    """

    text: str
    depth: int = 0
    list_item: bool = False
    tag: str = ""
    comment: float = 0.0
    comment_form: float = 0.0
    caption: float = 0.0
    link: float = 0.0
    l3s: int | None = None
    block_type: str | None = None
    label: str = ""
    group: int = 0  # consecutive list items of one list share a group, for layout


@dataclass
class _Ctx:
    depth: int = 0
    comment: bool = False
    comment_form: bool = False
    caption: bool = False
    l3s: int | None = None
    block_type: str | None = None
    list_item: bool = False
    media: bool = False  # inside a <figure> or <picture>
    link: bool = False


@dataclass
class _Buffer:
    parts: list[tuple[str, _Ctx]] = field(default_factory=list)
    tag: str = ""
    depth: int = 0
    list_item: bool = False


def _marks(el: etree._Element) -> str:
    get = el.get
    return " ".join(filter(None, (get("id"), get("class"), get("itemprop"), get("role"), get("data-testid"))))


def _near_media(el: etree._Element) -> bool:
    """Whether ``el`` or its parent holds a picture or video."""
    for node in (el, el.getparent()):
        if node is not None and next(node.iter(*_MEDIA_TAGS), None) is not None:
            return True
    return False


def _comment_container(marks: str) -> bool:
    if _NOT_COMMENT_MARK.search(marks):
        return False
    return any(_COMMENT_MARK.search(token) and not _COMMENT_STATE.search(token) for token in marks.split())


def _button_with_page_text(el: etree._Element, tag: str) -> bool:
    """Whether a ``<button>`` holds headings, paragraphs or page regions, and so is walked.

    A button's own label is a control and goes, but two kinds of button hold page text.
    One is a misparse: libxml2 leaves a button open when an element inside it is not
    closed before ``</button>``, where HTML5 parsers close it, and the rest of the page
    nests inside the button (Dotdash Meredith's menu button: Investopedia, Treehugger and
    Southern Living pages in WCXB rendered to "Skip to content").  The other is the
    accordion, whose question sits in an ``<h3>`` inside the button that opens its answer.
    """
    return tag == "button" and next(el.iter(*_PAGE_STRUCTURE), None) is not None


def _hidden(el: etree._Element) -> bool:
    if el.get("hidden") is not None or el.get("aria-hidden") == "true":
        return True
    style = el.get("style")
    return bool(style and _HIDDEN_STYLE.search(style))


class _Walker:
    def __init__(self) -> None:
        self.blocks: list[SourceBlock] = []
        self.buf = _Buffer()
        self.group = 0

    def flush(self) -> None:
        if not self.buf.parts:
            return
        text = _SPACE.sub(" ", "".join(p for p, _ in self.buf.parts)).strip()
        if text:
            weights = Counter()
            l3s = Counter()
            block_types = Counter()
            total = 0
            for piece, ctx in self.buf.parts:
                n = len(piece.strip())
                total += n
                if ctx.comment:
                    weights["comment"] += n
                if ctx.comment_form:
                    weights["comment_form"] += n
                if ctx.caption:
                    weights["caption"] += n
                if ctx.link:
                    weights["link"] += n
                if ctx.l3s is not None:
                    l3s[ctx.l3s] += n
                if ctx.block_type is not None:
                    block_types[ctx.block_type] += n
            total = total or 1
            self.blocks.append(
                SourceBlock(
                    text=text,
                    depth=self.buf.depth,
                    list_item=self.buf.list_item,
                    tag=self.buf.tag,
                    comment=weights["comment"] / total,
                    comment_form=weights["comment_form"] / total,
                    caption=weights["caption"] / total,
                    link=weights["link"] / total,
                    l3s=l3s.most_common(1)[0][0] if l3s else None,
                    block_type=block_types.most_common(1)[0][0] if block_types else None,
                    group=self.group,
                )
            )
        self.buf = _Buffer()

    def add(self, text: str | None, ctx: _Ctx, tag: str) -> None:
        if not text:
            return
        if not self.buf.parts:
            self.buf.tag = tag
            self.buf.depth = ctx.depth
            self.buf.list_item = ctx.list_item
        self.buf.parts.append((text, ctx))

    def walk(self, el: etree._Element, ctx: _Ctx) -> None:
        tag = el.tag if isinstance(el.tag, str) else ""
        tag = tag.lower().rsplit("}", 1)[-1]
        if not tag or (tag in _DROP_TAGS and not _button_with_page_text(el, tag)) or _hidden(el):
            return  # comments, processing instructions, scripts, hidden elements
        marks = _marks(el)
        ctx = replace(ctx)
        if marks:
            if tag not in _PAGE_TAGS:
                if _comment_container(marks):
                    ctx.comment = True
                if _COMMENT_FORM.search(marks):
                    ctx.comment_form = True
                if _CAPTION_MARK.search(marks) and (ctx.media or _near_media(el)):
                    ctx.caption = True
            m = _L3S_CLASS.search(el.get("class") or "")
            if m:
                ctx.l3s = int(m.group(1))
        block_type = el.get(_BLOCK_TYPE_ATTR)
        if block_type:
            ctx.block_type = block_type.strip()  # the innermost annotation wins: a LinkList inside Content
        if tag in ("figure", "picture"):
            ctx.media = True
        if tag == "figcaption" or (tag == "caption" and el.getparent() is not None and el.getparent().tag != "table"):
            ctx.caption = True
        if tag == "form" and ctx.comment:
            ctx.comment_form = True
        if tag == "a" and el.get("href"):
            ctx.link = True
        is_block = tag in _BLOCK_TAGS
        if tag in _LIST_TAGS:
            ctx.depth += 1
            self.flush()
            self.group += 1
        if tag == "li":
            ctx.list_item = True
        elif is_block and tag not in _LIST_TAGS:
            ctx.list_item = False
        if is_block or tag == "br":
            self.flush()
        elif tag in _CELL_TAGS:
            self.add(" ", ctx, tag)  # cells of a row read as one line, space-separated
        self.add(el.text, ctx, tag)
        for child in el:
            self.walk(child, ctx)
            # A child's tail is the parent's text, in the parent's context.
            self.add(child.tail, ctx, tag)
        if is_block:
            self.flush()
        if tag in _LIST_TAGS:
            self.group += 1


_BOMS = ((codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be"))
_META_CHARSET = re.compile(rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]{1,40})""", re.IGNORECASE)
# How far to look for a <meta charset>: HTML5 says 1,024 bytes, but old pages put long
# scripts and comments first, and a charset found late is still the page's own word.
_META_SCAN_BYTES = 65_536
# Codecs (by Python's canonical name) a <meta charset> may name but that are read as
# windows-1252, as browsers do (WHATWG Encoding Standard): pages that say Latin-1 or ASCII
# routinely use its curly quotes and dashes in 0x80-0x9F; a <meta> cannot name a UTF-16 or
# UTF-32 page (its own bytes would not be ASCII, so any -le/-be form too); and browsers
# refuse UTF-7.
_LATIN1_NAMES = frozenset(("iso8859-1", "ascii"))
_NEVER_FROM_META = ("utf-16", "utf-32", "utf-7")
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>")


def _bom_or_utf8(raw: bytes) -> str | None:
    """``raw`` decoded by its byte-order mark, or as UTF-8 when it is valid UTF-8 (legacy-encoded
    text is almost never valid UTF-8 by accident); ``None`` when neither decides."""
    for bom, encoding in _BOMS:
        if raw.startswith(bom):
            return raw[len(bom):].decode(encoding, errors="replace")
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return None


def decode_text(raw: bytes) -> str:
    """Text of unknown encoding: a byte-order mark decides; otherwise valid UTF-8 is UTF-8;
    otherwise windows-1252.

    Dragnet's gold files show why a reader cannot assume UTF-8: 4 of 965 are UTF-16 with a
    byte-order mark and 22 are windows-1252; read as UTF-8 with replacement, the first
    four became noise and the rest lost every curly quote and dash, so their blocks
    stopped matching the gold.
    """
    text = _bom_or_utf8(raw)
    return text if text is not None else raw.decode("cp1252", errors="replace")


def decode_html(raw: bytes) -> str:
    """The text of an HTML file, decoded the way crawlers that produce plain text do.

    As ``decode_text``, with the page's ``<meta charset>`` (when it names no Latin-1
    variant) before the windows-1252 fallback: valid UTF-8 stays ahead of it, since pages
    served as UTF-8 with no or a wrong ``<meta charset>`` are common.  lxml, given bytes
    with no ``<meta charset>``, assumes Latin-1: 68 WCXB pages and 241 of the 300
    annotated L3S pages, all UTF-8, were read that way, and came out as mojibake ("Ã©"
    for "é") wherever they were not plain ASCII.
    """
    text = _bom_or_utf8(raw)
    if text is not None:
        return text
    encoding = "cp1252"
    found = _META_CHARSET.search(raw[:_META_SCAN_BYTES])
    if found is not None:
        try:
            named = codecs.lookup(found.group(1).decode("ascii")).name
        except LookupError:
            named = "cp1252"
        if named not in _LATIN1_NAMES and not named.startswith(_NEVER_FROM_META):
            encoding = named
    return raw.decode(encoding, errors="replace")


def html_blocks(html: str | bytes) -> list[SourceBlock]:
    """The blocks a scraper would emit for ``html`` (bytes go through ``decode_html``), with provenance."""
    if isinstance(html, bytes):
        html = decode_html(html)
    # lxml refuses a str that still declares a byte encoding; the text is already decoded.
    html = _XML_DECLARATION.sub("", html, count=1)
    try:
        root = lxml.html.document_fromstring(html)
    except (etree.ParserError, ValueError):
        return []
    walker = _Walker()
    body = root.find("body")
    walker.walk(body if body is not None else root, _Ctx())
    walker.flush()
    return walker.blocks


def layout(blocks: list[SourceBlock], style: str) -> tuple[str, list[tuple[int, int]]]:
    """Write ``blocks`` in ``style``; return the text and each block's ``(start, end)`` span."""
    if style not in STYLES:
        raise ValueError(f"unknown style {style!r}; choose from {', '.join(STYLES)}")
    out: list[str] = []
    spans: list[tuple[int, int]] = []
    pos = 0
    prev: SourceBlock | None = None
    for block in blocks:
        indent = max(block.depth - 1, 0) if block.list_item else 0
        if style == "seed":
            sep = "\n" if (prev is not None and block.list_item and prev.list_item and prev.group == block.group) else "\n\n"
            body = ("  " * (indent + 1) + "• " + block.text) if block.list_item else ("  " * block.depth if block.tag == "_thread" else "") + block.text
            lead = len(body) - len(body.lstrip())
        elif style == "lines":
            sep = "\n"
            body = block.text
            lead = 0
        else:
            sep = "\n\n"
            if block.list_item:
                prefix = "  " * indent + "* "
                body = textwrap.fill(block.text, width=80, initial_indent=prefix, subsequent_indent=" " * len(prefix),
                                     break_long_words=False, break_on_hyphens=False)
            else:
                body = textwrap.fill(block.text, width=80, break_long_words=False, break_on_hyphens=False)
            lead = len(body) - len(body.lstrip())
        if prev is None:
            sep = ""
        pos += len(sep)
        out.append(sep)
        spans.append((pos + lead, pos + len(body.rstrip())))
        out.append(body)
        pos += len(body)
        prev = block
    return "".join(out) + ("\n" if out else ""), spans
