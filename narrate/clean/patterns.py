"""The vocabulary and shapes of page furniture, shared by the text-copy and HTML rules.

Each pattern names a kind of line that is not article: widgets (log in, share, subscribe),
captions and credits, comment threads and the barriers before them, breadcrumbs, date and
byline bars, datelines. Patterns only; what to do with a line is decided in text.py and html.py.
"""

from __future__ import annotations

import re

# Furniture vocabulary: a short line carrying one of these is a widget, not article.
WIDGET = re.compile(
    r"""(?ix)
    \b(?:log\s?in|log\s?out|sign\s?in|sign\s?up|sign\s?out|register\s+(?:now|for|to)|create\s+(?:an\s+)?account|
    subscribe|subscription|subscriber|newsletters?|unsubscribe|
    share\s+(?:this|on|via|the\s+story|article)|share\b|tweet\b|condividi|partager|compartir|compartilh\w*|teilen|
    comment[ao]s?\b|commenti|kommentar\w*|commentaires?|comentarios?|coment[aá]rios?|iscriviti|abonnieren|anmelden|connexion|
    pubblicit[àa]|publicit[ée]|publicidad|publicidade|werbung|anzeige|leggi\s+anche|lesen\s+sie\s+auch|lire\s+aussi|
    veja\s+tamb[ée]m|leia\s+(?:mais|tamb[ée]m)|saiba\s+mais|lee\s+tambi[ée]n|pin\s+it|whatsapp|linkedin|pinterest|reddit|
    facebook|twitter|instagram|youtube|flipboard|follow\s+us|like\s+us|
    print\b|e-?mail\s+(?:this|us|address)|comments?\b|commenting|leave\s+a\s+reply|reply\b|
    advertisement|advertising|advertise|sponsored|promoted|ad\s?choices|
    related\s+(?:articles?|stories|content|posts?|news|topics|coverage|links?|videos?)|recommended|
    read\s+more|see\s+more|show\s+more|load\s+more|more\s+from|more\s+on\s+this|most\s+(?:popular|read|viewed|shared)|trending|
    top\s+stories|latest\s+(?:news|stories|videos)|editor'?s\s+picks?|you\s+may\s+also|also\s+read|don'?t\s+miss|
    cookies?|privacy\s+(?:policy|notice|settings)|terms\s+(?:of|and)\s+(?:use|service|conditions)|
    all\s+rights\s+reserved|copyright|©|ⓒ|javascript|browser|
    click\s+here|tap\s+here|skip\s+to|back\s+to\s+top|jump\s+to|go\s+to|table\s+of\s+contents|
    download\s+(?:the|our)\s+app|app\s+store|google\s+play|
    audio\s+report|listen\s+to\s+(?:this|the)\s+article|read\s+by\s+ai|text\s+size|font\s+size|
    contact\s+us|about\s+us|site\s+map|sitemap|help\s+center|customer\s+service|
    previous\s+(?:article|post|story)|next\s+(?:article|post|story)|
    tags?\s*:|filed\s+under|categor(?:y|ies)\s*:|topics?\s*:|
    photo\s+gallery|view\s+gallery|watch\s*:|video\s*:|image\s+\d+\s+of\s+\d+|\d+\s+of\s+\d+\s+(?:photos|images)|
    standards\s+board|dictionary|
    loading|please\s+wait|posted\s+in|permalink
    )""",
)

PICTURED = re.compile(
    r"(?i),\s+pictured\b|\(pictured\)|\bpictured\s+(?:left|right|center|centre|above|below|here)\b|^pictured\b"
)
CONTACT_WORDS = re.compile(
    r"(?i)\b(?:reach(?:ed)?\s+(?:at|by|via)|contact\s+(?:the\s+)?(?:reporter|author|writer|editor|us|him|her|them)|"
    r"have\s+a\s+(?:news\s+)?tip|tips?\s+(?:to|at)|follow\s+(?:him|her|them|us|@)|feedback|write\s+to\s+us)\b"
)
EMAIL = re.compile(r"[\w.+-]+@[\w-]+\.[\w.-]+|\[email\s+protected\]")

# Phrases of news writing that contain widget words.
NEWS_PHRASES = re.compile(
    r"(?i)\b(?:declined|refused|decline|refuse|declining|unavailable|available)\s+(?:to|for)\s+comments?\b|\bno\s+comment\b"
)

# Widget words that a sentence of the article may use too ("shared on Twitter", "the print edition").
WEAK_WIDGET = re.compile(
    r"(?i)\b(?:facebook|twitter|instagram|youtube|whatsapp|linkedin|pinterest|reddit|flipboard|print|comments?|reply|"
    r"share|tweet|advertis\w*|sponsored|promoted|recommended|trending|browser|loading|go\s+to|cookies?|dictionary|"
    r"copyright|javascript|sign\s?up|subscri\w+)\b"
)

