"""Page kinds: how well the page-kind model tells articles from other pages, and how every
cleaner's body text fares on each kind of page.

Three measurements:

1. **Held-out WCXB sites.**  The page-kind pages (``cleanfeed.training.pagekind``) of one
   site fold are labelled by a block model trained without that fold (``--heldout-model``,
   from ``cleanfeed train --holdout-fold K``), and scored by a page model fitted on the other
   folds' pages, labelled by the same block model (as the shipped page model is fitted on
   pages its block model trained on).  Per-kind precision and recall, article against
   not-article at ``DEFAULT_MIN_ARTICLE_PROB`` and at other thresholds, and the share of the
   fold's news-set articles kept.
2. **Articles kept on the eval sets**, by the shipped block and page models at the default
   threshold: the seeds, L3S-GN1 and Dragnet (no model trained on them), and the held-out
   fold's Fundus pages (from measurement 1).
3. **Body token F1 by page kind** on the held-out fold's WCXB pages, against WCXB's main
   content: cleanfeed (the held-out block model), cleanfeed keeping only articles, and the
   peers.

    python benchmarks/pagekind.py --corpus .cache/corpus --data ../shared/data \\
        --heldout-model .cache/model-holdout0 --out benchmarks/results/pagekind.json
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.common import corpus_problem, write_results  # noqa: E402
from benchmarks.peers import QUALITY_PEERS  # noqa: E402
from cleanfeed import Pipeline  # noqa: E402
from cleanfeed.model import read_card  # noqa: E402
from cleanfeed.pagekind import DEFAULT_MIN_ARTICLE_PROB, PAGE_KINDS  # noqa: E402
from cleanfeed.training.metrics import mean_token_prf  # noqa: E402
from cleanfeed.training.pagekind import article_scores, featurise, fit_page_model, kind_pages  # noqa: E402

THRESHOLDS = (0.2, 0.3, 0.4, 0.5, 0.6, 0.7)
#: The sets whose every page is an article, scored with the shipped models.
EVAL_ARTICLE_SOURCES = ("l3s-gn1", "dragnet")


def _fold_of(model_dir: Path) -> int:
    card = read_card(model_dir / "model-card.json")
    fold = card.get("holdout_fold")
    if fold is None:
        raise SystemExit(f"{model_dir} was trained on every fold; give a model from 'cleanfeed train --holdout-fold K'")
    return int(fold)


def held_out(corpus: Path, data: Path, heldout_model: Path, progress: bool) -> tuple[dict, list, np.ndarray, Pipeline]:
    fold = _fold_of(heldout_model)
    pages = kind_pages(corpus, data)
    train = [p for p in pages if p.fold != fold]
    test = [p for p in pages if p.fold == fold and not p.augmented]
    twin = Pipeline(model=str(heldout_model), page_model=None).load()
    X_train = featurise([p.text for p in train], twin, progress)
    X_test = featurise([p.text for p in test], twin, progress)
    model = fit_page_model(X_train, [p.text for p in train], [p.kind for p in train])
    P = model.probabilities(X_test, [p.text for p in test])
    result = article_scores(P, test, DEFAULT_MIN_ARTICLE_PROB)
    result["fold"] = fold
    result["curve"] = []
    for t in THRESHOLDS:
        s = article_scores(P, test, t)
        result["curve"].append({"threshold": t, **s["article"], "news_articles_kept": s["news_articles_kept"]})
    fundus = [i for i, p in enumerate(test) if p.source == "fundus"]
    result["fundus_kept"] = {"pages": len(fundus),
                             "kept": round(float((P[fundus, 0] >= DEFAULT_MIN_ARTICLE_PROB).mean()), 4) if fundus else None}
    return result, test, P, twin.set_params(min_article_prob=DEFAULT_MIN_ARTICLE_PROB, page_model=model)


#: Bands of a page's gold main-content length (characters) for the kept shares: Dragnet
#: counts every page as an article, including pages whose main content is a line or two.
GOLD_BODY_BANDS = ((0, 300), (300, 1000), (1000, None))


def eval_sets_kept(corpus: Path, seeds: Path) -> dict:
    """The share of article pages the shipped models keep at the default threshold, overall
    and, for the eval sets, by the length of the page's gold main content."""
    import datasets

    texts: dict[str, list[str]] = {name: [] for name in ("seeds", *EVAL_ARTICLE_SOURCES)}
    gold_chars: dict[str, list[int]] = {name: [] for name in EVAL_ARTICLE_SOURCES}
    for row in datasets.load_from_disk(str(corpus)).select_columns(["source", "text", "blocks"]):
        if row["source"] in EVAL_ARTICLE_SOURCES:
            texts[row["source"]].append(row["text"])
            gold_chars[row["source"]].append(sum(b["end"] - b["start"] for b in row["blocks"] if b["label"] == "body"))
    texts["seeds"] = [p.read_text(encoding="utf-8") for p in sorted(seeds.glob("*.txt"))]
    pipeline = Pipeline(min_article_prob=DEFAULT_MIN_ARTICLE_PROB).load()
    out = {}
    for name, pages in texts.items():
        kept = [page.dropped is None for page in pipeline.label_many(pages)]
        out[name] = {"pages": len(pages), "kept": round(sum(kept) / max(len(pages), 1), 4)}
        if name in gold_chars:
            out[name]["by_gold_body_chars"] = []
            for low, high in GOLD_BODY_BANDS:
                band = [k for k, n in zip(kept, gold_chars[name]) if n >= low and (high is None or n < high)]
                out[name]["by_gold_body_chars"].append(
                    {"from": low, "below": high, "pages": len(band), "kept": round(sum(band) / len(band), 4) if band else None})
        print(f"{name}: {out[name]['kept']:.3f} of {len(pages)} article pages kept", file=sys.stderr)
    return out


