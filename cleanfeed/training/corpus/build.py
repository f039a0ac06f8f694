"""``cleanfeed corpus build``: render every labelled page and save a ``datasets.Dataset``.

One row per rendered page: ``source``, ``site``, ``page_id``, ``use`` (``train`` or
``eval``, from the set's licence), ``fold`` (0-4, a hash of the site, so that all pages of
a site share a fold and cross-validation never splits a site), ``renderer``, ``text``, and
``blocks``: the gold blocks with ``start``/``end`` offsets into ``text``, ``label`` and
``how`` (the labelling rule that produced the label).

Each training page is rendered in one scraper style chosen from its id, so the model sees
every style without seeing one page three times; about half of them get a comment thread
with spam (not the partly labelled trafilatura and Kreuzer pages), drawn from the messages and
templates of the page's fold only, so no message is on both sides of a cross-validation
split.  Evaluation pages are rendered in the seed style, and a copy of the L3S pages gets
threads made only of the held-out YouTube file and the SOCC comments, so spam is measured
on messages no template or training file produced.  ``youtube-heldout`` is that file as
bare threads, and ``spam-heldout`` the held-out ScamSpot campaigns and WordPress
templates (``corpus/spam.py``) as bare threads: spam of families no training row holds.
"""

from __future__ import annotations

import hashlib
import random
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from ..folds import N_FOLDS, site_fold
from .render import STYLES, SourceBlock, layout
from .news import goose3, newspaper, postlight
from .sources import USE, Message, Page, dragnet, fundus, l3s, readability, spam_collections, trafilatura, wcxb
from .sources import kreuzer as kreuzer_pages
from ..language import detect_language
from .threads import ThreadPools, after_article, insert_thread, make_thread, thread_blocks
from .threads_ml import ML_LANGUAGES, language_threads, make_ml_thread, split_threads

__all__ = ["build_corpus", "check_data_dir"]

THREAD_RATE = 0.5
#: Share of a training thread's ham drawn from the community of its spam (``make_thread``).
COMMUNITY_HAM = 0.5
#: Share of the threads on a page in one of ``ML_LANGUAGES`` that are in its language (the
#: rest are English, as on sites whose readers write in English).
ML_THREAD_RATE = 0.8
#: Sets that label only some blocks of a page (the rest are ``UNLABELLED``).
PARTLY_LABELLED = ("trafilatura", "kreuzer", "goose3")
#: Comments in one held-out thread (``youtube-heldout``, ``spam-heldout``).
HELD_OUT_THREAD = 10
#: Threads per language in ``threads-ml-heldout``.
ML_EVAL_THREADS = 12


def _seed(*parts: str) -> int:
    return int(hashlib.sha256("\x00".join(parts).encode("utf-8")).hexdigest()[:12], 16)


def _row(page: Page, blocks: list[SourceBlock], how: list[str], style: str, use: str, source: str) -> dict[str, Any]:
    text, spans = layout(blocks, style)
    return {
        "source": source,
        "site": page.site,
        "page_id": page.page_id,
        "page_type": page.page_type,
        "use": use,
        "fold": site_fold(page.site),
        "renderer": style,
        "text": text,
        "gold_body": page.gold_body,
        "blocks": [
            {"start": s, "end": e, "label": b.label, "how": h}
            for b, h, (s, e) in zip(blocks, how, spans)
        ],
    }


def _with_thread(page: Page, pools: ThreadPools, rng: random.Random, templates: bool = True) -> tuple[list[SourceBlock], list[str]]:
    thread = make_thread(pools, rng, templates=templates, community_ham=COMMUNITY_HAM if templates else 0.0)
    for b in thread:
        b.group = -1
    how_of = {id(b): h for b, h in zip(page.blocks, page.how)}
    merged = insert_thread(page.blocks, thread, rng)
    how = [how_of.get(id(b), "thread:" + b.label) for b in merged]
    return merged, how


def _with_ml_thread(page: Page, threads, rng: random.Random) -> tuple[list[SourceBlock], list[str]]:
    section = make_ml_thread(threads, rng)
    for b in section:
        b.group = -1
    how_of = {id(b): h for b, h in zip(page.blocks, page.how)}
    merged = after_article(page.blocks, section)
    return merged, [how_of.get(id(b), "thread_ml:" + b.label) for b in merged]


