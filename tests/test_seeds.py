"""The shipped pipeline on the five seed pages against their gold files (docs/labels.md)."""

import json
from pathlib import Path

import pytest

from cleanfeed import Pipeline

SEEDS = Path(__file__).parent.parent / "seeds"
PAGES = sorted(SEEDS.glob("*.txt"))


def _gold(page: Path) -> list[dict]:
    lines = page.with_suffix(".gold.jsonl").read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


@pytest.fixture(scope="module")
def labelled():
    pipeline = Pipeline()
    return {p.name: pipeline.label(p.read_text(encoding="utf-8")) for p in PAGES}


def test_five_seeds_with_gold_files():
    assert len(PAGES) == 5
    for page in PAGES:
        text = page.read_text(encoding="utf-8")
        gold = _gold(page)
        assert [g["block"] for g in gold] == list(range(1, len(gold) + 1))
        for g in gold:
            assert text[g["start"] : g["end"]].strip() == text[g["start"] : g["end"]] != ""


def test_gold_blocks_match_segmentation(labelled):
    for page in PAGES:
        assert [(b.start, b.end) for b in labelled[page.name]] == [(g["start"], g["end"]) for g in _gold(page)]


def test_at_least_95_percent_of_seed_blocks_right(labelled):
    right = total = 0
    wrong = []
    for page in PAGES:
        for block, gold in zip(labelled[page.name], _gold(page)):
            total += 1
            if block.label == gold["label"]:
                right += 1
            else:
                wrong.append((page.name, gold["block"], gold["label"], block.label, block.text[:50]))
    assert right / total >= 0.95, f"{right}/{total} right; wrong: {wrong}"


def test_both_spam_blocks_of_seed_004(labelled):
    blocks = labelled["004_8352a8b32f8949aa.txt"]
    assert [blocks[i].label for i in (14, 15)] == ["spam", "spam"]
