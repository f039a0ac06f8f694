"""Reader-comment threads, with spam in them, placed into rendered pages.

No data set labels spam inside a page, so threads are assembled: real comments (Fox News
reader comments, YouTube and SMS ham) and real spam (YouTube and SMS spam collections),
plus blog-comment spam written for this project from the templates below, each under a
header line in one of the common comment-system formats.  A header takes the label of
its comment (``docs/labels.md``); the thread sits where comment sections sit, after the
article, between a comment-count heading and the comment form.
"""

from __future__ import annotations

import hashlib
import random
import re
from dataclasses import dataclass, field
from functools import cached_property

from .groups import linked_groups
from .render import SourceBlock
from .sources import Message

__all__ = ["SPAM_TEMPLATES", "ThreadPools", "family", "spam_comment", "make_thread", "thread_blocks", "insert_thread", "after_article"]

_FIRST = ("James Mary Robert Patricia John Jennifer Michael Linda David Elizabeth William Barbara Richard Susan "
          "Joseph Jessica Thomas Sarah Charles Karen Chris Nancy Daniel Lisa Matthew Betty Anthony Sandra Mark "
          "Ashley Paul Kimberly Steven Emily Andrew Donna Josh Michelle Kevin Carol Brian Amanda George Melissa "
          "Tim Deborah Ed Rebecca Ron Laura Jason Helen Ryan Sharon Jacob Cynthia Gary Kathleen Nick Amy Eric "
          "Angela Jon Shirley Stephen Anna Larry Brenda Justin Pamela Scott Emma Frank Nicole Greg Ruth Ray "
          "Olivia Sam Ahmed Priya Wei Yuki Carlos Sofia Lars Ingrid Olu Amara Dmitri Fatima Raj Mei").split()
_LAST = ("Smith Johnson Williams Brown Jones Garcia Miller Davis Rodriguez Martinez Hernandez Lopez Wilson "
         "Anderson Thomas Taylor Moore Jackson Martin Lee Perez Thompson White Harris Sanchez Clark Ramirez "
         "Lewis Robinson Walker Young Allen King Wright Scott Torres Nguyen Hill Flores Green Adams Nelson "
         "Baker Hall Rivera Campbell Mitchell Carter Roberts Kowalski Okafor Singh Chen Tanaka Larsen Petrov").split()
_HANDLES = ("truthseeker patriot76 mike_in_ohio jd2020 sunnydays oldtimer realist99 watcher nomad88 citizenX "
            "libertybelle kiwi_fan bluesky captain_obvious techguy mom_of_3").split()

