"""Mutate the test community's YAML and feed it to the checker and the builder.

Each input is one file of the small base community (tests/corpus/base) with one to
three mutations: at the level of characters and lines (what a careless edit or a bad
paste does to YAML) or of values (a number, date or text replaced by an awkward one,
a key dropped, duplicated or misspelt). The input goes through `check_project`; when
it passes, the site is built from it (once per distinct community, within a time
budget) and every poster's HTML is rendered. A sample also goes through the real CLI.

Anything that escapes as a Python exception, any G901 (a rule that crashed), any run
over the time limit and any exit code other than 0 or 1 is a finding: it is printed
and its input saved, so that it can become a corpus case.

    python scripts/fuzz.py --inputs 100000 [--seed 1] [--findings DIR]
                           [--save-sample FILE --sample-size 3000]

The figures printed at the end are the ones to quote.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import shutil
import sys
import tempfile
import time
import traceback
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import yaml
from click.testing import CliRunner

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from generator.check import check_project  # noqa: E402
from generator.cli import cli  # noqa: E402
from generator.posters.write import all_records, render_poster_html  # noqa: E402
from generator.project import Project  # noqa: E402
from generator.site.build import build_site  # noqa: E402

BASE = REPO / "tests" / "corpus" / "base"
TODAY = date(2026, 11, 25)
TIME_LIMIT_SECONDS = 10.0

AWKWARD_CHARACTERS: tuple[str, ...] = (
    *":[]{}-#&*!|>'\"%@`,?~ \t\n\r",
    "\u3000",  # the Chinese IME's space
    "：",
    "，",
    "\u200b",
    "\ufeff",
    "\x00",
    "\x07",
    "\x1b",
    "\x7f",
    "\ud7ff",
    "１",
    "一",
    "元",
    "\u2028",
    "\\",
    "0",
    "9",
    ".",
    "e",
)

AWKWARD_VALUES: tuple[Any, ...] = (
    "",
    None,
    "~",
    "0",
    "-1",
    "-0.00",
    "00",
    "1e-99999999",
    "1E+400",
    "9" * 17,
    "9" * 19,
    "9" * 28 + ".99",
    "9" * 4301,
    "0." + "0" * 40 + "1",
    "12,345.00",
    "¥100",
    "１２３",
    "2026-02-30",
    "2026-13-01",
    "0000-01-01",
    "9999-12-31",
    "2026-1-1",
    "24:00",
    "1/0",
    "0/0",
    "150%",
    "-50%",
    "true",
    "no",
    "x" * 10_000,
    "一行\n两行",
    "控制\x07字符",
    "制表\t符",
    "<script>alert(1)</script>",
    "{{ config }}",
    "index",
    "con",
    "all",
    "../../etc/passwd",
    "a" * 65,
    "Zhang San",
    "13812345678",
    "110101199003074514",
    [],
    {},
    ["a", "b"],
    {"a": "b"},
    [[[["deep"]]]],
)


TEXT_VALUES: tuple[str, ...] = (
    "",
    " ",
    "一行\n两行",
    "末尾换行\n",
    "控制\x07字符",
    "退格\x08",
    "\u2028分隔",
    "x" * 3000,
    "'\"<>&",
    "=1+1",
    "@SUM(A1)",
    "{% raw %}",
    "[链接](javascript:alert(1))",
)


@dataclass
class Input:
    """One mutated file: which file of the community it replaces, and its text."""

    target: str
    text: str
    mutations: list[str]


# ---------------------------------------------------------------- mutations


def _lines(text: str) -> list[str]:
    return text.split("\n")


def insert_character(text: str, rng: random.Random) -> str:
    at = rng.randrange(len(text) + 1)
    return text[:at] + rng.choice(AWKWARD_CHARACTERS) + text[at:]


def delete_span(text: str, rng: random.Random) -> str:
    if not text:
        return text
    at = rng.randrange(len(text))
    return text[:at] + text[at + rng.randint(1, 8) :]


def duplicate_line(text: str, rng: random.Random) -> str:
    lines = _lines(text)
    at = rng.randrange(len(lines))
    lines.insert(at, lines[at])
    return "\n".join(lines)


def delete_line(text: str, rng: random.Random) -> str:
    lines = _lines(text)
    del lines[rng.randrange(len(lines))]
    return "\n".join(lines)


def swap_lines(text: str, rng: random.Random) -> str:
    lines = _lines(text)
    a, b = rng.randrange(len(lines)), rng.randrange(len(lines))
    lines[a], lines[b] = lines[b], lines[a]
    return "\n".join(lines)


def shift_indent(text: str, rng: random.Random) -> str:
    lines = _lines(text)
    at = rng.randrange(len(lines))
    lines[at] = lines[at][2:] if rng.random() < 0.5 else "  " + lines[at]
    return "\n".join(lines)


def drop_list_dash(text: str, rng: random.Random) -> str:
    lines = _lines(text)
    dashed = [i for i, line in enumerate(lines) if line.lstrip().startswith("- ")]
    if dashed:
        at = rng.choice(dashed)
        lines[at] = lines[at].replace("- ", "  ", 1)
    return "\n".join(lines)


def truncate(text: str, rng: random.Random) -> str:
    return text[: rng.randrange(len(text) + 1)]


def splice_other_file(text: str, rng: random.Random, others: list[str]) -> str:
    other = rng.choice(others)
    cut, other_cut = rng.randrange(len(text) + 1), rng.randrange(len(other) + 1)
    return text[:cut] + other[other_cut:]


def _paths(data: Any, prefix: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
    yield prefix
    if isinstance(data, dict):
        for key, value in data.items():
            yield from _paths(value, (*prefix, key))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield from _paths(value, (*prefix, index))


def _value(data: Any, path: tuple[Any, ...]) -> Any:
    for step in path:
        data = data[step]
    return data


def _parent(data: Any, path: tuple[Any, ...]) -> Any:
    for step in path[:-1]:
        data = data[step]
    return data


def mutate_value(data: Any, rng: random.Random) -> str:
    """Change the loaded values, then write them back: reaches the models and the rules."""
    paths = [path for path in _paths(data) if path]
    if not paths:
        return "nothing"
    leaves = [path for path in paths if not isinstance(_value(data, path), dict | list)]
    path = rng.choice(leaves if leaves and rng.random() < 0.8 else paths)
    parent = _parent(data, path)
    key = path[-1]
    choice = rng.random()
    if choice < 0.55:
        awkward = TEXT_VALUES if isinstance(parent[key], str) and rng.random() < 0.5 else None
        parent[key] = rng.choice(awkward or AWKWARD_VALUES)
        return f"value {path}"
    if choice < 0.65 and isinstance(parent, dict):
        del parent[key]
        return f"drop {path}"
    if choice < 0.75 and isinstance(parent, dict):
        parent[f"{key}s"] = parent.pop(key)
        return f"rename {path}"
    if choice < 0.85 and isinstance(parent, list):
        parent.insert(rng.randrange(len(parent) + 1), parent[key])
        return f"repeat {path}"
    if isinstance(parent[key], str) and parent[key]:
        text = parent[key]
        at = rng.randrange(len(text) + 1)
        parent[key] = text[:at] + rng.choice(AWKWARD_CHARACTERS) + text[at:]
        return f"edit {path}"
    parent[key] = str(parent[key]) + rng.choice(("0", ".5", "9" * 20, "-"))
    return f"extend {path}"


TEXT_MUTATIONS: tuple[Callable[[str, random.Random], str], ...] = (
    insert_character,
    insert_character,
    delete_span,
    duplicate_line,
    delete_line,
    swap_lines,
    shift_indent,
    drop_list_dash,
    truncate,
)


def generate(rng: random.Random, files: dict[str, str]) -> Input:
    target = rng.choice(sorted(files))
    text = files[target]
    done: list[str] = []
    for _ in range(rng.choice((1, 1, 1, 2, 3))):
        kind = rng.random()
        if kind < 0.45:
            try:
                data = yaml.safe_load(text)
            except yaml.YAMLError:
                data = None
            if isinstance(data, dict | list):
                done.append(mutate_value(data, rng))
                text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=10_000)
                continue
        if kind < 0.5:
            others = [files[name] for name in files if name != target]
            text = splice_other_file(text, rng, others)
            done.append("splice")
            continue
        mutation = rng.choice(TEXT_MUTATIONS)
        text = mutation(text, rng)
        done.append(mutation.__name__)
    return Input(target, text, done)


# ---------------------------------------------------------------- running


@dataclass
class Figures:
    inputs: int = 0
    passed: int = 0
    built: int = 0
    posters: int = 0
    cli_runs: int = 0
    codes: Counter[str] = field(default_factory=Counter)
    exit_codes: Counter[int] = field(default_factory=Counter)
    findings: list[dict[str, Any]] = field(default_factory=list)
    check_seconds: list[float] = field(default_factory=list)
    build_seconds: list[float] = field(default_factory=list)


def _record_finding(figures: Figures, item: Input, kind: str, detail: str, folder: Path) -> None:
    digest = hashlib.sha256(f"{item.target}\0{item.text}".encode()).hexdigest()[:12]
    folder.mkdir(parents=True, exist_ok=True)
    (folder / f"{digest}.json").write_text(
        json.dumps({"kind": kind, "detail": detail, **item.__dict__}, ensure_ascii=False),
        "utf-8",
    )
    figures.findings.append({"kind": kind, "detail": detail[-400:], "target": item.target})
    print(f"finding {kind} in {item.target} ({digest}): {detail[-300:]}", file=sys.stderr)


def _fingerprint(project: Project) -> str:
    parts = [project.config.record.model_dump_json()]
    for group in (project.organizations, project.ledgers, project.matters, project.schedules):
        parts += [item.record.model_dump_json() for item in group]
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()


def run(args: argparse.Namespace) -> Figures:
    rng = random.Random(args.seed)
    files = {
        str(path.relative_to(BASE)): path.read_text("utf-8") for path in sorted(BASE.rglob("*.yml"))
    }
    figures = Figures()
    built: set[str] = set()
    sample: list[dict[str, str]] = []
    runner = CliRunner()
    scratch = Path(tempfile.mkdtemp(prefix="gongshi-fuzz-", dir=args.scratch))
    project_dir = scratch / "community"
    shutil.copytree(BASE, project_dir)
    build_budget_left = args.build_seconds
    started = time.perf_counter()
    try:
        for number in range(args.inputs):
            item = generate(rng, files)
            target = project_dir / item.target
            target.write_bytes(item.text.encode("utf-8", "surrogatepass"))
            figures.inputs += 1
            if len(sample) < args.sample_size and rng.random() < args.sample_size / args.inputs:
                sample.append({"target": item.target, "text": item.text})
            begun = time.perf_counter()
            try:
                result = check_project(project_dir, TODAY)
            except Exception:
                _record_finding(figures, item, "traceback", traceback.format_exc(), args.findings)
                target.write_text(files[item.target], "utf-8")
                continue
            seconds = time.perf_counter() - begun
            figures.check_seconds.append(seconds)
            if seconds > TIME_LIMIT_SECONDS:
                _record_finding(figures, item, "slow", f"{seconds:.1f} s", args.findings)
            figures.codes.update(d.code for d in result.diagnostics)
            if any(d.code == "G901" for d in result.diagnostics):
                crash = next(d.message for d in result.diagnostics if d.code == "G901")
                _record_finding(figures, item, "G901", crash, args.findings)
            if number % args.cli_every == 0:
                outcome = runner.invoke(cli, ["check", str(project_dir), "--today", str(TODAY)])
                figures.cli_runs += 1
                figures.exit_codes[outcome.exit_code] += 1
                escaped = outcome.exception is not None and not isinstance(
                    outcome.exception, SystemExit
                )
                if outcome.exit_code not in (0, 1) or escaped:
                    _record_finding(figures, item, "cli", repr(outcome.exception), args.findings)
            if not result.failed() and result.project is not None:
                figures.passed += 1
                fingerprint = _fingerprint(result.project)
                if fingerprint not in built and build_budget_left > 0:
                    built.add(fingerprint)
                    begun = time.perf_counter()
                    _build(result.project, item, figures, scratch, args.findings)
                    spent = time.perf_counter() - begun
                    figures.build_seconds.append(spent)
                    build_budget_left -= spent
            target.write_text(files[item.target], "utf-8")
            if number and number % 5000 == 0:
                print(
                    f"{number:,} inputs, {figures.passed:,} passed, {figures.built:,} built, "
                    f"{len(figures.findings)} findings, {time.perf_counter() - started:.0f} s",
                    file=sys.stderr,
                )
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    if args.save_sample:
        args.save_sample.write_text(
            "".join(json.dumps(entry, ensure_ascii=False) + "\n" for entry in sample), "utf-8"
        )
    return figures


def _build(project: Project, item: Input, figures: Figures, scratch: Path, findings: Path) -> None:
    out = scratch / "site"
    try:
        build_site(project, out, posters=False, search=False)
        for record in all_records(project):
            render_poster_html(project, record)
            figures.posters += 1
        figures.built += 1
    except Exception:
        _record_finding(figures, item, "build", traceback.format_exc(), findings)
    finally:
        shutil.rmtree(out, ignore_errors=True)


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))] if ordered else 0.0


def report(figures: Figures, elapsed: float) -> None:
    print(f"inputs: {figures.inputs:,} in {elapsed:.0f} s")
    print(
        f"passed check: {figures.passed:,}; distinct passing communities built: {figures.built:,}"
    )
    print(f"poster pages rendered (HTML): {figures.posters:,}")
    median, p99 = (_percentile(figures.check_seconds, share) * 1000 for share in (0.5, 0.99))
    slowest = max(figures.check_seconds, default=0) * 1000
    print(f"check time: median {median:.1f} ms, p99 {p99:.1f} ms, max {slowest:.1f} ms")
    if figures.build_seconds:
        print(
            f"build time: median {_percentile(figures.build_seconds, 0.5):.2f} s, "
            f"max {max(figures.build_seconds):.2f} s"
        )
    print(f"CLI runs: {figures.cli_runs:,}, exit codes: {dict(sorted(figures.exit_codes.items()))}")
    print("codes reported:", ", ".join(f"{c} {n:,}" for c, n in sorted(figures.codes.items())))
    kinds = Counter(finding["kind"] for finding in figures.findings)
    print(f"findings: {len(figures.findings)} {dict(kinds)}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--inputs", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--cli-every", type=int, default=200, help="every Nth input via the CLI")
    parser.add_argument("--build-seconds", type=float, default=1800.0, help="time for builds")
    parser.add_argument("--findings", type=Path, default=Path("fuzz-findings"))
    parser.add_argument("--scratch", type=Path, default=None, help="folder for the work copy")
    parser.add_argument("--save-sample", type=Path, default=None)
    parser.add_argument("--sample-size", type=int, default=0)
    args = parser.parse_args()
    started = time.perf_counter()
    figures = run(args)
    report(figures, time.perf_counter() - started)
    return 1 if figures.findings else 0


if __name__ == "__main__":
    sys.exit(main())