# Captions and credits.
CAPTION = re.compile(
    r"""(?ix)
    \[\s*(?-i:[A-Z][A-Z0-9 ,./&'’-]{1,40})\]\s*$                       # ... [SCREEN CAPTURE] / [YONHAP]
    | \[(?:photo|image|사진)[^\]]*\]                                 # [Photo by ...]
    | \((?:photo|image|picture|pictured|credit|file\s+photo|photos?\s+by|illustration|graphic|video)
      \b[^)]*\)\s*$
    | \b(?:(?:getty\s+images|shutterstock|istock(?:photo)?|alamy|ap\s+photo|afp\s+photo|epa-efe|
         photo\s+credit|image\s+credit|image\s+source|images?\s+via|photo\s+via|courtesy\s+of)\b|
         (?:photograph|photos?|image|picture|illustration|credit|foto|kuva|bild|zdjęcie|imagen|immagine)\s*(?::|\.\.\.|…))[^.!?]{0,80}$
    | (?:^|[.!?]\s)(?:photo(?:graph)?|image|picture|illustration)s?\s+(?:by|from|via)\s+[^.!?]{1,80}$
    | (?:^|\s)(?:/|\|)\s*(?:ap|afp|reuters|getty|epa|bloomberg|xinhua|yonhap)\s*$
    | ^(?:photo|image|video|source|credit|caption)\s*[:|]
    | ^\(\s*[^()]{2,60}\)$                                          # (Walt Disney Co.) / (AP Photo)
    | [.!?]\s*\([^()\s]*/[^()]*\)$                                   # ... of Titan. (NASA/JPL-Caltech/ASU)
    | \b(?-i:[A-Z]{3,})/(?-i:[A-Z][\w'’-]+)(?:\s(?-i:[A-Z][\w'’-]+)){1,2}$    # ... REUTERS/Brendan McDermid
    | ^file\s+photo\b
    | ^\((?:reporting|writing|editing|additional\s+reporting|compiled)\s+by\b.*\)$
    | ^[A-Z][\w.'’-]+(?:\s[A-Z][\w.'’-]+){0,3}\s*[|/]\s*                 # Name | Agency | Getty Images
      [A-Z][\w&.]*(?:\s[\w&.]+){0,4}(?:\s*[|/]\s*[\w&. ]{2,30})?$
    | \s/\s*(?:ap|afp|reuters|getty\s+images|epa|bloomberg|xinhua|yonhap|ap\s+images|nbc\s+news|cnn|bbc)
      (?:\s+(?:file|photo|images))?\s*$
    """,
)

