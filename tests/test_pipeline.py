"""Pipeline: parameters in the scikit-learn manner, label(), clean(), and properties."""

import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import cleanfeed
from cleanfeed import LABELS, Pipeline, Rule, RuleSet

SEED_004 = (Path(__file__).parent.parent / "seeds" / "004_8352a8b32f8949aa.txt").read_text(encoding="utf-8")
SEEDS = sorted((Path(__file__).parent.parent / "seeds").glob("*.txt"))


@pytest.fixture(scope="module")
def pipeline():
    p = Pipeline()
    p.load()  # load the model once for the module
    return p


def test_get_params_lists_every_setting():
    params = Pipeline().get_params()
    assert set(params) == {"model", "rules", "disable_rules", "extra_rules", "thresholds", "keep", "fallback",
                           "page_model", "min_article_prob"}
    assert params["keep"] == ("body",) and params["model"] == "default"


def test_set_params_rebuilds_derived_state(pipeline):
    p = Pipeline(model=pipeline.model_)
    assert "Font Size:" not in p.clean("Font Size:\n\nThe article starts here and goes on at length.")
    p.set_params(disable_rules=["nav_font_size"], model=None, fallback="body")
    assert "Font Size:" in p.clean("Font Size:\n\nThe article starts here.")


def test_unknown_parameter_is_an_error():
    with pytest.raises(ValueError, match="Invalid parameter"):
        Pipeline().set_params(colour="red")


def test_bad_settings_fail_clearly():
    with pytest.raises(ValueError, match="unknown label in keep"):
        Pipeline(model=None, keep=["article"]).clean("x")
    with pytest.raises(ValueError, match="probability"):
        Pipeline(model=None, thresholds={"spam": 2}).clean("x")
    with pytest.raises(ValueError, match="unknown threshold label"):
        Pipeline(model=None, thresholds={"junk": 0.5}).clean("x")


def test_label_returns_offsets_scores_and_reasons(pipeline):
    blocks = pipeline.label(SEED_004)
    assert len(blocks) == 30
    for b in blocks:
        assert SEED_004[b.start : b.end] == b.text
        assert b.label in LABELS and 0.0 <= b.confidence <= 1.0
        assert set(b.scores) == set(LABELS)
        assert b.reason == "model" or b.reason.startswith(("rule:", "context:"))
    assert any(b.reason.startswith("rule:") for b in blocks)


def test_clean_keeps_article_and_drops_clutter(pipeline):
    out = pipeline.clean(SEED_004)
    assert "Russia asked China for military support" in out
    for clutter in ("Connect with us", "Hunter B says:", "Gift Cards", "You May Also Like"):
        assert clutter not in out


def test_keep_more_labels(pipeline):
    p = Pipeline(model=pipeline.model_, keep=("body", "comment"))
    out = p.clean(SEED_004)
    assert "Phil Barberg says:" in out and "Gift Cards" not in out


def test_extra_rule_is_applied(pipeline):
    rule = Rule(name="nav_ukraine_crisis", label="navigation", pattern=r"ukraine crisis$", why="Test rule.", strength="hard")
    p = Pipeline(model=pipeline.model_, extra_rules=[rule])
    labelled = p.label(SEED_004)
    assert any(b.reason == "rule:nav_ukraine_crisis" for b in labelled)


def test_rules_only_mode_with_a_fallback_label_keeps_unruled_blocks():
    p = Pipeline(model=None, fallback="body")
    out = p.clean("Share\n\nThe article text.\n\nLeave a Reply")
    assert out == "The article text."


def test_rules_only_mode_judges_unruled_blocks_by_layout():
    text = ("Home\n\nWorld\n\nMarkets\n\nA Headline About the Harbour\n\n"
            "The harbour reopened on Monday after a week of storms, the port authority said.\n\n"
            "Ships queued outside the breakwater and the ferry to the islands ran late all day\n\n"
            "Share\n\nAAPL 180.2 MSFT 410.5 GOOG 150.1 AMZN 175.9 META 480.0 NVDA 900.3\n\nLeave a Reply")
    labelled = Pipeline(model=None).label(text)
    got = {b.text.split()[0]: (b.label, b.reason) for b in labelled}
    assert got["World"] == got["Markets"] == ("navigation", "layout")  # short, no sentence
    assert got["A"] == ("body", "layout")  # a short line right above prose heads it
    assert got["The"] == ("body", "layout")  # words ending a sentence
    assert got["Ships"] == ("body", "layout")  # no full stop, but running text's function words
    assert got["AAPL"] == ("navigation", "layout")  # a ticker: many words, no sentence, no function words
    assert got["Home"][1].startswith("rule:") and got["Share"][1].startswith("rule:")


