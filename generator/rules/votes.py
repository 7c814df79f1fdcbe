"""Owners' votes, recomputed from the tallies by Civil Code art. 278."""

from __future__ import annotations

from collections.abc import Iterator
from fractions import Fraction

from generator import codes
from generator.diagnostics import Diagnostic
from generator.models import Matter
from generator.models.matter import RESULT_NAMES, STATUS_NAMES
from generator.project import Project, Sourced
from generator.voting import ITEM_NAMES, SPECIAL_ITEMS, Measure, Verdict, percent, vote_verdict

STATUSES_FOR_RESULT: dict[str, frozenset[str]] = {
    "approved": frozenset({"approved", "implementing", "completed"}),
    "rejected": frozenset({"rejected", "withdrawn"}),
    "quorum_not_met": frozenset({"rejected", "withdrawn", "voting"}),
}
DECIDED_STATUSES = frozenset({"approved", "rejected"})
_TALLY_HINT = (
    "每一张参与表决的票都应计入同意、反对或弃权之一（未表态或无效的票按议事规则计入弃权，"
    "并在 vote.method 中说明）。请核对票数。"
)


def _voted(project: Project) -> Iterator[tuple[Sourced[Matter], Verdict]]:
    for item in project.matters:
        if item.record.vote is not None:
            yield item, vote_verdict(item.record.vote)


def _measure_text(label: str, unit: str, measure: Measure, special: bool) -> str:
    turnout = "达到" if measure.turnout_met else "未达到"
    approval = "达到" if measure.approval_met(special) else "未达到"
    need = "四分之三以上" if special else "过半数"
    return (
        f"{label}：参与 {_number(measure.participated)} {unit}，占 {percent(measure.participated, measure.eligible)}，"
        f"{turnout}三分之二；同意 {_number(measure.agreed)} {unit}，占参与的 "
        f"{percent(measure.agreed, measure.participated)}，{approval}{need}"
    )


def _number(value: Fraction) -> str:
    return str(value.numerator) if value.denominator == 1 else f"{float(value):.2f}"


def verdict_diagnostics(project: Project) -> Iterator[Diagnostic]:
    for item, verdict in _voted(project):
        decision = item.record.decision
        vote = item.record.vote
        if decision is None or vote is None or decision.result == verdict.result:
            continue
        yield codes.G301.at(
            item.span("decision", "result"),
            f"按《民法典》第二百七十八条（第 {vote.item} 项：{ITEM_NAMES[vote.item]}）重新计算，"
            f"表决结果应为“{RESULT_NAMES[verdict.result]}”（{verdict.result}），"
            f"而这里写的是“{RESULT_NAMES[decision.result]}”（{decision.result}）。"
            + _measure_text("人数", "户", verdict.owners, verdict.special)
            + "；"
            + _measure_text("面积", "平方米", verdict.area, verdict.special)
            + "。请核对票数或结果。",
            item.record.id,
        )


def participation_diagnostics(project: Project) -> Iterator[Diagnostic]:
    for item in project.matters:
        vote = item.record.vote
        if vote is None:
            continue
        if vote.participated.owners > vote.eligible.owners:
            yield codes.G302.at(
                item.span("vote", "participated", "owners"),
                f"参与表决 {vote.participated.owners} 户，多于有表决权的 {vote.eligible.owners} 户。请核对。",
                item.record.id,
            )
        if vote.participated.area_m2 > vote.eligible.area_m2:
            yield codes.G302.at(
                item.span("vote", "participated", "area_m2"),
                f"参与表决的面积 {vote.participated.area_m2} 平方米，多于有表决权的 "
                f"{vote.eligible.area_m2} 平方米。请核对。",
                item.record.id,
            )


