"""Readers of the article-extractor test sets (cleanfeed/training/corpus/news.py), on small
pages written here in the sets' file layouts."""

import gzip
import json

import pytest

pytest.importorskip("lxml")
pytest.importorskip("cssselect")

from cleanfeed.labels import UNLABELLED  # noqa: E402
from cleanfeed.training.corpus import news  # noqa: E402

ARTICLE = [
    "The county opened its third public library branch on Saturday after four years of planning and fundraising by residents.",
    "Volunteers carried the first boxes of books through the doors at nine in the morning, and a queue had formed by ten.",
    "The branch will be open six days a week and will host a reading club for children on Wednesday afternoons.",
]
PAGE = f"""<html><body>
<nav><ul><li><a href="/">Home</a></li><li><a href="/news">News</a></li></ul></nav>
<div class="story"><h1>Library opens its doors</h1>
<p>{ARTICLE[0]}</p>
<figure><img src="a.jpg"><figcaption>Readers wait outside the new branch on Saturday morning.</figcaption></figure>
<div class="promo"><p>Sign up for our weekly newsletter and never miss a story from the county.</p></div>
<p>{ARTICLE[1]}</p><p>{ARTICLE[2]}</p></div>
<footer><p>Copyright 2016 The County Paper</p></footer></body></html>"""


def _gz(path, text):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(gzip.compress(text.encode("utf-8")))


def _labels(page):
    return {b.text: b.label for b in page.blocks}


def test_newspaper_aligns_the_expected_text_and_leaves_the_headline_unlabelled(tmp_path):
    base = tmp_path / "newspaper-fulltext"
    _gz(base / "html" / "county.com1.html.gz", PAGE)
    (base / "txt").mkdir()
    (base / "txt" / "county.com1.txt").write_text("\n\n".join(ARTICLE), encoding="utf-8")
    _gz(base / "html" / "county.com2.html.gz", PAGE)  # no expected text: not used
    pages = list(news.newspaper(tmp_path))
    assert [p.page_id for p in pages] == ["county.com1"] and pages[0].site == "county.com"
    labels = _labels(pages[0])
    assert [labels[t] for t in ARTICLE] == ["body"] * 3
    # The expected text leaves headlines out: not evidence that the headline is chrome.
    assert labels["Library opens its doors"] == UNLABELLED
    assert labels["Readers wait outside the new branch on Saturday morning."] == "caption"
    assert labels["Home"] == "navigation"


def test_newspaper_drops_a_page_whose_gold_the_html_does_not_hold(tmp_path):
    base = tmp_path / "newspaper-fulltext"
    _gz(base / "html" / "county.com1.html.gz", PAGE)
    (base / "txt").mkdir()
    other = "An entirely different story about a harbour, its ferries and the storm that closed it for a week."
    (base / "txt" / "county.com1.txt").write_text(ARTICLE[0] + "\n\n" + other * 3, encoding="utf-8")
    assert list(news.newspaper(tmp_path)) == []


def test_goose3_labels_only_the_start_of_the_article(tmp_path):
    base = tmp_path / "goose3-tests"
    _gz(base / "test_county.html.gz", PAGE)
    spec = {"url": "http://www.county.com/story", "expected": {"cleaned_text": ARTICLE[0]}}
    (base / "test_county.json").write_text(json.dumps(spec), encoding="utf-8")
    [page] = list(news.goose3(tmp_path))
    labels = _labels(page)
    assert labels[ARTICLE[0]] == "body"
    # The rest of the article is not in the gold: unlabelled, never navigation.
    assert labels[ARTICLE[1]] == UNLABELLED and labels["Home"] == UNLABELLED
    assert page.site == "county.com"


EXTRACTOR = """export const CountyExtractor = {
  domain: 'www.county.com',
  title: {
    selectors: ['h1', ['meta[name="og:title"]', 'value']],
  },
  content: {
    selectors: [['.story', '.other'], '.fallback'],
    transforms: {},
    clean: ['.promo', "h1"],
  },
};
"""


def test_extractor_selectors_read_strings_groups_and_clean_lists():
    spec = news.extractor_selectors(EXTRACTOR)
    assert spec["title"]["selectors"] == [["h1"]]  # [selector, attribute] gives no text
    assert spec["content"]["selectors"] == [[".story", ".other"], [".fallback"]]
    assert spec["content"]["clean"] == [[".promo"], ["h1"]]


def test_postlight_body_is_content_minus_clean_and_captions(tmp_path):
    base = tmp_path / "postlight-fixtures"
    _gz(base / "fixtures" / "www.county.com.html.gz", PAGE)
    (base / "extractors" / "www.county.com").mkdir(parents=True)
    (base / "extractors" / "www.county.com" / "index.js").write_text(EXTRACTOR, encoding="utf-8")
    body, captions = news.postlight_gold(PAGE, news.extractor_selectors(EXTRACTOR))
    assert body[0] == "Library opens its doors"  # the title selector
    assert ARTICLE[1] in body and not any("newsletter" in t for t in body)
    assert captions == ["Readers wait outside the new branch on Saturday morning."]
    [page] = list(news.postlight(tmp_path))
    labels = _labels(page)
    assert [labels[t] for t in ARTICLE] == ["body"] * 3
    assert labels["Library opens its doors"] == "body"
    assert labels["Readers wait outside the new branch on Saturday morning."] == "caption"
    assert labels["Sign up for our weekly newsletter and never miss a story from the county."] == "navigation"
    assert page.site == "county.com"


def test_recovered_share_counts_words_once():
    assert news.recovered_share("a b c d", ["a b"]) == 0.5
    assert news.recovered_share("a a", ["a"]) == 0.5
    assert news.recovered_share("", ["a"]) == 0.0
