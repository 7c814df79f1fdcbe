"""The whole community, read once: configuration and every record with its positions.

A `Project` is built by `load_project` and then passed, unchanged, to the rules,
the site and the posters. Nothing after this stage reads a content file again.
"""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from datetime import date
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any, Generic, TypeVar

from pydantic import BaseModel

from generator import codes
from generator.content_files import copy_first_second, find_files
from generator.diagnostics import Diagnostic, Span, relative_name
from generator.document_files import DocumentFile, document_references, read_document_files
from generator.failed_records import FailedRecord, failed_record
from generator.loader import LoadedFile, SourceMap, load_yaml_file
from generator.models import Ledger, Matter, Organization, Schedule, SiteConfig, Survey
from generator.parse import UnreadField, read_record
from generator.urls import poster_path, record_path
from generator.windows_names import device_name

CONFIG_FILE = "site_config.yml"
CONTENT_DIR = "content"

if TYPE_CHECKING:
    from generator.history.versions import GitHistory

R = TypeVar("R", bound=BaseModel)


@dataclass(frozen=True)
class Sourced(Generic[R]):
    """A record together with the file it came from and where each of its values was written."""

    record: R
    source: SourceMap
    path: Path
    unread: tuple[UnreadField, ...] = ()
    """Keys the model does not know (the secretary's own fields, or typos), with their values."""

    @property
    def file(self) -> str:
        return self.source.file

    def span(self, *path: str | int) -> Span:
        return self.source.span(*path)


@dataclass(frozen=True)
class Project:
    root: Path
    config: Sourced[SiteConfig]
    organizations: tuple[Sourced[Organization], ...] = ()
    ledgers: tuple[Sourced[Ledger], ...] = ()
    matters: tuple[Sourced[Matter], ...] = ()
    schedules: tuple[Sourced[Schedule], ...] = ()
    surveys: tuple[Sourced[Survey], ...] = ()
    today: date = field(default_factory=date.today)
    failed: tuple[FailedRecord, ...] = ()
    """Record files that could not be read or validated: what cites them stays quiet."""
    document_files: Mapping[str, DocumentFile] = field(default_factory=dict)
    """The files the records name as documents (`file:`), by the name written, read once."""

    @cached_property
    def organization_by_id(self) -> dict[str, Sourced[Organization]]:
        return {item.record.id: item for item in reversed(self.organizations)}

    @cached_property
    def matter_by_id(self) -> dict[str, Sourced[Matter]]:
        return {item.record.id: item for item in reversed(self.matters)}

    @cached_property
    def copies(self) -> dict[str, Sourced[BaseModel]]:
        """Records that repeat another, by the copy's file: the record it repeats.

        Two files are one record twice when they have one id (an organization, a matter),
        or one account and period (a ledger); two schedules, when they are the same (a team's
        shifts may be kept in several files). Of the two, the copy
        is the one a file manager named after the other (`lawn - 副本.yml`), else the later.
        """
        found: dict[str, Sourced[BaseModel]] = {}
        keys: list[tuple[Sourced[Any], object]] = [
            *((item, ("organization", item.record.id)) for item in self.organizations),
            *((item, ("matter", item.record.id)) for item in self.matters),
            *((item, ("survey", item.record.id)) for item in self.surveys),
            *((item, ("schedule", item.record)) for item in self.schedules),
            *((item, ("ledger", item.record.account, item.record.period)) for item in self.ledgers),
        ]
        first: dict[object, Sourced[BaseModel]] = {}
        for item, key in keys:
            other = first.get(key)
            if other is None:
                first[key] = item
                continue
            original_file, _ = copy_first_second(other.file, item.file)
            original, copy = (other, item) if original_file == other.file else (item, other)
            first[key] = original
            found.pop(original.file, None)
            found[copy.file] = original
        return found

    def failed_by_id(self, folder: str) -> dict[str, FailedRecord]:
        """The failed records of a folder by every id they may go by (the first file wins)."""
        found: dict[str, FailedRecord] = {}
        for item in self.failed:
            if item.folder == folder:
                for record_id in sorted(item.ids):
                    found.setdefault(record_id, item)
        return found

    @cached_property
    def history(self) -> GitHistory | None:
        """Every committed version of every record, read from git once; None outside git."""
        from generator.history.versions import read_history  # it reads records with this module

        return read_history(self.root)

    def ledgers_by_account(self) -> dict[str, list[Sourced[Ledger]]]:
        """Each account's ledgers in period order."""
        accounts: dict[str, list[Sourced[Ledger]]] = {}
        for item in sorted(self.ledgers, key=lambda i: (i.record.period.start, i.file)):
            accounts.setdefault(item.record.account, []).append(item)
        return accounts

    def all_sources(self) -> Iterator[Sourced[BaseModel]]:
        yield self.config  # type: ignore[misc]
        yield from self.organizations  # type: ignore[misc]
        yield from self.ledgers  # type: ignore[misc]
        yield from self.matters  # type: ignore[misc]
        yield from self.schedules  # type: ignore[misc]
        yield from self.surveys  # type: ignore[misc]


