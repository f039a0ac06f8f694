"""Readers for the labelled data sets in ``../shared/data``, each yielding labelled pages.

Every reader returns ``Page`` objects whose blocks carry a label and the *labelling rule*
that produced it (``Page.how``), so the corpus documentation can count, per rule, how
many blocks each produced.  Which sets may train the shipped model is decided by their
licences (``USE``); the others only measure.
"""

from __future__ import annotations

import csv
import gzip
import html
import json
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlparse

from ...labels import UNLABELLED
from .align import GoldText
from .mojibake import looks_damaged, repaired_html
from .render import SourceBlock, decode_text, html_blocks

__all__ = ["Page", "USE", "LICENCES", "wcxb", "fundus", "readability", "trafilatura", "kreuzer", "dragnet", "l3s",
           "spam_collections"]

#: Which sets may train the shipped model (``train``) and which only measure (``eval``).
USE = {
    "wcxb": "train",
    "fundus": "train",
    "readability": "train",
    "trafilatura": "train",
    "kreuzer": "train",
    "youtube-spam": "train",
    "spam-sms": "train",
    "comments-foxnews": "train",
    "newspaper": "train",
    "goose3": "train",
    "postlight": "train",
    "scamspot": "train",
    "wordpress-spam": "train",
    "l3s-gn1": "eval",
    "dragnet": "eval",
    "comments-socc": "eval",
}
LICENCES = {
    "wcxb": "CC-BY-4.0",
    "fundus": "MIT",
    "readability": "Apache-2.0",
    "trafilatura": "Apache-2.0 (annotations)",
    "kreuzer": "public domain",
    "youtube-spam": "CC-BY-4.0",
    "spam-sms": "CC-BY-4.0",
    "comments-foxnews": "MIT",
    "newspaper": "MIT",
    "goose3": "Apache-2.0",
    "postlight": "MIT / Apache-2.0",
    "scamspot": "MIT",
    "wordpress-spam": "MIT",
    "l3s-gn1": "research use only",
    "dragnet": "AGPL-3.0",
    "comments-socc": "CC BY-NC-SA 4.0",
}

#: WCXB page types whose main content is an article-like text; forum threads, listings and
#: collections put other pages' teasers or readers' posts in "main content", which
#: docs/labels.md calls navigation and comment.
WCXB_TYPES = ("article", "service", "product", "documentation")

#: The YouTube file kept out of training to measure spam on unseen comments.
HELD_OUT_YOUTUBE = "Youtube04-Eminem.csv"


@dataclass
class Page:
    source: str
    site: str
    page_id: str
    blocks: list[SourceBlock]
    how: list[str] = field(default_factory=list)  # labelling rule per block
    page_type: str = ""
    gold_body: str = ""  # the set's own main-content text, for token-level scores


def _site(url: str) -> str:
    host = urlparse(url).netloc.lower()
    return host[4:] if host.startswith("www.") else host


def _structural_label(block: SourceBlock, comments: bool = True) -> tuple[str, str]:
    """The label of a block the gold text does not claim, from its HTML ancestry.

    ``comments=False`` for sets whose pages carry no server-rendered comments (Fundus):
    there the comment marks only ever hit widgets and counters.
    """
    if block.comment_form >= 0.5:
        return "navigation", "html:comment_form"
    if comments and block.comment >= 0.5:
        return "comment", "html:comment_container"
    # A caption describes or credits a picture; linked text under a picture is a teaser
    # or product tile ("Pricing", "Book a flight", "Marriott Bonvoy" in WCXB's figures).
    if block.caption >= 0.5 and block.link < 0.5:
        return "caption", "html:caption_container"
    return "navigation", "unaligned"


@dataclass
class WcxbRecord:
    """One WCXB page whose HTML file is there: its id, site, page type, gold parts (title
    and main content) and HTML file."""

    file_id: str
    site: str
    page_type: str
    gold_parts: list[str]
    html: Path

    @property
    def gold_body(self) -> str:
        return "\n\n".join(filter(None, self.gold_parts))


