"""What one version of a record says to a resident holding a poster: title, page, figures.

The 核验 page answers for every version ever published, and most of them exist only
as canonical JSON in git. Reading each back through the models is most of what the
answers cost, so what a version says is worked out once per canonical content and
kept beside the parsed blobs (`history.kept`), like them valid for one version of
Gongshi's code.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from generator.chinese_dates import chinese_date, chinese_span
from generator.history.kept import PACKAGE, KeptJson, code_fingerprint, kept_path
from generator.models import Ledger, Matter, Organization, Schedule, SiteConfig, Survey
from generator.models.common import Correction
from generator.models.matter import RESULT_NAMES, STATUS_NAMES
from generator.models.organization import KIND_NAMES
from generator.money import ledger_totals, yuan
from generator.urls import record_path

Figure = tuple[str, str]

MODELS: dict[str, type[BaseModel]] = {
    "organization": Organization,
    "ledger": Ledger,
    "matter": Matter,
    "schedule": Schedule,
    "survey": Survey,
    "config": SiteConfig,
}
FACTS_FORMAT = 1


@dataclass(frozen=True)
class VersionFacts:
    """What a version says: `team` is a schedule's team id, titled by the team's name later."""

    title: str
    team: str | None
    page: str | None
    """The record's page below the site root (`matters/lawn/`), for record kinds with a page."""
    figures: tuple[Figure, ...]
    corrections: tuple[Correction, ...]

    def titled(self, team_names: dict[str, str]) -> str:
        if self.team is not None:
            return f"{team_names.get(self.team, self.team)}值班表"
        return self.title

    def to_json(self) -> dict[str, Any]:
        return {
            "title": self.title,
            "team": self.team,
            "page": self.page,
            "figures": [list(figure) for figure in self.figures],
            "corrections": [c.model_dump(mode="json") for c in self.corrections],
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> VersionFacts:
        return cls(
            title=data["title"],
            team=data["team"],
            page=data["page"],
            figures=tuple((label, value) for label, value in data["figures"]),
            corrections=tuple(Correction.model_validate(c) for c in data["corrections"]),
        )


def version_facts(record: BaseModel) -> VersionFacts:
    found = getattr(record, "corrections", ())
    page = (
        record_path(record)
        if isinstance(record, Organization | Ledger | Matter | Schedule | Survey)
        else None
    )
    return VersionFacts(
        title=_title(record),
        team=record.team if isinstance(record, Schedule) else None,
        page=page,
        figures=record_figures(record),
        corrections=tuple(found) if isinstance(found, tuple) else (),
    )


class KeptFacts:
    """`VersionFacts` per canonical content, kept in `<git dir>/gongshi/facts.json`.

    A version that no longer reads with today's models is kept as unreadable (None), so it
    is not tried again either.
    """

    def __init__(self, kept: KeptJson) -> None:
        self.kept = kept

    @classmethod
    def open(cls, root: Path | None) -> KeptFacts:
        fingerprint = code_fingerprint(FACTS_FORMAT, sorted(PACKAGE.rglob("*.py")))
        path = kept_path(root, "facts.json") if root is not None else None
        return cls(KeptJson.open(path, fingerprint))

    def facts(self, kind: str, canonical: bytes) -> VersionFacts | None:
        key = hashlib.sha256(kind.encode() + b"\0" + canonical).hexdigest()
        if key in self.kept.entries:
            kept = self.kept.get(key)
            try:
                return VersionFacts.from_json(kept) if kept is not None else None
            except (KeyError, TypeError, ValueError):
                pass  # a damaged entry: work it out again
        record = _record(kind, canonical)
        facts = version_facts(record) if record is not None else None
        self.kept.put(key, facts.to_json() if facts is not None else None)
        return facts

    def save(self) -> None:
        self.kept.save()


def _record(kind: str, canonical: bytes) -> BaseModel | None:
    """The record a version holds, read back from its canonical JSON (None if it no longer reads)."""
    try:
        return MODELS[kind].model_validate(json.loads(canonical))
    except (ValidationError, ValueError):
        return None


def _title(record: BaseModel) -> str:
    if isinstance(record, Ledger):
        return f"{record.name}（{chinese_span(record.period.start, record.period.end)}）"
    if isinstance(record, Matter | Survey):
        return record.title
    if isinstance(record, Organization):
        return record.name
    if isinstance(record, SiteConfig):
        return f"{record.community.name}网站设置"
    return ""


def _money(amount: Decimal) -> str:
    return f"{yuan(amount)} 元"


def _tally(owners: int, area: Decimal) -> str:
    return f"{owners} 户，{area} 平方米"


def record_figures(record: BaseModel) -> tuple[Figure, ...]:
    """The figures of a version a resident can hold against the paper, in the poster's words."""
    if isinstance(record, Ledger):
        totals = ledger_totals(record)
        incomes = sum(1 for e in record.entries if e.type == "income")
        expenses = len(record.entries) - incomes
        return (
            ("期间", chinese_span(record.period.start, record.period.end)),
            ("期初余额", _money(totals.opening)),
            ("收入合计", f"{_money(totals.income)}（{incomes} 笔）"),
            ("支出合计", f"{_money(totals.expense)}（{expenses} 笔）"),
            ("期末余额", _money(totals.closing)),
            ("公布日期", chinese_date(record.published)),
        )
    if isinstance(record, Matter):
        figures: list[Figure] = [("状态", STATUS_NAMES[record.status])]
        if record.budget is not None:
            figures.append(("预算", _money(record.budget)))
        if record.publicity:
            span = chinese_span(record.publicity.start, record.publicity.end)
            figures.append(("公示期", span))
        if record.vote:
            vote = record.vote
            for label, tally in (
                ("有表决权", vote.eligible),
                ("参与表决", vote.participated),
                ("同意", vote.agreed),
                ("反对", vote.opposed),
                ("弃权", vote.abstained),
            ):
                figures.append((label, _tally(tally.owners, tally.area_m2)))
        if record.decision:
            decision = record.decision
            result = RESULT_NAMES.get(decision.result, decision.result)
            figures.append(("表决结果", f"{result}（{chinese_date(decision.date)}）"))
        return tuple(figures)
    if isinstance(record, Organization):
        figures = [
            ("类别", KIND_NAMES.get(record.kind, "组织")),
            ("成员人数", f"{len(record.members)} 人"),
        ]
        if record.term:
            figures.append(("任期", chinese_span(record.term.start, record.term.end)))
        if record.contract:
            span = chinese_span(record.contract.start, record.contract.end)
            figures.append(("物业服务合同", span))
        return tuple(figures)
    if isinstance(record, Schedule):
        once = sum(1 for s in record.shifts if s.date is not None)
        weekly = len(record.shifts) - once
        return (("班次", f"{len(record.shifts)} 个（每周重复 {weekly} 个，一次性 {once} 个）"),)
    if isinstance(record, Survey):
        return (
            ("调查期间", chinese_span(record.period.start, record.period.end)),
            ("发放份数", f"{record.distributed} 份"),
            ("回收份数", f"{record.responses} 份"),
            ("题目", f"{len(record.questions)} 道"),
        )
    if isinstance(record, SiteConfig):
        community = record.community
        return (
            ("小区", community.name),
            ("业主户数", f"{community.owners} 户"),
            ("专有部分总面积", f"{community.total_area_m2} 平方米"),
        )
    return ()