# Blog-comment spam written for cleanfeed: the families seen in WordPress spam queues.
SPAM_TEMPLATES: tuple[str, ...] = (
    "Hi, if you are short of cash there is a chance to make some extra with {gift}. It could really help you. Just follow this link {link}",
    "I am making ${amount} an hour working from home. I never thought I'd be able to do it but my best friend earns ${amount2} a month doing this. Go to this site for more details {link}",
    "Start working from home! Great job for students, stay-at-home moms or anyone needing extra income. You only need a computer and internet. Earn up to ${amount2} a week. Visit {link}",
    "Google is paying ${amount} per hour! Just work online for a few hours a day and spend more time with family. Check this out {link}",
    "I get paid over ${amount2} per month working from home. I was laid off last year and now I make good money. Here is what I do, copy this site {link}",
    "Free {gift} giveaway today only!!! Claim yours before they run out at {link}",
    "Get a free ${amount} {gift} now, limited offer. Click the link in my profile.",
    "Earn {crypto} daily with our automated trading bot, 300% returns guaranteed. Contact us on WhatsApp {phone}",
    "I invested ${amount2} with {name} and made ${amount3} in two weeks. She is the best {crypto} account manager. Contact her on Telegram @{handle}",
    "Thanks to Mr {last} I recovered my lost {crypto} funds. Reach him via email {handle}@{mail} or WhatsApp {phone}",
    "Are you in need of a loan? We offer loans at 2% interest rate to individuals and companies. Contact us today at {handle}@{mail}",
    "Instant loan approval, no credit check, get up to ${amount3} today. Apply now at {link}",
    "Do you need a personal or business loan? Fast approval within 24 hours. Email {handle}@{mail} or text {phone}",
    "Nice article! Visit my website for the best deals on cheap {product}: {link}",
    "Great post, very informative. Check out my blog about {product} at {link} thanks",
    "Buy cheap {product} online without prescription, fast worldwide shipping {link}",
    "Best {product} {link} | cheap {product} {link2} | discount {product} {link}",
    "{product} {link} {product} online {link2} buy {product} {link}",
    "I have been surfing online more than 3 hours today, yet I never found any interesting article like yours. Please check out my site too {link}",
    "Hi there, I found your blog via Google while searching for {product} and your post looks very interesting. I've bookmarked it. Here is my page: {link}",
    "Make money online with this simple trick!!! I made ${amount3} last month {link}",
    "Want to lose 20 pounds in 2 weeks? This miracle {product} works, see {link}",
    "Congratulations! You have been selected to receive a ${amount3} {gift}. Claim now at {link} before it expires",
    "URGENT: your account has been suspended. Verify your details at {link} to restore access",
    "Hello everyone, I want to share how I got my ex back with the help of a powerful spell caster. Contact him on WhatsApp {phone}",
    "Need a hacker? I can recover hacked accounts, change grades and spy on phones. Contact {handle}@{mail}",
    "Work from home opportunity: ${amount} per hour, no experience needed, weekly payouts. Details at {link}",
    "My neighbor's sister makes ${amount} an hour on the internet. She has been out of work for nine months but last month her check was ${amount3} just working on the laptop for a few hours. Read more at {link}",
    "Stop wasting time, start earning! I make ${amount2} every week from home with my laptop. Follow the link on my profile",
    "Join the {crypto} revolution, double your investment in 7 days. Register here {link}",
    "Best SEO services, get your site on Google's first page. Cheap backlinks: {link}",
    "Subscribe to my channel for more videos like this, I upload every day! {link}",
    "Check out my new music video, please like and subscribe {link}",
    "Hey guys check out my channel, I make funny videos and I need just 100 more subscribers!",
    "Earn free {gift} by answering simple surveys. Sign up with my referral link {link}",
    "Looking for a reliable {crypto} investment platform? I earn ${amount2} weekly with {name}. Message on WhatsApp {phone}",
    "Cheap {product} for sale, DM me on Instagram @{handle} for prices",
    "Want to know the secret to passive income? I went from broke to ${amount3} a month. Go on this site {link}",
    "Win a brand new iPhone! Just enter your email at {link}",
    "Your article is great. By the way, we sell high quality {product} at the lowest prices: {link}",
    "Easy cash: get paid ${amount} per survey from home. Start now at {link}",
    "Real estate investors wanted, guaranteed monthly returns of ${amount2}. Call {phone}",
)
_GIFTS = ("Gift Cards", "Amazon gift cards", "Walmart gift cards", "iTunes gift cards", "Steam gift cards", "PayPal cash", "Visa gift cards")
_CRYPTO = ("bitcoin", "crypto", "BTC", "USDT", "Ethereum", "forex")
_PRODUCTS = ("viagra", "cialis", "replica watches", "CBD oil", "diet pills", "keto gummies", "Ray Ban sunglasses", "essay writing", "phentermine", "Nike shoes")
_TLDS = ("com", "net", "org", "info", "xyz", "online", "site", "club", "top")
_WORDS = ("cash", "work", "home", "earn", "job", "pay", "smart", "daily", "best", "deal", "money", "easy", "click", "free", "profit", "gift")
_MAILS = ("gmail.com", "outlook.com", "yahoo.com", "proton.me", "hotmail.com")


def _name(rng: random.Random) -> str:
    style = rng.random()
    first, last = rng.choice(_FIRST), rng.choice(_LAST)
    if style < 0.45:
        return f"{first} {last}"
    if style < 0.65:
        return first
    if style < 0.8:
        return f"{first} {last[0]}"
    if style < 0.9:
        return f"{first} {last[0]}."
    return rng.choice(_HANDLES)


