"""Every committed version of every record, read from git in one pass.

The content lives in git and the site is deployed from each commit, so a record
version is published once it is committed. One `git log` over content/ and
site_config.yml names the blobs each commit changed; one `git cat-file --batch`
reads them all; each blob is parsed with the project's own loader and models.
A commit that only reformats a file (same canonical JSON) adds no version.
"""

from __future__ import annotations

import subprocess
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from functools import cached_property
from pathlib import Path, PurePosixPath

from pydantic import BaseModel

from generator.checksum import canonical_json, checksum_of
from generator.git_command import run_git
from generator.history.kept import PACKAGE, KeptJson, code_fingerprint, kept_path
from generator.loader import load_yaml_file
from generator.models import Ledger, Matter, Organization, Schedule, SiteConfig, Survey
from generator.parse import parse_record
from generator.project import (
    CONFIG_FILE,
    CONTENT_DIR,
    MISNAMED_SUFFIXES,
    RECORD_FOLDERS,
    YAML_SUFFIXES,
)
from generator.urls import ledger_id

_COMMIT_MARK = "\x1e"
_FIELD = "\x1f"
_LOG_FORMAT = f"{_COMMIT_MARK}%H{_FIELD}%cI{_FIELD}%an{_FIELD}%s"
_NO_BLOB = "0" * 40
_FILE_MODES = ("100644", "100755")
"""Regular files; a symlink (120000) or submodule in content/ is not a record version."""

CONFIG_RECORD_ID = "site_config"
_MISSING = "git 仓库里缺少这个版本的内容（可能是浅克隆）"

_KIND_BY_MODEL: dict[type[BaseModel], str] = {
    Organization: "organization",
    Ledger: "ledger",
    Matter: "matter",
    Schedule: "schedule",
    Survey: "survey",
    SiteConfig: "config",
}


@dataclass(frozen=True)
class RecordVersion:
    file: str
    """Posix path from the project root, e.g. `content/funds/2026-q3.yml`."""
    record_id: str
    """The id the site uses for the record (a ledger's is `urls.ledger_id`)."""
    kind: str
    """`organization`, `ledger`, `matter`, `schedule` or `config`."""
    commit: str
    """The full 40-hex commit hash."""
    blob: str
    """The git blob id of the file as committed: what git itself keeps of this version."""
    committed: datetime
    """The commit time, timezone-aware."""
    author: str
    """The author's name as configured in git."""
    subject: str
    """The commit's subject line, as written (scan it for privacy before showing it)."""
    canonical: bytes
    """The record's canonical JSON (`checksum.canonical_json`), UTF-8."""

    @property
    def key(self) -> tuple[str, str]:
        """What makes two versions versions of one record: its kind and id."""
        return (self.kind, self.record_id)

    @cached_property
    def code(self) -> str:
        """The version's 校验码, worked out once for the log, the 核验 page and the history."""
        return checksum_of(self.canonical)


@dataclass(frozen=True)
class Unreadable:
    """A committed blob that no longer loads (a historic broken commit): skipped, noted."""

    file: str
    commit: str
    committed: datetime
    reason: str


@dataclass(frozen=True)
class GitHistory:
    """What one reading of git gave: the versions, and the blobs skipped because they were broken."""

    versions: tuple[RecordVersion, ...]
    unreadable: tuple[Unreadable, ...] = ()


@dataclass(frozen=True)
class _Commit:
    commit: str
    committed: datetime
    author: str
    subject: str
    changes: tuple[tuple[str, str], ...]
    """(file, blob) for each record file the commit added or changed; blob `_NO_BLOB` if deleted."""


def record_kind(record: BaseModel) -> str:
    return _KIND_BY_MODEL[type(record)]


def record_id(record: BaseModel) -> str:
    """The id the site uses for the record."""
    if isinstance(record, Organization | Matter | Survey):
        return record.id
    if isinstance(record, Ledger):
        return ledger_id(record)
    if isinstance(record, Schedule):
        return record.team
    return CONFIG_RECORD_ID


