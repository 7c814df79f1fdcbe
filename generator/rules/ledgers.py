"""Ledgers add up to the fen, follow each other without gaps, and agree with the bank."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, timedelta
from decimal import Decimal
from itertools import pairwise

from generator import codes
from generator.diagnostics import Diagnostic
from generator.failed_records import FailedRecord
from generator.models import Entry, Ledger, Matter
from generator.money import balance_at_end_of, ledger_totals, spending_by_matter, typed_yuan, yuan
from generator.project import Project, Sourced
from generator.voting import ITEM_NAMES, vote_verdict

APPROVED_STATUSES = frozenset({"approved", "implementing", "completed"})


def ledger_balance_diagnostics(project: Project) -> Iterator[Diagnostic]:
    mistyped = _mistyped_openings(project)
    for item in project.ledgers:
        totals = ledger_totals(item.record)
        if not totals.balances and item.file not in mistyped:
            difference = totals.closing - totals.computed_closing
            yield codes.G201.at(
                item.span("closing_balance"),
                f"账目不平：期初 {yuan(totals.opening)} + 收入 {yuan(totals.income)} − 支出 "
                f"{yuan(totals.expense)} = {yuan(totals.computed_closing)}，"
                f"但期末余额写的是 {yuan(totals.closing)}（相差 {yuan(difference)} 元）。"
                "请核对每笔收支和期末余额；若收支都没错，期末余额请写 "
                f"{typed_yuan(totals.computed_closing)}（即 {yuan(totals.computed_closing)} 元；"
                "金额里不写逗号）。",
            )


Chain = list[Sourced[Ledger]]


def _chains(project: Project) -> Iterator[tuple[Chain, list[FailedRecord]]]:
    """Each account's ledgers in period order (copies left out), with its ledgers that failed."""
    for account, items in project.ledgers_by_account().items():
        failed = [f for f in project.failed if f.folder == "funds" and account in f.ids]
        yield [item for item in items if item.file not in project.copies], failed


def _gap_explained(before: Ledger, after: Ledger, failed: list[FailedRecord]) -> bool:
    """Whether a ledger that failed to load may be the period between `before` and `after`."""
    start = before.period.end + timedelta(days=1)
    end = after.period.start - timedelta(days=1)
    return start <= end and any(f.covers(start, end) for f in failed)


def _discontinuities(project: Project) -> Iterator[tuple[Sourced[Ledger], Sourced[Ledger]]]:
    """(before, after): each period whose opening is not the closing of the one before it.

    Left out when it follows from another problem: a period between them that failed to
    load, or a period before that does not add up to its own closing (G201 there).
    """
    for items, failed in _chains(project):
        for before, after in pairwise(items):
            closing = before.record.closing_balance
            opening = after.record.opening_balance
            if closing == opening or _gap_explained(before.record, after.record, failed):
                continue
            if ledger_totals(before.record).computed_closing == opening:
                continue
            yield before, after


def _mistyped_openings(project: Project) -> dict[str, Decimal]:
    """Ledgers, by file, that add up once their opening is the closing before (G202 only):
    the opening balance is the one mistake, and their own sums and bank checks follow it."""
    found: dict[str, Decimal] = {}
    for before, after in _discontinuities(project):
        totals = ledger_totals(after.record)
        closing_before = before.record.closing_balance
        if closing_before + totals.income - totals.expense == totals.closing:
            found[after.file] = closing_before
    return found


def continuity_diagnostics(project: Project) -> Iterator[Diagnostic]:
    mistyped = _mistyped_openings(project)
    for before, after in _discontinuities(project):
        closing = before.record.closing_balance
        opening = after.record.opening_balance
        then = (
            "。按这个期初余额，本期的收支正好与期末余额相符。"
            if after.file in mistyped
            else "，或补上漏记的收支。"
        )
        yield codes.G202.at(
            after.span("opening_balance"),
            f"本期期初余额 {yuan(opening)} 元与上一期（{before.file}）期末余额 "
            f"{yuan(closing)} 元不一致。两期之间的钱必须衔接：期初余额请写 "
            f"{typed_yuan(closing)}（即 {yuan(closing)} 元；金额里不写逗号）{then}",
        )


def period_gap_diagnostics(project: Project) -> Iterator[Diagnostic]:
    for items, failed in _chains(project):
        for before, after in pairwise(items):
            expected = before.record.period.end + timedelta(days=1)
            start = after.record.period.start
            if start == expected or _gap_explained(before.record, after.record, failed):
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
    mistyped = _mistyped_openings(project)
    for item in project.ledgers:
        shift = mistyped.get(item.file, item.record.opening_balance) - item.record.opening_balance
        for c, check in enumerate(item.record.balance_checks):
            booked = balance_at_end_of(item.record, check.date)
            if booked != check.balance and booked + shift != check.balance:
                yield codes.G203.at(
                    item.span("balance_checks", c, "balance"),
                    f"{check.date} 的{check.source}余额为 {yuan(check.balance)}，"
                    f"账面当天结束时的余额却是 {yuan(booked)}（相差 {yuan(check.balance - booked)} 元）。"
                    "请查找漏记或错记的收支。",
                )


