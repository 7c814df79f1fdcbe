"""Dates and periods as a Chinese notice writes them (2026年3月2日至3月9日), for site and posters."""

from __future__ import annotations

import re
from datetime import date

_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")

WEEKDAY_NAMES = ("星期一", "星期二", "星期三", "星期四", "星期五", "星期六", "星期日")


def chinese_date(day: date | None) -> str:
    """`2026年3月2日`: no leading zeros, as people write a date on a notice; — for none."""
    if day is None:
        return "—"
    return f"{day.year}年{day.month}月{day.day}日"


def chinese_span(start: date, end: date) -> str:
    """`2026年3月2日至3月9日`; the year is repeated only when it changes."""
    if start.year == end.year:
        return f"{chinese_date(start)}至{end.month}月{end.day}日"
    return f"{chinese_date(start)}至{chinese_date(end)}"


def short_date(day: date, year_known: bool) -> str:
    """`3月2日` inside a table whose heading already gives the year, else the full date."""
    return f"{day.month}月{day.day}日" if year_known else chinese_date(day)


def chinese_if_date(text: str) -> str:
    """A value as typed (a correction's old or new), its ISO date said as a notice says it."""
    if _ISO_DATE.fullmatch(text):
        try:
            return chinese_date(date.fromisoformat(text))
        except ValueError:
            return text
    return text
