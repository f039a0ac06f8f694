"""Throughput, model load time and peak memory of cleanfeed and its peers, in one run.

Every tool runs in its own fresh process (so load time and peak RSS are its own) on the
same input: at least 10 MB of plain text drawn from the corpus pages, one process, one
core (one OpenMP thread).  Load time is the median of five more fresh processes that only
start the tool.  A second measurement times cleanfeed on single documents from 1 KB to
1 MB, also in a one-thread process of its own, to show that its time grows linearly with
document size.

    python benchmarks/speed.py --corpus .cache/corpus --out benchmarks/results/speed.json
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.common import write_results  # noqa: E402

MIN_BYTES = 10_000_000
LOAD_REPEATS = 5
SIZES = (1_000, 10_000, 100_000, 1_000_000)


def build_input(corpus: Path, path: Path, min_bytes: int = MIN_BYTES) -> dict:
    """Write ``min_bytes``+ of page texts (JSON Lines) to ``path``; pages in corpus order."""
    import datasets

    ds = datasets.load_from_disk(str(corpus))
    total = docs = 0
    with path.open("w", encoding="utf-8") as fh:
        while total < min_bytes:
            for row in ds.select_columns(["text"]):
                fh.write(json.dumps({"text": row["text"]}) + "\n")
                total += len(row["text"].encode("utf-8"))
                docs += 1
                if total >= min_bytes:
                    break
    return {"docs": docs, "bytes": total}


def _peak_rss_mb() -> float:
    """This process's peak resident memory.

    /proc's VmHWM belongs to the process's own address space; ru_maxrss would also count
    the parent's memory at fork time, which Linux carries across exec.
    """
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux reports KiB


def cli_worker(input_path: Path) -> dict:
    """cleanfeed as users run it on a batch: ``cleanfeed --jsonl < input > output``.

    Runs the command line's own entry point in this fresh process, so the time includes
    start-up (imports and model load) and the peak RSS is that of the command streaming
    the input, not holding it.
    """
    n_bytes = docs = 0
    with input_path.open(encoding="utf-8") as fh:
        for line in fh:
            n_bytes += len(json.loads(line)["text"].encode("utf-8"))
            docs += 1
    t0 = time.perf_counter()
    from cleanfeed.cli import main as cli_main

    stdin, stdout = sys.stdin, sys.stdout
    with input_path.open(encoding="utf-8") as src, open(os.devnull, "w", encoding="utf-8") as sink:
        sys.stdin, sys.stdout = src, sink
        try:
            code = cli_main(["--jsonl"])
        finally:
            sys.stdin, sys.stdout = stdin, stdout
    if code != 0:
        raise SystemExit(f"cleanfeed --jsonl exited with {code}")
    seconds = time.perf_counter() - t0
    return {
        "tool": "cleanfeed-cli",
        "docs": docs,
        "mb": round(n_bytes / 1e6, 2),
        "seconds": round(seconds, 2),
        "docs_per_s": round(docs / seconds, 1),
        "mb_per_s": round(n_bytes / 1e6 / seconds, 3),
        "load_s": None,
        "peak_rss_mb": round(_peak_rss_mb(), 1),
        "input_rss_mb": None,
    }


def stage_worker(input_path: Path) -> dict:
    """Where cleanfeed's time goes: each stage of the chain (``cleanfeed.chain.STAGES``) timed
    on the same input, one page at a time, through the chain's own clock."""
    from collections import defaultdict
    from contextlib import contextmanager

    from cleanfeed import Pipeline, chain
    from cleanfeed.model import compiled_extensions
    from cleanfeed.decide import decide_labels

    texts = [json.loads(line)["text"] for line in input_path.open(encoding="utf-8")]
    n_bytes = sum(len(t.encode("utf-8")) for t in texts)
    pipeline = Pipeline().load()
    model, rules = pipeline.model_, pipeline.rules_

    def clocked(times: dict[str, float]):
        @contextmanager
        def clock(stage: str):
            t0 = time.perf_counter()
            yield
            times[stage] += time.perf_counter() - t0
        return clock

    with_model: dict[str, float] = defaultdict(float)
    clock = clocked(with_model)
    n_blocks = 0
    for text in texts:
        blocks, hits = chain.blocks_and_hits(text, rules, clock)
        n_blocks += len(blocks)
        (scores,) = chain.model_scores(model, [(blocks, hits)], rules, clock)
        with clock("decide"):
            decide_labels(blocks, hits, rules, scores, {})
    # Rules-only mode runs only the rules that can decide a block, then judges the rest by layout.
    rules_only: dict[str, float] = defaultdict(float)
    clock = clocked(rules_only)
    deciding = pipeline.set_params(model=None).active_rules()
    for text in texts:
        blocks, hits = chain.blocks_and_hits(text, deciding, clock)
        with clock("decide"):
            decide_labels(blocks, hits, deciding, None, {})
    return {"mb": round(n_bytes / 1e6, 2), "blocks": n_blocks,
            "stages": {k: round(with_model[k], 3) for k in chain.STAGES if k in with_model},
            "rules_only_stages": {k: round(rules_only[k], 3) for k in chain.STAGES if k in rules_only},
            "compiled_tree_walk": compiled_extensions()["_ctrees"], "compiled": compiled_extensions(),
            "note": "one model call per page here; the pipeline batches up to 64 pages (4,000 blocks) per model call"}


