"""The chrome words of the default rules in other languages (cleanfeed/lexicon.py)."""

import regex

from cleanfeed import lexicon as lx
from cleanfeed.rules import DEFAULT_RULES

# Tables with an entry for every language (MONTHS leaves German to the rules' own pattern).
PER_LANGUAGE = ["SAYS", "AGO", "BY", "REPLY", "LIKES", "COMMENT_FORM", "COMMENT_NOTICE", "RELATED", "READ_MORE",
                "SHARE", "FOLLOW", "SUBSCRIBE_BUTTON", "NEWSLETTER", "COOKIES", "RIGHTS", "PUBLISHED", "READING_TIME",
                "CAPTION_LABEL", "TAXONOMY", "CONTACT", "WEEKDAYS", "AT", "FROM_HOME", "PER_PERIOD", "PRIZE", "PRIZE_CLAIM", "DISCOUNT", "EARN"]


def test_every_table_covers_every_language():
    for name in PER_LANGUAGE:
        table = getattr(lx, name)
        assert set(table) == set(lx.LANGUAGES), name
        for lang, fragment in table.items():
            regex.compile(fragment)
            assert fragment and not regex.fullmatch(fragment, ""), (name, lang)


def test_alternation_matches_each_language_entry():
    group = lx.alternation(lx.RELATED)
    for lang, word in [("de", "lesen sie auch"), ("fr", "à lire aussi"), ("pl", "czytaj także"), ("sv", "läs också")]:
        assert regex.fullmatch(group, word, regex.IGNORECASE), lang


def test_english_is_left_to_the_rules():
    # The tables add languages; English lives in the rules' own patterns, unchanged.
    assert "en" not in lx.LANGUAGES
    by_name = {rule.name: rule for rule in DEFAULT_RULES}
    assert by_name["comment_says_header"].matches("Mary Jones says:")
    assert by_name["comment_says_header"].matches("Anna Becker sagt:")


def test_pre_check_words_are_lower_case():
    for name in ["AGO_WORDS", "BY_WORDS", "SUM_AFTER_WORDS"]:
        for word in getattr(lx, name):
            assert word == word.lower() and word.strip(), (name, word)


def test_words_reads_the_string_every_match_contains():
    table = {"de": r"lesen sie auch|\d+\s+kommentare?|mest lästa?", "fr": r"czytaj (?:też|także)"}
    assert lx.words(table) == ("lesen sie auch", "kommentar", "mest läst", "czytaj ")
    for word, text in [("kommentar", "12 Kommentare"), ("mest läst", "Mest lästa"), ("czytaj ", "Czytaj także")]:
        assert word in text.lower()


def test_words_refuses_an_entry_the_pre_check_cannot_see():
    import pytest

    with pytest.raises(ValueError):
        lx.words({"de": r"(?:vor|seit) \d+"})
