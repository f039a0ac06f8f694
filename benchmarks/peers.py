"""The tools cleanfeed is compared with, each as ``name -> extractor(text) -> kept text``.

Every peer gets the same plain text cleanfeed gets.  The HTML extractors need markup, so
each block of the text is wrapped as ``<p>`` (the fairest markup plain text can have:
paragraph boundaries and nothing else).  Trafilatura on the page's *original* HTML is
reported apart, as a reference that sees markup cleanfeed never gets.

The C4 line filter is a reimplementation of the published C4 rules (Raffel et al. 2020,
as datatrove's ``C4QualityFilter`` applies them), with the spaCy sentence count off:
keep lines that end in terminal punctuation, have at least 3 words (datatrove's
``min_num_words`` default), contain no "javascript" and no policy boilerplate; drop the
page on "lorem ipsum" or a curly bracket.
"""

from __future__ import annotations

import html
import re
import sys
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from cleanfeed import Pipeline, segment  # noqa: E402

Extractor = Callable[[str], str]


def wrap_blocks(text: str) -> str:
    """The plain text as minimal HTML: one ``<p>`` per block."""
    paragraphs = "".join(f"<p>{html.escape(b.text)}</p>\n" for b in segment(text))
    return f"<!DOCTYPE html><html><head><meta charset='utf-8'></head><body>\n{paragraphs}</body></html>"


def keep_everything() -> Extractor:
    return lambda text: "\n\n".join(b.text for b in segment(text))


def justext_peer() -> Extractor:
    import justext

    stoplist = justext.get_stoplist("English")

    def run(text: str) -> str:
        paragraphs = justext.justext(wrap_blocks(text).encode("utf-8"), stoplist, encoding="utf-8")
        return "\n\n".join(p.text for p in paragraphs if not p.is_boilerplate)

    return run


def boilerpy3_peer() -> Extractor:
    from boilerpy3 import extractors

    extractor = extractors.ArticleExtractor(raise_on_failure=False)
    return lambda text: extractor.get_content(wrap_blocks(text)) or ""


def trafilatura_peer() -> Extractor:
    import trafilatura

    return lambda text: trafilatura.extract(wrap_blocks(text), include_comments=False, include_tables=True) or ""


def trafilatura_on_html(raw_html: str) -> str:
    import trafilatura

    return trafilatura.extract(raw_html, include_comments=False, include_tables=True) or ""


_C4_POLICY = ("terms of use", "privacy policy", "cookie policy", "uses cookies", "use of cookies", "use cookies")
_C4_END = (".", "!", "?", '"', "”", "'")


def c4_rules() -> Extractor:
    def run(text: str) -> str:
        lowered = text.lower()
        if "lorem ipsum" in lowered or "{" in text:
            return ""
        kept = []
        for block in segment(text):
            line = block.text
            low = line.lower()
            if not line.rstrip().endswith(_C4_END):
                continue
            if len(line.split()) < 3:
                continue
            if "javascript" in low or any(p in low for p in _C4_POLICY):
                continue
            kept.append(line)
        return "\n\n".join(kept)

    return run


def resiliparse_peer() -> Extractor:
    """Speed reference only: resiliparse's main-content extraction on the wrapped text."""
    from resiliparse.extract.html2text import extract_plain_text

    return lambda text: extract_plain_text(wrap_blocks(text), main_content=True)


def cleanfeed_peer(model: str | None = "default") -> Extractor:
    pipeline = Pipeline(model=model)
    pipeline.load()
    return pipeline.clean


def cleanfeed_rules_only() -> Extractor:
    return cleanfeed_peer(model=None)


#: Tools compared on quality, in report order.
QUALITY_PEERS: dict[str, Callable[[], Extractor]] = {
    "keep-everything": keep_everything,
    "c4-rules": c4_rules,
    "justext": justext_peer,
    "boilerpy3": boilerpy3_peer,
    "trafilatura": trafilatura_peer,
}

#: Tools timed in the speed run.
SPEED_PEERS: dict[str, Callable[[], Extractor]] = {
    "cleanfeed": cleanfeed_peer,
    "cleanfeed-rules-only": cleanfeed_rules_only,
    "c4-rules": c4_rules,
    "justext": justext_peer,
    "boilerpy3": boilerpy3_peer,
    "trafilatura": trafilatura_peer,
    "resiliparse": resiliparse_peer,
}

_WS = re.compile(r"\s+")


def normalise(text: str) -> str:
    return _WS.sub(" ", text).strip()
