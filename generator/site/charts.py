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
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

from generator.aggregates import QuestionResult, percent
from generator.money import yuan
from generator.site.render import render, svg_environment
from generator.voting import Measure, Verdict

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


def balance_chart(points: list[tuple[date, Decimal]], label: str) -> str:
    """The balance over time as a line, with its lowest and highest values marked."""
    top, left, plot_w, plot_h = 46, 52, WIDTH - 64, 150  # the title sits above the top label
    days = [(day - points[0][0]).days for day, _ in points]
    span = max(days[-1], 1)
    low = min(Decimal(0), *(balance for _, balance in points))
    high = max(balance for _, balance in points)
    scale = (high - low) or Decimal(1)

    def x(day: int) -> str:
        return _px(left + Fraction(day * plot_w, span))

    def y(amount: Decimal) -> str:
        return _px(top + plot_h - Fraction(amount - low) * plot_h / Fraction(scale))

    line = " ".join(f"{x(d)},{y(b)}" for d, (_, b) in zip(days, points, strict=True))
    return render(
        svg_environment(),
        "balance.svg.j2",
        width=WIDTH,
        height=top + plot_h + 40,
        label=label,
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
        first=points[0][0],
        last=points[-1][0],
        latest=yuan(points[-1][1]),
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
        return f"{int(value)} 户"
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
    exact = Decimal(share.numerator) / Decimal(share.denominator) * 100
    return f"{exact.quantize(Decimal('0.01'), rounding=ROUND_HALF_UP)}%"


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
            "percent": percent(option.share),
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
