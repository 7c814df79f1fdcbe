"""Folders Gongshi writes: never the project or its records, and only folders Gongshi made.

Every command that writes a folder asks `refusal(folder, root)` before it starts.
A folder that a command *replaces* (`build`'s site) must be new, empty, or carry
the marker file `.gongshi-output` that an earlier build wrote; a folder a command
only *adds files to* (`print`'s posters) must merely hold no records and no git
repository. Either way the project itself, anything above it, and its `content/`,
`templates/` and `.git/` are refused, so a mistyped `--out .` or `--out content`
can never delete or overwrite what a secretary wrote.

`replace_folder` swaps a finished folder in with two renames; `recover_folder`
undoes what a killed run left behind: it restores the old folder when the new one
never arrived and removes staging folders it provably made (they carry the marker).
"""

from __future__ import annotations

import os
import secrets
import shutil
import tempfile
import threading
from collections.abc import Callable
from pathlib import Path

MARKER = ".gongshi-output"
"""Written into every folder Gongshi replaces; its presence is what lets a later run replace it."""

_SIGNATURE = "gongshi-output"
_STAGING = "staging"

PROTECTED_FOLDERS = ("content", "templates", ".git")
"""Folders of a project that hold what people wrote: never an output, nor anything inside them."""

RECORD_SUFFIXES = (".yml", ".yaml")


class UnsafeOutputFolder(Exception):
    """The folder may not be written; the message says why and what to use instead."""


def _same(one: Path, other: Path) -> bool:
    try:
        return one.exists() and other.exists() and os.path.samefile(one, other)
    except OSError:
        return False


def _within(path: Path, folder: Path) -> bool:
    """`path` is `folder` or lies below it, by name or by file identity (links, bind mounts)."""
    path, folder = path.absolute(), folder.absolute()
    if path == folder or folder in path.parents:
        return True
    return any(_same(candidate, folder) for candidate in (path, *path.parents))


def _first_kept_file(folder: Path, own_files: tuple[str, ...]) -> tuple[str, Path] | None:
    """What makes a folder more than regenerable output: a git repository or a record."""
    for current, folders, files in os.walk(folder):
        here = Path(current)
        if ".git" in folders or ".git" in files:
            return "git", here / ".git"
        for name in sorted(files):
            if here == folder and name in own_files:
                continue
            if name.lower().endswith(RECORD_SUFFIXES):
                return "records", here / name
    return None


def is_marked(folder: Path) -> bool:
    """True when `folder` is a real folder holding a marker that Gongshi wrote."""
    marker = folder / MARKER
    if folder.is_symlink() or not folder.is_dir() or marker.is_symlink() or not marker.is_file():
        return False
    try:
        with marker.open(encoding="utf-8", errors="replace") as stream:
            return stream.readline().startswith(_SIGNATURE)
    except OSError:
        return False


def _marker_fields(folder: Path) -> list[str]:
    if not is_marked(folder):
        return []
    try:
        return (folder / MARKER).read_text("utf-8", errors="replace").split("\n", 1)[0].split()
    except OSError:
        return []


def write_marker(folder: Path, kind: str, detail: str = "") -> None:
    """Claim `folder` as Gongshi output of `kind`; harmless to publish with the site."""
    (folder / MARKER).write_text(
        f"{_SIGNATURE} {kind}{' ' + detail if detail else ''}\n"
        "这个文件夹由 Gongshi 生成，下次生成时会被整个替换，请不要在这里存放别的文件。\n",
        encoding="utf-8",
    )


def refusal(
    folder: Path,
    root: Path,
    *,
    instead: str,
    replaces: bool = True,
    own_files: tuple[str, ...] = (),
) -> str | None:
    """Why Gongshi must not write `folder` for the project at `root`, in Chinese; None if it may.

    `instead` is what the secretary should write instead, such as `--out site`.
    `replaces` is True for a command that deletes the folder's old contents;
    `own_files` are top-level YAML files such a folder writes itself (`mkdocs.yml`).
    """
    folder, root = folder.absolute(), root.absolute()
    advice = f"请用 {instead}，或另写一个新的（或空的）文件夹。"
    if _within(root, folder):
        if folder == root or _same(folder, root):
            what = "就是小区资料所在的文件夹"
        else:
            what = f"包含小区资料所在的文件夹 {root}"
        return f"输出文件夹 {folder} {what}，写在这里会毁掉记录。{advice}"
    for protected in PROTECTED_FOLDERS:
        if _within(folder, root / protected):
            return (
                f"输出文件夹 {folder} 在小区资料的 {protected}/ 里，那里放的是记录和设置，"
                f"不能放生成的文件。{advice}"
            )
    if folder.is_symlink():
        return f"输出文件夹 {folder} 是一个链接，Gongshi 不会顺着链接写入。{advice}"
    if not folder.exists():
        return None
    if not folder.is_dir():
        return f"{folder} 是一个文件，不是文件夹，不能把输出写在这里。{advice}"
    if replaces and not is_marked(folder) and any(folder.iterdir()):
        example = min(child.name for child in folder.iterdir())
        return (
            f"输出文件夹 {folder} 里已有别的文件（如 {example}），但它不是 Gongshi 生成的"
            f"（没有 {MARKER} 标记文件），所以不会被替换。{advice}"
            "如果它是旧版 Gongshi 生成的网站，确认里面没有要保留的文件后，先手动删除它再运行。"
        )
    found = _first_kept_file(folder, own_files if is_marked(folder) else ())
    if found is not None:
        kind, path = found
        what = "一个 git 仓库" if kind == "git" else "YAML 文件（像是记录）"
        return f"输出文件夹 {folder} 里有{what}：{path}。这样的文件夹不会被改写。{advice}"
    return None


