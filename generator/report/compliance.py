"""The compliance report: every expectation, what it found, and whether anything is overdue."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from generator.history.versions import GitHistory
from generator.project import Project
from generator.report.evidence import Evidence
from generator.report.expectations import (
    EXPECTATIONS,
    FAILING,
    STATUS_ORDER,
    STATUS_WORDS,
    Disclosure,
    Expectation,
)


@dataclass(frozen=True)
class Finding:
    """An expectation and everything it found, in the records' order."""

    expectation: Expectation
    disclosures: tuple[Disclosure, ...]
    deadline: str | None

    def source_of(self, disclosure: Disclosure) -> str:
        return disclosure.source or self.expectation.source


@dataclass(frozen=True)
class Report:
    community: str
    today: date
    from_git: bool
    """Whether "since" dates come from git (else from the records' own dates)."""
    findings: tuple[Finding, ...]

    def rows(self) -> list[tuple[Finding, Disclosure]]:
        return [(f, d) for f in self.findings for d in f.disclosures]

    def counts(self) -> dict[str, int]:
        found: dict[str, int] = {status: 0 for status in STATUS_ORDER}
        for _finding, disclosure in self.rows():
            found[disclosure.status] += 1
        return found

    def failing(self) -> list[tuple[Finding, Disclosure]]:
        """Overdue and missing items, most urgent first: the longest overdue, then the rest."""
        rows = [(f, d) for f, d in self.rows() if d.status in FAILING]
        return sorted(
            rows, key=lambda row: (STATUS_ORDER.index(row[1].status), row[1].due or date.max)
        )

    def waiting(self) -> list[tuple[Finding, Disclosure]]:
        rows = [(f, d) for f, d in self.rows() if d.status == "pending" and d.due is not None]
        return sorted(rows, key=lambda row: row[1].due or date.max)

    @property
    def overdue(self) -> bool:
        return bool(self.failing())

    def to_json(self) -> dict[str, Any]:
        return {
            "community": self.community,
            "today": self.today.isoformat(),
            "dates_from": "git" if self.from_git else "records",
            "overdue": len(self.failing()),
            "counts": self.counts(),
            "expectations": [
                {
                    "key": finding.expectation.key,
                    "title": finding.expectation.title,
                    "source": finding.expectation.source,
                    "deadline": finding.deadline,
                    "items": [_item_json(finding, d) for d in finding.disclosures],
                }
                for finding in self.findings
            ],
        }


def _day(day: date | None) -> str | None:
    return day.isoformat() if day else None


def _item_json(finding: Finding, disclosure: Disclosure) -> dict[str, Any]:
    since = disclosure.since
    return {
        "subject": disclosure.subject,
        "status": disclosure.status,
        "status_text": STATUS_WORDS[disclosure.status],
        "since": _day(since.day) if since else None,
        "since_from": since.source if since else None,
        "declared": _day(disclosure.declared),
        "due": _day(disclosure.due),
        "file": disclosure.file,
        "page": disclosure.page,
        "note": disclosure.note,
        "source": finding.source_of(disclosure),
    }


def compliance_report(project: Project, history: GitHistory | None) -> Report:
    """Every expectation of `EXPECTATIONS` applied to the project."""
    evidence = Evidence(project, history)
    findings = []
    for expectation in EXPECTATIONS:
        disclosures = tuple(expectation.disclosures(evidence))
        deadline = expectation.deadline(evidence.rules) if expectation.deadline else None
        findings.append(Finding(expectation, disclosures, deadline))
    config = project.config.record
    return Report(config.community.name, project.today, history is not None, tuple(findings))
