"""One small change to the real sample community must fail the check and point at the change.

The sample (the repository's `content/` and `site_config.yml`) is copied, one
value is changed where the loader says it was written, and the check must exit
with 1 and name that file and line. Records are found by what they contain, not
by file name, so the tests follow the sample as it grows.
"""

from __future__ import annotations

import json
import shutil
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from generator.cli import cli
from generator.diagnostics import relative_name
from generator.loader import LoadedFile, load_yaml_file
from generator.voting import SPECIAL_ITEMS
from tests.conftest import REPO, TODAY

Problem = tuple[str, str, int]


@pytest.fixture
def sample(tmp_path: Path) -> Path:
    """A writable copy of the sample community."""
    if not (REPO / "site_config.yml").is_file():
        pytest.fail("the sample community has no site_config.yml yet")
    root = tmp_path / "sample"
    root.mkdir()
    shutil.copyfile(REPO / "site_config.yml", root / "site_config.yml")
    if (REPO / "content").is_dir():
        shutil.copytree(REPO / "content", root / "content")
    return root


def check(root: Path) -> tuple[int, set[Problem], str]:
    result = CliRunner().invoke(cli, ["check", str(root), "--format", "json", "--today", TODAY])
    assert "Traceback" not in result.output, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    problems = json.loads(result.stdout) if result.stdout.strip() else []
    return result.exit_code, {(p["code"], p["file"], p["line"]) for p in problems}, result.stdout


@dataclass(frozen=True)
class Record:
    path: Path
    loaded: LoadedFile

    @property
    def name(self) -> str:
        return self.loaded.name

    @property
    def data(self) -> dict[str, Any]:
        assert self.loaded.data is not None
        return self.loaded.data


def records(root: Path, folder: str) -> list[Record]:
    found = []
    for path in sorted((root / "content" / folder).glob("*.y*ml")):
        loaded = load_yaml_file(path, relative_name(path, root))
        if loaded.data is not None and not loaded.diagnostics:
            found.append(Record(path, loaded))
    return found


def replace_scalar(record: Record, keys: tuple[str | int, ...], new_text: str) -> int:
    """Rewrite one plain or quoted scalar where it was typed; returns its line."""
    value = record.data
    for key in keys:
        value = value[key]
    span = record.loaded.source.span(*keys)
    lines = record.path.read_text("utf-8").split("\n")
    line = lines[span.line - 1]
    start = span.column - 1
    if line[start] in "\"'":
        start += 1
    assert line[start:].startswith(str(value)), (line, value)
    lines[span.line - 1] = line[:start] + new_text + line[start + len(str(value)) :]
    record.path.write_text("\n".join(lines), "utf-8")
    return span.line


def assert_change_is_reported(root: Path, before: set[Problem], expected: Problem) -> None:
    exit_code, after, output = check(root)
    assert expected not in before
    assert expected in after, output
    assert exit_code == 1, output


def first_ledger(root: Path) -> Record:
    ledgers = [r for r in records(root, "funds") if "closing_balance" in r.data]
    if not ledgers:
        pytest.fail("the sample community has no ledger yet")
    return ledgers[0]


def test_closing_balance_off_by_one_fen_is_reported(sample: Path) -> None:
    _, before, _ = check(sample)
    ledger = first_ledger(sample)
    closing = Decimal(ledger.data["closing_balance"]) + Decimal("0.01")
    line = replace_scalar(ledger, ("closing_balance",), f"{closing:.2f}")
    assert_change_is_reported(sample, before, ("G201", ledger.name, line))


def _threshold(participated: int, special: bool) -> int:
    """The fewest agreeing owners that pass: 3/4 or more, or more than half."""
    return -(-participated * 3 // 4) if special else participated // 2 + 1


def test_agreed_one_owner_short_of_the_threshold_is_reported(sample: Path) -> None:
    _, before, _ = check(sample)
    approved = [
        r
        for r in records(sample, "matters")
        if isinstance(r.data.get("vote"), dict)
        and isinstance(r.data.get("decision"), dict)
        and r.data["decision"].get("result") == "approved"
    ]
    if not approved:
        pytest.fail("the sample community has no approved vote yet")
    matter = approved[0]
    vote = matter.data["vote"]
    participated = int(vote["participated"]["owners"])
    agreed = int(vote["agreed"]["owners"])
    short = _threshold(participated, int(vote["item"]) in SPECIAL_ITEMS) - 1
    assert short < agreed
    # the ballots that no longer agree are counted as opposed, so every total still adds up
    opposed = int(vote["opposed"]["owners"]) + agreed - short
    replace_scalar(matter, ("vote", "opposed", "owners"), str(opposed))
    replace_scalar(matter, ("vote", "agreed", "owners"), str(short))
    result_line = matter.loaded.source.span("decision", "result").line

    exit_code, after, output = check(sample)
    assert ("G301", matter.name, result_line) in after, output
    assert {p for p in after - before if p[1] == matter.name} == {
        ("G301", matter.name, result_line)
    }
    assert exit_code == 1


def test_mobile_number_added_to_a_description_is_reported(sample: Path) -> None:
    _, before, _ = check(sample)
    ledger = first_ledger(sample)
    lines = ledger.path.read_text("utf-8").split("\n")
    for index, entry in enumerate(ledger.data.get("entries") or []):
        span = ledger.loaded.source.span("entries", index, "description")
        typed = lines[span.line - 1][span.column - 1 :]
        if isinstance(entry.get("description"), str) and typed[:1] not in ("|", ">"):
            break
    else:
        pytest.fail("no ledger entry has a one-line description")
    line = replace_scalar(
        ledger, ("entries", index, "description"), "联系人 139 1234 5678，" + entry["description"]
    )
    assert_change_is_reported(sample, before, ("G702", ledger.name, line))


def test_duplicate_key_is_reported_on_the_second_one(sample: Path) -> None:
    _, before, _ = check(sample)
    ledger = first_ledger(sample)
    line = ledger.loaded.source.key_span("name").line
    lines = ledger.path.read_text("utf-8").split("\n")
    lines.insert(line, lines[line - 1])
    ledger.path.write_text("\n".join(lines), "utf-8")
    assert_change_is_reported(sample, before, ("G002", ledger.name, line + 1))
