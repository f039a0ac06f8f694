"""Undoing mojibake: UTF-8 text that a browser or crawler read as Latin-1 or windows-1252.

Kreuzer's annotated pages are DOMs serialised after a browser read UTF-8 bytes as Latin-1
or windows-1252 ("W&#195;&#164;rme" for "Wärme"), on 116 of 138 pages, some twice over.
The repair is ftfy's central idea in a few lines, for this one kind of damage: a run of
the characters such a reader makes goes back to its bytes and is decoded again.
"""

from __future__ import annotations

import re

from .render import decode_html

__all__ = ["MOJIBAKE", "undo_mojibake", "looks_damaged", "repaired_html"]

# A lead character (Â to ô) before a continuation-range one is the tell; re-reading a run
# of such characters as the bytes they came from undoes it.  The repair works on the DOM's
# text nodes, before rendering collapses whitespace: Cyrillic "Р" arrives as "Ð" and a
# no-break space, and a collapsed space would lose that byte.
_CP1252_BYTE = {bytes([i]).decode("cp1252"): i for i in range(0x80, 0x100) if i not in (0x81, 0x8D, 0x8F, 0x90, 0x9D)}
_CP1252_HIGH = "".join(sorted(ch for ch in _CP1252_BYTE if ord(ch) >= 0x100))
MOJIBAKE = re.compile(f"[\u00c2-\u00f4][\u0080-\u00bf{_CP1252_HIGH}]")
_MOJIBAKE_RUN = re.compile(f"[\u0080-\u00ff{_CP1252_HIGH}]{{2,}}")
_ESCAPED = re.compile("[\udc80-\udcff]")  # bytes surrogateescape could not decode
_CYRILLIC = re.compile("[\u0400-\u045f]")
# In running Russian or Bulgarian, Р and С are about one letter in twelve; in UTF-8 read
# as windows-1251 they are every other letter.
_CP1251_LEAD_SHARE = 0.3
# lxml refuses control characters the repair can bring back; a scraper drops them.
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_BYTE_CHAR = {byte: ch for ch, byte in _CP1252_BYTE.items()}


def _bytes_back(match: re.Match) -> str:
    """A run of such characters as the bytes they were read from, decoded as UTF-8.

    A byte that starts no valid sequence goes back to the character it was read as, so a
    no-break space before a damaged "Â»" does not keep the "»" from being repaired.
    """
    raw = bytes(_CP1252_BYTE.get(ch, ord(ch)) for ch in match.group(0))
    decoded = raw.decode("utf-8", errors="surrogateescape")
    return _ESCAPED.sub(lambda m: _BYTE_CHAR.get(ord(m.group(0)) - 0xDC00, chr(ord(m.group(0)) - 0xDC00)), decoded)


def undo_mojibake(text: str) -> str:
    """``text`` with UTF-8 that was read as Latin-1/windows-1252 decoded again (up to three layers).

    Each run of characters such a reader makes goes back to its bytes (windows-1252's
    for its own characters, Latin-1's for the rest); the valid UTF-8 sequences among them
    are decoded and every other byte stays the character it was, so a lone "Ã" or
    legitimately accented text ("café") stays as it is.
    """
    for _ in range(3):
        if not MOJIBAKE.search(text):
            break
        text = _MOJIBAKE_RUN.sub(_bytes_back, text)
    return text


def looks_damaged(text: str) -> bool:
    """Whether ``text`` still shows mojibake: the UTF-8-as-windows-1252 tell, or UTF-8 read as
    windows-1251 (every Cyrillic letter "Р" or "С" and a second letter)."""
    if MOJIBAKE.search(text):
        return True
    cyrillic = len(_CYRILLIC.findall(text))
    return cyrillic >= 4 and text.count("Р") + text.count("С") >= _CP1251_LEAD_SHARE * cyrillic


def repaired_html(raw: bytes) -> str:
    """``raw``, decoded, with every text node passed through ``undo_mojibake``."""
    import lxml.html
    from lxml import etree

    try:
        root = lxml.html.document_fromstring(decode_html(raw))
    except (etree.ParserError, ValueError):
        return ""
    for el in root.iter():
        for attr in ("text", "tail"):
            old = getattr(el, attr)
            new = undo_mojibake(old) if old else old
            if new != old:
                setattr(el, attr, _CONTROL.sub("", new))
    return lxml.html.tostring(root, encoding="unicode")
