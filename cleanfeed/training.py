"""``cleanfeed train``: fit the model on the corpus, score it honestly, ship it.

Only rows whose ``use`` is ``train`` (sets whose licences allow redistributing weights)
are fitted.  Quality is measured where the model has not looked:

* five-fold cross-validation grouped by site (the corpus ``fold`` column is a hash of the
  site), for every stage: the text model's scores that the tree model learns from are
  themselves out-of-fold;
* the ``eval`` rows: L3S-GN1, Dragnet, the held-out YouTube file, and threads of held-out
  messages placed into L3S pages;
* the seed pages with their gold files.

Labels of the corpus's gold blocks are carried onto ``segment``'s blocks by character
overlap, so the model trains on exactly the blocks it will see at prediction time.
"""

from __future__ import annotations

import json
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any

import numpy as np

from .decide import decide_labels
from .features import page_features, rule_hits, stack_features
from .labels import LABELS, UNLABELLED
from .metrics import label_prf, mean_token_prf
from .model import Model, _full_proba, _lengths, save_model, text_vectorizer
from .rules import RuleSet
from .segment import Block, segment

__all__ = ["train", "load_corpus_pages", "evaluate_pages", "seed_pages"]

N_FOLDS = 5
# Rare labels get more weight, but not the full inverse frequency: spam is 0.5% of blocks
# and full balancing makes the model call every exclamation mark spam.  Body and
# navigation, the two common labels, keep weight 1: up-weighting body against navigation
# made the model keep teaser lists on pages it had not seen.
CLASS_WEIGHT_POWER = 0.5
_UNWEIGHTED = ("body", "navigation")
# alpha and epochs: best or tied on each of three site folds in a grid of alpha 2e-7 to 3e-5
# with 12 or 30 epochs.
TEXT_MODEL_PARAMS = dict(loss="log_loss", alpha=2e-6, max_iter=12, tol=None)
# 31 leaves, not 63: with 63 in both passes one held-out fold gained 0.007 of body token
# F1, but the full site-grouped CV lost 0.0025 on average (fundus, readability, wcxb) for
# a model half as large again (6.8 MB against 4.6 MB).
BLOCK_MODEL_PARAMS = dict(max_iter=160, learning_rate=0.12, max_leaf_nodes=31, l2_regularization=1.0,
                          min_samples_leaf=40, early_stopping=False)
# The stacked pass starts from the first pass's answers, so it needs fewer trees.
STACK_MODEL_PARAMS = dict(BLOCK_MODEL_PARAMS, max_iter=80)


@dataclass
class PageData:
    source: str
    site: str
    use: str
    fold: int
    page_type: str
    text: str
    gold_body: str
    blocks: list[Block]
    labels: list[str]
    hits: np.ndarray


def _log(msg: str, verb: str = "train") -> None:
    print(f"[cleanfeed {verb}] {msg}", file=sys.stderr, flush=True)


def gold_labels(blocks: Sequence[Block], spans: Sequence[tuple[int, int, str]]) -> list[str]:
    """Each block takes the label of the gold span it overlaps most (navigation if none)."""
    out = []
    j = 0
    for b in blocks:
        while j < len(spans) and spans[j][1] <= b.start:
            j += 1
        best, best_overlap = "navigation", 0
        k = j
        while k < len(spans) and spans[k][0] < b.end:
            overlap = min(b.end, spans[k][1]) - max(b.start, spans[k][0])
            if overlap > best_overlap:
                best, best_overlap = spans[k][2], overlap
            k += 1
        out.append(best)
    return out


def _page_from_row(row: dict[str, Any], rules: RuleSet) -> PageData:
    blocks = segment(row["text"])
    spans = [(b["start"], b["end"], b["label"]) for b in row["blocks"]]
    return PageData(
        source=row["source"], site=row["site"], use=row["use"], fold=int(row["fold"]),
        page_type=row.get("page_type") or "", text=row["text"], gold_body=row.get("gold_body") or "",
        blocks=blocks, labels=gold_labels(blocks, spans), hits=rule_hits(blocks, rules),
    )


def _rows_to_pages(rows: list[dict[str, Any]]) -> list[PageData]:
    rules = RuleSet.default()
    return [_page_from_row(r, rules) for r in rows]


