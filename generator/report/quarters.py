"""Calendar quarters, the period every account's ledger is expected for."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from generator.models import Ledger


@dataclass(frozen=True, order=True)
class Quarter:
    year: int
    number: int

    @property
    def start(self) -> date:
        return date(self.year, 3 * self.number - 2, 1)

    @property
    def end(self) -> date:
        following = self.following()
        return following.start - timedelta(days=1)

    def following(self) -> Quarter:
        return (
            Quarter(self.year + 1, 1) if self.number == 4 else Quarter(self.year, self.number + 1)
        )

    @property
    def words(self) -> str:
        return f"{self.year} 年第{'一二三四'[self.number - 1]}季度"


def quarter_of(day: date) -> Quarter:
    return Quarter(day.year, (day.month - 1) // 3 + 1)


def ended_quarters(first: date, today: date) -> Iterator[Quarter]:
    """Every quarter from the one holding `first` to the last one over before `today`."""
    quarter = quarter_of(first)
    while quarter.end < today:
        yield quarter
        quarter = quarter.following()


def covering_ledgers(ledgers: Sequence[Ledger], quarter: Quarter) -> list[Ledger] | None:
    """The ledgers that together cover every day of `quarter` (one quarter's, or its
    months'), in period order; None when some day of it is in no ledger."""
    overlapping = sorted(
        (
            ledger
            for ledger in ledgers
            if ledger.period.start <= quarter.end and ledger.period.end >= quarter.start
        ),
        key=lambda ledger: ledger.period.start,
    )
    covered_to = quarter.start - timedelta(days=1)
    for ledger in overlapping:
        if ledger.period.start > covered_to + timedelta(days=1):
            return None
        covered_to = max(covered_to, ledger.period.end)
    return overlapping if covered_to >= quarter.end else None
