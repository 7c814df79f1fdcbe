"""Publicity periods counted by arts. 201 and 203 with the official holiday calendar."""

from __future__ import annotations

from datetime import date

from generator.holidays import HolidayCalendar
from generator.models.config import YearCalendar
from generator.publicity import days_left, earliest_publicity_end

CALENDAR = HolidayCalendar()


def test_first_day_is_not_counted() -> None:
    # Posted Monday 2026-11-16: seven days run Tue 17 … Mon 23.
    assert earliest_publicity_end(date(2026, 11, 16), 7, CALENDAR).end == date(2026, 11, 23)


def test_last_day_on_a_weekend_rolls_to_monday() -> None:
    # Posted Wed 2026-11-18: the 7th day is Wed 25 — a working day; posted Fri 20 → Fri 27.
    # Posted Sat 2026-11-14: 7th day Sat 21 → Monday 23.
    result = earliest_publicity_end(date(2026, 11, 14), 7, CALENDAR)
    assert result.nominal == date(2026, 11, 21)
    assert result.end == date(2026, 11, 23)


def test_last_day_in_national_day_holiday_rolls_past_it() -> None:
    # 2026 National Day: 10-01 … 10-07 off; 7 days from 09-29 end 10-06, rolling to 10-08.
    result = earliest_publicity_end(date(2026, 9, 29), 7, CALENDAR)
    assert result.nominal == date(2026, 10, 6)
    assert result.end == date(2026, 10, 8)


def test_make_up_working_day_on_a_weekend_ends_the_period() -> None:
    # Sunday 2026-09-20 is a make-up working day in the 2026 arrangement.
    assert CALENDAR.is_rest_day(date(2026, 9, 20)) is False
    assert earliest_publicity_end(date(2026, 9, 13), 7, CALENDAR).end == date(2026, 9, 20)


def test_unknown_year_is_unknown_not_guessed() -> None:
    result = earliest_publicity_end(date(2027, 1, 20), 7, CALENDAR)
    assert result.end is None
    assert result.unknown_day == date(2027, 1, 27)


def test_year_supplied_in_config_is_used() -> None:
    supplied = HolidayCalendar(
        {2027: YearCalendar(rest_days=(date(2027, 1, 27),), working_days=(date(2027, 1, 30),))}
    )
    # 01-27 (Wed) is declared a rest day, so the period rolls to Thu 01-28.
    assert earliest_publicity_end(date(2027, 1, 20), 7, supplied).end == date(2027, 1, 28)
    assert supplied.is_rest_day(date(2027, 1, 30)) is False  # a Saturday made a working day
    assert supplied.is_rest_day(date(2027, 1, 31)) is True


def test_days_left_counts_today_and_stops_at_zero() -> None:
    assert days_left(date(2026, 11, 30), date(2026, 11, 25)) == 6
    assert days_left(date(2026, 11, 25), date(2026, 11, 25)) == 1
    assert days_left(date(2026, 11, 24), date(2026, 11, 25)) == 0
