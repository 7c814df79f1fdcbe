"""How fast `gongshi check` is on a ten-year community, against PyYAML's C loader alone.

Writes the synthetic community (bench/synthetic.py) in both shapes, the standard one and
the one with long free text, into a temporary folder or into `--out`, then times for each,
in one run: (a) `yaml.compose` with `CSafeLoader` over the same files (the C parser
building the node graph, which is what our loader starts from), (b) `yaml.load` with it
(nodes made into Python values), (c) `check_project`, all best of `--repeat`, and (d)
`python -m generator check` once, end to end, then (e) twice in a git repository of the
same files (one commit), as a community is kept: the second run finds what the first kept
in `.git/gongshi/` (parsed versions, and the texts jieba found no name in, so that jieba's
dictionary, most of a second to load, is not loaded at all). Wall and CPU seconds are both
printed: on a shared machine the CPU figure is the steadier one. Targets: the full check
under 2 s, and within 2.5× of composing alone. It prints figures and never asserts them:
it is a benchmark, not a test.

    python bench/check_speed.py [--out DIR] [--shape both] [--years 10] [--seed 1]
                                [--repeat 5] [--profile]
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
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parent.parent
if str(REPO) not in sys.path:  # run as `python bench/check_speed.py` from anywhere
    sys.path.insert(0, str(REPO))

from bench.synthetic import (  # noqa: E402
    add_community_arguments,
    add_shape_argument,
    chosen_shapes,
    write_community,
)
from bench.timing import best_of, ratio, seconds, timed  # noqa: E402
from generator.check import check_project  # noqa: E402
from generator.project import CONFIG_FILE, find_content_files  # noqa: E402

TARGET_SECONDS = 2.0
TARGET_RATIO = 2.5
MARKER = ".gongshi-synthetic"
"""Left in `--out` so that a later run may overwrite it, and never a folder of real records."""


def compose_only(paths: list[Path]) -> None:
    for path in paths:
        yaml.compose(path.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)


def load_only(paths: list[Path]) -> None:
    for path in paths:
        yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)


def prepare(out: Path, years: int, seed: int, shape: str) -> dict[str, int]:
    if out.exists() and any(out.iterdir()) and not (out / MARKER).exists():
        sys.exit(f"{out} is not empty and was not written by this benchmark: choose another --out")
    if (out / "content").exists():
        shutil.rmtree(out / "content")
    counts = write_community(out, years=years, seed=seed, shape=shape)
    (out / MARKER).write_text(f"years={years} seed={seed} shape={shape}\n", encoding="utf-8")
    return counts


def git_copy(root: Path) -> Path:
    """The community in a git repository of its own, one commit, beside `root`."""
    repo = root.parent / f"{root.name}-git"
    if repo.exists():
        if not (repo / MARKER).exists():
            sys.exit(f"{repo} was not written by this benchmark: choose another --out")
        shutil.rmtree(repo)
    shutil.copytree(root, repo, ignore=shutil.ignore_patterns(MARKER))
    for args in (("init", "-q"), ("add", "-A"), ("commit", "-q", "-m", "records")):
        who = ("-c", "user.name=bench", "-c", "user.email=bench@example.org")
        subprocess.run(["git", "-C", str(repo), *who, *args], check=True, capture_output=True)
    (repo / MARKER).write_text("a git copy of the community beside it\n", encoding="utf-8")
    return repo


def profile_check(root: Path, top: int = 25) -> str:
    profiler = cProfile.Profile()
    profiler.runcall(check_project, root)
    text = io.StringIO()
    pstats.Stats(profiler, stream=text).sort_stats("tottime").print_stats(top)
    return text.getvalue()


def run(root: Path, shape: str, counts: dict[str, int], repeat: int, profile: bool) -> None:
    found, _ = find_content_files(root)
    paths = [root / CONFIG_FILE] + [path for _, path in found]
    size = sum(path.stat().st_size for path in paths)
    compose = best_of(repeat, lambda: compose_only(paths))
    load = best_of(repeat, lambda: load_only(paths))
    result = check_project(root)  # a first run warms caches; it is not timed
    errors, warnings = len(result.errors), len(result.warnings)
    del result  # nor kept alive to weigh on the timed runs
    check = best_of(repeat, lambda: check_project(root))
    exit_codes: list[int] = []
    cli = timed(lambda: exit_codes.append(_check_command(root)))
    repo = git_copy(root)
    in_git = [timed(lambda: _check_command(repo)) for _ in range(2)]
    records = counts["records"]

    def verdict(met: bool) -> str:
        return "met" if met else "NOT met"

    print(f"\n=== shape {shape}: {root}")
    print(
        f"files {len(paths)} ({size / 1e6:.1f} MB), records {records} (files + ledger entries + "
        f"shifts), ledger entries {counts['entries']}, matters {counts['matters']}, "
        f"shifts {counts['shifts']}"
    )
    print(f"check result: {errors} errors, {warnings} warnings; CLI exit code {exit_codes[0]}")
    print(f"best of {repeat}:")
    print(f"  (a) yaml.compose + CSafeLoader:          {seconds(compose)}")
    print(f"  (b) yaml.load + CSafeLoader:             {seconds(load)}")
    print(
        f"  (c) check_project (load+models+rules):   {seconds(check)}  "
        f"{records / check[0]:9,.0f} records/s"
    )
    print(f"  (d) python -m generator check, once:     {seconds(cli)}")
    print(f"  (e) the same in git, first run:          {seconds(in_git[0])}")
    print(f"      and second run:                      {seconds(in_git[1])}")
    print(
        f"[{shape}] check / compose: {ratio(check, compose)}  (target ≤ {TARGET_RATIO}×: "
        f"{verdict(check[0] / compose[0] <= TARGET_RATIO)} by wall, "
        f"{verdict(check[1] / compose[1] <= TARGET_RATIO)} by CPU); check / load: "
        f"{ratio(check, load)}; CLI {cli[0]:.2f} s (target < {TARGET_SECONDS} s: "
        f"{verdict(cli[0] < TARGET_SECONDS)}), in git again {in_git[1][0]:.2f} s"
    )
    if profile:
        print(f"\ncProfile of one check_project ({shape}), by own time:")
        print(profile_check(root))


def _check_command(root: Path) -> int:
    """`python -m generator check` in a process of its own; its exit code."""
    command = [sys.executable, "-m", "generator", "check", str(root)]
    return subprocess.run(command, cwd=REPO, capture_output=True, check=False).returncode


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    add_community_arguments(parser)
    add_shape_argument(parser)
    parser.add_argument("--repeat", type=int, default=5, help="best of how many runs")
    parser.add_argument("--profile", action="store_true", help="also print a cProfile of one check")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="gongshi-bench-") as folder:
        base = args.out if args.out is not None else Path(folder)
        for shape in chosen_shapes(args.shape):
            root = base / shape
            counts = prepare(root, args.years, args.seed, shape)
            run(root, shape, counts, args.repeat, args.profile)


if __name__ == "__main__":
    main()
