"""Shared fixtures: a copy of the minimal base community, and a CLI runner."""

from __future__ import annotations

import shutil
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
