"""The rules run in a second process say exactly what `check_project` says."""

from __future__ import annotations

import multiprocessing
from pathlib import Path

import pytest

from generator import check as check_module
from generator.check import check_in_background, check_project
from generator.project import load_project


def _broken(base_project: Path) -> Path:
    ledger = base_project / "content" / "funds" / "public-2026-q1.yml"
    ledger.write_text(ledger.read_text("utf-8").replace("1300.10", "1300.11"), "utf-8")
    return base_project


def _said(result: check_module.CheckResult) -> list[tuple[str, str, int | None, str]]:
    return [(d.code, d.span.file, d.span.line, d.message) for d in result.diagnostics]


@pytest.mark.parametrize("fork", [True, False], ids=["forked", "no fork (Windows, macOS)"])
def test_the_background_check_finds_what_the_check_finds(
    base_project: Path, monkeypatch: pytest.MonkeyPatch, fork: bool
) -> None:
    if not fork:
        monkeypatch.setattr(multiprocessing, "get_all_start_methods", lambda: ["spawn"])
    root = _broken(base_project)
    expected = check_project(root)
    assert expected.errors, "the changed amount breaks the ledger's arithmetic"
    project, loaded = load_project(root)
    assert project is not None and not [d for d in loaded if d.is_error]
    found = check_in_background(project, loaded)()
    assert _said(found) == _said(expected)
    assert found.project is project


def test_a_rule_that_fails_in_the_worker_fails_here_as_in_gongshi_check(
    base_project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The worker sends nothing; the rules run again here and raise where a plain check would."""
    project, loaded = load_project(base_project)
    assert project is not None

    def broken_rules(project: object) -> list[object]:
        raise RuntimeError("a rule broke")

    monkeypatch.setattr(check_module, "run_rules", broken_rules)
    waiting = check_in_background(project, loaded)
    with pytest.raises(RuntimeError, match="a rule broke"):
        waiting()