def wcxb_records(root: Path) -> Iterator[WcxbRecord]:
    """Every WCXB ground-truth record with its HTML file, in file order (the corpus reads
    the article-like types, the page-kind model all of them)."""
    base = root / "wcxb-dev"
    with gzip.open(base / "ground-truth.jsonl.gz", "rt", encoding="utf-8") as fh:
        records = [json.loads(line) for line in fh]
    for rec in records:
        meta = rec.get("_meta") or {}
        path = base / "html" / f"{rec['file_id']}.html.gz"
        if not path.is_file():
            continue
        gt = rec.get("ground_truth") or {}
        yield WcxbRecord(rec["file_id"], meta.get("domain") or _site(rec.get("url", "")), meta.get("page_type") or "",
                         [gt.get("title") or "", gt.get("main_content") or ""], path)


def wcxb(root: Path) -> Iterator[Page]:
    """WCXB: body by alignment with ``main_content`` (and the title), the rest from the HTML."""
    for rec in wcxb_records(root):
        if rec.page_type not in WCXB_TYPES:
            continue
        gold = GoldText(rec.gold_parts)
        blocks = html_blocks(gzip.open(rec.html).read())
        how = []
        for b in blocks:
            if gold.matches(b.text) and b.comment < 0.5:
                b.label, h = "body", "align:main_content"
            else:
                b.label, h = _structural_label(b)
            how.append(h)
        yield Page("wcxb", rec.site, rec.file_id, blocks, how, rec.page_type, rec.gold_body)


def fundus(root: Path) -> Iterator[Page]:
    """Fundus: paragraphs, headlines, summary and title are body; captions and credits caption."""
    base = root / "fundus-dev"
    for spec in sorted(base.glob("*/*.json")):
        versions = json.loads(spec.read_text(encoding="utf-8"))
        pages = sorted(spec.parent.glob(f"{spec.stem}_*.html.gz"))
        for (key, parse), html_path in zip(sorted(versions.items()), pages):
            body_texts = [parse.get("title") or ""]
            body = parse.get("body") or {}
            body_texts += body.get("summary") or []
            for section in body.get("sections") or []:
                body_texts += section.get("headline") or []
                body_texts += section.get("paragraphs") or []
            caption_texts = []
            for image in parse.get("images") or []:
                caption_texts += [image.get("caption") or "", image.get("description") or ""]
                caption_texts += image.get("authors") or []
            body_gold = GoldText(body_texts)
            caption_gold = GoldText(caption_texts)
            blocks = html_blocks(gzip.open(html_path).read())
            how = []
            for b in blocks:
                if body_gold.matches(b.text) and b.caption < 0.5:
                    b.label, h = "body", "align:paragraphs"
                elif caption_gold.matches(b.text):
                    b.label, h = "caption", "align:image_caption_or_credit"
                else:
                    b.label, h = _structural_label(b, comments=False)
                how.append(h)
            gold_body = "\n\n".join(t for t in body_texts if t)
            yield Page("fundus", f"{spec.parent.name}/{spec.stem}", f"{spec.stem}:{key}", blocks, how, "article", gold_body)


# Readability's synthetic unit-test pages (numbered cases, URL and attribute edge cases)
# are not web pages anybody scrapes.
_READABILITY_SYNTHETIC = re.compile(r"^\d{3}|^(?:base-url|clean-links|hidden-nodes|invalid-attributes|js-link|keep-|data-url|comment-inside|basic-tags|replace-|remove-|rtl-|svg-|style-tags|table-|lazy-|normalize-|title-|visibility-|topicseed|mathjax|quanta|parsely|schema|article-author)")