def page_language(page: Page) -> str:
    """The page's language, from its gold article text or else its body blocks."""
    return detect_language(page.gold_body or "\n".join(b.text for b in page.blocks if b.label == "body"))


def iter_rows(root: Path, pools: dict[str, list[Message]], limit: int | None = None,
              partly_labelled: bool = True, kreuzer: bool = False) -> Iterator[dict[str, Any]]:
    """Every corpus row, train sets first.  ``pools`` are ``spam_collections(root)``;
    ``limit`` caps pages per source (for quick runs); ``partly_labelled`` adds the
    snippet-labelled trafilatura pages and ``kreuzer`` Kreuzer's (see ``build_corpus``)."""
    first = pools["youtube"] + pools["sms"]
    train_pools = ThreadPools(
        ham=[m for m in first + pools["scamspot"] if not m.spam] + pools["foxnews"],
        spam=[m for m in first if m.spam],
        later_spam=[m for m in pools["scamspot"] if m.spam] + pools["wordpress"],
    )
    # Each fold's pages get their own messages and templates (see ``ThreadPools.split``).
    fold_pools = train_pools.split(N_FOLDS)
    ml_fold_threads = {lang: split_threads(language_threads(lang, held_out=False), N_FOLDS) for lang in ML_LANGUAGES}
    eval_pools = ThreadPools(
        ham=[m for m in pools["youtube_eval"] if not m.spam] + pools["socc_eval"],
        spam=[m for m in pools["youtube_eval"] if m.spam],
    )
    readers = [("wcxb", wcxb), ("fundus", fundus), ("readability", readability), ("newspaper", newspaper),
               ("postlight", postlight)]
    if partly_labelled:
        readers += [("trafilatura", trafilatura), ("goose3", goose3)]
    if kreuzer:
        readers.append(("kreuzer", kreuzer_pages))
    for name, reader in readers:
        for k, page in enumerate(reader(root)):
            if limit is not None and k >= limit:
                break
            rng = random.Random(_seed(name, page.page_id))
            style = STYLES[rng.randrange(len(STYLES))]
            blocks, how = page.blocks, page.how
            # English threads go into fully labelled pages only: on a snippet-labelled page
            # they would double the synthetic spam and comments without adding any real
            # page.  Pages in the other languages (most of trafilatura's are German) get
            # threads in their language: the only reader comments in those languages.
            if rng.random() < THREAD_RATE and any(b.label == "body" for b in blocks):
                language = page_language(page)
                fold = site_fold(page.site)
                if language in ML_LANGUAGES and rng.random() < ML_THREAD_RATE:
                    blocks, how = _with_ml_thread(page, ml_fold_threads[language][fold], rng)
                elif name not in PARTLY_LABELLED:
                    blocks, how = _with_thread(page, fold_pools[fold], rng)
            yield _row(page, blocks, how, style, USE[name], name)
    for k, page in enumerate(dragnet(root)):
        if limit is not None and k >= limit:
            break
        yield _row(page, page.blocks, page.how, "seed", USE["dragnet"], "dragnet")
    for k, page in enumerate(l3s(root)):
        if limit is not None and k >= limit:
            break
        yield _row(page, page.blocks, page.how, "seed", USE["l3s-gn1"], "l3s-gn1")
        rng = random.Random(_seed("l3s-threads", page.page_id))
        if eval_pools.spam and any(b.label == "body" for b in page.blocks):
            # Spam measured only on held-out messages: no templates in these threads.
            merged, how = _with_thread(page, eval_pools, rng, templates=False)
            yield _row(page, merged, how, "seed", "eval", "threads-heldout")
    # The whole held-out YouTube file, in order, as bare comment threads of ten.
    yield from _bare_threads("youtube-heldout", pools["youtube_eval"])
    # The held-out ScamSpot campaigns (scams and the finance chatter around them) and the
    # held-out spintax templates, shuffled together, in threads of ten.
    spam_held_out = pools["scamspot_eval"] + pools["wordpress_eval"]
    random.Random(_seed("spam-heldout")).shuffle(spam_held_out)
    yield from _bare_threads("spam-heldout", spam_held_out)
    # The held-out comments and spam templates of the other languages, as whole threads.
    for lang in ML_LANGUAGES:
        held = language_threads(lang, held_out=True)
        for k in range(ML_EVAL_THREADS):
            rng = random.Random(_seed("threads-ml-heldout", lang, str(k)))
            blocks = make_ml_thread(held, rng, spam_rate=0.35)
            page = Page("threads-ml-heldout", f"threads-ml-heldout/{lang}", f"{lang}:{k}", blocks,
                        ["thread_ml:" + b.label for b in blocks], "comments")
            yield _row(page, blocks, page.how, STYLES[rng.randrange(len(STYLES))], "eval", "threads-ml-heldout")