# Furniture that is furniture at any length: cookie banners, legal lines, comment forms.
STRONG_WIDGET = re.compile(
    r"""(?ix)
    \b(?:cookies?\b.{0,120}\b(?:website|site|sito|seite|webseite|web|browser|navigat\w*|experience|esperienza|
    expérience|experiencia|consent\w*|accept\w*|akzept\w*|privacy|policy|datenschutz)|
    (?:website|site|sito|seite|webseite|browser|experience|consent|accept|utilizziamo|utilizamos|usamos|utilisons|verwenden|
    korzystamy|używamy|gebruiken|använder|käytämme|we\s+use|uses)\b.{0,80}\bcookies?\b|
    your\s+e-?mail\s+address|activation\s+link|news\s+alerts|delivered\s+(?:to\s+your\s+inbox|(?:every\s+)?(?:weekday|daily|each))|
like\s+this\s+(?:story|article|post)\?|share\s+it\s+with|
    this\s+(?:web)?site\s+uses|all\s+rights\s+reserved|comment\s+data\s+is\s+processed|
    javascript\s+(?:is\s+)?(?:disabled|enabled|required)|enable\s+javascript|
    (?:your|our)\s+privacy\s+(?:policy|settings|choices)|terms\s+of\s+(?:use|service)\s+and\s+privacy|
    to\s+write\s+comments|log\s+in\s+to\s+(?:comment|one\s+of)|you\s+must\s+be\s+logged\s+in|
    save\s+my\s+name,\s+email|notify\s+me\s+(?:of|via|when)|sign\s+up\s+for\s+(?:our|the)\s+\w*\s*newsletter|
    subscribe\s+to\s+(?:our|the)\s+\w*\s*newsletter|get\s+the\s+latest\s+\w+\s+(?:news\s+)?(?:delivered|in\s+your\s+inbox)
    )""",
)
# A numbered figure's caption, however long ("Figure 3: …", "Abbildung 4: Die grösste Lawine …",
# "Fig. 2 – …"): set beside a picture, not read in the article's flow.
FIGURE_LABEL = re.compile(
    r"(?i)^(?:figure|fig\.|abbildung|abb\.|figura|rysunek|rys\.|kuva|bild|grafik|chart|graph|image|"
    r"photo|foto|illustration|illustración|illustrazione)\s*\d+[a-z]?\s*[:.|–—-]\s"
)
# Comment threads: the lines around each comment.
COMMENT_META = re.compile(
    r"""(?ix)^(?:
    \[?\s*(?:\d+\s+)?(?:comments?|replies|responses)\s*\]?|
    (?:show|view|read|load|see)\s+(?:all\s+)?(?:\d+\s+)?(?:comments?|replies)|
    (?:top\s+rated|newest|oldest|best)\s+comments?|leave\s+a\s+(?:comment|reply)|post\s+a\s+comment|add\s+a\s+comment|
    join\s+the\s+(?:conversation|discussion)|
    reply|report|like|flag|rating\s*:\s*\d+\s+votes?|\d+\s+(?:votes?|likes?|points?)|
    antworten|répondre|responder|odpowiedz|rispondi|beantwoorden|
    vor\s+\d+\s+(?:sekunden?|minuten?|stunden?|tagen?|wochen?|monaten?|jahren?)|
    il\s+y\s+a\s+\d+\s+(?:secondes?|minutes?|heures?|jours?|semaines?|mois|ans?)|
    (?:hace|há)\s+\d+\s+(?:segundos?|minutos?|horas?|días?|dias?|semanas?|mes(?:es)?|meses|años?|anos?)|
    \d+\s+(?:sekund[ay]?|minut[ay]?|godzin[ay]?|dni|dzień|tygodni[ae]?|miesi[ąę]c[ey]?|lat[a]?)\s+temu|
    \d+\s+(?:secondi|minuti|ore|giorni|settimane|mesi|anni)\s+fa|
    \d+\s+(?:seconds?|minutes?|mins?|hours?|hrs?|days?|weeks?|months?|years?)\s+ago\b.{0,40}
    )$""",
)
# Lines that open the part of a page after the article (comments, more stories).
# The same headings in the other languages narrate meets most (German, French, Spanish, Portuguese,
# Italian, Polish, Dutch): a comments section, then the boxes of other stories.
_COMMENTS_ELSEWHERE = r"""
    (?:\d+\s+)?(?:kommentare?|leserkommentare|commentaires?|comentarios?|comentários?|commenti|komentarz[ey]?|reacties?)|
    kommentar\s+schreiben|schreibe\s+einen\s+kommentar|(?:laisser|ajouter|écrire)\s+un\s+commentaire|
    (?:deja|añade|escribe)\s+(?:un|tu)\s+comentario|deixe\s+(?:um|seu)\s+comentário|lascia\s+un\s+commento|
    dodaj\s+komentarz|(?:laat|plaats)\s+een\s+reactie(?:\s+achter)?"""
# ("Read also" labels, "Lesen Sie auch", "Leggi anche", "Zobacz też" …, are mostly links set into
# the article, as in English: not here.)
_MORE_STORIES_ELSEWHERE = r"""
    ähnliche\s+(?:beiträge|artikel)|verwandte\s+artikel|weitere\s+artikel|
    das\s+könnte\s+sie\s+auch\s+interessieren|meistgelesen(?:e|en)?(?:\s+artikel)?|
    articles\s+similaires|sur\s+le\s+même\s+sujet|les\s+plus\s+lus|vous\s+aimerez\s+aussi|
    (?:artículos|noticias)\s+relacionad[ao]s|lo\s+más\s+leído|más\s+noticias|
    mais\s+lid[ao]s|notícias\s+relacionadas|articoli\s+correlati|i\s+più\s+letti|
    najpopularniejsze|najczęściej\s+czytane|polecane|podobne\s+artykuły|
    meest\s+gelezen|gerelateerde\s+artikelen"""
