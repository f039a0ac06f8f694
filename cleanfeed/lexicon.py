"""The words of page chrome in the languages of the news, for the default rules.

The default rules were written in English ("Name says:", "3 hours ago", "Leave a Reply",
"Related stories"). The publishing systems that print this chrome are translated, so the
same layouts appear in every language with other words: WordPress prints "Name sagt:"
and "Hinterlasse einen Kommentar", Disqus "il y a 2 heures", news sites "Lesen Sie auch".
Each table here gives a rule's words in German, French, Spanish, Italian, Portuguese,
Dutch, Polish and Swedish, as regular-expression fragments (matched case-insensitively,
inside the rule's own anchors). They are the strings those systems and sites print, not
words seen on one page. Every rule that uses a table has cases in several languages in
``tests/cases/rules.json``, and its hits on the training corpus were counted by gold label
before it changed (``benchmarks/rule_hits.py``; the commit that added this module gives the
counts).

English stays in the rules' own patterns, unchanged, so English pages get the hits they
always had. ``alternation`` joins a table into one group; ``words`` lists the plain words
a table needs for a rule's ``requires`` pre-check.
"""

from __future__ import annotations

from collections.abc import Mapping

__all__ = ["LANGUAGES", "alternation"]

#: The languages besides English whose chrome words the default rules know.
LANGUAGES = ("de", "fr", "es", "it", "pt", "nl", "pl", "sv")

Table = Mapping[str, str]


def alternation(table: Table) -> str:
    """One non-capturing group of every language's fragment."""
    return "(?:" + "|".join(table[lang] for lang in LANGUAGES if table.get(lang)) + ")"


# "Anna says:" heads a comment (WordPress: "sagt:", "dit :", "dice:", "ha detto:", "disse:",
# "zegt:", "napisał(a):", "skriver:"); the past tenses come from forum and comment systems.
SAYS: Table = {
    "de": r"sagt|schrieb|schreibt|meint|antwortete",
    "fr": r"dit|a dit|a écrit|écrit|répond|a répondu",
    "es": r"dice|dijo|escribió|escribe|respondió",
    "it": r"dice|ha detto|ha scritto|scrive|scrisse|ha risposto",
    "pt": r"disse|diz|escreveu|respondeu",
    "nl": r"zegt|schreef|schrijft|reageerde",
    "pl": r"napisał\(a\)|napisała?|pisze|odpowiedział\(a\)|odpowiedziała?",
    "sv": r"skriver|skrev|säger|svarade",
}

# A relative time closes a comment header ("Anna · vor 3 Stunden"): the "3 hours ago" of
# each language, with a number or the word for "one" ("vor einer Stunde", "il y a une heure").
# The words that carry the pre-check (``AGO_WORDS``) are followed or led by one plain space,
# as comment widgets print them; "vor", "il" or "fa" alone are in half the short lines.
AGO: Table = {
    "de": r"vor (?:\d{1,3}|einer?|einem)\s+(?:sekunden?|minuten?|min\.?|stunden?|std\.?|tag(?:en)?|wochen?|monat(?:en)?|jahr(?:en)?)",
    "fr": r"il y a (?:\d{1,3}|une?)\s+(?:secondes?|minutes?|min|heures?|h|jours?|semaines?|mois|ans|années?)",
    "es": r"hace (?:\d{1,3}|una?)\s+(?:segundos?|minutos?|min|horas?|h|días?|semanas?|mes(?:es)?|años?)",
    "it": r"(?:\d{1,3}|una?|un')\s*(?:secondi|secondo|minuti|minuto|min|ore|ora|giorni|giorno|settimane|settimana|mesi|mese|anni|anno) fa",
    "pt": r"(?:há (?:\d{1,3}|uma?)\s+(?:segundos?|minutos?|min|horas?|h|dias?|semanas?|mês|meses|anos?)"
          r"|(?:\d{1,3}|uma?)\s+(?:segundos?|minutos?|min|horas?|h|dias?|semanas?|mês|meses|anos?)\s+atrás)",
    "nl": r"(?:\d{1,3}|een)\s+(?:seconden?|minuten?|minuut|min|uur|dagen|dag|weken|week|maanden|maand|jaren|jaar)\s+geleden",
    "pl": r"(?:\d{1,3}\s+)?(?:sekund[ęy]?|minut[ęy]?|min\.?|godzin[ęy]?|godz\.?|dni|dzień|tygodni[e]?|tydzień|miesiąc[e]?|miesięcy|lat[a]?|rok)\s+temu",
    "sv": r"(?:för\s+)?(?:\d{1,3}|en|ett)\s+(?:sekunder|sekund|minuter|minut|min|timmar|timme|dagar|dag|veckor|vecka|månader|månad|år)\s+sedan",
}
#: Lower-case strings one of which every ``AGO`` match contains (the rule's pre-check).
AGO_WORDS = ("vor ", "il y a ", "hace ", " fa", "há ", "atrás", "geleden", "temu", "sedan")