def _load(tool: str) -> tuple[Callable[[list[str]], None], float]:
    """The tool made ready to run (``run_all(texts)``) and the seconds that took.

    The shared imports (the peers module, cleanfeed's own segmenter) come before the
    clock starts: load time is the tool's own start-up, for cleanfeed the model load.
    """
    from benchmarks.peers import SPEED_PEERS
    from cleanfeed import Pipeline

    t0 = time.perf_counter()
    if tool.startswith("cleanfeed"):
        pipeline = Pipeline(model=None if tool == "cleanfeed-rules-only" else "default")
        pipeline.load()

        def run_all(texts):
            for _ in pipeline.clean_many(texts):
                pass
    else:
        extract = SPEED_PEERS[tool]()

        def run_all(texts):
            for text in texts:
                extract(text)
    return run_all, time.perf_counter() - t0


def load_worker(tool: str) -> dict:
    """Load time alone, in a fresh process."""
    return {"tool": tool, "load_s": _load(tool)[1]}


def curves_worker(corpus: Path) -> dict:
    """The size curve and the short-page timings, in a process of their own with one thread."""
    return {"size_curve": size_curve(corpus), "short_pages": short_pages(corpus)}


def worker(tool: str, input_path: Path) -> dict:
    """Run one tool over the input in this process and report its numbers."""
    texts = [json.loads(line)["text"] for line in input_path.open(encoding="utf-8")]
    n_bytes = sum(len(t.encode("utf-8")) for t in texts)
    # The shared imports (which _load also makes) belong to the baseline, not to the tool.
    import benchmarks.peers  # noqa: F401

    rss_before = _peak_rss_mb()
    run_all, load_s = _load(tool)
    t1 = time.perf_counter()
    run_all(texts)
    seconds = time.perf_counter() - t1
    return {
        "tool": tool,
        "docs": len(texts),
        "mb": round(n_bytes / 1e6, 2),
        "seconds": round(seconds, 2),
        "docs_per_s": round(len(texts) / seconds, 1),
        "mb_per_s": round(n_bytes / 1e6 / seconds, 3),
        "load_s": round(load_s, 3),
        "peak_rss_mb": round(_peak_rss_mb(), 1),
        "input_rss_mb": round(rss_before, 1),
    }


def size_curve(corpus: Path) -> list[dict]:
    """cleanfeed's time on single documents of growing size (pages concatenated)."""
    import datasets

    from cleanfeed import Pipeline

    ds = datasets.load_from_disk(str(corpus))
    pool = "\n\n".join(row["text"] for row in ds.select(range(min(len(ds), 600))).select_columns(["text"]))
    pipeline = Pipeline()
    pipeline.load()
    out = []
    for size in SIZES:
        doc = pool[:size]
        reps = max(1, int(2_000_000 / size))
        t0 = time.perf_counter()
        for _ in range(reps):
            pipeline.clean(doc)
        seconds = (time.perf_counter() - t0) / reps
        out.append({"bytes": len(doc.encode("utf-8")), "seconds": seconds, "ms_per_kb": 1000 * seconds / (len(doc) / 1000)})
        print(f"  {size:>9,} chars: {seconds * 1000:8.1f} ms", file=sys.stderr)
    return out


