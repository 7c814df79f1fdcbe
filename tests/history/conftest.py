"""A real git repository holding a copy of the sample community, in tmp_path."""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import REPO

GitRunner = Callable[..., str]


def git_in(folder: Path) -> GitRunner:
    def run(*args: str) -> str:
        return subprocess.run(
            ["git", "-C", str(folder), *args], check=True, capture_output=True, text=True
        ).stdout

    return run


def init_repository(folder: Path) -> GitRunner:
    """`git init` with a local identity, so nothing depends on the machine's git config."""
    git = git_in(folder)
    git("init", "-q", "-b", "main")
    git("config", "user.name", "党支部秘书")
    git("config", "user.email", "secretary@example.org")
    git("config", "commit.gpgsign", "false")
    return git


@pytest.fixture
def sample_repo(tmp_path: Path) -> tuple[Path, GitRunner]:
    """The sample content/ and site_config.yml, committed once as 发布样例."""
    root = tmp_path / "community"
    root.mkdir()
    shutil.copytree(REPO / "content", root / "content")
    shutil.copy(REPO / "site_config.yml", root / "site_config.yml")
    git = init_repository(root)
    git("add", "-A")
    git("commit", "-q", "-m", "发布样例")
    return root, git