# The word a byline opens with ("Von Anna Becker"); a byline is not a comment header.
BY: Table = {
    "de": r"von", "fr": r"par", "es": r"por", "it": r"di", "pt": r"por", "nl": r"door", "pl": r"autor:?|przez",
    "sv": r"av",
}

# The action row under a comment.
REPLY: Table = {
    "de": r"antworten|antwort|melden|kommentar melden|beitrag melden",
    "fr": r"répondre|signaler|signaler un abus|signaler ce commentaire",
    "es": r"responder|denunciar|reportar|denunciar comentario|reportar abuso",
    "it": r"rispondi|segnala|segnala abuso|segnala commento",
    "pt": r"responder|denunciar|reportar|denunciar comentário",
    "nl": r"reageer|reageren|beantwoorden|rapporteer|melden",
    "pl": r"odpowiedz|zgłoś|zgłoś komentarz|zgłoś naruszenie",
    "sv": r"svara|anmäl|rapportera|anmäl kommentar",
}

# "12 Likes" under a comment: the counted reaction of each language's comment widgets.
LIKES: Table = {
    "de": r"gefällt mir", "fr": r"j'aime|j’aime", "es": r"me gusta", "it": r"mi piace", "pt": r"curtidas?|gostos?",
    "nl": r"vind-ik-leuks?", "pl": r"polubie(?:nie|nia|ń)", "sv": r"gillar|gilla-markeringar",
}

# Comment-section headings and the comment form's title ("Leave a Reply" as WordPress
# translates it, and the sites' own "Leserkommentare", "Réactions").
COMMENT_FORM: Table = {
    "de": r"kommentar schreiben|schreiben sie einen kommentar|kommentar verfassen|einen kommentar hinterlassen"
          r"|hinterlasse einen kommentar|schreibe einen kommentar|hinterlasse eine antwort|antwort hinterlassen"
          r"|diskutieren sie mit|leserkommentare|kommentare?|\d+\s+kommentare?",
    "fr": r"laisser un commentaire|laisser une réponse|réagir(?: à cet article)?|ajouter un commentaire"
          r"|écrire un commentaire|commentaires?|\d+\s+commentaires?|réactions?|\d+\s+réactions?",
    "es": r"deja un comentario|deja una respuesta|dejar un comentario|escribe un comentario|añadir comentario"
          r"|comentarios?|\d+\s+comentarios?|\d+\s+respuestas?",
    "it": r"lascia un commento|lascia una risposta|scrivi un commento|aggiungi un commento|commenti|\d+\s+comment[io]"
          r"|\d+\s+risposte",
    "pt": r"deixe um comentário|deixe uma resposta|deixar um comentário|escreva um comentário|adicionar comentário"
          r"|comentários?|\d+\s+comentários?|\d+\s+respostas?",
    "nl": r"laat een reactie achter|geef een reactie|plaats een reactie|reacties?|\d+\s+reacties?",
    "pl": r"dodaj komentarz|napisz komentarz|skomentuj|zostaw komentarz|komentarze|\d+\s+komentarz(?:y|e)?",
    "sv": r"lämna en kommentar|lämna ett svar|skriv en kommentar|kommentera|kommentarer|\d+\s+kommentarer?",
}

