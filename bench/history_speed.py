"""What reading history costs: `check` and `build` on a ten-year community with 2,000 commits.

Writes the synthetic community (bench/synthetic.py), then a git repository of it with
`--commits` commits made the way a secretary publishes: first the configuration and the
bodies, then every ledger and matter in date order, one commit each, then edits until the
count is reached, each touching one record without changing a figure (a new timeline event
on a matter, a clearer wording of a ledger entry). The same files are also copied to a
folder without git. In one run it times, best of `--repeat`:
(a) `read_history` alone, (b) `check_project` with and without git, and, once each,
(c) `build_site` with and without git, and (d) `gongshi build --no-posters` end to end, a
fresh process as CI runs it (the rules beside the pages), with and without git, so the
figures are what history (versions, corrections, the revision tables and the public log)
adds. Goal: under 1 s added to each.
Wall and CPU seconds are both printed: on a shared machine the CPU figure (this process and
the mkdocs, Pagefind and git it runs) is the steadier one. It prints figures and never
asserts them: it is a benchmark, not a test.

    python bench/history_speed.py [--commits 2000] [--years 10] [--seed 1] [--repeat 3] [--rounds 2]
"""

from __future__ import annotations

import argparse
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
import time
from datetime import date
from functools import partial
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
if str(REPO) not in sys.path:  # run as `python bench/history_speed.py` from anywhere
    sys.path.insert(0, str(REPO))

from bench.synthetic import LAST_YEAR, add_community_arguments, write_community  # noqa: E402
from bench.timing import alternated, best_of  # noqa: E402
from generator.check import check_project  # noqa: E402
from generator.history.versions import read_history  # noqa: E402

TODAY = date(LAST_YEAR + 1, 1, 15)
TARGET_ADDED_SECONDS = 1.0
EPOCH = 1_451_606_400  # 2016-01-01, when the ten-year community starts publishing


def _publishing_order(root: Path) -> list[Path]:
    """Configuration and bodies first, then ledgers and matters by the dates in their names."""
    first = [root / "site_config.yml", *sorted((root / "content" / "organizations").glob("*.yml"))]
    rest = [
        path
        for folder in ("funds", "matters", "volunteers")
        for path in (root / "content" / folder).glob("*.yml")
    ]
    return first + sorted(rest, key=lambda p: (re.findall(r"\d{4}", p.name) or ["0"])[0] + p.name)


def _with_timeline_event(text: str, number: int) -> str | None:
    """The matter with one more timeline event, on the day of its last one (an addition)."""
    lines = text.splitlines(keepends=True)
    try:
        start = lines.index("timeline:\n")
    except ValueError:
        return None
    end = start + 1
    while end < len(lines) and lines[end].startswith("  "):
        end += 1
    dates = [
        m.group(1) for m in (re.search(r"date: ([0-9-]+)", line) for line in lines[start:end]) if m
    ]
    if not dates:
        return None
    event = [f"  - date: {dates[-1]}\n", f"    event: 业委会补充说明进展（第 {number} 次）\n"]
    return "".join(lines[:end] + event + lines[end:])


def _reworded(text: str, number: int) -> str | None:
    """The ledger with one entry's description made clearer (wording is not a figure)."""
    found = re.search(r"^    description: (.+)$", text, flags=re.MULTILINE)
    if not found:
        return None
    end = found.end() - 1 if found.group(1).endswith('"') else found.end()  # inside the quotes
    return text[:end] + f"（补充说明 {number}）" + text[end:]


def _fast_import(root: Path, commits: list[tuple[str, dict[str, bytes]]]) -> None:
    """One `git fast-import` stream: far quicker than 2,000 `git commit` calls, same history."""
    stream = bytearray()
    for number, (message, files) in enumerate(commits):
        when = EPOCH + number * 86_400 * 3652 // max(len(commits), 1)
        body = message.encode()
        stream += b"commit refs/heads/main\n"
        stream += f"author 社区秘书 <secretary@example.org> {when} +0800\n".encode()
        stream += f"committer 社区秘书 <secretary@example.org> {when} +0800\n".encode()
        stream += b"data %d\n%s\n" % (len(body), body)
        for name, content in files.items():
            stream += b"M 100644 inline %s\ndata %d\n%s\n" % (name.encode(), len(content), content)
    subprocess.run(["git", "init", "-q", "-b", "main", str(root)], check=True)
    subprocess.run(
        ["git", "-C", str(root), "fast-import", "--quiet"], input=bytes(stream), check=True
    )
    subprocess.run(["git", "-C", str(root), "checkout", "-q", "-f", "main"], check=True)


