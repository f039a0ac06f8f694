"""decide(): hard rules first, then model scores under thresholds, then the context passes."""

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from cleanfeed import RuleSet, segment
from cleanfeed.decide import decide
from cleanfeed.features import rule_hits
from cleanfeed.labels import LABELS

RULES = RuleSet()


def _scores(rows):
    return np.array([[row.get(label, 0.0) for label in LABELS] for row in rows], dtype=np.float32)


def _decide(text, rows, thresholds=None):
    blocks = segment(text)
    return decide(blocks, rule_hits(blocks, RULES), RULES, _scores(rows), thresholds or {})


def test_hard_rule_beats_model():
    (b,) = _decide("Leave a Reply", [{"body": 0.9, "navigation": 0.1}])
    assert (b.label, b.reason, b.confidence) == ("navigation", "rule:nav_comment_form", 1.0)


def test_model_argmax_and_scores():
    (b,) = _decide("An ordinary sentence of an article.", [{"body": 0.7, "comment": 0.3}])
    assert (b.label, b.reason) == ("body", "model")
    assert abs(b.confidence - 0.7) < 1e-6 and set(b.scores) == set(LABELS)


def test_threshold_lets_a_label_win_early():
    row = {"comment": 0.6, "spam": 0.35, "body": 0.05}
    (b,) = _decide("Great deal here.", [row], {"spam": 0.3})
    assert b.label == "spam"
    (b,) = _decide("Great deal here.", [row], {"spam": 0.4})
    assert b.label == "comment"


def test_comment_header_takes_label_of_its_comment():
    text = "Jane Doe says:\n\nBuy followers cheap today, visit my profile."
    blocks = _decide(text, [{"body": 1.0}, {"spam": 0.9, "comment": 0.1}])
    assert [b.label for b in blocks] == ["spam", "spam"]
    assert blocks[0].reason == "context:comment_thread"


def test_block_under_header_is_a_comment_not_body():
    text = "Jane Doe says:\n\nI think the article misses the point about taxes."
    blocks = _decide(text, [{"body": 1.0}, {"body": 0.6, "comment": 0.4}])
    assert [b.label for b in blocks] == ["comment", "comment"]
    assert blocks[1].reason == "context:comment_thread"


def _decide_rules_only(text):
    blocks = segment(text)
    return decide(blocks, rule_hits(blocks, RULES), RULES, None, {}, fallback="body")


def test_teasers_under_related_heading_are_navigation_without_a_model():
    article = "\n\n".join(["A long paragraph of the article itself, with many words in it." * 3] * 4)
    text = article + "\n\nRelated News\n\nAnother story about something else entirely happened today."
    blocks = _decide_rules_only(text)
    assert blocks[-1].label == "navigation" and blocks[-1].reason == "context:after_section_header"
    assert [b.label for b in blocks[:4]] == ["body"] * 4


def test_a_related_box_in_mid_article_gives_the_paragraphs_after_it_back():
    # The article goes on after the box: its paragraphs are not teasers, though less
    # article follows the box than precedes it.
    before = [f"Paragraph {k} of the story, which says what the council decided on the new bridge over the creek and why it matters to the people who live on the east side." for k in range(4)]
    after = ["The council member who voted against it said she worried about spring floods, which have grown worse.",
             "Work begins in the autumn and takes fourteen months; a temporary footpath stays open meanwhile."]
    teasers = ["  • Crossing closed after inspectors find cracked supports", "  • Residents petition for faster repairs",
               "  • State grant funds fourteen local projects"]
    text = "\n\n".join(before + ["Related stories", *teasers, *after])
    blocks = _decide_rules_only(text)
    labels = [b.label for b in blocks]
    assert labels[:4] == ["body"] * 4
    assert labels[5:8] == ["navigation"] * 3
    assert {b.reason for b in blocks[5:8]} == {"context:after_section_header"}
    assert labels[8:] == ["body", "body"]


def test_teasers_with_summaries_stay_navigation_to_the_end_of_the_box():
    article = "\n\n".join(["A long paragraph of the article itself, with many words in it." * 3] * 4)
    box = ["More from Local News", "Library extends weekend hours", "The branch stays open on Sundays from next month.",
           "Robotics team heads to the finals", "Students built the robot in six weeks."]
    blocks = _decide_rules_only(article + "\n\n" + "\n\n".join(box))
    assert [b.label for b in blocks[5:]] == ["navigation"] * 4


