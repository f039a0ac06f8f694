"""Corpus builder: rendering with provenance, layouts, alignment, threads, label transfer."""

import codecs
import gzip
import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

pytest.importorskip("lxml")

from cleanfeed import segment  # noqa: E402
from cleanfeed.training.corpus.align import GoldText  # noqa: E402
from cleanfeed.training.corpus.render import STYLES, decode_html, html_blocks, layout  # noqa: E402
from cleanfeed.training.corpus.threads import SPAM_TEMPLATES, ThreadPools, insert_thread, make_thread, spam_comment, thread_blocks  # noqa: E402
from cleanfeed.training.corpus.sources import Message  # noqa: E402
from cleanfeed.training import gold_labels  # noqa: E402

HTML = """<html><head><title>T</title><style>p{}</style></head><body>
<nav><ul><li><a href="/">Home</a></li><li>News<ul><li>World</li></ul></li></ul></nav>
<article><h1>The headline</h1><p>First <b>paragraph</b> of the article, with enough words to wrap when a tool
wraps it at eighty columns, which it will, because it is long enough for that.</p>
<figure><img src="x.jpg"><figcaption>A picture of the harbour. Photo: J. Roe</figcaption></figure>
<script>var x = 1;</script><div style="display:none">hidden text</div>
<p>Second paragraph.</p></article>
<div id="comments"><div class="comment"><p>Reader one says the article is right.</p></div>
<form id="respond"><p>Leave a Reply</p></form></div>
<footer>© 2024 Example</footer></body></html>"""


@pytest.mark.parametrize(
    "raw, expected",
    [
        # UTF-8 with no <meta charset>: lxml alone read this as Latin-1 ("CafÃ©").
        ("<p>Café – naïve</p>".encode("utf-8"), "<p>Café – naïve</p>"),
        # A page that says Latin-1 but is UTF-8: the bytes win.
        ('<meta charset="iso-8859-1"><p>Café</p>'.encode("utf-8"), '<meta charset="iso-8859-1"><p>Café</p>'),
        # Real Latin-1 is not valid UTF-8; its curly quotes are windows-1252's.
        ('<meta charset="ISO-8859-1"><p>“Café”</p>'.encode("cp1252"), '<meta charset="ISO-8859-1"><p>“Café”</p>'),
        ('<meta http-equiv="Content-Type" content="text/html; charset=windows-1251"><p>Привет</p>'.encode("cp1251"),
         '<meta http-equiv="Content-Type" content="text/html; charset=windows-1251"><p>Привет</p>'),
        ("\ufeff<p>Café</p>".encode("utf-16-le"), "<p>Café</p>"),
        # No charset and not UTF-8: windows-1252, never an exception.
        ("<p>Caf\xe9 \x93q\x94</p>".encode("latin-1"), "<p>Café “q”</p>"),
        ('<meta charset="no-such-codec"><p>\xe9</p>'.encode("latin-1"), '<meta charset="no-such-codec"><p>é</p>'),
        # Browsers refuse UTF-7 (it smuggles markup past filters): windows-1252 instead.
        ('<meta charset="utf-7"><p>\xff+ADw-b+AD4-</p>'.encode("latin-1"), '<meta charset="utf-7"><p>ÿ+ADw-b+AD4-</p>'),
    ],
)
def test_decode_html(raw, expected):
    assert decode_html(raw) == expected


@given(st.binary(max_size=300), st.sampled_from(["", "utf-8", "utf-7", "utf-16", "shift_jis", "koi8-r", "bogus", "x-user-defined"]))
@settings(max_examples=150, deadline=None)
def test_decode_html_never_fails(raw, charset):
    page = (f'<meta charset="{charset}">'.encode("ascii") if charset else b"") + raw
    assert isinstance(decode_html(page), str)


def test_html_blocks_decodes_bytes_and_accepts_xml_declaration():
    page = '<?xml version="1.0" encoding="utf-8"?><html><body><p>Crème brûlée</p></body></html>'
    assert [b.text for b in html_blocks(page.encode("utf-8"))] == ["Crème brûlée"]
    assert [b.text for b in html_blocks(page)] == ["Crème brûlée"]


