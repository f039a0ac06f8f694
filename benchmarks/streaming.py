"""Memory of the CLI over a 1 GB JSON Lines stream: RSS must stay flat.

A generator process writes pages (corpus texts, repeated) as JSON Lines into
``cleanfeed --jsonl`` until 1 GB has gone through; this script samples the cleanfeed
process's resident memory from /proc every second and checks that the output has one line
per input line.

    python benchmarks/streaming.py --corpus .cache/corpus --gigabytes 1 --out benchmarks/results/streaming.json
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.common import write_results  # noqa: E402


def _rss_mb(pid: int) -> float | None:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        return None
    return None


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--corpus", default=".cache/corpus")
    p.add_argument("--gigabytes", type=float, default=1.0)
    p.add_argument("--mode", choices=("rules-only", "model"), default="rules-only",
                   help="rules-only streams 1 GB in minutes; the model takes about four times longer")
    p.add_argument("--out", default="benchmarks/results/streaming.json")
    args = p.parse_args(argv)

    import datasets

    ds = datasets.load_from_disk(args.corpus).select_columns(["text"])
    lines = [(json.dumps({"text": r["text"]}) + "\n").encode() for r in ds.select(range(min(2000, len(ds))))]
    target = int(args.gigabytes * 1e9)
    cmd = [sys.executable, "-m", "cleanfeed", "--jsonl", "--no-progress"] + (["--rules-only"] if args.mode == "rules-only" else [])
    proc = subprocess.Popen(cmd, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    sent = {"bytes": 0, "lines": 0}

    def feed() -> None:
        assert proc.stdin is not None
        i = 0
        while sent["bytes"] < target:
            line = lines[i % len(lines)]
            proc.stdin.write(line)
            sent["bytes"] += len(line)
            sent["lines"] += 1
            i += 1
        proc.stdin.close()

    out_lines = {"n": 0}

    def drain() -> None:
        assert proc.stdout is not None
        for _ in proc.stdout:
            out_lines["n"] += 1

    threads = [threading.Thread(target=feed, daemon=True), threading.Thread(target=drain, daemon=True)]
    for t in threads:
        t.start()
    samples = []
    start = time.monotonic()
    while proc.poll() is None:
        rss = _rss_mb(proc.pid)
        if rss is not None:
            samples.append({"seconds": round(time.monotonic() - start, 1), "gb_sent": round(sent["bytes"] / 1e9, 3), "rss_mb": round(rss, 1)})
        time.sleep(1.0)
    for t in threads:
        t.join()
    stderr = proc.stderr.read().decode(errors="replace") if proc.stderr else ""
    result = {
        "mode": args.mode,
        "gigabytes": round(sent["bytes"] / 1e9, 3),
        "input_lines": sent["lines"],
        "output_lines": out_lines["n"],
        "exit_code": proc.returncode,
        "seconds": round(time.monotonic() - start, 1),
        "rss_mb_first_10pct": max((s["rss_mb"] for s in samples if s["gb_sent"] <= 0.1 * args.gigabytes), default=None),
        "rss_mb_max": max((s["rss_mb"] for s in samples), default=None),
        "samples": samples[:: max(1, len(samples) // 60)],
        "stderr_tail": stderr[-500:],
    }
    write_results(args.out, result)
    print(json.dumps({k: v for k, v in result.items() if k != "samples"}), file=sys.stderr)
    return 0 if result["input_lines"] == result["output_lines"] and proc.returncode == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
