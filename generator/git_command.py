"""Running git the same way everywhere: C locale (parsable output), no pager, bytes out."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path


def run_git(root: Path, *args: str, stdin: bytes | None = None) -> bytes:
    """`git -C root args…`'s standard output; raises CalledProcessError or OSError (no git)."""
    environment = {**os.environ, "LC_ALL": "C", "GIT_PAGER": "cat"}
    return subprocess.run(
        ["git", "-C", str(root), *args],
        check=True,
        capture_output=True,
        input=stdin,
        env=environment,
    ).stdout