def test_with_a_model_the_teasers_are_the_models_call():
    article = "\n\n".join(["A long paragraph of the article itself, with many words in it." * 3] * 4)
    text = article + "\n\nRelated News\n\nAnother story about something else entirely happened today."
    rows = [{"body": 0.9}] * 4 + [{"body": 0.5}, {"body": 0.8}]
    blocks = _decide(text, rows)
    assert (blocks[-1].label, blocks[-1].reason) == ("body", "model")


def test_related_box_inside_article_leaves_article_alone():
    long = "A long paragraph of the article itself, with many words in it. " * 3
    text = f"{long}\n\nRelated News\n\n" + "\n\n".join([long] * 3)
    blocks = _decide_rules_only(text)
    assert [b.label for b in blocks[2:]] == ["body"] * 3


def test_rules_only_mode_uses_fallback():
    blocks = segment("Share\n\nA sentence.")
    out = decide(blocks, rule_hits(blocks, RULES), RULES, None, {}, fallback="body")
    assert [(b.label, b.reason) for b in out] == [("navigation", "rule:nav_share"), ("body", "default")]


def test_multi_paragraph_comments_in_a_thread():
    text = (
        "Jane Doe says:\n\nFirst paragraph of my comment.\n\nSecond paragraph of my comment.\n\n"
        "Bob Roe says:\n\nA reply from Bob.\n\nLeave a Reply"
    )
    rows = [{"body": 1.0}, {"comment": 0.9}, {"body": 0.8}, {"body": 1.0}, {"body": 0.7}, {"body": 1.0}]
    labels = [b.label for b in _decide(text, rows)]
    assert labels == ["comment"] * 5 + ["navigation"]


def test_in_a_thread_the_block_under_a_header_is_a_comment_even_if_the_model_says_navigation():
    # A comment in a language the text model never learnt reads to it like chrome.
    text = ("Anna Becker · vor 2 Stunden\n\nEndlich tut sich was.\n\nAntworten\n\n"
            "Klaus Wagner · vor 1 Stunde\n\nDas dauert viel zu lange.\n\nAntworten")
    rows = [{"navigation": 1.0}, {"navigation": 0.7, "comment": 0.3}, {"navigation": 1.0}] * 2
    out = _decide(text, rows)
    assert [b.label for b in out] == ["comment"] * 6
    assert out[1].reason == out[4].reason == "context:comment_thread"


def test_a_teaser_title_under_a_date_line_stays_navigation():
    # Date lines read as comment headers in a teaser list: the titles under them have no
    # sentence end and no reply row, so the model's navigation stands.
    text = ("Jane Doe - March 3, 2012 at 5:01 pm\n\nNew rebrand for a famous old soft drink brand\n\n"
            "Tom Hart - March 4, 2012 at 6:12 pm\n\nThe best posters from this year's festival season")
    out = _decide(text, [{"navigation": 1.0}, {"navigation": 0.8, "body": 0.2}] * 2)
    assert [b.label for b in out][1::2] == ["navigation", "navigation"]


def test_a_lone_header_leaves_a_navigation_block_under_it_alone():
    text = "Anna Becker · vor 2 Stunden\n\nStartseite"
    out = _decide(text, [{"navigation": 1.0}, {"navigation": 0.9}])
    assert [b.label for b in out] == ["comment", "navigation"]


def test_lone_header_claims_only_the_next_block():
    text = "Smith says:\n\nThe plan is sound.\n\nThe article goes on with more reporting."
    labels = [b.label for b in _decide(text, [{"body": 1.0}, {"body": 0.9}, {"body": 0.9}])]
    assert labels == ["comment", "comment", "body"]


def test_spam_rule_beats_navigation_rule():
    text = "Follow us: message me on WhatsApp +1 555 123 4567"
    hit = [r.name for r, h in zip(RULES, RULES.hits(text)) if h]
    assert "nav_follow" in hit  # both a navigation and a spam rule match
    (b,) = _decide(text, [{"navigation": 1.0}])
    assert b.label == "spam" and b.reason == "rule:spam_contact_messenger"


