"""Ledger arithmetic, exact to the fen: totals, running balances, spending per matter."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from decimal import Context, Decimal, DivisionByZero, InvalidOperation, Overflow

from generator.loader import MAX_VALUES
from generator.models import Ledger
from generator.models.common import MAX_AMOUNT_DIGITS

ZERO = Decimal("0.00")

EXACT = Context(
    prec=MAX_AMOUNT_DIGITS + 2 + len(str(MAX_VALUES)) + 8,
    traps=[InvalidOperation, DivisionByZero, Overflow],
)
"""Wide enough that adding up every amount one project can hold never rounds: Python's
default 28 digits would round a sum of large amounts and let an unbalanced ledger pass."""


@dataclass(frozen=True)
class LedgerTotals:
    income: Decimal
    expense: Decimal
    opening: Decimal
    closing: Decimal

    @property
    def computed_closing(self) -> Decimal:
        return self.opening + self.income - self.expense

    @property
    def balances(self) -> bool:
        return self.computed_closing == self.closing


def ledger_totals(ledger: Ledger) -> LedgerTotals:
    income = sum((e.amount for e in ledger.entries if e.type == "income"), ZERO)
    expense = sum((e.amount for e in ledger.entries if e.type == "expense"), ZERO)
    return LedgerTotals(income, expense, ledger.opening_balance, ledger.closing_balance)


def signed_amount(entry_type: str, amount: Decimal) -> Decimal:
    return amount if entry_type == "income" else -amount


def balance_at_end_of(ledger: Ledger, day: date) -> Decimal:
    """The running balance once every entry dated on or before `day` is booked."""
    return ledger.opening_balance + sum(
        (signed_amount(e.type, e.amount) for e in ledger.entries if e.date <= day), ZERO
    )


def daily_balances(ledger: Ledger) -> list[tuple[date, Decimal]]:
    """The balance at the end of each day that had entries, in date order (for charts)."""
    balance = ledger.opening_balance
    points: list[tuple[date, Decimal]] = [(ledger.period.start, balance)]
    for entry in sorted(ledger.entries, key=lambda e: e.date):
        balance += signed_amount(entry.type, entry.amount)
        if points and points[-1][0] == entry.date:
            points[-1] = (entry.date, balance)
        else:
            points.append((entry.date, balance))
    return points


def spending_by_matter(ledgers: Iterable[Ledger]) -> dict[str, Decimal]:
    """Expenses that cite a matter, added up per matter across every ledger."""
    spent: dict[str, Decimal] = {}
    for ledger in ledgers:
        for entry in ledger.entries:
            if entry.type == "expense" and entry.matter:
                spent[entry.matter] = spent.get(entry.matter, ZERO) + entry.amount
    return spent


def yuan(amount: Decimal) -> str:
    """An amount as people read it: thousands separated, two decimals, no float on the way."""
    return f"{amount:,.2f}"


def grouped(number: int | Decimal) -> str:
    """A count or an area as every page writes it: `1,286` 户, `95,870.25` 平方米."""
    return f"{number:,}"


def typed_yuan(amount: Decimal) -> str:
    """An amount as a record must have it typed: two decimals, no separators (`14409.90`)."""
    return f"{amount:.2f}"