def read_versions(root: Path) -> tuple[RecordVersion, ...] | None:
    """Every committed version of every record, oldest commit first; None when root is not in git."""
    history = read_history(root)
    return history.versions if history is not None else None


def read_history(root: Path) -> GitHistory | None:
    """The versions and the broken blobs skipped; None when root is not in git (or git is absent).

    Reading a blob with the loader and the models is most of the cost, and a blob never
    changes, so what each blob gave is kept in the repository's git folder (`ParsedBlobs`)
    and only blobs not seen before are read and parsed.
    """
    log = _git_log(root)
    if log is None:
        return None
    commits = list(_parse_log(log))
    cache = ParsedBlobs.open(root)
    blobs = _read_blobs(
        root,
        {
            blob
            for c in commits
            for file, blob in c.changes
            if blob != _NO_BLOB and cache.get(_cache_key(file, blob)) is None
        },
    )
    versions: list[RecordVersion] = []
    unreadable: list[Unreadable] = []
    published: dict[tuple[str, str], bytes] = {}  # record key → its latest canonical content
    for commit in commits:
        for file, blob in commit.changes:
            if blob == _NO_BLOB:
                continue
            result = cache.get(_cache_key(file, blob))
            if result is None:
                result = cache.put(_cache_key(file, blob), _parse_blob(file, blobs.get(blob)))
            if isinstance(result, str):
                unreadable.append(Unreadable(file, commit.commit, commit.committed, result))
                continue
            key, canonical = result
            if published.get(key) == canonical:
                continue  # reformatted, moved or reverted to the same content: not a new version
            published[key] = canonical
            versions.append(
                RecordVersion(
                    file=file,
                    record_id=key[1],
                    kind=key[0],
                    commit=commit.commit,
                    blob=blob,
                    committed=commit.committed,
                    author=commit.author,
                    subject=commit.subject,
                    canonical=canonical,
                )
            )
    cache.save()
    return GitHistory(tuple(versions), tuple(unreadable))


Parsed = tuple[tuple[str, str], bytes] | str
"""What a blob gave: (kind, id) and its canonical JSON, or why it did not load."""

CACHE_FORMAT = 2
_PARSER_MODULES = ("loader.py", "parse.py", "checksum.py", "urls.py", "history/versions.py")


def parser_fingerprint() -> str:
    """Changes whenever the code that turns a blob into canonical JSON may have changed."""
    return code_fingerprint(
        CACHE_FORMAT,
        (*(PACKAGE / m for m in _PARSER_MODULES), *sorted((PACKAGE / "models").glob("*.py"))),
    )


class ParsedBlobs:
    """What each committed blob gave, kept in `<git dir>/gongshi/blobs.json` between runs.

    A blob's parse only changes when Gongshi's parser does (`parser_fingerprint`). A blob a
    shallow clone lacks is not kept: a later fetch may bring it.
    """

    def __init__(self, kept: KeptJson) -> None:
        self.kept = kept

    @classmethod
    def open(cls, root: Path) -> ParsedBlobs:
        return cls(KeptJson.open(kept_path(root, "blobs.json"), parser_fingerprint()))

    def get(self, blob: str) -> Parsed | None:
        item = self.kept.get(blob)
        if isinstance(item, str):
            return item
        if isinstance(item, list) and len(item) == 3:
            return ((item[0], item[1]), item[2].encode())
        return None

    def put(self, blob: str, result: tuple[BaseModel, bytes] | str) -> Parsed:
        if isinstance(result, str):
            if not result.startswith(_MISSING):
                self.kept.put(blob, result)
            return result
        key = (record_kind(result[0]), record_id(result[0]))
        self.kept.put(blob, [key[0], key[1], result[1].decode()])
        return (key, result[1])

    def save(self) -> None:
        self.kept.save()


def _cache_key(file: str, blob: str) -> str:
    """A blob read as one kind of record: the same bytes in another folder parse differently."""
    return f"{_model_for(file).__name__}:{blob}"