# The comment form's standard notices ("Your email address will not be published",
# "Required fields are marked *") in each language's WordPress and comment widgets.
COMMENT_NOTICE: Table = {
    "de": r"e-?mail-adresse wird nicht veröffentlicht|erforderliche felder sind (?:mit \* )?markiert",
    "fr": r"adresse (?:e-?mail|de messagerie|courriel) ne sera pas publiée|champs obligatoires sont indiqués",
    "es": r"(?:dirección de )?correo electrónico no (?:será|se) publicad[oa]|campos obligatorios están marcados",
    "it": r"indirizzo (?:e-?mail|di posta) non sarà pubblicato|campi obbligatori sono contrassegnati",
    "pt": r"endereço de e-?mail não será publicado|campos obrigatórios são marcados",
    "nl": r"e-?mailadres wordt niet gepubliceerd|vereiste velden zijn gemarkeerd",
    "pl": r"adres e-?mail nie zostanie opublikowany|wymagane pola są oznaczone",
    "sv": r"e-?postadress kommer inte (?:att )?publiceras|obligatoriska fält är märkta",
}

# Headings over teasers of other articles (a section header: the teasers under it are
# navigation).
RELATED: Table = {
    "de": r"lesen sie auch|lies auch|auch interessant|mehr zum thema|das könnte sie auch interessieren"
          r"|weitere artikel|verwandte artikel|ähnliche artikel|meistgelesen|meistgelesene artikel|top-artikel",
    "fr": r"à lire aussi|a lire aussi|lire aussi|à voir aussi|sur le même sujet|articles similaires|les plus lus"
          r"|dans la même rubrique|vous aimerez aussi",
    "es": r"lee también|te puede interesar|noticias relacionadas|artículos relacionados|lo más leído|más noticias"
          r"|también te puede interesar",
    "it": r"leggi anche|(?:ti )?potrebbe interessarti(?: anche)?|articoli correlati|notizie correlate|i più letti"
          r"|ti potrebbe interessare(?: anche)?",
    "pt": r"leia também|veja também|notícias relacionadas|artigos relacionados|mais lidas|mais lidos",
    "nl": r"lees ook|meer nieuws|gerelateerde artikelen|meest gelezen|ook interessant",
    "pl": r"czytaj (?:też|także)|zobacz (?:też|także)|polecamy|najczęściej czytane|podobne artykuły",
    "sv": r"läs också|läs även|relaterade artiklar|mest lästa?|mer om ämnet",
}

# Link labels that lead to another page ("Read more", and an inline "Read also: <title>").
READ_MORE: Table = {
    "de": r"weiterlesen|mehr lesen|mehr erfahren|lesen sie (?:mehr|auch|weiter)|mehr anzeigen",
    "fr": r"lire la suite|lire plus|en savoir plus|lire aussi|voir plus",
    "es": r"leer más|seguir leyendo|sigue leyendo|lee también|ver más",
    "it": r"leggi (?:anche|tutto|di più)|continua a leggere|scopri di più|mostra (?:di più|altro)",
    "pt": r"leia mais|leia também|continue lendo|saiba mais|ver mais",
    "nl": r"lees meer|lees verder|lees ook|toon meer",
    "pl": r"czytaj (?:więcej|dalej|też|także)|zobacz więcej|pokaż więcej",
    "sv": r"läs mer|läs också|läs vidare|visa mer",
}

# Share buttons ("Share on Facebook" as "Teilen auf Facebook"), print and copy-link buttons.
SHARE: Table = {
    "de": r"teilen|artikel teilen|auf \w+ teilen|drucken|link kopieren",
    "fr": r"partager|partager (?:cet article|sur \w+)|imprimer|copier le lien",
    "es": r"compartir|compartir (?:en \w+|este artículo|esta noticia)|imprimir|copiar (?:el )?enlace",
    "it": r"condividi|condividi (?:su \w+|questo articolo)|stampa|copia (?:il )?link",
    "pt": r"compartilhar|compartilhe|partilhar|compartilhar (?:no \w+|este artigo)|imprimir|copiar (?:o )?link",
    "nl": r"delen|deel dit artikel|delen (?:op|via) \w+|afdrukken|kopieer (?:de )?link",
    "pl": r"udostępnij|udostępnij (?:na \w+|artykuł)|drukuj|kopiuj link",
    "sv": r"dela|dela artikeln|dela (?:på|via) \w+|skriv ut|kopiera länk(?:en)?",
}

# "Follow us" prompts.
FOLLOW: Table = {
    "de": r"folgen sie uns|folge uns", "fr": r"suivez-nous|rejoignez-nous", "es": r"síguenos",
    "it": r"seguici", "pt": r"siga-nos|sigam-nos", "nl": r"volg ons", "pl": r"obserwuj nas", "sv": r"följ oss",
}

