"""The ScamSpot and WordPress spam readers (cleanfeed/training/corpus/spam.py), on files
written here in the sets' layouts."""

import csv
import random

from cleanfeed.training.corpus import spam


def _scamspot(tmp_path, rows):
    path = tmp_path / "spam-instagram-scamspot" / "comments-rated.csv"
    path.parent.mkdir(parents=True)
    with path.open("w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["number", "scam", "msg_length", "msg"])
        for k, (scam, msg) in enumerate(rows):
            w.writerow([k, int(scam), len(msg), msg])


def test_scamspot_campaigns_stay_on_one_side_of_the_split(tmp_path):
    rows = []
    words = "alpha bravo charlie delta echo foxtrot golf hotel india juliet kilo lima mike november oscar papa".split()
    for c in range(40):
        handle, word = f"@manager_{c}_fx", words[c % 16] * (1 + c // 16)
        # Each campaign's own wording (the same wording with another handle is one campaign).
        rows += [(True, f"thanks to {handle} i made money in a week {word}"),
                 (True, f"i recommend {handle} for trading {word}, she is the best"),
                 (True, f"{handle} changed my life {word}, contact her today")]
    rows += [(False, f"great song number {k}, love it") for k in range(40)]
    _scamspot(tmp_path, rows)
    train = spam.scamspot_messages(tmp_path, held_out=False)
    held = spam.scamspot_messages(tmp_path, held_out=True)
    assert len(train) + len(held) == len(rows) and held and train

    def handles(msgs):
        return {w for m in msgs if m.spam for w in m.text.lower().split() if w.startswith("@")}

    assert not handles(train) & handles(held)
    # A campaign's messages share a group, which ThreadPools.split keeps in one fold.
    by_handle = {}
    for m in train:
        for w in m.text.lower().split():
            if w.startswith("@"):
                by_handle.setdefault(w, set()).add(m.author)
    assert all(len(groups) == 1 for groups in by_handle.values())


def test_half_of_scamspot_gets_sentence_case_back(tmp_path):
    rows = [(k % 2 == 0, f"this is comment {k}. i think it is fine") for k in range(200)]
    _scamspot(tmp_path, rows)
    msgs = spam.scamspot_messages(tmp_path, False) + spam.scamspot_messages(tmp_path, True)
    cased = [m for m in msgs if m.text[0].isupper()]
    assert 0.3 < len(cased) / len(msgs) < 0.7
    # Scam and ham alike, so that case tells nothing about spam.
    assert any(m.spam for m in cased) and any(not m.spam for m in cased)
    assert spam.sentence_case("this is it. i said so! ok") == "This is it. I said so! Ok"


def test_spintax_templates_split_only_at_top_level_bars(tmp_path):
    path = tmp_path / "spam-wordpress-constructs" / "constructs.txt"
    path.parent.mkdir(parents=True)
    path.write_text("{Great|Nice} post, {I|we} {really|truly} liked\nit.|\n{Hello|Hi} there, your {blog|site} is {good|fine} and long enough.|",
                    encoding="utf-8")
    templates = spam.spintax_templates(tmp_path)
    assert templates == ["{Great|Nice} post, {I|we} {really|truly} liked it.",
                         "{Hello|Hi} there, your {blog|site} is {good|fine} and long enough."]
    texts = {spam.expand_spintax(templates[0], random.Random(k)) for k in range(50)}
    assert "Great post, I really liked it." in texts and len(texts) > 4
    assert not any("{" in t or "|" in t for t in texts)
    assert spam.expand_spintax("{a {b|c}|d}", random.Random(1)) in {"a b", "a c", "d"}


def test_wordpress_messages_are_spam_with_a_link_and_split_by_template(tmp_path):
    path = tmp_path / "spam-wordpress-constructs" / "constructs.txt"
    path.parent.mkdir(parents=True)
    path.write_text("|".join(f"{{Great|Nice|Fine}} post number {k}, {{I|we}} {{really|truly}} liked it" for k in range(30)),
                    encoding="utf-8")
    train = spam.wordpress_messages(tmp_path, held_out=False)
    held = spam.wordpress_messages(tmp_path, held_out=True)
    assert train and held and all(m.spam for m in train + held)
    # Praise alone is not spam (docs/labels.md): every comment links out.
    assert all("." in m.text.split()[-1] for m in train + held)
    assert not {m.author for m in train} & {m.author for m in held}
    assert len({m.text for m in train}) == len(train)
