"""Every file below content/, found the same way on every computer: names and links checked.

What a clone of the repository holds is what gets published, so the walk refuses
what a clone would not hold, or would hold differently:

- a name Windows cannot give a file (G112 for a device name such as `con.yml`, G113
  for a forbidden character or a trailing dot or space): the file is still read, but
  a secretary on Windows could not check it out;
- a link (symlink) leading out of the project (G114): its target is in no repository,
  may be anything on the computer that ran the check, and is never read or published;
- a link that leads nowhere, or back into a folder it sits in (G115), and a link
  Git for Windows checked out as a small text file instead (G115 too).

A link that stays inside the project is read like the file or folder it points to:
the target is in the repository, so every clone and CI read the same records, and
a link to a whole folder (`content/funds → ../archive/funds`) is a fair way to arrange
them. Before this walk, Python's `rglob` skipped linked folders without a word and a
linked content/funds/ published no ledger at all.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from generator import codes
from generator.diagnostics import Diagnostic, Span
from generator.windows_names import device_name, forbidden_in_name


@dataclass
class ContentFiles:
    """The files found (paths as reached, through links) and the problems with names and links."""

    files: list[Path] = field(default_factory=list)
    real: list[Path] = field(default_factory=list)
    """Where each of `files` really is (links followed), known from the walk without asking."""
    diagnostics: list[Diagnostic] = field(default_factory=list)


def find_files(root: Path, content_dir: str, link_folders: Iterable[str] = ()) -> ContentFiles:
    """Every regular file below `root/content_dir` in name order, as reached (through links).

    `link_folders` are the names a folder directly in content/ is expected to have:
    a plain file of that name is a link a Windows checkout could not make.
    """
    walk = _Walk(root, root.resolve(), frozenset(link_folders))
    content = root / content_dir
    if content.is_symlink():
        walk.follow(content, ())
    elif content.is_dir():
        walk.folder(content, (content.resolve(),))
    return walk.found


class _Walk:
    def __init__(self, root: Path, project: Path, link_folders: frozenset[str]) -> None:
        self.root = root
        self.project = project
        self.link_folders = link_folders
        self.found = ContentFiles()

    def shown(self, path: Path) -> str:
        """The path as the secretary sees it in the project folder, links not followed."""
        return path.relative_to(self.root).as_posix()

    def folder(self, folder: Path, inside: tuple[Path, ...]) -> None:
        """`inside`: the real folders this one is reached through, itself last (for loops)."""
        try:
            entries = sorted(os.scandir(folder), key=lambda entry: entry.name)
        except OSError as error:
            reason = "没有读取权限" if isinstance(error, PermissionError) else "系统报告读取失败"
            self.found.diagnostics.append(
                codes.G009.at(
                    Span(self.shown(folder)),
                    f"无法打开这个文件夹（{reason}），里面的记录都没有读取。请检查文件夹的权限。",
                )
            )
            return
        for entry in entries:
            path = folder / entry.name
            self.name(path, entry.name)
            if entry.is_symlink():
                self.follow(path, inside)
            elif entry.is_dir(follow_symlinks=False):
                self.folder(path, (*inside, inside[-1] / entry.name))  # a folder, not a link
            elif entry.is_file(follow_symlinks=False):
                self.file(path, inside, inside[-1] / entry.name)  # a file, not a link

    def file(self, path: Path, inside: tuple[Path, ...], real: Path) -> None:
        if len(inside) == 1 and path.name in self.link_folders and not path.suffix:
            self.found.diagnostics.append(
                codes.G115.at(
                    Span(self.shown(path)),
                    f"content/{path.name} 应该是文件夹，这里却是一个文件，里面的记录一条也读不到。"
                    "多半是仓库里的链接（symlink）被 Windows 上的 Git 检出成了普通文件。"
                    f"请把 {path.name} 换成真正的文件夹（把记录文件移进来），不要用链接。",
                )
            )
            return
        self.found.files.append(path)
        self.found.real.append(real)

    def name(self, path: Path, name: str) -> None:
        device = device_name(name)
        if device is not None:
            self.found.diagnostics.append(
                codes.G112.at(
                    Span(self.shown(path)),
                    f"名字「{name}」是 Windows 的保留名（设备名 {device}，不论大小写、带不带扩展名）："
                    "用 Windows 电脑的人无法检出（下载）这个文件，git 会报错。"
                    f"请改个名字，如「{_renamed(name)}」。",
                )
            )
        forbidden = forbidden_in_name(name)
        if forbidden is not None:
            self.found.diagnostics.append(
                codes.G113.at(
                    Span(self.shown(path)),
                    f"名字「{name}」{forbidden}：用 Windows 电脑的人无法检出（下载）这个文件。"
                    "请给它改名，把这些字符删掉或换成连字符（-）。",
                )
            )

    def follow(self, link: Path, inside: tuple[Path, ...]) -> None:
        """A symlink: read its target like any file or folder, or say why it is not read."""
        shown = self.shown(link)
        written = _link_text(link)
        try:
            target = link.resolve(strict=True)
        except FileNotFoundError:
            self.found.diagnostics.append(
                codes.G115.at(
                    Span(shown),
                    f"{shown} 是一个链接（快捷方式），指向的「{written}」不存在"
                    "（可能已被移动、改名或删除），里面的内容没有读取。"
                    "请删除这个链接，换成文件本身；或者把它指向的文件放回原处。",
                )
            )
            return
        except (RuntimeError, OSError):  # a loop of links: ELOOP, or 3.11's RuntimeError
            self._loop(shown, written)
            return
        if not target.is_relative_to(self.project):
            self.found.diagnostics.append(
                codes.G114.at(
                    Span(shown),
                    f"{shown} 是一个链接（快捷方式），指向项目文件夹以外的「{written}」"
                    f"（{target}）。那里的文件不在 git 仓库里：别人检出后看不到，"
                    "也可能把电脑上不该公开的文件公开出去，所以它没有被读取，也不会公示。"
                    "请删除链接，把要公示的文件复制到这里。",
                )
            )
            return
        if target.is_dir():
            if any(folder.is_relative_to(target) for folder in inside):
                self._loop(shown, written)
                return
            self.folder(link, (*inside, target))
        elif target.is_file():
            self.file(link, inside, target)

    def _loop(self, shown: str, written: str) -> None:
        self.found.diagnostics.append(
            codes.G115.at(
                Span(shown),
                f"{shown} 是一个链接（快捷方式），指向「{written}」，绕回了它自己所在的文件夹"
                "（或几个链接互相指向），形成循环，读取会没完没了，所以没有读取。请删除这个链接。",
            )
        )


def _link_text(link: Path) -> str:
    try:
        return os.readlink(link)
    except OSError:  # pragma: no cover - the link was there a moment ago
        return "?"


def _renamed(name: str) -> str:
    stem, dot, suffix = name.partition(".")
    return f"{stem}-1{dot}{suffix}"


def copy_first_second(first: str, second: str) -> tuple[str, str]:
    """Of two files holding one record, (the original, the copy): a file manager names a copy
    after its original (`lawn - 副本.yml`, `lawn copy.yml`, `lawn (1).yml`), so the copy is
    the one whose name is the other's with something added; else the later name."""
    stems = [PurePosixPath(name).name.split(".")[0] for name in (first, second)]
    if stems[0] != stems[1] and stems[0].startswith(stems[1]):
        return second, first
    if stems[1] != stems[0] and stems[1].startswith(stems[0]):
        return first, second
    return (first, second) if first <= second else (second, first)
