"""The 询异期 after a preliminary vote result: counted as a publicity period is (arts. 201, 203).

Every date below is worked by hand from the State Council's arrangement for 2026
(National Day 10-01 … 10-07 off, Saturday 10-10 a make-up working day) or from
the arrangement a community supplies for a year the package does not know.
"""

from __future__ import annotations

from datetime import date

from generator.holidays import HolidayCalendar
from generator.models import Decision
from generator.models.config import Rules, YearCalendar
from generator.publicity import objection_end

CALENDAR = HolidayCalendar()
DAYS = Rules().objection_days


def preliminary(day: date, published: date | None = None) -> Decision:
    return Decision(date=day, result="approved", published=published, stage="preliminary")


def test_default_window_is_seven_days_from_the_community_rules() -> None:
    rules = Rules()
    assert rules.objection_days == 7
    assert rules.objection_source == "本小区议事规则"


def test_window_counts_from_the_day_after_posting() -> None:
    # Counted Tue 11-10, posted Wed 11-11: days 11-12 … 11-18 (a Wednesday, a working day).
    window = objection_end(preliminary(date(2026, 11, 10), date(2026, 11, 11)), DAYS, CALENDAR)
    assert window is not None
    assert (window.nominal, window.end) == (date(2026, 11, 18), date(2026, 11, 18))


def test_window_without_a_posting_date_counts_from_the_count() -> None:
    window = objection_end(preliminary(date(2026, 11, 10)), DAYS, CALENDAR)
    assert window is not None and window.end == date(2026, 11, 17)


def test_window_ending_in_national_day_rolls_to_the_first_working_day() -> None:
    # Posted Mon 09-28: the 7th day is Mon 10-05, inside the 10-01 … 10-07 holiday → Thu 10-08.
    window = objection_end(preliminary(date(2026, 9, 28)), DAYS, CALENDAR)
    assert window is not None
    assert window.nominal == date(2026, 10, 5)
    assert window.end == date(2026, 10, 8)


def test_window_ending_on_a_make_up_working_saturday_ends_that_day() -> None:
    # Posted Sat 10-03 (holiday): the 7th day is Sat 10-10, a make-up working day — no roll-over.
    assert CALENDAR.is_rest_day(date(2026, 10, 10)) is False
    window = objection_end(preliminary(date(2026, 10, 3)), DAYS, CALENDAR)
    assert window is not None and window.end == date(2026, 10, 10)


def test_window_on_an_ordinary_weekend_rolls_to_monday() -> None:
    # Posted Sat 11-14: the 7th day is Sat 11-21 → Mon 11-23.
    window = objection_end(preliminary(date(2026, 11, 14)), DAYS, CALENDAR)
    assert window is not None and window.end == date(2026, 11, 23)


def test_window_in_a_year_the_community_supplied_uses_its_arrangement() -> None:
    # Supplied 2027: 02-06 … 02-12 off, Sunday 02-14 worked. Posted Mon 02-01: the 7th day is
    # Mon 02-08 (off); Sat 02-13 is a rest day, Sun 02-14 a working day, so the window ends then.
    spring = tuple(date(2027, 2, d) for d in range(6, 13))
    supplied = HolidayCalendar(
        {2027: YearCalendar(rest_days=spring, working_days=(date(2027, 2, 14),))}
    )
    window = objection_end(preliminary(date(2027, 2, 1)), DAYS, supplied)
    assert window is not None
    assert (window.nominal, window.end) == (date(2027, 2, 8), date(2027, 2, 14))


def test_window_into_an_unknown_year_is_unknown_not_guessed() -> None:
    window = objection_end(preliminary(date(2027, 12, 28)), DAYS, CALENDAR)
    assert window is not None
    assert window.end is None
    assert window.nominal == date(2028, 1, 4)


def test_final_result_counts_its_window_from_the_preliminary_it_keeps() -> None:
    final = Decision.model_validate(
        {
            "date": "2026-11-20",
            "result": "approved",
            "preliminary": {"date": "2026-11-10", "published": "2026-11-11", "result": "approved"},
        }
    )
    assert final.stage == "final"
    window = objection_end(final, DAYS, CALENDAR)
    assert window is not None and window.end == date(2026, 11, 18)


def test_a_decision_written_before_stages_is_final_with_no_window() -> None:
    legacy = Decision.model_validate({"date": "2026-05-26", "result": "approved"})
    assert legacy.stage == "final"
    assert objection_end(legacy, DAYS, CALENDAR) is None