RECORD_FOLDERS: tuple[tuple[str, type[BaseModel]], ...] = (
    ("organizations", Organization),
    ("funds", Ledger),
    ("matters", Matter),
    ("volunteers", Schedule),
    ("surveys", Survey),
)
"""Which folder of content/ holds which kind of record."""


class NotAProject(Exception):
    """The folder has no site_config.yml: the command was pointed at the wrong place."""


YAML_SUFFIXES = (".yml", ".yaml")
MISNAMED_SUFFIXES = tuple(f"{suffix}.txt" for suffix in YAML_SUFFIXES)
"""Windows hides known extensions, so Notepad's `lift.yml` is often really `lift.yml.txt`."""


def _looks_like_yaml(name: str) -> bool:
    return name.lower().endswith(YAML_SUFFIXES + MISNAMED_SUFFIXES)


def find_content_files(root: Path) -> tuple[list[tuple[str | None, Path]], list[Diagnostic]]:
    """Every YAML file under content/, with the record folder it belongs to (None: unknown),
    and the problems with names and links met on the way (see `content_files`)."""
    folders = {name for name, _ in RECORD_FOLDERS}
    content = root / CONTENT_DIR
    found = find_files(root, CONTENT_DIR, folders)
    files: list[tuple[str | None, Path]] = []
    seen: set[tuple[str | None, Path]] = set()
    for path, real in zip(found.files, found.real, strict=True):
        if not _looks_like_yaml(path.name):
            continue
        parts = path.relative_to(content).parts
        folder = parts[0] if len(parts) > 1 and parts[0] in folders else None
        if (folder, real) in seen:  # a second link to one file: one record, not two
            continue
        seen.add((folder, real))
        files.append((folder, path))
    return files, found.diagnostics


@contextmanager
def collector_paused() -> Iterator[None]:
    """Pause Python's cyclic garbage collector while the records are read and checked.

    Reading makes hundreds of thousands of small objects (YAML nodes and their marks, values,
    positions, models) and frees almost none of them in cycles; the rules then make tens of
    thousands more (every text of every record) while all of those are alive. Left running,
    the collector walks the whole heap over and over: a quarter of `gongshi check`'s time,
    for nothing.

    On the way out the objects made are moved, without a walk, to the oldest generation
    (`freeze` then `unfreeze`): the collector would otherwise go through every one of them
    at its next young collection, to find what it finds anyway at its next full one.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.freeze()
            gc.unfreeze()
            gc.enable()


@collector_paused()
def load_project(
    root: Path, today: date | None = None, read: Reader | None = None
) -> tuple[Project | None, list[Diagnostic]]:
    """Read and validate every file; the project is None only when site_config.yml is unusable.

    `read` reads one file (`read_source` unless given): `gongshi serve` passes one that
    keeps each file's reading until the file changes."""
    read = read or read_source
    config_path = root / CONFIG_FILE
    if not config_path.is_file():
        raise NotAProject(str(root))
    diagnostics: list[Diagnostic] = []
    config = read(config_path, root, SiteConfig, diagnostics)
    records: dict[str, list[Sourced[BaseModel]]] = {name: [] for name, _ in RECORD_FOLDERS}
    models = dict(RECORD_FOLDERS)
    failed: list[FailedRecord] = []
    files, problems = find_content_files(root)
    diagnostics.extend(problems)
    for folder, path in files:
        if path.name.lower().endswith(MISNAMED_SUFFIXES):
            diagnostics.append(
                codes.G109.at(
                    Span(relative_name(path, root), 1, 1),
                    f"文件名以 .txt 结尾，不会被当成记录读取。请把它改名为 "
                    f"{path.name[: -len('.txt')]}（Windows 里要先在“查看”中勾选“文件扩展名”）。",
                )
            )
            continue
        if folder is None:
            diagnostics.append(
                codes.G109.at(
                    Span(relative_name(path, root), 1, 1),
                    "这个文件不在 organizations、funds、matters、volunteers、surveys 任何一个文件夹里，"
                    "不会被公示。请把它移到对应的文件夹。",
                )
            )
            continue
        item = read(path, root, models[folder], diagnostics)
        if isinstance(item, Sourced):
            records[folder].append(item)
            diagnostics.extend(_device_name_id_diagnostics(item))
        else:
            failed.append(failed_record(folder, item))
    if not isinstance(config, Sourced):
        return None, diagnostics
    project = Project(
        root=root,
        config=config,  # type: ignore[arg-type]
        organizations=tuple(records["organizations"]),  # type: ignore[arg-type]
        ledgers=tuple(records["funds"]),  # type: ignore[arg-type]
        matters=tuple(records["matters"]),  # type: ignore[arg-type]
        schedules=tuple(records["volunteers"]),  # type: ignore[arg-type]
        surveys=tuple(records["surveys"]),  # type: ignore[arg-type]
        today=today or date.today(),
        failed=tuple(failed),
    )
    documents = read_document_files(root, document_references(project))
    return replace(project, document_files=documents), diagnostics


