"""Which days are rest days in China: the one place that knows.

Facts come from the maintained `chinese-calendar` package (the State Council's
arrangements, with make-up working days). A year it does not know yet may be
supplied in `site_config.yml` (`holiday_calendar`); a year known to neither is
`None`, never a guess.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

import chinese_calendar

from generator.models.config import YearCalendar


@dataclass(frozen=True)
class HolidayCalendar:
    """The package's knowledge plus the years the community typed in itself."""

    extra_years: dict[int, YearCalendar] = field(default_factory=dict)

    def is_rest_day(self, day: date) -> bool | None:
        """True on weekends and statutory holidays, False on working days, None if unknown."""
        supplied = self.extra_years.get(day.year)
        if supplied is not None:
            if day in supplied.rest_days:
                return True
            if day in supplied.working_days:
                return False
            return day.weekday() >= 5
        try:
            return bool(chinese_calendar.is_holiday(day))
        except NotImplementedError:
            return None

    def knows_year(self, year: int) -> bool:
        return self.is_rest_day(date(year, 1, 1)) is not None

    def holiday_name(self, day: date) -> str | None:
        """The holiday's Chinese name when the package knows it (for messages only)."""
        try:
            on_holiday, name = chinese_calendar.get_holiday_detail(day)
        except NotImplementedError:
            return None
        if not on_holiday or name is None:
            return None
        return _HOLIDAY_NAMES.get(str(name), str(name))


_HOLIDAY_NAMES = {
    "New Year's Day": "元旦",
    "Spring Festival": "春节",
    "Tomb-sweeping Day": "清明节",
    "Labour Day": "劳动节",
    "Dragon Boat Festival": "端午节",
    "National Day": "国庆节",
    "Mid-autumn Festival": "中秋节",
    "Anti-Fascist 70th Day": "抗战胜利纪念日",
}