def _git_log(root: Path) -> str | None:
    """The log of content/ and site_config.yml along the first-parent line, oldest first."""
    try:
        return run_git(
            root,
            "-c",
            "core.quotepath=off",
            "log",
            "--reverse",
            "--first-parent",
            "--diff-merges=first-parent",
            f"--format={_LOG_FORMAT}",
            "--raw",
            "--no-renames",
            "--no-abbrev",
            "--relative",
            "-z",
            "--",
            CONTENT_DIR,
            CONFIG_FILE,
        ).decode("utf-8", errors="replace")
    except OSError:
        return None  # no git installed
    except subprocess.CalledProcessError:
        pass
    try:  # a repository without any commit yet has no history; anything else is not git
        run_git(root, "rev-parse", "--git-dir")
    except (OSError, subprocess.CalledProcessError):
        return None
    return ""


def _parse_log(log: str) -> Iterator[_Commit]:
    """Commits from `git log -z --raw`: a header, then `:modes blobs status NUL path NUL` pairs."""
    for chunk in log.split(_COMMIT_MARK)[1:]:
        header, _, raw = chunk.partition("\x00")
        name, committed, author, subject = header.split(_FIELD, 3)
        fields = raw.lstrip("\n").split("\x00")
        changes: list[tuple[str, str]] = []
        for index in range(0, len(fields) - 1, 2):
            status, file = fields[index].lstrip("\n"), fields[index + 1]
            if not status.startswith(":"):
                continue
            _, new_mode, _, new_blob, _ = status[1:].split(" ", 4)
            if not _is_record_file(file):
                continue
            if new_blob == _NO_BLOB or new_mode in _FILE_MODES:
                changes.append((file, new_blob))
        yield _Commit(
            name, datetime.fromisoformat(committed), author, subject.strip(), tuple(changes)
        )


def _is_record_file(file: str) -> bool:
    """Whether the project reads `file` as a record (see `project.find_content_files`)."""
    if file == CONFIG_FILE:
        return True
    parts = PurePosixPath(file).parts
    folders = {folder for folder, _ in RECORD_FOLDERS}
    name = parts[-1].lower()
    return (
        len(parts) > 2
        and parts[0] == CONTENT_DIR
        and parts[1] in folders
        and name.endswith(YAML_SUFFIXES)
        and not name.endswith(MISNAMED_SUFFIXES)
    )


def _read_blobs(root: Path, wanted: set[str]) -> dict[str, bytes]:
    """Every wanted blob's bytes from one `git cat-file --batch`."""
    if not wanted:
        return {}
    order = sorted(wanted)
    try:
        output = run_git(
            root, "cat-file", "--batch", stdin="".join(f"{b}\n" for b in order).encode()
        )
    except (OSError, subprocess.CalledProcessError):
        return {}
    blobs: dict[str, bytes] = {}
    position = 0
    while position < len(output):
        header_end = output.index(b"\n", position)
        header = output[position:header_end].decode("ascii", errors="replace").split(" ")
        position = header_end + 1
        if len(header) != 3:  # `<blob> missing`: a shallow or partial clone
            continue
        size = int(header[2])
        blobs[header[0]] = output[position : position + size]
        position += size + 1
    return blobs


def _parse_blob(file: str, content: bytes | None) -> tuple[BaseModel, bytes] | str:
    """The record a blob holds and its canonical content, or why it does not load."""
    if content is None:
        return _MISSING
    model = _model_for(file)
    loaded = load_yaml_file(Path(file), file, content=content)
    if loaded.data is None:
        return loaded.diagnostics[0].message if loaded.diagnostics else "无法读取"
    record, diagnostics = parse_record(loaded, model)
    if record is None:
        first_error = next((d for d in diagnostics if d.is_error), None)
        return first_error.message if first_error else "内容不符合格式"
    return record, canonical_json(record).encode("utf-8")


def _model_for(file: str) -> type[BaseModel]:
    if file == CONFIG_FILE:
        return SiteConfig
    return dict(RECORD_FOLDERS)[PurePosixPath(file).parts[1]]
