"""What a disclosure report stands on: the records, and since when each was public.

A record version is published once it is committed (the site is deployed from each
commit), so "since when" is the date of the first commit whose version of the record
already held what is expected (a decision, a fee table, this term). Outside git, or for
a record not committed yet, it is the date the record itself gives.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date
from functools import cached_property
from typing import Any, Literal

from pydantic import BaseModel

from generator.history.versions import GitHistory, record_id, record_kind
from generator.models.config import Rules
from generator.project import Project

DateSource = Literal["git", "record", "uncommitted"]
"""Where a "since" date comes from: the first commit that held it; the record's own date
(no git); the record's own date because the version that holds it is not committed yet."""

Canonical = dict[str, Any]
"""A committed version's content as the canonical JSON gives it."""


@dataclass(frozen=True)
class Since:
    day: date | None
    source: DateSource


def _always(_version: Canonical) -> bool:
    return True


@dataclass(frozen=True)
class Evidence:
    """The project and its history, as the expectations read them."""

    project: Project
    history: GitHistory | None

    @property
    def today(self) -> date:
        return self.project.today

    @property
    def rules(self) -> Rules:
        return self.project.config.record.rules

    @cached_property
    def _versions(self) -> Mapping[tuple[str, str], tuple[tuple[date, bytes], ...]]:
        found: dict[tuple[str, str], list[tuple[date, bytes]]] = {}
        for version in self.history.versions if self.history else ():
            found.setdefault(version.key, []).append((version.committed.date(), version.canonical))
        return {key: tuple(days) for key, days in found.items()}

    def since(
        self,
        record: BaseModel,
        own: date | None,
        holds: Callable[[Canonical], bool] = _always,
    ) -> Since:
        """The first committed day on which `record` held what `holds` asks; else `own`."""
        if self.history is None:
            return Since(own, "record")
        for day, canonical in self._versions.get((record_kind(record), record_id(record)), ()):
            if holds(json.loads(canonical)):
                return Since(day, "git")
        return Since(own, "uncommitted")
