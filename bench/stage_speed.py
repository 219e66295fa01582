"""Time the text stages on the seed, in process: cleaning, the chapter plan and the speakable text.

Each stage is timed as the best of several runs (a busy machine slows some runs, not all) after
one run that pays for lazy tables and imports, as a render's first article does. Exits 1 when a
stage is above its limit.

usage: python bench/stage_speed.py [ARTICLE] [--max-clean-ms 50] [--max-plan-ms 20]
                                   [--max-speakable-ms 50] [--runs 7]
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable
from pathlib import Path

from narrate.clean import parse_article
from narrate.script.chapters import plan_chapters
from narrate.speakable import speakable

SEED = Path(__file__).resolve().parent.parent / "seeds" / "000_c7231357d1905d75.txt"


def best_ms(work: Callable[[], object], runs: int) -> float:
    work()
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        work()
        times.append((time.perf_counter() - started) * 1000)
    return min(times)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("article", nargs="?", type=Path, default=SEED)
    parser.add_argument("--max-clean-ms", type=float, default=50.0)
    parser.add_argument("--max-plan-ms", type=float, default=20.0)
    parser.add_argument("--max-speakable-ms", type=float, default=50.0)
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    raw, source = args.article.read_bytes(), str(args.article)
    article = parse_article(raw, source=source)
    texts = [article.title, *article.paragraphs]
    measured = {
        "clean": (
            best_ms(lambda: parse_article(raw, source=str(args.article)), args.runs),
            args.max_clean_ms,
        ),
        "plan": (best_ms(lambda: plan_chapters(article), args.runs), args.max_plan_ms),
        "speakable": (best_ms(lambda: [speakable(t) for t in texts], args.runs), args.max_speakable_ms),
    }
    words = sum(len(t.split()) for t in texts)
    print(
        f"stage speed: {args.article.name} ({words} words), best of {args.runs}: "
        + ", ".join(f"{name} {ms:.1f} ms (limit {limit:.0f})" for name, (ms, limit) in measured.items())
    )
    return 0 if all(ms <= limit for ms, limit in measured.values()) else 1


if __name__ == "__main__":
    sys.exit(main())