def _link(rng: random.Random) -> str:
    host = rng.choice(_WORDS) + rng.choice(_WORDS) + str(rng.randint(0, 999)) if rng.random() < 0.5 else rng.choice(_WORDS) + rng.choice(_WORDS)
    path = rng.choice(("", "/", "/join", "/?ref=" + str(rng.randint(100, 99999)), "/offer", "/start"))
    scheme = rng.choice(("https://", "http://", "www.", ""))
    return f"{scheme}{host}.{rng.choice(_TLDS)}{path}"


def spam_comment(rng: random.Random, templates: tuple[str, ...] = SPAM_TEMPLATES) -> str:
    """One blog-comment spam text from ``templates``, with random names, sums and links."""
    template = rng.choice(templates)
    amount = rng.choice((15, 25, 35, 47, 65, 82, 85, 90, 97, 150))
    values = {
        "amount": amount, "amount2": f"{rng.randint(3, 25) * 1000:,}" if rng.random() < 0.5 else rng.randint(300, 9000),
        "amount3": f"{rng.randint(5, 60) * 1000:,}", "gift": rng.choice(_GIFTS), "crypto": rng.choice(_CRYPTO),
        "product": rng.choice(_PRODUCTS), "link": _link(rng), "link2": _link(rng), "name": _name(rng),
        "last": rng.choice(_LAST), "handle": rng.choice(_HANDLES) + str(rng.randint(1, 99)), "mail": rng.choice(_MAILS),
        "phone": "+" + str(rng.randint(1, 99)) + " " + " ".join(str(rng.randint(100, 999)) for _ in range(3)),
    }
    text = template.format(**values)
    if rng.random() < 0.2:  # spammers' casual typing
        text = text.replace(". ", ".. ").replace("Hey,", "Hey ,")
    return text


_MONTHS = ("January February March April May June July August September October November December").split()


_WEEKDAYS = "Monday Tuesday Wednesday Thursday Friday Saturday Sunday".split()
N_HEADER_FORMATS = 12


def _ordinal(day: int) -> str:
    return f"{day}{'th' if 10 <= day % 100 <= 20 else {1: 'st', 2: 'nd', 3: 'rd'}.get(day % 10, 'th')}"


def _header(name: str, rng: random.Random, fmt: int) -> str:
    """A comment header line in one of the formats comment systems have used."""
    month, day, year = rng.choice(_MONTHS), rng.randint(1, 28), rng.randint(2006, 2026)
    hour, minute, ampm = rng.randint(1, 12), rng.randint(0, 59), rng.choice(("am", "pm"))
    formats = [
        lambda: f"{name} says:",
        lambda: f"{name} on {month} {day}, {year} at {hour}:{minute:02d} {ampm}",
        lambda: f"{name} · {rng.randint(1, 59)} {rng.choice(('minutes', 'hours', 'days', 'weeks', 'months'))} ago",
        lambda: f"{name} {month} {day}, {year} at {hour}:{minute:02d} {ampm}",
        lambda: f"{name} said:",
        lambda: f"{name}",
        lambda: f"{name} wrote:",
        lambda: f"{name} — {month} {_ordinal(day)}, {year}, {hour}:{minute:02d} {ampm}",
        lambda: f"by {name} ({rng.randint(100, 999999)}) on {rng.choice(_WEEKDAYS)} {month} {day}, @{hour:02d}:{minute:02d}{ampm.upper()} (#{rng.randint(10**6, 10**8)})",
        lambda: f"{name} ({rng.randint(1, 12):02d}/{day:02d}/{year} {rng.randint(0, 23):02d}:{minute:02d})",
        lambda: f"Posted by: {name} | {month[:3]} {day}, {year} {hour}:{minute:02d}:{rng.randint(0, 59):02d} {ampm.upper()}",
        lambda: f"{name} | {day} {month} {year}",
    ]
    return formats[fmt]()