def tally_sum_diagnostics(project: Project) -> Iterator[Diagnostic]:
    for item in project.matters:
        vote = item.record.vote
        if vote is None:
            continue
        owners = vote.agreed.owners + vote.opposed.owners + vote.abstained.owners
        area = vote.agreed.area_m2 + vote.opposed.area_m2 + vote.abstained.area_m2
        if owners != vote.participated.owners:
            yield codes.G303.at(
                item.span("vote", "agreed", "owners"),
                f"同意、反对、弃权共 {owners} 户，参与表决的却是 {vote.participated.owners} 户。"
                f"{_TALLY_HINT}",
                item.record.id,
            )
        if area != vote.participated.area_m2:
            yield codes.G303.at(
                item.span("vote", "agreed", "area_m2"),
                f"同意、反对、弃权的面积共 {area} 平方米，参与表决的却是 "
                f"{vote.participated.area_m2} 平方米。{_TALLY_HINT}",
                item.record.id,
            )


def kind_item_diagnostics(project: Project) -> Iterator[Diagnostic]:
    for item in project.matters:
        vote = item.record.vote
        if vote is None:
            continue
        expected = "special" if vote.item in SPECIAL_ITEMS else "ordinary"
        if vote.kind != expected:
            need = (
                "参与表决业主的双四分之三以上同意"
                if expected == "special"
                else "参与表决业主的双过半数同意"
            )
            yield codes.G304.at(
                item.span("vote", "kind"),
                f"第二百七十八条第 {vote.item} 项（{ITEM_NAMES[vote.item]}）需要{need}，"
                f"kind 应为 {expected}，这里写的是 {vote.kind}。",
                item.record.id,
            )


def eligible_diagnostics(project: Project) -> Iterator[Diagnostic]:
    community = project.config.record.community
    for item in project.matters:
        vote = item.record.vote
        if vote is None:
            continue
        if (
            vote.eligible.owners != community.owners
            or vote.eligible.area_m2 != community.total_area_m2
        ):
            yield codes.G305.at(
                item.span("vote", "eligible"),
                f"有表决权的 {vote.eligible.owners} 户、{vote.eligible.area_m2} 平方米，与 site_config.yml "
                f"中小区的 {community.owners} 户、{community.total_area_m2} 平方米不一致。"
                "若只有部分业主表决（如单栋电梯），请在 vote.method 中说明范围。",
                item.record.id,
            )


def status_diagnostics(project: Project) -> Iterator[Diagnostic]:
    for item in project.matters:
        decision = item.record.decision
        status = item.record.status
        if decision is None:
            continue
        allowed = STATUSES_FOR_RESULT[decision.result]
        if status not in allowed:
            names = "、".join(f"{s}（{STATUS_NAMES[s]}）" for s in sorted(allowed))
            yield codes.G306.at(
                item.span("status"),
                f"表决结果是“{RESULT_NAMES[decision.result]}”，状态却是 {status}"
                f"（{STATUS_NAMES[status]}）。状态应为：{names}。",
                item.record.id,
            )


def missing_step_diagnostics(project: Project) -> Iterator[Diagnostic]:
    for item in project.matters:
        matter = item.record
        if matter.status == "publicized" and matter.publicity is None:
            yield codes.G307.at(
                item.span("status"),
                "状态是公示中（publicized），却没有写 publicity（公示起止日期和地点）。请补上。",
                matter.id,
            )
        if matter.status in DECIDED_STATUSES and (matter.vote is None or matter.decision is None):
            missing = "、".join(
                name
                for name, value in (("vote", matter.vote), ("decision", matter.decision))
                if value is None
            )
            yield codes.G307.at(
                item.span("status"),
                f"状态是 {matter.status}（{STATUS_NAMES[matter.status]}），却没有写 {missing}。"
                "居民需要看到票数和决定日期才能核对结果，请补上。",
                matter.id,
            )
        if matter.decision is not None and matter.vote is None:
            yield codes.G307.at(
                item.span("decision"),
                "写了表决结果 decision，却没有票数 vote。请补上 vote。",
                matter.id,
            )
