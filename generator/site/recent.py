"""Every record as a disclosure with its date: the home page's latest list and the news feed."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from generator.chinese_dates import chinese_span
from generator.cjk_text import one_line
from generator.models import Ledger, Matter, Organization, Schedule, Survey
from generator.models.matter import STATUS_NAMES
from generator.models.survey import SURVEY_KIND_NAMES
from generator.money import ledger_totals, yuan
from generator.project import Sourced
from generator.site.context import Record, SiteContext, page_file


@dataclass(frozen=True)
class Disclosure:
    kind: str
    title: str
    path: str
    day: date
    summary: str
    record: Record


def _describe(record: Record, site: SiteContext) -> tuple[str, str, str]:
    if isinstance(record, Organization):
        return "组织", record.name, f"{len(record.members)} 名成员"
    if isinstance(record, Ledger):
        totals = ledger_totals(record)
        period = chinese_span(record.period.start, record.period.end)
        return (
            "账目",
            f"{record.name}（{period}）",
            (
                f"收入 {yuan(totals.income)} 元，支出 {yuan(totals.expense)} 元，期末余额 {yuan(record.closing_balance)} 元"
            ),
        )
    if isinstance(record, Matter):
        return (
            "事项",
            record.title,
            f"{STATUS_NAMES[record.status]}：{one_line(record.summary)[:120]}",
        )
    if isinstance(record, Survey):
        kind = SURVEY_KIND_NAMES[record.kind]
        return kind, record.title, f"回收 {record.responses} 份，{len(record.questions)} 道题的结果"
    assert isinstance(record, Schedule)
    name = site.organization_name(record.team) or record.team
    return "志愿服务", f"{name}活动安排", f"{len(record.shifts)} 项值班或活动安排"


def disclosures(site: SiteContext) -> list[Disclosure]:
    """Newest first; records without any known date are left out rather than dated falsely."""
    found = []
    project = site.project
    items: tuple[Sourced[Any], ...] = (
        *project.matters,
        *project.ledgers,
        *project.organizations,
        *project.schedules,
        *project.surveys,
    )
    for item in items:
        day = site.history(item.record).last_changed
        if day is None:
            continue
        kind, title, summary = _describe(item.record, site)
        found.append(Disclosure(kind, title, page_file(item.record), day, summary, item.record))
    seen: set[str] = set()
    unique = []
    for disclosure in sorted(found, key=lambda d: (d.day, d.path), reverse=True):
        if disclosure.path not in seen:
            seen.add(disclosure.path)
            unique.append(disclosure)
    return unique