def test_html_blocks_with_provenance():
    blocks = html_blocks(HTML)
    texts = [b.text for b in blocks]
    assert "var x = 1;" not in " ".join(texts) and "hidden text" not in " ".join(texts)
    assert texts[:3] == ["Home", "News", "World"]
    assert [b.depth for b in blocks[:3]] == [1, 1, 2] and blocks[0].list_item
    first = next(b for b in blocks if b.text.startswith("First paragraph"))
    assert "\n" not in first.text and "  " not in first.text
    caption = next(b for b in blocks if b.text.startswith("A picture"))
    assert caption.caption == 1.0
    comment = next(b for b in blocks if b.text.startswith("Reader one"))
    assert comment.comment == 1.0 and comment.comment_form == 0.0
    form = next(b for b in blocks if b.text == "Leave a Reply")
    assert form.comment_form == 1.0


@pytest.mark.parametrize("style", STYLES)
def test_layout_spans_point_at_block_text(style):
    blocks = html_blocks(HTML)
    text, spans = layout(blocks, style)
    for block, (start, end) in zip(blocks, spans):
        assert " ".join(text[start:end].split()).endswith(block.text)


@pytest.mark.parametrize("style", STYLES)
def test_segment_recovers_rendered_blocks(style):
    blocks = html_blocks(HTML)
    for i, b in enumerate(blocks):
        b.label = "body" if i % 2 else "navigation"
    text, spans = layout(blocks, style)
    labels = gold_labels(segment(text), [(s, e, b.label) for b, (s, e) in zip(blocks, spans)])
    assert labels == [b.label for b in blocks]


def test_seed_style_bullets():
    text, _ = layout(html_blocks(HTML), "seed")
    assert "  • Home\n  • News\n" in text and "    • World" in text


def test_alignment_is_fuzzy_but_not_loose():
    gold = GoldText(["The council approved the budget on Tuesday after a long debate.\n\nSubhead"])
    assert gold.matches("The council approved the budget on Tuesday, after a long debate")
    assert gold.matches("Subhead")
    assert not gold.matches("Home")
    assert not gold.matches("Sign up for our newsletter to get the news.")


def test_spam_templates_fill_in():
    rng = random.Random(1)
    texts = {spam_comment(rng) for _ in range(200)}
    assert len(SPAM_TEMPLATES) >= 36 and len(texts) > 150
    assert not any("{" in t for t in texts)


def test_threads_label_headers_like_their_comments():
    rng = random.Random(3)
    pools = ThreadPools(ham=[Message("I agree with this.", False, "t")], spam=[Message("Win cash now www.x.com", True, "t")])
    thread = make_thread(pools, rng, spam_rate=0.5)
    for header, body in zip(thread, thread[1:]):
        if header.list_item:
            assert header.label == body.label
    page = html_blocks(HTML)
    for b in page:
        b.label = "body" if b.text.startswith(("First", "Second", "The headline")) else "navigation"
    merged = insert_thread(page, thread, rng)
    last_body = max(i for i, b in enumerate(merged) if b.label == "body")
    first_thread = next(i for i, b in enumerate(merged) if b in thread)
    assert first_thread > last_body


