"""threadshape: comment threads found by their template repeating, in any language."""

import numpy as np
from hypothesis import given
from hypothesis import strategies as st

from cleanfeed import RuleSet, segment
from cleanfeed.decide import decide
from cleanfeed.features import rule_hits
from cleanfeed.labels import LABELS
from cleanfeed.threadshape import Mark, Role, row_keys, tail_key, thread_groups

RULES = RuleSet()
T, N, S, O = Role.TEXT, Role.NAME, Role.SHORT, Role.OTHER


def test_row_keys_read_digits_and_shape():
    a, b = row_keys("Svar · Synes godt om (7)"), row_keys("Svar · Synes godt om (12)")
    assert a.exact == b.exact == "svar · synes godt om (#)"
    # Names differ, the shape does not.
    c, d = row_keys("Jana Veselá | 15. 5. 2024 10:12"), row_keys("Ondra | 15. 5. 2024 11:47")
    assert c.exact != d.exact and c.shape == d.shape
    assert c.named and c.timed and not c.counted
    # A line without a digit has no shape key: "w" alone is every menu entry.
    assert row_keys("Odpovědět | Nahlásit").shape == ""
    assert row_keys("x" * 81) is None and row_keys("two\nlines") is None


def test_names_times_and_counts():
    assert not row_keys("Step 2: Consider Colour").named  # a number right after the first word
    assert not row_keys("4.85").timed  # a bare figure is a rating, not a time
    assert not row_keys("Top 7 Benefits of a Digital Marketing Strategy").timed  # a title
    assert row_keys("Jean-Luc Ferrand · il y a 3 heures").timed
    assert row_keys("Debat (4)").counted and row_keys("4 comentarii").counted
    assert not row_keys("Kongress SdJ 2023").counted  # a year is no count of comments
    assert not row_keys("21332 Tesie Ln").counted


def test_tail_key_is_the_row_under_a_text():
    key = tail_key("Sper să aibă și destui oameni.\nacum 1 oră · Răspunde")
    assert key.tail and key.exact == "acum # oră · răspunde"
    assert tail_key("one line only") is None


def _keys(lines):
    return [row_keys(line) for line in lines]


# name / time / text / row, four times, under a counted heading.
THREAD = ["Debat (4)"] + [x for i in range(4) for x in (f"Navn{i} Efternavn", f"for {i + 2} timer siden",
                                                           "En kommentar der ender med punktum.", "Svar (3)")]
THREAD_ROLES = [S] + [N, S, T, S] * 4


def test_a_thread_of_rows_makes_one_group_per_comment():
    groups = thread_groups(_keys(THREAD), THREAD_ROLES.__getitem__, [Mark.NONE] * len(THREAD))
    spans = sorted({(g.start, g.end) for g in groups})
    assert spans == [(1, 4), (5, 8), (9, 12), (13, 16)]
    assert all(THREAD_ROLES[g.first_text] is T for g in groups)


def test_no_thread_without_an_anchor():
    lines, roles = THREAD[1:], THREAD_ROLES[1:]
    assert thread_groups(_keys(lines), roles.__getitem__, [Mark.NONE] * len(lines)) == []
    # The comment form right below it is enough.
    marks = [Mark.NONE] * len(lines) + [Mark.FORM]
    assert thread_groups(_keys(lines + ["Skriv en kommentar"]), (roles + [O]).__getitem__, marks)


def test_numbered_steps_are_no_thread():
    lines = ["3 steps"] + [x for i in range(1, 4) for x in (f"Step {i}: Do It", "Do this and then that, carefully.")]
    roles = [S] + [S, T] * 3
    assert thread_groups(_keys(lines), roles.__getitem__, [Mark.NONE] * len(lines)) == []


def test_a_card_grid_without_times_is_no_thread():
    lines = ["Courses (3)"] + [x for i in range(3) for x in (f"Course {'ABC'[i]}", "Learn the basics in a week.", "Book now")]
    roles = [S] + [N, T, S] * 3
    assert thread_groups(_keys(lines), roles.__getitem__, [Mark.NONE] * len(lines)) == []


