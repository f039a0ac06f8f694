"""The corpus and the seed pages as segmented, gold-labelled pages: what training fits and scores.

Labels of the corpus's gold blocks are carried onto ``segment``'s blocks by character
overlap, so the model trains on exactly the blocks it will see at prediction time.
"""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from ..features import rule_hits
from ..rules import RuleSet
from ..segment import Block, segment

__all__ = ["PageData", "gold_labels", "page_from_row", "rows_to_pages", "load_corpus_pages", "seed_pages"]


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


def page_from_row(row: dict[str, Any], rules: RuleSet) -> PageData:
    blocks = segment(row["text"])
    spans = [(b["start"], b["end"], b["label"]) for b in row["blocks"]]
    return PageData(
        source=row["source"], site=row["site"], use=row["use"], fold=int(row["fold"]),
        page_type=row.get("page_type") or "", text=row["text"], gold_body=row.get("gold_body") or "",
        blocks=blocks, labels=gold_labels(blocks, spans), hits=rule_hits(blocks, rules),
    )


def rows_to_pages(rows: list[dict[str, Any]]) -> list[PageData]:
    rules = RuleSet.default()
    return [page_from_row(r, rules) for r in rows]


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
            for part in pool.imap(rows_to_pages, chunks):
                pages.extend(part)
                bar.update(len(part))
    else:
        for chunk in chunks:
            pages.extend(rows_to_pages(chunk))
            bar.update(len(chunk))
    bar.close()
    return pages


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