def test_thread_pools_split_keeps_authors_and_copies_in_one_part():
    ham = [Message(f"Reader comment number {w} about the story.", False, "t", f"reader{k % 7}")
           for k, w in enumerate("one two three four five six seven eight nine ten eleven twelve".split())]
    spam = [Message("Subscribe to my channel!!", True, "yt", "spammer1"),
            Message("subscribe to MY channel http://x.co/1", True, "yt", "spammer2"),  # same letters, other account
            Message("Free gift cards at www.gifts.example", True, "yt", "spammer1"),  # same account, other text
            *[Message(f"Win {w} cash now, text WIN to 80086", True, "sms") for w in "big small huge real".split()]]
    parts = ThreadPools(ham, spam).split(5)
    assert sorted(id(m) for p in parts for m in p.ham) == sorted(map(id, ham))
    assert sorted(id(m) for p in parts for m in p.spam) == sorted(map(id, spam))
    home = [k for k, p in enumerate(parts) if any(m.author in ("spammer1", "spammer2") for m in p.spam)]
    assert len(home) == 1 and len([m for m in parts[home[0]].spam if m.author]) == 3
    for author in {m.author for m in ham}:
        assert sum(any(m.author == author for m in p.ham) for p in parts) == 1
    assert sorted(t for p in parts for t in p.templates) == sorted(SPAM_TEMPLATES)
    assert all(p.templates for p in parts)
    # A thread made from one part holds its messages and templates, none of the others'.
    rng = random.Random(5)
    k = next(k for k, p in enumerate(parts) if p.ham and p.spam)
    own = {m.text for m in parts[k].ham + parts[k].spam}
    others = {m.text for j, p in enumerate(parts) if j != k for m in p.ham + p.spam}

    def openings(templates):
        return {t.split("{")[0] for t in templates if len(t.split("{")[0]) >= 12}

    foreign = openings(t for j, p in enumerate(parts) if j != k for t in p.templates) - openings(parts[k].templates)
    texts = [b.text for _ in range(30) for b in make_thread(parts[k], rng, spam_rate=0.5)]
    assert own & set(texts) and not others & set(texts)
    assert not [t for t in texts if any(t.startswith(o) for o in foreign)]
    assert [t for t in texts if any(t.startswith(o) for o in openings(parts[k].templates))]


def test_caption_container_needs_a_picture_and_unlinked_text():
    from cleanfeed.training.corpus.sources import _structural_label

    page = """<html><body>
    <figure><img src="a.jpg"><div class="caption">The harbour at dawn. Photo: J. Roe</div></figure>
    <a href="/pricing"><figure><img src="b.jpg"><figcaption>Pricing</figcaption></figure></a>
    <div class="card"><img src="c.jpg"><span class="card__caption">Aspen Beige Hemp Pants</span></div>
    <nav><svg><path d="M0"/></svg><div class="credit-links">Credit cards</div></nav>
    </body></html>"""
    labels = {b.text: _structural_label(b)[0] for b in html_blocks(page)}
    assert labels == {
        "The harbour at dawn. Photo: J. Roe": "caption",
        "Pricing": "navigation",  # linked: a teaser tile, not a caption
        "Aspen Beige Hemp Pants": "navigation",  # a bare <img> beside it is a product tile
        "Credit cards": "navigation",  # an icon is no picture
    }


def test_trafilatura_snippets_label_part_of_a_page(tmp_path):
    import io
    import json
    import tarfile

    from cleanfeed.training.corpus.sources import trafilatura

    page = """<html><body>
    <nav><p>Startseite</p><p>Impressum</p></nav>
    <h1>Der Titel</h1>
    <p>Der erste Absatz des Artikels, mit genug Worten.</p>
    <p>Ein Absatz, den der Datensatz nicht erwähnt.</p>
    <figure><img src="hafen.jpg"><figcaption>Der Hafen am Morgen.</figcaption></figure>
    <aside><p>Mehr zum Thema: Der erste Absatz im Teaser</p><p>Mehr zum Thema: Der erste Absatz im Teaser</p></aside>
    <div id="comments"><p>Anna sagt:</p><p>Toller Artikel, danke!</p><p>Ein Kommentar ohne Snippet.</p></div>
    <p>Impressum und Der erste Absatz</p>
    </body></html>"""
    evaldata = {"https://www.example.de/artikel": {
        "file": "example.de.artikel.html", "title": "Der Titel",
        "with": ["Der erste Absatz des Artikels", "Mehr zum Thema"],
        "without": ["Impressum", "Anna sagt"], "comments": ["Toller Artikel"]}}
    archive = tmp_path / "trafilatura-eval" / "trafilatura_eval.tar.xz"
    archive.parent.mkdir()
    with tarfile.open(archive, "w:xz") as tar:
        for name, data in (("trafilatura-eval/evaldata.json", json.dumps(evaldata).encode()),
                           ("trafilatura-eval/html/example.de.artikel.html", page.encode("utf-8"))):
            info = tarfile.TarInfo(name)
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))
    (result,) = list(trafilatura(tmp_path))
    assert result.site == "example.de" and result.gold_body == ""
    labels = {b.text: b.label for b in result.blocks}
    assert labels == {
        "Startseite": "",  # the set does not say
        "Impressum": "navigation",
        "Der Titel": "body",
        "Der erste Absatz des Artikels, mit genug Worten.": "body",
        "Ein Absatz, den der Datensatz nicht erwähnt.": "",
        "Der Hafen am Morgen.": "",  # nor are caption containers
        "Mehr zum Thema: Der erste Absatz im Teaser": "",  # a "with" snippet found twice proves nothing
        "Anna sagt:": "comment",  # dropped by trafilatura, inside the comment section
        "Toller Artikel, danke!": "comment",
        "Ein Kommentar ohne Snippet.": "",  # comment containers are not trusted on these pages
        "Impressum und Der erste Absatz": "navigation",
    }