# Subscription, log-in and newsletter prompts when they stand alone as a line or button ...
SUBSCRIBE_BUTTON: Table = {
    "de": r"abonnieren|jetzt abonnieren|anmelden|einloggen|registrieren|newsletter abonnieren|zum newsletter",
    "fr": r"s'abonner|s’abonner|abonnez-vous|je m'abonne|se connecter|connexion|s'inscrire|inscrivez-vous",
    "es": r"suscríbete|suscribirse|iniciar sesión|regístrate|registrarse",
    "it": r"iscriviti|abbonati|accedi|registrati",
    "pt": r"assine|assinar|inscreva-se|entrar|registe-se|cadastre-se",
    "nl": r"abonneer|abonneren|aanmelden|inloggen|registreren",
    "pl": r"zapisz się|subskrybuj|zaloguj się|zarejestruj się|prenumeruj",
    "sv": r"prenumerera|logga in|registrera dig|bli prenumerant",
}
# ... and the newsletter invitation inside a longer line.
NEWSLETTER: Table = {
    "de": r"newsletter (?:abonnieren|bestellen)|melden sie sich (?:jetzt )?(?:für|zu) (?:unseren|unserem) newsletter",
    "fr": r"(?:abonnez-vous|inscrivez-vous) à (?:notre|la) newsletter|recevez (?:notre|la) newsletter",
    "es": r"suscríbete a (?:nuestro|nuestra|el|la) (?:newsletter|boletín)",
    "it": r"iscriviti alla (?:nostra )?newsletter",
    "pt": r"(?:assine|inscreva-se) (?:a |na |em )?(?:nossa )?newsletter",
    "nl": r"(?:schrijf je in|abonneer je|meld je aan) (?:voor|op) (?:onze|de) nieuwsbrief",
    "pl": r"zapisz się (?:do|na) (?:naszego )?newslett?era?",
    "sv": r"prenumerera på (?:vårt|vår) nyhetsbrev",
}

# Cookie banners (every entry names cookies, which the rule's pre-check looks for).
COOKIES: Table = {
    "de": r"wir (?:verwenden|nutzen) cookies|(?:diese|unsere) (?:web)?(?:seite|site) (?:verwendet|nutzt) cookies|cookie-einstellungen|cookies akzeptieren",
    "fr": r"(?:ce|notre) site utilise des cookies|nous utilisons des cookies|accepter (?:les |tous les )?cookies|paramètres des cookies|politique (?:de|relative aux) cookies"
          r"|en poursuivant (?:votre )?navigation",
    "es": r"(?:utilizamos|usamos) cookies|este sitio (?:web )?(?:utiliza|usa) cookies|aceptar (?:todas las )?cookies|política de cookies",
    "it": r"(?:utilizziamo|usiamo) (?:i )?cookie|questo sito (?:web )?(?:utilizza|usa) (?:i )?cookie|accetta (?:tutti i )?cookie",
    "pt": r"(?:utilizamos|usamos) cookies|este site (?:utiliza|usa) cookies|aceitar (?:todos os )?cookies|política de cookies",
    "nl": r"(?:wij|we) gebruiken cookies|deze (?:web)?site gebruikt cookies|cookies accepteren|cookiebeleid|cookie-instellingen",
    # "Ciasteczka" is the everyday Polish word for cookies.
    "pl": r"używamy (?:plików )?(?:cookies?|ciasteczek)|(?:ta|nasza) strona (?:używa|wykorzystuje|korzysta z) (?:plików )?(?:cookies?|ciasteczek)"
          r"|polityka (?:plików )?cookies?",
    # Swedish sites also say "kakor" for cookies (the word the Swedish regulator uses).
    "sv": r"vi använder (?:cookies|kakor)|(?:den här )?webbplatsen använder (?:cookies|kakor)|acceptera (?:alla )?(?:cookies|kakor)",
}

# "All rights reserved".
RIGHTS: Table = {
    "de": r"alle rechte vorbehalten", "fr": r"tous droits réservés", "es": r"todos los derechos reservados",
    "it": r"tutti i diritti riservati", "pt": r"todos os direitos reservados", "nl": r"alle rechten voorbehouden",
    "pl": r"wszelkie prawa zastrzeżone", "sv": r"alla rättigheter förbehållna",
}

