"""The charts in words and labels: every number in the alt text, each quarter named."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from fractions import Fraction
from pathlib import Path

from generator.project import load_project
from generator.site.charts import balance_chart, balance_words, chart_quarters, vote_words
from generator.voting import percent, vote_verdict
from tests.conftest import REPO

QUARTERLY = [
    (date(2025, 10, 1), Decimal("1000.00")),
    (date(2025, 12, 31), Decimal("5200.50")),
    (date(2026, 3, 31), Decimal("3100.00")),
    (date(2026, 6, 30), Decimal("12000.00")),
    (date(2026, 9, 30), Decimal("9000.00")),
]


def test_the_lift_vote_alt_text_carries_every_figure_of_the_four_tests() -> None:
    project, _ = load_project(Path(REPO))
    assert project is not None
    vote = project.matter_by_id["lift-replacement-2026"].record.vote
    assert vote is not None
    # 968/1286 = 75.27%, 712/968 = 73.55%, 95870.25/126834.56 = 75.59%, 70413.08/95870.25 = 73.45%
    assert vote_words(vote_verdict(vote), "通过") == (
        "表决结果：通过。"
        "参与表决的户数 968 户 / 1,286 户，占 75.27%，要求三分之二以上，达到；"
        "同意的户数（占参与表决） 712 户 / 968 户，占 73.55%，要求过半数，达到；"
        "参与表决的面积 95,870.25 平方米 / 126,834.56 平方米，占 75.59%，要求三分之二以上，达到；"
        "同意的面积（占参与表决） 70,413.08 平方米 / 95,870.25 平方米，占 73.45%，要求过半数，达到。"
    )


def test_a_share_is_rounded_half_up_exactly_as_site_and_poster_print_it() -> None:
    assert percent(Fraction(1), Fraction(800)) == "0.13%"  # 0.125%: a float rounds it to 0.12
    assert percent(Fraction(968), Fraction(1286)) == "75.27%"
    assert percent(Fraction(1), Fraction(0)) == "—"


def test_the_quarters_a_chart_spans_are_clipped_to_its_first_and_last_day() -> None:
    quarters = chart_quarters(date(2025, 11, 15), date(2026, 4, 2))
    assert [(q.words, q.start, q.end) for q in quarters] == [
        ("2025年四季度", date(2025, 11, 15), date(2025, 12, 31)),
        ("2026年一季度", date(2026, 1, 1), date(2026, 3, 31)),
        ("2026年二季度", date(2026, 4, 1), date(2026, 4, 2)),
    ]


def test_the_balance_chart_names_each_quarter_and_says_each_quarter_end_balance() -> None:
    svg = balance_chart(QUARTERLY, "小区公共收益余额变化")
    for label in ("四季度", "一季度", "二季度", "三季度", "2025年", "2026年"):
        assert f">{label}</text>" in svg
    assert balance_words(QUARTERLY) == (
        "从2025年10月1日到2026年9月30日，期初 1,000.00 元，最低 1,000.00 元，"
        "最高 12,000.00 元；2025年四季度末 5,200.50 元；2026年一季度末 3,100.00 元；"
        "2026年二季度末 12,000.00 元；2026年三季度末 9,000.00 元。"
    )
    assert f'<desc id="d">{balance_words(QUARTERLY)}</desc>' in svg


def test_ten_years_of_balances_are_labelled_by_year_and_described_by_year_end() -> None:
    points = [(date(2017, 1, 1), Decimal("0.00"))] + [
        (date(2017 + i // 12, i % 12 + 1, 28), Decimal(100 * i)) for i in range(120)
    ]
    svg = balance_chart(points, "十年余额")
    assert "季度</text>" not in svg
    assert svg.count("年</text>") <= 6  # at most six year labels fit 360 units
    words = balance_words(points)
    assert "2017年末 1,100.00 元；2018年末 2,300.00 元；" in words
    assert words.endswith("2025年末 10,700.00 元；截至2026年12月28日 11,900.00 元。")


def test_a_quarter_the_chart_has_not_reached_the_end_of_is_said_as_its_last_day() -> None:
    running = [*QUARTERLY, (date(2026, 11, 30), Decimal("9500.00"))]
    assert balance_words(running).endswith(
        "2026年三季度末 9,000.00 元；截至2026年11月30日 9,500.00 元。"
    )
