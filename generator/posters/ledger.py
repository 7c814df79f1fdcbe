"""The 收支公示 of one ledger: every entry, the running balance, totals in figures and 大写."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from itertools import zip_longest

from markupsafe import Markup

from generator.chinese_dates import chinese_span, short_date
from generator.models import Ledger, Organization
from generator.money import ledger_totals, yuan
from generator.posters.environment import render_template
from generator.posters.frame import (
    PageSize,
    body_of_kind,
    contact_line,
    contact_person,
    contact_words,
    make_frame,
    notice_posting,
)
from generator.project import Project

PREPARER_WORDS: tuple[tuple[str, str], ...] = (
    ("党支部", "party_organization"),
    ("党委", "party_organization"),
    ("党组织", "party_organization"),
    ("业委会", "owners_committee"),
    ("业主委员会", "owners_committee"),
    ("监委会", "supervisory_committee"),
    ("监督委员会", "supervisory_committee"),
    ("物业", "property_company"),
)
"""Words in `prepared_by` that name the body that keeps the books, and so issues the notice."""


@dataclass(frozen=True)
class Row:
    day: str
    category: str
    description: str
    details: Markup
    income: Decimal | None
    expense: Decimal | None
    balance: Decimal
    """The running balance after this entry."""
    income_to_date: Decimal
    """Income since the period opened, this entry included: what 过次页 carries."""
    expense_to_date: Decimal


@dataclass(frozen=True)
class Subtotal:
    kind: str
    category: str
    count: int
    amount: Decimal


@dataclass(frozen=True)
class Total:
    label: str
    amount: Decimal


def ledger_issuer(project: Project, ledger: Ledger) -> str:
    """The body named in `prepared_by` (e.g. 业委会财务 杨淑芬 → the owners' committee)."""
    for word, kind in PREPARER_WORDS:
        if word in ledger.prepared_by:
            body: Organization | None = body_of_kind(project, kind)
            if body is not None:
                return body.name
    return ledger.prepared_by


def ledger_rows(ledger: Ledger) -> list[Row]:
    """Entries in date order with the running balance; who was paid and the voucher go under the description.

    Each row also carries the income and expense so far, so a page break anywhere can
    print its 过次页 and the next page its 承前页 (generator/posters/pages.py).
    """
    one_year = ledger.period.start.year == ledger.period.end.year
    rows = []
    balance, income, expense = ledger.opening_balance, Decimal(0), Decimal(0)
    for entry in sorted(ledger.entries, key=lambda e: e.date):
        details = [Markup("对方：{}").format(entry.counterparty)] if entry.counterparty else []
        if entry.voucher:  # a voucher number split over two lines is misread
            details.append(Markup('<span class="nowrap">凭证：{}</span>').format(entry.voucher))
        if entry.type == "income":
            balance += entry.amount
            income += entry.amount
        else:
            balance -= entry.amount
            expense += entry.amount
        rows.append(
            Row(
                day=short_date(entry.date, one_year),
                category=entry.category,
                description=entry.description,
                details=Markup("　").join(details),
                income=entry.amount if entry.type == "income" else None,
                expense=entry.amount if entry.type == "expense" else None,
                balance=balance,
                income_to_date=income,
                expense_to_date=expense,
            )
        )
    return rows


def category_subtotals(ledger: Ledger) -> list[tuple[Subtotal | None, Subtotal | None]]:
    """Income and expense categories side by side, each in the order they first appear."""
    totals: dict[tuple[str, str], tuple[int, Decimal]] = {}
    for entry in sorted(ledger.entries, key=lambda e: (e.type != "income", e.date)):
        count, amount = totals.get((entry.type, entry.category), (0, Decimal(0)))
        totals[(entry.type, entry.category)] = (count + 1, amount + entry.amount)
    found = [
        Subtotal("收入" if kind == "income" else "支出", category, count, amount)
        for (kind, category), (count, amount) in totals.items()
    ]
    incomes = [s for s in found if s.kind == "收入"]
    expenses = [s for s in found if s.kind == "支出"]
    return list(zip_longest(incomes, expenses))


def amount_column_percent(rows: list[Row], opening: Decimal) -> float:
    """A column wide enough for the longest amount at 14 pt (0.56 em a digit, 4 pt padding a side).

    Every size scales type and page together, so the share of the A4 width holds on A3.
    """
    figures = [opening] + [r.balance for r in rows] + [r.income_to_date for r in rows]
    figures += [r.expense_to_date for r in rows]
    longest = max(len(yuan(figure)) for figure in figures)
    content_pt = (210 - 2 * 12) / 25.4 * 72
    return round((longest * 0.56 * 14 + 9) / content_pt * 100, 1)


def period_words(ledger: Ledger) -> str:
    """`2026年第三季度` for a calendar quarter, else the span (`2026年1月1日至2月15日`)."""
    start, end = ledger.period.start, ledger.period.end
    quarter = (start.month - 1) // 3
    if (
        start.year == end.year
        and start.day == 1
        and start.month == quarter * 3 + 1
        and (end + timedelta(days=1)).day == 1
        and end.month == quarter * 3 + 3
    ):
        return f"{start.year}年第{'一二三四'[quarter]}季度"
    return chinese_span(start, end)


def ledger_issue_date(ledger: Ledger, today: date) -> date:
    """The latest date the poster shows (publication, an entry, a bank check, a correction), up to today."""
    days = [ledger.published, *(e.date for e in ledger.entries)]
    days += [check.date for check in ledger.balance_checks]
    days += [correction.date for correction in ledger.corrections]
    past = [day for day in days if day <= today]
    return max(past) if past else ledger.published


def supervisor_feedback(project: Project) -> Markup:
    """Questions about money go to the supervisory committee, which oversees public spending.

    Its named contact and phone follow in the contact line; the address is on its own poster.
    """
    body = body_of_kind(project, "supervisory_committee")
    if body is None:
        return Markup("")
    if contact_person(body) or contact_words(body.contact):
        return Markup("对账目有疑问的，可在公示期内向{}反映，也可查阅原始凭证。").format(body.name)
    return Markup("对账目有疑问的，可向{}反映。").format(body.name)


def render_ledger_poster(project: Project, ledger: Ledger, size: PageSize) -> str:
    totals = ledger_totals(ledger)
    issuer = ledger_issuer(project, ledger)
    party = any(word in ledger.prepared_by for word in ("党支部", "党委", "党组织"))
    basis = (
        "《中国共产党党务公开条例（试行）》" if party else "《中华人民共和国民法典》第二百八十二条"
    )
    when = period_words(ledger)
    rules = project.config.record.rules
    rows = ledger_rows(ledger)
    frame = make_frame(
        project,
        ledger,
        size,
        kind_label="收支公示",
        title=ledger.name,
        issuer=issuer,
        issued=ledger_issue_date(ledger, project.today),
        feedback=[supervisor_feedback(project)],
        notice_title=f"关于{ledger.name}{when}收支情况的公示",
        opening=f"根据{basis}，现将{ledger.name}{when}的收支情况公示如下：",
        posting=notice_posting(
            project, ledger.published, source=f"公示期限参照{rules.publicity_source}"
        ),
        contact=contact_line(body_of_kind(project, "supervisory_committee")),
    )
    return render_template(
        "ledger.html.j2",
        frame=frame,
        ledger=ledger,
        period=chinese_span(ledger.period.start, ledger.period.end),
        opening_day=short_date(
            ledger.period.start, ledger.period.start.year == ledger.period.end.year
        ),
        rows=rows,
        amount_width=amount_column_percent(rows, ledger.opening_balance),
        subtotals=category_subtotals(ledger),
        totals=[
            Total("期初余额", totals.opening),
            Total("本期收入合计", totals.income),
            Total("本期支出合计", totals.expense),
            Total("期末余额", totals.closing),
        ],
    )
