"""One mistake, one message: the cascade corpus.

Each file in `cascade/` is one mistake a secretary makes, applied to a copy of the
real sample community (the repository's `content/` and `site_config.yml`), and the
exact set of `(file, code, line)` the real CLI must report for it: the root cause,
and nothing that follows from it (no "not found" for a record whose file failed, no
"does not follow" in the next period of a broken ledger, no duplicate-field storm).
A case file is data:

    mistake: 业委会的组织文件被另存成了 GBK 编码        what the secretary did, for the reader
    file: content/organizations/owners-committee.yml   the file the mistake is made in
    replace:                                            text edits, each `old` found exactly once
      - {old: "kind: owners_committee\\n", new: ""}
    save_as: gbk                                        the encoding the file is saved in
    copy_to: content/funds/x - 副本.yml                  the edited file copied there as well
    expect:                                             every problem the mistake adds
      - content/organizations/owners-committee.yml G004@1

Problems the unchanged sample reports too (a contract ending soon) are not listed;
one of them may only go quiet in the file the mistake is made in.
"""

from __future__ import annotations

import json
import re
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import CliRunner

from generator import codes
from generator.cli import cli
from tests.conftest import REPO, TESTS, TODAY

CASES = TESTS / "cascade"
Problem = tuple[str, str, int]
_EXPECTATION = re.compile(r"^(.+) (G\d{3})@(\d+)$")
KNOWN_CODES = {code.code for code in codes.CATALOGUE}


@dataclass(frozen=True)
class Cascade:
    name: str
    mistake: str
    file: str
    replace: tuple[tuple[str, str], ...]
    save_as: str
    copy_to: str | None
    expected: frozenset[Problem]


def read_cascade(path: Path) -> Cascade:
    data: dict[str, Any] = yaml.safe_load(path.read_text("utf-8"))
    unknown = set(data) - {"mistake", "file", "replace", "save_as", "copy_to", "expect"}
    assert not unknown, f"{path.name}: unknown keys {unknown}"
    expected = set()
    for line in data.get("expect") or []:
        match = _EXPECTATION.match(line)
        assert match, f"{path.name}: expected `FILE CODE@LINE`, got {line!r}"
        file, code, number = match.groups()
        assert code in KNOWN_CODES, f"{path.name}: {code} is not in the catalogue"
        expected.add((file, code, int(number)))
    return Cascade(
        path.stem,
        data["mistake"],
        data["file"],
        tuple((edit["old"], edit["new"]) for edit in data.get("replace") or ()),
        data.get("save_as", "utf-8"),
        data.get("copy_to"),
        frozenset(expected),
    )


CASE_PATHS = sorted(CASES.glob("*.yml"))


def sample_copy(target: Path) -> Path:
    target.mkdir()
    shutil.copyfile(REPO / "site_config.yml", target / "site_config.yml")
    shutil.copytree(REPO / "content", target / "content")
    return target


def apply(case: Cascade, root: Path) -> None:
    path = root / case.file
    text = path.read_text("utf-8")
    for old, new in case.replace:
        assert text.count(old) == 1, f"{case.name}: {old!r} is not in {case.file} exactly once"
        text = text.replace(old, new)
    path.write_bytes(text.encode(case.save_as))
    if case.copy_to:
        shutil.copyfile(path, root / case.copy_to)


def reported(root: Path) -> list[dict[str, Any]]:
    result = CliRunner().invoke(cli, ["check", str(root), "--format", "json", "--today", TODAY])
    assert "Traceback" not in result.output, result.output
    assert result.exit_code in (0, 1), result.output
    found: list[dict[str, Any]] = json.loads(result.stdout) if result.stdout.strip() else []
    return found


Said = tuple[str, str, str]
"""A problem by its file, code and message: the same problem, wherever an edit moved its line."""


def said(problem: dict[str, Any]) -> Said:
    return problem["file"], problem["code"], problem["message"]


@pytest.fixture(scope="module")
def baseline(tmp_path_factory: pytest.TempPathFactory) -> set[Said]:
    found = reported(sample_copy(tmp_path_factory.mktemp("sample") / "sample"))
    assert not [p for p in found if p["severity"] == "error"], found
    return {said(p) for p in found}


def test_the_corpus_has_fifteen_mistakes_or_more() -> None:
    assert len(CASE_PATHS) >= 15


@pytest.mark.parametrize("path", CASE_PATHS, ids=[path.stem for path in CASE_PATHS])
def test_one_mistake_is_reported_once_at_its_root(
    path: Path, tmp_path: Path, baseline: set[Said]
) -> None:
    case = read_cascade(path)
    root = sample_copy(tmp_path / "sample")
    apply(case, root)
    found = reported(root)
    added = {(p["file"], p["code"], p["line"]) for p in found if said(p) not in baseline}
    assert added == case.expected, (
        f"{case.mistake}\nunexpected: {sorted(added - case.expected)}\n"
        f"missing: {sorted(case.expected - added)}\n"
        + "\n".join(f"{p['file']}:{p['line']} {p['code']} {p['message']}" for p in found)
    )
    edited = {case.file, case.copy_to}
    gone = {problem for problem in baseline - set(map(said, found)) if problem[0] not in edited}
    assert not gone, f"{case.mistake}: problems elsewhere went quiet: {sorted(gone)}"
    for problem in found:  # a value to copy is written as it must be typed
        assert not _SEPARATED_TO_COPY.search(problem["message"]), problem["message"]


_SEPARATED_TO_COPY = re.compile(r"(?:请写|请改成|写成|改成)\s*「?-?\d{1,3}(?:,\d{3})+")


@pytest.mark.parametrize(
    ("name", "code"), [("gbk-organization", "G004"), ("site-url-without-scheme", "G116")]
)
def test_the_footer_explains_the_root_cause_first(name: str, code: str, tmp_path: Path) -> None:
    """Not the follow-on G124 that sorts above it, nor the warning (G504) of an earlier file."""
    root = sample_copy(tmp_path / "sample")
    apply(read_cascade(CASES / f"{name}.yml"), root)
    result = CliRunner().invoke(cli, ["check", str(root), "--today", TODAY])
    assert result.exit_code == 1
    hint = next(line for line in result.output.splitlines() if "gongshi check --explain" in line)
    assert f"gongshi check --explain {code}，" in hint, result.output
