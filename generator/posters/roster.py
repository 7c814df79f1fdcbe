"""A volunteer team's duty roster for one week or one month, read off `expand_shifts`."""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date, timedelta

from markupsafe import Markup

from generator.chinese_dates import WEEKDAY_NAMES, chinese_span
from generator.models import Schedule
from generator.posters.environment import render_template
from generator.posters.frame import PageSize, body_named, contact_line, contact_words, make_frame
from generator.project import Project
from generator.shifts import expand_shifts


@dataclass(frozen=True)
class RosterPeriod:
    """The days one printed roster covers: a board shows this month's or this week's duties."""

    start: date
    end: date
    label: str


def month_period(day: date) -> RosterPeriod:
    """The calendar month that contains `day`."""
    last = calendar.monthrange(day.year, day.month)[1]
    start, end = day.replace(day=1), day.replace(day=last)
    return RosterPeriod(start, end, f"{day.year}年{day.month}月")


def week_period(day: date) -> RosterPeriod:
    """Monday to Sunday of the week that contains `day`, as Chinese calendars count weeks."""
    start = day - timedelta(days=day.weekday())
    end = start + timedelta(days=6)
    return RosterPeriod(start, end, chinese_span(start, end))


@dataclass(frozen=True)
class Duty:
    """One shift of the schedule with the days it falls on in the period."""

    weekdays: str
    days: Markup
    hours: str
    activity: str
    location: str
    volunteers: Markup


_WEEKDAY_DIGITS = "一二三四五六日"


def weekday_words(weekdays: tuple[int, ...]) -> str:
    """`(1, 2, 3, 4, 5)` → `每周一至周五`; `(1, 3, 5)` → `每周一、三、五`."""
    days = sorted(set(weekdays))
    runs: list[list[int]] = []
    for day in days:
        if runs and day == runs[-1][-1] + 1:
            runs[-1].append(day)
        else:
            runs.append([day])
    parts = [
        f"{_WEEKDAY_DIGITS[run[0] - 1]}至周{_WEEKDAY_DIGITS[run[-1] - 1]}"
        if len(run) >= 3
        else "、".join(_WEEKDAY_DIGITS[d - 1] for d in run)
        for run in runs
    ]
    return "每周" + "、".join(parts)


def day_list(days: list[date]) -> Markup:
    """`11月2、4、6日；12月1日`: each month named once, so a month of dates stays short.

    The last day keeps its 日 on the same line (a lone 日 at the start of a line reads
    as a new entry).
    """
    months: dict[tuple[int, int], list[str]] = {}
    for day in days:
        months.setdefault((day.year, day.month), []).append(str(day.day))
    groups = []
    for (_, month), numbers in months.items():
        last = Markup('<span class="nowrap">{}日</span>').format(numbers[-1])
        groups.append(Markup("{}月").format(month) + Markup("、").join([*numbers[:-1], last]))
    return Markup("；").join(groups)


def roster_duties(schedule: Schedule, period: RosterPeriod) -> list[Duty]:
    """Each shift once, with its days in the period listed, earliest first.

    Volunteers belong to a shift, not to a day, so a row per day would repeat the
    same names twenty times a month; a row per shift fits a month on one page.
    """
    days: dict[int, list[date]] = {}
    for occurrence in expand_shifts(schedule):
        if period.start <= occurrence.day <= period.end:
            days.setdefault(occurrence.shift_index, []).append(occurrence.day)
    duties = []
    for index, dates in sorted(days.items(), key=lambda item: (min(item[1]), item[0])):
        shift = schedule.shifts[index]
        dates.sort()
        duties.append(
            Duty(
                weekdays=weekday_words(shift.weekdays) if shift.weekdays else "",
                days=day_list(dates)
                + (f"（{WEEKDAY_NAMES[dates[0].weekday()]}）" if len(dates) == 1 else ""),
                hours=f"{shift.start:%H:%M}–{shift.end:%H:%M}",
                activity=shift.activity,
                location=shift.location,
                volunteers=Markup("、").join(
                    Markup('<span class="nowrap">{}</span>').format(name)
                    for name in shift.volunteers
                ),
            )
        )
    return duties


def render_roster_poster(
    project: Project, schedule: Schedule, size: PageSize, period: RosterPeriod | None = None
) -> str:
    """`period` defaults to the month of the project's today."""
    period = period or month_period(project.today)
    team = body_named(project, schedule.team)
    name = team.name if team else schedule.team
    contact = contact_words(team.contact) if team else Markup("")
    frame = make_frame(
        project,
        schedule,
        size,
        kind_label="志愿服务值班表",
        title=name,
        issuer=name,
        issued=project.today,
        feedback=[
            Markup("想参加志愿服务或调换班次，请联系{}：{}。").format(name, contact)
            if contact
            else ""
        ],
        notice_title=f"关于{name}{period.label}志愿服务值班安排的公示",
        opening=f"现将{name}{period.label}志愿服务值班安排公示如下，欢迎居民参加和监督：",
        contact=contact_line(team),
    )
    return render_template(
        "roster.html.j2",
        frame=frame,
        period=period,
        duties=roster_duties(schedule, period),
    )