def test_socc_comments_are_read_from_their_column(tmp_path):
    from cleanfeed.training.corpus.sources import spam_collections

    folder = tmp_path / "comments-socc-ctc"
    folder.mkdir()
    path = folder / "SFU_constructiveness_toxicity.csv"
    # The real file's layout: the text sits in "comment", among many annotation columns.
    path.write_text('_unit_id,is_constructive,comment,title\n'
                    '1,yes,"The council should publish\nthe figures first.",Budget\n'
                    '2,no,   ,Budget\n'
                    '3,no,Agreed with the writer.,Budget\n', encoding="utf-8")
    socc = spam_collections(tmp_path)["socc_eval"]
    assert [(m.text, m.spam) for m in socc] == [("The council should publish the figures first.", False),
                                                ("Agreed with the writer.", False)]
    path.write_text("_unit_id,comment_text\n1,Text under another name.\n", encoding="utf-8")
    with pytest.raises(ValueError, match="no 'comment' column"):
        spam_collections(tmp_path)


def _tar_xz(path, files):
    import io
    import tarfile

    path.parent.mkdir(parents=True)
    with tarfile.open(path, "w:xz") as tar:
        for name, data in files:
            info = tarfile.TarInfo(name)
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))


def test_html_blocks_record_the_innermost_block_type():
    page = """<html><body><div data-block-type="Content" data-block="1"><p>Teaser text of a story.</p>
    <ul data-block-type="LinkList" data-block="2"><li><a href="/a">Sports</a></li></ul></div>
    <p>Nobody annotated this.</p></body></html>"""
    types = {b.text: b.block_type for b in html_blocks(page)}
    assert types == {"Teaser text of a story.": "Content", "Sports": "LinkList", "Nobody annotated this.": None}


