"""Which records a `gongshi print` argument means: an id, a site path, or a content file.

Secretaries type what they see: `lawn`, `public-income-2026q1` (the ledger's id on
the site), `volunteers/tutors`, or `content/matters/lawn.yml`. A bare id that both
a team and its schedule use (`tutors`) means both posters. An unknown name gets
the closest names suggested, as git does for a mistyped command.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from generator.models import Ledger, Matter, Organization, Schedule, Survey
from generator.posters.frame import Record
from generator.project import Project, Sourced
from generator.urls import ledger_id, record_path


@dataclass(frozen=True)
class Unknown:
    """An argument that names no record, with the closest names to suggest."""

    name: str
    suggestions: tuple[str, ...]


@dataclass
class RecordIndex:
    """Every name a record can be called by; built once per run."""

    by_name: dict[str, list[Record]] = field(default_factory=dict)
    by_file: dict[Path, Record] = field(default_factory=dict)
    ids: list[str] = field(default_factory=list)
    """The short names to suggest: ids, not paths, since they are what people type."""

    def add(
        self,
        item: Sourced[Organization]
        | Sourced[Ledger]
        | Sourced[Matter]
        | Sourced[Schedule]
        | Sourced[Survey],
        *names: str,
    ) -> None:
        for name in names:
            bucket = self.by_name.setdefault(name, [])
            if item.record not in bucket:
                bucket.append(item.record)
        self.by_file[item.path.resolve()] = item.record
        if names[0] not in self.ids:
            self.ids.append(names[0])


def record_index(project: Project) -> RecordIndex:
    index = RecordIndex()
    for organization in project.organizations:
        index.add(organization, organization.record.id, _site_name(organization.record))
    for matter in project.matters:
        index.add(matter, matter.record.id, _site_name(matter.record))
    for ledger in project.ledgers:
        short = ledger_id(ledger.record)
        index.add(ledger, short, _site_name(ledger.record), f"funds/{short}")
    for schedule in project.schedules:
        index.add(schedule, schedule.record.team, _site_name(schedule.record))
    for survey in project.surveys:
        index.add(survey, survey.record.id, _site_name(survey.record))
    return index


def _site_name(record: Record) -> str:
    return record_path(record).strip("/")


def resolve_records(
    project: Project, names: Sequence[str], cwd: Path | None = None
) -> tuple[list[Record], list[Unknown]]:
    """The records the names mean, in the order given and without repeats, and the unknowns."""
    index = record_index(project)
    found: list[Record] = []
    unknown: list[Unknown] = []
    for name in names:
        matches = _lookup(index, project, name, cwd or Path.cwd())
        if matches:
            found.extend(r for r in matches if r not in found)
        else:
            close = suggest(name, index.ids) or suggest(name, index.by_name)
            unknown.append(Unknown(name, close))
    return found, unknown


def _lookup(index: RecordIndex, project: Project, name: str, cwd: Path) -> list[Record]:
    key = name.strip().strip("/")
    if key.startswith("posters/"):
        key = key.removeprefix("posters/").removesuffix(".pdf").removesuffix(".html")
    if key in index.by_name:
        return index.by_name[key]
    if key.endswith((".yml", ".yaml")):
        for candidate in (cwd / key, project.root / key):
            record = index.by_file.get(candidate.resolve())
            if record is not None:
                return [record]
    return []


def suggest(name: str, names: Iterable[str]) -> tuple[str, ...]:
    """Up to three close names, ids before paths, for 'did you mean'."""
    unique = list(dict.fromkeys(names))
    return tuple(difflib.get_close_matches(name.strip("/"), unique, n=3, cutoff=0.5))


def matters_in_publicity(project: Project, today: date) -> list[Matter]:
    """Matters whose publicity period includes `today`: what the board should show now."""
    return [
        item.record
        for item in sorted(
            project.matters,
            key=lambda i: (i.record.publicity.start if i.record.publicity else today, i.record.id),
        )
        if item.record.publicity
        and item.record.publicity.start <= today <= item.record.publicity.end
    ]