def load_corpus_pages(corpus: Path, progress: bool = True, n_jobs: int = 2) -> list[PageData]:
    """Every corpus row as segmented, labelled pages with their rule hits."""
    import datasets
    from tqdm.auto import tqdm

    ds = datasets.load_from_disk(str(corpus))
    rows = ds.to_list()
    chunks = [rows[i : i + 50] for i in range(0, len(rows), 50)]
    pages: list[PageData] = []
    bar = tqdm(total=len(rows), desc="segmenting pages", unit="page", disable=not progress, file=sys.stderr)
    if n_jobs > 1:
        import multiprocessing

        with multiprocessing.get_context("fork").Pool(n_jobs) as pool:
            for part in pool.imap(_rows_to_pages, chunks):
                pages.extend(part)
                bar.update(len(part))
    else:
        for chunk in chunks:
            pages.extend(_rows_to_pages(chunk))
            bar.update(len(chunk))
    bar.close()
    return pages


def _weights(y: np.ndarray) -> np.ndarray:
    counts = np.bincount(y, minlength=len(LABELS)).astype(float)
    per_class = (counts.sum() / np.maximum(counts, 1) / len(LABELS)) ** CLASS_WEIGHT_POWER
    for label in _UNWEIGHTED:
        per_class[LABELS.index(label)] = 1.0
    per_class = np.maximum(per_class, 1.0)
    return per_class[y]


def _fit_text(X, y: np.ndarray, seed: int = 0):
    from sklearn.linear_model import SGDClassifier

    clf = SGDClassifier(**dict(TEXT_MODEL_PARAMS, random_state=seed))
    clf.fit(X, y_names(y), sample_weight=_weights(y))
    # float32 weights halve the shipped file; the scores differ in the 7th digit.
    clf.coef_ = clf.coef_.astype(np.float32)
    clf.intercept_ = clf.intercept_.astype(np.float32)
    return clf


def _fit_blocks(X: np.ndarray, y: np.ndarray, params: dict[str, Any] = BLOCK_MODEL_PARAMS, seed: int = 0):
    from sklearn.ensemble import HistGradientBoostingClassifier

    clf = HistGradientBoostingClassifier(**dict(params, random_state=seed))
    clf.fit(X, y_names(y), sample_weight=_weights(y))
    return clf


def _tree_params(iterations: tuple[int, int] | None, learning_rate: float | None) -> tuple[dict[str, Any], dict[str, Any]]:
    """The first and stacked tree models' parameters, with ``train``'s overrides applied."""
    block, stack = dict(BLOCK_MODEL_PARAMS), dict(STACK_MODEL_PARAMS)
    if iterations is not None:
        first, stacked = iterations
        if first < 1 or stacked < 1:
            raise ValueError(f"iterations must be positive, not {iterations}")
        block["max_iter"], stack["max_iter"] = first, stacked
    if learning_rate is not None:
        if not 0 < learning_rate <= 1:
            raise ValueError(f"learning_rate must be in (0, 1], not {learning_rate}")
        block["learning_rate"] = stack["learning_rate"] = learning_rate
    return block, stack


def y_names(y: np.ndarray) -> np.ndarray:
    return np.array(LABELS, dtype=object)[y]


def _page_slices(pages: Sequence[PageData]) -> list[slice]:
    out, start = [], 0
    for p in pages:
        out.append(slice(start, start + len(p.blocks)))
        start += len(p.blocks)
    return out


def _decide_pages(pages: Sequence[PageData], scores: np.ndarray, rules: RuleSet) -> list[list[str]]:
    return [
        decide_labels(p.blocks, p.hits, rules, scores[s], {})[0]
        for p, s in zip(pages, _page_slices(pages))
    ]