@given(st.lists(st.sampled_from([T, N, S, O]), max_size=40), st.data())
def test_groups_stay_on_the_page(roles, data):
    lines = [data.draw(st.sampled_from(["Reply", "Ana · 2 h", "Hi there, all.", "3 Comments", "Menu"])) for _ in roles]
    marks = [data.draw(st.sampled_from(list(Mark))) for _ in roles]
    for g in thread_groups(_keys(lines), roles.__getitem__, marks):
        assert 0 <= g.start <= g.first_text <= g.end < len(roles)
        assert roles[g.first_text] is T


def _label(text, model_row=None):
    blocks = segment(text)
    scores = None if model_row is None else np.array([[model_row.get(lab, 0.0) for lab in LABELS]] * len(blocks),
                                                       dtype=np.float32)
    return [(b.label, b.text) for b in decide(blocks, rule_hits(blocks, RULES), RULES, scores, {})]


# A Finnish thread: no rule knows "Vastaa" or "tuntia sitten".
FINNISH = """Uusi kirjasto avataan syksyllä keskustaan.

Kirjaston rakentaminen maksoi kaupungille kaksikymmentä miljoonaa euroa, ja se avataan lokakuussa.

Kommentit (3)

Matti K.
3 tuntia sitten
Hienoa, vihdoinkin kunnon kirjasto.
Vastaa

Liisa
2 tuntia sitten
Toivottavasti aukioloajat ovat pitkät.
Vastaa

Pekka Virtanen
1 tunti sitten
Liian kallis hanke näin pienelle kaupungille.
Vastaa
"""


def test_a_thread_in_a_language_no_rule_knows_is_comments():
    for row in (None, {"navigation": 0.9, "body": 0.1}):
        labels = dict((text, label) for label, text in _label(FINNISH, row))
        for line in ("Matti K.", "3 tuntia sitten", "Hienoa, vihdoinkin kunnon kirjasto.", "Liisa",
                     "Liian kallis hanke näin pienelle kaupungille.", "Vastaa"):
            assert labels[line] == "comment", (line, row)
        assert labels["Kommentit (3)"] != "comment"


HOW_TO = """How to repot a plant (3 steps)

Step 1: Water It
Water the plant a day before, so the roots come out in one piece.
Done in 5 minutes

Step 2: Loosen It
Tip the pot and tap its sides until the plant slides out.
Done in 5 minutes

Step 3: Move It
Set it in the new pot and fill the gaps with fresh soil.
Done in 5 minutes
"""


def test_numbered_steps_of_an_article_stay_body():
    labels = dict((text, label) for label, text in _label(HOW_TO, {"body": 0.9, "navigation": 0.1}))
    assert labels["Water the plant a day before, so the roots come out in one piece."] == "body"
    assert "comment" not in labels.values()


CZECH = """Diskuze (3)

Jana Veselá | 15. 5. 2024 10:12
Konečně. Ta náves vypadala jako odstavná plocha u nádraží.
Odpovědět | Nahlásit

Karel_P | 15. 5. 2024 11:03
Dvacet tři milionů za kašnu a pár laviček mi přijde hodně.
Odpovědět | Nahlásit

Rychlé peníze | 15. 5. 2024 12:30
Půjčím komukoli bez ručení, pište na rychle.penize@gmail.com
Odpovědět | Nahlásit
"""


def test_a_comment_that_gives_a_phone_number_or_free_mailbox_is_spam():
    labels = dict((text, label) for label, text in _label(CZECH, {"navigation": 0.9, "body": 0.1}))
    assert labels["Rychlé peníze | 15. 5. 2024 12:30"] == "spam"
    (scam,) = [label for text, label in labels.items() if text.startswith("Půjčím komukoli")]
    assert scam == "spam"
    assert labels["Konečně. Ta náves vypadala jako odstavná plocha u nádraží."] == "comment"