#: Peers timed on the short pages too (``short_pages``).
SHORT_PAGE_PEERS = ("justext", "trafilatura")


def _seconds_per_page(call: Callable[[str], Any], docs: list[str]) -> float:
    """Mean seconds of ``call(doc)`` over ``docs``, one call a page, after one call outside
    the clock (where a model or a peer loads what it needs)."""
    call(docs[0])
    t0 = time.perf_counter()
    for doc in docs:
        call(doc)
    return (time.perf_counter() - t0) / len(docs)


def short_pages(corpus: Path, n_pages: int = 300, chars: int = 1_000) -> dict:
    """Short pages one ``clean()`` call at a time against ``clean_many`` (batched model calls).

    The tree models cost about the same per call whatever the page's size, so on short
    pages that fixed cost dominates; a batch shares it among up to 64 pages.
    """
    import datasets

    from benchmarks.peers import SPEED_PEERS
    from cleanfeed import Pipeline

    ds = datasets.load_from_disk(str(corpus))
    docs = [row["text"][:chars] for row in ds.select(range(min(len(ds), n_pages))).select_columns(["text"])]
    pipeline = Pipeline()
    one_by_one = _seconds_per_page(pipeline.clean, docs)
    t0 = time.perf_counter()
    for _ in pipeline.clean_many(docs):
        pass
    batched = (time.perf_counter() - t0) / len(docs)
    # The peers issue 25 compares short pages with, on the same pages, one call a page.
    peers = {name: _seconds_per_page(SPEED_PEERS[name](), docs) for name in SHORT_PAGE_PEERS}
    return {"pages": len(docs), "chars": chars, "one_call_per_page_s": one_by_one, "batched_s": batched,
            "peers_one_call_per_page_s": peers}


