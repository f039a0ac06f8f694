"""cleanfeed.spark in Spark local mode."""

import shutil

import pytest

pyspark = pytest.importorskip("pyspark", reason="the spark extra is not installed")
if shutil.which("java") is None:
    pytest.skip("Spark needs Java, and no java is on PATH", allow_module_level=True)

from cleanfeed import Pipeline  # noqa: E402
from cleanfeed.spark import clean_column  # noqa: E402


@pytest.fixture(scope="module")
def spark():
    import os
    import sys

    from pyspark.sql import SparkSession

    # Executors must run the same interpreter, where cleanfeed and pandas are installed.
    os.environ["PYSPARK_PYTHON"] = sys.executable
    os.environ["PYSPARK_DRIVER_PYTHON"] = sys.executable

    session = (
        SparkSession.builder.master("local[2]").appName("cleanfeed-test")
        .config("spark.ui.enabled", "false").config("spark.sql.shuffle.partitions", "2")
        .getOrCreate()
    )
    yield session
    session.stop()


def test_clean_column_in_local_mode(spark):
    rows = [(1, "Share\n\nThe article text.\n\nLeave a Reply"), (2, None), (3, "Connect with us\n\nAnother article body.")]
    df = spark.createDataFrame(rows, "id int, text string").repartition(2)
    out = clean_column(df, "text", "cleaned", pipeline=Pipeline(model=None, fallback="body"), labels_col="blocks")
    result = {r["id"]: r for r in out.collect()}
    assert result[1]["cleaned"] == "The article text."
    assert result[2]["cleaned"] is None and result[2]["blocks"] is None
    assert result[3]["cleaned"] == "Another article body."
    assert [b["label"] for b in result[1]["blocks"]] == ["navigation", "body", "navigation"]


def test_shipped_model_on_spark(spark):
    from pathlib import Path

    page = (Path(__file__).parent.parent / "seeds" / "004_8352a8b32f8949aa.txt").read_text(encoding="utf-8")
    df = spark.createDataFrame([(page,)], "text string")
    (row,) = clean_column(df, "text", "cleaned").collect()
    assert row["cleaned"] == Pipeline().clean(page)


def test_missing_column_is_a_clear_error(spark):
    df = spark.createDataFrame([("x",)], "body string")
    with pytest.raises(ValueError, match="no column 'text'"):
        clean_column(df, "text", "cleaned")


def test_batched_udf_keeps_rows_in_place_around_nulls(spark):
    # More rows than one model batch (64 pages) in a single partition, nulls among them:
    # each output must belong to its own row.
    rows = [(i, None if i % 7 == 3 else f"Share\n\nArticle number {i} says something.\n\nReply") for i in range(150)]
    df = spark.createDataFrame(rows, "id int, text string").coalesce(1)
    out = clean_column(df, "text", "cleaned", pipeline=Pipeline(model=None, fallback="body"), labels_col="blocks")
    result = {r["id"]: r for r in out.collect()}
    for i, text in rows:
        if text is None:
            assert result[i]["cleaned"] is None and result[i]["blocks"] is None
        else:
            assert result[i]["cleaned"] == f"Article number {i} says something."
            assert [b["end"] for b in result[i]["blocks"]][-1] == len(text)


def test_page_column_says_what_kind_each_page_is_and_why_it_was_emptied(spark):
    from pathlib import Path

    root = Path(__file__).parent.parent
    article = (root / "seeds" / "004_8352a8b32f8949aa.txt").read_text(encoding="utf-8")
    listing = (root / "tests" / "pages" / "section_front.txt").read_text(encoding="utf-8")
    df = spark.createDataFrame([(1, article), (2, listing), (3, None)], "id int, text string").repartition(2)
    out = clean_column(df, "text", "cleaned", pipeline=Pipeline(min_article_prob=0.5), page_col="page")
    result = {r["id"]: r for r in out.collect()}
    assert result[1]["cleaned"] == Pipeline().clean(article)
    assert result[1]["page"]["kind"] == "article" and result[1]["page"]["dropped"] is None
    assert result[2]["cleaned"] == "" and result[2]["page"]["dropped"].startswith("not an article")
    assert result[2]["page"]["article_probability"] < 0.5
    # A struct column cannot be null from a pandas UDF: a missing text's fields are all null.
    assert result[3]["cleaned"] is None and result[3]["page"]["kind"] is None
