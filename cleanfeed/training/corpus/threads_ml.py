"""Reader-comment threads in eight more languages, written for this project.

No licence-clean set of non-English reader comments or comment spam exists (the shared
data's README), so these are the project's own texts (MIT, like the code): for German,
French, Spanish, Italian, Portuguese, Dutch, Polish and Swedish, reader comments of the
usual kinds (agreeing, disagreeing, asking, telling a story, correcting the article) and
spam of the families that reach comment sections in those languages (prize and lottery
"wins", work-from-home earnings, trading and crypto "experts" reached by messenger
number, fake shops with steep discounts), each under the comment headers, reply links and
thread frame the publishing systems print in that language.

A fifth of the comments and of the spam templates (every fifth) is held out
(``held_out=True``) for the ``threads-ml-heldout`` eval set, so what is measured there
are comments and spam texts no training thread holds; the header formats and chrome words
are shared, as they are across the pages of a real site.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

from .render import SourceBlock

__all__ = ["ML_LANGUAGES", "HELD_OUT_EVERY", "LanguageThreads", "language_threads", "split_threads", "make_ml_thread"]

#: One text in this many (comments and spam templates alike) is held out.
HELD_OUT_EVERY = 5


@dataclass(frozen=True)
class _Language:
    names: tuple[str, ...]
    ham: tuple[str, ...]
    spam: tuple[str, ...]
    says: tuple[str, ...]  # "{name} schrieb:"
    ago: tuple[str, ...]  # "{n} Stunden" style, "{n}" filled in
    ago_format: str  # "vor {t}" / "il y a {t}" / "{t} fa"
    date_format: str  # with {d} {m} {y} {hh} {mm}
    reply: tuple[str, ...]
    count_heading: tuple[str, ...]  # "{n} Kommentare"
    form: tuple[str, ...]
    notice: str
    shops: tuple[str, ...]


_L = {
    "de": _Language(
        names=("Anna Becker", "Jürgen", "Petra S.", "Klaus Wagner", "Sabine", "Thomas M.", "Heike Schulz", "Uwe", "Monika Braun", "Stefan K.", "Lena", "Frank Hoffmann"),
        ham=(
            "Endlich tut sich was in unserer Stadt. Die Brücke ist seit Jahren marode, das weiß hier jeder.",
            "Ich verstehe nicht, warum der Artikel die Kosten nicht erwähnt. Wer zahlt das am Ende? Wir Steuerzahler natürlich.",
            "Sehr guter Bericht, danke. Meine Eltern wohnen direkt dort und haben genau das erlebt.",
            "Das stimmt so nicht ganz. Die Sitzung war am Dienstag, nicht am Montag.",
            "Typisch. Erst wird jahrelang geredet und dann geht alles ganz schnell, ohne die Anwohner zu fragen.",
            "Weiß jemand, ob die Buslinie 12 während der Bauarbeiten weiter fährt?",
            "Ich war gestern dort, die Umleitung ist schlecht ausgeschildert. Bitte mal nachfragen!",
            "Schöne Fotos, aber die Überschrift ist etwas reißerisch.",
            "Wir sollten froh sein, dass überhaupt investiert wird. In anderen Gemeinden passiert gar nichts.",
            "Mein Sohn geht auf die Schule gegenüber, hoffentlich wird der Übergang sicherer.",
            "Gibt es dazu auch eine Stellungnahme der Opposition? Die fehlt mir hier.",
            "Danke für die Zusammenfassung, ich konnte die Sitzung leider nicht verfolgen.",
            "Als ehemaliger Bauingenieur halte ich den Zeitplan für sehr optimistisch.",
            "Die Kommentare hier sind mal wieder unterirdisch. Lest doch erst den Artikel.",
            "Im Sommer ist da abends kein Durchkommen, das wird mit der Baustelle nicht besser.",
        ),
        spam=(
            "Herzlichen Glückwunsch! Sie wurden als Gewinner eines {prize} ausgewählt. Jetzt Gewinn sichern unter {link}",
            "Ich verdiene jetzt {amount} € pro Woche von zu Hause aus, nur mit meinem Handy. Infos hier: {link}",
            "Dank Frau {last} habe ich mit Bitcoin in zwei Wochen {amount3} € verdient. Schreiben Sie ihr auf WhatsApp {phone}",
            "Trading-Experte hilft Anfängern, garantierter Gewinn jeden Monat! Kontakt über Telegram @{handle}",
            "Markenschuhe und Taschen bis zu 80% reduziert, nur heute! Zum Shop: {link}",
            "Nebenjob gesucht? {amount} € am Tag ohne Vorkenntnisse, einfach auf {link} anmelden",
            "Ich habe bei der Online-Lotterie {amount3} € gewonnen und es ist echt! Melde dich bei Herrn {last}: {phone}",
            "Günstige Kredite ohne Schufa, Auszahlung in 24 Stunden. E-Mail an {handle}@{mail}",
        ),
        says=("schrieb:", "sagt:", "meint:"),
        ago=("{n} Minuten", "{n} Stunden", "{n} Tagen", "{n} Wochen"),
        ago_format="vor {t}",
        date_format="{d}.{m}.{y} um {hh}:{mm} Uhr",
        reply=("Antworten", "Melden", "{n} Likes"),
        count_heading=("{n} Kommentare", "Kommentare ({n})", "Leserkommentare"),
        form=("Kommentar schreiben", "Schreiben Sie einen Kommentar"),
        notice="Ihre E-Mail-Adresse wird nicht veröffentlicht. Erforderliche Felder sind mit * markiert.",
        shops=("schuhe-outlet", "marken-sale", "gewinn-jetzt", "nebenjob-info"),
    ),
    "fr": _Language(
        names=("Marie Dubois", "Jean-Pierre", "Sophie L.", "Nicolas Martin", "Claire", "Philippe R.", "Isabelle Moreau", "Luc", "Camille B.", "Pierre Lefèvre"),
        ham=(
            "Enfin une bonne nouvelle pour le quartier. Ce pont était dangereux depuis des années.",
            "L'article oublie de dire combien tout cela va coûter. Qui va payer ? Les contribuables, comme d'habitude.",
            "Merci pour cet article très clair. Mes parents habitent juste à côté et confirment tout.",
            "Petite erreur : la réunion a eu lieu mardi et non lundi.",
            "Comme toujours, on discute pendant des années puis on décide sans consulter les riverains.",
            "Quelqu'un sait si le bus 12 continuera de passer pendant les travaux ?",
            "J'y suis passé hier, la déviation est très mal indiquée.",
            "Belles photos, mais le titre est un peu exagéré.",
            "Soyons contents qu'on investisse enfin. Dans d'autres communes, rien ne bouge.",
            "Mon fils est à l'école en face, j'espère que le passage sera plus sûr.",
            "Et l'opposition, qu'en pense-t-elle ? Il manque son avis ici.",
            "Je ne suis pas d'accord avec le maire, ce projet arrive beaucoup trop tard.",
            "Ancien ingénieur, je trouve le calendrier très optimiste.",
            "Les commentaires ici sont affligeants. Lisez d'abord l'article.",
        ),
        spam=(
            "Félicitations ! Vous avez été sélectionné pour recevoir un {prize}. Réclamez votre gain ici : {link}",
            "Je gagne {amount} € par semaine depuis chez moi, avec mon téléphone seulement. Tout est expliqué sur {link}",
            "Grâce à Mme {last}, j'ai gagné {amount3} € en bitcoin en deux semaines. Contactez-la sur WhatsApp {phone}",
            "Expert en trading, gains garantis chaque mois ! Écrivez-moi sur Telegram @{handle}",
            "Sacs et baskets de marque à -80 %, aujourd'hui seulement ! Boutique : {link}",
            "Travail à domicile, {amount} € par jour sans expérience, inscription sur {link}",
            "J'ai gagné {amount3} € à la loterie en ligne, c'est vrai ! Contactez M. {last} au {phone}",
        ),
        says=("a écrit :", "dit :"),
        ago=("{n} minutes", "{n} heures", "{n} jours", "{n} semaines"),
        ago_format="il y a {t}",
        date_format="{d}/{m}/{y} à {hh}h{mm}",
        reply=("Répondre", "Signaler", "{n} j'aime"),
        count_heading=("{n} commentaires", "Commentaires ({n})", "Réactions"),
        form=("Laisser un commentaire", "Réagir à cet article"),
        notice="Votre adresse e-mail ne sera pas publiée. Les champs obligatoires sont indiqués avec *",
        shops=("mode-promo", "gain-rapide", "soldes-marques", "travail-maison"),
    ),
    "es": _Language(
        names=("María García", "José Luis", "Carmen R.", "Javier López", "Lucía", "Antonio M.", "Ana Fernández", "Pablo", "Elena S.", "Miguel Torres"),
        ham=(
            "Por fin una buena noticia para el barrio. Ese puente llevaba años en mal estado.",
            "El artículo no dice cuánto va a costar. ¿Quién lo paga? Los de siempre.",
            "Muy buen artículo, gracias. Mis padres viven justo al lado y lo confirman.",
            "Una corrección: el pleno fue el martes, no el lunes.",
            "Como siempre, años de debate y luego se decide sin preguntar a los vecinos.",
            "¿Alguien sabe si el autobús 12 seguirá pasando durante las obras?",
            "Estuve ayer y el desvío está fatal señalizado.",
            "Bonitas fotos, pero el titular es algo exagerado.",
            "Deberíamos alegrarnos de que por fin se invierta. En otros pueblos no se hace nada.",
            "Mi hijo va al colegio de enfrente, ojalá el paso sea más seguro.",
            "¿Y la oposición qué opina? Echo en falta su versión.",
            "No estoy de acuerdo con la alcaldesa, esto llega muy tarde.",
            "Como ingeniero jubilado, el plazo me parece muy optimista.",
        ),
        spam=(
            "¡Felicidades! Has sido seleccionado para recibir un {prize}. Reclama tu premio aquí: {link}",
            "Gano {amount} € a la semana desde casa solo con mi móvil. Toda la información en {link}",
            "Gracias a la señora {last} gané {amount3} € con bitcoin en dos semanas. Escríbele por WhatsApp al {phone}",
            "Experto en trading, ganancias garantizadas cada mes. Contacto por Telegram @{handle}",
            "Zapatillas y bolsos de marca con un 80% de descuento, ¡solo hoy! Tienda: {link}",
            "Trabajo desde casa, {amount} € al día sin experiencia, regístrate en {link}",
            "Gané {amount3} € en la lotería online y es real. Contacta al señor {last}: {phone}",
        ),
        says=("dijo:", "escribió:"),
        ago=("{n} minutos", "{n} horas", "{n} días", "{n} semanas"),
        ago_format="hace {t}",
        date_format="{d}/{m}/{y} a las {hh}:{mm}",
        reply=("Responder", "Denunciar", "{n} me gusta"),
        count_heading=("{n} comentarios", "Comentarios ({n})"),
        form=("Deja un comentario", "Deja tu comentario"),
        notice="Tu dirección de correo electrónico no será publicada. Los campos obligatorios están marcados con *",
        shops=("ofertas-marca", "premio-hoy", "trabajo-casa", "rebajas-top"),
    ),
    "it": _Language(
        names=("Giulia Rossi", "Marco", "Francesca B.", "Luca Bianchi", "Chiara", "Alessandro F.", "Paola Romano", "Giorgio", "Sara C.", "Andrea Ricci"),
        ham=(
            "Finalmente una buona notizia per il quartiere. Quel ponte era pericoloso da anni.",
            "L'articolo non dice quanto costerà. Chi paga? I soliti contribuenti.",
            "Ottimo articolo, grazie. I miei genitori abitano proprio lì e confermano tutto.",
            "Piccola correzione: il consiglio si è riunito martedì, non lunedì.",
            "Come sempre, anni di discussioni e poi si decide senza sentire i residenti.",
            "Qualcuno sa se l'autobus 12 continuerà a passare durante i lavori?",
            "Ci sono passato ieri, la deviazione è segnalata malissimo.",
            "Belle foto, ma il titolo è un po' esagerato.",
            "Dovremmo essere contenti che finalmente si investa. Altrove non si muove niente.",
            "Mio figlio va a scuola lì davanti, spero che l'attraversamento diventi più sicuro.",
            "E l'opposizione cosa ne pensa? Manca il suo punto di vista.",
            "Da ingegnere in pensione trovo i tempi molto ottimistici.",
        ),
        spam=(
            "Congratulazioni! Sei stato selezionato per ricevere un {prize}. Ritira il premio qui: {link}",
            "Guadagno {amount} € a settimana da casa solo con il telefono. Tutte le info su {link}",
            "Grazie alla signora {last} ho guadagnato {amount3} € con i bitcoin in due settimane. Scrivetele su WhatsApp {phone}",
            "Esperto di trading, guadagni garantiti ogni mese! Contattami su Telegram @{handle}",
            "Borse e scarpe firmate scontate dell'80%, solo oggi! Negozio: {link}",
            "Lavoro da casa, {amount} € al giorno senza esperienza, iscriviti su {link}",
        ),
        says=("ha scritto:", "dice:"),
        ago=("{n} minuti", "{n} ore", "{n} giorni", "{n} settimane"),
        ago_format="{t} fa",
        date_format="{d}/{m}/{y} alle {hh}:{mm}",
        reply=("Rispondi", "Segnala", "{n} mi piace"),
        count_heading=("{n} commenti", "Commenti ({n})"),
        form=("Lascia un commento", "Scrivi un commento"),
        notice="Il tuo indirizzo email non sarà pubblicato. I campi obbligatori sono contrassegnati *",
        shops=("offerte-firme", "premio-subito", "lavoro-casa", "saldi-top"),
    ),
    "pt": _Language(
        names=("Ana Souza", "João Pedro", "Mariana C.", "Rafael Lima", "Beatriz", "Carlos A.", "Fernanda Alves", "Tiago", "Rita M.", "Paulo Santos"),
        ham=(
            "Finalmente uma boa notícia para o bairro. Essa ponte estava perigosa há anos.",
            "A reportagem não diz quanto vai custar. Quem paga? Nós, como sempre.",
            "Ótima matéria, obrigado. Meus pais moram ali perto e confirmam tudo.",
            "Uma correção: a sessão foi na terça, não na segunda.",
            "Como sempre, anos de conversa e depois decidem sem ouvir os moradores.",
            "Alguém sabe se o ônibus 12 vai continuar passando durante a obra?",
            "Passei lá ontem e o desvio está mal sinalizado.",
            "Fotos bonitas, mas o título é um pouco exagerado.",
            "Devíamos ficar contentes por finalmente haver investimento.",
            "Meu filho estuda na escola em frente, espero que a travessia fique mais segura.",
            "E a oposição, o que acha? Faltou ouvir o outro lado.",
            "Como engenheiro aposentado, acho o prazo muito otimista.",
        ),
        spam=(
            "Parabéns! Você foi selecionado para receber um {prize}. Resgate seu prêmio aqui: {link}",
            "Ganho R$ {amount} por semana trabalhando de casa só com o celular. Saiba mais em {link}",
            "Graças à senhora {last} ganhei {amount3} com bitcoin em duas semanas. Chame no WhatsApp {phone}",
            "Especialista em trading, lucro garantido todo mês! Fale comigo no Telegram @{handle}",
            "Tênis e bolsas de marca com 80% de desconto, só hoje! Loja: {link}",
            "Trabalhe em casa e ganhe R$ {amount} por dia sem experiência, cadastre-se em {link}",
        ),
        says=("disse:", "escreveu:"),
        ago=("{n} minutos", "{n} horas", "{n} dias", "{n} semanas"),
        ago_format="há {t}",
        date_format="{d}/{m}/{y} às {hh}:{mm}",
        reply=("Responder", "Denunciar", "{n} curtidas"),
        count_heading=("{n} comentários", "Comentários ({n})"),
        form=("Deixe um comentário", "Deixe seu comentário"),
        notice="O seu endereço de e-mail não será publicado. Campos obrigatórios são marcados com *",
        shops=("ofertas-marca", "premio-ja", "renda-extra", "promo-top"),
    ),
    "nl": _Language(
        names=("Sanne de Vries", "Jeroen", "Lotte B.", "Pieter Jansen", "Femke", "Bram K.", "Ingrid Visser", "Kees", "Eva M.", "Johan Bakker"),
        ham=(
            "Eindelijk goed nieuws voor de wijk. Die brug was al jaren gevaarlijk.",
            "In het artikel staat niet wat het gaat kosten. Wie betaalt? De belastingbetaler natuurlijk.",
            "Goed artikel, bedankt. Mijn ouders wonen er vlakbij en herkennen dit.",
            "Kleine correctie: de raad vergaderde dinsdag, niet maandag.",
            "Zoals altijd: jaren praten en dan besluiten zonder de bewoners te vragen.",
            "Weet iemand of bus 12 tijdens de werkzaamheden blijft rijden?",
            "Ik was er gisteren, de omleiding is slecht aangegeven.",
            "Mooie foto's, maar de kop is wat overdreven.",
            "We mogen blij zijn dat er eindelijk geïnvesteerd wordt.",
            "Mijn zoon zit op de school ertegenover, hopelijk wordt de oversteek veiliger.",
            "Wat vindt de oppositie ervan? Dat mis ik in dit stuk.",
        ),
        spam=(
            "Gefeliciteerd! U bent geselecteerd voor een {prize}. Claim uw prijs op {link}",
            "Ik verdien nu {amount} euro per week vanuit huis, alleen met mijn telefoon. Kijk op {link}",
            "Dankzij mevrouw {last} verdiende ik {amount3} euro met bitcoin in twee weken. Stuur haar een WhatsApp: {phone}",
            "Trading-expert, gegarandeerde winst elke maand! Contact via Telegram @{handle}",
            "Merkschoenen en tassen met 80% korting, alleen vandaag! Winkel: {link}",
            "Thuiswerk, {amount} euro per dag zonder ervaring, meld je aan op {link}",
        ),
        says=("schreef:", "zegt:"),
        ago=("{n} minuten", "{n} uur", "{n} dagen", "{n} weken"),
        ago_format="{t} geleden",
        date_format="{d}-{m}-{y} om {hh}:{mm}",
        reply=("Beantwoorden", "Reageer", "{n} likes"),
        count_heading=("{n} reacties", "Reacties ({n})"),
        form=("Laat een reactie achter", "Plaats een reactie"),
        notice="Je e-mailadres wordt niet gepubliceerd. Vereiste velden zijn gemarkeerd met *",
        shops=("merk-korting", "prijs-nu", "thuiswerk-info", "outlet-deal"),
    ),
    "pl": _Language(
        names=("Anna Kowalska", "Piotr", "Kasia W.", "Tomasz Nowak", "Magda", "Marek Z.", "Ewa Wiśniewska", "Krzysztof", "Ola K.", "Paweł Wójcik"),
        ham=(
            "Wreszcie dobra wiadomość dla dzielnicy. Ten most był niebezpieczny od lat.",
            "W artykule nie ma ani słowa o kosztach. Kto za to zapłaci? Jak zwykle podatnicy.",
            "Bardzo dobry artykuł, dziękuję. Moi rodzice mieszkają tuż obok i potwierdzają.",
            "Małe sprostowanie: sesja była we wtorek, a nie w poniedziałek.",
            "Jak zwykle latami się rozmawia, a potem decyduje bez pytania mieszkańców.",
            "Czy ktoś wie, czy autobus 12 będzie jeździł w czasie remontu?",
            "Byłem tam wczoraj, objazd jest fatalnie oznakowany.",
            "Ładne zdjęcia, ale tytuł trochę przesadzony.",
            "Cieszmy się, że w końcu ktoś inwestuje w nasze miasto.",
            "Mój syn chodzi do szkoły naprzeciwko, mam nadzieję, że przejście będzie bezpieczniejsze.",
            "A co na to opozycja? Brakuje mi tu jej zdania.",
        ),
        spam=(
            "Gratulacje! Zostałeś wybrany do odbioru nagrody: {prize}. Odbierz ją tutaj: {link}",
            "Zarabiam {amount} zł tygodniowo w domu, tylko przez telefon. Szczegóły na {link}",
            "Dzięki pani {last} zarobiłam {amount3} zł na bitcoinie w dwa tygodnie. Napisz do niej na WhatsApp {phone}",
            "Ekspert od tradingu, gwarantowany zysk co miesiąc! Kontakt na Telegramie @{handle}",
            "Markowe buty i torebki 80% taniej, tylko dziś! Sklep: {link}",
            "Praca w domu, {amount} zł dziennie bez doświadczenia, zapisz się na {link}",
        ),
        says=("napisał:", "napisała:", "pisze:"),
        ago=("{n} minut", "{n} godziny", "{n} dni", "{n} tygodnie"),
        ago_format="{t} temu",
        date_format="{d}.{m}.{y} o {hh}:{mm}",
        reply=("Odpowiedz", "Zgłoś", "{n} polubień"),
        count_heading=("{n} komentarze", "Komentarze ({n})"),
        form=("Dodaj komentarz", "Napisz komentarz"),
        notice="Twój adres e-mail nie zostanie opublikowany. Wymagane pola są oznaczone *",
        shops=("markowe-promo", "nagroda-dzis", "praca-dom", "wyprzedaz-top"),
    ),
    "sv": _Language(
        names=("Anna Lindberg", "Erik", "Maria J.", "Johan Nilsson", "Karin", "Lars P.", "Sofia Eriksson", "Mats", "Elin B.", "Anders Larsson"),
        ham=(
            "Äntligen goda nyheter för området. Bron har varit farlig i flera år.",
            "Artikeln säger inget om vad det kostar. Vem betalar? Skattebetalarna som vanligt.",
            "Bra artikel, tack. Mina föräldrar bor precis bredvid och känner igen allt.",
            "En liten rättelse: mötet var på tisdagen, inte måndagen.",
            "Som vanligt pratar man i åratal och bestämmer sedan utan att fråga de boende.",
            "Vet någon om buss 12 går som vanligt under bygget?",
            "Jag var där i går, omledningen är dåligt skyltad.",
            "Fina bilder, men rubriken är lite överdriven.",
            "Vi borde vara glada att det äntligen investeras.",
            "Min son går i skolan mittemot, hoppas att övergången blir säkrare.",
            "Vad säger oppositionen? Det saknar jag i texten.",
        ),
        spam=(
            "Grattis! Du har valts ut att få ett {prize}. Hämta din vinst här: {link}",
            "Jag tjänar {amount} kr i veckan hemifrån, bara med mobilen. Läs mer på {link}",
            "Tack vare fru {last} tjänade jag {amount3} kr på bitcoin på två veckor. Skriv till henne på WhatsApp {phone}",
            "Tradingexpert, garanterad vinst varje månad! Kontakta mig på Telegram @{handle}",
            "Märkesskor och väskor 80% billigare, bara idag! Butik: {link}",
            "Jobba hemifrån, {amount} kr om dagen utan erfarenhet, anmäl dig på {link}",
        ),
        says=("skrev:", "säger:"),
        ago=("{n} minuter", "{n} timmar", "{n} dagar", "{n} veckor"),
        ago_format="{t} sedan",
        date_format="{d}/{m}/{y} kl. {hh}:{mm}",
        reply=("Svara", "Rapportera", "{n} gillar"),
        count_heading=("{n} kommentarer", "Kommentarer ({n})"),
        form=("Lämna en kommentar", "Skriv en kommentar"),
        notice="Din e-postadress kommer inte publiceras. Obligatoriska fält är märkta *",
        shops=("marken-rea", "vinst-nu", "jobb-hemma", "outlet-deal"),
    ),
}
ML_LANGUAGES = tuple(_L)

_PRIZES = ("iPhone 16", "Samsung Galaxy", "PlayStation 5", "Amazon-Gutschein", "voucher", "MacBook")
_TLDS = ("com", "net", "info", "xyz", "shop", "online", "top", "site")
_MAILS = ("gmail.com", "outlook.com", "proton.me", "yahoo.com")


def _split(texts: tuple[str, ...], held_out: bool) -> tuple[str, ...]:
    """Every fifth text (from the third) is held out: with a dozen texts a language, a
    hash would leave some languages none to measure on."""
    return tuple(t for k, t in enumerate(texts) if (k % HELD_OUT_EVERY == 2) == held_out)


@dataclass(frozen=True)
class LanguageThreads:
    """One language's comments and spam templates (one side of the held-out split)."""

    language: str
    ham: tuple[str, ...]
    spam: tuple[str, ...]