def score_predictions(pages: Sequence[PageData], predicted: Sequence[Sequence[str]]) -> dict[str, Any]:
    """Block-level per-label scores and body token scores, per source and overall."""
    out: dict[str, Any] = {}
    by_source: dict[str, list[int]] = {}
    for i, p in enumerate(pages):
        by_source.setdefault(p.source, []).append(i)
    for source, idx in sorted(by_source.items()):
        pairs_all = [(g, q) for i in idx for g, q in zip(pages[i].labels, predicted[i]) if g != UNLABELLED]
        gold = [g for g, _ in pairs_all]
        pred = [q for _, q in pairs_all]
        equivalent = {"caption": {"caption", "navigation"}} if source in ("l3s-gn1", "threads-heldout") else None
        entry: dict[str, Any] = {
            "pages": len(idx),
            "blocks": len(gold),
            "accuracy": round(float(np.mean([g == q for g, q in zip(gold, pred)])) if gold else 0.0, 4),
            "labels": label_prf(gold, pred, equivalent=equivalent),
        }
        pairs = [
            ("\n".join(b.text for b, lab in zip(pages[i].blocks, predicted[i]) if lab == "body"), pages[i].gold_body)
            for i in idx if pages[i].gold_body
        ]
        if pairs:
            entry["body_tokens"] = {k: round(v, 4) for k, v in mean_token_prf(pairs).items()}
        articles = [
            ("\n".join(b.text for b, lab in zip(pages[i].blocks, predicted[i]) if lab == "body"), pages[i].gold_body)
            for i in idx if pages[i].gold_body and pages[i].page_type == "article"
        ]
        if source == "wcxb" and articles:
            entry["body_tokens_article_pages"] = {k: round(v, 4) for k, v in mean_token_prf(articles).items()}
        out[source] = entry
    return out


def oof_scores(pages: list[PageData], X: Any, y: np.ndarray, fit: Callable[[Any, np.ndarray], Any], what: str) -> np.ndarray:
    """Scores for every training block from a model (``fit(X, y)``) that did not see its site.

    Unlabelled blocks (``y == -1``) are scored, since later stages read them as
    neighbours, but not fitted.
    """
    folds = np.concatenate([np.full(len(p.blocks), p.fold) for p in pages])
    oof = np.zeros((len(y), len(LABELS)), dtype=np.float32)
    for k in np.unique(folds):
        test = folds == k
        fit_rows = ~test & (y >= 0)
        _log(f"{what}, fold {k + 1}/{N_FOLDS}")
        oof[test] = _full_proba(fit(X[fit_rows], y[fit_rows]), X[test])
    return oof


def _features(pages: Sequence[PageData], text_scores: np.ndarray, rules: RuleSet) -> np.ndarray:
    return np.vstack([
        page_features(p.blocks, p.hits, rules, text_scores[s]) for p, s in zip(pages, _page_slices(pages))
    ])


def _stacked(pages: Sequence[PageData], X: np.ndarray, first: np.ndarray) -> np.ndarray:
    return np.vstack([
        stack_features(X[s], first[s], _lengths(p.blocks))
        for p, s in zip(pages, _page_slices(pages))
    ])


def evaluate_pages(model: Model, pages: Sequence[PageData], rules: RuleSet | None = None) -> dict[str, Any]:
    """Score ``model`` through the same path ``Pipeline.clean`` uses (scores, then ``decide_labels``)."""
    rules = rules or RuleSet.default()
    predicted = []
    for p in pages:
        scores = model.scores(p.blocks, p.hits, rules)
        predicted.append(decide_labels(p.blocks, p.hits, rules, scores, {})[0])
    return score_predictions(pages, predicted)


def seed_pages(seed_dir: Path) -> list[PageData]:
    """The seed pages with their gold files (``<name>.gold.jsonl``)."""
    rules = RuleSet.default()
    pages = []
    for path in sorted(seed_dir.glob("*.txt")):
        gold_path = path.with_suffix(".gold.jsonl")
        if not gold_path.is_file():
            continue
        text = path.read_text(encoding="utf-8")
        gold = [json.loads(line) for line in gold_path.read_text(encoding="utf-8").splitlines() if line.strip()]
        blocks = segment(text)
        labels = gold_labels(blocks, [(g["start"], g["end"], g["label"]) for g in gold])
        body = "\n\n".join(text[g["start"]:g["end"]] for g in gold if g["label"] == "body")
        pages.append(PageData("seeds", path.stem, "eval", -1, "article", text, body, blocks, labels, rule_hits(blocks, rules)))
    return pages