def test_a_commenters_own_address_in_a_forum_header_is_no_spam():
    text = ("Komentáře (2)\n\nby khasim (1285) <khasim.k@gmail.com> on Monday July 23, @09:16PM\n"
            "I tried this years ago and it worked well enough.\nReply to This\n\n"
            "by drinky (1538) <drinky@gmail.com> on Monday July 23, @10:02PM\n"
            "Same here, though it took a while.\nReply to This\n")
    labels = [label for label, _ in _label(text, {"comment": 0.9, "navigation": 0.1})]
    assert "spam" not in labels


def test_a_long_thread_of_handles_is_found_in_time_linear_in_its_length():
    """Commenters with digits in their handles; every comment's row the same: the groups
    are all found, and the pass looks at each repeat's neighbours only (no pair of every
    two repeats), so a thread ten times longer yields ten times the groups."""
    def page(n):
        return "Kommentit (12)\n\n" + "\n\n".join(
            f"Nimi{i % 50}x\n{i % 59 + 1} min sitten\nHyvä juttu, kiitos tästä.\nVastaa" for i in range(n))
    for n in (30, 300):
        labels = [label for label, _ in _label(page(n))]
        assert labels.count("comment") == 4 * n


# Hebrew has no capitals: a commenter's name is told from a word by the thread around it.
HEBREW = """תגובות (3)

דני כהן
לפני שעתיים
סוף סוף, חיכינו לזה שנים.
אהבתי (4) · השב

רותי
לפני שעה
האם יהיה גם חניון לאופניים?
אהבתי (1) · השב

משה לוי
לפני 20 דקות
מקווה שיסיימו את העבודות בזמן.
אהבתי (0) · השב
"""

# Full-width brackets round the count, a row ending in a bracket as a sentence may.
JAPANESE = """コメント（3）

[東京] 山田 2024-05-14 10:21
やっと完成しますね。楽しみです。
返信 | いいね(12)

[大阪] さくら 2024-05-14 10:47
駐車場はありますか？
返信 | いいね(3)

[東京] 田中 2024-05-14 11:30
工事の音がうるさかったので安心しました。
返信 | いいね(5)
"""


def test_threads_in_scripts_without_capitals_are_comments():
    for page, heading in ((HEBREW, "תגובות (3)"), (JAPANESE, "コメント（3）")):
        for row in (None, {"navigation": 0.9, "body": 0.1}):
            labelled = _label(page, row)
            assert [text for label, text in labelled if label != "comment"] == [heading], row


# An errata list repeats its two markers entry by entry, each under a line with a page
# number: no names there, so no thread, though every word of the script may open one.
ERRATA = """正誤表

p.7、上から3行目
【誤】
食料品の覧。
【正】
食料品の一覧。

p.55、図2の説明
【誤】
構文エラーは起こっていない。
【正】
実行時エラーは起こっていない。

p.58、下から2行目
【誤】
数値を足す。
【正】
数値を掛ける。
"""


def test_an_errata_list_is_no_thread():
    for row in (None, {"body": 0.9, "navigation": 0.1}):
        assert "comment" not in [label for label, _ in _label(ERRATA, row)]


RUSSIAN = """Комментарии (3)

Ольга
2 часа назад
Отличная новость для нашего района.
Ответить

Заработок Онлайн
1 час назад
Зарабатываю 3000 рублей в день с телефона, пишите в телеграм @easy_money_77
Ответить

Скидки Тут
30 минут назад
Куртки со скидкой 70%, доставка бесплатно, заказ на kurtki-market.ru
Ответить
"""


def test_a_messenger_handle_or_a_shop_with_half_off_is_spam_in_any_language():
    for row in (None, {"navigation": 0.9, "body": 0.1}):
        labels = dict((text, label) for label, text in _label(RUSSIAN, row))
        for line in ("Заработок Онлайн", "1 час назад", "Скидки Тут", "30 минут назад"):
            assert labels[line] == "spam", (line, row)
        scams = [label for text, label in labels.items() if text.startswith(("Зарабатываю", "Куртки"))]
        assert scams == ["spam", "spam"], row
        assert labels["Ольга"] == labels["Отличная новость для нашего района."] == "comment"