def readability(root: Path) -> Iterator[Page]:
    """Readability.js test pages: body by alignment with ``expected.html``; captions from its figcaptions."""
    import tarfile

    archive = root / "readability-testpages" / "readability_test_pages.tar.xz"
    if not archive.is_file():
        return
    cases: dict[str, dict[str, bytes]] = {}
    with tarfile.open(archive) as tar:
        for member in tar:
            parts = member.name.split("/")
            if member.isfile() and len(parts) == 3 and parts[2] in ("source.html", "expected.html", "expected-metadata.json"):
                fh = tar.extractfile(member)
                if fh is not None:
                    cases.setdefault(parts[1], {})[parts[2]] = fh.read()
    for case, files in sorted(cases.items()):
        if _READABILITY_SYNTHETIC.search(case) or "source.html" not in files or "expected.html" not in files:
            continue
        expected = html_blocks(files["expected.html"])
        meta = json.loads(files.get("expected-metadata.json", b"{}") or b"{}")
        body_gold = GoldText([meta.get("title") or ""] + [b.text for b in expected if b.caption < 0.5])
        caption_gold = GoldText([b.text for b in expected if b.caption >= 0.5])
        blocks = html_blocks(files["source.html"])
        how = []
        for b in blocks:
            if caption_gold and caption_gold.matches(b.text):
                b.label, h = "caption", "align:expected_figcaption"
            elif body_gold.matches(b.text) and b.comment < 0.5:
                b.label, h = "body", "align:expected_html"
            else:
                b.label, h = _structural_label(b)
            how.append(h)
        site = re.sub(r"-\d+$", "", case)
        gold_body = "\n\n".join(b.text for b in expected if b.caption < 0.5)
        yield Page("readability", f"readability/{site}", case, blocks, how, "article", gold_body)


_SPACE = re.compile(r"\s+")


def _one_line(text: str) -> str:
    """``text`` with every run of whitespace one space, stripped: a message as one line."""
    return _SPACE.sub(" ", text).strip()


def _snippet_key(text: str) -> str:
    return _one_line(unicodedata.normalize("NFKC", text).casefold())


# Structural rules whose labels a snippet-labelled page leaves unlabelled, and the rule
# name that records it.
_NOT_TRUSTED_ON_SNIPPET_PAGES = {
    # The set says nothing about a block no snippet names.
    "unaligned": "unlabelled",
    # A model that learnt from these 8,018 blocks lost Fundus comment precision
    # (0.92 -> 0.73) in the site-grouped CV.
    "html:comment_container": "unlabelled:comment_container",
    # With these 1,135 blocks a model took six article paragraphs of the seed pages for captions.
    "html:caption_container": "unlabelled:caption_container",
}


def _label_by_snippets(blocks: list[SourceBlock], entry: dict) -> list[str]:
    """Label ``blocks`` from one trafilatura entry (see ``trafilatura``); return each block's rule."""
    keys = [_snippet_key(b.text) for b in blocks]

    def holding(snippets: list[str]) -> list[set[int]]:
        found = []
        for snippet in snippets:
            key = _snippet_key(snippet) if isinstance(snippet, str) else ""
            found.append({i for i, k in enumerate(keys) if key and key in k})
        return found

    claims: dict[int, set[tuple[str, str]]] = {}
    for hits in holding(list(entry.get("with") or []) + [entry.get("title") or ""]):
        if len(hits) == 1:  # a snippet repeated in a teaser or a meta line says nothing
            claims.setdefault(next(iter(hits)), set()).add(("body", "snippet:with"))
    for hits in holding(list(entry.get("comments") or [])):
        for i in hits:
            claims.setdefault(i, set()).add(("comment", "snippet:comments"))
    for hits in holding(list(entry.get("without") or [])):
        for i in hits:
            if blocks[i].comment >= 0.5:
                claims.setdefault(i, set()).add(("comment", "snippet:without_in_comments"))
            elif _structural_label(blocks[i])[1] == "html:caption_container":
                claims.setdefault(i, set()).add(("caption", "snippet:without_caption"))
            else:
                claims.setdefault(i, set()).add(("navigation", "snippet:without"))
    how = []
    for i, b in enumerate(blocks):
        labels = {label for label, _ in claims.get(i, ())}
        if len(labels) == 1:
            b.label, h = labels.pop(), sorted(h for _, h in claims[i])[0]
        elif labels:
            b.label, h = UNLABELLED, "snippet:conflict"
        else:
            b.label, h = _structural_label(b)
            if h in _NOT_TRUSTED_ON_SNIPPET_PAGES:
                b.label, h = UNLABELLED, _NOT_TRUSTED_ON_SNIPPET_PAGES[h]
        how.append(h)
    return how