def language_threads(language: str, held_out: bool) -> LanguageThreads:
    spec = _L[language]
    return LanguageThreads(language, _split(spec.ham, held_out), _split(spec.spam, held_out))


def split_threads(threads: LanguageThreads, n: int) -> list[LanguageThreads]:
    """``threads`` cut into ``n`` disjoint parts, one per cross-validation fold (as
    ``ThreadPools.split`` does for the English messages, and for the same reason)."""
    return [LanguageThreads(threads.language, threads.ham[k::n], threads.spam[k::n]) for k in range(n)]


def _fill(template: str, spec: _Language, rng: random.Random) -> str:
    link_host = f"{rng.choice(spec.shops)}{rng.randint(1, 99) if rng.random() < 0.5 else ''}.{rng.choice(_TLDS)}"
    return template.format(
        prize=rng.choice(_PRIZES), amount=rng.choice((150, 250, 300, 450, 600, 850)),
        amount3=f"{rng.randint(5, 40) * 1000:,}".replace(",", "."),
        link=rng.choice(("https://", "http://", "www.", "")) + link_host + rng.choice(("", "/", "/start", "/?id=" + str(rng.randint(10, 999)))),
        last=rng.choice(spec.names).split()[-1], handle=rng.choice(("expert", "trader", "invest", "profit")) + "_" + str(rng.randint(10, 999)),
        phone="+" + str(rng.randint(30, 49)) + " " + " ".join(str(rng.randint(100, 999)) for _ in range(3)),
        mail=rng.choice(_MAILS))


