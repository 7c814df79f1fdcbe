"""The pilot plans' figures add up: Party members, mediation cases, the seven steps, the 六老."""

from __future__ import annotations

from collections.abc import Iterator

from generator import codes
from generator.diagnostics import Diagnostic
from generator.models.pilot import (
    AFFAIR_LEVEL_NAMES,
    MEDIATION_OUTCOME_NAMES,
    PILOT_STEP_NAMES,
    LevelCounts,
    OutcomeCounts,
)
from generator.project import Project


def reported_members_diagnostics(project: Project) -> Iterator[Diagnostic]:
    """G510: members who 报到 are the unregistered ones living here, so never more of them."""
    for item in project.organizations:
        members = item.record.party_members
        if members is None or members.reported <= members.unregistered:
            continue
        yield codes.G510.at(
            item.span("party_members", "reported"),
            f"已报到党员 {members.reported} 人，多于非在册党员 {members.unregistered} 人。"
            "到小区党组织报到的是组织关系不在本小区、住在本小区的党员，报到人数不能多于非在册人数。"
            "请核对党员信息台账，改正其中一个数。",
            item.record.id,
        )


def _parts(counts: LevelCounts | OutcomeCounts, names: dict[str, str]) -> tuple[int, str]:
    values = counts.model_dump()
    written = "、".join(f"{names[key]} {value}" for key, value in values.items() if value)
    return sum(values.values()), written or "都是 0"


def mediation_total_diagnostics(project: Project) -> Iterator[Diagnostic]:
    """G511: each period's cases by level and by outcome both add up to the cases received."""
    for item in project.organizations:
        for c, cases in enumerate(item.record.cases):
            for field, counts, names, what in (
                ("by_level", cases.by_level, AFFAIR_LEVEL_NAMES, "按事务层级"),
                ("by_outcome", cases.by_outcome, MEDIATION_OUTCOME_NAMES, "按结果"),
            ):
                total, written = _parts(counts, names)
                if total == cases.received:
                    continue
                yield codes.G511.at(
                    item.source.key_span("cases", c, field),
                    f"第 {c + 1} 期调解情况受理 {cases.received} 件，{what}分（{written}）"
                    f"合计 {total} 件，{'少' if total < cases.received else '多'}"
                    f" {abs(cases.received - total)} 件。"
                    "请按调解登记簿补齐或改正，使各项之和等于受理件数。",
                    item.record.id,
                )


def duplicate_step_diagnostics(project: Project) -> Iterator[Diagnostic]:
    """G512: a step written twice leaves the timeline two deadlines for it."""
    for item in project.organizations:
        if item.record.pilot is None:
            continue
        seen: dict[str, int] = {}
        for s, step in enumerate(item.record.pilot.steps):
            first = seen.setdefault(step.step, s)
            if first == s:
                continue
            yield codes.G512.at(
                item.span("pilot", "steps", s, "step"),
                f"步骤「{PILOT_STEP_NAMES[step.step]}」（{step.step}）已经写在第 {first + 1} 项，"
                "一个步骤只写一项。请删除多余的一项，或把它改成另一个步骤。",
                item.record.id,
            )


def late_step_diagnostics(project: Project) -> Iterator[Diagnostic]:
    """G513: completed after the plan's deadline. The board shows it as late; it may stand."""
    for item in project.organizations:
        if item.record.pilot is None:
            continue
        for s, step in enumerate(item.record.pilot.steps):
            if step.completed is None or step.completed <= step.deadline:
                continue
            days = (step.completed - step.deadline).days
            reason = "" if step.note else "请在 note 里写明推迟的原因。"
            yield codes.G513.at(
                item.span("pilot", "steps", s, "completed"),
                f"步骤「{PILOT_STEP_NAMES[step.step]}」{step.completed} 才完成，"
                f"比期限 {step.deadline} 晚了 {days} 天，网站和海报上标为“逾期完成”。{reason}",
                item.record.id,
            )


def overdue_step_diagnostics(project: Project) -> Iterator[Diagnostic]:
    """G514: the deadline has passed and no completion date is written."""
    for item in project.organizations:
        if item.record.pilot is None:
            continue
        for s, step in enumerate(item.record.pilot.steps):
            if step.completed is not None or step.deadline >= project.today:
                continue
            days = (project.today - step.deadline).days
            yield codes.G514.at(
                item.span("pilot", "steps", s, "deadline"),
                f"步骤「{PILOT_STEP_NAMES[step.step]}」的期限 {step.deadline} 已过 {days} 天，"
                "还没有写完成日期，网站和海报上标为“已逾期”。已经完成的，请补上 completed；"
                "还没完成的，请在 note 里写明进展和预计完成的时间。",
                item.record.id,
            )


def old_party_member_diagnostics(project: Project) -> Iterator[Diagnostic]:
    """G517: a member tagged 老党员 must also be a Party member, or the two counts disagree."""
    for item in project.organizations:
        for m, member in enumerate(item.record.members):
            if "old_party_member" not in member.six_elders or member.party_member:
                continue
            yield codes.G517.at(
                item.span("members", m, "six_elders"),
                f"{member.name}标为老党员（old_party_member），却没有写 party_member: true。"
                "是党员的请补上 party_member: true；不是的，请从 six_elders 里去掉 old_party_member。",
                item.record.id,
            )
