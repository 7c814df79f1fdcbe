"""SVG charts drawn at build time: visible without JavaScript, printable, a few KB each.

Measured against pygal 3.1 (the well-kept Python charting library) on a 96-point
balance line: pygal wrote 59.6 KB in 11 ms, with a random chart id and the
build date in every file (so two builds differ) and a default <script> from
another host that must be switched off. These templates write ~2 KB, are
byte-identical across builds and use no script, so they are drawn by hand.
Coordinates are computed in exact decimals and rounded for drawing only.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

from generator.aggregates import QuestionResult
from generator.aggregates import percent as whole_percent
from generator.chinese_dates import chinese_date
from generator.money import yuan
from generator.site.render import render, svg_environment
from generator.voting import Measure, Verdict, percent

WIDTH = 360
"""Drawn at phone width so that 14-unit text stays about 14 px on a 360 px screen."""


def _px(value: Fraction | Decimal | int) -> str:
    exact = (
        Decimal(value.numerator) / Decimal(value.denominator)
        if isinstance(value, Fraction)
        else Decimal(value)
    )
    return str(exact.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP))


def short_yuan(amount: Decimal) -> str:
    """`37.6万` on an axis: a resident reads the size at a glance, the table has the fen."""
    if abs(amount) >= 10000:
        return f"{(amount / 10000).quantize(Decimal('0.1'), rounding=ROUND_HALF_UP)}万"
    return f"{amount.quantize(Decimal('1'), rounding=ROUND_HALF_UP)}"


QUARTER_NAMES = ("一季度", "二季度", "三季度", "四季度")
QUARTERS_LABELLED = 8
"""Up to two years, each quarter is named under the line; longer, each year is."""


@dataclass(frozen=True)
class Quarter:
    year: int
    number: int
    start: date
    """The quarter's first day, or the chart's first day when it starts inside it."""
    end: date
    """The quarter's last day, or the chart's last day."""

    @property
    def words(self) -> str:
        return f"{self.year}年{QUARTER_NAMES[self.number - 1]}"

    @property
    def complete(self) -> bool:
        """Whether the chart reaches the quarter's last day (a running quarter does not)."""
        return (self.end + timedelta(1)).month != self.end.month and self.end.month % 3 == 0


def chart_quarters(first: date, last: date) -> list[Quarter]:
    """The calendar quarters the chart spans, clipped to its first and last day."""
    quarters = []
    year, number = first.year, (first.month - 1) // 3 + 1
    while date(year, number * 3 - 2, 1) <= last:
        start = date(year, number * 3 - 2, 1)
        after = date(year + 1, 1, 1) if number == 4 else date(year, number * 3 + 1, 1)
        quarters.append(Quarter(year, number, max(start, first), min(after - timedelta(1), last)))
        year, number = (year + 1, 1) if number == 4 else (year, number + 1)
    return quarters


def balance_at(points: list[tuple[date, Decimal]], day: date) -> Decimal:
    """The balance at the end of `day`: the last point on or before it."""
    return [balance for when, balance in points if when <= day][-1]


def balance_words(points: list[tuple[date, Decimal]]) -> str:
    """The chart in words, for its description and alt text: each quarter's closing balance
    (each year's, past two years), so a reader without the picture has every number."""
    quarters = chart_quarters(points[0][0], points[-1][0])
    by_year = len(quarters) > QUARTERS_LABELLED
    closing = [
        (
            (f"{q.year}年末" if by_year else f"{q.words}末")
            if q.complete
            else f"截至{chinese_date(q.end)}",
            q.end,
        )
        for q in quarters
        if not by_year or q.number == 4 or q is quarters[-1]
    ]
    low = min(balance for _, balance in points)
    high = max(balance for _, balance in points)
    return (
        f"从{chinese_date(points[0][0])}到{chinese_date(points[-1][0])}，"
        f"期初 {yuan(points[0][1])} 元，最低 {yuan(low)} 元，最高 {yuan(high)} 元；"
        + "；".join(f"{words} {yuan(balance_at(points, day))} 元" for words, day in closing)
        + "。"
    )


