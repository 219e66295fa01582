"""Fit the line model of text copies (narrate/clean/linemodel.py) on the dev sets.

Labels, per line of each text copy:
- extraction-dev: a line is article when most of its 4-word shingles are in the human-marked
  article body (lines under 4 words: when their words occur in it; one-word lines that do are
  left unlabelled);
- snippets-dev: a line holding a "with" snippet (or held in one) is article, one holding a
  "without" snippet is not; other lines are unlabelled.
Every page weighs the same. The logistic weights are fitted by gradient descent with an L2
penalty; the sequence costs are then chosen on the dev sets' own scores (bench/clean_tune.py).

usage: python tools/fit_clean.py [--shared DIR] [--half 0|1] [--out FILE]
  --half N fits on that half of each set's pages only (the other half is held out).
"""

from __future__ import annotations

import argparse
import json
import pathlib
import re
import sys

import numpy as np

ROOT = pathlib.Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from clean_tune import half_of  # noqa: E402

from narrate.clean.decode import to_text  # noqa: E402
from narrate.clean.linemodel import FEATURES, features  # noqa: E402
from narrate.clean.text import analyse, norm  # noqa: E402

_WORD = re.compile(r"\w+")


def _shingles(words: list[str]) -> set[tuple[str, ...]]:
    return {tuple(words[i : i + 4]) for i in range(len(words) - 3)}


def _page_rows(path: pathlib.Path) -> tuple[list, list[dict[str, float]]]:
    page = analyse(to_text(path.read_bytes()))
    title_words = set(norm(page.title).split())
    return page.info, features(page.info, title_words, page.region)


def extraction_rows(corpus: pathlib.Path, half: int | None):
    gold = json.loads((corpus / "gold.json").read_text())
    for k, v in sorted(gold.items()):
        if half is not None and half_of(k) != half:
            continue
        body = norm(v["articleBody"])
        body_sh = _shingles(body.split())
        info, feats = _page_rows(corpus / "pages" / f"{k}.txt")
        rows = []
        for ln, f in zip(info, feats):
            if not f:
                continue
            words = ln.norm.split()
            if len(words) >= 4:
                sh = _shingles(words)
                rows.append((f, float(len(sh & body_sh) >= 0.5 * len(sh))))
            elif f" {ln.norm} " in f" {body} ":
                if len(words) >= 2:
                    rows.append((f, 1.0))
            else:
                rows.append((f, 0.0))
        yield rows


def snippet_rows(corpus: pathlib.Path, half: int | None):
    items = json.loads((corpus / "snippets.json").read_text())
    for k, item in sorted(items.items()):
        if half is not None and half_of(k) != half:
            continue
        with_ = [norm(s) for s in item["with"] if norm(s)]
        without = [norm(s) for s in item["without"] if norm(s)]
        info, feats = _page_rows(corpus / "pages" / f"{k}.txt")
        rows = []
        for ln, f in zip(info, feats):
            if not f or not ln.norm:
                continue
            if any(s in ln.norm or (len(ln.norm) >= 12 and ln.norm in s) for s in with_):
                rows.append((f, 1.0))
            elif any(s in ln.norm for s in without):
                rows.append((f, 0.0))
        yield rows


def fit(pages: list[list], l2: float = 1e-3, steps: int = 30) -> dict[str, float]:
    """Weighted logistic regression by Newton's method (a few dozen features: exact and fast)."""
    x_rows, y, weight = [], [], []
    for rows in pages:
        for f, label in rows:
            x_rows.append([f.get(name, 0.0) for name in FEATURES])
            y.append(label)
            weight.append(1.0 / len(rows))
    x = np.array(x_rows)
    yv = np.array(y)
    wv = np.array(weight) / sum(weight)
    beta = np.zeros(len(FEATURES))
    ridge = l2 * np.eye(len(FEATURES))
    for _ in range(steps):
        p = 1.0 / (1.0 + np.exp(-(x @ beta)))
        grad = x.T @ (wv * (p - yv)) + l2 * beta
        hess = (x * (wv * p * (1 - p))[:, None]).T @ x + ridge
        beta -= np.linalg.solve(hess, grad)
    return {name: round(float(b), 4) for name, b in zip(FEATURES, beta)}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=pathlib.Path, default=ROOT.parent / "shared")
    parser.add_argument("--half", type=int, choices=(0, 1))
    parser.add_argument("--out", type=pathlib.Path, default=ROOT / "narrate" / "data" / "clean_lines.json")
    args = parser.parse_args()
    corpus = args.shared / "corpus"
    pages = [rows for rows in extraction_rows(corpus / "extraction-dev", args.half) if rows]
    pages += [rows for rows in snippet_rows(corpus / "snippets-dev", args.half) if rows]
    w = fit(pages)
    old = json.loads(args.out.read_text()) if args.out.exists() else {}
    sequence = old.get("sequence", {"enter": 2.0, "gap_open": 4.0, "gap_close": 2.0, "leave": 2.0})
    data = {
        "about": "line model of text copies; fitted by tools/fit_clean.py on snippets-dev and extraction-dev",
        "weights": w,
        "sequence": sequence,
    }
    args.out.write_text(json.dumps(data, indent=1) + "\n")
    print(json.dumps(w))
    return 0


if __name__ == "__main__":
    sys.exit(main())