def test_kreuzer_labels_chrome_and_leaves_page_dependent_types_unlabelled(tmp_path):
    from cleanfeed.training.corpus.sources import kreuzer

    # Serialised the way the set's pages are: UTF-8 read as Latin-1, then written as entities.
    page = """<html><head><style>[data-block] {outline: 1px solid blue}</style></head><body>
    <div data-block-type="Menu" data-block="1"><a href="/">Startseite</a> <a href="/w">W&#195;&#164;rme</a></div>
    <div data-block-type="Article" data-block="1"><h2>Ein Artikel oder ein Teaser</h2>
      <div data-block-type="Author" data-block="2">von Anna Muster</div></div>
    <div data-block-type="Comments" data-block="1"><p>Tweet: neue Folge online</p></div>
    <div data-block-type="Footer" data-block="1"><p>&#194;&#169; 2013 Example</p></div>
    <p>Ohne Typ</p></body></html>"""
    # Cyrillic read as windows-1252 twice ("Р" holds a no-break-space byte) is repaired;
    # Shift-JIS read as windows-1252 is not UTF-8 damage and cannot be, so its page is left out.
    cyrillic = "<html><body>" + "".join(
        f'<div data-block-type="LinkList"><p>{_read_as_latin1_or_cp1252(_read_as_latin1_or_cp1252("Россия Родина"))} {i}</p></div>'
        for i in range(5)) + "</body></html>"
    broken = "<html><body>" + "".join(
        f'<div data-block-type="LinkList"><p>{"日本語のページへようこそ".encode("shift_jis").decode("cp1252", errors="replace")} {i}</p></div>'
        for i in range(5)) + "</body></html>"
    # ... and so is UTF-8 read as windows-1251 (every letter "Р" or "С" and another).
    cp1251 = "<html><body>" + "".join(
        f'<div data-block-type="Menu"><p>{"Областна администрация".encode("utf-8").decode("cp1251", errors="replace")} {i}</p></div>'
        for i in range(5)) + "</body></html>"
    _tar_xz(tmp_path / "kreuzer-web-segmentation" / "kreuzer_segmentation_blocks.tar.xz", [
        ("kreuzer-segmentation/dataset-random/www.Example.de/www.example.de/index.blocks.html", page.encode("ascii")),
        ("kreuzer-segmentation/dataset-random/www.example.de/www.example.de/index.html.orig", b"<p>not annotated</p>"),
        ("kreuzer-segmentation/dataset-random/broken.jp/broken.jp/index.blocks.html", broken.encode("utf-8")),
        ("kreuzer-segmentation/dataset-random/broken.bg/broken.bg/index.blocks.html", cp1251.encode("utf-8")),
        ("kreuzer-segmentation/dataset-popular/www.example.ru/www.example.ru/index.blocks.html", cyrillic.encode("utf-8")),
    ])
    result, russian = list(kreuzer(tmp_path))
    assert [b.text for b in russian.blocks] == [f"Россия Родина {i}" for i in range(5)]
    assert result.site == "example.de" and result.source == "kreuzer" and result.gold_body == ""
    assert {b.text: b.label for b in result.blocks} == {
        "Startseite Wärme": "navigation",
        "Ein Artikel oder ein Teaser": "",  # teaser on a home page, body on an article page
        "von Anna Muster": "navigation",  # the innermost type wins
        "Tweet: neue Folge online": "",
        "© 2013 Example": "navigation",
        "Ohne Typ": "",
    }
    assert dict(zip((b.text for b in result.blocks), result.how))["Ohne Typ"] == "kreuzer:none"


def test_kreuzer_pages_join_the_corpus_only_when_asked(tmp_path):
    import gzip

    from cleanfeed.training.corpus.build import iter_rows

    page = '<html><body><ul data-block-type="Menu"><li>Home</li><li>News</li></ul><p>Welcome</p></body></html>'
    _tar_xz(tmp_path / "kreuzer-web-segmentation" / "kreuzer_segmentation_blocks.tar.xz", [
        ("kreuzer-segmentation/dataset-random/www.example.org/www.example.org/index.blocks.html", page.encode()),
    ])
    (tmp_path / "wcxb-dev").mkdir()
    with gzip.open(tmp_path / "wcxb-dev" / "ground-truth.jsonl.gz", "wt"):
        pass
    pools = {name: [] for name in ("youtube", "youtube_eval", "sms", "foxnews", "socc_eval", "scamspot", "scamspot_eval",
                                   "wordpress", "wordpress_eval")}

    def page_rows(**kwargs):
        # The project's own threads in other languages are rows whatever the data holds.
        return [r for r in iter_rows(tmp_path, pools, **kwargs) if r["source"] != "threads-ml-heldout"]

    assert page_rows() == []
    (row,) = page_rows(kreuzer=True)
    assert (row["source"], row["site"], row["use"]) == ("kreuzer", "example.org", "train")
    assert [(row["text"][b["start"]:b["end"]].lstrip("*• "), b["label"]) for b in row["blocks"]] == [
        ("Home", "navigation"), ("News", "navigation"), ("Welcome", "")]


def _read_as_latin1_or_cp1252(text: str) -> str:
    """What a browser decoding UTF-8 as windows-1252 shows (Latin-1 for bytes 1252 leaves undefined)."""
    out = []
    for byte in text.encode("utf-8"):
        try:
            out.append(bytes([byte]).decode("cp1252"))
        except UnicodeDecodeError:
            out.append(chr(byte))
    return "".join(out)