def trafilatura(root: Path) -> Iterator[Page]:
    """Trafilatura's evaluation pages: partly labelled, from its must-keep and must-drop snippets.

    Each page lists a few strings the main text must contain (``with``, plus the title),
    a few it must not (``without``: menus, "Impressum", share buttons, photo credits),
    and, on 142 pages, reader comments.  A block holding a ``with`` snippet that occurs
    in no other block is ``body``; a block holding a comment snippet is ``comment``; one
    holding a ``without`` snippet is ``navigation`` (``comment`` inside a comment
    section and ``caption`` in a caption container: trafilatura drops both too).
    Comment forms label as elsewhere; every other block, comment and caption containers
    included, is ``UNLABELLED``, because the set does not say.  A block claimed by two
    of these is left unlabelled.
    """
    import tarfile

    archive = root / "trafilatura-eval" / "trafilatura_eval.tar.xz"
    if not archive.is_file():
        return
    with tarfile.open(archive) as tar:
        member = tar.getmember("trafilatura-eval/evaldata.json")
        fh = tar.extractfile(member)
        if fh is None:
            return
        entries = json.loads(fh.read().decode("utf-8"))
    by_file = {entry["file"]: (url, entry) for url, entry in entries.items() if entry.get("file")}
    # A second pass: the annotations sit after the 990 HTML files in the archive, and one
    # pass would have to hold all 140 MB of HTML until it reached them.
    with tarfile.open(archive) as tar:
        for member in tar:
            name = member.name.split("/", 2)[-1] if member.name.startswith("trafilatura-eval/html/") else None
            if not member.isfile() or name not in by_file:
                continue
            fh = tar.extractfile(member)
            if fh is None:
                continue
            url, entry = by_file[name]
            blocks = html_blocks(fh.read())
            if not blocks:
                continue
            how = _label_by_snippets(blocks, entry)
            if any(b.label for b in blocks):
                yield Page("trafilatura", _site(url), name, blocks, how, "", "")


# Kreuzer's block types -> docs/labels.md, for the types whose label does not depend on the page:
# chrome is navigation wherever it sits (an "Author" block is a byline, an "Ad" is not the
# article).  Left unlabelled: "Article", "Content" and "Title", because the pages are
# mostly home pages, where such blocks are teasers (navigation), while on an article page
# they are its body, and the data does not say which page is which; "Image", "Video" and
# "Table", which hold captions, product tiles and schedules alike; "Comments", which here
# are mostly tweet widgets and forum topic lists (navigation in docs/labels.md) beside a few
# reader comments (101 blocks in all); and untyped text, which nobody annotated.
_KREUZER_LABELS = {
    "Menu": "navigation", "Menu Sidebar": "navigation", "LinkList": "navigation", "Header": "navigation",
    "Footer": "navigation", "Logo": "navigation", "Sidebar": "navigation", "Searchbar": "navigation",
    "Ad": "navigation", "Author": "navigation",
}
# A page on which this share or more of the labelled blocks still look damaged after the
# repair (``mojibake.looks_damaged``) was damaged some other way: its text is noise, not a
# page anybody scrapes.
_DAMAGED_PAGE_SHARE = 0.1


def kreuzer(root: Path) -> Iterator[Page]:
    """Kreuzer's hand-segmented pages (138, mostly home pages): partly labelled by block type.

    Each page's ``index.blocks.html`` marks its blocks with ``data-block-type``; a text
    block takes the type of its innermost annotated element (a link list inside a content
    block is a link list) and the label ``_KREUZER_LABELS`` gives it; other blocks are
    ``UNLABELLED``, and their ``how`` names the type (``kreuzer:Article``, ``kreuzer:none``).
    """
    import tarfile

    archive = root / "kreuzer-web-segmentation" / "kreuzer_segmentation_blocks.tar.xz"
    if not archive.is_file():
        return
    with tarfile.open(archive) as tar:
        for member in tar:
            parts = member.name.split("/")
            # kreuzer-segmentation/<dataset>/<site>/<host>/[path/]index.blocks.html
            if not member.isfile() or parts[-1] != "index.blocks.html" or len(parts) < 5:
                continue
            fh = tar.extractfile(member)
            if fh is None:
                continue
            blocks = html_blocks(repaired_html(fh.read()))
            how = []
            for b in blocks:
                label = _KREUZER_LABELS.get(b.block_type or "")
                if label is None:
                    b.label, h = UNLABELLED, f"kreuzer:{b.block_type or 'none'}"
                else:
                    b.label, h = label, f"kreuzer:{b.block_type}"
                how.append(h)
            labelled = [b for b in blocks if b.label]
            damaged = sum(1 for b in labelled if looks_damaged(b.text))
            if labelled and damaged < _DAMAGED_PAGE_SHARE * len(labelled):
                site = parts[2][4:] if parts[2].startswith("www.") else parts[2]
                yield Page("kreuzer", site.lower(), "/".join(parts[1:-1]), blocks, how, "", "")