@pytest.mark.parametrize("fallback", [None, "body"])
def test_rules_only_threads_claim_the_comments_under_their_headers(fallback):
    """Without a model a comment body has no rule of its own; its header says what it is."""
    text = ("The article ends here with a sentence of its own words.\n\n"
            "Jane Doe says:\n\nFirst paragraph of my comment, which I wrote myself.\n\nSecond paragraph of it.\n\n"
            "Bob Roe says:\n\nA reply from Bob to what Jane said above.\n\nLeave a Reply")
    blocks = segment(text)
    out = decide(blocks, rule_hits(blocks, RULES), RULES, None, {}, fallback=fallback)
    assert [b.label for b in out] == ["body"] + ["comment"] * 5 + ["navigation"]
    assert out[2].reason == out[3].reason == "context:comment_thread"


PROSE = ("The city council voted on Tuesday to approve a new budget that raises the money for "
         "public schools and parks, after months of debate about spending.")


def test_a_page_with_no_body_keeps_its_most_body_like_prose_block():
    """Issue 21.2: one paragraph above a share line came back as an empty article."""
    text = f"Our newsletter\n\n{PROSE}\n\n{PROSE.replace('city', 'county')}\n\nShare on Facebook"
    rows = [{"navigation": 0.9, "body": 0.1}, {"navigation": 0.6, "body": 0.3},
            {"navigation": 0.55, "body": 0.4}, {"navigation": 0.98}]
    labelled = _decide(text, rows)
    assert [(b.label, b.reason) for b in labelled[:3]] == [
        ("navigation", "model"), ("navigation", "model"), ("body", "context:best_prose")]
    assert labelled[3].label == "navigation"
    assert abs(labelled[2].confidence - 0.4) < 1e-6


def test_best_prose_leaves_pages_with_body_or_without_prose_alone():
    body_page = _decide(f"{PROSE}\n\nAnother short line", [{"navigation": 0.6, "body": 0.4}, {"body": 0.8}])
    assert [b.label for b in body_page] == ["navigation", "body"]
    chrome = _decide("Share on Facebook\n\nHome | News | Sport", [{"navigation": 0.9}, {"navigation": 0.9}])
    assert [b.label for b in chrome] == ["navigation", "navigation"]
    comments = _decide(PROSE, [{"comment": 0.9, "body": 0.1}])  # a page of reader comments has no article
    assert [b.label for b in comments] == ["comment"]


def test_a_page_of_binary_data_is_unreadable_not_body():
    """Issue 21.4: random bytes decoded with replacement used to leave 130,000 characters of body."""
    import random

    rng = random.Random(0)
    text = bytes(rng.getrandbits(8) for _ in range(20_000)).decode("utf-8", errors="replace")
    blocks = segment(text)
    labelled = decide(blocks, rule_hits(blocks, RULES), RULES, _scores([{"body": 1.0}] * len(blocks)), {})
    assert labelled and all((b.label, b.reason) == ("navigation", "unreadable") for b in labelled)
    labelled = decide(blocks, rule_hits(blocks, RULES), RULES, None, {})  # rules-only too
    assert all((b.label, b.reason) == ("navigation", "unreadable") for b in labelled)


def test_a_stray_bad_byte_does_not_make_text_unreadable():
    text = f"{PROSE[:60]}\ufffd{PROSE[60:]}\n\nA line with a control char\x01 in it is still text of a page."
    blocks = segment(text)
    labelled = decide(blocks, rule_hits(blocks, RULES), RULES, _scores([{"body": 1.0}] * 2), {})
    assert [b.reason for b in labelled] == ["model", "model"]


def test_reasons_are_typed_and_print_as_before():
    """Issue 20.4: a kind and a name, not a string to parse; JSON still carries the string."""
    import pickle

    from cleanfeed import Reason, ReasonKind

    (ruled,) = _decide("Leave a Reply", [{"body": 0.9, "navigation": 0.1}])
    assert (ruled.reason.kind, ruled.reason.name) == (ReasonKind.RULE, "nav_comment_form")
    assert ruled.reason == "rule:nav_comment_form" and ruled.to_dict()["reason"] == "rule:nav_comment_form"
    (modelled,) = _decide("An ordinary sentence of an article.", [{"body": 0.7, "comment": 0.3}])
    assert modelled.reason.kind is ReasonKind.MODEL and modelled.reason.name == ""
    reason = Reason.context("comment_thread")
    assert pickle.loads(pickle.dumps(reason)).kind is ReasonKind.CONTEXT and str(reason) == "context:comment_thread"


