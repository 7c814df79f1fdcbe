"""Writing new files only: all of them or none, each complete, never over an existing one.

`write_new_files` first writes every file into a staging folder beside the targets
(so a full disk or a killed run leaves no half-written record behind), then links
each one into place. A hard link to a name that already exists fails, so a file
that appeared in the meantime is never replaced; on any failure the files already
placed are removed again and the folders made for them too.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path, PurePosixPath


@dataclass(frozen=True)
class NewFile:
    text: str
    executable: bool = False


class FileInTheWay(Exception):
    """A file that would be written already exists: nothing was written."""

    def __init__(self, paths: list[Path]) -> None:
        super().__init__(", ".join(str(p) for p in paths))
        self.paths = paths


def existing(root: Path, names: Mapping[str, NewFile]) -> list[Path]:
    """The targets (or folders on their way) that exist already, in the order given."""
    found: list[Path] = []
    for name in names:
        path = root / PurePosixPath(name)
        if path.exists() or path.is_symlink():
            found.append(path)
            continue
        for folder in reversed(path.relative_to(root).parents[:-1]):
            if (root / folder).exists() and not (root / folder).is_dir():
                found.append(root / folder)
                break
    return found


def write_new_files(root: Path, files: Mapping[str, NewFile]) -> list[Path]:
    """Write `files` (posix names below `root`), or raise FileInTheWay / OSError having written none."""
    in_the_way = existing(root, files)
    if in_the_way:
        raise FileInTheWay(in_the_way)
    root.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".gongshi-new-", dir=root))
    placed: list[Path] = []
    made: list[Path] = []
    try:
        staged = []
        for number, (name, new) in enumerate(files.items()):
            source = staging / str(number)
            with open(source, "w", encoding="utf-8", newline="\n") as stream:
                stream.write(new.text)
                stream.flush()
                os.fsync(stream.fileno())
            if new.executable:
                source.chmod(0o755)
            staged.append((source, root / PurePosixPath(name)))
        for source, target in staged:
            made.extend(_make_folders(target.parent))
            _place(source, target)
            placed.append(target)
    except BaseException:
        for path in reversed(placed):
            with contextlib.suppress(OSError):
                path.unlink()
        for folder in reversed(made):
            with contextlib.suppress(OSError):
                folder.rmdir()
        raise
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return placed


def _make_folders(folder: Path) -> list[Path]:
    missing = [f for f in (folder, *folder.parents) if not f.exists()]
    for path in reversed(missing):
        path.mkdir()
    return list(reversed(missing))


def _place(source: Path, target: Path) -> None:
    """Give the finished file its name without ever replacing one that exists."""
    try:
        os.link(source, target)
    except FileExistsError:
        raise FileInTheWay([target]) from None
    except OSError:  # a file system without hard links: the window here is a moment, not a run
        if target.exists() or target.is_symlink():
            raise FileInTheWay([target]) from None
        os.replace(source, target)
