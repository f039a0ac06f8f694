"""Spam from more campaigns: the ScamSpot Instagram comments and the WordPress spintax templates.

Both sets are ``train`` (MIT).  Part of each is held out, by campaign or by template, so
that spam is also measured on families the model never saw (``held_out=True``):

* ScamSpot's scams come in campaigns: one "account manager" (an ``@handle`` or
  ``#handle`` to get in touch with) praised by many accounts, one token contract shilled
  under many posts.  Messages are grouped by the handles, addresses and links they name
  and by their letters, and a fifth of the groups is held out, so no campaign is on both
  sides.  The collectors lower-cased every comment; half of the messages (scam and ham
  alike, chosen by a hash) get their sentence case back, so that case is no cue to what
  is spam.
* Each spintax template of ``constructs.txt`` is one family of generic praise spam
  ("I have been surfing online more than 3 hours today ...").  A fifth of the templates
  is held out.  Each template is expanded into several distinct comments; the praise
  alone is not spam under docs/labels.md (it neither sells nor links out), so every
  expansion ends in the link to the spammer's site that such comments carry in the body
  when the form has no website field ("Here is my web page: ...").
"""

from __future__ import annotations

import csv
import hashlib
import random
import re
from pathlib import Path

from .groups import linked_groups
from .sources import Message

__all__ = ["HELD_OUT_SHARE", "scamspot_messages", "spintax_templates", "expand_spintax", "wordpress_messages",
           "sentence_case"]

#: Share of campaigns (ScamSpot) and of templates (WordPress) kept out of training.
HELD_OUT_SHARE = 0.2
#: Distinct comments drawn from one spintax template.
EXPANSIONS_PER_TEMPLATE = 8


def _fraction(key: str) -> float:
    """A stable number in [0, 1) for ``key``: which side of a split it falls on."""
    return int(hashlib.sha256(key.encode("utf-8")).hexdigest()[:12], 16) / 16**12


# What a scam campaign is known by: the handle to contact, a wallet or contract address,
# a link.
_CAMPAIGN_MARK = re.compile(r"[@#][\w.]{3,}|0x[0-9a-f]{8,}|https?://\S+|\b[\w-]+\.(?:com|io|net|org|finance|xyz)\b", re.I)
_SENTENCE_START = re.compile(r"(^|[.!?]\s+)([a-z])")
_LONE_I = re.compile(r"\bi\b")


def sentence_case(text: str) -> str:
    """``text`` as a person would have typed it before the collectors lower-cased it:
    a capital at each sentence start and for the pronoun "I" (not inside handles)."""
    text = _SENTENCE_START.sub(lambda m: m.group(1) + m.group(2).upper(), text)
    return _LONE_I.sub("I", text)


def _campaign_groups(texts: list[str]) -> list[str]:
    """A group per message: messages sharing a campaign mark or their letters share a group."""
    keys = ["t:" + re.sub(r"[^a-z]+", "", _CAMPAIGN_MARK.sub("", t.lower())) for t in texts]
    marks = [["m:" + m.strip("@#").rstrip("_.") for m in _CAMPAIGN_MARK.findall(t.lower())] for t in texts]
    return linked_groups(list(zip(keys, marks)))


def scamspot_messages(root: Path, held_out: bool) -> list[Message]:
    """ScamSpot comments (``scam`` = 1 is spam) of the training campaigns, or of the held-out ones."""
    path = root / "spam-instagram-scamspot" / "comments-rated.csv"
    if not path.is_file():
        return []
    with path.open(encoding="utf-8", errors="replace", newline="") as fh:
        reader = csv.DictReader(fh)
        missing = {"scam", "msg"} - set(reader.fieldnames or ())
        if missing:
            raise ValueError(f"{str(path)!r} has no {', '.join(sorted(missing))} column")
        rows = [(" ".join((r["msg"] or "").split()), r["scam"] == "1") for r in reader]
    rows = [(t, s) for t, s in rows if t]
    groups = _campaign_groups([t for t, _ in rows])
    out = []
    for (text, spam), group in zip(rows, groups):
        if (_fraction("scamspot:" + group) < HELD_OUT_SHARE) != held_out:
            continue
        if _fraction("scamspot-case:" + text) < 0.5:
            text = sentence_case(text)
        # The group is the message's "author": ThreadPools.split keeps a campaign in one fold.
        out.append(Message(text, spam, "scamspot", author="scamspot:" + group))
    return out


