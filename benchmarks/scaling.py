"""Throughput with 1 and 2 worker processes, and in Spark local mode, on the same input.

Timings include starting the workers and loading the model in each: that is what a batch
job pays.

    python benchmarks/scaling.py --corpus .cache/corpus --out benchmarks/results/scaling.json
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.common import write_results  # noqa: E402


def _texts(corpus: str, megabytes: float) -> list[str]:
    import datasets

    ds = datasets.load_from_disk(corpus).select_columns(["text"])
    out, total = [], 0
    for row in ds:
        out.append(row["text"])
        total += len(row["text"].encode("utf-8"))
        if total >= megabytes * 1e6:
            break
    return out


def local_runs(texts: list[str]) -> list[dict]:
    from cleanfeed import Pipeline, clean_batch

    mb = sum(len(t.encode("utf-8")) for t in texts) / 1e6
    pipeline = Pipeline()
    pipeline.load()
    runs = []
    from threadpoolctl import threadpool_limits

    for n_jobs in (1, 2):
        t0 = time.perf_counter()
        with threadpool_limits(1):  # one core per worker, the main process included
            n = sum(1 for _ in clean_batch(texts, pipeline=pipeline, n_jobs=n_jobs))
        seconds = time.perf_counter() - t0
        runs.append({"engine": "clean_batch", "workers": n_jobs, "docs": n, "mb": round(mb, 2),
                     "seconds": round(seconds, 2), "mb_per_s": round(mb / seconds, 3)})
        print(f"clean_batch n_jobs={n_jobs}: {mb / seconds:.2f} MB/s", file=sys.stderr)
    return runs


def spark_runs(texts: list[str]) -> list[dict]:
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    os.environ.setdefault("PYSPARK_DRIVER_PYTHON", sys.executable)
    from pyspark.sql import SparkSession

    from cleanfeed.spark import clean_column

    mb = sum(len(t.encode("utf-8")) for t in texts) / 1e6
    runs = []
    for cores in (1, 2):
        spark = (SparkSession.builder.master(f"local[{cores}]").appName("cleanfeed-bench")
                 .config("spark.ui.enabled", "false").getOrCreate())
        df = spark.createDataFrame([(t,) for t in texts], "text string").repartition(cores * 4).cache()
        df.count()
        # The first action loads the model in each Python worker: time a second one.
        clean_column(df.limit(cores * 4), "text", "cleaned").count()
        t0 = time.perf_counter()
        n = clean_column(df, "text", "cleaned").select("cleaned").rdd.map(lambda r: len(r[0] or "")).count()
        seconds = time.perf_counter() - t0
        runs.append({"engine": "spark local", "workers": cores, "docs": n, "mb": round(mb, 2),
                     "seconds": round(seconds, 2), "mb_per_s": round(mb / seconds, 3)})
        print(f"spark local[{cores}]: {mb / seconds:.2f} MB/s", file=sys.stderr)
        spark.stop()
    return runs


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--corpus", default=".cache/corpus")
    p.add_argument("--megabytes", type=float, default=15.0,
                   help="input size; large enough that starting the workers (each loads the model) is amortised")
    p.add_argument("--out", default="benchmarks/results/scaling.json")
    p.add_argument("--no-spark", action="store_true")
    args = p.parse_args(argv)
    texts = _texts(args.corpus, args.megabytes)
    runs = local_runs(texts)
    if not args.no_spark:
        runs += spark_runs(texts)
    for engine in {r["engine"] for r in runs}:
        one = next(r for r in runs if r["engine"] == engine and r["workers"] == 1)
        for r in runs:
            if r["engine"] == engine:
                r["scaling_efficiency"] = round(r["mb_per_s"] / (one["mb_per_s"] * r["workers"]), 3)
    write_results(args.out, {"runs": runs, "cpu_count": os.cpu_count()})
    return 0


if __name__ == "__main__":
    sys.exit(main())
