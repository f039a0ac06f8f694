"""Readers for three article-extractor test sets: newspaper's full-text fixtures, goose3's
test pages and Postlight's site fixtures (all ``train``).

Each set's gold is another tool's expected output, not a hand annotation of every block,
so each reader says how far it trusts it:

* ``newspaper``: the expected article text of ~190 pages (2014, and ``v4/``'s newer,
  partly non-English ones), aligned to blocks like WCXB's main content.  The text leaves
  out the headline, so an unaligned ``<h1>`` is left unlabelled rather than called
  navigation; captions and comment sections are labelled from the HTML.  A page whose
  gold the alignment does not recover (``MIN_RECOVERED``) is not used: the saved HTML
  no longer holds the article the fixture was made from.
* ``goose3``: the expected text is the *start* of the article only, so only the blocks
  it aligns with are labelled (body); every other block is ``UNLABELLED``.
* ``postlight``: per site, hand-written CSS selectors for the headline and the article
  and a ``clean`` list of what to remove from inside the article.  Body is what the
  content selector selects minus ``clean`` and minus figure captions; captions are the
  ``<figcaption>`` (and ``<figure>`` caption) text inside the selected content; the rest
  of the page is labelled from the HTML as elsewhere.
"""

from __future__ import annotations

import ast
import gzip
import json
import re
from collections.abc import Iterator
from pathlib import Path

from ...labels import UNLABELLED
from .align import GoldText, words
from .render import _XML_DECLARATION, SourceBlock, decode_html, decode_text, html_blocks
from .sources import Page, _site, _structural_label

__all__ = ["MIN_RECOVERED", "newspaper", "goose3", "postlight", "recovered_share"]

#: Share of a page's gold words that its aligned blocks must hold for the page to be used.
MIN_RECOVERED = 0.8


def recovered_share(gold_text: str, aligned: list[str]) -> float:
    """Share of the gold text's words that occur in the aligned blocks (a bag-of-words recall)."""
    gold = words(gold_text)
    if not gold:
        return 0.0
    have: dict[str, int] = {}
    for text in aligned:
        for w in words(text):
            have[w] = have.get(w, 0) + 1
    found = 0
    for w in gold:
        if have.get(w, 0) > 0:
            have[w] -= 1
            found += 1
    return found / len(gold)


def _label_by_gold(blocks: list[SourceBlock], gold: GoldText, rule: str) -> list[str]:
    how = []
    for b in blocks:
        if b.comment < 0.5 and b.caption < 0.5 and gold.matches(b.text):
            b.label, h = "body", rule
        else:
            b.label, h = _structural_label(b)
        how.append(h)
    return how


def _newspaper_pages(html_dir: Path, txt_dir: Path, site_of) -> Iterator[tuple[str, str, list[SourceBlock], list[str], str]]:
    for html_path in sorted(html_dir.glob("*.html.gz")):
        name = html_path.name[: -len(".html.gz")]
        txt_path = txt_dir / f"{name}.txt"
        if not txt_path.is_file():
            continue
        gold_text = decode_text(txt_path.read_bytes()).strip()
        if not gold_text:
            continue
        blocks = html_blocks(gzip.open(html_path).read())
        how = _label_by_gold(blocks, GoldText([gold_text]), "align:expected_text")
        if recovered_share(gold_text, [b.text for b in blocks if b.label == "body"]) < MIN_RECOVERED:
            continue
        for i, b in enumerate(blocks):
            if b.tag == "h1" and b.label == "navigation":
                b.label, how[i] = UNLABELLED, "headline_not_in_gold"
        yield site_of(name), name, blocks, how, gold_text