def _bare_threads(source: str, messages: list[Message]) -> Iterator[dict[str, Any]]:
    """``messages``, in order, as comment threads with no page around them (``eval`` rows)."""
    for k in range(0, len(messages), HELD_OUT_THREAD):
        rng = random.Random(_seed(source, str(k)))
        blocks = thread_blocks([(m.text, m.spam) for m in messages[k : k + HELD_OUT_THREAD]], rng)
        page = Page(source, source, str(k // HELD_OUT_THREAD), blocks, ["thread:" + b.label for b in blocks], "comments")
        yield _row(page, blocks, page.how, STYLES[rng.randrange(len(STYLES))], "eval", source)


def check_data_dir(data: Path) -> None:
    """Refuse a directory that is not the shared data directory, before any work starts."""
    if not (data / "wcxb-dev").is_dir():
        raise FileNotFoundError(f"{str(data)!r} does not look like the shared data directory (no wcxb-dev/ inside)")


def build_corpus(data: Path, out: Path, limit: int | None = None, progress: bool = True,
                 partly_labelled: bool = True, kreuzer: bool = False) -> dict[str, Any]:
    """Build the corpus from ``data`` into ``out`` (a ``datasets`` directory); return counts.

    ``partly_labelled`` adds trafilatura's 987 snippet-labelled pages, as for the shipped
    model (CV body token F1 rose with them on all three fully labelled sets); their HTML
    comment and caption containers stay unlabelled (see ``sources._label_by_snippets``).
    ``kreuzer`` adds Kreuzer's hand-segmented pages, labelled only where a block type
    means the same on every page (see ``sources.kreuzer``).  They are off by default:
    a model trained with them lost 0.010 of site-grouped CV body token F1 (their 10,000
    navigation blocks come from home pages with no body at all), so the shipped model
    does not use them.
    """
    try:
        import datasets
        from tqdm.auto import tqdm
    except ModuleNotFoundError as exc:
        raise RuntimeError(f"building the corpus needs the 'corpus' extra: pip install 'cleanfeed[corpus]' ({exc.name} is missing)") from None
    check_data_dir(data)
    pools = spam_collections(data)
    rows = []
    for row in tqdm(iter_rows(data, pools, limit, partly_labelled, kreuzer), desc="rendering pages", unit="page", disable=not progress):
        rows.append(row)
    ds = datasets.Dataset.from_list(rows)
    out.mkdir(parents=True, exist_ok=True)
    if not progress:
        # datasets draws its own "Saving the dataset" bar; --no-progress means none at all.
        datasets.disable_progress_bars()
    ds.save_to_disk(str(out))
    # The message pools are counted too: a pool that comes back empty (a renamed column,
    # a missing file) changes what the thread blocks measure without changing any count above.
    return {**corpus_stats(rows), "messages": {name: {"spam": sum(m.spam for m in msgs), "ham": sum(not m.spam for m in msgs)}
                                               for name, msgs in pools.items()}}


def corpus_stats(rows: list[dict[str, Any]]) -> dict[str, Any]:
    """Pages and blocks per source, blocks per label, and blocks per labelling rule."""
    pages = Counter(r["source"] for r in rows)
    labels: Counter = Counter()
    how: Counter = Counter()
    for r in rows:
        for b in r["blocks"]:
            labels[(r["source"], b["label"])] += 1
            how[(r["source"], b["how"], b["label"])] += 1
    return {
        "pages": dict(pages),
        "blocks_by_label": {f"{s}/{lab or '(unlabelled)'}": n for (s, lab), n in sorted(labels.items())},
        "blocks_by_rule": {f"{s}/{h} -> {lab or '(unlabelled)'}": n for (s, h, lab), n in sorted(how.items())},
    }