def spintax_templates(root: Path) -> list[str]:
    """The templates of ``constructs.txt``: split at ``|`` outside braces, whitespace collapsed."""
    path = root / "spam-wordpress-constructs" / "constructs.txt"
    if not path.is_file():
        return []
    text = path.read_text(encoding="utf-8", errors="replace")
    templates, depth, start = [], 0, 0
    for i, ch in enumerate(text):
        if ch == "{":
            depth += 1
        elif ch == "}":
            depth = max(0, depth - 1)
        elif ch == "|" and depth == 0:
            templates.append(text[start:i])
            start = i + 1
    templates.append(text[start:])
    return [t for t in (" ".join(t.split()) for t in templates) if len(t) > 20]


def expand_spintax(template: str, rng: random.Random) -> str:
    """One text from a spintax template: each ``{a|b|c}`` (innermost first) replaced by one choice."""
    innermost = re.compile(r"\{([^{}]*)\}")
    while True:
        text, n = innermost.subn(lambda m: rng.choice(m.group(1).split("|")), template)
        if not n:
            return " ".join(text.replace("{", "").replace("}", "").split())
        template = text


# How such comments point to the spammer's site when the text is all there is.
_SIGN_OFFS = ("Here is my web page: {link}", "Feel free to visit my blog: {link}", "my site - {link}",
              "Also visit my webpage - {link}", "Look at my homepage; {link}", "{link}", "Check out my website {link}",
              "My blog post: {link}", "Stop by my page: {link}")
_WORDS = ("best", "cheap", "top", "keto", "loans", "casino", "seo", "replica", "crypto", "dating", "pills", "deals")
_TLDS = ("com", "net", "info", "xyz", "online", "site", "top", "ru", "pl")


def _spam_link(rng: random.Random, shorteners: list[str]) -> str:
    if shorteners and rng.random() < 0.3:
        return f"https://{rng.choice(shorteners)}/{''.join(rng.choice('abcdefghjkmnpqrstuvwxyz23456789') for _ in range(6))}"
    host = "-".join(rng.sample(_WORDS, k=rng.randint(1, 2))) + (str(rng.randint(1, 999)) if rng.random() < 0.4 else "")
    return f"{rng.choice(('https://', 'http://', 'www.', ''))}{host}.{rng.choice(_TLDS)}{rng.choice(('', '/', '/blog', '/?p=' + str(rng.randint(10, 9999))))}"


def wordpress_messages(root: Path, held_out: bool) -> list[Message]:
    """Spam comments expanded from the training templates, or from the held-out ones."""
    templates = spintax_templates(root)
    shortener_path = root / "spam-wordpress-constructs" / "shorteners.txt"
    shorteners = []
    if shortener_path.is_file():
        shorteners = [s.strip().strip("/") for s in shortener_path.read_text(encoding="utf-8", errors="replace").splitlines()]
        shorteners = [s for s in shorteners if re.fullmatch(r"[\w.-]+\.\w+", s)]
    out = []
    for k, template in enumerate(templates):
        if (_fraction(f"wordpress:{k}") < HELD_OUT_SHARE) != held_out:
            continue
        rng = random.Random(f"wordpress:{k}")
        seen = set()
        for _ in range(EXPANSIONS_PER_TEMPLATE * 3):
            text = expand_spintax(template, rng)
            if text in seen:
                continue
            seen.add(text)
            sign_off = rng.choice(_SIGN_OFFS).format(link=_spam_link(rng, shorteners))
            out.append(Message(f"{text} {sign_off}", True, "wordpress", author=f"wordpress:{k}"))
            if len(seen) == EXPANSIONS_PER_TEMPLATE:
                break
    return out
