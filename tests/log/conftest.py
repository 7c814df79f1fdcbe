"""The base community in a real git repository, and builds of it through the real CLI."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from generator.cli import cli
from tests.conftest import BASE, TODAY
from tests.history.conftest import GitRunner, init_repository

LEDGER = "content/funds/public-2026-q1.yml"


@pytest.fixture
def community(tmp_path: Path) -> tuple[Path, GitRunner]:
    """The base community committed once (发布), then its ledger's description changed (改摘要)."""
    root = tmp_path / "community"
    shutil.copytree(BASE, root)
    git = init_repository(root)
    git("add", "-A")
    git("commit", "-q", "-m", "发布")
    edit(root, LEDGER, "一月停车费", "一月份停车费")
    git("commit", "-qam", "改摘要")
    return root, git


def edit(root: Path, file: str, old: str, new: str) -> None:
    path = root / file
    text = path.read_text("utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


Build = Callable[..., Result]


@pytest.fixture
def build_site(monkeypatch: pytest.MonkeyPatch) -> Build:
    """`gongshi build ROOT --no-posters [--previous-log DIR]`, no key unless one is set."""
    monkeypatch.delenv("GONGSHI_LOG_KEY", raising=False)

    def run(root: Path, *extra: str, out: str = "site") -> Result:
        args = ["build", str(root), "--out", out, "--today", TODAY, "--no-posters", *extra]
        return CliRunner().invoke(cli, args, catch_exceptions=False)

    return run


def keep_log(site: Path, folder: Path) -> Path:
    """A copy of a built site's log/, as CI keeps the last deployed site."""
    shutil.copytree(site / "log", folder)
    return folder