def make_repository(source: Path, root: Path, count: int, seed: int) -> dict[str, int]:
    rng = random.Random(seed)
    order = _publishing_order(source)
    relative = [p.relative_to(source).as_posix() for p in order]
    texts = {name: (source / name).read_text("utf-8") for name in relative}
    commits: list[tuple[str, dict[str, bytes]]] = []
    bodies = [n for n in relative if n == "site_config.yml" or "/organizations/" in n]
    commits.append(("建立小区信息公示", {n: texts[n].encode() for n in bodies}))
    for name in relative[len(bodies) :]:
        commits.append((f"公布 {Path(name).stem}", {name: texts[name].encode()}))
    matters = [n for n in relative if "/matters/" in n]
    ledgers = [n for n in relative if "/funds/" in n]
    edits = 0
    while len(commits) < count:
        edits += 1
        name = rng.choice(matters) if rng.random() < 0.6 else rng.choice(ledgers)
        change = _with_timeline_event if "/matters/" in name else _reworded
        changed = change(texts[name], edits)
        if changed is None:
            continue
        texts[name] = changed
        commits.append((f"更新 {Path(name).stem}", {name: changed.encode()}))
    _fast_import(root, commits)
    return {"commits": len(commits), "edits": edits, "files": len(relative)}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    add_community_arguments(parser)
    parser.add_argument("--commits", type=int, default=2000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--rounds", type=int, default=2, help="builds with and without git")
    parser.add_argument("--no-build", action="store_true", help="time check only")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="gongshi-history-bench-") as scratch:
        work = Path(scratch)
        plain = work / "plain"
        write_community(plain, years=args.years, seed=args.seed)
        repo = work / "repo"
        started = time.perf_counter()
        shape = make_repository(plain, repo, args.commits, args.seed)
        print(
            f"repository: {shape['commits']:,} commits ({shape['files']:,} record files, "
            f"{shape['edits']:,} edits) written in {time.perf_counter() - started:.1f} s"
        )
        shutil.rmtree(plain)
        shutil.copytree(repo, plain, ignore=shutil.ignore_patterns(".git"))
        started = time.perf_counter()
        history = read_history(repo)
        cold = time.perf_counter() - started
        assert history is not None
        print(f"versions read: {len(history.versions):,}, unreadable: {len(history.unreadable)}")
        read, _ = best_of(args.repeat, lambda: read_history(repo))
        print(
            f"read_history: {cold:.2f} s on a fresh clone (every blob parsed, as in CI), "
            f"{read:.2f} s once the parsed blobs are kept (best of {args.repeat})"
        )
        seconds: dict[str, tuple[float, float]] = {}
        for label, root in (("without git", plain), ("with git", repo)):
            result = check_project(root, TODAY)
            seconds[label] = best_of(args.repeat, partial(check_project, root, TODAY))
            found = sorted({d.code for d in result.diagnostics})
            wall, cpu = seconds[label]
            print(f"check {label}: {wall:.2f} s ({cpu:.2f} s CPU), codes: {found or 'none'}")
        _print_added("check", seconds)
        if not args.no_build:
            _time_builds(plain, repo, work, args.rounds)
            _time_commands(plain, repo, work, args.rounds)
    return 0


def _time_builds(plain: Path, repo: Path, work: Path, rounds: int) -> None:
    from generator.site.build import build_site

    projects = {}
    for label, root in (("without git", plain), ("with git", repo)):
        result = check_project(root, TODAY)
        assert result.project is not None
        projects[label] = result.project
    runs = {
        label: partial(build_site, project, work / f"site-{label.replace(' ', '-')}", posters=False)
        for label, project in projects.items()
    }
    _print_added("build --no-posters", alternated(runs, rounds, "build --no-posters"))


def _time_commands(plain: Path, repo: Path, work: Path, rounds: int) -> None:
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    runs = {}
    for label, root in (("without git", plain), ("with git", repo)):
        out = work / f"cli-site-{label.replace(' ', '-')}"
        command = [sys.executable, "-m", "generator", "build", str(root), "--out", str(out)]
        command += ["--no-posters", "--today", TODAY.isoformat()]
        runs[label] = partial(subprocess.run, command, env=env, check=True, capture_output=True)
    what = "gongshi build --no-posters"
    _print_added(f"{what} (command)", alternated(runs, rounds, what))


def _print_added(what: str, seconds: dict[str, tuple[float, float]]) -> None:
    (wall_git, cpu_git), (wall_plain, cpu_plain) = seconds["with git"], seconds["without git"]
    print(
        f"{what}: history adds {wall_git - wall_plain:.2f} s ({wall_git / wall_plain:.2f}×), "
        f"{cpu_git - cpu_plain:.2f} s of CPU ({cpu_git / cpu_plain:.2f}×); "
        f"goal under {TARGET_ADDED_SECONDS:.0f} s"
    )


if __name__ == "__main__":
    raise SystemExit(main())