@given(st.text(min_size=1, max_size=40), st.integers(min_value=1, max_value=3))
@settings(max_examples=300, deadline=None)
def test_undo_mojibake_reverses_up_to_three_wrong_readings(text, layers):
    from cleanfeed.training.corpus.mojibake import MOJIBAKE, undo_mojibake

    if MOJIBAKE.search(text):
        return  # text that already looks damaged is not this property's subject
    damaged = text
    for _ in range(layers):
        damaged = _read_as_latin1_or_cp1252(damaged)
    assert undo_mojibake(damaged) == text
    assert undo_mojibake(text) == text


def test_button_left_open_by_the_parser_keeps_the_page():
    # An unclosed <div> inside a menu button: libxml2 keeps the button open, so the
    # article nests inside it; the article must still render, and the label still go.
    page = ('<html><body><div><button class="menu-button"><span>Menu</span><div></button></div>'
            '<main><article><h1>Headline here</h1><p>The first paragraph of the story.</p></article></main>'
            '<p>Footer <button>Subscribe</button></p></body></html>')
    texts = [b.text for b in html_blocks(page)]
    assert "Headline here" in texts and "The first paragraph of the story." in texts
    assert "Subscribe" not in " ".join(texts)


def test_accordion_question_in_a_button_is_kept():
    page = ('<html><body><div class="faq"><button aria-expanded="false"><h3>How long does delivery take?</h3></button>'
            '<div><p>Three to five working days.</p></div></div></body></html>')
    assert [b.text for b in html_blocks(page)] == ["How long does delivery take?", "Three to five working days."]


@pytest.mark.parametrize("flag_on", [
    '<body class="single-post has-comments">', '<body class="page not-showing-comments">',
    '<body class="comment-hidden">', '<body><article class="post has-comments">',
    '<body><div id="comments">',  # a real container, but <body> and <article> flags are not
])
def test_comment_state_flags_are_not_comment_containers(flag_on):
    page = flag_on + "<p>Body paragraph of the article.</p></body>"
    block = html_blocks("<html>" + page + "</html>")[0]
    assert block.comment == (1.0 if 'id="comments"' in flag_on else 0.0)


def test_comment_containers_still_found_beside_flags():
    page = ('<html><body class="has-comments"><p>Story.</p>'
            '<div class="comments-area wpd-comments-open"><p>Great post, thanks.</p></div></body></html>')
    blocks = {b.text: b.comment for b in html_blocks(page)}
    assert blocks == {"Story.": 0.0, "Great post, thanks.": 1.0}


def test_page_classes_do_not_mark_the_whole_page_as_captions():
    # A lightbox plugin flags <body>; every block sat "under a caption container" with it.
    page = ('<html><body class="single wp-featherlight-captions"><p>Story paragraph.</p>'
            '<figure><img src="a.jpg"><div class="wp-caption-text">Harbour at dawn.</div></figure></body></html>')
    blocks = {b.text: b.caption for b in html_blocks(page)}
    assert blocks == {"Story paragraph.": 0.0, "Harbour at dawn.": 1.0}


@pytest.mark.parametrize("raw, expected", [
    ("Plain “UTF-8” – text".encode("utf-8"), "Plain “UTF-8” – text"),
    (codecs.BOM_UTF16_LE + "Wide “text” here".encode("utf-16-le"), "Wide “text” here"),
    ("I’m a windows-1252 line — with dashes".encode("cp1252"), "I’m a windows-1252 line — with dashes"),
])
def test_decode_text_reads_boms_utf8_and_windows_1252(raw, expected):
    from cleanfeed.training.corpus.render import decode_text

    assert decode_text(raw) == expected


