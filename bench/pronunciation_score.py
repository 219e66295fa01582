"""Pronunciation share of narrate's speakable text on the dev corpus, with each miss.

Scores like ../shared/judges/pronunciation.py (eSpeak phonemes of the speakable text of
PRE + raw + POST against those of each accepted form), calling speakable() in-process.
usage: python bench/pronunciation_score.py [TSV] [--judges DIR]
"""

from __future__ import annotations

import argparse
import importlib.util
import sys
from pathlib import Path
from types import ModuleType

from narrate.speakable import speakable

SHARED = Path(__file__).resolve().parents[2] / "shared"


def _judge(judges: Path) -> ModuleType:
    sys.path.insert(0, str(judges))
    spec = importlib.util.spec_from_file_location("pronunciation_judge", judges / "pronunciation.py")
    if spec is None or spec.loader is None:
        raise SystemExit(f"no judge in {judges}")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("tsv", nargs="?", type=Path, default=SHARED / "corpus" / "pronunciation-dev.tsv")
    parser.add_argument("--judges", type=Path, default=SHARED / "judges")
    args = parser.parse_args()
    judge = _judge(args.judges)
    lines = args.tsv.read_text(encoding="utf-8").splitlines()
    rows = [line.split("\t") for line in lines if line.strip() and not line.startswith("#")]
    passed = 0
    for raw, accepted in rows:
        said = speakable(f"{judge.PRE} {raw} {judge.POST}")
        heard = judge.canon(said)
        if any(heard == judge.canon(f"{judge.PRE} {a} {judge.POST}") for a in accepted.split(" || ")):
            passed += 1
        else:
            print(f"MISS {raw!r}\n  said:     {said!r}\n  accepted: {accepted!r}")
    print(f"pronunciation {passed}/{len(rows)} = {passed / len(rows):.3f}")


if __name__ == "__main__":
    main()