def test_rules_only_keeps_an_article_written_without_spaces():
    # Japanese has no spaces between words: counted by white space, every paragraph was a
    # word or two and nothing read as prose.
    text = ("ホーム\n\nニュース\n\n都内に自転車道を整備へ\n\n"
            "東京都は月曜日、新しい自転車道の整備計画を発表した。総延長は約十二キロで、来年春に工事を始める予定だ。\n\n"
            "都の担当者によると、通勤時間帯の事故を減らすことが主な目的だという。住民説明会は来月開かれる。")
    blocks = segment(text)
    out = decide(blocks, rule_hits(blocks, RULES), RULES, None, {})
    assert [b.label for b in out] == ["navigation", "navigation", "body", "body", "body"]


def test_rules_only_keeps_an_article_in_a_script_that_marks_no_sentence_end():
    # Thai ends no sentence with a mark: its paragraphs read as prose by their length (a
    # word per four letters), its menu and a headline-length line do not.
    text = ("หน้าแรก\n\nข่าว\n\nเทศบาลเปิดสวนสาธารณะแห่งใหม่ริมแม่น้ำ\n\n"
            "เทศบาลนครเปิดสวนสาธารณะแห่งใหม่ริมแม่น้ำอย่างเป็นทางการเมื่อวันจันทร์ที่ผ่านมา "
            "สวนมีพื้นที่ประมาณสามสิบไร่ พร้อมทางวิ่ง ลานกีฬา และที่จอดรถสำหรับผู้มาเยือน\n\n"
            "นายกเทศมนตรีกล่าวว่าสวนแห่งนี้จะเปิดให้บริการทุกวันตั้งแต่เช้าจนถึงสามทุ่ม "
            "โดยไม่เก็บค่าเข้าชม และจะจัดกิจกรรมสำหรับเด็กทุกวันเสาร์")
    blocks = segment(text)
    out = decide(blocks, rule_hits(blocks, RULES), RULES, None, {})
    assert [b.label for b in out] == ["navigation", "navigation", "body", "body", "body"]


@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",), max_codepoint=0x2FFF)))
def test_word_count_is_split_for_text_with_spaces(text):
    from cleanfeed.decide import _NO_SPACE, _word_count

    if not _NO_SPACE.search(text):
        assert _word_count(text) == len(text.split())


def _layout_labels(text):
    blocks = segment(text)
    return [b.label for b in decide(blocks, rule_hits(blocks, RULES), RULES, None, {})]


_STORY = ("The council approved the new footbridge on Tuesday after a year of debate about its cost.\n\n"
          "Work starts in June and should end in October, the city's engineers said.")


def test_rules_only_a_headline_above_its_byline_dateline_and_credit_is_body():
    """A news headline stands above its byline, dateline and photo credit, not above its
    first paragraph; rules-only layout looks past those rule-decided lines."""
    text = ("Council approves new footbridge over the river\n\nBy Jane Doe\n\nPublished: March 3, 2024\n\n"
            "Photo: City of Springfield\n\n" + _STORY)
    assert _layout_labels(text) == ["body", "navigation", "navigation", "caption", "body", "body"]


def test_rules_only_a_line_above_other_chrome_is_still_navigation():
    """Only article-meta rules are looked past: a line above a share prompt or a cookie
    notice does not head the story below them."""
    text = "Weather\n\nShare this article\n\n" + _STORY
    labels = _layout_labels(text)
    assert labels[:2] == ["navigation", "navigation"] and labels[2:] == ["body", "body"]
    # Four meta lines are one more than a headline's byline, dateline and credit.
    text = ("Council approves new footbridge\n\nBy Jane Doe\n\nPublished: March 3, 2024\n\nPhoto: City of Springfield\n\n"
            "Photo: Jane Doe/Reuters\n\n" + _STORY)
    assert _layout_labels(text)[0] == "navigation"


_TIMED_THREAD = ("Roberto Lima\nhá 2 horas\nJá estava na hora, trabalho até tarde e nunca conseguia consulta.\nResponder\n\n"
                 "Juliana Martins\nhá 1 hora\nEspero que tenha médico mesmo, contratar no papel é fácil.\nResponder")