def test_a_share_beside_a_link_or_a_signal_is_no_spam():
    text = ("Comments (2)\n\nAnna says:\nNear 100% of the variance was explained, see https://example.org/paper for it.\nReply\n\n"
            "Ben says:\nThe new mast gives the best signal in town, see www.example.org for the map.\nReply\n")
    labels = [label for label, _ in _label(text, {"comment": 0.9, "navigation": 0.1})]
    assert "spam" not in labels


# Devanagari writes its vowels as combining signs: a word of it is one word for the count
# heading and the lines' shapes, not pieces cut at each sign.
HINDI = """टिप्पणियाँ (3)

प्रिया सिंह — 3 घंटे पहले
नई लाइब्रेरी से बच्चों को बहुत फायदा होगा।
जवाब दें | पसंद (6)

मनोज — 2 घंटे पहले
क्या रविवार को भी खुली रहेगी?
जवाब दें | पसंद (2)

कविता जोशी — 1 घंटा पहले
इतने बड़े भवन की सच में जरूरत थी।
जवाब दें | पसंद (9)
"""


def test_a_thread_in_devanagari_is_comments():
    for row in (None, {"navigation": 0.9, "body": 0.1}):
        labelled = _label(HINDI, row)
        assert [text for label, text in labelled if label != "comment"] == ["टिप्पणियाँ (3)"], row


def test_scams_in_other_scripts_give_their_messenger_digits_and_percent_in_them():
    """A KakaoTalk ID, a Telegram handle spelt in Persian, and a shop at "۷۰٪" (Persian digits
    and percent sign) with a domain of any country."""
    page = """نظرات (3)

رضا
۳ ساعت پیش
چه خبر خوبی، بالاخره کتابخانه محله ما هم ساخته شد.
پاسخ | ۸ 👍

درآمد آنلاین
۲ ساعت پیش
روزانه یک میلیون تومان درآمد از خانه، برای اطلاعات بیشتر در تلگرام پیام بدهید @daramad_online
پاسخ | ۰ 👍

حراج لباس
۱ ساعت پیش
حراج بزرگ لباس زمستانی با ۸۰٪ تخفیف فقط در libas-haraj.ir
پاسخ | ۰ 👍
"""
    for row in (None, {"navigation": 0.9, "body": 0.1}):
        labelled = _label(page, row)
        # (Each scam ends in a handle or a domain, no full stop, so its row is cut into its block.)
        assert [label for label, _ in labelled[1:5]] == ["comment"] * 4, row
        assert [label for label, _ in labelled[5:]] == ["spam"] * 6, row
    text = "Anna says:\nNice, I will visit. 카톡 아이디 minji88 로 연락 주세요\nReply\n"
    assert [label for label, _ in _label(text, {"comment": 0.9, "navigation": 0.1})][1] == "spam"


# Vietnamese writes a word per syllable: a row of short items ("Thích (24) · Trả lời · 2 giờ
# trước") has more words than a time line elsewhere; names run to four words; readers leave
# their sentences unstopped; Zalo is the country's messenger.
VIETNAMESE = """Ý kiến (4)

Nguyễn Thị Thu Hà
Mong thư viện mở cửa cả tối thứ Bảy để học sinh có chỗ ôn thi cuối kỳ mà không phải chen chúc ở quán cà phê
Thích (12) · Trả lời · 3 giờ trước

Lê Minh
Bao giờ thì có bãi gửi xe?
Thích (4) · Trả lời · 2 giờ trước

Việc Làm Tại Nhà
Thu nhập 400k mỗi ngày chỉ cần điện thoại, liên hệ Zalo 0987 654 321 để nhận việc ngay hôm nay
Thích (0) · Trả lời · 1 giờ trước

Trần Quốc Bảo
Một công trình rất cần thiết.
Thích (7) · Trả lời · 30 phút trước
"""