_DRAGNET_SPLIT = "!@#$%^&*()  COMMENTS"


def dragnet(root: Path) -> Iterator[Page]:
    """Dragnet (eval): gold article text then gold comments, aligned to blocks."""
    base = root / "dragnet-2012-train"
    for gold_path in sorted((base / "Corrected").glob("*.html.corrected.txt.gz")):
        page_id = gold_path.name.split(".")[0]
        html_path = base / "HTML" / f"{page_id}.html.gz"
        if not html_path.is_file():
            continue
        gold = decode_text(gzip.open(gold_path).read())
        article, _, comments = gold.partition(_DRAGNET_SPLIT)
        article_gold, comment_gold = GoldText([article]), GoldText([comments])
        blocks = html_blocks(gzip.open(html_path).read())
        how = []
        for b in blocks:
            if article_gold.matches(b.text):
                b.label, h = "body", "align:gold_article"
            elif comment_gold and comment_gold.matches(b.text):
                b.label, h = "comment", "align:gold_comments"
            else:
                b.label, h = "navigation", "unaligned"
            how.append(h)
        _label_thread_chrome(blocks, how)
        yield Page("dragnet", f"dragnet/{page_id}", page_id, blocks, how, "article", article.strip())


# Dragnet's gold holds what each commenter wrote, not the lines around it that docs/labels.md
# also calls comment: "Reply" links, Slashdot's "Re: (Score:3)" headers, vote counts,
# "Flag as Inappropriate". Unaligned, they would be scored as navigation, so a model that
# follows the contract loses precision on every reply link. Only a short gap between two
# aligned comments is taken: a longer run, a long block or a sentence is more likely a
# sidebar, a form or a notice the thread happens to surround (of 60 blocks it takes, read
# by eye, 56 were comment chrome or comment text: cleanfeed/training/corpus/README.md).
_THREAD_GAP_BLOCKS = 3
_THREAD_GAP_CHARS = 100
_THREAD_GAP_WORDS = 10


def _label_thread_chrome(blocks: list[SourceBlock], how: list[str]) -> None:
    """Relabel short runs of unaligned blocks between two aligned comments as comment."""
    aligned = [i for i, h in enumerate(how) if h != "unaligned"]
    for before, after in zip(aligned, aligned[1:]):
        gap = range(before + 1, after)
        if (
            not gap
            or len(gap) > _THREAD_GAP_BLOCKS
            or how[before] != "align:gold_comments"
            or how[after] != "align:gold_comments"
        ):
            continue
        texts = [blocks[i].text for i in gap]
        if all(len(t) <= _THREAD_GAP_CHARS and len(t.split()) <= _THREAD_GAP_WORDS for t in texts):
            for i in gap:
                blocks[i].label, how[i] = "comment", "thread_chrome"


# L3S-GN1 classes -> docs/labels.md.  Supplemental (3) mixes captions with bylines and datelines;
# it is kept as "caption" here and scored as "caption or navigation" by the evaluation.
_L3S_LABELS = {0: "navigation", 1: "body", 2: "body", 3: "caption", 4: "navigation", 5: "comment"}