def newspaper(root: Path) -> Iterator[Page]:
    """newspaper's full-text fixtures: body by alignment with the expected text."""
    base = root / "newspaper-fulltext"
    # "247wallst.com1" and "247wallst.com2" are two pages of one site.
    for site, name, blocks, how, gold in _newspaper_pages(base / "html", base / "txt", lambda n: re.sub(r"\d+$", "", n)):
        yield Page("newspaper", site, name, blocks, how, "article", gold)
    meta_dir = base / "v4" / "metadata"

    def v4_site(name: str) -> str:
        meta = meta_dir / f"{name}.json"
        if meta.is_file():
            url = json.loads(meta.read_text(encoding="utf-8")).get("url") or ""
            if url:
                return _site(url)
        return "newspaper-v4/" + re.sub(r"(_\d+|\d+)$", "", name)

    for site, name, blocks, how, gold in _newspaper_pages(base / "v4" / "html", base / "v4" / "txt", v4_site):
        yield Page("newspaper", site, "v4/" + name, blocks, how, "article", gold)


def goose3(root: Path) -> Iterator[Page]:
    """goose3's test pages: the blocks aligned with the start of the article are body; the rest unlabelled."""
    base = root / "goose3-tests"
    for spec_path in sorted(base.glob("test_*.json")):
        spec = json.loads(spec_path.read_text(encoding="utf-8"))
        expected = spec.get("expected") or {}
        if isinstance(expected, str):
            expected = ast.literal_eval(expected)
        text = (expected.get("cleaned_text") or "").strip()
        html_path = spec_path.with_name(spec_path.stem + ".html.gz")
        if len(words(text)) < 10 or not html_path.is_file():
            continue
        blocks = html_blocks(gzip.open(html_path).read())
        gold = GoldText([text])
        how = []
        for b in blocks:
            if b.comment < 0.5 and b.caption < 0.5 and gold.matches(b.text):
                b.label, h = "body", "align:cleaned_text_start"
            elif b.comment_form >= 0.5:
                b.label, h = "navigation", "html:comment_form"
            else:
                b.label, h = UNLABELLED, "partial_gold"
            how.append(h)
        if any(b.label == "body" for b in blocks):
            site = _site(spec.get("url") or "") or spec_path.stem
            yield Page("goose3", site, spec_path.stem, blocks, how, "article", "")


# ``selectors: [...]`` and ``clean: [...]`` of the ``content`` (or ``title``) entry of an extractor.
_ENTRY = re.compile(r"^\s{2}(\w+)\s*:\s*\{", re.M)
_STRING = re.compile(r"'((?:[^'\\]|\\.)*)'|\"((?:[^\"\\]|\\.)*)\"")


def _bracketed(text: str, key: str) -> str | None:
    """The text inside the ``[...]`` that follows ``key:`` in ``text`` (brackets matched)."""
    m = re.search(rf"\b{key}\s*:\s*\[", text)
    if not m:
        return None
    depth, i = 1, m.end()
    while i < len(text) and depth:
        depth += {"[": 1, "]": -1}.get(text[i], 0)
        i += 1
    return text[m.end() : i - 1]


def extractor_selectors(js: str) -> dict[str, dict[str, list[list[str]]]]:
    """From an extractor's ``index.js``: per entry (``title``, ``content``), its ``selectors``
    (each a list of CSS selectors that select together) and its ``clean`` selectors."""
    entries = list(_ENTRY.finditer(js))
    out: dict[str, dict[str, list[list[str]]]] = {}
    for k, m in enumerate(entries):
        body = js[m.end() : entries[k + 1].start() if k + 1 < len(entries) else len(js)]
        selectors: list[list[str]] = []
        inner = _bracketed(body, "selectors")
        if inner is not None:
            # A top-level string is one selector; a nested array is [selector, attribute]
            # (a value from an attribute: not text) or several selectors taken together.
            depth, start, items = 0, 0, []
            for i, ch in enumerate(inner + ","):
                if ch == "[":
                    depth += 1
                elif ch == "]":
                    depth -= 1
                elif ch == "," and depth == 0:
                    items.append(inner[start:i].strip())
                    start = i + 1
            for item in items:
                strings = [a or b for a, b in _STRING.findall(item)]
                if item.startswith("[") and len(strings) == 2 and not re.search(r"[.#\[\s>:]", strings[1]):
                    continue  # [selector, attribute name]
                if strings:
                    selectors.append(strings)
        clean_inner = _bracketed(body, "clean") or ""
        out[m.group(1)] = {"selectors": selectors, "clean": [[a or b] for a, b in _STRING.findall(clean_inner)]}
    return out


