"""Dev scoring helper: extraction F1 of narrate.clean on the extraction-dev corpus.

Imports narrate.clean directly (no subprocess) and scores with ../shared/judges/shingle_f1.py.

usage: python bench/extraction_score.py [CORPUS_DIR] [--shared DIR] [--format txt|html|both]
                                      [--pages] [--worst N] [--min-txt F1] [--min-html F1]

Prints one line per format; exits 1 when a score is below its --min floor.
"""

from __future__ import annotations

import json
import pathlib
import sys
import time

ROOT = pathlib.Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
SHARED = ROOT.parent / "shared"  # ../shared beside the project


def _score_fn(shared: pathlib.Path = SHARED):
    sys.path.insert(0, str(shared / "judges"))
    from shingle_f1 import page, score  # type: ignore[import-not-found]

    return page, score


def predict(corpus: pathlib.Path, fmt: str) -> tuple[dict[str, str], dict[str, str], float]:
    from narrate.clean import parse_article
    from narrate.errors import InputError

    gold = {k: v["articleBody"] for k, v in json.loads((corpus / "gold.json").read_text()).items()}
    pred: dict[str, str] = {}
    t = time.perf_counter()
    for k in sorted(gold):
        path = corpus / "pages" / f"{k}.{fmt}"
        try:
            art = parse_article(path.read_bytes(), source=str(path))
            pred[k] = "\n".join(art.paragraphs)
        except InputError:
            pred[k] = ""
    return gold, pred, time.perf_counter() - t


def main(argv: list[str]) -> int:
    import argparse

    ap = argparse.ArgumentParser(description="extraction F1 of narrate.clean")
    ap.add_argument("corpus", nargs="?", default=None, help="default: SHARED/corpus/extraction-dev")
    ap.add_argument("--shared", default=str(SHARED), help="the shared folder (corpus/ and judges/)")
    ap.add_argument("--format", choices=("txt", "html", "both"), default="both")
    ap.add_argument("--min-txt", type=float, default=None)
    ap.add_argument("--min-html", type=float, default=None)
    ap.add_argument("--pages", action="store_true", help="print every page's score")
    ap.add_argument("--worst", type=int, default=0, help="print the N worst pages")
    ns = ap.parse_args(argv)
    shared = pathlib.Path(ns.shared)
    corpus = pathlib.Path(ns.corpus) if ns.corpus else shared / "corpus" / "extraction-dev"
    fmt, worst = ns.format, ns.worst
    if not (corpus / "gold.json").exists():
        print(f"extraction: no corpus at {corpus}")
        return 0
    page, score = _score_fn(shared)
    status = 0
    for f in ("txt", "html") if fmt == "both" else (fmt,):
        gold, pred, secs = predict(corpus, f)
        m = score(gold, pred)
        floor = ns.min_txt if f == "txt" else ns.min_html
        if floor is not None and m["f1"] < floor:
            status = 1
        print(
            f"extraction {corpus.name} {f}: F1 {m['f1']} P {m['precision']} R {m['recall']}"
            f" over {m['pages']} pages ({secs:.2f} s)"
        )
        if ns.pages or worst:
            rows = []
            for k in sorted(gold):
                tp, fp, fn = page(gold[k], pred[k])
                p = tp / (tp + fp) if tp + fp else 0.0
                r = tp / (tp + fn) if tp + fn else 0.0
                rows.append((2 * p * r / (p + r) if p + r else 0.0, k, p, r))
            rows.sort()
            for f1, k, p, r in rows[: worst or len(rows)]:
                print(f"  {k[:8]} F1 {f1:.3f} P {p:.3f} R {r:.3f}")
    return status


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
