"""A model of a text copy: each line scored as article or page, the article chosen as a sequence.

Each line gets a feature vector (its length and sentence shape, the furniture vocabulary it
carries, its neighbours, where it sits, whether it repeats, how close it is to the headline); a
logistic model fitted on the dev sets (tools/fit_clean.py; weights in narrate/data/clean_lines.json)
turns it into the log-odds that the line is article. A left-to-right state machine (before the
article, in it, an interruption inside it, after it) then picks the article with the Viterbi
algorithm: an inline box in mid-article is one interruption and is bridged when prose follows,
and a short line between article lines stays article.
"""

from __future__ import annotations

import json
import math
from functools import cache
from importlib import resources

from .text import _BARRIER, _URL_ONLY, Line, is_list_item

JUNK_KINDS = (
    "title",
    "comment",
    "code",
    "widget",
    "breadcrumb",
    "menu",
    "caption",
    "date",
    "byline",
    "contact",
    "duplicate",
    "symbols",
)

FEATURES = (
    "bias",
    "log_words",
    "sentence",
    "long_sentence",
    "list_item",
    "url_only",
    "barrier",
    *(f"junk_{k}" for k in JUNK_KINDS),
    "prev_prose",
    "next_prose",
    "near_prose",
    "in_dense_run",
    "dense_distance",
    "position",
    "after_barrier",
    "headline_overlap",
    "title_case",
    "digit_share",
    "ends_colon",
    "short_between_prose",
    "rule_region",
)

_BEFORE, _IN, _GAP, _AFTER = range(4)


@cache
def weights() -> dict[str, float]:
    data = json.loads(resources.files("narrate.data").joinpath("clean_lines.json").read_text("utf-8"))
    return {k: float(v) for k, v in data["weights"].items()} | {
        f"_{k}": float(v) for k, v in data["sequence"].items()
    }


def _prose(ln: Line | None) -> float:
    return 1.0 if ln is not None and not ln.junk and ln.sentence and ln.words >= 8 else 0.0


def _dense_run(info: list[Line]) -> tuple[int, int]:
    """The span of lines holding the most prose with little between (the page's densest run)."""
    best, best_span = 0.0, (0, -1)
    cur, start = 0.0, 0
    for i, ln in enumerate(info):
        if not ln.text:
            continue
        gain = float(min(ln.words, 80)) if _prose(ln) else -3.0 - 0.2 * ln.words
        if cur <= 0:
            cur, start = gain, i
        else:
            cur += gain
        if cur > best:
            best, best_span = cur, (start, i)
    return best_span


def features(info: list[Line], title_words: set[str], region: tuple[int, int]) -> list[dict[str, float]]:
    """One feature dict per line (empty lines included: the sequence step skips them).

    ``region`` is the span the line-score rules choose (the densest run of scored lines).
    """
    text_idx = [i for i, ln in enumerate(info) if ln.text]
    order = {i: n for n, i in enumerate(text_idx)}
    total = max(1, len(text_idx))
    lo, hi = _dense_run(info)
    barriers_seen = 0
    out: list[dict[str, float]] = []
    for i, ln in enumerate(info):
        if not ln.text:
            out.append({})
            continue
        n = order[i]
        prev = info[text_idx[n - 1]] if n > 0 else None
        nxt = info[text_idx[n + 1]] if n + 1 < len(text_idx) else None
        near = [info[text_idx[j]] for j in range(max(0, n - 3), min(len(text_idx), n + 4)) if j != n]
        barrier = ln.words <= 8 and bool(_BARRIER.match(ln.text))
        toks = ln.text.split()
        caps = sum(1 for t in toks if t[:1].isupper())
        digits = sum(1 for c in ln.text if c.isdigit())
        words = set(ln.norm.split())
        dist = 0 if lo <= i <= hi else min(abs(i - lo), abs(i - hi))
        f = {
            "bias": 1.0,
            "log_words": math.log1p(ln.words),
            "sentence": float(ln.sentence),
            "long_sentence": float(ln.sentence and ln.words >= 10),
            "list_item": float(is_list_item(ln)),
            "url_only": float(bool(_URL_ONLY.match(ln.text))),
            "barrier": float(barrier),
            "prev_prose": _prose(prev),
            "next_prose": _prose(nxt),
            "near_prose": sum(_prose(x) for x in near) / max(1, len(near)),
            "in_dense_run": float(lo <= i <= hi),
            "dense_distance": math.log1p(dist),
            "position": n / total,
            "after_barrier": float(barriers_seen > 0 and i > hi),
            "headline_overlap": len(words & title_words) / max(1, len(words)) if title_words else 0.0,
            "title_case": caps / len(toks) if len(toks) >= 3 else 0.0,
            "digit_share": digits / max(1, len(ln.text)),
            "ends_colon": float(ln.text.endswith(":")),
            "short_between_prose": float(ln.words < 10 and _prose(prev) > 0 and _prose(nxt) > 0),
            "rule_region": float(region[0] <= i <= region[1]),
        }
        if ln.junk:
            f[f"junk_{ln.junk}"] = 1.0
        if barrier:
            barriers_seen += 1
        out.append(f)
    return out


def log_odds(f: dict[str, float]) -> float:
    w = weights()
    return sum(w.get(k, 0.0) * v for k, v in f.items())


def choose(info: list[Line], title_words: set[str], region: tuple[int, int]) -> list[bool]:
    """Which lines are article: Viterbi over before / in / interruption / after."""
    w = weights()
    enter, gap_open, gap_close, leave = w["_enter"], w["_gap_open"], w["_gap_close"], w["_leave"]
    feats = features(info, title_words, region)
    idx = [i for i, f in enumerate(feats) if f]
    if not idx:
        return [False] * len(info)
    neg = -math.inf
    # score[s]: best total so far ending in state s; back[t][s]: previous state
    score = [0.0, neg, neg, neg]
    back: list[list[int]] = []
    for t, i in enumerate(idx):
        e = log_odds(feats[i]) + w.get("_offset", 0.0)
        # emission: article lines earn their log-odds in state IN; every other state earns 0
        emit = (0.0, e, 0.0, 0.0)
        if t == 0:
            score = [0.0, e - enter, neg, neg]
            back.append([0, 0, 0, 0])
            continue
        cand = {
            _BEFORE: [(score[_BEFORE], _BEFORE)],
            _IN: [(score[_BEFORE] - enter, _BEFORE), (score[_IN], _IN), (score[_GAP] - gap_close, _GAP)],
            _GAP: [(score[_IN] - gap_open, _IN), (score[_GAP], _GAP)],
            _AFTER: [(score[_IN] - leave, _IN), (score[_AFTER], _AFTER)],
        }
        new, bk = [], []
        for s in range(4):
            val, src = max(cand[s])
            new.append(val + emit[s])
            bk.append(src)
        score = new
        back.append(bk)
    state = max(range(4), key=lambda s: score[s] if s in (_IN, _AFTER) else neg)
    if score[state] == neg:
        return [False] * len(info)
    keep = [False] * len(info)
    floor = w.get("_keep_min", -math.inf)
    for t in range(len(idx) - 1, -1, -1):
        keep[idx[t]] = state == _IN and log_odds(feats[idx[t]]) >= floor
        state = back[t][state]
    return keep