def test_a_vietnamese_thread_and_its_zalo_scam():
    for row in (None, {"navigation": 0.9, "body": 0.1}):
        labels = dict((text, label) for label, text in _label(VIETNAMESE, row))
        assert labels.pop("Ý kiến (4)") != "comment"
        scam = {t: lab for t, lab in labels.items() if t in ("Việc Làm Tại Nhà", "Thích (0) · Trả lời · 1 giờ trước")
                or t.startswith("Thu nhập")}
        assert set(scam.values()) <= {"spam", "comment"} and labels["Việc Làm Tại Nhà"] == "spam", row
        assert [t for t, lab in labels.items() if lab not in ("comment", "spam")] == [], row


# Thai ends no sentence with a mark and writes no spaces between words: a comment is told
# from its writer's name by its length alone.
THAI = """แสดงความคิดเห็น (3)

สมศรี ใจงาม
วันนี้ไปเดินมาแล้วค่ะ บรรยากาศดีมากและสะอาดด้วย
14 พ.ค. 2567 11:02 · ถูกใจ 9

ประยุทธ์ ทองดี
อยากให้เปิดถึงสี่ทุ่มจะได้มาวิ่งหลังเลิกงาน
14 พ.ค. 2567 11:40 · ถูกใจ 3

วันดี
ที่จอดรถน้อยไปหน่อยนะครับ วันเสาร์หาที่จอดไม่ได้เลย
14 พ.ค. 2567 12:05 · ถูกใจ 5
"""


def test_a_thai_thread_is_comments():
    for row in (None, {"navigation": 0.9, "body": 0.1}):
        labelled = _label(THAI, row)
        assert [text for label, text in labelled if label != "comment"] == ["แสดงความคิดเห็น (3)"], row


# The count heading has a word inside its brackets, and one comment is signed by a business,
# not a person: it stays in the run between comments with names.
SLOVAK = """Diskusia (4 príspevky)

Ivan_T
Dobrá správa, konečne sa niečo robí.
14.05.2024 09:12 | Odpovedať | +5 / -0

Jana K.
Kedy presne začnú práce?
14.05.2024 09:40 | Odpovedať | +2 / -0

Lacné pôžičky
Pôžička do 24 hodín bez ručenia, stačí napísať na lacne.pozicky@gmail.com
14.05.2024 10:05 | Odpovedať | +0 / -7

Miro
Dúfam, že to nebude stáť viac, ako sľúbili.
14.05.2024 10:30 | Odpovedať | +3 / -1
"""


def test_a_thread_keeps_a_comment_signed_by_a_business():
    for row in (None, {"navigation": 0.9, "body": 0.1}):
        labels = dict((text, label) for label, text in _label(SLOVAK, row))
        assert labels.pop("Diskusia (4 príspevky)") != "comment"
        assert labels["Lacné pôžičky"] == "spam" and labels["Miro"] == "comment", row
        assert [t for t, lab in labels.items() if lab not in ("comment", "spam")] == [], row


# Georgian writes names in letters Unicode calls lower case; the headers here open with a
# handle, some with no digit in them ("@nino.b · ერთი საათის წინ").
GEORGIAN = """კომენტარები (3)

@levan_k · 3 საათის წინ
ძალიან კარგი ამბავია, ბოლოს და ბოლოს!
👍 7 · პასუხი

@nino.b · ერთი საათის წინ
როდის დაიწყება რეგისტრაცია?
👍 2 · პასუხი

  ↳ @levan_k · 30 წუთის წინ
  მერიის საიტზე წერია, რომ ივნისში.
  👍 1 · პასუხი

დავითი
20 წუთის წინ
იმედია, ფასი ხელმისაწვდომი იქნება.
👍 4 · პასუხი
"""


def test_handles_and_georgian_names_head_comments():
    for row in (None, {"navigation": 0.9, "body": 0.1}):
        labelled = _label(GEORGIAN, row)
        assert [text for label, text in labelled if label != "comment"] == ["კომენტარები (3)"], row