Reader = Callable[[Path, Path, type[BaseModel], list[Diagnostic]], Sourced[BaseModel] | LoadedFile]
"""How one file becomes a record (or the file as far as it loaded)."""


def read_source(
    path: Path, root: Path, model: type[BaseModel], diagnostics: list[Diagnostic]
) -> Sourced[BaseModel] | LoadedFile:
    """The record, or the file as far as it loaded when it could not be read or validated."""
    loaded: LoadedFile = load_yaml_file(path, relative_name(path, root))
    diagnostics.extend(loaded.diagnostics)
    if loaded.data is None:
        return loaded
    record, problems, unread = read_record(loaded, model)
    diagnostics.extend(problems)
    return Sourced(record, loaded.source, path, unread) if record is not None else loaded


FILE_NAMING_IDS: dict[type[BaseModel], tuple[str, str]] = {
    Organization: ("id", "组织编号"),
    Matter: ("id", "事项编号"),
    Ledger: ("account", "账户编号"),
    Survey: ("id", "调查编号"),
}
"""The ids the site and the posters name files and folders after (`posters/matters/<id>.pdf`,
`funds/<account>/`); a schedule's `team` is an organization's id, checked there."""


def _device_name_id_diagnostics(item: Sourced[BaseModel]) -> Iterator[Diagnostic]:
    """G112: an id Windows takes for a device, so the pages and posters named after it
    (`matters/con/`, `posters/matters/con.pdf`) cannot be made or checked out on Windows."""
    record = item.record
    if not isinstance(record, Organization | Matter | Ledger | Survey):
        return
    field_name, label = FILE_NAMING_IDS[type(record)]
    value: str = getattr(record, field_name)
    device = device_name(value)
    if device is None:
        return
    yield codes.G112.at(
        item.span(field_name),
        f"{label}「{value}」是 Windows 的保留名（设备名 {device}）：网站和海报按编号生成的 "
        f"{record_path(record)}、{poster_path(record, '.pdf')} 在 Windows 电脑上既建不出来，"
        f"也检出不了，用 Windows 的同事运行 gongshi print 或 build 会失败。"
        f"请换一个编号，如「{value}-1」或更能说明内容的名字，并同时修改引用它的地方。",
        value if field_name == "id" else None,
    )


def find_project_root(start: Path) -> Path | None:
    """The nearest folder at or above `start` that holds site_config.yml, as git finds `.git`.

    The search stops at the top of the git repository `start` lies in (the folder holding
    `.git`), so a community kept in a sub-folder of a larger repository is found from
    anywhere inside it, and no unrelated folder above the repository ever is.
    """
    folder = start.absolute()
    for candidate in (folder, *folder.parents):
        if (candidate / CONFIG_FILE).is_file():
            return candidate
        if (candidate / ".git").exists():
            return None
    return None