# "Published on <date>", "Updated <date>".
PUBLISHED: Table = {
    "de": r"veröffentlicht(?: am)?|aktualisiert(?: am)?|erschienen am",
    "fr": r"publié le|mis à jour le|publié|mis à jour",
    "es": r"publicado(?: el)?|actualizado(?: el)?",
    "it": r"pubblicato(?: il)?|aggiornato(?: il)?",
    "pt": r"publicado(?: em)?|atualizado(?: em)?",
    "nl": r"gepubliceerd(?: op)?|bijgewerkt(?: op)?",
    "pl": r"opublikowano|zaktualizowano|aktualizacja",
    "sv": r"publicerad|uppdaterad",
}

# "3 min read": the reading time, in either order.
READING_TIME: Table = {
    "de": r"lesezeit", "fr": r"temps de lecture|de lecture", "es": r"tiempo de lectura|de lectura",
    "it": r"tempo di lettura|di lettura", "pt": r"tempo de leitura|de leitura", "nl": r"leestijd",
    "pl": r"czas czytania|czytania", "sv": r"lästid|läsning",
}

# "Photo:", "Credit:" opening a caption or credit line. Not "Quelle:" / "Source :" and
# their kin: on news pages those close the article naming the agency, which the training
# gold calls navigation (Fundus: "Quelle: dpa", "Bron: BELGA").
# "Photo by X" in each language ("Foto di Marco Bellini", "Foto von ...", "Bild av ...").
CAPTION_BY: Table = {
    "de": r"von", "fr": r"de|par", "es": r"de|por", "it": r"di|da", "pt": r"de|por", "nl": r"door|van", "sv": r"av",
}
CAPTION_LABEL: Table = {
    "de": r"foto|fotos|bild|bilder|bildquelle|bildunterschrift",
    "fr": r"crédits?(?: photo)?|photo|légende",
    "es": r"foto|fotografía|imagen",
    "it": r"foto|immagine",
    "pt": r"foto|fotografia|imagem",
    "nl": r"foto|afbeelding|beeld",
    "pl": r"zdjęcie|fot\.",
    "sv": r"foto|bild|bildtext",
}

# Lower-case particles inside a name ("Pieter de Vries", "Anna von Berg").
NAME_PARTICLES = r"(?:de|van|von|der|den|di|da|del|della|la|le|du|dos|das|ter|zu)"

# Tag and category lists ("Schlagwörter: ...").
TAXONOMY: Table = {
    "de": r"schlagw(?:ö|oe)rter|stichw(?:ö|oe)rter|themen|kategorien?|rubriken?",
    "fr": r"mots-clés|mots clés|étiquettes|catégories?|thèmes?|rubriques?",
    "es": r"etiquetas|categorías?|temas",
    "it": r"argomenti|categori[ae]|etichette",
    "pt": r"etiquetas|categorias?|temas|marcadores",
    "nl": r"trefwoorden|categorieën|categorie|onderwerpen",
    "pl": r"tagi|kategorie|kategoria|tematy",
    "sv": r"taggar|kategorier|kategori|ämnen",
}

# Verbs that send a reader to a messenger ("Schreiben Sie ihr auf WhatsApp ...").
CONTACT: Table = {
    "de": r"kontakt\w*|schreib\w*|melde\w*|ruf\w*",
    "fr": r"contacte\w*|écri\w*|appel\w*",
    "es": r"contacta\w*|contacte\w*|contáct\w*|escrib\w*|escríb\w*|llam\w*",
    "it": r"contatt\w*|scriv\w*|chiam\w*",
    "pt": r"contat\w*|contacte\w*|escrev\w*|ligue|fal[ea] com|chame",
    "nl": r"neem contact|schrijf|stuur|bel",
    "pl": r"skontaktuj\w*|kontakt\w*|napisz\w*|zadzwoń",
    "sv": r"kontakta\w*|skriv\w*|ring",
}

# Month names (dates in comment headers and datelines), whole words; the English and
# German ones are in the rules' own pattern.
MONTHS: Table = {
    "fr": r"janvier|janv|février|févr|mars|avril|avr|juin|juillet|juil|août|septembre|octobre|novembre|décembre|déc",
    "es": r"enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|setiembre|octubre|noviembre|diciembre",
    "it": r"gennaio|febbraio|marzo|aprile|maggio|giugno|luglio|agosto|settembre|ottobre|novembre|dicembre",
    "pt": r"janeiro|fevereiro|março|abril|maio|junho|julho|agosto|setembro|outubro|novembro|dezembro",
    "nl": r"januari|februari|maart|april|mei|juni|juli|augustus|september|oktober|november|december",
    "pl": r"stycznia|lutego|marca|kwietnia|maja|czerwca|lipca|sierpnia|września|października|listopada|grudnia",
    "sv": r"januari|februari|mars|april|maj|juni|juli|augusti|september|oktober|november|december",
}