def _header(name: str, spec: _Language, rng: random.Random, fmt: int) -> str:
    n = rng.randint(1, 23)
    if fmt == 0:
        return f"{name} {rng.choice(spec.says)}"
    if fmt == 1:
        return f"{name} · {spec.ago_format.format(t=rng.choice(spec.ago).format(n=n))}"
    if fmt == 2:
        date = spec.date_format.format(d=rng.randint(1, 28), m=f"{rng.randint(1, 12):02d}", y=rng.randint(2015, 2026),
                                       hh=f"{rng.randint(0, 23):02d}", mm=f"{rng.randint(0, 59):02d}")
        return f"{name} {date}" if rng.random() < 0.5 else f"{name} | {date}"
    return name


def make_ml_thread(threads: LanguageThreads, rng: random.Random, spam_rate: float = 0.25) -> list[SourceBlock]:
    """A comment thread in ``threads.language`` as labelled blocks (header, text, reply row),
    framed by its count heading and comment form as ``threads.insert_thread`` frames English ones."""
    spec = _L[threads.language]
    fmt = rng.randrange(4)
    blocks: list[SourceBlock] = []
    for _ in range(rng.randint(2, 8)):
        # One in four is spam, as in the English threads, however few texts a fold holds.
        spam = bool(threads.spam) and (rng.random() < spam_rate or not threads.ham)
        text = _fill(rng.choice(threads.spam), spec, rng) if spam else rng.choice(threads.ham)
        label = "spam" if spam else "comment"
        name = rng.choice(spec.names) if not spam or rng.random() < 0.5 else rng.choice(("Info", "Lisa", "Crypto", "Promo", "Sandra", "Bitcoin"))
        depth = 1 if rng.random() < 0.75 else 2
        blocks.append(SourceBlock(text=_header(name, spec, rng, fmt), depth=depth, list_item=True, tag="_thread", label=label))
        blocks.append(SourceBlock(text=text, depth=depth + 1, tag="_thread", label=label))
        if rng.random() < 0.35:
            blocks.append(SourceBlock(text=rng.choice(spec.reply).format(n=rng.randint(1, 90)), depth=depth + 1, tag="_thread", label="comment"))
    n = sum(1 for b in blocks if b.list_item)
    before = [SourceBlock(text=rng.choice(spec.count_heading).format(n=n), label="navigation", tag="_thread")] if rng.random() < 0.7 else []
    after = []
    if rng.random() < 0.6:
        after.append(SourceBlock(text=rng.choice(spec.form), label="navigation", tag="_thread"))
        if rng.random() < 0.7:
            after.append(SourceBlock(text=spec.notice, label="navigation", tag="_thread"))
    return before + blocks + after