_SENTENCE_BREAK = re.compile(r"(?<=[.!?])\s+(?=[A-Z])")


def _paragraphs(text: str, rng: random.Random) -> list[str]:
    """Readers write several paragraphs now and then: split some long comments at sentences."""
    sentences = _SENTENCE_BREAK.split(text)
    if len(sentences) < 3 or rng.random() < 0.6:
        return [text]
    cut = sorted(rng.sample(range(1, len(sentences)), k=min(len(sentences) - 1, rng.randint(1, 2))))
    bounds = [0, *cut, len(sentences)]
    return [" ".join(sentences[a:b]) for a, b in zip(bounds, bounds[1:])]


def family(message: Message) -> str:
    """The collection a message came from ("youtube", "sms", "scamspot", "wordpress", ...)."""
    return message.source.split(":", 1)[0]


@dataclass
class ThreadPools:
    """The messages threads are drawn from.

    ``spam`` holds the first spam families (YouTube and SMS), ``later_spam`` the ones added
    since (ScamSpot scams, WordPress templates).  They are kept apart so that adding
    families does not thin out the first ones: with one pool, 1,355 new messages halved the
    YouTube and SMS spam rows, and the model lost 0.08 of its spam recall on held-out
    YouTube comments (docs/model.md, "Why the second retrain lost YouTube and thread spam").
    """

    ham: list[Message]
    spam: list[Message]
    templates: tuple[str, ...] = SPAM_TEMPLATES
    later_spam: list[Message] = field(default_factory=list)

    def ham_of(self, name: str) -> list[Message]:
        """The ham of one message family (empty for families without ham, such as templates)."""
        return self._ham_by_family.get(name, [])

    @cached_property
    def _ham_by_family(self) -> dict[str, list[Message]]:
        # Worked out at the first draw; pools are filled (``split``) before any thread is made.
        by_family: dict[str, list[Message]] = {}
        for m in self.ham:
            by_family.setdefault(family(m), []).append(m)
        return by_family

    def split(self, n: int) -> list[ThreadPools]:
        """The pools cut into ``n`` disjoint parts, one per cross-validation fold.

        Pages of fold k draw their threads from part k only.  With one shared pool the
        same message (or the same spammer's near-copy, or the same template) sits on pages
        of every fold, so the out-of-fold text scores the tree stages learn from, and the
        cross-validated spam and comment figures, would be scores of messages the text
        model had trained on: too sure of themselves on the unseen messages of real pages.
        """
        parts = [ThreadPools([], [], self.templates[k::n]) for k in range(n)]
        part_of = _message_parts(self.ham + self.spam + self.later_spam, n)
        for m in self.ham:
            parts[part_of[id(m)]].ham.append(m)
        for m in self.spam:
            parts[part_of[id(m)]].spam.append(m)
        for m in self.later_spam:
            parts[part_of[id(m)]].later_spam.append(m)
        return parts


def _message_parts(messages: list[Message], n: int) -> dict[int, int]:
    """Each message's part (by ``id``), keeping together the messages that share an author
    (a spammer's posts are near-copies of each other) or that share their letters (the
    same "Subscribe to my channel" from many accounts, copies differing only in case,
    digits, links or punctuation)."""
    keys = ["t:" + re.sub(r"[^a-z]+", "", re.sub(r"\S*(?:https?://|www\.)\S*", "", m.text.lower())) for m in messages]
    groups = linked_groups([(k, ["a:" + m.author] if m.author else []) for m, k in zip(messages, keys)])
    return {id(m): int(hashlib.sha256(g.encode("utf-8")).hexdigest()[:12], 16) % n for m, g in zip(messages, groups)}