@pytest.mark.parametrize("encoding", ["utf-16", "cp1252", "utf-8"])
def test_dragnet_gold_in_any_encoding_labels_its_blocks(tmp_path, encoding):
    from cleanfeed.training.corpus.sources import dragnet

    base = tmp_path / "dragnet-2012-train"
    (base / "HTML").mkdir(parents=True)
    (base / "Corrected").mkdir()
    article = "The council’s vote — held late on Tuesday — approved the new harbour budget."
    comment = "I don’t agree with the council at all, the harbour can wait."
    page = f"<html><body><p>Home</p><p>{article}</p><div><p>{comment}</p></div></body></html>"
    (base / "HTML" / "7.html.gz").write_bytes(gzip.compress(page.encode("utf-8")))
    gold = f"{article}\r\n\r\n!@#$%^&*()  COMMENTS\r\n\r\n{comment}\r\n"
    (base / "Corrected" / "7.html.corrected.txt.gz").write_bytes(gzip.compress(gold.encode(encoding)))
    (only,) = list(dragnet(tmp_path))
    assert [b.label for b in only.blocks] == ["navigation", "body", "comment"]
    assert only.gold_body == article


def _dragnet_page(tmp_path, html_body: str, article: str, comments: list[str]):
    base = tmp_path / "dragnet-2012-train"
    (base / "HTML").mkdir(parents=True)
    (base / "Corrected").mkdir()
    (base / "HTML" / "9.html.gz").write_bytes(gzip.compress(f"<html><body>{html_body}</body></html>".encode()))
    gold = article + "\n\n!@#$%^&*()  COMMENTS\n\n" + "\n\n".join(comments)
    (base / "Corrected" / "9.html.corrected.txt.gz").write_bytes(gzip.compress(gold.encode()))


def test_dragnet_short_gaps_between_gold_comments_are_comment_chrome(tmp_path):
    from cleanfeed.training.corpus.sources import dragnet

    article = "The council approved the harbour budget after a long debate on Tuesday night."
    first = "I think the harbour can wait another year, frankly, given the state of the roads."
    second = "The roads are fine where I live; the harbour is what brings visitors in summer."
    third = "Both of you miss the point: the budget was never about the harbour at all."
    notice = "You can follow this conversation by subscribing to the comment feed for this post."
    _dragnet_page(tmp_path, (
        f"<p>Home</p><p>{article}</p><p>Comments</p>"
        f"<p>{first}</p><p>Reply</p><p>12</p>"                       # chrome: a short gap
        f"<p>{second}</p><p>{notice}</p>"                            # a sentence: not chrome
        f"<p>{third}</p><p>Reply</p><p>Share</p><p>Flag</p><p>Like</p>"  # after the last comment
    ), article, [first, second, third])
    (page,) = list(dragnet(tmp_path))
    got = {(b.text, b.label, h) for b, h in zip(page.blocks, page.how)}
    assert ("Reply", "comment", "thread_chrome") in got and ("12", "comment", "thread_chrome") in got
    assert (notice, "navigation", "unaligned") in got
    assert ("Comments", "navigation", "unaligned") in got  # before the first comment
    assert [b.label for b in page.blocks[-4:]] == ["navigation"] * 4


def test_dragnet_long_runs_between_gold_comments_stay_navigation(tmp_path):
    from cleanfeed.training.corpus.sources import dragnet

    article = "The council approved the harbour budget after a long debate on Tuesday night."
    first = "I think the harbour can wait another year, frankly, given the state of the roads."
    second = "The roads are fine where I live; the harbour is what brings visitors in summer."
    sidebar = "".join(f"<p>Most read {i}</p>" for i in range(4))  # four blocks: a sidebar, not chrome
    _dragnet_page(tmp_path, f"<p>{article}</p><p>{first}</p>{sidebar}<p>{second}</p>", article, [first, second])
    (page,) = list(dragnet(tmp_path))
    assert [b.label for b in page.blocks] == ["body", "comment"] + ["navigation"] * 4 + ["comment"]