# Weekday names, which open datelines, never a commenter's name; ``WEEKDAY_SHORT`` the
# German two-letter forms before a comma ("Fr, 15.05.2020, 07.11 Uhr").
WEEKDAY_SHORT = r"(?:mo|di|mi|do|fr|sa|so)\.?,"
WEEKDAYS: Table = {
    "de": r"montag|dienstag|mittwoch|donnerstag|freitag|samstag|sonntag",
    "fr": r"lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche",
    "es": r"lunes|martes|miércoles|jueves|viernes|sábado|domingo",
    "it": r"lunedì|martedì|mercoledì|giovedì|venerdì|sabato|domenica",
    "pt": r"segunda-feira|terça-feira|quarta-feira|quinta-feira|sexta-feira|sábado|domingo",
    "nl": r"maandag|dinsdag|woensdag|donderdag|vrijdag|zaterdag|zondag",
    "pl": r"poniedziałek|wtorek|środa|czwartek|piątek|sobota|niedziela",
    "sv": r"måndag|tisdag|onsdag|torsdag|fredag|lördag|söndag",
}

# The word between a date and its time in a comment header ("12.03.2024 um 14:32 Uhr",
# "12/03/2024 à 14h32").
AT: Table = {
    "de": r"um", "fr": r"à", "es": r"a las|a la", "it": r"alle|all'", "pt": r"às|as", "nl": r"om", "pl": r"o|godz\.",
    "sv": r"kl\.?|klockan",
}


# Pre-check strings ``words`` cannot read off their table: a byline word is two or three
# letters ("di", "av"), so the plain space after it carries the check.
BY_WORDS = ("von ", "par ", "por ", "di ", "door ", "autor", "przez ", "av ")

# Income "from home" in comment spam ("Ich verdiene 300 € pro Woche von zu Hause aus").
FROM_HOME: Table = {
    "de": r"von zu hause(?: aus)?|heimarbeit|nebenjob", "fr": r"depuis (?:chez moi|la maison)|à domicile|travail à domicile",
    "es": r"desde (?:casa|mi casa)|trabajo desde casa", "it": r"da casa|lavoro da casa", "pt": r"de casa|em casa",
    "nl": r"vanuit huis|thuiswerk|thuis werken", "pl": r"z domu|praca w domu", "sv": r"hemifrån|jobba hemma",
}

# A sum written with its currency after the number, as most of Europe writes it ("300 €").
# Not "kr" or "CHF": as pre-check strings "kr" is in every other Polish or German line, and
# the spam the rules see in those currencies also names its messenger or prize.
SUM_AFTER = r"\d[\d.,]*\s?(?:€|euros?\b|zł)"
SUM_AFTER_WORDS = ("€", "euro", "zł")

# "per week" after a sum.
PER_PERIOD: Table = {
    "de": r"pro (?:stunde|tag|woche|monat)|am tag|im monat|in der woche",
    "fr": r"par (?:heure|jour|semaine|mois)",
    "es": r"(?:por|al|a la) (?:hora|día|semana|mes)",
    "it": r"(?:all'ora|al giorno|a settimana|al mese)",
    "pt": r"(?:por|ao|à) (?:hora|dia|semana|mês)",
    "nl": r"per (?:uur|dag|week|maand)",
    "pl": r"(?:na|za) (?:godzinę|dzień|tydzień|miesiąc)|dziennie|tygodniowo|miesięcznie",
    "sv": r"(?:i|per|om) (?:timmen|timme|dagen|dag|veckan|vecka|månaden|månad)",
}

