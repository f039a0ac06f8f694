"""Small helpers the benchmark scripts share."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any


def git_commit() -> str:
    """The checkout's commit, marked when the library or model differ from it."""
    here = Path(__file__).resolve().parent
    try:
        head = subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True, check=True, cwd=here).stdout.strip()
        dirty = subprocess.run(["git", "status", "--porcelain", "--", "cleanfeed", "models"], capture_output=True, text=True, cwd=here).stdout
    except (OSError, subprocess.CalledProcessError):
        return "unknown"
    return head + (" (with uncommitted changes)" if dirty.strip() else "")


def corpus_problem(corpus: str | Path) -> str | None:
    """Why ``corpus`` is not a corpus built by ``cleanfeed corpus build``, or ``None`` if it is."""
    if (Path(corpus) / "dataset_info.json").is_file():
        return None
    return f"no corpus at {str(corpus)!r}; build it with 'cleanfeed corpus build'"


def write_results(path: str | Path, results: Any) -> None:
    """Write ``results`` as indented JSON to ``path`` (creating its folder) and say so on stderr.

    A dict gets the commit it was measured at, so the report can say which code made it.
    """
    if isinstance(results, dict):
        results = {"commit": git_commit(), **results}
    out = Path(path)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(results, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {out}", file=sys.stderr)
