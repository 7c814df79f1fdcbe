"""Counts as published: small ones hidden, one more when a total would give a hidden one away."""

from __future__ import annotations

from datetime import date
from fractions import Fraction

from generator.aggregates import percent, shown_count, shown_group, step_rows, survey_results
from generator.models import Pilot, Survey


def texts(counts: list[tuple[str, int]], min_size: int = 3) -> list[str]:
    return [item.text for item in shown_group(counts, min_size)]


def test_a_count_of_three_is_shown_and_two_is_not() -> None:
    assert shown_count("x", 3, 3).text == "3"
    assert shown_count("x", 2, 3).text == "少于 3"
    assert shown_count("x", 2, 3).value is None


def test_zero_is_shown_since_it_names_nobody() -> None:
    assert shown_count("x", 0, 3).text == "0"


def test_one_hidden_cell_beside_a_total_hides_the_next_smallest_too() -> None:
    # 12 received = 11 + 1: with 11 shown, the 1 follows by subtraction
    assert texts([("达标", 11), ("基本达标", 1)]) == ["不少于 3", "少于 3"]
    # 9 = 7 + 1 + 1 (+0): two hidden cells already keep each other's secret
    assert texts([("成功", 7), ("转交", 1), ("正在", 0), ("不成", 1)]) == [
        "7",
        "少于 3",
        "0",
        "少于 3",
    ]
    # the smallest other cell goes, not the largest: 5 + 8 + 1 → 5 hidden
    assert texts([("a", 5), ("b", 8), ("c", 1)]) == ["不少于 3", "8", "少于 3"]


def test_a_higher_threshold_is_honoured_in_the_words() -> None:
    assert texts([("a", 4), ("b", 9)], min_size=5) == ["少于 5", "不少于 5"]


def test_percentages_are_whole_and_rounded_half_up() -> None:
    assert percent(Fraction(1, 8)) == "13%"  # 12.5 → 13, not banker's 12
    assert percent(Fraction(198, 326)) == "61%"  # 60.736…
    assert percent(None) == ""


def test_steps_on_time_late_overdue_and_open() -> None:
    pilot = Pilot.model_validate(
        {
            "plan": "x",
            "steps": [
                {"step": "review", "deadline": "2026-06-30"},
                {"step": "publicize", "deadline": "2025-10-20", "completed": "2025-10-20"},
                {"step": "strengthen_bodies", "deadline": "2025-11-25", "completed": "2026-06-22"},
                {"step": "regular_operation", "deadline": "2026-12-03"},
            ],
        }
    )
    rows = step_rows(pilot, date(2026, 12, 3))
    assert [(row.number, row.state, row.words) for row in rows] == [
        (1, "on_time", "按期完成"),
        (
            4,
            "late",
            "逾期 209 天完成",
        ),  # 2025-11-25 → 2026-06-22: 5 + 31 + 31 + 28 + 31 + 30 + 31 + 22
        (6, "open", "今天到期"),
        (7, "overdue", "已逾期 156 天，尚未完成"),  # 2026-06-30 → 12-03: 31+31+30+31+30+3
    ]


def test_a_survey_hides_small_options_and_computes_shares_of_the_responses() -> None:
    survey = Survey.model_validate(
        {
            "id": "s",
            "kind": "questionnaire",
            "title": "x",
            "conducted_by": "party-branch",
            "period": {"start": "2026-06-01", "end": "2026-06-15"},
            "distributed": 400,
            "responses": 326,
            "questions": [
                {
                    "text": "多选",
                    "kind": "multiple",
                    "options": [{"label": "助餐", "count": 187}, {"label": "其他", "count": 2}],
                },
                {
                    "text": "单选",
                    "options": [{"label": "满意", "count": 142}, {"label": "不满意", "count": 58}],
                },
            ],
        },
    )
    first, second = survey_results(survey, 3)
    assert [(o.shown.text, o.percent, o.width) for o in first.options] == [
        ("187", "57%", "57.4"),  # 187/326 = 57.36…
        ("少于 3", "—", "0"),
    ]
    # a multiple-choice question hides only the small option: no total is shown to subtract from
    assert second.answered.text == "200"
    assert [o.percent for o in second.options] == ["44%", "18%"]  # 43.55…, 17.79…
