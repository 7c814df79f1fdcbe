"""What every page needs to know about the community, computed once per build."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from functools import cached_property

from pydantic import BaseModel

from generator.checksum import record_checksum
from generator.history.labels import correction_label
from generator.history.versions import GitHistory
from generator.models import Entry, Ledger, Matter, Organization, Schedule, Survey
from generator.models.common import Correction
from generator.money import spending_by_matter
from generator.project import Project
from generator.site.history import History, record_date
from generator.urls import poster_path, record_path

Record = Organization | Ledger | Matter | Schedule | Survey


def page_file(record: Record) -> str:
    """The Markdown file whose page mkdocs publishes at `urls.record_path(record)`."""
    return record_path(record).rstrip("/") + ".md"


@dataclass(frozen=True)
class SiteContext:
    """The project plus what the pages derive from it: history, 校验码, links, spending."""

    project: Project
    histories: dict[int, History] = field(default_factory=dict)
    posters: frozenset[str] = frozenset()
    """Poster files (paths below the site root) that this build writes."""

    @property
    def today(self) -> date:
        return self.project.today

    @property
    def title(self) -> str:
        config = self.project.config.record
        return config.site.title or f"{config.community.name}信息公示"

    def history(self, record: BaseModel) -> History:
        return self.histories.get(id(record), History((), record_date(record, self.today)))

    def landed_corrections(self, record: Record) -> tuple[Correction, ...]:
        """The corrections that came with the record's latest version (its feed item says 更正)."""
        history = self.history(record)
        if history.from_git:
            return record.corrections[history.corrections_before(self.checksum(record)) :]
        newest = history.last_changed or date.min
        return tuple(c for c in record.corrections if c.date >= newest)

    def correction_label(self, record: BaseModel, field: str) -> str:
        return correction_label(type(record), field)

    def checksum(self, record: BaseModel) -> str:
        return record_checksum(record)  # its canonical JSON is made once (checksum.py)

    def poster_links(self, record: Record) -> list[tuple[str, str]]:
        """(label, path) for each poster of the record this build publishes."""
        found = []
        for suffix, label in ((".pdf", "PDF 海报"), (".html", "网页版海报")):
            path = poster_path(record, suffix)
            if path in self.posters:
                found.append((label, path))
        return found

    @property
    def git_history(self) -> GitHistory | None:
        """Every committed version of every record (None outside git): the project's one
        reading of git, shared with the check, the revision tables and the 核验 page."""
        return self.project.history

    @cached_property
    def spending(self) -> dict[str, Decimal]:
        return spending_by_matter(item.record for item in self.project.ledgers)

    @cached_property
    def expenses_by_matter(self) -> dict[str, list[tuple[Entry, Ledger]]]:
        """Each matter's expenses with their ledger, gathered in one pass over every ledger."""
        found: dict[str, list[tuple[Entry, Ledger]]] = {}
        for item in self.project.ledgers:
            for entry in item.record.entries:
                if entry.type == "expense" and entry.matter:
                    found.setdefault(entry.matter, []).append((entry, item.record))
        return found

    def organization_name(self, org_id: str) -> str | None:
        found = self.project.organization_by_id.get(org_id)
        return found.record.name if found else None
