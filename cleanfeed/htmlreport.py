"""One self-contained HTML page showing what cleanfeed kept and removed, and why.

    from cleanfeed import label
    from cleanfeed.htmlreport import html_report
    html = html_report([label(text)])

or ``cleanfeed --format html < page.txt > report.html`` (``--jsonl`` input: one section per
record).  Every block appears in order, coloured by its label, with its confidence and
reason beside it (and on hover); each page has its counts per label; a legend explains
the colours.  No script and no network resource: the CSS is inline, so the file opens
anywhere, offline, and can be mailed.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from html import escape
from itertools import islice

from .decide import LabelledBlock
from .labels import LABELS

__all__ = ["html_report", "MAX_PAGES"]

#: Pages (records) one report shows at most: a report is for reading, and a browser
#: slows down on hundreds of thousands of blocks.  The report says when it was capped.
MAX_PAGES = 200

# Fill and edge colours per label: body stands out, the rest recede (colour-blind safe:
# the label's name is printed on every block too).
_COLOURS = {
    "body": ("#e8f5e9", "#2e7d32"),
    "caption": ("#e3f2fd", "#1565c0"),
    "navigation": ("#f2f2f2", "#9e9e9e"),
    "comment": ("#fff8e1", "#f9a825"),
    "spam": ("#fdecea", "#c62828"),
}

_CSS = """
body{font:15px/1.45 system-ui,-apple-system,"Segoe UI",sans-serif;margin:0 auto;max-width:60rem;padding:1rem 1.5rem;color:#222}
h1{font-size:1.4rem;margin:.2rem 0}h2{font-size:1.1rem;margin:1.6rem 0 .4rem;border-bottom:1px solid #ccc}
.legend span,.tag{display:inline-block;border-left:4px solid;padding:0 .4rem;margin:0 .3rem .3rem 0;font-size:.8rem}
table.counts{border-collapse:collapse;margin:.3rem 0 .6rem}table.counts td,table.counts th{border:1px solid #ccc;padding:.1rem .5rem;font-size:.85rem;text-align:right}
ol.blocks{list-style:none;padding:0;margin:0}
li.block{border-left:6px solid;margin:.25rem 0;padding:.25rem .6rem}
li.block .text{white-space:pre-wrap;overflow-wrap:anywhere}
li.block .tag{float:right;border:none;color:#555;margin-left:.6rem}
p.note{background:#fff3cd;border:1px solid #e0c070;padding:.4rem .6rem}
""" + "".join(f"\nli.block.{label},.legend span.{label}{{background:{fill};border-left-color:{edge}}}"
             for label, (fill, edge) in _COLOURS.items())


def _block(block: LabelledBlock) -> str:
    about = f"{block.label} · confidence {block.confidence:.2f} · {block.reason}"
    return (f'<li class="block {block.label}" data-label="{block.label}" title="{escape(about)}">'
            f'<span class="tag">{block.label} {block.confidence:.2f} · {escape(str(block.reason))}</span>'
            f'<span class="text">{escape(block.text)}</span></li>')


def _section(number: int, title: str, blocks: Sequence[LabelledBlock]) -> list[str]:
    counts = Counter(b.label for b in blocks)
    kept_chars = sum(len(b.text) for b in blocks if b.label == "body")
    all_chars = sum(len(b.text) for b in blocks) or 1
    return [
        f'<section class="page" id="page-{number}">',
        f"<h2>{escape(title)}</h2>",
        f'<p class="summary">{len(blocks)} blocks; body is {kept_chars / all_chars:.0%} of the text.</p>',
        '<table class="counts"><tr>' + "".join(f"<th>{label}</th>" for label in LABELS) + "</tr><tr>"
        + "".join(f'<td data-label="{label}">{counts.get(label, 0)}</td>' for label in LABELS) + "</tr></table>",
        '<ol class="blocks">', *(_block(b) for b in blocks), "</ol>", "</section>",
    ]


def html_report(pages: Iterable[Sequence[LabelledBlock]], titles: Iterable[str] | None = None,
                max_pages: int = MAX_PAGES, not_shown: int = 0, errors: Iterable[str] = ()) -> str:
    """The report of ``pages`` (each a page's labelled blocks, as ``label`` returns them).

    ``titles`` names the pages' sections (default "Page 1", "Page 2", ...).  At most
    ``max_pages`` are shown; when ``pages`` holds more, or the caller says ``not_shown``
    pages were left out before, a note at the top says so.  ``errors`` are records that
    could not be labelled, listed in a note so that none is lost without a word.
    """
    if max_pages < 1:
        raise ValueError(f"max_pages must be at least 1, not {max_pages}")
    names = iter(titles) if titles is not None else None
    taken = list(islice(pages, max_pages + 1))
    capped = len(taken) > max_pages
    taken = taken[:max_pages]
    body: list[str] = []
    for number, blocks in enumerate(taken, 1):
        title = next(names, f"Page {number}") if names is not None else f"Page {number}"
        body += _section(number, title, blocks)
    notes = []
    if capped or not_shown:
        more = f"{not_shown:,} more" if not_shown else "more"
        notes.append(f'<p class="note capped">Capped: the first {len(taken)} pages are shown; {more} were not.</p>')
    errors = list(errors)
    if errors:
        notes.append('<p class="note errors">Not labelled: ' + "; ".join(escape(e) for e in errors) + "</p>")
    total = Counter(b.label for blocks in taken for b in blocks)
    legend = "".join(f'<span class="{label}">{label}</span>' for label in LABELS)
    return "\n".join([
        "<!doctype html>",
        '<html lang="en"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>cleanfeed report</title><style>{_CSS}</style></head><body>",
        "<h1>cleanfeed report</h1>",
        f'<p class="legend">{legend}</p>',
        f'<p class="summary">{len(taken)} page(s), ' + ", ".join(f"{total.get(label, 0)} {label}" for label in LABELS)
        + " blocks. Hover over a block for its label, confidence and reason.</p>",
        *notes,
        *body,
        "</body></html>",
        "",
    ])