# Prize and urgency words of lottery and prize scams.
PRIZE: Table = {
    "de": r"herzlichen glückwunsch|gewinner|gewonnen|gewinn sichern|jetzt sichern",
    "fr": r"félicitations|gagnant|vous avez gagné|réclamez",
    "es": r"felicidades|enhorabuena|ganador|has ganado|reclama",
    "it": r"congratulazioni|vincitore|hai vinto|reclama",
    "pt": r"parabéns|vencedor|ganhou|resgate",
    "nl": r"gefeliciteerd|winnaar|u heeft gewonnen|je hebt gewonnen",
    "pl": r"gratulacje|zwycięzca|wygrałeś|wygrałaś",
    "sv": r"grattis|vinnare|du har vunnit",
}

# A win addressed to the reader ("Sie haben gewonnen", "du har valts ut som vinnare", "claim
# your prize"): second person only, since an article reports that someone else has won.
PRIZE_CLAIM: Table = {
    "de": r"sie haben (?:[\w\-]+ ){0,3}gewonnen|du hast (?:[\w\-]+ ){0,3}gewonnen"
          r"|(?:als|zum) gewinner\w* (?:\w+ ){0,4}(?:ausgewählt|ausgelost|gezogen|ermittelt)"
          r"|(?:ihren|deinen) gewinn (?:sichern|abholen|einlösen)|gewinn (?:jetzt )?sichern",
    "fr": r"vous avez (?:[\w\-]+ ){0,3}gagné|tu as (?:[\w\-]+ ){0,3}gagné|(?:sélectionné|choisi|tiré)e?s? (?:au sort )?comme (?:le |la )?gagnant"
          r"|réclamez votre (?:prix|cadeau|gain|lot)",
    "es": r"usted ha ganado|has ganado|(?:seleccionad|elegid)[oa] como (?:el |la )?ganador|reclam[ae] (?:tu|su) premio",
    "it": r"hai (?:[\w\-]+ ){0,3}vinto|sei stat[oa] selezionat[oa]|selezionat[oa] come vincitore|(?:ritira|riscatta) il tuo premio",
    "pt": r"voc[êe] ganhou|voc[êe] foi (?:selecionad|escolhid|sortead)[oa]|resgate (?:o )?seu prêmio",
    "nl": r"(?:u|je|jij) (?:heeft|hebt) (?:[\w\-]+ ){0,3}gewonnen|(?:geselecteerd|gekozen|uitgekozen) als (?:de )?winnaar"
          r"|claim (?:je|uw) prijs",
    "pl": r"wygrałeś|wygrałaś|został(?:eś|aś) (?:\w+ )?(?:wybran|wylosowan)[ya]|odbierz (?:swoją )?nagrodę",
    "sv": r"du har (?:[\w\-]+ ){0,3}vunnit|du har valts ut|(?:utvald|vald|utsedd) (?:som|till) (?:\w+ )?vinnare|hämta din vinst",
}

# The word for a discount after a percentage ("80% korting", "70 % de réduction"): fake
# shops advertise in comment threads with a steep one and a link.
DISCOUNT: Table = {
    "de": r"rabatt|reduziert|günstiger", "fr": r"de réduction|de remise|de rabais|moins cher",
    "es": r"de descuento|más barato", "it": r"di sconto|in meno", "pt": r"de desconto|mais barato",
    "nl": r"korting|goedkoper", "pl": r"zniżki|rabatu|taniej", "sv": r"rabatt|billigare",
}

# First-person earning verbs, which a from-home income claim needs ("Ich verdiene ...");
# "beantragen Sie online von zu Hause" is a loan page, not a claim.
EARN: Table = {
    "de": r"verdien\w*", "fr": r"gagn\w*", "es": r"gan(?:o|é|as|a|ar|amos)|ingres\w*", "it": r"guadagn\w*",
    "pt": r"ganh\w*", "nl": r"verdien\w*", "pl": r"zarabia\w*|zarobi\w*", "sv": r"tjäna\w*",
}


# "Thanks to Mrs X I made 20.000 €": investment-scam testimonials credit the "expert" the
# reader is then sent to ("Dank Frau ...", "Grâce à Mme ...", "Dzięki pani ...").
THANKS_TO: Table = {
    "de": r"dank(?:e an)?", "fr": r"grâce (?:à|au|aux)|merci (?:à|au|aux)", "es": r"gracias (?:a|al)",
    "it": r"grazie (?:a|al|alla|allo|ai|agli|alle|all')", "pt": r"graças (?:a|à|ao|aos|às)|obrigad[oa] (?:à|ao)",
    "nl": r"dankzij|dank zij", "pl": r"dzięki", "sv": r"tack vare|tack till",
}

