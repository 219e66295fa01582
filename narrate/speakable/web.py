"""Web and e-mail addresses as a person says them: "digitaljournal.com" -> "digital journal dot
com", "Qantas.com.au" -> "Qantas dot com dot A.U.", "CNNMoney.com" -> "C.N.N. Money dot com".

Each label of a host name is read by its shape: capitals are spelled, camel case is cut at its
capitals, a run of lower-case words is cut into its words (wordninja, English word frequencies)
when every piece is a real word, and a two-letter country domain is spelled.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache

_RE_OBFUSCATED_EMAIL = re.compile(
    r"(?:\b(?:to|at|via|from|e-?mail)\s+)?\[?\s*\[email\s*protected\]\s*\]?", re.IGNORECASE
)
_RE_EMAIL = re.compile(r"\b([\w.+-]+)@([\w-]+(?:\.[\w-]+)+)\b")
_RE_URL = re.compile(
    r"\b(?:https?://|www\.)(?:www\.)?([\w-]+(?:\.[\w-]+)+)(?:/[^\s]*[^\s.,;:!?)\]])?/?", re.IGNORECASE
)
# An embedded post's picture or short link says nothing when read out.
_RE_MEDIA_LINK = re.compile(r"(?:https?://)?\b(?:pic\.twitter\.com|t\.co)/\S+", re.IGNORECASE)
# Generic top-level domains said as words, and the countries' two-letter domains (ISO 3166 codes
# and uk, eu), so that "cu.ft." or "e.g" are not taken for addresses.
_WORD_TLDS = "com|org|net|gov|edu|info|biz|int|mil|io|co|tv|fm|me|ly"
_COUNTRY_TLDS = (
    "ac|ad|ae|af|ag|ai|al|am|ao|aq|ar|as|at|au|aw|ax|az|ba|bb|bd|be|bf|bg|bh|bi|bj|bm|bn|bo|br|bs|bt|"
    "bw|by|bz|ca|cc|cd|cf|cg|ch|ci|ck|cl|cm|cn|co|cr|cu|cv|cw|cx|cy|cz|de|dj|dk|dm|do|dz|ec|ee|eg|er|"
    "es|et|eu|fi|fj|fk|fm|fo|fr|ga|gd|ge|gf|gg|gh|gi|gl|gm|gn|gp|gq|gr|gs|gt|gu|gw|gy|hk|hm|hn|hr|ht|"
    "hu|id|ie|il|im|in|io|iq|ir|is|it|je|jm|jo|jp|ke|kg|kh|ki|km|kn|kp|kr|kw|ky|kz|la|lb|lc|li|lk|lr|"
    "ls|lt|lu|lv|ly|ma|mc|md|me|mg|mh|mk|ml|mm|mn|mo|mp|mq|mr|ms|mt|mu|mv|mw|mx|my|mz|na|nc|ne|nf|ng|"
    "ni|nl|no|np|nr|nu|nz|om|pa|pe|pf|pg|ph|pk|pl|pm|pn|pr|ps|pt|pw|py|qa|re|ro|rs|ru|rw|sa|sb|sc|sd|"
    "se|sg|sh|si|sk|sl|sm|sn|so|sr|ss|st|sv|sx|sy|sz|tc|td|tf|tg|th|tj|tk|tl|tm|tn|to|tr|tt|tv|tw|tz|"
    "ua|ug|uk|us|uy|uz|va|vc|ve|vg|vi|vn|vu|wf|ws|ye|yt|za|zm|zw"
)
_RE_BARE_DOMAIN = re.compile(
    rf"(?<![\w.@/-])([A-Za-z][\w-]+(?:\.[a-z][\w-]*)*\.(?:{_WORD_TLDS}|{_COUNTRY_TLDS}))(?![\w-]|\.[a-z])"
    r"(?:/[^\s]*[^\s.,;:!?)\]])?/?"
)
# Country domains that are English words are said as words: "amzn.to", "about.me".
_WORD_COUNTRY_TLDS = frozenset({"to", "me", "is", "it", "in", "no", "so", "do", "go", "be", "my"})
_SAID_TLDS = frozenset({"com", "org", "net", "gov", "edu", "info", "biz", "co"})
_RE_CAMEL = re.compile(r"[A-Z]+(?=[A-Z][a-z])|[A-Z]?[a-z]+|[A-Z]+|\d+")
_SHORTEST_SPLIT = 7  # shorter lower-case names ("yahoo", "nascar") are kept whole


@lru_cache(maxsize=1)
def _splitter() -> Callable[[str], list[str]]:
    import wordninja  # loads a word list (~0.2 s): only when an address needs it

    split: Callable[[str], list[str]] = wordninja.split
    return split


@lru_cache(maxsize=512)
def _words(run: str) -> str:
    if len(run) < _SHORTEST_SPLIT:
        return run
    pieces = _splitter()(run)
    # "plimsollshipdata" would be "p lim so ll ship data": a name, not words, stays whole.
    return " ".join(pieces) if all(len(p) > 1 for p in pieces) else run


def _label(label: str, last: bool) -> str:
    if last and len(label) == 2 and label.islower() and label not in _SAID_TLDS | _WORD_COUNTRY_TLDS:
        return ".".join(label.upper()) + "."  # a country: "dot A.U."
    if label.islower():
        return _words(label)
    if label[1:].islower():  # "Filmindonesia", "Bodog"
        return _words(label.lower())
    if label.isupper() and len(label) > 4:  # "USATODAY"
        return _words(label.lower())
    parts = _RE_CAMEL.findall(label)
    spoken = [
        ".".join(p) + "." if p.isupper() and len(p) > 1 else _words(p.lower()) if p.islower() else p
        for p in parts
    ]
    return " ".join(spoken)


def domain(host: str) -> str:
    """ "digitaljournal.com" -> "digital journal dot com"."""
    labels = host.split(".")
    return " dot ".join(_label(lab, i == len(labels) - 1) for i, lab in enumerate(labels))


def speak_addresses(text: str) -> str:
    """Web and e-mail addresses as a person says them; obfuscated addresses dropped."""
    folded = text.lower()  # cheap tests first: most paragraphs hold no address at all
    if "protected" in folded:
        text = _RE_OBFUSCATED_EMAIL.sub(" ", text)
    if "t.co" in folded or "pic.twitter" in folded:
        text = _RE_MEDIA_LINK.sub(" ", text)
    if "@" in text:
        text = _RE_EMAIL.sub(lambda m: f"{domain(m[1])} at {domain(m[2])}", text)
    if "www." in folded or "://" in text:
        text = _RE_URL.sub(lambda m: domain(m[1]), text)
    return _RE_BARE_DOMAIN.sub(lambda m: domain(m[1]), text)