def test_the_held_out_youtube_file_never_reaches_training_messages(tmp_path):
    from cleanfeed.training.corpus.sources import HELD_OUT_YOUTUBE, spam_collections

    folder = tmp_path / "youtube-spam"
    folder.mkdir()
    header = "COMMENT_ID,AUTHOR,DATE,CONTENT,CLASS\n"
    (folder / "Youtube01-Psy.csv").write_text(header + "a,Ann,2013,check out my channel please,1\nb,Bo,2013,great song,0\n")
    (folder / HELD_OUT_YOUTUBE).write_text(header + "c,Cy,2013,subscribe to win a free phone,1\nd,Di,2013,still listening in 2015,0\n")
    pools = spam_collections(tmp_path)
    train_texts = {m.text for m in pools["youtube"]}
    eval_texts = {m.text for m in pools["youtube_eval"]}
    assert train_texts == {"check out my channel please", "great song"}
    assert eval_texts == {"subscribe to win a free phone", "still listening in 2015"}


def _spam_texts(pools, n_threads=3000, **kw):
    rng = random.Random(7)
    out = []
    for _ in range(n_threads):
        thread = make_thread(pools, rng, spam_rate=0.5, **kw)
        # One text per spam message: the first paragraph under each spam header.
        out += [thread[i + 1].text for i, b in enumerate(thread) if b.label == "spam" and b.list_item]
    return out


@pytest.mark.parametrize("n_later", [0, 10, 1000])
def test_later_spam_families_do_not_thin_out_the_first(n_later):
    """Half the training threads' spam comes from the first families however many later
    messages there are; the later families and the templates share the other half."""
    first = [Message(f"check out my video number {k} on my channel", True, "youtube:x") for k in range(20)]
    later = [Message(f"I made {k} dollars trading with Mrs Smith, message her", True, "scamspot") for k in range(n_later)]
    pools = ThreadPools(ham=[Message("I agree with the article.", False, "foxnews")], spam=first, later_spam=later)
    texts = _spam_texts(pools)
    first_texts = {m.text for m in first}
    later_texts = {m.text for m in later}
    share_first = sum(t in first_texts for t in texts) / len(texts)
    share_later = sum(t in later_texts for t in texts) / len(texts)
    assert abs(share_first - 0.5) < 0.03
    assert abs(share_later - (0.25 if later else 0.0)) < 0.03


def test_community_ham_sits_beside_its_spam():
    ham = ([Message(f"great song, {k} plays today", False, "youtube:x") for k in range(10)]
           + [Message(f"I think the council is wrong about item {k}.", False, "foxnews") for k in range(30)])
    spam = [Message("check out my channel for covers", True, "youtube:x")]
    pools = ThreadPools(ham=ham, spam=spam)
    youtube_ham = {m.text for m in ham if m.source.startswith("youtube")}
    rng = random.Random(3)
    mixed, community = [], []
    for _ in range(2000):
        for share, out in ((0.0, mixed), (1.0, community)):
            thread = make_thread(pools, rng, spam_rate=0.5, community_ham=share)
            if any(b.text in {m.text for m in spam} for b in thread):
                out += [b.text in youtube_ham for b in thread if b.label == "comment" and not b.list_item
                        and b.text not in ("Reply", "Report") and "ikes" not in b.text]
    # Mixed pool: a quarter of the ham is YouTube's; all of it when drawn from the community.
    assert abs(sum(mixed) / len(mixed) - 0.25) < 0.03
    assert sum(community) / len(community) > 0.99


def test_evaluation_threads_draw_as_before():
    """Eval threads (no templates) keep their draws: the eval sets stay the same rows."""
    ham = [Message(f"comment {k}.", False, "socc") for k in range(50)]
    spam = [Message(f"spam {k} www.x.example", True, "youtube:e") for k in range(20)]
    pools = ThreadPools(ham=ham, spam=spam)
    for seed in range(20):
        rng, ref = random.Random(seed), random.Random(seed)
        got = [(b.text, b.label) for b in make_thread(pools, rng, templates=False)]
        # The draw of the eval threads since they were made (commit 0473a5e's make_thread).
        messages = []
        for _ in range(ref.randint(2, 12)):
            is_spam = ref.random() < 0.25
            messages.append((ref.choice(spam).text if is_spam else ref.choice(ham).text, is_spam))
        assert got == [(b.text, b.label) for b in thread_blocks(messages, ref)]