def l3s(root: Path) -> Iterator[Page]:
    """L3S-GN1 (eval): each block takes the majority class of its annotated text runs."""
    base = root / "l3s-gn1-dev"
    sites = {}
    urls = base / "urls.tsv"
    if urls.is_file():
        for line in urls.read_text(encoding="utf-8", errors="replace").splitlines():
            parts = line.split("\t")
            if len(parts) >= 2:
                sites[parts[0]] = parts[1]
    for path in sorted((base / "annotated").glob("*.html.gz")):
        uuid = path.name.split(".")[0]
        blocks = html_blocks(gzip.open(path).read())
        how = []
        for b in blocks:
            cls = 0 if b.l3s is None else b.l3s
            b.label = _L3S_LABELS[cls]
            how.append(f"l3s:class{cls}")
        gold_body = "\n\n".join(b.text for b in blocks if b.label == "body")
        yield Page("l3s-gn1", sites.get(uuid, uuid), uuid, blocks, how, "article", gold_body)


@dataclass
class Message:
    text: str
    spam: bool
    source: str
    author: str = ""


def youtube_messages(root: Path, held_out: bool) -> list[Message]:
    """The YouTube comments (spam and ham) of the training files, or of the held-out file."""
    out = []
    for path in sorted((root / "youtube-spam").glob("*.csv")):
        if (path.name == HELD_OUT_YOUTUBE) != held_out:
            continue
        with path.open(encoding="utf-8", errors="replace", newline="") as fh:
            for row in csv.DictReader(fh):
                text = html.unescape(re.sub(r"<[^>]+>", " ", row.get("CONTENT") or "")).replace("\ufeff", "")
                text = _one_line(text)
                if text:
                    out.append(Message(text, row.get("CLASS") == "1", f"youtube:{path.stem}", row.get("AUTHOR") or ""))
    return out


def _socc(root: Path) -> list[Message]:
    """The SOCC reader comments (Globe and Mail), all ham; ``eval`` only (CC BY-NC-SA).

    The text is in the ``comment`` column.  A file that is there but has no such column
    is an error, not an empty pool: the held-out threads would silently lose their
    non-YouTube ham, and spam precision would be measured on YouTube chatter alone.
    """
    path = root / "comments-socc-ctc" / "SFU_constructiveness_toxicity.csv"
    if not path.is_file():
        return []
    out = []
    with path.open(encoding="utf-8", errors="replace", newline="") as fh:
        reader = csv.DictReader(fh)
        if "comment" not in (reader.fieldnames or ()):
            raise ValueError(f"{str(path)!r} has no 'comment' column (columns: {', '.join(reader.fieldnames or ())})")
        for row in reader:
            text = _one_line(row["comment"] or "")
            if text:
                out.append(Message(text, False, "socc"))
    return out


def spam_collections(root: Path) -> dict[str, list[Message]]:
    """Spam and ham messages: ``train`` pools, and the ``eval`` ones: the held-out YouTube
    file (``youtube_eval``), the SOCC comments (``socc_eval``), the held-out ScamSpot
    campaigns (``scamspot_eval``) and the held-out spintax templates (``wordpress_eval``)."""
    sms = []
    sms_path = root / "spam-sms" / "SMSSpamCollection"
    if sms_path.is_file():
        for line in sms_path.read_text(encoding="utf-8", errors="replace").splitlines():
            tag, _, text = line.partition("\t")
            if text.strip():
                sms.append(Message(text.strip(), tag == "spam", "sms"))
    fox = []
    fox_path = root / "comments-foxnews" / "fox-news-comments.jsonl"
    if fox_path.is_file():
        for line in fox_path.read_text(encoding="utf-8", errors="replace").splitlines():
            try:
                rec = json.loads(line)
            except ValueError:
                continue
            text = _one_line(rec.get("text") or "")
            if text:
                fox.append(Message(text, False, "foxnews", rec.get("user") or ""))
    from .spam import scamspot_messages, wordpress_messages

    return {"youtube": youtube_messages(root, held_out=False), "youtube_eval": youtube_messages(root, held_out=True), "sms": sms, "foxnews": fox,
            "socc_eval": _socc(root),
            "scamspot": scamspot_messages(root, held_out=False), "scamspot_eval": scamspot_messages(root, held_out=True),
            "wordpress": wordpress_messages(root, held_out=False), "wordpress_eval": wordpress_messages(root, held_out=True)}