@pytest.mark.parametrize("model", [True, False], ids=["model", "rules-only"])
def test_a_bare_time_with_a_reply_row_under_it_heads_a_comment(model):
    """Name and time on lines of their own: with the reply row below, the time is the
    comment's header and the name line goes with it."""
    blocks = segment(_TIMED_THREAD)
    scores = _scores([{"navigation": 0.6, "body": 0.4}] * len(blocks)) if model else None
    labelled = decide(blocks, rule_hits(blocks, RULES), RULES, scores, {})
    assert [b.label for b in labelled] == ["comment"] * 8
    assert labelled[1].reason == "context:comment_thread" and labelled[0].reason == "context:comment_thread"


def test_a_bare_time_over_teasers_heads_nothing():
    """Without a reply row the same time line dates a teaser: its neighbours keep the
    model's labels."""
    text = "vor 3 Stunden\nNeue Radwege am Fluss fertig\n\nvor 5 Stunden\nBibliothek verlängert die Öffnungszeiten"
    blocks = segment(text)
    labelled = decide(blocks, rule_hits(blocks, RULES), RULES, _scores([{"navigation": 0.7, "body": 0.3}] * len(blocks)), {})
    assert [b.label for b in labelled] == ["navigation"] * 4


@pytest.mark.parametrize("model", [True, False], ids=["model", "rules-only"])
def test_a_name_line_over_a_comment_and_its_reply_row_heads_the_comment(model):
    """'Thomas M.' / the comment / 'Antworten': no date, so no header rule fires; the reply
    row under a sentence makes the name line the comment's header."""
    text = ("Thomas M.\nSehr guter Bericht, danke für die Mühe.\nAntworten\n\n"
            "Petra Schulz\nDie Umleitung ist schlecht ausgeschildert.\nAntworten")
    blocks = segment(text)
    scores = _scores([{"navigation": 0.6, "body": 0.4}] * len(blocks)) if model else None
    labelled = decide(blocks, rule_hits(blocks, RULES), RULES, scores, {})
    assert [b.label for b in labelled] == ["comment"] * 6


def test_a_name_line_over_a_spam_rule_hit_takes_the_spam_label():
    text = "Stefan K.\nGünstige Kredite sofort: schreiben Sie mir auf WhatsApp +49 151 2345 6789"
    labelled = _decide(text, [{"navigation": 0.9, "body": 0.1}, {"comment": 0.9}])
    assert [b.label for b in labelled] == ["spam", "spam"]


def test_a_subheading_over_a_paragraph_without_a_reply_row_stays_as_it_is():
    text = "Weitere Informationen\nDie Sitzung beginnt um neun Uhr im Rathaus.\n\nTeilen"
    labelled = _decide(text, [{"navigation": 0.6, "body": 0.4}, {"body": 0.9}, {"navigation": 0.9}])
    assert [b.label for b in labelled][:2] == ["navigation", "body"]


# A thread under its heading where only the last comment has a reply row: the name lines
# above stand over a comment and then the next name line.
_NAME_RUN_THREAD = ("Kommentare (3)\n\nThomas M.\nSehr guter Bericht, danke für die Mühe.\n\n"
                    "Petra Schulz\nDie Umleitung ist schlecht ausgeschildert.\n\n"
                    "Jürgen\nWann ist die Brücke wieder offen?\nAntworten")


@pytest.mark.parametrize("model", [True, False], ids=["model", "rules-only"])
def test_a_run_of_name_lines_under_a_thread_heading_heads_its_comments(model):
    blocks = segment(_NAME_RUN_THREAD)
    scores = _scores([{"navigation": 0.6, "body": 0.4}] * len(blocks)) if model else None
    labelled = decide(blocks, rule_hits(blocks, RULES), RULES, scores, {})
    assert labelled[0].label == "navigation"
    assert [b.label for b in labelled[1:]] == ["comment"] * 7


def test_the_last_name_line_before_the_comment_form_heads_its_comment():
    """The reply row is under the first comment only; the comment form ends the run."""
    text = ("Anna Berg\nTolle Fotos, danke dafür.\nAntworten\n\n"
            "Erik\nDie Überschrift ist etwas übertrieben.\n\nSchreibe einen Kommentar")
    blocks = segment(text)
    labelled = decide(blocks, rule_hits(blocks, RULES), RULES, _scores([{"navigation": 0.8, "body": 0.2}] * len(blocks)), {})
    assert [b.label for b in labelled] == ["comment"] * 5 + ["navigation"]


