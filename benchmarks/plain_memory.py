"""Peak memory of the CLI's plain-text mode on pathological and very large inputs.

Two inputs, each piped into ``cleanfeed`` (no file on disk): one line of 50 MB of prose
(the seed pages' articles, as rules-only cleaning finds them, with the line breaks taken
out), and 1 GB of ordinary page text (the seed pages, repeated).  The peak resident memory of the cleanfeed process is read
from the kernel (``ru_maxrss`` of that child, from ``wait4``); the output is counted, not kept.

    python benchmarks/plain_memory.py --out benchmarks/results/plain_memory.json
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.common import write_results  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
MB = 1_000_000


def _seed_text() -> str:
    return "\n\n".join(p.read_text(encoding="utf-8") for p in sorted((ROOT / "seeds").glob("*.txt")))


def _inputs(gigabytes: float) -> dict[str, tuple[bytes, int]]:
    """Each input as (a unit of bytes, how many times it is written)."""
    from cleanfeed import Pipeline

    seeds = _seed_text().encode("utf-8")
    articles = [Pipeline(model=None).clean(p.read_text(encoding="utf-8")) for p in sorted((ROOT / "seeds").glob("*.txt"))]
    line = " ".join(" ".join(articles).split()).encode("utf-8") + b" "  # prose, one line
    return {
        "50 MB on one line": (line, -(-50 * MB // len(line))),
        f"{gigabytes:g} GB of page text": (seeds + b"\n\n", -(-int(gigabytes * 1000 * MB) // (len(seeds) + 2))),
    }


def _feed(stdin, unit: bytes, times: int, limit: int) -> None:
    written = 0
    try:
        for _ in range(times):
            part = unit[: limit - written]
            stdin.write(part)
            written += len(part)
            if written >= limit:
                break
    except BrokenPipeError:
        pass
    finally:
        stdin.close()


def measure(args: list[str], unit: bytes, times: int, limit: int) -> dict[str, float]:
    """Pipe ``limit`` bytes (``unit`` repeated) into ``cleanfeed args``; its peak RSS and time."""
    start = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-m", "cleanfeed", *args], stdin=subprocess.PIPE,
                            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    feeder = threading.Thread(target=_feed, args=(proc.stdin, unit, times, limit))
    feeder.start()
    out_bytes = 0
    for chunk in iter(lambda: proc.stdout.read(1 << 20), b""):
        out_bytes += len(chunk)
    feeder.join()
    # wait4 gives this child's own resource use (RUSAGE_CHILDREN would be the largest of
    # all children so far).
    _, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    seconds = time.perf_counter() - start
    if proc.returncode != 0:
        raise SystemExit(f"cleanfeed {' '.join(args)} exited {proc.returncode}")
    return {"input_mb": limit / MB, "output_mb": out_bytes / MB, "peak_rss_mb": round(usage.ru_maxrss / 1024, 1),
            "seconds": round(seconds, 1), "mb_per_s": round(limit / MB / seconds, 2)}


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--gigabytes", type=float, default=1.0, help="size of the ordinary-text input (default: 1)")
    p.add_argument("--out", default=str(ROOT / "benchmarks" / "results" / "plain_memory.json"))
    args = p.parse_args(argv)
    rows = []
    inputs = _inputs(args.gigabytes)
    # The model on the 50 MB line only: at under 1 MB/s, 1 GB would take most of an hour.
    plan = [(["--rules-only"], name) for name in inputs] + [([], "50 MB on one line")]
    for options, name in plan:
        unit, times = inputs[name]
        limit = 50 * MB if name.startswith("50 MB") else int(args.gigabytes * 1000 * MB)
        row = {"input": name, "mode": "rules-only" if options else "model", **measure(options, unit, times, limit)}
        print(row, file=sys.stderr)
        rows.append(row)
    write_results(args.out, {"rows": rows})
    return 0


if __name__ == "__main__":
    sys.exit(main())