def _run_worker(tool: str, input_path: Path, env: dict[str, str], python: str = sys.executable,
                extra: tuple[str, ...] = ()) -> dict:
    """Run ``--worker tool`` in a fresh process of ``python`` and return the JSON it prints."""
    proc = subprocess.run(
        [python, str(Path(__file__).resolve()), "--worker", tool, "--input", str(input_path), *extra],
        capture_output=True, text=True, env=env,
    )
    if proc.returncode != 0:
        print(proc.stderr[-2000:], file=sys.stderr)
        raise SystemExit(f"{tool} failed")
    return json.loads(proc.stdout.strip().splitlines()[-1])


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--corpus", default=".cache/corpus", help="corpus built by 'cleanfeed corpus build'")
    p.add_argument("--input", default=".cache/speed-input.jsonl", help="where the shared input is written")
    p.add_argument("--out", default="benchmarks/results/speed.json", help="where to write the JSON results")
    p.add_argument("--tools", default=None, help="comma-separated subset of tools")
    p.add_argument("--plain-python", default=None, metavar="PYTHON",
                   help="also run the cleanfeed command with this interpreter, from an environment where only "
                        "'pip install .' was done (the benchmark's own environment has pandas, which scikit-learn imports)")
    p.add_argument("--worker", help=argparse.SUPPRESS)
    args = p.parse_args(argv)
    if args.worker:
        special = {"cleanfeed-cli": cli_worker, "cleanfeed-stages": stage_worker}
        if args.worker == "curves":
            result = curves_worker(Path(args.corpus))
        elif args.worker.startswith("load:"):
            result = load_worker(args.worker[len("load:"):])
        elif args.worker in special:
            result = special[args.worker](Path(args.input))
        else:
            result = worker(args.worker, Path(args.input))
        print(json.dumps(result))
        return 0

    from benchmarks.peers import SPEED_PEERS

    tools = args.tools.split(",") if args.tools else [*SPEED_PEERS, "cleanfeed-cli"]
    # Checked before minutes of work: every ratio is to cleanfeed, and a misspelt tool
    # would only fail when its turn came.
    unknown = sorted(set(tools) - {*SPEED_PEERS, "cleanfeed-cli"})
    if unknown:
        p.error(f"--tools: unknown {', '.join(unknown)}; known: {', '.join([*SPEED_PEERS, 'cleanfeed-cli'])}")
    if "cleanfeed" not in tools:
        p.error("--tools must include cleanfeed: every ratio is to it")
    input_path = Path(args.input)
    input_path.parent.mkdir(parents=True, exist_ok=True)
    info = build_input(Path(args.corpus), input_path)
    print(f"input: {info['docs']} docs, {info['bytes'] / 1e6:.1f} MB", file=sys.stderr)
    runs = []
    env = dict(os.environ, PYTHONPATH=str(ROOT), OMP_NUM_THREADS="1", OPENBLAS_NUM_THREADS="1")
    for tool in tools:
        print(f"timing {tool} ...", file=sys.stderr)
        result = _run_worker(tool, input_path, env)
        print(f"  {result['mb_per_s']} MB/s, load {result['load_s']} s, peak RSS {result['peak_rss_mb']} MB", file=sys.stderr)
        runs.append(result)
    if args.plain_python:
        print("timing cleanfeed-cli in the plain install ...", file=sys.stderr)
        result = _run_worker("cleanfeed-cli", input_path, env, python=args.plain_python)
        result["tool"] = "cleanfeed-cli-plain-install"
        print(f"  {result['mb_per_s']} MB/s, peak RSS {result['peak_rss_mb']} MB", file=sys.stderr)
        runs.append(result)
    # One start-up time is at the mercy of the disk cache and the other core; the median of
    # LOAD_REPEATS fresh processes is what a user starting the tool will mostly see.
    def median_load(tool: str, python: str = sys.executable) -> dict:
        loads = [_run_worker(f"load:{tool}", input_path, env, python=python)["load_s"] for _ in range(LOAD_REPEATS)]
        return {"load_s": round(statistics.median(loads), 3), "load_s_runs": [round(x, 3) for x in loads]}

    for r in runs:
        if r["load_s"] is not None:
            r["load_s_in_run"] = r["load_s"]
            r.update(median_load(r["tool"]))
            print(f"  {r['tool']}: load {r['load_s']} s (median of {LOAD_REPEATS})", file=sys.stderr)
    plain_load = None
    if args.plain_python:
        plain_load = median_load("cleanfeed", python=args.plain_python)
        print(f"  cleanfeed in the plain install: load {plain_load['load_s']} s (median of {LOAD_REPEATS})", file=sys.stderr)
    base = next(r for r in runs if r["tool"] == "cleanfeed")
    for r in runs:
        r["throughput_vs_cleanfeed"] = round(r["mb_per_s"] / base["mb_per_s"], 3)
    print("stages of cleanfeed ...", file=sys.stderr)
    stages = _run_worker("cleanfeed-stages", input_path, env)
    print("size curve and short pages ...", file=sys.stderr)
    curves = _run_worker("curves", input_path, env, extra=("--corpus", args.corpus))
    for point in curves["size_curve"]:
        print(f"  {point['bytes']:>9,} bytes: {point['seconds'] * 1000:8.1f} ms", file=sys.stderr)
    short = curves["short_pages"]
    print(f"  {short['pages']} short pages of {short['chars']:,} chars: clean() {short['one_call_per_page_s'] * 1000:.1f} ms a page, "
          f"clean_many {short['batched_s'] * 1000:.1f} ms", file=sys.stderr)
    results = {"input": info, "runs": runs, "stages": stages, "size_curve": curves["size_curve"],
               "short_pages": curves["short_pages"], "plain_install_load": plain_load, "cpu_count": os.cpu_count()}
    write_results(args.out, results)
    return 0


if __name__ == "__main__":
    sys.exit(main())
