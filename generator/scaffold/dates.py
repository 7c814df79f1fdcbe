"""Calendar arithmetic for new records: quarters, months, years, and which days are holidays."""

from __future__ import annotations

from datetime import date, timedelta

from generator.holidays import HolidayCalendar


def quarter_start(day: date) -> date:
    return date(day.year, 3 * ((day.month - 1) // 3) + 1, 1)


def add_years(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


def month_start(day: date, months: int = 0) -> date:
    index = day.year * 12 + day.month - 1 + months
    return date(index // 12, index % 12 + 1, 1)


def is_holiday(day: date, calendar: HolidayCalendar) -> bool:
    """Whether `day` lies in a statutory holiday (not merely a weekend)."""
    supplied = calendar.extra_years.get(day.year)
    if supplied is not None:
        return day in supplied.rest_days
    return calendar.holiday_name(day) is not None


def holidays_between(start: date, end: date, weekday: int, calendar: HolidayCalendar) -> list[date]:
    """The days of one weekday (1 = Monday) from `start` to `end` that fall in a statutory holiday."""
    found = []
    day = start
    while day <= end:
        if day.isoweekday() == weekday and is_holiday(day, calendar):
            found.append(day)
        day += timedelta(days=1)
    return found


def working_day_from(day: date, calendar: HolidayCalendar) -> date:
    for _ in range(30):
        if calendar.is_rest_day(day) is not True:
            return day
        day += timedelta(days=1)
    return day  # pragma: no cover - no run of rest days is this long
