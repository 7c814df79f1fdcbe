"""How long a publicity period must run, counted as the Civil Code counts periods.

Art. 201: a period counted in days starts the day after the event, so a notice
posted on the 1st for 7 days runs through the 8th. Art. 203: if the last day
is a statutory rest day, the period ends on the next working day instead.
The objection window (询异期) after a preliminary vote result is such a period too.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from generator.holidays import HolidayCalendar
from generator.models import Decision


@dataclass(frozen=True)
class PeriodEnd:
    """The earliest lawful last day, and what the count passed on its way there."""

    nominal: date
    """start + days: the last day before any roll-over."""
    end: date | None
    """The last day after rolling past rest days; None when a year's calendar is unknown."""
    unknown_day: date | None = None


def earliest_publicity_end(start: date, days: int, calendar: HolidayCalendar) -> PeriodEnd:
    nominal = start + timedelta(days=days)
    day = nominal
    for _ in range(60):  # the longest run of rest days in China is 9; stay bounded anyway
        rest = calendar.is_rest_day(day)
        if rest is None:
            return PeriodEnd(nominal, None, day)
        if not rest:
            return PeriodEnd(nominal, day)
        day += timedelta(days=1)
    return PeriodEnd(nominal, day)  # pragma: no cover - no calendar has 60 rest days in a row


def objection_end(decision: Decision, days: int, calendar: HolidayCalendar) -> PeriodEnd | None:
    """The 询异期's last day, counted from the preliminary result's posting; None if never staged."""
    opened = decision.objection_opened
    return None if opened is None else earliest_publicity_end(opened, days, calendar)


def days_left(end: date, today: date) -> int:
    """Days of publicity remaining, counting today; 0 once it has ended."""
    return max((end - today).days + 1, 0)
