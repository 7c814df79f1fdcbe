"""Volunteer teams on duty: a week-by-week calendar and a page per team with its feed."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta
from typing import Any

from generator.models import Schedule, Shift
from generator.shifts import Occurrence, expand_shifts
from generator.site.context import SiteContext, page_file
from generator.site.feeds import last_day, team_calendar_path
from generator.site.pages import Page, Section
from generator.site_layout import ALL_CALENDAR, section_index

INDEX = section_index("volunteers")
WEEKS_SHOWN = 4
WEEKDAYS = ("一", "二", "三", "四", "五", "六", "日")


def merged_schedules(site: SiteContext) -> list[Schedule]:
    """One schedule per team, even when a team's shifts are kept in several files."""
    shifts: dict[str, list[Shift]] = {}
    for item in site.project.schedules:
        shifts.setdefault(item.record.team, []).extend(item.record.shifts)
    return [Schedule(team=team, shifts=tuple(items)) for team, items in sorted(shifts.items())]


def week_start(day: date) -> date:
    return day - timedelta(days=day.weekday())


def weeks(occurrences: Iterable[Occurrence], first: date, count: int) -> list[dict[str, Any]]:
    """`count` weeks from Monday `first`, each with its occurrences by day and time."""
    last = first + timedelta(days=7 * count)
    chosen = sorted(
        (o for o in occurrences if first <= o.day < last),
        key=lambda o: (o.day, o.start, o.team, o.activity),
    )
    result = []
    for index in range(count):
        monday = first + timedelta(days=7 * index)
        sunday = monday + timedelta(days=6)
        result.append(
            {
                "monday": monday,
                "sunday": sunday,
                "items": [o for o in chosen if monday <= o.day <= sunday],
            }
        )
    return result


def shift_rule(shift: Shift) -> str:
    """`每周一、三、五 16:30–18:00（2026年9月1日至12月31日，10月1日等 2 天除外）`."""
    hours = f"{shift.start:%H:%M}–{shift.end:%H:%M}"
    if shift.date is not None:
        return f"{shift.date.year}年{shift.date.month}月{shift.date.day}日 {hours}"
    days = "、".join(WEEKDAYS[d - 1] for d in sorted(shift.weekdays))
    assert shift.from_ is not None and shift.until is not None
    words = f"每周{days} {hours}（{_day(shift.from_)}至{_day(shift.until)}"
    if shift.except_:
        first = sorted(shift.except_)[0]
        more = f"等 {len(shift.except_)} 天" if len(shift.except_) > 1 else ""
        words += f"，{first.month}月{first.day}日{more}除外"
    return words + "）"


RULES_PAST_DAYS = 30
ONE_OFF_SHOWN = 20


def _ended(shift: Shift, today: date) -> bool:
    end = last_day(shift)
    return end is not None and end < today - timedelta(days=RULES_PAST_DAYS)


def current_shifts(schedule: Schedule, today: date) -> list[Shift]:
    """What a team does now and next: a page of ten years of old one-off shifts helps no one."""
    current = [shift for shift in schedule.shifts if not _ended(shift, today)]
    recurring = [shift for shift in current if shift.date is None]
    one_off = sorted((s for s in current if s.date is not None), key=lambda s: (s.date, s.start))
    return recurring + one_off[:ONE_OFF_SHOWN]


def _day(day: date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


def section(site: SiteContext) -> Section:
    schedules = merged_schedules(site)
    monday = week_start(site.today)
    occurrences = [o for schedule in schedules for o in expand_shifts(schedule)]
    teams: list[dict[str, Any]] = []
    for schedule in schedules:
        org = site.project.organization_by_id.get(schedule.team)
        teams.append(
            {
                "schedule": schedule,
                "name": org.record.name if org else schedule.team,
                "org_path": page_file(org.record) if org else None,
                "path": page_file(schedule),
                "calendar": team_calendar_path(schedule.team),
            }
        )
    names = {team["schedule"].team: team["name"] for team in teams}
    result = Section()
    result.pages.append(
        Page(
            INDEX,
            "volunteers.md.j2",
            "志愿服务",
            "志愿服务队的值班和活动安排，按周列出，可订阅到手机日历。",
            {
                "teams": teams,
                "weeks": weeks(occurrences, monday, WEEKS_SHOWN),
                "names": names,
                "calendar": ALL_CALENDAR,
            },
        )
    )
    for team, schedule in zip(teams, schedules, strict=True):
        source = next(item for item in site.project.schedules if item.record.team == schedule.team)
        result.pages.append(
            Page(
                team["path"],
                "team.md.j2",
                f"{team['name']}活动安排",
                f"{team['name']}的值班和活动时间、地点和志愿者。",
                {
                    "team": team,
                    "rules": [
                        (shift, shift_rule(shift)) for shift in current_shifts(schedule, site.today)
                    ],
                    "earlier": sum(1 for shift in schedule.shifts if _ended(shift, site.today)),
                    "csv": "data/shifts.csv",
                    "weeks": weeks(expand_shifts(schedule), monday, WEEKS_SHOWN),
                    "names": names,
                    "record": source.record,
                },
            )
        )
    return result
