"""Ray batch bench: the 20-page batch through a local Ray with 2 CPUs against `--jobs 2`.

Both runs render the same 20 text-copy pages (the first 20 by name, as the scale judge takes
them) with fresh caches; the Ray run's own start and stop, timed in the same run as a bare
`ray.init` / `ray.shutdown` of 2 CPUs in a process of its own, is subtracted before the ratio.

usage: python bench/ray_batch.py [--pages DIR] [--runs N] [--max-ratio X] [--detail]
(--pages default: ../shared/corpus/extraction-dev/pages; --runs: the best of N of each, default 1;
--detail: each run's times as well)
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BARE_RAY = (
    "import ray; ray.init(num_cpus=2, include_dashboard=False, _node_ip_address='127.0.0.1', "
    "logging_level='error'); ray.shutdown()"
)


def timed(cmd: list[str]) -> float:
    started = time.perf_counter()
    done = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, check=False)
    if done.returncode != 0:
        sys.exit(f"ray-batch: {' '.join(cmd[:3])} failed: {done.stderr.strip()[-300:]}")
    return time.perf_counter() - started


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--pages", type=Path, default=ROOT.parent / "shared" / "corpus" / "extraction-dev" / "pages"
    )
    parser.add_argument("--runs", type=int, default=1)
    parser.add_argument("--max-ratio", type=float, default=1.15)
    parser.add_argument("--detail", action="store_true", help="print every run's times too")
    args = parser.parse_args()
    try:
        import ray  # noqa: F401
    except ImportError:
        print("ray-batch: ray is not installed (pip install 'narrate[ray]'); nothing to measure")
        return 0
    pages = [str(p) for p in sorted(args.pages.glob("*.txt"))[:20]]
    if len(pages) < 20:
        print(f"ray-batch: {args.pages} holds fewer than 20 pages; nothing to measure")
        return 0
    os.environ.setdefault("RAY_USAGE_STATS_ENABLED", "0")
    narrate = str(Path(sys.executable).parent / "narrate")
    local, on_ray, bare = [], [], []
    with tempfile.TemporaryDirectory() as tmp:
        for run in range(args.runs):
            out = Path(tmp) / str(run)
            render = [narrate, "render", *pages, "--jobs", "2", "--no-progress"]
            local.append(timed([*render, "-o", str(out / "local"), "--cache-dir", str(out / "c-local")]))
            bare.append(timed([sys.executable, "-c", BARE_RAY]))
            on_ray.append(timed([*render, "--executor", "ray", "-o", str(out / "ray"), "--cache-dir",
                                 str(out / "c-ray")]))  # fmt: skip
            if args.detail:
                ratio = (on_ray[-1] - bare[-1]) / local[-1]
                print(f"ray-batch: run {run + 1}: jobs 2 {local[-1]:.1f} s, bare Ray {bare[-1]:.1f} s, "
                      f"Ray {on_ray[-1]:.1f} s, ratio {ratio:.2f}x")  # fmt: skip
    t_local, t_bare, t_ray = min(local), min(bare), min(on_ray)
    ratio = (t_ray - t_bare) / t_local
    verdict = (
        f"within {args.max_ratio - 1:.0%}" if ratio <= args.max_ratio else f"above {args.max_ratio:.2f}x"
    )
    print(
        f"ray-batch: {verdict}; batch of 20: jobs 2 {t_local:.1f} s, local Ray of 2 CPUs {t_ray:.1f} s "
        f"less its start and stop {t_bare:.1f} s = {t_ray - t_bare:.1f} s, ratio {ratio:.2f}x"
    )
    return 0 if ratio <= args.max_ratio else 1


if __name__ == "__main__":
    sys.exit(main())
