"""Amounts a community could really have: anything near a trillion yuan is a typo.

The loader already refuses numbers with more than 18 integer digits (G013); this
rule draws the line where a residential community's money ends. It also keeps
every figure the posters write in Chinese capitals (大写) inside what `cn2an` can
write: it stops at 16 integer digits (`generator.posters.amounts`).
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from generator import codes
from generator.diagnostics import Diagnostic
from generator.money import ledger_totals, yuan
from generator.project import Project

MAX_PLAUSIBLE_YUAN = Decimal(10) ** 12
"""An amount must stay below 一万亿元 (10¹² yuan). The largest sums a community handles
(a rebuilding of every building, a maintenance fund of tens of thousands of homes) are
around 10⁹–10¹⁰ yuan, so the bound leaves a hundredfold margin for the biggest community
and still catches a few extra digits typed or pasted by mistake. A ledger's totals are
held to it too; it lies four digits below the 10¹⁶ that 大写 can express."""


def _too_large(amount: Decimal) -> bool:
    return abs(amount) >= MAX_PLAUSIBLE_YUAN


def _message(what: str, amount: Decimal) -> str:
    return (
        f"{what}是 {yuan(amount)} 元，达到了一万亿元，不可能是一个小区的真实金额，"
        "多半是多打或粘贴了几位数字。请核对凭证后改正（金额以元为单位，如 1234.50）。"
    )


def amount_magnitude_diagnostics(project: Project) -> Iterator[Diagnostic]:
    for item in project.ledgers:
        ledger = item.record
        for key, label, amount in (
            ("opening_balance", "期初余额（opening_balance）", ledger.opening_balance),
            ("closing_balance", "期末余额（closing_balance）", ledger.closing_balance),
        ):
            if _too_large(amount):
                yield codes.G208.at(item.span(key), _message(label, amount))
        flagged_entry = False
        for index, entry in enumerate(ledger.entries):
            if _too_large(entry.amount):
                flagged_entry = True
                yield codes.G208.at(
                    item.span("entries", index, "amount"), _message("金额（amount）", entry.amount)
                )
        for index, check in enumerate(ledger.balance_checks):
            if _too_large(check.balance):
                yield codes.G208.at(
                    item.span("balance_checks", index, "balance"),
                    _message("对账余额（balance）", check.balance),
                )
        if not flagged_entry:
            totals = ledger_totals(ledger)
            for label, total in (("本期收入合计", totals.income), ("本期支出合计", totals.expense)):
                if _too_large(total):
                    yield codes.G208.at(
                        item.source.key_span("entries"),
                        _message(f"{label}（海报上要写成大写）", total),
                    )
    for matter in project.matters:
        budget = matter.record.budget
        if budget is not None and _too_large(budget):
            yield codes.G208.at(matter.span("budget"), _message("预算（budget）", budget))
    for organization in project.organizations:
        contract = organization.record.contract
        if contract is None or isinstance(contract.fees, str):
            continue
        for name, fee in contract.fees.items():
            if _too_large(fee):
                yield codes.G208.at(
                    organization.span("contract", "fees", name), _message(f"收费「{name}」", fee)
                )
