"""Which language a page is in, cheaply: for choosing the language of a page's synthetic
comment thread and for scoring by language (``benchmarks/languages.py``).

No language set in the shared data labels every page, and a statistical detector would
be a new dependency for a coarse question.  Running text is made of function words,
and every language has its own few dozen, so the language whose function words cover
most of a text's words is its language; scripts without spaces between words (Chinese,
Japanese, Thai) and the other non-Latin scripts are told by their characters.  Below
``MIN_SHARE`` coverage, or on fewer than ``MIN_WORDS`` words, the answer is ``"und"``
(undetermined).
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter

__all__ = ["LANGUAGES", "detect_language", "MIN_WORDS", "MIN_SHARE"]

#: Function words per language (ISO 639-1), the most frequent words of running text.
_FUNCTION_WORDS = {
    "en": "the of and to in is that for it was on with as his he be by at from this are have not but had they you which an were her we their its been one has would or will there",
    "de": "der die und in den von zu das mit sich des auf für ist im dem nicht ein eine als auch es an werden aus er hat dass sie nach wird bei einer um am sind noch wie einem über einen so zum war haben nur oder aber vor zur bis mehr durch",
    "fr": "de la le et les des en un du une que est pour qui dans par sur au pas plus avec ne se il sont ce été aux ont mais elle leur comme ou cette son nous sa ses ils",
    "es": "de la que el en y los del se las por un para con no una su al es lo como más pero sus le ya o fue este ha sí porque esta son entre cuando muy sin sobre también",
    "it": "di e il la che in a per un è non del le si una con da i sono al della gli alla più ha ma lo come dei anche questo nel delle se ci o",
    "pt": "de a o que e do da em um para é com não uma os no se na por mais as dos como mas foi ao ele das tem à seu sua ou ser quando muito há nos já está",
    "nl": "de het een en van in is dat op te zijn met voor niet aan er ook als door maar om dan naar bij nog wel uit worden wordt heeft hij ze zich deze dit",
    "pl": "i w na z do że się nie to jest o jak a po co ale przez od za jego tak już są czy tylko może być dla oraz jej ich tym było był",
    "sv": "och i att det som en på är av för med till den har inte om ett de var men jag sig från vi så kan man efter när han vid eller år också",
}
_WORDS = {lang: set(words.split()) for lang, words in _FUNCTION_WORDS.items()}
#: Languages this module can name from function words (``und`` otherwise, or a script's).
LANGUAGES = tuple(_FUNCTION_WORDS)
MIN_WORDS = 20
MIN_SHARE = 0.15
_TOKEN = re.compile(r"[^\W\d_]+")
# Scripts that name their language well enough for a per-language table.
_SCRIPT_LANGUAGE = (("HIRAGANA", "ja"), ("KATAKANA", "ja"), ("HANGUL", "ko"), ("THAI", "th"), ("CJK", "zh"),
                    ("ARABIC", "ar"), ("CYRILLIC", "ru"), ("DEVANAGARI", "hi"), ("MYANMAR", "my"), ("GREEK", "el"),
                    ("HEBREW", "he"), ("BENGALI", "bn"))


def _script_language(text: str) -> str | None:
    """The language a non-Latin script points to, when most letters are in one."""
    counts: Counter = Counter()
    letters = 0
    for ch in text[:5000]:
        if not ch.isalpha():
            continue
        letters += 1
        if ord(ch) < 0x250:
            continue
        name = unicodedata.name(ch, "")
        for script, lang in _SCRIPT_LANGUAGE:
            if name.startswith(script) or (script == "CJK" and "IDEOGRAPH" in name):
                counts[lang] += 1
                break
    if not letters or sum(counts.values()) < 0.5 * letters:
        return None
    # Japanese text mixes kanji with kana; any real share of kana makes it Japanese.
    if counts["ja"] >= 0.1 * sum(counts.values()):
        return "ja"
    return counts.most_common(1)[0][0]


def detect_language(text: str) -> str:
    """The ISO 639-1 code of ``text``'s language, or ``"und"`` when it cannot be told."""
    script = _script_language(text)
    if script:
        return script
    tokens = [t.lower() for t in _TOKEN.findall(text[:20000])]
    if len(tokens) < MIN_WORDS:
        return "und"
    best, best_share = "und", 0.0
    for lang, words in _WORDS.items():
        share = sum(t in words for t in tokens) / len(tokens)
        if share > best_share:
            best, best_share = lang, share
    return best if best_share >= MIN_SHARE else "und"
