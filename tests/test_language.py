"""The cheap language detector used to choose thread languages and to score by language."""

from hypothesis import given, settings
from hypothesis import strategies as st

from cleanfeed.training.language import detect_language

SAMPLES = {
    "en": "The council voted on Tuesday to approve the new bridge, which will be paid for by a state grant and the city's own fund.",
    "de": "Der Stadtrat hat am Dienstag den Bau der neuen Brücke beschlossen, die zum größten Teil aus Mitteln des Landes bezahlt wird.",
    "fr": "Le conseil municipal a approuvé mardi la construction du nouveau pont, qui sera financé en grande partie par une subvention de l'État.",
    "es": "El ayuntamiento aprobó el martes la construcción del nuevo puente, que se pagará en su mayor parte con una subvención del Estado.",
    "it": "Il consiglio comunale ha approvato martedì la costruzione del nuovo ponte, che sarà pagato in gran parte con un contributo della regione.",
    "pt": "A câmara aprovou na terça-feira a construção da nova ponte, que será paga em grande parte com uma verba do governo do estado.",
    "nl": "De gemeenteraad heeft dinsdag ingestemd met de bouw van de nieuwe brug, die voor het grootste deel door de provincie wordt betaald.",
    "pl": "Rada miasta zatwierdziła we wtorek budowę nowego mostu, który zostanie w większości sfinansowany z dotacji, a nie z budżetu miasta.",
    "sv": "Kommunfullmäktige beslutade på tisdagen att bygga den nya bron, som till största delen betalas av staten och inte av kommunen.",
    "ja": "市議会は火曜日、新しい橋の建設を承認した。費用の大部分は県の補助金でまかなわれる。",
    "zh": "市议会周二批准了新桥的建设，大部分费用将由省政府的补助支付。",
    "th": "สภาเมืองอนุมัติการสร้างสะพานใหม่เมื่อวันอังคาร โดยค่าใช้จ่ายส่วนใหญ่มาจากเงินอุดหนุนของรัฐ",
}


def test_each_language_is_told_apart():
    for lang, text in SAMPLES.items():
        assert detect_language(text * 2) == lang, lang


def test_too_little_text_is_undetermined():
    assert detect_language("Home | News | Sport") == "und"
    assert detect_language("") == "und"


@settings(max_examples=200, deadline=None)
@given(st.text())
def test_any_text_gets_an_answer(text):
    assert isinstance(detect_language(text), str)
