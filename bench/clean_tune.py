"""Dev scoring helper for cleaning: snippets-dev and extraction-dev scored in-process.

The judges run `narrate clean` as a subprocess; this imports narrate.clean directly and scores the
same way (the judges' own scoring functions), so a change can be measured in seconds. Report the
judges' figures, not these.

usage: python bench/clean_tune.py [--shared DIR] [--format txt|html|both] [--half 0|1]
  --half 0|1 scores only one half of each set (pages split by a hash of their id): a change
  tuned on the whole set should move both halves the same way.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import pathlib
import sys
from collections.abc import Callable

ROOT = pathlib.Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def half_of(page_id: str) -> int:
    return hashlib.sha1(page_id.encode()).digest()[0] & 1


def narrate_text(path: pathlib.Path) -> str:
    from narrate.clean import parse_article
    from narrate.errors import InputError

    try:
        return "\n".join(parse_article(path.read_bytes(), source=str(path)).body_blocks())
    except InputError:
        return ""


def snippets(shared: pathlib.Path, fmt: str, half: int | None, fn: Callable[[pathlib.Path], str]) -> dict:
    sys.path.insert(0, str(shared / "judges"))
    import snippets as judge  # type: ignore[import-not-found]

    corpus = shared / "corpus" / "snippets-dev"
    items = json.loads((corpus / "snippets.json").read_text())
    ids = sorted(k for k in items if half is None or half_of(k) == half)
    counts = [judge.count(items[k], fn(corpus / "pages" / f"{k}.{fmt}")) for k in ids]
    return judge.scores(counts)


def extraction(shared: pathlib.Path, fmt: str, half: int | None, fn: Callable[[pathlib.Path], str]) -> dict:
    sys.path.insert(0, str(shared / "judges"))
    from shingle_f1 import score  # type: ignore[import-not-found]

    corpus = shared / "corpus" / "extraction-dev"
    gold = {
        k: v["articleBody"]
        for k, v in json.loads((corpus / "gold.json").read_text()).items()
        if half is None or half_of(k) == half
    }
    pred = {k: fn(corpus / "pages" / f"{k}.{fmt}") for k in gold}
    return score(gold, pred)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=pathlib.Path, default=ROOT.parent / "shared")
    parser.add_argument("--format", default="both", choices=("txt", "html", "both"))
    parser.add_argument("--half", type=int, choices=(0, 1))
    args = parser.parse_args()
    for fmt in ("txt", "html") if args.format == "both" else (args.format,):
        s = snippets(args.shared, fmt, args.half, narrate_text)
        e = extraction(args.shared, fmt, args.half, narrate_text)
        print(
            f"{fmt}: snippets F1 {s['f1']:.3f} P {s['p']:.3f} R {s['r']:.3f} lost {s['lost']}/{s['pages']}"
            f" | extraction F1 {e['f1']:.3f} P {e['precision']:.3f} R {e['recall']:.3f}",
            flush=True,
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
