"""Run the benchmark suite, write ``benchmarks/RESULTS.md`` and check the quality gate: one command.

The suite is what every change is measured by: quality (with the peers, and by language), speed, parallel
scaling, streaming and plain-text memory.  One-off studies live in ``benchmarks/studies/``
and are run by hand; RESULTS.md shows their last recorded answers.

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
from benchmarks import gate, languages, pagekind, plain_memory, quality, report, scaling, speed, streaming  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description="Run the quality and speed benchmarks and write RESULTS.md.")
    p.add_argument("--corpus", default=".cache/corpus", help="corpus built by 'cleanfeed corpus build' (default: .cache/corpus)")
    p.add_argument("--heldout-model", required=True, help="model trained with --holdout-fold 0")
    p.add_argument("--data", default="../shared/data", help="shared data directory, for the pages' original HTML (default: ../shared/data)")
    p.add_argument("--plain-python", default=None, help="interpreter of a 'pip install .'-only environment (speed.py)")
    p.add_argument("--skip-quality", action="store_true", help="do not run the quality benchmark")
    p.add_argument("--skip-speed", action="store_true", help="do not run the speed and parallel-scaling benchmarks")
    p.add_argument("--skip-streaming", action="store_true", help="do not run the 1 GB streaming and plain-text memory runs")
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
    if not args.skip_quality:
        quality.main(["--corpus", args.corpus, "--heldout-model", args.heldout_model, "--data", args.data])
        languages.main(["--corpus", args.corpus, "--heldout-model", args.heldout_model])
        pagekind.main(["--corpus", args.corpus, "--heldout-model", args.heldout_model, "--data", args.data])
    if not args.skip_speed:
        speed.main(["--corpus", args.corpus] + (["--plain-python", args.plain_python] if args.plain_python else []))
        scaling.main(["--corpus", args.corpus])
    if not args.skip_streaming:
        streaming.main(["--corpus", args.corpus])
        plain_memory.main([])
    code = report.main([])
    # The gate last: RESULTS.md is written either way, and the exit code says whether the
    # quality scores held their floors.
    return code or gate.main([])


if __name__ == "__main__":
    sys.exit(main())
