"""When each record last changed, from git when the content is in a repository.

A page says when its record changed so residents can tell new from old. The
date must come from the content itself, never from the build's clock, or two
builds of one commit would differ: git's commit dates when there is a
repository, otherwise the latest date written in the record.
"""

from __future__ import annotations

import subprocess
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from pydantic import BaseModel

from generator.models import Ledger, Matter, Organization, Schedule
from generator.privacy import mask_personal_numbers

_RECORD_SEPARATOR = "\x1e"
_FIELD_SEPARATOR = "\x1f"


@dataclass(frozen=True)
class Revision:
    day: date
    commit: str
    subject: str

    @property
    def published_subject(self) -> str:
        """The subject as the revision table shows it: personal numbers masked (see G705)."""
        return mask_personal_numbers(self.subject)


@dataclass(frozen=True)
class History:
    """A record's revisions, newest first; empty when git knows nothing of the file."""

    revisions: tuple[Revision, ...]
    fallback: date | None

    @property
    def last_changed(self) -> date | None:
        return self.revisions[0].day if self.revisions else self.fallback

    @property
    def from_git(self) -> bool:
        return bool(self.revisions)


def git_revisions(root: Path, paths: Iterable[Path]) -> dict[Path, tuple[Revision, ...]]:
    """Every commit touching each file under `root`, in one `git log` call."""
    wanted = {path.resolve() for path in paths}
    try:
        top = _git(root, "rev-parse", "--show-toplevel").strip()
        log = _git(
            root,
            "-c",
            "core.quotepath=off",
            "log",
            f"--format={_RECORD_SEPARATOR}%h{_FIELD_SEPARATOR}%cs{_FIELD_SEPARATOR}%s",
            "--name-only",
            "--no-renames",
            "--",
            ".",
        )
    except (OSError, subprocess.CalledProcessError):
        return {}
    found: dict[Path, list[Revision]] = {}
    for chunk in log.split(_RECORD_SEPARATOR)[1:]:
        header, _, names = chunk.partition("\n")
        commit, day, subject = header.split(_FIELD_SEPARATOR, 2)
        revision = Revision(date.fromisoformat(day), commit, subject)
        for name in names.split("\n"):
            path = (Path(top) / name.strip()).resolve() if name.strip() else None
            if path in wanted:
                found.setdefault(path, []).append(revision)
    return {path: tuple(revisions) for path, revisions in found.items()}


def _git(root: Path, *args: str) -> str:
    return subprocess.run(
        ["git", "-C", str(root), *args],
        check=True,
        capture_output=True,
        text=True,
        encoding="utf-8",
    ).stdout


def record_date(record: BaseModel, today: date) -> date | None:
    """Without git: the latest date written in the record that is not in the future.

    Records also hold planned dates (next month's shifts, a works schedule); a
    record only planned ahead is dated by its first date.
    """
    days: list[date] = []
    if isinstance(record, Ledger):
        days = [record.published]
    elif isinstance(record, Matter):
        days = [event.date for event in record.timeline]
        if record.publicity:
            days.append(record.publicity.start)
        if record.decision:
            days += [record.decision.date, record.decision.published or record.decision.date]
    elif isinstance(record, Organization):
        days = [d for d in (record.established, record.term and record.term.start) if d]
        days += [m.since for m in record.members if m.since]
        if record.contract:
            days.append(record.contract.start)
    elif isinstance(record, Schedule):
        days = [d for s in record.shifts for d in (s.date, s.from_) if d]
    past = [day for day in days if day <= today]
    return max(past) if past else min(days, default=None)