def duplicate_ledger_diagnostics(project: Project) -> Iterator[Diagnostic]:
    """G126: two ledgers of one account and one period, reported once, at the copy."""
    for copy in project.ledgers:
        original = project.copies.get(copy.file)
        if original is None:
            continue
        period = copy.record.period
        same = "，内容也完全相同" if copy.record == original.record else ""
        yield codes.G126.at(
            copy.span("period"),
            f"这份账目和 {original.file} 是同一个账户（{copy.record.account}）、同一个期间"
            f"（{period.start} 至 {period.end}）{same}，多半是复制出来的副本。"
            "请删除多余的那份；若两份不同，先把正确的内容合到一份里再删除另一份。"
            "在删除之前，它不参与上下期衔接和预算的核对。",
        )


def budget_diagnostics(project: Project) -> Iterator[Diagnostic]:
    spent = spending_by_matter(
        item.record for item in project.ledgers if item.file not in project.copies
    )
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
    """G207, a warning: a maintenance fund's payouts are held to the vote itself (G210)."""
    for item in project.ledgers:
        if item.record.kind == "maintenance_fund":
            continue
        for e, entry in enumerate(item.record.entries):
            matter = project.matter_by_id.get(entry.matter or "")
            if entry.type != "expense" or matter is None or entry.emergency:
                continue
            if matter.record.status not in APPROVED_STATUSES:
                yield codes.G207.at(
                    item.span("entries", e, "matter"),
                    f"这笔支出引用的事项「{matter.record.title}」状态是 {matter.record.status}，"
                    "还没有表决通过。请说明理由，或更正引用的事项。",
                )


FUND_ITEM = 5
"""Civil Code art. 278, first paragraph, item 5: using the maintenance fund."""


def _fund_payouts(project: Project) -> Iterator[tuple[Sourced[Ledger], int, Entry]]:
    """Each expense of a maintenance-fund account not made under the emergency procedure."""
    for item in project.ledgers:
        if item.record.kind != "maintenance_fund" or item.file in project.copies:
            continue
        for e, entry in enumerate(item.record.entries):
            if entry.type == "expense" and not entry.emergency:
                yield item, e, entry


def fund_payout_matter_diagnostics(project: Project) -> Iterator[Diagnostic]:
    for item, e, entry in _fund_payouts(project):
        if not entry.matter:
            yield codes.G209.at(
                item.span("entries", e, "amount"),
                f"这笔专项维修资金支出（{entry.date}，{yuan(entry.amount)} 元）没有写依据事项。"
                "使用维修资金要经业主表决同意（《民法典》第二百七十八条第一款第五项）：请用 matter "
                "写上同意这笔支出的事项编号；按应急使用程序支出的，写 emergency: true，"
                "并在摘要里写明经哪个部门审核。",
            )


def _fund_vote_problem(matter: Matter, paid: date) -> str | None:
    """Why `matter` does not authorise a maintenance-fund payout made on `paid`, or None."""
    vote, decision = matter.vote, matter.decision
    if vote is None:
        return "没有业主表决的记录（vote）"
    if vote.item != FUND_ITEM:
        return (
            f"表决依据的是第二百七十八条第一款第 {vote.item} 项（{ITEM_NAMES[vote.item]}），"
            f"不是第五项（{ITEM_NAMES[FUND_ITEM]}）"
        )
    if decision is None or decision.stage != "final" or decision.result != "approved":
        return "还没有公布表决通过的最终结果"
    if vote_verdict(vote).result != "approved":
        return "的票数达不到法定门槛（参与表决双三分之二以上、同意双过半），不能算通过"
    posted = decision.published or decision.date
    if posted > paid:
        return f"的表决结果 {posted} 才公布，晚于这笔支出"
    return None


def fund_payout_vote_diagnostics(project: Project) -> Iterator[Diagnostic]:
    for item, e, entry in _fund_payouts(project):
        matter = project.matter_by_id.get(entry.matter or "")
        if matter is None:
            continue
        problem = _fund_vote_problem(matter.record, entry.date)
        if problem is not None:
            yield codes.G210.at(
                item.span("entries", e, "matter"),
                f"这笔专项维修资金支出（{entry.date}，{yuan(entry.amount)} 元）引用的事项"
                f"「{matter.record.title}」{problem}。使用维修资金须经专有部分面积和人数都占三分之二以上的"
                "业主参与表决，并经参与表决的面积过半数、人数过半数同意（《民法典》第二百七十八条）。"
                "请在表决通过、公布结果以后再支出，或更正引用的事项；确属应急维修的，写 emergency: true。",
            )
