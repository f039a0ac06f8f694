"""Run every benchmark, write ``benchmarks/RESULTS.md`` and check the quality gate: one command.

    pip install '.[bench]'
    cleanfeed corpus build --data ../shared/data --out .cache/corpus
    cleanfeed train --corpus .cache/corpus --out .cache/model-holdout0 --holdout-fold 0 --no-cv
    python -m venv .cache/plain && .cache/plain/bin/pip install .     # optional: memory of a plain install
    python benchmarks/run.py --corpus .cache/corpus --heldout-model .cache/model-holdout0 --data ../shared/data \
        --plain-python .cache/plain/bin/python
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.common import corpus_problem  # noqa: E402
from benchmarks import (  # noqa: E402
    dragnet_chrome, gate, label_ceiling, quality, report, rules_only_layout, scaling, speed, streaming, tree_predictors,
)


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description="Run the quality and speed benchmarks and write RESULTS.md.")
    p.add_argument("--corpus", default=".cache/corpus", help="corpus built by 'cleanfeed corpus build' (default: .cache/corpus)")
    p.add_argument("--heldout-model", required=True, help="model trained with --holdout-fold 0")
    p.add_argument("--data", default="../shared/data", help="shared data directory, for the pages' original HTML (default: ../shared/data)")
    p.add_argument("--plain-python", default=None, help="interpreter of a 'pip install .'-only environment (speed.py)")
    p.add_argument("--skip-quality", action="store_true", help="do not run the quality benchmark")
    p.add_argument("--skip-speed", action="store_true", help="do not run the speed and parallel-scaling benchmarks")
    p.add_argument("--skip-streaming", action="store_true", help="do not run the 1 GB streaming-memory run")
    args = p.parse_args(argv)
    # Each part runs for minutes: check what they need before the first one starts.
    problem = corpus_problem(args.corpus)
    if problem:
        p.error(problem)
    if not args.skip_quality:
        from cleanfeed.model import ModelError, load_model

        try:
            load_model(args.heldout_model)
        except ModelError as exc:
            p.error(f"--heldout-model: {exc}")
        if not Path(args.data).is_dir():
            p.error(f"no data directory at {args.data!r} (--data)")
    if args.plain_python and not Path(args.plain_python).is_file():
        p.error(f"--plain-python: no interpreter at {args.plain_python!r}")
    if not args.skip_speed:
        try:
            import onnx  # noqa: F401
            import onnxruntime  # noqa: F401
        except ImportError:
            p.error("the tree-predictor comparison needs onnx and onnxruntime: pip install '.[bench]'")
    if not args.skip_quality:
        quality.main(["--corpus", args.corpus, "--heldout-model", args.heldout_model, "--data", args.data])
        rules_only_layout.main(["--corpus", args.corpus])
        label_ceiling.main(["--corpus", args.corpus])
        dragnet_chrome.main(["--corpus", args.corpus])
    if not args.skip_speed:
        speed.main(["--corpus", args.corpus] + (["--plain-python", args.plain_python] if args.plain_python else []))
        tree_predictors.main([])  # on the input speed.py just wrote
        scaling.main(["--corpus", args.corpus])
    if not args.skip_streaming:
        streaming.main(["--corpus", args.corpus])
    code = report.main([])
    # The gate last: RESULTS.md is written either way, and the exit code says whether the
    # quality scores held their floors.
    return code or gate.main([])


if __name__ == "__main__":
    sys.exit(main())
