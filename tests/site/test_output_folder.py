"""`--out` can only ever name a site: the project survives every mistyped folder.

Each refusal runs through the real CLI on a copy of the base community that is a
git repository, and the test compares every file of the project (and of the folder
around it) before and after, so a deletion anywhere is caught, not only in content/.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result

from generator.output_folder import MARKER, recover_folder, refusal
from tests.conftest import TODAY


def snapshot(folder: Path) -> dict[str, str]:
    """Every file below `folder` and its SHA-256: equal snapshots mean nothing was lost."""
    return {
        path.relative_to(folder).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


@pytest.fixture
def project(base_project: Path) -> Path:
    """The base community inside a parent folder of its own, committed to git."""
    subprocess.run(["git", "init", "-q"], cwd=base_project, check=True)
    subprocess.run(["git", "add", "-A"], cwd=base_project, check=True)
    subprocess.run(
        ["git", "-c", "user.name=t", "-c", "user.email=t@example.org", "commit", "-qm", "start"],
        cwd=base_project,
        check=True,
    )
    (base_project.parent / "neighbour.txt").write_text("别人的文件", encoding="utf-8")
    return base_project


def out_choices(root: Path) -> dict[str, str]:
    return {
        "dot": ".",
        "parent": "..",
        "content": "content",
        "inside content": "content/matters",
        "templates": "templates",
        "git": ".git",
        "absolute project": str(root),
        "absolute parent": str(root.parent),
        "filesystem root": "/",
    }


@pytest.mark.parametrize(
    "choice",
    [
        "dot",
        "parent",
        "content",
        "inside content",
        "templates",
        "git",
        "absolute project",
        "absolute parent",
        "filesystem root",
    ],
)
def test_build_refuses_an_out_that_holds_records(
    project: Path, run_cli: Callable[..., Result], choice: str
) -> None:
    out = out_choices(project)[choice]
    before = snapshot(project.parent)
    result = run_cli("build", str(project), "--out", out, "--today", TODAY, "--no-posters")
    assert result.exit_code == 2, result.output
    assert "用法错误" in result.output and "--out site" in result.output
    assert "网站已生成" not in result.output
    assert snapshot(project.parent) == before


def test_print_refuses_to_write_posters_into_records(
    project: Path, run_cli: Callable[..., Result]
) -> None:
    before = snapshot(project.parent)
    result = run_cli(
        "print", "--dir", str(project), "--out", str(project / "content"), "--today", TODAY
    )
    assert result.exit_code == 2, result.output
    assert "content/" in result.output
    assert snapshot(project.parent) == before


def test_an_unmarked_folder_with_files_is_never_replaced(
    project: Path, run_cli: Callable[..., Result]
) -> None:
    mine = project / "site"
    mine.mkdir()
    (mine / "我的笔记.txt").write_text("不要删", encoding="utf-8")
    result = run_cli("build", str(project), "--today", TODAY, "--no-posters")
    assert result.exit_code == 2, result.output
    assert MARKER in result.output and "我的笔记.txt" in result.output
    assert (mine / "我的笔记.txt").read_text(encoding="utf-8") == "不要删"


def test_a_folder_holding_a_record_is_refused_even_when_marked(project: Path) -> None:
    site = project.parent / "elsewhere"
    site.mkdir()
    (site / MARKER).write_text("gongshi-output site\n", encoding="utf-8")
    (site / "lawn.yml").write_text("id: lawn\n", encoding="utf-8")
    reason = refusal(site, project, instead="--out site")
    assert reason is not None and "lawn.yml" in reason


def test_a_build_replaces_only_its_own_site_and_removes_its_leftovers(
    project: Path, run_cli: Callable[..., Result]
) -> None:
    first = run_cli("build", str(project), "--today", TODAY, "--no-posters")
    assert first.exit_code == 0, first.output
    site = project / "site"
    assert (site / MARKER).is_file() and (site / "index.html").is_file()
    (site / "stale.html").write_text("old", encoding="utf-8")
    # A build killed earlier left a staging folder behind (its process is gone).
    dead = project / ".site-building-dead"
    dead.mkdir()
    (dead / MARKER).write_text("gongshi-output staging 999999999\n", encoding="utf-8")
    (dead / "big.bin").write_bytes(b"x" * 1000)
    # A folder that only looks like a leftover but was not made by Gongshi stays.
    foreign = project / ".site-building-foreign"
    foreign.mkdir()
    (foreign / "keep.txt").write_text("keep", encoding="utf-8")

    second = run_cli("build", str(project), "--today", TODAY, "--no-posters")
    assert second.exit_code == 0, second.output
    assert not (site / "stale.html").exists()
    assert not dead.exists()
    assert (foreign / "keep.txt").read_text(encoding="utf-8") == "keep"
    leftovers = [p.name for p in project.iterdir() if p.name.startswith(".site-")]
    assert leftovers == [".site-building-foreign"]


def test_a_kill_between_the_renames_is_recovered_and_never_misreported(
    project: Path, run_cli: Callable[..., Result]
) -> None:
    assert run_cli("build", str(project), "--today", TODAY, "--no-posters").exit_code == 0
    site = project / "site"
    before = snapshot(site)
    site.rename(project / ".site-old-1234abcd")  # what a kill after the first rename leaves
    (project / "content" / "matters" / "broken.yml").write_text("id: [", encoding="utf-8")

    result = run_cli("build", str(project), "--today", TODAY, "--no-posters")
    assert result.exit_code == 1
    assert "已恢复原来的" in result.output
    assert "原来的网站保持不变" in result.output
    assert snapshot(site) == before


def test_a_failed_first_build_does_not_claim_an_old_site(
    project: Path, run_cli: Callable[..., Result]
) -> None:
    (project / "content" / "matters" / "broken.yml").write_text("id: [", encoding="utf-8")
    result = run_cli("build", str(project), "--today", TODAY, "--no-posters")
    assert result.exit_code == 1
    assert "保持不变" not in result.output


def test_recovery_leaves_a_running_build_alone(project: Path) -> None:
    live = project / ".site-building-live"
    live.mkdir()
    (live / MARKER).write_text(f"gongshi-output staging {os.getpid()}\n", encoding="utf-8")
    assert recover_folder(project / "site") == []
    assert live.is_dir()