def test_headings_and_paragraphs_above_the_first_header_stay_article():
    """Heading / short paragraph pairs between the article and the thread read like name /
    comment pairs; nothing of the thread is above them, so they stay as the model said."""
    text = ("The council will vote on the plan in March, after a public hearing.\n\n"
            "References\nCity budget office (2024). Annual report.\n\n"
            "Methods\nWe counted the permits issued each month.\n\n"
            "Jane Doe says:\nGreat piece, thanks.")
    blocks = segment(text)
    rows = [{"body": 0.9, "navigation": 0.1}] * len(blocks)
    labelled = decide(blocks, rule_hits(blocks, RULES), RULES, _scores(rows), {})
    assert [b.label for b in labelled[:5]] == ["body"] * 5
    assert [b.label for b in labelled[5:]] == ["comment", "comment"]


def test_a_comment_cut_off_with_an_ellipsis_is_a_teaser_not_a_comment():
    """A sidebar's "Recent comments" list: name and date over a cut-off excerpt."""
    text = ("The council will vote on the plan in March, after a public hearing.\n\n"
            "Recent Comments\n\nTimothy Carter on 11/12/12\nOne pro tip is the use of QR c...\n\n"
            "Ann Lee on 11/12/12\nWhy humility is attractive and...")
    blocks = segment(text)
    rows = [{"body": 0.9, "navigation": 0.1}] + [{"navigation": 0.9, "body": 0.1}] * (len(blocks) - 1)
    labelled = decide(blocks, rule_hits(blocks, RULES), RULES, _scores(rows), {})
    assert [lab.label for b, lab in zip(blocks, labelled) if b.text.endswith("...")] == ["navigation", "navigation"]


_ARTICLE = ("The council approved the new cycle bridge on Tuesday after two years of debate, "
            "and work on the river crossing is to start in the spring of next year.")


def _with_model(text, body_rows=None):
    blocks = segment(text)
    rows = body_rows or [{"body": 0.8, "navigation": 0.2}] * len(blocks)
    return blocks, decide(blocks, rule_hits(blocks, RULES), RULES, _scores(rows), {})


def test_titles_under_a_heading_naming_other_articles_are_teasers_with_the_model():
    text = _ARTICLE + "\n\nLeggi anche:\n\nNuovi orari per la biblioteca comunale\n\nAl via i lavori in piazza Garibaldi"
    blocks, labelled = _with_model(text)
    assert [b.label for b in labelled] == ["body", "navigation", "navigation", "navigation"]
    assert labelled[2].reason == "context:teaser_titles"


def test_no_teaser_titles_under_a_menu_heading_or_one_above_the_article():
    """"• Most popular" in a menu, or a heading with no article above it: what follows is
    the menu and the article's own headline."""
    for text in ("• Most popular\n\nThe Endeavour\n\nAncient understanding of tides\n\n" + _ARTICLE,
                 "Most popular\n\nAncient understanding of tides\n\n" + _ARTICLE):
        blocks, labelled = _with_model(text)
        assert labelled[-2].label == "body", [b.text for b in blocks]


def test_a_subheading_over_the_resumed_article_is_not_a_teaser():
    long_paragraph = " ".join([_ARTICLE] * 2)
    text = _ARTICLE + "\n\nMehr zum Thema\n\nBondi schon lange in Trumps Orbit\n\n" + long_paragraph
    blocks, labelled = _with_model(text)
    assert [b.label for b in labelled] == ["body", "navigation", "body", "body"]


def test_rules_only_a_headline_over_a_bare_date_line_still_heads_the_story():
    """The date alone on its line is metadata the layout step looks past, and is not a
    heading itself."""
    text = "Chiude la storica libreria di via Manzoni\n\ndi Giulia Ferraresi\n\n12 febbraio 2024\n\n" + _ARTICLE
    blocks = segment(text)
    labelled = decide(blocks, rule_hits(blocks, RULES), RULES, None, {})
    assert [b.label for b in labelled] == ["body", "navigation", "navigation", "body"]
