"""The real `gongshi` command as a secretary runs it: a process, in a folder, with exit codes."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import REPO

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