def make_thread(pools: ThreadPools, rng: random.Random, spam_rate: float = 0.25, templates: bool = True,
                community_ham: float = 0.0) -> list[SourceBlock]:
    """A comment thread as labelled blocks: header, text, and sometimes 'Reply' or a like count.

    Evaluation threads (``templates`` false) draw spam from ``pools.spam`` only.  Training
    threads draw half their spam from ``pools.spam``, and the other half from
    ``pools.later_spam`` and the templates, half each; and each ham comment, with
    probability ``community_ham``, from the ham of the family of one of the thread's spam
    messages (``ThreadPools.ham_of``): real comment sections are communities, the scams under
    a trading post sit among readers talking trading, and a thread whose ham comes from
    one mixed pool teaches that talk of money is spam.
    """
    if not templates:
        messages = []
        for _ in range(rng.randint(2, 12)):
            spam = rng.random() < spam_rate
            text = rng.choice(pools.spam).text if spam else rng.choice(pools.ham).text
            messages.append((text, spam))
        return thread_blocks(messages, rng)
    slots: list[Message | str | None] = []  # a spam message, a template's text, or None for ham
    for _ in range(rng.randint(2, 12)):
        if rng.random() >= spam_rate:
            slots.append(None)
        elif pools.spam and rng.random() < 0.5:
            slots.append(rng.choice(pools.spam))
        elif pools.later_spam and rng.random() < 0.5:
            slots.append(rng.choice(pools.later_spam))
        else:
            slots.append(spam_comment(rng, pools.templates))
    communities = [pools.ham_of(family(m)) for m in slots if isinstance(m, Message)]
    communities = [c for c in communities if c]
    messages = []
    for slot in slots:
        if slot is None:
            pool = rng.choice(communities) if communities and rng.random() < community_ham else pools.ham
            messages.append((rng.choice(pool).text, False))
        else:
            messages.append((slot.text if isinstance(slot, Message) else slot, True))
    return thread_blocks(messages, rng)


def thread_blocks(messages: list[tuple[str, bool]], rng: random.Random) -> list[SourceBlock]:
    """Given ``(text, is_spam)`` comments, the labelled blocks of their thread."""
    blocks: list[SourceBlock] = []
    fmt = rng.choice((0, *range(N_HEADER_FORMATS)))  # one header format per site, as in life
    for text, spam in messages:
        label = "spam" if spam else "comment"
        depth = 1 if rng.random() < 0.75 else 2
        blocks.append(SourceBlock(text=_header(_name(rng), rng, fmt), depth=depth, list_item=True, tag="_thread", label=label))
        for paragraph in _paragraphs(text, rng):
            blocks.append(SourceBlock(text=paragraph, depth=depth + 1, tag="_thread", label=label))
        if rng.random() < 0.3:
            extra = rng.choice(("Reply", "Reply", "Report", f"{rng.randint(1, 250)} likes", f"{rng.randint(1, 40)} Likes"))
            blocks.append(SourceBlock(text=extra, depth=depth + 1, tag="_thread", label="comment"))
    return blocks


def after_article(page_blocks: list[SourceBlock], section: list[SourceBlock]) -> list[SourceBlock]:
    """``section`` placed after the page's last body block, where comment sections sit."""
    last_body = max((i for i, b in enumerate(page_blocks) if b.label == "body"), default=len(page_blocks) - 1)
    return page_blocks[: last_body + 1] + section + page_blocks[last_body + 1 :]


def insert_thread(page_blocks: list[SourceBlock], thread: list[SourceBlock], rng: random.Random) -> list[SourceBlock]:
    """Place ``thread`` after the page's last body block, framed as comment sections are."""
    before: list[SourceBlock] = []
    after: list[SourceBlock] = []
    n = sum(1 for b in thread if b.label in ("comment", "spam") and b.list_item)
    if rng.random() < 0.6:
        before.append(SourceBlock(text=rng.choice((f"{n} Comments", f"{n} thoughts on this", "Comments", f"Comments ({n})", "Discussion", f"{n} Responses")), label="navigation", tag="_thread"))
    if rng.random() < 0.6:
        after.append(SourceBlock(text=rng.choice(("Leave a Reply", "Leave a Comment", "Post a comment", "Add a comment")), label="navigation", tag="_thread"))
        if rng.random() < 0.7:
            after.append(SourceBlock(text="Your email address will not be published. Required fields are marked *", label="navigation", tag="_thread"))
    return after_article(page_blocks, before + thread + after)
