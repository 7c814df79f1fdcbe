"""The secretaries' guide (docs/guide.md) shows what the checker and the commands really do."""

from __future__ import annotations

import re
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml
from click.testing import Result

from generator import codes
from generator.cli import cli
from generator.guide import GUIDE_PATH
from tests.conftest import BASE, REPO, TODAY
from tests.editor_yaml import schema_problems

GUIDE = REPO / "docs" / "guide.md"
TEXT = GUIDE.read_text("utf-8")
BLOCKS = re.findall(r"^( *)```(\w+)\n(.*?)^\1```$", TEXT, re.M | re.S)
RECORDS = {
    body.splitlines()[0][2:].strip(): body
    for _, language, body in BLOCKS
    if language == "yaml" and body.startswith("# content/")
}


def test_the_guide_shows_a_whole_record_of_every_kind() -> None:
    folders = {Path(path).parts[1] for path in RECORDS}
    assert folders == {"organizations", "funds", "matters", "volunteers"}


def test_every_whole_record_in_the_guide_passes_check_and_its_schema(
    tmp_path: Path, run_cli: Callable[..., Result]
) -> None:
    root = tmp_path / "community"
    shutil.copytree(BASE, root)
    for path, body in RECORDS.items():
        (root / path).write_text(body, "utf-8")
    checked = run_cli("check", str(root), "--today", TODAY, "--strict")
    assert checked.exit_code == 0, checked.output
    for path in RECORDS:
        assert schema_problems(root, root / path) == []


def test_every_code_the_guide_names_exists_and_links_to_its_entry() -> None:
    catalogued = {code.code for code in codes.CATALOGUE}
    named = set(re.findall(r"\bG\d{3}\b", TEXT))
    assert named and named <= catalogued
    anchors = set(re.findall(r'<a id="(g\d{3})"></a>', GUIDE_PATH.read_text("utf-8")))
    for code, anchor in re.findall(r"\[(G\d{3})\]\(rules\.md#(g\d{3})\)", TEXT):
        assert anchor == code.lower() and anchor in anchors


def test_every_command_the_guide_names_exists() -> None:
    named = set(re.findall(r"\bgongshi ([a-z]+)", TEXT))
    assert named >= {"check", "print", "verify", "schema", "serve"}
    assert named <= set(cli.commands), named - set(cli.commands)  # type: ignore[attr-defined]


def test_the_publicity_example_is_what_the_checker_computes() -> None:
    assert "2026-09-30 张贴，7 日期满是国庆假期中的 10-07，公示期最早到 2026-10-08" in TEXT
    assert yaml.safe_load(codes.G401.fix)["publicity"]["end"].isoformat() == "2026-10-08"


def _git(root: Path, *args: str) -> None:
    subprocess.run(
        ["git", "-C", str(root), "-c", "user.name=秘书", "-c", "user.email=s@example.org", *args],
        check=True,
        capture_output=True,
    )


@pytest.mark.skipif(shutil.which("git") is None, reason="needs git")
def test_the_correction_walkthrough_works_as_the_guide_tells(
    tmp_path: Path, run_cli: Callable[..., Result]
) -> None:
    root = tmp_path / "community"
    shutil.copytree(BASE, root)
    _git(root, "init", "-q")
    _git(root, "add", "-A")
    _git(root, "commit", "-qm", "一季度账目")
    ledger = root / "content" / "funds" / "public-2026-q1.yml"
    text = ledger.read_text("utf-8")
    changed = text.replace("amount: 200.00", "amount: 220.00").replace("1300.10", "1280.10")
    ledger.write_text(changed, "utf-8")
    checked = run_cli("check", str(root), "--today", TODAY)
    quoted = next(b for _, lang, b in BLOCKS if lang == "text" and "G801" in b)
    assert quoted.strip().removesuffix("……") in checked.output
    corrections = next(b for _, lang, b in BLOCKS if b.startswith("corrections:"))
    ledger.write_text(changed + corrections, "utf-8")
    checked = run_cli("check", str(root), "--today", TODAY, "--strict")
    assert checked.exit_code == 0, checked.output
