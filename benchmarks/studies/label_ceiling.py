"""How much of the gold main content the corpus's own block labels recover.

The body token targets compare ``clean()``'s output with each page's gold main content.
A model that labelled every block exactly as the corpus does would still miss where the
labels do: gold text the renderer never emits (client-side rendering, bot walls), gold
sentences too far from any block for the alignment, and blocks the labels call body that
the gold leaves out (a page that prints its article twice).  This scores that perfect
labeller, the corpus labels themselves, with the same measure the card uses:

    python benchmarks/studies/label_ceiling.py --corpus .cache/corpus

Per source with a gold main content (WCXB article pages on their own, as the target
reads), and the pages the labels recover least, so a labelling fault shows by name.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from benchmarks.common import corpus_problem, write_results  # noqa: E402
from cleanfeed.training.metrics import token_prf  # noqa: E402
from cleanfeed.training import PageData, load_corpus_pages, score_predictions  # noqa: E402

# Pages below this F1 are listed: far enough from 1 that a missing article or a whole
# page under the wrong label, not alignment fuzz, is the likely cause.
LISTED_BELOW = 0.5


def ceiling(pages: Sequence[PageData]) -> dict[str, Any]:
    """Mean body token P/R/F1 of each source's gold labels, and the pages under ``LISTED_BELOW``."""
    scored = [p for p in pages if p.gold_body]
    summary = score_predictions(scored, [p.labels for p in scored])
    out: dict[str, Any] = {"sources": {}, "pages_below": []}
    for source, entry in summary.items():
        row = {"pages": entry["body_tokens"]["pages"], "body_tokens": entry["body_tokens"]}
        if "body_tokens_article_pages" in entry:
            row["body_tokens_article_pages"] = entry["body_tokens_article_pages"]
        out["sources"][source] = row
    for p in scored:
        body = "\n".join(b.text for b, lab in zip(p.blocks, p.labels) if lab == "body")
        _, _, f1 = token_prf(body, p.gold_body)
        if f1 < LISTED_BELOW:
            # How much of the gold the rendered page holds at all: near 0 means the saved
            # HTML lacks the article, near 1 that the labels put it under another label.
            _, in_text, _ = token_prf(p.text, p.gold_body)
            out["pages_below"].append({
                "source": p.source, "site": p.site, "page_type": p.page_type, "f1": round(f1, 3),
                "gold_tokens_in_text": round(in_text, 3),
            })
    out["pages_below"].sort(key=lambda r: (r["source"], r["f1"], r["site"]))
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--corpus", type=Path, required=True, help="a corpus built by `cleanfeed corpus build`")
    ap.add_argument("--out", type=Path, default=ROOT / "benchmarks" / "results" / "label_ceiling.json")
    args = ap.parse_args(argv)
    problem = corpus_problem(args.corpus)
    if problem:
        ap.error(problem)
    result = ceiling(load_corpus_pages(args.corpus))
    for source, row in result["sources"].items():
        art = row.get("body_tokens_article_pages")
        extra = f", article pages {art['f1']:.3f}" if art else ""
        print(f"{source}: {row['pages']} pages, body token F1 {row['body_tokens']['f1']:.3f}{extra}")
    print(f"{len(result['pages_below'])} pages below F1 {LISTED_BELOW}")
    write_results(args.out, {"corpus": str(args.corpus), **result})
    return 0


if __name__ == "__main__":
    sys.exit(main())
