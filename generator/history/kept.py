"""What earlier runs worked out about committed content, kept in `<git dir>/gongshi/`.

A blob's bytes, and so a version's canonical JSON, never change: what Gongshi worked
out from them only changes when its own code does. Each kept file records a
fingerprint of that code and is ignored when the fingerprint differs. Files are
written atomically and only when something was added; a repository that cannot be
written to (read-only, or no git folder found) simply works everything out each time.
CI keeps the folder between runs (see the workflow that `gongshi init` writes).
"""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from generator.git_command import run_git

PACKAGE = Path(__file__).resolve().parent.parent
FOLDER = "gongshi"


def code_fingerprint(version: int, modules: Iterable[Path]) -> str:
    """Changes whenever one of `modules` (the code a kept result depends on) changes."""
    digest = hashlib.sha256(f"{version}".encode())
    for path in modules:
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def kept_path(root: Path, name: str) -> Path | None:
    """`<git dir>/gongshi/<name>`, or None when `root` is not in a git work tree."""
    try:
        git_dir = run_git(root, "rev-parse", "--absolute-git-dir").decode().strip()
    except (OSError, subprocess.CalledProcessError):
        return None
    return Path(git_dir) / FOLDER / name if git_dir else None


class KeptJson:
    """One kept file: a JSON object of entries, valid for one fingerprint."""

    def __init__(self, path: Path | None, fingerprint: str, entries: dict[str, Any]) -> None:
        self.path, self.fingerprint, self.entries = path, fingerprint, entries
        self.changed = False

    @classmethod
    def open(cls, path: Path | None, fingerprint: str) -> KeptJson:
        entries: dict[str, Any] = {}
        if path is not None:
            try:
                data = json.loads(path.read_bytes())
                if data.get("fingerprint") == fingerprint and isinstance(data["entries"], dict):
                    entries = data["entries"]
            except (OSError, ValueError, KeyError, TypeError, AttributeError):
                entries = {}
        return cls(path, fingerprint, entries)

    def get(self, key: str) -> Any:
        return self.entries.get(key)

    def put(self, key: str, value: Any) -> None:
        self.entries[key] = value
        self.changed = True

    def save(self) -> None:
        if not self.changed or self.path is None:
            return
        data = json.dumps(
            {"fingerprint": self.fingerprint, "entries": self.entries}, ensure_ascii=False
        )
        try:
            self.path.parent.mkdir(exist_ok=True)
            temporary = self.path.with_suffix(f".{os.getpid()}.tmp")
            temporary.write_text(data, "utf-8")
            os.replace(temporary, self.path)
            self.changed = False
        except OSError:
            pass
