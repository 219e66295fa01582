"""Score narrate.quotes.find_quotes on a quotes JSONL corpus with the rules of ../shared/judges/quotes.py.

usage: python bench/quotes_score.py [JSONL] [-v]

Each quote span stands for one "quote" segment of the script: a direct quote is found when one
quote span holds 80 % of its words, its speaker is right when the span's speaker contains the
expected surname (pronouns accept any speaker); a non-speech span is voiced falsely when a quote
span holds it and is at most three words longer.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

from narrate.quotes import find_quotes

DEFAULT = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "quotes-dev.jsonl"
_WORD = re.compile(r"[A-Za-z]+")
_PRONOUNS = {"he", "she", "they"}
# The judge puts the case after a title and an ordinary first paragraph.
_LEAD = "The government announced new measures on Monday after weeks of debate in parliament over the budget."


def _words(text: str) -> list[str]:
    return [w.lower() for w in _WORD.findall(text)]


def _covers(segment: str, quote: str) -> bool:
    q, s = _words(quote), set(_words(segment))
    return bool(q) and sum(w in s for w in q) / len(q) >= 0.8


def score(cases: list[dict], verbose: bool = False) -> dict[str, int]:
    totals = {"direct": 0, "found": 0, "speaker": 0, "not_direct": 0, "false_voiced": 0}
    for case in cases:
        paragraphs = [_LEAD, *(case.get("paragraphs") or [case["paragraph"]])]
        quotes = [s for spans in find_quotes(paragraphs) for s in spans if s.is_quote]
        for direct in case["direct"]:
            totals["direct"] += 1
            hits = [s for s in quotes if _covers(s.text, direct["text"])]
            totals["found"] += bool(hits)
            want = direct["speaker"].split()[-1].lower()
            ok = bool(hits) and (want in _PRONOUNS or want in (hits[0].speaker or "").lower())
            totals["speaker"] += ok
            if not ok and verbose:
                got = [(s.text[:40], s.speaker) for s in quotes]
                print(f"MISS {direct['text'][:50]!r} ({direct['speaker']}) -> {got}")
        for phrase in case["not_direct"]:
            totals["not_direct"] += 1
            bad = any(
                _covers(s.text, phrase) and len(_words(s.text)) <= len(_words(phrase)) + 3 for s in quotes
            )
            totals["false_voiced"] += bad
            if bad and verbose:
                print(f"FALSE {phrase!r} voiced as a quote")
    return totals


def main(argv: list[str]) -> int:
    args = [a for a in argv if a != "-v"]
    path = Path(args[0]) if args else DEFAULT
    cases = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    t = score(cases, verbose="-v" in argv)
    print(
        f"quotes: found {t['found']}/{t['direct']}, right speaker {t['speaker']}/{t['direct']}, "
        f"false voiced {t['false_voiced']}/{t['not_direct']}"
    )
    return 0 if t["speaker"] == t["direct"] and t["false_voiced"] == 0 else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