# Loans and credit offered in comment threads ("Günstige Kredite ohne Schufa", "prêt
# rapide entre particuliers"), which then give a private mailbox or messenger.
LOAN: Table = {
    "de": r"kredit\w*|darlehen", "fr": r"prêts?|crédits?", "es": r"préstamos?|créditos?", "it": r"prestit\w*|finanziament\w*",
    "pt": r"empréstimos?|créditos?", "nl": r"lening\w*|krediet\w*", "pl": r"pożycz\w*|kredyt\w*", "sv": r"lån\w*|krediter?",
}


# A consent banner's buttons, each alone on a line under the notice ("Alle akzeptieren",
# "Instellingen", and the banner's "Schließen"): the words consent tools print, on lines of their own.  Not "I agree"
# ("Einverstanden", "Akkoord"): readers write that alone as a comment.
CONSENT_BUTTON: Table = {
    "de": r"(?:alle )?akzeptieren|(?:alle )?ablehnen|einstellungen|schließen",
    "fr": r"(?:tout )?accepter|j'accepte|(?:tout )?refuser|continuer sans accepter|paramètres|paramétrer|personnaliser|fermer",
    "es": r"aceptar(?: todo| todas)?|acepto|rechazar(?: todo| todas)?|configurar|configuración|ajustes|cerrar",
    "it": r"accetta(?: tutto| tutti)?|accetto|rifiuta(?: tutto| tutti)?|impostazioni|personalizza|chiudi",
    "pt": r"aceitar(?: tudo| todos)?|aceito|rejeitar(?: tudo| todos)?|configurações|definições|personalizar|fechar",
    "nl": r"(?:alles )?accepteren|(?:alles )?weigeren|instellingen|aanpassen|sluiten",
    "pl": r"akceptuję|(?:za)?akceptuj(?: wszystko| wszystkie)?|odrzuć(?: wszystko| wszystkie)?|ustawienia|zamknij",
    "sv": r"acceptera(?: alla)?|godkänn(?: alla)?|avvisa(?: alla)?|neka|inställningar|stäng",
}

_SPECIAL = set("()[]{}|\\.?*+^$")


def words(table: Table) -> tuple[str, ...]:
    """For a rule's ``requires`` pre-check: for each alternative of each language's fragment,
    the longest run of plain characters every match of it contains (lower-cased).

    The fragments are written in a small part of the regular-expression syntax (words,
    groups, ``?``, classes, ``\\w``/``\\d``/``\\s`` escapes), which this reads: a run ends at
    any special character, and a character made optional by ``?`` or ``*`` is dropped.  An
    alternative with no run of three characters is an error, so a new entry that the
    pre-check cannot see is caught where it is written.
    """
    out: list[str] = []
    for lang in LANGUAGES:
        fragment = table.get(lang)
        if not fragment:
            continue
        for alternative in _top_level(fragment):
            runs, run, depth, i = [], "", 0, 0
            while i < len(alternative):
                ch = alternative[i]
                nxt = alternative[i + 1] if i + 1 < len(alternative) else ""
                if ch == "\\":
                    runs.append(run)
                    run = ""
                    i += 2
                    continue
                if ch in "([":
                    depth += 1
                if depth or ch in _SPECIAL:
                    runs.append(run)
                    run = ""
                    if ch in ")]":
                        depth -= 1
                    i += 1
                    continue
                if nxt in ("?", "*") or (nxt == "{" and alternative[i + 2 : i + 3] == "0"):
                    runs.append(run)
                    run = ""
                else:
                    run += ch
                i += 1
            best = max([*runs, run], key=len)
            if len(best.strip()) < 3:
                raise ValueError(f"no pre-check string in {alternative!r} ({lang})")
            out.append(best.lower())
    return tuple(dict.fromkeys(out))


def _top_level(fragment: str) -> list[str]:
    """``fragment`` split at the ``|`` outside groups."""
    parts, depth, start = [], 0, 0
    for i, ch in enumerate(fragment):
        if ch == "\\":
            continue
        if ch in "([":
            depth += 1
        elif ch in ")]":
            depth -= 1
        elif ch == "|" and depth == 0 and (i == 0 or fragment[i - 1] != "\\"):
            parts.append(fragment[start:i])
            start = i + 1
    parts.append(fragment[start:])
    return parts