def test_rules_only_mode_skips_soft_rules_without_changing_labels():
    from cleanfeed.decide import decide
    from cleanfeed.features import rule_hits
    from cleanfeed.segment import segment

    rules = RuleSet.default().with_rules(
        Rule(name="my_soft_header", label="comment", pattern=r"^\w+ commented:$", why="A test header.",
             strength="soft", kind="comment_header"))
    deciding = rules.deciding()
    assert all(r.strength == "hard" or r.kind for r in deciding)
    assert "my_soft_header" in deciding and any(r.strength == "soft" for r in rules)
    assert len(deciding) < len(rules)
    texts = [*(path.read_text(encoding="utf-8") for path in SEEDS), "Ann commented:\n\nNice.\n\nBo commented:\n\nNo."]
    for text in texts:
        blocks = segment(text)
        full = decide(blocks, rule_hits(blocks, rules), rules, None, {})
        assert Pipeline(model=None, rules=rules).label(text) == full


def test_module_level_functions_use_the_default_pipeline(pipeline):
    assert cleanfeed.clean(SEED_004) == pipeline.clean(SEED_004)
    assert [b.label for b in cleanfeed.label(SEED_004)] == [b.label for b in pipeline.label(SEED_004)]


def test_batches_keep_order(pipeline):
    texts = [SEED_004, "", "Share", SEED_004[:500]]
    assert list(cleanfeed.clean_batch(texts, pipeline=pipeline)) == [pipeline.clean(t) for t in texts]


@pytest.mark.parametrize("model, keep", [("default", ("body",)), ("default", ("body", "comment", "caption")),
                                         (None, ("body",)), (None, ("body", "navigation"))])
def test_clean_agrees_with_the_labels(model, keep, pipeline):
    """clean() takes a shorter path than label() (no LabelledBlock per block); both must
    keep the same blocks, with thresholds too."""
    p = Pipeline(model=pipeline.model_ if model == "default" else None, keep=keep, thresholds={"spam": 0.2})
    pages = [path.read_text(encoding="utf-8") for path in SEEDS] + ["", "Share", "Reply\n\nGreat post!"]
    labelled = list(p.label_many(pages))
    assert list(p.clean_many(pages)) == [p.clean_labelled(page) for page in labelled]
    assert [p.clean(text) for text in pages] == [p.clean_labelled(page) for page in labelled]
    assert any(p.clean(text) != text.strip() for text in pages)  # something was dropped


_pages = st.lists(
    st.sampled_from([
        "Leave a Reply", "Jane says:", "The government announced a new plan on Monday.", "Share", "• Reply",
        "Photo by A. Person/Getty Images", "Click this link to earn $500 a day from home", "Related News",
        "A reader's thoughtful remark about the economy.", "\u202eRTL \u05e9\u05dc\u05d5\u05dd", "中文文本。", "",
    ]),
    max_size=25,
).map("\n\n".join)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(_pages | st.text(max_size=300))
def test_clean_returns_only_input_blocks_in_order(pipeline, text):
    out = pipeline.clean(text)
    pos = 0
    for part in filter(None, out.split("\n\n")):
        found = text.find(part, pos)
        assert found >= 0, f"{part!r} is not in the input after offset {pos}"
        pos = found + len(part)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=500))
def test_label_never_crashes_on_unicode(pipeline, text):
    blocks = pipeline.label(text)
    for b in blocks:
        assert text[b.start : b.end] == b.text


# Metamorphic checks: how a scraper ended its lines is not part of the page.  Windows line
# ends and spaces or tabs left before them must not change any block's label.
_LINE_END_VARIANTS = {
    "crlf": lambda t: t.replace("\n", "\r\n"),
    "trailing spaces": lambda t: t.replace("\n", "  \n"),
    "trailing tab": lambda t: t.replace("\n", "\t\n"),
}


