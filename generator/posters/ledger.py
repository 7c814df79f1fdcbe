"""The 收支公示 of one ledger: every entry, the running balance, totals in figures and 大写."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from markupsafe import Markup

from generator.chinese_dates import chinese_span, short_date
from generator.models import Ledger, Organization
from generator.money import ledger_totals
from generator.posters.environment import render_template
from generator.posters.frame import PageSize, body_of_kind, contact_words, make_frame
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
    """Entries in date order; who was paid and the voucher go under the description.

    There is no running-balance column: on A4 at a readable size it would leave the
    description a few characters wide. The balance is given in the totals instead.
    """
    one_year = ledger.period.start.year == ledger.period.end.year
    rows = []
    for entry in sorted(ledger.entries, key=lambda e: e.date):
        details = [Markup("对方：{}").format(entry.counterparty)] if entry.counterparty else []
        if entry.voucher:  # a voucher number split over two lines is misread
            details.append(Markup('<span class="nowrap">凭证：{}</span>').format(entry.voucher))
        rows.append(
            Row(
                day=short_date(entry.date, one_year),
                category=entry.category,
                description=entry.description,
                details=Markup("　").join(details),
                income=entry.amount if entry.type == "income" else None,
                expense=entry.amount if entry.type == "expense" else None,
            )
        )
    return rows


def supervisor_feedback(project: Project) -> Markup:
    """Questions about money go to the supervisory committee, which oversees public spending."""
    body = body_of_kind(project, "supervisory_committee")
    if body is None:
        return Markup("")
    words = contact_words(body.contact)
    if words:
        return Markup("对账目有疑问的，可向{}反映（{}）。").format(body.name, words)
    return Markup("对账目有疑问的，可向{}反映。").format(body.name)


def render_ledger_poster(project: Project, ledger: Ledger, size: PageSize) -> str:
    totals = ledger_totals(ledger)
    frame = make_frame(
        project,
        ledger,
        size,
        kind_label="收支公示",
        title=ledger.name,
        issuer=ledger_issuer(project, ledger),
        issued=ledger.published,
        feedback=[supervisor_feedback(project)],
    )
    return render_template(
        "ledger.html.j2",
        frame=frame,
        ledger=ledger,
        period=chinese_span(ledger.period.start, ledger.period.end),
        opening_day=short_date(
            ledger.period.start, ledger.period.start.year == ledger.period.end.year
        ),
        rows=ledger_rows(ledger),
        totals=[
            Total("期初余额", totals.opening),
            Total("本期收入合计", totals.income),
            Total("本期支出合计", totals.expense),
            Total("期末余额", totals.closing),
        ],
    )
