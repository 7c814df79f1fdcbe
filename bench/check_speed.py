"""How fast `gongshi check` is on a ten-year community, against PyYAML's C loader alone.

Writes the synthetic community (bench/synthetic.py) into a temporary folder, or into
`--out`, then times in one run: (a) `yaml.load` with `CSafeLoader` over the same files,
(b) `check_project`, both best of `--repeat`, and (c) `python -m generator check` once,
end to end. Targets: the full check under 2 s, and within 2.5× of the parse alone. It
prints figures and never asserts them: it is a benchmark, not a test.

    python bench/check_speed.py [--out DIR] [--years 10] [--seed 1] [--repeat 5] [--profile]
"""

from __future__ import annotations

import argparse
import cProfile
import io
import pstats
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parent.parent
if str(REPO) not in sys.path:  # run as `python bench/check_speed.py` from anywhere
    sys.path.insert(0, str(REPO))

from bench.synthetic import add_community_arguments, write_community  # noqa: E402
from generator.check import check_project  # noqa: E402
from generator.project import CONFIG_FILE, find_content_files  # noqa: E402

TARGET_SECONDS = 2.0
TARGET_RATIO = 2.5
MARKER = ".gongshi-synthetic"
"""Left in `--out` so that a later run may overwrite it, and never a folder of real records."""


def best_of(repeat: int, run: Callable[[], object]) -> float:
    best = float("inf")
    for _ in range(repeat):
        started = time.perf_counter()
        run()
        best = min(best, time.perf_counter() - started)
    return best


def parse_only(paths: list[Path]) -> None:
    for path in paths:
        yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)


def prepare(out: Path, years: int, seed: int) -> dict[str, int]:
    if out.exists() and any(out.iterdir()) and not (out / MARKER).exists():
        sys.exit(f"{out} is not empty and was not written by this benchmark: choose another --out")
    if (out / "content").exists():
        shutil.rmtree(out / "content")
    counts = write_community(out, years=years, seed=seed)
    (out / MARKER).write_text(f"years={years} seed={seed}\n", encoding="utf-8")
    return counts


def profile_check(root: Path, top: int = 20) -> str:
    profiler = cProfile.Profile()
    profiler.runcall(check_project, root)
    text = io.StringIO()
    pstats.Stats(profiler, stream=text).sort_stats("tottime").print_stats(top)
    return text.getvalue()


def run(root: Path, counts: dict[str, int], repeat: int, profile: bool) -> None:
    paths = [root / CONFIG_FILE] + [path for _, path in find_content_files(root)]
    parse_seconds = best_of(repeat, lambda: parse_only(paths))
    result = check_project(root)  # a first run warms caches; it is not timed
    errors, warnings = len(result.errors), len(result.warnings)
    del result  # nor kept alive to weigh on the timed runs
    check_seconds = best_of(repeat, lambda: check_project(root))
    started = time.perf_counter()
    cli = subprocess.run(
        [sys.executable, "-m", "generator", "check", str(root)],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=False,
    )
    cli_seconds = time.perf_counter() - started
    records = counts["records"]
    ratio = check_seconds / parse_seconds

    def verdict(met: bool) -> str:
        return "met" if met else "NOT met"

    print(f"community: {root}")
    print(
        f"files {len(paths)}, records {records} (files + ledger entries + shifts), "
        f"ledger entries {counts['entries']}, matters {counts['matters']}, shifts {counts['shifts']}"
    )
    print(f"check result: {errors} errors, {warnings} warnings; CLI exit code {cli.returncode}")
    print(f"best of {repeat}:")
    print(
        f"  (a) parse only, yaml.load + CSafeLoader: {parse_seconds:7.3f} s  "
        f"{records / parse_seconds:9,.0f} records/s"
    )
    print(
        f"  (b) check_project (load + models + rules): {check_seconds:7.3f} s  "
        f"{records / check_seconds:9,.0f} records/s"
    )
    print(
        f"  (c) python -m generator check, once:     {cli_seconds:7.3f} s  "
        f"{records / cli_seconds:9,.0f} records/s"
    )
    print(
        f"check / parse: {ratio:.2f}×  (target ≤ {TARGET_RATIO}×: {verdict(ratio <= TARGET_RATIO)}); "
        f"check {check_seconds:.2f} s (target < {TARGET_SECONDS} s: "
        f"{verdict(check_seconds < TARGET_SECONDS)}); "
        f"CLI {cli_seconds:.2f} s ({verdict(cli_seconds < TARGET_SECONDS)})"
    )
    if profile:
        print("\ncProfile of one check_project, by own time:")
        print(profile_check(root))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    add_community_arguments(parser)
    parser.add_argument("--repeat", type=int, default=5, help="best of how many runs")
    parser.add_argument("--profile", action="store_true", help="also print a cProfile of one check")
    args = parser.parse_args()
    if args.out is not None:
        run(args.out, prepare(args.out, args.years, args.seed), args.repeat, args.profile)
        return
    with tempfile.TemporaryDirectory(prefix="gongshi-bench-") as folder:
        root = Path(folder)
        run(root, prepare(root, args.years, args.seed), args.repeat, args.profile)


if __name__ == "__main__":
    main()