@pytest.mark.parametrize("variant", sorted(_LINE_END_VARIANTS))
def test_line_endings_do_not_change_labels(pipeline, variant):
    change = _LINE_END_VARIANTS[variant]
    for path in SEEDS:
        text = path.read_text(encoding="utf-8")
        before = [b.label for b in pipeline.label(text)]
        after = [b.label for b in pipeline.label(change(text))]
        assert after == before, f"{path.name}: labels changed with {variant}"


def test_sklearn_clone_and_repr_follow_the_estimator_protocol():
    from sklearn.base import clone

    p = Pipeline(model=None, thresholds={"spam": 0.3}, keep=("body", "caption"))
    q = clone(p)
    assert q is not p and q.get_params() == p.get_params()
    assert repr(p) == "Pipeline(model=None, thresholds={'spam': 0.3}, keep=('body', 'caption'))"
    assert repr(Pipeline()) == "Pipeline()"


def test_rules_only_never_imports_scikit_learn():
    # scikit-learn costs 0.8 s and 110-180 MB to import; the rules-only mode must not pay it.
    import subprocess
    import sys

    code = (
        "import sys, cleanfeed\n"
        "print(cleanfeed.Pipeline(model=None).clean('Font Size:\\n\\nThe article starts here, and it goes on.'))\n"
        "print('sklearn' in sys.modules)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split("\n")
    assert out[:2] == ["The article starts here, and it goes on.", "False"]


def test_batches_cut_by_blocks_give_the_same_labels(pipeline, monkeypatch):
    import cleanfeed.pipeline as module

    pages = [SEED_004, "", "Home\n\nA short page with one paragraph of text in it.", SEED_004[:1500]]
    alone = [[(b.label, b.start, b.end) for b in pipeline.label(t)] for t in pages]
    monkeypatch.setattr(module, "_BATCH_BLOCKS", 3)  # a new batch after every page
    batched = [[(b.label, b.start, b.end) for b in page] for page in pipeline.label_many(pages)]
    assert batched == alone


_RULES_ONLY = Pipeline(model=None)


@settings(max_examples=150, deadline=None)
@given(_pages | st.text(alphabet=st.characters(codec="utf-8"), max_size=400))
def test_rules_only_layout_never_crashes_and_keeps_only_input_blocks(text):
    """The layout pass (rules-only mode) on arbitrary text: every block gets a label and a
    known reason, and clean() returns only input blocks, in order."""
    labelled = _RULES_ONLY.label(text)
    assert all(b.label in LABELS and (b.reason in ("layout", "unreadable") or b.reason.startswith(("rule:", "context:")))
               for b in labelled)
    out, pos = _RULES_ONLY.clean(text), 0
    for part in filter(None, out.split("\n\n")):
        found = text.find(part, pos)
        assert found >= 0, f"{part!r} is not in the input after offset {pos}"
        pos = found + len(part)


# Issue 23's pages, written for these tests in German, French, Spanish, Italian, Polish,
# Portuguese, Dutch and Swedish (tests/pages/): menu, cookie notice, headline, byline,
# dateline, photo credit, article, a "read also" teaser list, share buttons, three reader
# comments with name, relative time and reply link (one a scam), the comment form and a
# copyright line. The German page is the one a new user tried; the Italian and Polish ones
# were written after the rules' words for those languages, and the Portuguese, Dutch and
# Swedish ones after that, in layouts the others lack (name and time on lines of their own,
# a fake shop, a prize scam in Swedish), to try the rules on pages they were not made from.
# Each page's gold file labels it block by block as docs/labels.md does.
_PAGES = Path(__file__).parent / "pages"
REGIONAL = ("regional_de", "regional_fr", "regional_es", "regional_it", "regional_pl", "regional_pt", "regional_nl",
            "regional_sv", "regional_de2", "regional_es2", "regional_fr2", "regional_it2", "regional_pl2")


def _regional_params():
    """Each page with the model and rules-only."""
    return [pytest.param(name, model, id=f"{name}-{'model' if model else 'rules-only'}")
            for model in ("default", None) for name in REGIONAL]


def _page_and_gold(name: str) -> tuple[str, list[dict]]:
    text = (_PAGES / f"{name}.txt").read_text(encoding="utf-8")
    gold = [json.loads(line) for line in (_PAGES / f"{name}.gold.jsonl").read_text(encoding="utf-8").splitlines()]
    return text, gold


@pytest.mark.parametrize("name, model", _regional_params())
def test_regional_news_pages_against_their_gold(name, model):
    """Issue 23's targets on each page: no headline or body paragraph dropped, every
    comment and spam block found (labelled comment or spam) and none of it, nor the
    credits, in what clean() returns."""
    text, gold = _page_and_gold(name)
    p = Pipeline(model=model)
    blocks = p.label(text)
    assert [(b.start, b.end) for b in blocks] == [(g["start"], g["end"]) for g in gold]
    kept = set(filter(None, p.clean(text).split("\n\n")))
    for block, g in zip(blocks, gold):
        if g["label"] == "body":
            assert block.label == "body" and block.text in kept, block.text
        elif g["label"] in ("comment", "spam"):
            assert block.label in ("comment", "spam"), block.text
            assert block.text not in kept
        elif g["label"] == "caption":
            assert block.label == "caption", block.text


@pytest.mark.parametrize("name, model", _regional_params())
def test_regional_news_pages_navigation(name, model):
    """The menus, notices, bylines, teasers and consent buttons are navigation, with the
    model and without."""
    text, gold = _page_and_gold(name)
    blocks = Pipeline(model=model).label(text)
    wrong = [b.text for b, g in zip(blocks, gold) if g["label"] == "navigation" and b.label != "navigation"]
    assert wrong == []


@pytest.mark.parametrize("name", REGIONAL)
@pytest.mark.parametrize("model", ["default", None], ids=["model", "rules-only"])
def test_scams_are_spam(name, model):
    """Each page's scam (income from home, a messenger number, a prize claim with its link,
    a fake shop's discount) is spam, with its header, by the rules' words of its language."""
    text, gold = _page_and_gold(name)
    labels = [b.label for b in Pipeline(model=model).label(text)]
    spam = [i for i, g in enumerate(gold) if g["label"] == "spam"]
    assert spam and all(labels[i] == "spam" for i in spam), [labels[i] for i in spam]


# Pages in languages whose comment words no rule knows (Danish, Czech, Romanian), in three
# thread layouts: written for the shape pass (cleanfeed/threadshape.py) and committed
# before cleanfeed read them (ceefeb9). On first read, with the model, the shape pass found
# 25 of their 36 comment and spam blocks (2 without it); the Czech scam ending in a mail
# address and the Romanian rows printed under their text with no blank line were then read
# as well (docs/labels.md), so these pages are no longer unseen. A second set (Hungarian,
# Turkish, Finnish; db39378) was written after those mends: on first read 21 of 39 found,
# no scam spam; a scam ending in a phone number, and a thread under a heading with no count
# and a form no rule knows, were then mended. A third (Greek, Norwegian, Croatian; a8ea151)
# had 19 of 30 on first read: Greek ends a question with ";". A fourth (Russian, Chinese,
# Arabic; b9bb99a) had 10 of 52 on first read, with the model: names in scripts without
# capitals, a count in full-width brackets, rows run together with their texts (the
# segmenter did not know "？" and "؟" end a sentence). Their cookie notices, bylines and
# scams in these languages are not claimed here. A fifth (Korean, Hindi, Persian; 5f246ce)
# had 37 of 51 on first read: Hindi's vowel signs cut its words in two for Python's "re", and
# the scams' messengers, digits and percent sign were spelt in their own scripts. A sixth
# (Vietnamese, Indonesian, Thai; 101fd10) had 0 of 54: a row of one-syllable words too long
# for a time line, four-word names, unstopped sentences, and Thai marks no sentence's end;
# the Indonesian thread (no anchor, a vote count in its row) stays unfound. A seventh
# (Swahili, Tagalog, Slovak; c926264) had 28 of 41: the Slovak heading counted its comments
# with a word inside the brackets, and a scam signed as a business broke the run of names.
# An eighth (Hebrew, Bengali, Georgian; 9f635cc) had 0 of 40: headers opening with a handle
# ("@ruti.m · ...", "u/nusrat · ..."), and Georgian's letters, lower case in Unicode.
UNKNOWN_LANGUAGE = ("regional_da3", "regional_cs3", "regional_ro3", "regional_hu4", "regional_tr4", "regional_fi4",
                    "regional_el5", "regional_no5", "regional_hr5", "regional_ru6", "regional_ar6", "regional_ko7",
                    "regional_hi7", "regional_fa7", "regional_vi8", "regional_th8", "regional_sw9", "regional_tl9",
                    "regional_sk9", "regional_he10", "regional_bn10", "regional_ka10")


@pytest.mark.parametrize("name", UNKNOWN_LANGUAGE)
@pytest.mark.parametrize("model", ["default", None], ids=["model", "rules-only"])
def test_threads_in_languages_no_rule_knows(name, model):
    text, gold = _page_and_gold(name)
    blocks = Pipeline(model=model).label(text)
    assert [(b.start, b.end) for b in blocks] == [(g["start"], g["end"]) for g in gold]
    missed = [b.text for b, g in zip(blocks, gold) if g["label"] in ("comment", "spam") and b.label not in ("comment", "spam")]
    taken = [b.text for b, g in zip(blocks, gold) if g["label"] not in ("comment", "spam") and b.label in ("comment", "spam")]
    assert missed == [] and taken == []
    if model:
        assert all(b.label == "body" for b, g in zip(blocks, gold) if g["label"] == "body")


@pytest.mark.parametrize("model", ["default", None], ids=["model", "rules-only"])
def test_a_chinese_thread_is_found_whole(model):
    """The Chinese page of the fourth set: every comment and scam block found, nothing else
    taken for one.  (Its headline is not claimed: the model, which never saw Chinese, gives
    it 0.43 body and 0.56 navigation.)"""
    text, gold = _page_and_gold("regional_zh6")
    blocks = Pipeline(model=model).label(text)
    assert [(b.start, b.end) for b in blocks] == [(g["start"], g["end"]) for g in gold]
    assert [b.label in ("comment", "spam") for b in blocks] == [g["label"] in ("comment", "spam") for g in gold]


# The comment rules' words, switched off: what the shape pass finds on its own.
COMMENT_WORD_RULES = ("comment_says_header", "comment_dated_header", "comment_posted_by_header",
                      "comment_date_time_line", "comment_ago_header", "comment_bare_time", "comment_reply_link",
                      "comment_action_row", "comment_vote_count", "nav_comment_form")


@pytest.mark.parametrize("model", ["default", None], ids=["model", "rules-only"])
def test_regional_threads_without_the_comment_rules(model):
    """With no comment rule, the thread pass by shape still finds most of the 13 regional
    pages' comment and spam blocks (18 of 135 without it, with the model), takes nothing
    else for a comment and drops no article paragraph."""
    pipeline = Pipeline(model=model, disable_rules=COMMENT_WORD_RULES)
    found = total = 0
    for name in REGIONAL:
        text, gold = _page_and_gold(name)
        blocks = pipeline.label(text)
        thread = [b.label in ("comment", "spam") for b, g in zip(blocks, gold) if g["label"] in ("comment", "spam")]
        found, total = found + sum(thread), total + len(thread)
        assert not any(b.label in ("comment", "spam") for b, g in zip(blocks, gold) if g["label"] not in ("comment", "spam"))
        assert all(b.label == "body" for b, g in zip(blocks, gold) if g["label"] == "body")
    assert found >= 0.8 * total, (found, total)


@pytest.mark.parametrize("name", REGIONAL)
def test_regional_news_pages_are_articles_when_articles_are_required(name):
    """Issue 24's verdict keeps an article page in any of the eight languages at the default
    threshold: clean() still returns its story."""
    from cleanfeed.pagekind import DEFAULT_MIN_ARTICLE_PROB

    text, gold = _page_and_gold(name)
    out = Pipeline(min_article_prob=DEFAULT_MIN_ARTICLE_PROB).clean(text)
    body = [text[g["start"]:g["end"]] for g in gold if g["label"] == "body"]
    assert all(paragraph in out for paragraph in body)
