"""cleanfeed.hf: a cleaned column through Dataset.map, in order, in worker processes."""

import pytest

datasets = pytest.importorskip("datasets")

from cleanfeed import Pipeline  # noqa: E402
from cleanfeed.hf import add_clean_column  # noqa: E402


def test_add_clean_column_with_labels_and_processes():
    texts = [f"Share\n\nArticle number {i}.\n\nLeave a Reply" for i in range(20)] + [None]
    ds = datasets.Dataset.from_dict({"text": texts, "id": list(range(21))})
    out = add_clean_column(ds, pipeline=Pipeline(model=None, fallback="body"), labels_column="blocks", num_proc=2, batch_size=4)
    assert out["id"] == list(range(21))
    assert out["cleaned"][:20] == [f"Article number {i}." for i in range(20)]
    assert out["cleaned"][20] is None and out["blocks"][20] is None  # as cleanfeed.spark: missing stays missing
    assert [b["label"] for b in out["blocks"][0]] == ["navigation", "body", "navigation"]
    # Each row is the block's offsets, label, confidence and reason, as label() gives them.
    labelled = Pipeline(model=None, fallback="body").label(texts[3])
    assert out["blocks"][3] == [{"start": b.start, "end": b.end, "label": b.label, "confidence": b.confidence,
                                 "reason": b.reason} for b in labelled]
    assert [texts[3][row["start"]:row["end"]] for row in out["blocks"][3]] == ["Share", "Article number 3.", "Leave a Reply"]


def test_unknown_column():
    ds = datasets.Dataset.from_dict({"body": ["x"]})
    with pytest.raises(ValueError, match="no column 'text'"):
        add_clean_column(ds)


def test_page_column_says_what_kind_each_page_is_and_why_it_was_emptied():
    from pathlib import Path

    root = Path(__file__).parent.parent
    article = (root / "seeds" / "004_8352a8b32f8949aa.txt").read_text(encoding="utf-8")
    listing = (root / "tests" / "pages" / "section_front.txt").read_text(encoding="utf-8")
    ds = datasets.Dataset.from_dict({"text": [article, listing, None]})
    out = add_clean_column(ds, pipeline=Pipeline(min_article_prob=0.5), page_column="page")
    assert out["cleaned"][0] == Pipeline().clean(article) and out["page"][0]["kind"] == "article"
    assert out["page"][0]["dropped"] is None
    assert out["cleaned"][1] == "" and out["page"][1]["dropped"].startswith("not an article")
    assert out["page"][1]["article_probability"] < 0.5
    assert out["cleaned"][2] is None and out["page"][2] is None