def _corpus_counts(corpus: Path) -> dict[str, int]:
    """Blocks per (source, labelling rule, label) from the corpus build's stats.json."""
    path = corpus / "stats.json"
    if not path.is_file():
        return {}
    return json.loads(path.read_text(encoding="utf-8")).get("blocks_by_rule", {})


def _git_commit() -> str:
    try:
        return subprocess.run(["git", "rev-parse", "HEAD"], capture_output=True, text=True, check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "unknown"


def train(
    corpus: Path,
    out: Path,
    seeds: Path | None = None,
    progress: bool = True,
    n_jobs: int = 2,
    holdout_fold: int | None = None,
    run_cv: bool = True,
    seed: int = 0,
    iterations: tuple[int, int] | None = None,
    learning_rate: float | None = None,
) -> dict[str, Any]:
    """Train on the corpus's ``train`` rows, evaluate, and write the model and card to ``out``.

    ``holdout_fold`` leaves that site fold out of training entirely (for benchmarks that
    need a model which never saw those sites); ``run_cv=False`` skips the grouped
    cross-validation of the tree model, the slow part, when only the model is wanted.
    ``seed`` is the models' random state: the same corpus and seed give the same model,
    and retraining under other seeds shows how far the metrics move by chance alone (on
    the small spam sets, by more than many a change being tested).
    ``iterations`` (first pass, stacked pass) and ``learning_rate`` replace the tree
    models' defaults (``BLOCK_MODEL_PARAMS``, ``STACK_MODEL_PARAMS``): fewer trees score
    faster and lose accuracy (``benchmarks/smaller_model.py`` measures by how much).
    """
    from .corpus.sources import LICENCES, USE

    t0 = time.time()
    block_params, stack_params = _tree_params(iterations, learning_rate)  # refused before minutes of loading
    rules = RuleSet.default()
    pages = load_corpus_pages(corpus, progress=progress, n_jobs=n_jobs)
    train_pages = [p for p in pages if p.use == "train" and p.fold != holdout_fold]
    eval_pages = [p for p in pages if p.use != "train"]
    if not train_pages:
        raise ValueError(f"corpus {str(corpus)!r} has no rows with use == 'train'")
    # -1 marks UNLABELLED blocks (partly labelled sets): featurised, never fitted.
    y = np.array([LABELS.index(lab) if lab != UNLABELLED else -1 for p in train_pages for lab in p.labels])
    known = y >= 0
    _log(f"{len(train_pages)} training pages, {int(known.sum())} labelled blocks: "
         + ", ".join(f"{lab} {int((y == i).sum())}" for i, lab in enumerate(LABELS))
         + f" ({int((~known).sum())} unlabelled)")
    vec = text_vectorizer()
    X_text = vec.transform([b.text for p in train_pages for b in p.blocks])

    fit_text = partial(_fit_text, seed=seed)
    fit_blocks = partial(_fit_blocks, params=block_params, seed=seed)
    fit_stack = partial(_fit_blocks, params=stack_params, seed=seed)
    oof_text = oof_scores(train_pages, X_text, y, fit_text, "text model")
    X = _features(train_pages, oof_text, rules)
    # The stacked pass learns from first-pass scores of models that did not see the site,
    # so these five fits are needed with or without the cross-validation report.
    oof_first = oof_scores(train_pages, X, y, fit_blocks, "first block model")
    X_stack = _stacked(train_pages, X, oof_first)
    cv: dict[str, Any] = {}
    cv_first: dict[str, Any] = {}
    if run_cv:
        oof_stack = oof_scores(train_pages, X_stack, y, fit_stack, "stacked block model")
        cv = score_predictions(train_pages, _decide_pages(train_pages, oof_stack, rules))
        cv_first = score_predictions(train_pages, _decide_pages(train_pages, oof_first, rules))

    _log("final text model on all training pages")
    text_clf = fit_text(X_text[known], y[known])
    _log("final block models on all training pages (out-of-fold text and first-pass scores)")
    block_clf = fit_blocks(X[known], y[known])
    stack_clf = fit_stack(X_stack[known], y[known])
    model = Model(text_clf=text_clf, block_clf=block_clf, stack_clf=stack_clf)

    _log("evaluating on the eval sets")
    held_out = evaluate_pages(model, eval_pages, rules)
    seed_scores = evaluate_pages(model, seed_pages(seeds), rules) if seeds is not None and seeds.is_dir() else {}

    sources = sorted({p.source for p in train_pages})
    card = {
        "name": "cleanfeed-default",
        "description": "Block classifier in three stages: a hashed word n-gram SGD text model; gradient-boosted trees over layout, rule hits, neighbours and text scores; a second tree model stacked on the first's scores of the block and its neighbours.",
        "trained_at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        "git_commit": _git_commit(),
        "training_data": {
            s: {"licence": LICENCES.get(s, "?"), "pages": sum(p.source == s for p in train_pages)} for s in sources
        } | {
            "youtube-spam": {"licence": LICENCES["youtube-spam"], "note": "3 of 4 files, in comment threads"},
            "spam-sms": {"licence": LICENCES["spam-sms"], "note": "spam and ham, in comment threads"},
            "comments-foxnews": {"licence": LICENCES["comments-foxnews"], "note": "ham comments in threads"},
            "cleanfeed spam templates": {"licence": "MIT (this project)", "note": "cleanfeed.corpus.threads.SPAM_TEMPLATES"},
        },
        "eval_data": {s: LICENCES.get(s, "") for s, use in USE.items() if use == "eval"},
        "training_blocks": {lab: int((y == i).sum()) for i, lab in enumerate(LABELS)},
        "unlabelled_training_blocks": int((~known).sum()),
        "params": {"text_model": TEXT_MODEL_PARAMS, "block_model": block_params, "stack_model": stack_params,
                   "class_weight_power": CLASS_WEIGHT_POWER, "unweighted_labels": list(_UNWEIGHTED), "folds": N_FOLDS,
                   "seed": seed},
        "metrics": {
            "cross_validation_by_site": cv,
            "cross_validation_by_site_first_pass_only": cv_first,
            "held_out_sets": held_out,
            "seeds": seed_scores,
        },
        "holdout_fold": holdout_fold,
        "corpus_blocks_by_rule": _corpus_counts(corpus),
        "train_seconds": round(time.time() - t0, 1),
        "warning": "Model files are pickles, which run code when loaded: load only model files you trust.",
    }
    save_model(model, out, card)
    (out / "README.md").write_text(model_readme(model.card), encoding="utf-8")
    _log(f"wrote {out} in {card['train_seconds']} s")
    return model.card


def remeasure(model_dir: Path, corpus: Path, seeds: Path | None = None, progress: bool = True,
              n_jobs: int = 2) -> dict[str, Any]:
    """Score a trained model again on the corpus's eval sets (and the seeds), and rewrite
    its card and README; the model file and the training figures stay as they are.

    For a fix in how an eval set is read or labelled: retraining would also change the
    model whenever the training rows have changed since, and the figures would then
    describe another model.  The card keeps ``trained_at``/``git_commit`` and gains
    ``remeasured`` (when, at which commit, what); its eval-set rows of
    ``corpus_blocks_by_rule`` are replaced by the corpus's, its training rows kept.
    """
    from .corpus.sources import USE
    from .model import _model_directory, _write_card, load_model

    model = load_model(model_dir)
    rules = RuleSet.default()
    eval_pages = [p for p in load_corpus_pages(corpus, progress=progress, n_jobs=n_jobs) if p.use != "train"]
    if not eval_pages:
        raise ValueError(f"corpus {str(corpus)!r} has no eval rows to measure on")
    _log(f"scoring {len(eval_pages)} eval pages", "evaluate")
    card = dict(model.card)
    metrics = dict(card.get("metrics", {}))
    metrics["held_out_sets"] = evaluate_pages(model, eval_pages, rules)
    with_seeds = seeds is not None and seeds.is_dir()
    if with_seeds:
        metrics["seeds"] = evaluate_pages(model, seed_pages(seeds), rules)
    card["metrics"] = metrics
    eval_sources = {p.source for p in eval_pages} | {s for s, use in USE.items() if use == "eval"}

    def is_eval(key: str) -> bool:
        return key.split("/", 1)[0] in eval_sources

    kept = {k: v for k, v in card.get("corpus_blocks_by_rule", {}).items() if not is_eval(k)}
    fresh = {k: v for k, v in _corpus_counts(corpus).items() if is_eval(k)}
    card["corpus_blocks_by_rule"] = dict(sorted((kept | fresh).items()))  # the build's order: by source and rule
    card["remeasured"] = {
        "at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        "git_commit": _git_commit(),
        "what": "held-out sets" + (" and seeds" if with_seeds else ""),
    }
    directory = _model_directory(Path(model_dir))
    _write_card(directory, card)
    (directory / "README.md").write_text(model_readme(card), encoding="utf-8")
    _log(f"rewrote the card and README in {directory}", "evaluate")
    return card


# The targets of the corpus issue, as (description, source, path into the metrics, minimum).
TARGETS: tuple[tuple[str, str, tuple[str, ...], float], ...] = (
    ("body block F1, L3S-GN1", "held_out_sets/l3s-gn1", ("labels", "body", "f1"), 0.95),
    ("body token F1, WCXB article pages (CV)", "cross_validation_by_site/wcxb", ("body_tokens_article_pages", "f1"), 0.93),
    ("body token F1, Dragnet", "held_out_sets/dragnet", ("body_tokens", "f1"), 0.93),
    ("comment F1, L3S-GN1", "held_out_sets/l3s-gn1", ("labels", "comment", "f1"), 0.85),
    ("comment F1, Dragnet", "held_out_sets/dragnet", ("labels", "comment", "f1"), 0.85),
    ("navigation F1, Fundus (CV)", "cross_validation_by_site/fundus", ("labels", "navigation", "f1"), 0.92),
    ("caption F1, Fundus (CV)", "cross_validation_by_site/fundus", ("labels", "caption", "f1"), 0.80),
    ("caption-or-navigation F1 for supplemental, L3S-GN1", "held_out_sets/l3s-gn1", ("labels", "caption", "f1"), 0.80),
    ("spam precision, held-out YouTube file", "held_out_sets/youtube-heldout", ("labels", "spam", "precision"), 0.95),
    ("spam recall, held-out YouTube file", "held_out_sets/youtube-heldout", ("labels", "spam", "recall"), 0.90),
    ("spam precision, threads of held-out messages", "held_out_sets/threads-heldout", ("labels", "spam", "precision"), 0.95),
    ("spam recall, threads of held-out messages", "held_out_sets/threads-heldout", ("labels", "spam", "recall"), 0.90),
    ("seed blocks right (accuracy)", "seeds/seeds", ("accuracy",), 0.95),
)


def _lookup(metrics: dict[str, Any], source: str, path: tuple[str, ...]) -> float | None:
    node: Any = metrics
    for key in (*source.split("/"), *path):
        if not isinstance(node, dict) or key not in node:
            return None
        node = node[key]
    return float(node)


def _remeasured_line(card: dict[str, Any]) -> list[str]:
    again = card.get("remeasured")
    if not again:
        return []
    return [f"The {again.get('what', 'held-out sets')} were re-measured at {again.get('at')} from commit "
            f"`{str(again.get('git_commit', '?'))[:12]}` (`cleanfeed evaluate`): same model file, training figures as trained."]


def model_readme(card: dict[str, Any]) -> str:
    """``models/README.md``: the model card in prose and tables, generated from the card."""
    m = card.get("metrics", {})
    lines = [
        "# The shipped cleanfeed model",
        "",
        "Generated by `cleanfeed train` from `model-card.json`; do not edit by hand.",
        f"Trained at {card.get('trained_at')} from commit `{card.get('git_commit', '?')[:12]}`, "
        f"scikit-learn {card.get('sklearn_version')}, feature set {card.get('feature_version')}, "
        f"{card.get('size_bytes', 0) / 1e6:.1f} MB, SHA-256 `{card.get('sha256', '')[:16]}…`, "
        f"{card.get('train_seconds')} s to train (with cross-validation) on 2 cores.",
        *_remeasured_line(card),
        "",
        card.get("description", ""),
        "",
        "**Model files are pickles, which run code when loaded: load only model files you trust.** `load_model` refuses a file whose",
        "SHA-256, feature set, labels or scikit-learn version differ from this card.",
        "",
        "## Training data (licences allow shipping the weights)",
        "",
        "| set | licence | pages / note |",
        "|---|---|---|",
    ]
    for name, info in card.get("training_data", {}).items():
        lines.append(f"| {name} | {info.get('licence')} | {info.get('pages', info.get('note', ''))} |")
    lines += ["", "Blocks per label in training: " + ", ".join(f"{k} {v:,}" for k, v in card.get("training_blocks", {}).items()), ""]
    lines += ["Evaluation only (never trained on): " + ", ".join(f"{k} ({v})" for k, v in card.get("eval_data", {}).items()), ""]
    lines += ["## Targets", "", "| target | measured | minimum | |", "|---|---|---|---|"]
    for desc, source, path, minimum in TARGETS:
        value = _lookup(m, source, path)
        if value is None:
            lines.append(f"| {desc} | – | {minimum:.2f} | not measured |")
        else:
            verdict = "met" if value >= minimum else f"missed by {minimum - value:.3f}"
            lines.append(f"| {desc} | {value:.3f} | {minimum:.2f} | {verdict} |")
    for title, key in (("Site-grouped cross-validation (train sets)", "cross_validation_by_site"),
                       ("Held-out sets", "held_out_sets"), ("Seed pages", "seeds")):
        section = m.get(key) or {}
        if not section:
            continue
        lines += ["", f"## {title}", "", "| data | pages | blocks | accuracy | body token F1 | " + " | ".join(f"{lab} P/R/F1" for lab in LABELS) + " |",
                  "|---|---|---|---|---|" + "---|" * len(LABELS)]
        for source, e in section.items():
            cells = []
            for lab in LABELS:
                v = e["labels"][lab]
                cells.append(f"{v['precision']:.2f}/{v['recall']:.2f}/{v['f1']:.2f}" if v["support"] else "–")
            tok = e.get("body_tokens_article_pages") or e.get("body_tokens") or {}
            tok_s = f"{tok['f1']:.3f}" if tok else "–"
            lines.append(f"| {source} | {e['pages']} | {e['blocks']} | {e['accuracy']:.3f} | {tok_s} | " + " | ".join(cells) + " |")
    first = m.get("cross_validation_by_site_first_pass_only") or {}
    stacked = m.get("cross_validation_by_site") or {}
    if first:
        lines += ["", "## What the stacked pass adds (site-grouped cross-validation)", "",
                  "The same folds decided from the first tree pass alone, and from the stacked pass.", "",
                  "| data | accuracy first → stacked | " + " | ".join(f"{lab} F1 first → stacked" for lab in LABELS) + " |",
                  "|---|---|" + "---|" * len(LABELS)]
        for source, e in first.items():
            s = stacked.get(source)
            if not s:
                continue
            cells = [f"{e['labels'][lab]['f1']:.3f} → {s['labels'][lab]['f1']:.3f}" if e["labels"][lab]["support"] else "–"
                     for lab in LABELS]
            lines.append(f"| {source} | {e['accuracy']:.3f} → {s['accuracy']:.3f} | " + " | ".join(cells) + " |")
    counts = card.get("corpus_blocks_by_rule") or {}
    if counts:
        lines += ["", "## Blocks per labelling rule (corpus build)", "",
                  "How each block of the corpus got its label (`cleanfeed/corpus/README.md` explains the rules).", "",
                  "| source / rule -> label | blocks |", "|---|---|"]
        lines += [f"| {k} | {v:,} |" for k, v in counts.items()]
    lines += ["", "L3S-GN1 \"supplemental\" blocks count as right when labelled caption or navigation (its annotators put",
              "bylines and datelines there, which LABELS.md calls navigation). WCXB body token F1 is over article pages."]
    if any(k.startswith("dragnet/thread_chrome") for k in counts):
        # The figure moved when the gold did, not the model: say so where the figure is read.
        lines += ["Dragnet's comment gold includes the short runs between two of its gold comments (reply links, score",
                  "headers, vote counts: `thread_chrome` above), which LABELS.md calls comment; `benchmarks/dragnet_chrome.py`",
                  "scores the plain alignment of Dragnet's comment text too."]
    return "\n".join(lines) + "\n"