def _select(doc, selector: str) -> list:
    from lxml.cssselect import CSSSelector
    from cssselect import SelectorError

    try:
        return CSSSelector(selector)(doc)
    except (SelectorError, ValueError, SyntaxError):
        return []


def _text(el) -> str:
    return " ".join(el.text_content().split())


def postlight_gold(html_text: str, spec: dict[str, dict[str, list[list[str]]]]) -> tuple[list[str], list[str]]:
    """(body strings, caption strings) of a fixture page under its extractor's selectors.

    As the parser does: the first content selector (or group) that matches is the article;
    ``clean`` selectors and figure captions are cut out of it before its text is taken.
    """
    import lxml.html

    doc = lxml.html.document_fromstring(_XML_DECLARATION.sub("", html_text, count=1))
    for bad in doc.xpath("//script|//style|//noscript"):
        bad.drop_tree()
    # The headline first, from the whole page: clean selectors may remove it from the article.
    title = ""
    for group in spec.get("title", {}).get("selectors", []):
        titles = [t for t in (_text(el) for sel in group for el in _select(doc, sel)) if t]
        if titles:
            title = titles[0]
            break
    body: list[str] = []
    captions: list[str] = []
    for group in spec.get("content", {}).get("selectors", []):
        found = [el for sel in group for el in _select(doc, sel)]
        if not found:
            continue
        for sel in (s for g in spec["content"].get("clean", []) for s in g):
            for el in _select(doc, sel):
                # Only inside the article; a clean selector that matches the article itself
                # (or a wrapper of it) would empty it.
                if el not in found and any(a in found for a in el.iterancestors()):
                    el.drop_tree()
        for root_el in found:
            for cap in root_el.xpath(".//figcaption|.//*[contains(concat(' ', normalize-space(@class), ' '), ' caption ')]"):
                text = _text(cap)
                if text:
                    captions.append(text)
                cap.drop_tree()
            # One string per block-level element, so a heading and its paragraph stay apart.
            for el in root_el.iter("p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "blockquote", "pre"):
                text = _text(el)
                if text:
                    body.append(text)
            if not body:
                text = _text(root_el)
                if text:
                    body.append(text)
        break
    return ([title] if title else []) + body, captions


def postlight(root: Path) -> Iterator[Page]:
    """Postlight's fixtures: body and captions from the site's hand-written selectors."""
    base = root / "postlight-fixtures"
    for html_path in sorted((base / "fixtures").glob("*.html.gz")):
        name = html_path.name[: -len(".html.gz")]
        domain = name.split("--", 1)[0]
        js_path = base / "extractors" / domain / "index.js"
        if not js_path.is_file():
            continue
        spec = extractor_selectors(js_path.read_text(encoding="utf-8", errors="replace"))
        raw = gzip.open(html_path).read()
        html_text = decode_html(raw)
        body, captions = postlight_gold(html_text, spec)
        if len(words(" ".join(body))) < 50:
            continue  # the selectors no longer match this saved page
        body_gold, caption_gold = GoldText(body), GoldText(captions)
        blocks = html_blocks(raw)
        how = []
        for b in blocks:
            if b.comment < 0.5 and body_gold.matches(b.text) and not (caption_gold and caption_gold.matches(b.text)):
                b.label, h = "body", "selector:content"
            elif caption_gold and caption_gold.matches(b.text) and b.link < 0.5:
                b.label, h = "caption", "selector:figcaption_in_content"
            else:
                b.label, h = _structural_label(b)
            how.append(h)
        gold_text = "\n\n".join(body)
        if recovered_share(gold_text, [b.text for b in blocks if b.label == "body"]) < MIN_RECOVERED:
            continue
        yield Page("postlight", _site("https://" + domain), name, blocks, how, "article", gold_text)