def ensure_writable(
    folder: Path,
    root: Path,
    *,
    instead: str,
    replaces: bool = True,
    own_files: tuple[str, ...] = (),
) -> None:
    """Raise UnsafeOutputFolder with the reason when `folder` may not be written."""
    reason = refusal(folder, root, instead=instead, replaces=replaces, own_files=own_files)
    if reason is not None:
        raise UnsafeOutputFolder(reason)


def remove_marked(folder: Path) -> bool:
    """Delete `folder` only when Gongshi provably made it; True when it is gone."""
    if not is_marked(folder):
        return False
    shutil.rmtree(folder, ignore_errors=True)
    return not folder.exists()


def removing(folder: Path) -> Callable[[], None]:
    """Start deleting `folder` (as `remove_marked`) in a thread; the returned call waits till
    it is done. Deleting thousands of files waits on the file system more than on Python:
    a build removes the mkdocs project it no longer needs while Pagefind indexes."""
    thread = threading.Thread(target=remove_marked, args=(folder,), daemon=True)
    thread.start()
    return thread.join


def _old_folders(folder: Path) -> list[Path]:
    return sorted(folder.parent.glob(f".{folder.name}-old-*"))


def _staging_folders(folder: Path) -> list[Path]:
    return sorted(folder.parent.glob(f".{folder.name}-building-*"))


def _running(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True  # exists but belongs to someone else
    return True


def _abandoned(staging: Path) -> bool:
    """A staging folder whose build is no longer running (its marker names the process)."""
    fields = _marker_fields(staging)
    if fields[1:2] != [_STAGING]:
        return False
    try:
        return not _running(int(fields[2]))
    except (IndexError, ValueError):
        return True


def staging_folder(folder: Path) -> Path:
    """A marked, empty folder beside `folder` to build the next version in."""
    folder.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{folder.name}-building-", dir=folder.parent))
    write_marker(staging, _STAGING, str(os.getpid()))
    return staging


def recover_folder(folder: Path) -> list[str]:
    """Undo what an interrupted run left beside `folder`; return what was done, in Chinese.

    A kill between the two renames of `replace_folder` leaves the old folder under
    `.NAME-old-…` and no `folder`: it is renamed back. Old folders that were already
    replaced, and staging folders of builds no longer running, are removed, but only
    when they carry the marker; anything else is left alone.
    """
    done: list[str] = []
    olds = [old for old in _old_folders(folder) if is_marked(old)]
    if olds and not folder.exists() and not folder.is_symlink():
        newest = max(olds, key=lambda old: old.stat().st_mtime_ns)
        newest.rename(folder)
        olds.remove(newest)
        done.append(f"上次生成被中断，已恢复原来的 {folder}。")
    for old in olds:
        if remove_marked(old):
            done.append(f"已删除上次留下的旧文件夹 {old.name}。")
    for staging in _staging_folders(folder):
        if _abandoned(staging) and remove_marked(staging):
            done.append(f"已删除上次中断时留下的临时文件夹 {staging.name}。")
    return done


def replace_folder(new: Path, folder: Path, kind: str) -> None:
    """Put `new` in the place of `folder` with two renames: readers see the old or the new.

    `folder` must have passed `refusal` (new, empty, or marked). The old folder waits
    under `.NAME-old-…` between the renames, so `recover_folder` can restore it after a kill.
    """
    write_marker(new, kind)
    old: Path | None = None
    if is_marked(folder):
        old = folder.with_name(f".{folder.name}-old-{secrets.token_hex(4)}")
        folder.rename(old)
    elif folder.is_dir():
        folder.rmdir()  # empty and unmarked: rmdir refuses anything else
    new.rename(folder)
    if old is not None:
        remove_marked(old)


def write_file(path: Path, content: bytes) -> None:
    """Write `path` whole or not at all: a kill mid-write leaves the old file, never half a new one."""
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(f".{path.name}.{secrets.token_hex(4)}.partial")
    try:
        partial.write_bytes(content)
        os.replace(partial, path)
    finally:
        partial.unlink(missing_ok=True)
