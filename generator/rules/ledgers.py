"""Ledgers add up to the fen, follow each other without gaps, and agree with the bank."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from itertools import pairwise

from generator import codes
from generator.diagnostics import Diagnostic
from generator.money import balance_at_end_of, ledger_totals, spending_by_matter, yuan
from generator.project import Project

APPROVED_STATUSES = frozenset({"approved", "implementing", "completed"})


def ledger_balance_diagnostics(project: Project) -> Iterator[Diagnostic]:
    for item in project.ledgers:
        totals = ledger_totals(item.record)
        if not totals.balances:
            difference = totals.closing - totals.computed_closing
            yield codes.G201.at(
                item.span("closing_balance"),
                f"账目不平：期初 {yuan(totals.opening)} + 收入 {yuan(totals.income)} − 支出 "
                f"{yuan(totals.expense)} = {yuan(totals.computed_closing)}，"
                f"但期末余额写的是 {yuan(totals.closing)}（相差 {yuan(difference)} 元）。"
                "请核对每笔收支和期末余额。",
            )


def continuity_diagnostics(project: Project) -> Iterator[Diagnostic]:
    for items in project.ledgers_by_account().values():
        for before, after in pairwise(items):
            closing = before.record.closing_balance
            opening = after.record.opening_balance
            if closing != opening:
                yield codes.G202.at(
                    after.span("opening_balance"),
                    f"本期期初余额 {yuan(opening)} 与上一期（{before.file}）期末余额 "
                    f"{yuan(closing)} 不一致。两期之间的钱必须衔接：请改成 {yuan(closing)}，"
                    "或补上漏记的收支。",
                )


def period_gap_diagnostics(project: Project) -> Iterator[Diagnostic]:
    for items in project.ledgers_by_account().values():
        for before, after in pairwise(items):
            expected = before.record.period.end + timedelta(days=1)
            start = after.record.period.start
            if start == expected:
                continue
            what = "有缺口" if start > expected else "与上一期重叠"
            yield codes.G206.at(
                after.span("period", "start"),
                f"本期从 {start} 开始，{what}：上一期（{before.file}）到 "
                f"{before.record.period.end} 结束，本期应从 {expected} 开始。",
            )


def entry_date_diagnostics(project: Project) -> Iterator[Diagnostic]:
    for item in project.ledgers:
        period = item.record.period
        for e, entry in enumerate(item.record.entries):
            if not period.start <= entry.date <= period.end:
                yield codes.G205.at(
                    item.span("entries", e, "date"),
                    f"这笔收支的日期 {entry.date} 不在本期 {period.start} 至 {period.end} 之内。"
                    "请把它记到对应期间的账目里。",
                )


def balance_check_diagnostics(project: Project) -> Iterator[Diagnostic]:
    for item in project.ledgers:
        for c, check in enumerate(item.record.balance_checks):
            booked = balance_at_end_of(item.record, check.date)
            if booked != check.balance:
                yield codes.G203.at(
                    item.span("balance_checks", c, "balance"),
                    f"{check.date} 的{check.source}余额为 {yuan(check.balance)}，"
                    f"账面当天结束时的余额却是 {yuan(booked)}（相差 {yuan(check.balance - booked)} 元）。"
                    "请查找漏记或错记的收支。",
                )


def budget_diagnostics(project: Project) -> Iterator[Diagnostic]:
    spent = spending_by_matter(item.record for item in project.ledgers)
    for matter_id, total in spent.items():
        matter = project.matter_by_id.get(matter_id)
        if matter is None or matter.record.budget is None or total <= matter.record.budget:
            continue
        budget = matter.record.budget
        yield codes.G204.at(
            matter.span("budget"),
            f"各期账目中引用本事项的支出合计 {yuan(total)} 元，超出预算 {yuan(budget)} 元"
            f"（超出 {yuan(total - budget)} 元）。请核对支出，或按程序调整预算。",
            matter_id,
        )


def unapproved_matter_diagnostics(project: Project) -> Iterator[Diagnostic]:
    for item in project.ledgers:
        for e, entry in enumerate(item.record.entries):
            matter = project.matter_by_id.get(entry.matter or "")
            if entry.type != "expense" or matter is None:
                continue
            if matter.record.status not in APPROVED_STATUSES:
                yield codes.G207.at(
                    item.span("entries", e, "matter"),
                    f"这笔支出引用的事项「{matter.record.title}」状态是 {matter.record.status}，"
                    "还没有表决通过。请说明理由，或更正引用的事项。",
                )
