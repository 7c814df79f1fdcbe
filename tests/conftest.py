"""Shared fixtures: a copy of the minimal base community, a CLI runner, and the real command."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from generator.cli import cli

TESTS = Path(__file__).parent
BASE = TESTS / "corpus" / "base"
REPO = TESTS.parent
TODAY = "2026-11-25"


@pytest.fixture
def base_project(tmp_path: Path) -> Path:
    """A writable copy of the smallest community that passes every check."""
    target = tmp_path / "community"
    shutil.copytree(BASE, target)
    return target


@pytest.fixture
def run_cli() -> Callable[..., Result]:
    def run(*args: str) -> Result:
        return CliRunner().invoke(cli, list(args), catch_exceptions=False)

    return run


Gongshi = Callable[..., subprocess.CompletedProcess[str]]


def gongshi_environment() -> dict[str, str]:
    """This checkout's code whatever folder the command runs in, and no colour or pager."""
    environment = dict(os.environ)
    environment["PYTHONPATH"] = os.pathsep.join(
        [str(REPO), *filter(None, [environment.get("PYTHONPATH")])]
    )
    environment["NO_COLOR"] = "1"
    return environment


@pytest.fixture
def gongshi() -> Gongshi:
    """`gongshi ARGS…` run as `python -m generator` in `cwd` (the project or a folder inside it)."""

    def run(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "generator", *args],
            cwd=cwd,
            env=gongshi_environment(),
            capture_output=True,
            text=True,
            timeout=600,
        )

    return run
