"""Quality of cleanfeed and its peers on the same plain text, per data set.

For every data set and tool: body token precision/recall/F1 (ScrapingHub's definition,
``cleanfeed.training.metrics``), block-level body precision/recall/F1 (a block counts as kept when
the tool's output contains it), and the share of each gold label's blocks the tool keeps
(a cleaner should keep all body and no comments or spam).  cleanfeed also gets per-label
precision/recall/F1 over all five labels.

Data sets: the site-held-out fold of the corpus's training sources (scored with a model
trained without that fold: ``cleanfeed train --holdout-fold K``), L3S-GN1 and Dragnet
(``eval`` sets, never trained on), threads of held-out comments and spam in L3S pages,
and the seed pages.

    python benchmarks/quality.py --corpus .cache/corpus --heldout-model .cache/model-holdout0 \\
        --data ../shared/data --out benchmarks/results/quality.json
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import sys
import time
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.common import write_results  # noqa: E402

from benchmarks.peers import QUALITY_PEERS, trafilatura_on_html  # noqa: E402
from cleanfeed import LABELS, Pipeline  # noqa: E402
from cleanfeed.training.corpus.align import GoldText  # noqa: E402
from cleanfeed.training.metrics import label_prf, mean_token_prf  # noqa: E402
from cleanfeed.training import PageData, page_from_row, seed_pages  # noqa: E402
from cleanfeed.rules import RuleSet  # noqa: E402

EVAL_SOURCES = ("l3s-gn1", "dragnet", "threads-heldout")
TRAIN_SOURCES = ("wcxb", "fundus", "readability")


def _html_path(data: Path, source: str, page_id: str) -> Path | None:
    paths = {
        "wcxb": data / "wcxb-dev" / "html" / f"{page_id}.html.gz",
        "dragnet": data / "dragnet-2012-train" / "HTML" / f"{page_id}.html.gz",
        "l3s-gn1": data / "l3s-gn1-dev" / "annotated" / f"{page_id}.html.gz",
    }
    path = paths.get(source)
    return path if path is not None and path.is_file() else None


def load_sets(corpus: Path, fold: int, max_pages: int | None) -> dict[str, list[tuple[PageData, dict]]]:
    import datasets

    ds = datasets.load_from_disk(str(corpus))
    rules = RuleSet.default()
    sets: dict[str, list[tuple[PageData, dict]]] = defaultdict(list)
    for row in ds:
        if row["source"] in TRAIN_SOURCES and row["fold"] == fold:
            name = f"corpus-fold{fold}"
        elif row["source"] in EVAL_SOURCES:
            name = row["source"]
        else:
            continue
        if max_pages is not None and len(sets[name]) >= max_pages:
            continue
        sets[name].append((page_from_row(row, rules), {"source": row["source"], "page_id": row["page_id"]}))
    return dict(sets)


def fingerprint(pages: list[PageData]) -> str:
    """A short hash of the pages' texts, block offsets and gold labels, in order.

    The gate (``gate.py``) compares scores with their floors only on the same pages and
    labels: a rebuilt corpus with other threads or relabelled blocks is another data set.
    """
    digest = hashlib.sha256()
    for page in pages:
        digest.update(page.text.encode("utf-8", errors="surrogatepass"))
        for block, label in zip(page.blocks, page.labels):
            digest.update(f"\x00{block.start}:{block.end}:{label}".encode())
        digest.update(b"\x01")
    return digest.hexdigest()[:16]


def _kept_flags(page: PageData, output: str) -> list[bool]:
    gold = GoldText([output])
    return [gold.matches(b.text) for b in page.blocks]


def _score_tool(pages: list[PageData], outputs: list[str], kept: list[list[bool]]) -> dict:
    gold_body = [lab == "body" for p in pages for lab in p.labels]
    flat_kept = [k for ks in kept for k in ks]
    tp = sum(g and k for g, k in zip(gold_body, flat_kept))
    fp = sum(k and not g for g, k in zip(gold_body, flat_kept))
    fn = sum(g and not k for g, k in zip(gold_body, flat_kept))
    prec = tp / (tp + fp) if tp + fp else 0.0
    rec = tp / (tp + fn) if tp + fn else 0.0
    kept_share = {}
    for label in LABELS:
        idx = [k for p, ks in zip(pages, kept) for lab, k in zip(p.labels, ks) if lab == label]
        if idx:
            kept_share[label] = round(sum(idx) / len(idx), 4)
    tokens = mean_token_prf([(o, p.gold_body) for o, p in zip(outputs, pages) if p.gold_body])
    return {
        "body_tokens": {k: round(v, 4) for k, v in tokens.items()},
        "body_blocks": {"precision": round(prec, 4), "recall": round(rec, 4),
                        "f1": round(2 * prec * rec / (prec + rec), 4) if prec + rec else 0.0},
        "kept_share": kept_share,
    }


def _score_cleanfeed(name: str, pipeline: Pipeline, pages: list[PageData], set_name: str) -> dict:
    """Body scores and per-label block scores of one cleanfeed pipeline (``name``) on a data set."""
    t0 = time.perf_counter()
    labelled = [pipeline.label(p.text) for p in pages]
    outputs = [pipeline.clean_labelled(lab) for lab in labelled]
    kept = [[b.label == "body" for b in lab] for lab in labelled]
    scored = _score_tool(pages, outputs, kept)
    gold = [g for p in pages for g in p.labels]
    pred = [b.label for lab in labelled for b in lab]
    equivalent = {"caption": {"caption", "navigation"}} if set_name in ("l3s-gn1", "threads-heldout") else None
    scored["labels"] = label_prf(gold, pred, equivalent=equivalent)
    scored["seconds"] = round(time.perf_counter() - t0, 2)
    print(f"{set_name}: {name} body token F1 {scored['body_tokens']['f1']:.3f}", file=sys.stderr)
    return scored


def run(args: argparse.Namespace) -> dict:
    sets = load_sets(Path(args.corpus), args.fold, args.max_pages)
    sets["seeds"] = [(p, {"source": "seeds", "page_id": p.site}) for p in seed_pages(Path(args.seeds))]
    shipped = Pipeline()
    heldout = Pipeline(model=args.heldout_model) if args.heldout_model else None
    rules_only = Pipeline(model=None)
    results: dict = {"sets": {}, "fold": args.fold}
    peers = {name: factory() for name, factory in QUALITY_PEERS.items()}
    for set_name, items in sets.items():
        pages = [p for p, _ in items]
        entry: dict = {"pages": len(pages), "blocks": sum(len(p.blocks) for p in pages),
                       "fingerprint": fingerprint(pages), "tools": {}}
        pipeline = heldout if set_name.startswith("corpus-fold") else shipped
        if pipeline is None:
            print(f"skipping cleanfeed on {set_name}: no --heldout-model", file=sys.stderr)
        else:
            entry["tools"]["cleanfeed"] = _score_cleanfeed("cleanfeed", pipeline, pages, set_name)
        # The rules-only mode has no model, so one pipeline serves every set, the held-out
        # fold included: what users get when they trade the model for speed.
        entry["tools"]["cleanfeed-rules-only"] = _score_cleanfeed("cleanfeed-rules-only", rules_only, pages, set_name)
        for name, extract in peers.items():
            t0 = time.perf_counter()
            outputs = [extract(p.text) for p in pages]
            scored = _score_tool(pages, outputs, [_kept_flags(p, o) for p, o in zip(pages, outputs)])
            scored["seconds"] = round(time.perf_counter() - t0, 2)
            entry["tools"][name] = scored
            print(f"{set_name}: {name} body token F1 {scored['body_tokens']['f1']:.3f}", file=sys.stderr)
        # Reference: trafilatura on the original HTML, which cleanfeed never sees.
        html_pairs = []
        for page, meta in items:
            path = _html_path(Path(args.data), meta["source"], meta["page_id"]) if args.data else None
            if path is not None:
                html_pairs.append((trafilatura_on_html(gzip.open(path).read().decode("utf-8", errors="replace")), page.gold_body))
        if html_pairs:
            tokens = mean_token_prf(html_pairs)
            entry["reference_trafilatura_on_original_html"] = {k: round(v, 4) for k, v in tokens.items()}
        results["sets"][set_name] = entry
    return results


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--corpus", default=".cache/corpus", help="corpus built by 'cleanfeed corpus build'")
    p.add_argument("--heldout-model", help="model trained with --holdout-fold FOLD, for the corpus fold")
    p.add_argument("--fold", type=int, default=0, help="the site-held-out corpus fold (default 0)")
    p.add_argument("--data", help="shared data directory, for the original-HTML reference")
    p.add_argument("--seeds", default="seeds", help="seed pages with gold files")
    p.add_argument("--max-pages", type=int, default=None, help="at most N pages per data set")
    p.add_argument("--out", default="benchmarks/results/quality.json", help="where to write the JSON results")
    args = p.parse_args(argv)
    results = run(args)
    write_results(args.out, results)
    return 0


if __name__ == "__main__":
    sys.exit(main())
