"""The log this build publishes: the previous log's leaves as they were, then what is new.

Without a previous log, every record version of git's history is a leaf, oldest
commit first (`history.versions.read_history`). With one, its leaves are kept
byte for byte and only the versions of commits after its last entry's commit are
appended. The old leaves are not recomputed because they are what residents,
browsers and posters have already seen: a later Gongshi that writes a record's
canonical JSON differently (a new field with a default, say) would otherwise give
old versions new digests and 校验码, and the log would look rewritten although
nothing published changed. For the same reason, a record whose newest version
comes from a commit already in the log but whose canonical form today no leaf of
it carries (only a Gongshi upgrade does that) gets one more leaf re-stating that
version, so the 校验码 printed on today's poster is in the log too.

Before anything is appended the previous log is checked against git: every entry's
commit must still be on the first-parent history of HEAD, holding the entry's file
with the same blob. A force-push, an amended or rebased commit, a dropped commit,
all fail this, and the build refuses (`LogRewritten`) naming the first entry that
changed. The consistency proof from the previous checkpoint to the new one is
verified as a last check, as any outside monitor would.
"""

from __future__ import annotations

import subprocess
from dataclasses import dataclass
from pathlib import Path

from generator.git_command import run_git
from generator.history.versions import GitHistory, RecordVersion
from generator.log.entries import LogEntry, entry_for
from generator.log.merkle import consistency_proof, verify_consistency
from generator.log.state import LogState


class LogRewritten(Exception):
    """The history no longer holds what the previous log published."""

    def __init__(self, index: int, entry: LogEntry | None, reason: str) -> None:
        super().__init__(reason)
        self.index = index
        self.entry = entry
        self.reason = reason


class LogUncheckable(Exception):
    """The previous log cannot be compared with git (no git, a shallow clone); says why in Chinese."""


@dataclass(frozen=True)
class Extension:
    state: LogState
    appended: int
    restated: int
    """Leaves re-stating an already-logged version in today's canonical form (see the docstring)."""


def extend_log(
    origin: str, history: GitHistory | None, root: Path, previous: LogState | None = None
) -> Extension:
    """The new log: `previous` (checked against git) plus the versions it does not have yet."""
    versions = history.versions if history is not None else ()
    if previous is None or previous.size == 0:
        leaves = tuple(entry_for(version).to_bytes() for version in versions)
        return Extension(LogState(origin, leaves), len(leaves), 0)
    try:
        old_entries = previous.entries
    except ValueError as error:
        raise LogUncheckable(
            f"上次的公示日志里有这个版本的 Gongshi 读不懂的条目（{error}）。"
        ) from None
    order = _first_parent_commits(root)
    if order is None:
        raise LogUncheckable(
            "这里不是 git 仓库（或没有安装 git），无法核对上次的公示日志是否仍在历史里。"
        )
    _check_entries_in_history(root, old_entries, order)
    last = order[old_entries[-1].commit]
    new = [v for v in versions if order.get(v.commit, -1) > last]
    restated = _restated(versions, old_entries, order, last)
    leaves = previous.leaves + tuple(entry_for(v).to_bytes() for v in (*restated, *new))
    state = LogState(origin, leaves)
    proof = consistency_proof(previous.size, state.hashes)
    if not verify_consistency(previous.size, state.size, previous.root, state.root, proof):
        raise LogRewritten(
            0, None, "新日志与上次的检查点之间的一致性证明不成立。"
        )  # pragma: no cover
    return Extension(state, len(new), len(restated))


def _restated(
    versions: tuple[RecordVersion, ...],
    old_entries: tuple[LogEntry, ...],
    order: dict[str, int],
    last: int,
) -> list[RecordVersion]:
    """Newest versions from already-logged commits whose digest no leaf of their record has."""
    newest: dict[tuple[str, str], RecordVersion] = {}
    for version in versions:
        newest[version.key] = version
    logged: dict[tuple[str, str], set[str]] = {}
    for entry in old_entries:
        logged.setdefault((entry.kind, entry.record_id), set()).add(entry.sha256)
    found = []
    for key, version in newest.items():
        if order.get(version.commit, last + 1) > last or key not in logged:
            continue  # appended as new anyway, or a record the old log never had
        if entry_for(version).sha256 not in logged[key]:
            found.append(version)
    return sorted(found, key=lambda v: (order[v.commit], v.file))


def _check_entries_in_history(
    root: Path, entries: tuple[LogEntry, ...], order: dict[str, int]
) -> None:
    """Every entry's commit on the first-parent line, holding its file as the same blob."""
    blobs = _blobs_at(root, [(entry.commit, entry.file) for entry in entries])
    for index, entry in enumerate(entries):
        short = entry.commit[:12]
        if entry.commit not in order:
            if _is_shallow(root):
                raise LogUncheckable(
                    "这是一个浅克隆（shallow clone），git 里没有完整的历史，无法核对上次的"
                    "公示日志。请用完整的克隆生成网站（GitHub Actions 里给 actions/checkout "
                    "加上 fetch-depth: 0）。"
                )
            raise LogRewritten(index, entry, f"提交 {short} 已不在主分支的历史里")
        found = blobs.get((entry.commit, entry.file))
        if found is None:
            raise LogRewritten(index, entry, f"提交 {short} 里已没有文件 {entry.file}")
        if found != entry.blob:
            raise LogRewritten(index, entry, f"提交 {short} 里的 {entry.file} 与日志记下的内容不同")


def _first_parent_commits(root: Path) -> dict[str, int] | None:
    """Each commit of HEAD's first-parent line and its position, oldest 0; None without git."""
    try:
        listed = run_git(root, "rev-list", "--first-parent", "--reverse", "HEAD")
    except (OSError, subprocess.CalledProcessError):
        return None
    return {name: position for position, name in enumerate(listed.decode("ascii").split())}


def _is_shallow(root: Path) -> bool:
    try:
        return run_git(root, "rev-parse", "--is-shallow-repository").strip() == b"true"
    except (OSError, subprocess.CalledProcessError):
        return False


def _blobs_at(root: Path, wanted: list[tuple[str, str]]) -> dict[tuple[str, str], str]:
    """The blob id of each (commit, file) that exists, from one `git cat-file --batch-check`."""
    unique = sorted(set(wanted))
    request = "".join(f"{commit}:./{file}\n" for commit, file in unique).encode("utf-8")
    try:
        output = run_git(
            root, "cat-file", "--batch-check=%(objectname) %(objecttype)", stdin=request
        )
    except (OSError, subprocess.CalledProcessError):
        return {}
    found = {}
    for key, line in zip(
        unique, output.decode("utf-8", errors="replace").splitlines(), strict=False
    ):
        name, _, kind = line.partition(" ")
        if kind == "blob":
            found[key] = name
    return found
