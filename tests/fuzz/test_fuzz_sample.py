"""Replay stored fuzz inputs: a broken file may fail the check, never crash it.

`sample.jsonl.gz` holds 3,000 inputs made by `scripts/fuzz.py --seed 23`: one
file of the base community, mutated (values swapped for odd types and
extremes, lines deleted, duplicated, re-indented, spliced from other files,
truncated). Each is written over its file in a fresh copy of the base
community. The checker must answer each with diagnostics, never with an
exception or G901, and within the time a secretary would wait; every 30th goes
through the real CLI, which may only exit 0 or 1; the first distinct inputs
that pass are built, posters included, to show that passing means buildable.
"""

from __future__ import annotations

import gzip
import json
import shutil
import time
import traceback
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner

from generator.check import check_project
from generator.cli import cli
from generator.posters.write import all_records, render_poster_html
from generator.project import Project
from generator.site.build import build_site
from tests.conftest import BASE, TODAY

SAMPLE = Path(__file__).parent / "sample.jsonl.gz"
SECONDS_PER_INPUT = 10.0
CLI_EVERY = 30
BUILDS = 10


def load_sample() -> list[dict[str, str]]:
    with gzip.open(SAMPLE, "rt", encoding="utf-8") as stream:
        return [json.loads(line) for line in stream]


@pytest.fixture(scope="module")
def inputs() -> list[dict[str, str]]:
    return load_sample()


def build_problem(project: Project, out: Path) -> str | None:
    """Build the site and every poster; the traceback if anything raised."""
    try:
        build_site(project, out, posters=False, search=False)
        for record in all_records(project):
            render_poster_html(project, record)
    except Exception:
        return traceback.format_exc()
    finally:
        shutil.rmtree(out, ignore_errors=True)
    return None


def test_the_sample_holds_a_few_thousand_inputs_over_every_base_file(
    inputs: list[dict[str, str]],
) -> None:
    assert len(inputs) >= 3000
    files = {str(path.relative_to(BASE)) for path in BASE.rglob("*.yml")}
    assert files <= {item["target"] for item in inputs}, "some base file is never mutated"


def test_every_stored_input_is_answered_with_diagnostics(
    inputs: list[dict[str, str]], tmp_path: Path
) -> None:
    project = tmp_path / "community"
    shutil.copytree(BASE, project)
    originals = {item["target"]: (project / item["target"]).read_bytes() for item in inputs}
    runner = CliRunner()
    today = date.fromisoformat(TODAY)
    failures: list[str] = []
    built: set[str] = set()
    outcomes = {"passed": 0, "failed": 0}
    for number, item in enumerate(inputs):
        target = project / item["target"]
        target.write_bytes(item["text"].encode("utf-8", "surrogatepass"))
        where = f"input {number} ({item['target']})"
        begun = time.perf_counter()
        try:
            result = check_project(project, today)
        except Exception:
            failures.append(f"{where}: check raised\n{traceback.format_exc()}")
            target.write_bytes(originals[item["target"]])
            continue
        seconds = time.perf_counter() - begun
        if seconds > SECONDS_PER_INPUT:
            failures.append(f"{where}: check took {seconds:.1f} s")
        crashes = [d.message for d in result.diagnostics if d.code == "G901"]
        if crashes:
            failures.append(f"{where}: G901 {crashes[0]}")
        outcomes["failed" if result.failed() else "passed"] += 1
        if number % CLI_EVERY == 0:
            outcome = runner.invoke(cli, ["check", str(project), "--today", TODAY])
            if outcome.exit_code not in (0, 1) or "Traceback" in outcome.output:
                failures.append(f"{where}: CLI exit {outcome.exit_code}\n{outcome.output[-600:]}")
            expected = 1 if result.failed() else 0
            if outcome.exit_code != expected:
                failures.append(f"{where}: CLI exit {outcome.exit_code}, check said {expected}")
        passing = None if result.failed() else result.project
        if passing is not None and len(built) < BUILDS and item["text"] not in built:
            built.add(item["text"])
            problem = build_problem(passing, tmp_path / "site")
            if problem:
                failures.append(f"{where}: passed the check, build raised\n{problem}")
        target.write_bytes(originals[item["target"]])
    assert not failures, "\n\n".join(failures[:10])
    # The sample must exercise both sides: inputs that fail and inputs that still pass.
    assert outcomes["failed"] > 1000 and outcomes["passed"] > 100, outcomes
    assert len(built) == BUILDS
