"""The datatrove step, run by datatrove's own executor: the same text as clean_batch."""

import gzip
import json
from pathlib import Path

import pytest

pytest.importorskip("datatrove", reason="the datatrove extra is not installed")

from datatrove.executor import LocalPipelineExecutor  # noqa: E402
from datatrove.pipeline.readers import JsonlReader  # noqa: E402
from datatrove.pipeline.writers import JsonlWriter  # noqa: E402

from cleanfeed import Pipeline, clean_batch  # noqa: E402
from cleanfeed.datatrove import CleanfeedCleaner  # noqa: E402

ROOT = Path(__file__).parent.parent
SEEDS = sorted((ROOT / "seeds").glob("*.txt"))


def _records():
    pages = [p.read_text(encoding="utf-8") for p in SEEDS]
    return [{"id": f"seed-{i}", "text": t} for i, t in enumerate(pages)] + [
        {"id": "menu-only", "text": "Home\n\nShare on Facebook\n\nLeave a Reply"}]


def _run(tmp_path: Path, step: CleanfeedCleaner, tasks: int = 2, records: list[dict] | None = None) -> list[dict]:
    src, out = tmp_path / "in", tmp_path / "out"
    src.mkdir(parents=True)
    records = records or _records()
    for k in range(tasks):  # one input file per task
        part = records[k::tasks]
        (src / f"part{k}.jsonl").write_text("".join(json.dumps(r) + "\n" for r in part), encoding="utf-8")
    LocalPipelineExecutor([JsonlReader(str(src)), step, JsonlWriter(str(out))], tasks=tasks, workers=tasks,
                          logging_dir=str(tmp_path / "logs")).run()
    rows = []
    for path in sorted(out.glob("*.jsonl.gz")):
        with gzip.open(path, "rt", encoding="utf-8") as fh:
            rows += [json.loads(line) for line in fh]
    return rows


def test_output_equals_clean_batch_and_empty_documents_are_dropped(tmp_path):
    rows = {r["id"]: r for r in _run(tmp_path, CleanfeedCleaner())}
    records = _records()
    expected = dict(zip((r["id"] for r in records), clean_batch(r["text"] for r in records)))
    assert expected["menu-only"] == ""
    assert set(rows) == {i for i, text in expected.items() if text}
    assert all(rows[i]["text"] == expected[i] for i in rows)


def test_labels_in_metadata_and_settings_carried_to_the_workers(tmp_path):
    pipeline = Pipeline(model=None, keep=("body", "navigation"))
    rows = {r["id"]: r for r in _run(tmp_path, CleanfeedCleaner(pipeline, drop_empty=False, store_labels=True))}
    records = {r["id"]: r["text"] for r in _records()}
    assert set(rows) == set(records)
    for i, row in rows.items():
        assert row["text"] == pipeline.clean(records[i])
        blocks = row["metadata"]["cleanfeed_blocks"]
        assert [b["label"] for b in blocks] == [b.label for b in pipeline.label(records[i])]
        assert all(records[i][b["start"] : b["end"]] for b in blocks)
    assert rows["menu-only"]["text"] != ""  # navigation is kept here


def test_an_articles_only_pipeline_drops_listings_and_says_why(tmp_path):
    """Pages that are not articles are dropped apart from empty ones, or passed on empty
    with the reason; the seeds (articles) are cleaned as before."""
    listing = (ROOT / "tests" / "pages" / "section_front.txt").read_text(encoding="utf-8")
    pipeline = Pipeline(min_article_prob=0.5)

    records = _records() + [{"id": "listing", "text": listing}]

    def run(step, name):
        return {r["id"]: r for r in _run(tmp_path / name, step, records=records)}

    rows = run(CleanfeedCleaner(pipeline), "drop")
    assert "listing" not in rows and "menu-only" not in rows
    assert all(rows[f"seed-{i}"]["text"] == Pipeline().clean(p.read_text(encoding="utf-8")) for i, p in enumerate(SEEDS))
    kept = run(CleanfeedCleaner(pipeline, drop_empty=False, store_labels=True), "keep")
    # datatrove's writer leaves an empty text out of the record.
    assert kept["listing"].get("text", "") == ""
    assert kept["listing"]["metadata"]["cleanfeed_dropped"].startswith("not an article")
    assert kept["listing"]["metadata"]["cleanfeed_page"]["kind"] != "article"
    assert kept["seed-0"]["metadata"]["cleanfeed_page"]["kind"] == "article"