def balance_chart(points: list[tuple[date, Decimal]], label: str) -> str:
    """The balance over time as a line, with its lowest and highest values marked and each
    quarter (each year, past two years) marked and named under it."""
    top, left, plot_w, plot_h = 46, 52, WIDTH - 64, 150  # the title sits above the top label
    first = points[0][0]
    days = [(day - first).days for day, _ in points]
    span = max(days[-1], 1)
    low = min(Decimal(0), *(balance for _, balance in points))
    high = max(balance for _, balance in points)
    scale = (high - low) or Decimal(1)

    def x(day: int) -> str:
        return _px(left + Fraction(day * plot_w, span))

    def y(amount: Decimal) -> str:
        return _px(top + plot_h - Fraction(amount - low) * plot_h / Fraction(scale))

    def middle(start: date, end: date) -> str:
        return x(((start - first).days + (end - first).days + 1) // 2)

    quarters = chart_quarters(first, points[-1][0])
    ticks = [x((q.start - first).days) for q in quarters[1:]]
    if len(quarters) <= QUARTERS_LABELLED:
        names = [(middle(q.start, q.end), QUARTER_NAMES[q.number - 1]) for q in quarters]
        years = [
            (middle(q.start, q.end), f"{q.year}年")
            for i, q in enumerate(quarters)
            if i == 0 or q.number == 1
        ]
    else:
        by_year: dict[int, list[Quarter]] = {}
        for quarter in quarters:
            by_year.setdefault(quarter.year, []).append(quarter)
        step = max(1, -(-len(by_year) // 6))  # at most six year labels fit the width
        names = []
        years = [
            (middle(qs[0].start, qs[-1].end), f"{year}年")
            for i, (year, qs) in enumerate(by_year.items())
            if i % step == 0
        ]
        ticks = [x((qs[0].start - first).days) for qs in list(by_year.values())[1:]]
    line = " ".join(f"{x(d)},{y(b)}" for d, (_, b) in zip(days, points, strict=True))
    return render(
        svg_environment(),
        "balance.svg.j2",
        width=WIDTH,
        height=top + plot_h + 52,
        label=label,
        words=balance_words(points),
        line=line,
        area=f"{x(0)},{y(low)} {line} {x(days[-1])},{y(low)}",
        left=left,
        right=left + plot_w,
        top=top,
        bottom=top + plot_h,
        y_high=y(high),
        y_low=y(low),
        high=short_yuan(high),
        low=short_yuan(low),
        ticks=ticks,
        names=names,
        years=years,
    )


def category_chart(rows: list[tuple[str, Decimal]], label: str, kind: str) -> str:
    """Income or expense per category as horizontal bars, largest first."""
    rows = sorted(rows, key=lambda row: (-row[1], row[0]))
    biggest = max((amount for _, amount in rows), default=Decimal(1)) or Decimal(1)
    bar_left, bar_w, row_h = 8, WIDTH - 16, 46
    bars = [
        {
            "name": name,
            "amount": yuan(amount),
            "y": 30 + i * row_h,
            "width": _px(max(Fraction(amount) * bar_w / Fraction(biggest), Fraction(2))),
        }
        for i, (name, amount) in enumerate(rows)
    ]
    return render(
        svg_environment(),
        "categories.svg.j2",
        width=WIDTH,
        height=40 + len(rows) * row_h,
        label=label,
        kind=kind,
        bars=bars,
        left=bar_left,
    )


@dataclass(frozen=True)
class VoteBar:
    name: str
    share: Fraction
    threshold: Fraction
    threshold_words: str
    met: bool
    detail: str


def vote_bars(verdict: Verdict) -> list[VoteBar]:
    """The four tests of art. 278: turnout and approval, by headcount and by area."""
    bars = []
    for name, measure, unit in (("户数", verdict.owners, "户"), ("面积", verdict.area, "平方米")):
        bars.append(_turnout(name, measure, unit))
        bars.append(_approval(name, measure, unit, verdict))
    return bars


def _share(part: Fraction, whole: Fraction) -> Fraction:
    return part / whole if whole else Fraction(0)


def _amount(value: Fraction, unit: str) -> str:
    if unit == "户":
        return f"{int(value):,} 户"
    return f"{Decimal(value.numerator) / Decimal(value.denominator):,.2f} 平方米"


def _turnout(name: str, measure: Measure, unit: str) -> VoteBar:
    detail = f"{_amount(measure.participated, unit)} / {_amount(measure.eligible, unit)}"
    return VoteBar(
        f"参与表决的{name}",
        _share(measure.participated, measure.eligible),
        Fraction(2, 3),
        "三分之二以上",
        measure.turnout_met,
        detail,
    )


def _approval(name: str, measure: Measure, unit: str, verdict: Verdict) -> VoteBar:
    detail = f"{_amount(measure.agreed, unit)} / {_amount(measure.participated, unit)}"
    return VoteBar(
        f"同意的{name}（占参与表决）",
        _share(measure.agreed, measure.participated),
        verdict.approval_threshold,
        verdict.approval_words,
        measure.approval_met(verdict.special),
        detail,
    )


def percent_text(share: Fraction) -> str:
    return percent(share, Fraction(1))


def vote_words(verdict: Verdict, result: str) -> str:
    """The vote chart in words, for its alt text: the result and each of the four tests
    with its figures, its share and the share the law asks for."""
    tests = "；".join(
        f"{bar.name} {bar.detail}，占 {percent_text(bar.share)}，要求{bar.threshold_words}，"
        + ("达到" if bar.met else "未达到")
        for bar in vote_bars(verdict)
    )
    return f"表决结果：{result}。{tests}。"


def vote_chart(verdict: Verdict, label: str) -> str:
    """Each share as a bar with its legal threshold drawn across it."""
    bar_left, bar_w, row_h = 8, WIDTH - 16, 64
    rows = [
        {
            "bar": bar,
            "y": 34 + i * row_h,
            "width": _px(min(bar.share, Fraction(1)) * bar_w),
            "mark": _px(bar_left + bar.threshold * bar_w),
            "percent": percent_text(bar.share),
        }
        for i, bar in enumerate(vote_bars(verdict))
    ]
    return render(
        svg_environment(),
        "vote.svg.j2",
        width=WIDTH,
        height=44 + len(rows) * row_h,
        label=label,
        rows=rows,
        left=bar_left,
        bar_w=bar_w,
    )


def survey_chart(result: QuestionResult, responses: int, label: str) -> str:
    """Each option's share of the answer sheets as a bar; a hidden count draws no length."""
    bar_left, bar_w, row_h = 8, WIDTH - 16, 46
    bars = [
        {
            "name": option.shown.label,
            "count": option.shown.text,
            "percent": whole_percent(option.share),
            "hidden": option.share is None,
            "y": 30 + i * row_h,
            "width": _px(max(option.share * bar_w, Fraction(2))) if option.share else "0",
        }
        for i, option in enumerate(result.options)
    ]
    return render(
        svg_environment(),
        "survey.svg.j2",
        width=WIDTH,
        height=40 + len(bars) * row_h,
        label=label,
        bars=bars,
        left=bar_left,
        bar_w=bar_w,
        responses=responses,
    )
