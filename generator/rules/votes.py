"""Owners' votes, recomputed from the tallies by Civil Code art. 278."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, timedelta
from fractions import Fraction

from generator import codes
from generator.diagnostics import Diagnostic
from generator.holidays import HolidayCalendar
from generator.models import Matter
from generator.models.matter import RESULT_NAMES, STATUS_NAMES
from generator.project import Project, Sourced
from generator.publicity import PeriodEnd, earliest_publicity_end, objection_end
from generator.rules.publicity import project_calendar
from generator.voting import (
    ITEM_NAMES,
    SPECIAL_ITEMS,
    Measure,
    Verdict,
    changed_tallies,
    percent,
    vote_verdict,
)

STATUSES_FOR_RESULT: dict[str, frozenset[str]] = {
    "approved": frozenset({"approved", "implementing", "completed"}),
    "rejected": frozenset({"rejected", "withdrawn"}),
    "quorum_not_met": frozenset({"proposed", "voting", "withdrawn"}),
}
"""A void vote (quorum not met) decided nothing: the matter waits, is voted again, or is dropped."""
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
        if status == "rejected" and decision.result == "quorum_not_met":
            continue  # said once, by G311, which names this slip
        if status not in allowed:
            names = "、".join(f"{s}（{STATUS_NAMES[s]}）" for s in sorted(allowed))
            yield codes.G306.at(
                item.span("status"),
                f"表决结果是“{RESULT_NAMES[decision.result]}”，状态却是 {status}"
                f"（{STATUS_NAMES[status]}）。状态应为：{names}。",
                item.record.id,
            )


def void_vote_status_diagnostics(project: Project) -> Iterator[Diagnostic]:
    """A vote whose turnout fell short is void, not a rejection: the status must not say 未通过."""
    for item in project.matters:
        decision = item.record.decision
        if decision is None or decision.result != "quorum_not_met":
            continue
        if item.record.status == "rejected":
            yield codes.G311.at(
                item.span("status"),
                "表决结果是“参与表决人数不足，表决无效”（quorum_not_met），状态却写成 rejected（未通过）。"
                "表决无效不等于业主否决：方案待重新提交表决的写 status: proposed，正在重新表决的写 voting，"
                "不再推进的写 withdrawn。",
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


def _window_words(posted: date, days: int, window: PeriodEnd, calendar: HolidayCalendar) -> str:
    """How the window's end was counted, for a secretary to follow on a calendar."""
    words = f"初步结果 {posted} 张贴，首日不计入，询异期 {days} 日满为 {window.nominal}"
    if window.end is not None and window.end != window.nominal:
        holiday = calendar.holiday_name(window.nominal)
        rest = f"{holiday}假期" if holiday else "休息日"
        words += f"；这天是{rest}，按第二百零三条顺延到其后第一个工作日 {window.end}"
    return words


def objection_window_diagnostics(project: Project) -> Iterator[Diagnostic]:
    rules = project.config.record.rules
    calendar = project_calendar(project)
    for item in project.matters:
        decision = item.record.decision
        if decision is None or decision.stage != "final" or decision.preliminary is None:
            continue
        posted = decision.preliminary.posted
        window = earliest_publicity_end(posted, rules.objection_days, calendar)
        closes = window.end or window.nominal  # a later roll-over only moves the close later
        if decision.date > closes:
            continue
        if decision.date < posted:
            reason = (
                f"最终结果的日期 {decision.date} 早于初步结果张贴的 {posted}，请检查是否写反了。"
            )
        else:
            last = f"到 {window.end} 结束" if window.end else f"至少到 {window.nominal}"
            reason = (
                f"{_window_words(posted, rules.objection_days, window, calendar)}，所以询异期{last}，"
                f"最终结果却是 {decision.date} 作出的。请把 date 改为询异期结束以后的日期"
                f"（最早 {closes + timedelta(days=1)}）；还在询异期内的，请写 stage: preliminary。"
            )
        yield codes.G308.at(
            item.span("decision", "date"),
            f"{reason}（询异期依据：{rules.objection_source}）",
            item.record.id,
        )


def final_difference_diagnostics(project: Project) -> Iterator[Diagnostic]:
    for item in project.matters:
        matter = item.record
        decision, vote = matter.decision, matter.vote
        if decision is None or decision.stage != "final" or decision.preliminary is None:
            continue
        if decision.explanation:
            continue
        corrected = {correction.field for correction in matter.corrections}
        preliminary = decision.preliminary
        changes: list[str] = []
        if preliminary.result != decision.result and "decision.result" not in corrected:
            changes.append(
                f"结论由“{RESULT_NAMES[preliminary.result]}”变为“{RESULT_NAMES[decision.result]}”"
            )
        for tally in changed_tallies(decision, vote):
            before, after = tally.before, tally.after
            if before.owners != after.owners and f"vote.{tally.key}.owners" not in corrected:
                changes.append(f"{tally.label}由 {before.owners} 户变为 {after.owners} 户")
            if before.area_m2 != after.area_m2 and f"vote.{tally.key}.area_m2" not in corrected:
                changes.append(f"{tally.label}面积由 {before.area_m2} 变为 {after.area_m2} 平方米")
        if changes:
            yield codes.G309.at(
                item.span("decision", "preliminary"),
                f"最终结果与 {preliminary.posted} 公布的初步结果不同：{'；'.join(changes)}。"
                "请在 decision 下写 explanation，说明为什么变了（如 询异期内复核，剔除重复投票 2 张），"
                "居民看过初步结果，需要知道原因。",
                matter.id,
            )


def objection_calendar_diagnostics(project: Project) -> Iterator[Diagnostic]:
    calendar = project_calendar(project)
    days = project.config.record.rules.objection_days
    for item in project.matters:
        decision = item.record.decision
        if decision is None:
            continue
        window = objection_end(decision, days, calendar)
        if window is None or window.end is not None or window.unknown_day is None:
            continue
        year = window.unknown_day.year
        known = f"在 site_config.yml 的 holiday_calendar 下写上 {year} 年的放假日和调休上班日。"
        if decision.stage == "preliminary":
            yield codes.G310.at(
                item.span("decision", "date"),
                f"询异期至少到 {window.nominal}，涉及 {year} 年，目前还不知道该年的法定节假日安排，"
                "算不出末日是否要顺延，网站和海报上的异议截止日只能写“至少到”这一天。"
                f"国务院公布后，请{known}",
                item.record.id,
            )
        elif decision.date > window.nominal:  # on or before the nominal end G308 already fires
            yield codes.G310.at(
                item.span("decision", "preliminary"),
                f"询异期至少到 {window.nominal}，涉及 {year} 年，目前还不知道该年的法定节假日安排，"
                f"无法核对 {decision.date} 公布最终结果时询异期是否已经结束。国务院公布后，请{known}",
                item.record.id,
            )
