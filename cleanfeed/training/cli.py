"""The tooling verbs of the ``cleanfeed`` command: ``corpus build``, ``train`` and ``evaluate``.

    cleanfeed corpus build --data ../shared/data --out .cache/corpus
    cleanfeed train --corpus .cache/corpus --out models/
    cleanfeed evaluate --model models --corpus .cache/corpus   # re-score the eval sets only
    cleanfeed page-kind --corpus .cache/corpus --data ../shared/data --out models/

``cleanfeed.cli.main`` hands these verbs over to ``run_verb``; their exit codes and error
messages are the filter's (``cleanfeed/cli.py``).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from ..cli import DATA_ENV, EXIT_OK, UsageError, _err, _jobs, _whole_number
from .folds import N_FOLDS

__all__ = ["VERBS", "run_verb", "corpus_parser", "train_parser", "evaluate_parser", "page_kind_parser"]


# scikit-learn takes random states in [0, 2**32 - 1]; say so before the corpus loads.
# scikit-learn takes random states in [0, 2**32 - 1]; say so before the corpus loads.
_seed = _whole_number("--seed", 0, 2**32 - 1)


def corpus_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="cleanfeed corpus", description="Build the labelled corpus from the shared data sets.")
    sub = p.add_subparsers(dest="verb", required=True)
    b = sub.add_parser("build", help="render and label every page, save a Hugging Face dataset")
    b.add_argument("--data", default=os.environ.get(DATA_ENV, "../shared/data"), metavar="DIR",
                   help=f"the shared data directory (default: ${DATA_ENV} or ../shared/data)")
    b.add_argument("--out", default=".cache/corpus", metavar="DIR", help="where to save the dataset (default: .cache/corpus)")
    b.add_argument("--limit", type=_whole_number("--limit", 1), default=None, metavar="N", help="at most N pages per source (for a quick try)")
    b.add_argument("--partly-labelled", action=argparse.BooleanOptionalAction, default=True,
                   help="add trafilatura's snippet-labelled pages, most of whose blocks are unlabelled (default: on, "
                        "as for the shipped model; --no-partly-labelled builds the fully labelled sets only)")
    b.add_argument("--kreuzer", action="store_true",
                   help="add Kreuzer's hand-segmented home pages, their menus and link lists labelled navigation "
                        "and the rest unlabelled (default: off; the shipped model does not use them)")
    b.add_argument("--no-progress", action="store_true", help="no progress bar")
    return p


def train_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="cleanfeed train", description="Train the model on the corpus's train sets and write it with its model card.")
    _corpus_options(p)
    p.add_argument("--out", default="models", metavar="DIR", help="output directory for the model and card (default: models)")
    p.add_argument("--holdout-fold", type=int, choices=range(N_FOLDS), default=None, metavar="K",
                   help=f"leave site fold K (0-{N_FOLDS - 1}) out of training, for benchmarks on sites the model never saw")
    p.add_argument("--no-cv", action="store_true", help="skip the grouped cross-validation of the tree model (faster; no CV metrics)")
    p.add_argument("--seed", type=_seed, default=0, metavar="N",
                   help="random state of the models (default: 0); retrain under a few seeds to see how far metrics move by chance")
    p.add_argument("--iterations", type=_iterations, default=None, metavar="FIRST,STACKED",
                   help="boosting iterations of the first and the stacked tree model (default: 160,80); "
                        "fewer trees score faster and less accurately")
    p.add_argument("--learning-rate", type=_learning_rate, default=None, metavar="LR",
                   help="learning rate of both tree models (default: 0.12); raise it when lowering --iterations")
    return p


def _corpus_options(p: argparse.ArgumentParser) -> None:
    """The options ``train`` and ``evaluate`` share: which corpus and seed pages, how many processes."""
    p.add_argument("--corpus", default=".cache/corpus", metavar="DIR", help="corpus built by 'cleanfeed corpus build' (default: .cache/corpus)")
    p.add_argument("--seeds", default="seeds", metavar="DIR", help="seed pages with gold files, scored into the card (default: seeds)")
    p.add_argument("--jobs", type=_jobs, default=2, metavar="N", help="processes for segmenting the corpus (default: 2)")
    p.add_argument("--no-progress", action="store_true", help="no progress bars")


def evaluate_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="cleanfeed evaluate",
        description="Score a trained model again on the corpus's eval sets and the seeds, and rewrite its card and "
                    "README (the model file and its training figures stay as they are). For a fix in how an eval set "
                    "is read; any change to the training rows needs 'cleanfeed train' instead.")
    p.add_argument("--model", default="models", metavar="DIR", help="model directory whose card is rewritten (default: models)")
    _corpus_options(p)
    return p


def page_kind_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="cleanfeed page-kind",
        description="Train the page-kind model (article, listing, forum, product, other) on WCXB's page types and the "
                    "news sets, with pages labelled by a block model; measure it by site folds and write it with its card.")
    p.add_argument("--corpus", default=".cache/corpus", metavar="DIR", help="corpus built by 'cleanfeed corpus build' (default: .cache/corpus)")
    p.add_argument("--data", default=os.environ.get(DATA_ENV, "../shared/data"), metavar="DIR",
                   help=f"the shared data directory, for WCXB's forums and listings (default: ${DATA_ENV} or ../shared/data)")
    p.add_argument("--block-model", default="default", metavar="DIR",
                   help="the block model whose labels the page features read (default: the shipped one)")
    p.add_argument("--out", default="models", metavar="DIR", help="output directory (default: models)")
    p.add_argument("--holdout-fold", type=int, choices=range(N_FOLDS), default=None, metavar="K",
                   help=f"leave site fold K (0-{N_FOLDS - 1}) out, for benchmarks on sites the model never saw")
    p.add_argument("--no-progress", action="store_true", help="no progress bars")
    return p


def _iterations(value: str) -> tuple[int, int]:
    parts = value.split(",")
    try:
        first, stacked = (int(x) for x in parts)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected two whole numbers FIRST,STACKED (e.g. 160,80), not {value!r}") from None
    return _checked_tree_sizes((first, stacked), None)[0]


def _learning_rate(value: str) -> float:
    try:
        rate = float(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number: {value!r}") from None
    return _checked_tree_sizes(None, rate)[1]


def _checked_tree_sizes(iterations: tuple[int, int] | None, rate: float | None) -> tuple[tuple[int, int] | None, float | None]:
    """The tree sizes as given, checked by ``fit.tree_params`` (their one check) before the
    corpus loads."""
    from .fit import tree_params

    try:
        tree_params(iterations, rate)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None
    return iterations, rate


def _output_dir(path: str) -> Path:
    """``path`` made ready for output before hours of work go into filling it: created if
    missing, and refused (with its reason) if it is a file or cannot be written."""
    out = Path(path)
    out.mkdir(parents=True, exist_ok=True)
    if not os.access(out, os.W_OK | os.X_OK):
        raise UsageError(f"cannot write to {path!r}: permission denied")
    return out


def _corpus(argv: Sequence[str]) -> int:
    args = corpus_parser().parse_args(argv)
    from .corpus.build import build_corpus, check_data_dir

    check_data_dir(Path(args.data))  # before --out is made: a wrong path leaves nothing behind
    out = _output_dir(args.out)
    stats = build_corpus(Path(args.data), out, limit=args.limit, progress=not args.no_progress,
                         partly_labelled=args.partly_labelled, kreuzer=args.kreuzer)
    (out / "stats.json").write_text(json.dumps(stats, indent=1) + "\n", encoding="utf-8")
    print(json.dumps(stats["pages"]), file=sys.stderr)
    # The message pools feed the comment threads; an empty one is worth seeing at once.
    pools = ", ".join(f"{name} {n['spam']} spam / {n['ham']} ham" for name, n in stats["messages"].items())
    print(f"cleanfeed: messages for comment threads: {pools}", file=sys.stderr)
    print(f"cleanfeed: corpus saved to {args.out} (counts in {out / 'stats.json'})", file=sys.stderr)
    return EXIT_OK


def _corpus_and_seeds(args: argparse.Namespace, without_seeds: str) -> tuple[Path, Path]:
    """``--corpus`` (refused if missing) and ``--seeds`` (a warning saying ``without_seeds`` if missing)."""
    corpus = Path(args.corpus)
    if not corpus.is_dir():
        raise UsageError(f"no corpus at {args.corpus!r}; build it with 'cleanfeed corpus build'")
    if not Path(args.seeds).is_dir():
        _err(f"warning: no seed pages at {args.seeds!r}; {without_seeds} (see --seeds)")
    return corpus, Path(args.seeds)


def _train(argv: Sequence[str]) -> int:
    args = train_parser().parse_args(argv)
    import cleanfeed.training as training

    corpus, seeds = _corpus_and_seeds(args, "the card will have no seed figures")
    out = _output_dir(args.out)
    training.train(corpus, out, seeds=seeds, progress=not args.no_progress, n_jobs=args.jobs,
          holdout_fold=args.holdout_fold, run_cv=not args.no_cv, seed=args.seed,
          iterations=args.iterations, learning_rate=args.learning_rate)
    return EXIT_OK


def _evaluate(argv: Sequence[str]) -> int:
    args = evaluate_parser().parse_args(argv)
    from .evaluate import remeasure

    corpus, seeds = _corpus_and_seeds(args, "the card keeps its seed figures")
    remeasure(Path(args.model), corpus, seeds=seeds, progress=not args.no_progress, n_jobs=args.jobs)
    return EXIT_OK


def _page_kind(argv: Sequence[str]) -> int:
    args = page_kind_parser().parse_args(argv)
    from .corpus.build import check_data_dir
    from .pagekind import train_page_kind

    corpus = Path(args.corpus)
    if not corpus.is_dir():
        raise UsageError(f"no corpus at {args.corpus!r}; build it with 'cleanfeed corpus build'")
    check_data_dir(Path(args.data))
    card = train_page_kind(corpus, Path(args.data), _output_dir(args.out), args.block_model, args.holdout_fold,
                           progress=not args.no_progress)
    print(json.dumps(card["cv"]["article"]), file=sys.stderr)
    return EXIT_OK


#: The verbs, by name: each takes the arguments after it and returns the exit code.
VERBS = {"corpus": _corpus, "train": _train, "evaluate": _evaluate, "page-kind": _page_kind}


def run_verb(verb: str, argv: Sequence[str]) -> int:
    return VERBS[verb](argv)