def body_by_kind(test: list, P: np.ndarray, articles_only: Pipeline) -> dict:
    """Body token F1 by page kind on the held-out WCXB pages, for cleanfeed and the peers."""
    wcxb = [p for p in test if p.source == "wcxb" and p.gold]
    plain = articles_only.set_params(min_article_prob=None)
    outputs = {"cleanfeed": list(plain.clean_many([p.text for p in wcxb]))}
    keep = {id(p): P[i, 0] >= DEFAULT_MIN_ARTICLE_PROB for i, p in enumerate(test)}
    outputs["cleanfeed-articles-only"] = [out if keep[id(p)] else "" for p, out in zip(wcxb, outputs["cleanfeed"])]
    for name, make in QUALITY_PEERS.items():
        extract = make()
        outputs[name] = [extract(p.text) for p in wcxb]
    table: dict = {}
    for kind in PAGE_KINDS:
        idx = [i for i, p in enumerate(wcxb) if p.kind == kind]
        table[kind] = {"pages": len(idx)}
        for tool, outs in outputs.items():
            table[kind][tool] = round(mean_token_prf((outs[i], wcxb[i].gold) for i in idx)["f1"], 4) if idx else None
    return table


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--corpus", default=".cache/corpus", help="corpus built by 'cleanfeed corpus build'")
    p.add_argument("--data", default="../shared/data", help="the shared data directory (WCXB's forums and listings)")
    p.add_argument("--heldout-model", required=True, help="block model trained with --holdout-fold K")
    p.add_argument("--seeds", default="seeds", help="the seed pages")
    p.add_argument("--out", default="benchmarks/results/pagekind.json")
    p.add_argument("--no-progress", action="store_true")
    args = p.parse_args(argv)
    problem = corpus_problem(args.corpus)
    if problem:
        p.error(problem)
    result, test, P, articles_only = held_out(Path(args.corpus), Path(args.data), Path(args.heldout_model),
                                              not args.no_progress)
    print(f"held-out fold {result['fold']}: article F1 {result['article']['f1']:.3f} "
          f"(P {result['article']['precision']:.3f}, R {result['article']['recall']:.3f}) on {result['wcxb_pages']} "
          f"WCXB pages", file=sys.stderr)
    results = {"default_threshold": DEFAULT_MIN_ARTICLE_PROB, "held_out": result,
               "eval_sets_kept": eval_sets_kept(Path(args.corpus), Path(args.seeds)),
               "body_by_kind": body_by_kind(test, P, articles_only)}
    write_results(args.out, results)
    return 0


if __name__ == "__main__":
    sys.exit(main())