BARRIER = re.compile(
    r"""(?ix)^[\[(]?\s*(?:"""
    + _COMMENTS_ELSEWHERE
    + "|"
    + _MORE_STORIES_ELSEWHERE
    + r"""|
    \d+\s+(?:comments?|responses?|replies)|comments?|(?:top\s+rated|newest|oldest|best|recent|reader)\s+comments?|
    (?:leave|post|add|write)\s+a\s+(?:comment|reply)|join\s+the\s+(?:conversation|discussion)|
    (?:show|view|read|load|see)\s+(?:all\s+)?(?:\d+\s+)?comments?|\d+\s+responses?\s+to\b.*|discussion|
    you\s+(?:may|might)\s+(?:also\s+)?(?:like|enjoy|be\s+interested\s+in)|more\s+(?:stories|articles|news|videos)(?:\s+from\b.*)?|
    more\s+from\b.*|recommended(?:\s+(?:for\s+you|stories|articles|reading|videos))?|read\s+next|what\s+to\s+read\s+next|
    up\s+next|most\s+(?:popular|read|viewed|shared|commented)(?:\s+\w+)?|trending(?:\s+(?:now|stories|articles|news))?|
    around\s+the\s+web|from\s+(?:around\s+)?the\s+web|(?:sponsored|promoted|partner)\s+(?:stories|links|content|posts)|
    about\s+the\s+author|previous\s+(?:post|article|story)|next\s+(?:post|article|story)|
    share\s+(?:on|this(?:\s+(?:article|story|post|page))?)
    )\s*[\])]?\s*[:»›>]?$""",
)
# A share bar's label: the article does not go on after one, whatever prose follows it.
SHARE_BAR = re.compile(r"(?i)^share\s+(?:on|this(?:\s+(?:article|story|post|page))?)\s*:?$")
# A comments heading ends the article whatever follows it.
_COMMENTS_IN_ENGLISH = r"""
    (?:\d+\s+)?(?:comments?|responses?|replies|discussion|(?:top\s+rated|newest|oldest|best|recent|reader)\s+comments?|
    (?:leave|post|add|write)\s+a\s+(?:comment|reply)|join\s+the\s+(?:conversation|discussion)|
    (?:show|view|read|load|see)\s+(?:all\s+)?(?:\d+\s+)?comments?|\d+\s+responses?\s+to\b.*)"""
COMMENT_HEAD = re.compile(r"(?ix)^[\[(]?\s*(?:" + _COMMENTS_ELSEWHERE + "|" + _COMMENTS_IN_ENGLISH + ")")
BARE_COMMENT = re.compile(
    r"(?i)^[\[(]?\s*(?:comments?|discussion|kommentare?|commentaires?|comentarios?|comentários?|commenti|komentarz[ey]?|reacties?)"
    r"\s*[\])]?\s*:?$"
)
CODE = re.compile(
    r"&(?:amp|lt|gt|quot|nbsp);|</?[a-zA-Z][a-zA-Z0-9]*(?:\s+[\w-]+=|\s*/?>)|\{\s*[\w-]+\s*:|^\s*(?:var|function|const|let)\s|[{}]\s*$|\[/[a-z]+\]"
)
URL = re.compile(r"(?:https?:)?//\S+|www\.\S+")
LIST_ITEM = re.compile(r"^(?:\d{1,3}[.)]\s+\S|[•·▪►✓✔*–—-]\s*\S|\(\w\)\s+\S|[a-z][.)]\s+\S)")
URL_ONLY = re.compile(r"^(?:https?://|www\.)\S+$")

BREADCRUMB = re.compile(
    r"^[^>»›/]{1,40}(?:\s*[>»›]\s*[^>»›]{1,40}){1,6}$|^[^/]{1,30}(?:\s+/\s+[^/]{1,30}){2,6}$"
)
DATE_LINE = re.compile(
    r"""(?ix)^(?:(?:published|updated|posted|last\s+updated|modified|date|on|기사입력|입력|수정)\s*[:：]?\s*)?
    [\[(]?\s*(?:\w+,?\s+)?(?:\d{1,4}[./-]\d{1,2}[./-]\d{1,4}|\d{1,2}\s+\w+\.?,?\s+\d{4}|\w+\.?\s+\d{1,2},?\s+\d{4})
    (?:\s*(?:at|,|-|\|)?\s*\d{1,2}[:.]\d{2}(?:\s*[ap]\.?m\.?)?(?:\s*[A-Z]{2,4})?)?\s*[\])]?
    (?:\s*(?:\||·|-)?\s*(?:updated|\d+\s+min(?:ute)?s?\s+read).*)?$""",
)
# "New Delhi, News Nation Bureau | Updated : 19 November 2019, 09:01 AM": a byline-and-date bar.
META_BAR = re.compile(r"(?i)\|\s*(?:updated|published|posted|last\s+updated)\s*(?:on\s*)?[:：]?\s*\d")
TIME_AGO = re.compile(r"(?i)^\d+\s+(?:seconds?|minutes?|mins?|hours?|hrs?|days?|weeks?|months?)\s+ago$")
READ_TIME = re.compile(r"(?i)^\d+\s*(?:min(?:ute)?s?)\s+read$")
DATELINE = re.compile(
    r"^(?P<place>[A-Z][A-Z.'’ -]{1,40}[A-Z.])(?:,\s*[A-Z][\w.]*(?:\s+[\w.]+){0,3})?"
    r"\s*(?:\([^)]{1,40}\))?\s*(?:—|–|--|-|:)\s+\S"
)
