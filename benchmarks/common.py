"""Small helpers the benchmark scripts share."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any


def write_results(path: str | Path, results: Any) -> None:
    """Write ``results`` as indented JSON to ``path`` (creating its folder) and say so on stderr."""
    out = Path(path)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(results, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {out}", file=sys.stderr)
