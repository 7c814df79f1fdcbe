"""Volunteer shifts as concrete dated occurrences: recurring rules expanded, exceptions removed."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, time, timedelta

from generator.models import Schedule, Shift

MAX_OCCURRENCES_PER_SHIFT = 3700
"""Ten years of daily shifts: a recurring rule beyond this is surely a typo in `until`."""


@dataclass(frozen=True)
class Occurrence:
    team: str
    day: date
    start: time
    end: time
    activity: str
    location: str
    volunteers: tuple[str, ...]
    shift_index: int


def shift_days(shift: Shift) -> Iterator[date]:
    """The dates a shift happens on; an unbounded or reversed rule yields nothing."""
    if shift.date is not None:
        yield shift.date
        return
    if not shift.weekdays or shift.from_ is None or shift.until is None:
        return
    excluded = set(shift.except_)
    weekdays = set(shift.weekdays)
    day = shift.from_
    for _ in range(MAX_OCCURRENCES_PER_SHIFT * 7):
        if day > shift.until:
            return
        if day.isoweekday() in weekdays and day not in excluded:
            yield day
        day += timedelta(days=1)


def expand_shifts(schedule: Schedule) -> Iterator[Occurrence]:
    for index, shift in enumerate(schedule.shifts):
        for day in shift_days(shift):
            yield Occurrence(
                schedule.team,
                day,
                shift.start,
                shift.end,
                shift.activity,
                shift.location,
                shift.volunteers,
                index,
            )
