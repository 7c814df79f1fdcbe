"""Each record's published versions, newest first, as its page lists them.

A page says when its record changed so residents can tell new from old, and
lists every published version with its 校验码 so that an older poster can be
matched to the version it was printed from. The versions come from the
project's one reading of git (`Project.history`); the date must come from the
content itself, never from the build's clock, or two builds of one commit would
differ: without git, the latest date written in the record.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date

from pydantic import BaseModel

from generator.history.versions import RecordVersion, record_id, record_kind
from generator.models import Ledger, Matter, Organization, Schedule, Survey
from generator.privacy import mask_personal_numbers
from generator.project import Project


@dataclass(frozen=True)
class Revision:
    """One published version of a record: the commit that published it."""

    day: date
    commit: str
    """The short commit hash."""
    subject: str
    author: str
    checksum: str
    """The 校验码 a poster printed from this version carries."""
    corrections: int = 0
    """How many `corrections:` entries this version holds."""

    @property
    def published_subject(self) -> str:
        """The subject as the revision table shows it: personal numbers masked (see G705)."""
        return mask_personal_numbers(self.subject)


@dataclass(frozen=True)
class History:
    """A record's versions, newest first; empty when git knows nothing of the record."""

    revisions: tuple[Revision, ...]
    fallback: date | None

    @property
    def last_changed(self) -> date | None:
        return self.revisions[0].day if self.revisions else self.fallback

    @property
    def from_git(self) -> bool:
        return bool(self.revisions)

    def corrections_before(self, checksum: str) -> int:
        """How many corrections the record had before the version with `checksum` (or the
        uncommitted one) was published: fewer than now means a correction lands with it."""
        revisions = self.revisions
        if revisions and revisions[0].checksum == checksum:
            revisions = revisions[1:]
        return revisions[0].corrections if revisions else 0


def revision_of(version: RecordVersion) -> Revision:
    return Revision(
        day=version.committed.date(),
        commit=version.commit[:7],
        subject=version.subject,
        author=version.author,
        checksum=version.code,
        corrections=_corrections_in(version.canonical),
    )


def _corrections_in(canonical: bytes) -> int:
    """How many `corrections:` entries a version has; most have none, and then no parse."""
    if b'"corrections":[{' not in canonical:
        return 0
    return len(json.loads(canonical).get("corrections", ()))


def record_histories(project: Project) -> dict[int, History]:
    """Each record's history, keyed by the record object's id, from the one reading of git."""
    by_key: dict[tuple[str, str], list[Revision]] = {}
    for version in project.history.versions if project.history else ():
        by_key.setdefault(version.key, []).append(revision_of(version))
    found: dict[int, History] = {}
    groups = (project.organizations, project.ledgers, project.matters, project.schedules)
    for group in (*groups, project.surveys):
        for item in group:
            record = item.record
            revisions = by_key.get((record_kind(record), record_id(record)), [])
            found[id(record)] = History(
                tuple(reversed(revisions)), record_date(record, project.today)
            )
    return found


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
    elif isinstance(record, Survey):
        days = [record.period.end]
    past = [day for day in days if day <= today]
    return max(past) if past else min(days, default=None)
