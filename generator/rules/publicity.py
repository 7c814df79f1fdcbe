"""Publicity periods long enough by Civil Code arts. 201 and 203; decisions posted promptly."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, timedelta

from generator import codes
from generator.diagnostics import Diagnostic
from generator.holidays import HolidayCalendar
from generator.project import Project
from generator.publicity import earliest_publicity_end


def project_calendar(project: Project) -> HolidayCalendar:
    return HolidayCalendar(dict(project.config.record.holiday_calendar))


def publicity_length_diagnostics(project: Project) -> Iterator[Diagnostic]:
    rules = project.config.record.rules
    calendar = project_calendar(project)
    days = rules.publicity_min_days
    for item in project.matters:
        publicity = item.record.publicity
        if publicity is None:
            continue
        lawful = earliest_publicity_end(publicity.start, days, calendar)
        if lawful.end is None or publicity.end >= lawful.end:
            continue
        reason = f"{publicity.start} 张贴，首日不计入，{days} 日期满为 {lawful.nominal}"
        if lawful.end != lawful.nominal:
            holiday = calendar.holiday_name(lawful.nominal)
            rest = f"{holiday}假期" if holiday else "休息日"
            reason += f"；这天是{rest}，按第二百零三条顺延到其后第一个工作日 {lawful.end}"
        yield codes.G401.at(
            item.span("publicity", "end"),
            f"公示期不足：{reason}，所以最早只能到 {lawful.end} 结束，这里写的是 {publicity.end}。"
            f"请把 end 改为 {lawful.end} 或更晚。（依据：{rules.publicity_source}）",
            item.record.id,
        )


def unknown_calendar_diagnostics(project: Project) -> Iterator[Diagnostic]:
    calendar = project_calendar(project)
    days = project.config.record.rules.publicity_min_days
    for item in project.matters:
        publicity = item.record.publicity
        if publicity is None:
            continue
        last = max(publicity.end, publicity.start + timedelta(days=days))
        unknown = [
            y for y in range(publicity.start.year, last.year + 1) if not calendar.knows_year(y)
        ]
        if unknown:
            years = "、".join(str(y) for y in unknown)
            yield codes.G402.at(
                item.span("publicity"),
                f"公示期涉及 {years} 年，目前还不知道该年的法定节假日安排，无法核算公示期是否足够。"
                f"国务院公布后，请在 site_config.yml 的 holiday_calendar 下写上 {years} 年的放假日和调休上班日。",
                item.record.id,
            )


def decision_publication_diagnostics(project: Project) -> Iterator[Diagnostic]:
    limit = project.config.record.rules.decision_publish_days
    for item in project.matters:
        decision = item.record.decision
        if decision is None or decision.published is None:
            continue
        if decision.published < decision.date:
            yield codes.G403.at(
                item.span("decision", "published"),
                f"公布日期 {decision.published} 早于决定日期 {decision.date}。请检查是否写反了。",
                item.record.id,
            )
        elif (decision.published - decision.date).days > limit:
            yield codes.G403.at(
                item.span("decision", "published"),
                f"{decision.date} 作出决定，{decision.published} 才公布，超过了 {limit} 日的时限"
                f"（最晚应在 {decision.date + timedelta(days=limit)} 公布）。请如实记录，并在事项中说明原因。",
                item.record.id,
            )


FIXED_HOLIDAYS = ((1, 1), (5, 1), (5, 2), (10, 1), (10, 2), (10, 3))
"""Statutory holidays on fixed dates (全国年节及纪念日放假办法): in every year's arrangement."""
MIN_REST_DAYS = 13
"""Statutory holiday days per year since 2025; a year's list with fewer is surely partial."""


def holiday_calendar_diagnostics(project: Project) -> Iterator[Diagnostic]:
    config = project.config
    for year, supplied in config.record.holiday_calendar.items():
        rest = set(supplied.rest_days)
        missing = [date(year, m, d) for m, d in FIXED_HOLIDAYS if date(year, m, d) not in rest]
        if not missing and len(rest) >= MIN_REST_DAYS:
            continue
        found = f"缺少法定节日 {'、'.join(str(day) for day in missing)}" if missing else ""
        short = f"只有 {len(rest)} 个放假日" if len(rest) < MIN_REST_DAYS else ""
        yield codes.G404.at(
            config.span("holiday_calendar", str(year), "rest_days"),
            f"{year} 年的节假日补充不完整（{'，'.join(p for p in (found, short) if p)}）。"
            "没写的节日会被当成工作日，公示期就会算短。请按国务院办公厅通知补全全年的放假日和调休上班日；"
            "通知还没发布时，不要填写猜测的日期。",
        )
