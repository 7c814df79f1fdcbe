"""Where the money went: per account charts and periods, per period every entry."""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from decimal import Decimal
from typing import Any

from generator.models import Ledger
from generator.models.ledger import ACCOUNT_KIND_NAMES
from generator.money import ZERO, daily_balances, ledger_totals, yuan
from generator.site.charts import balance_chart, category_chart
from generator.site.context import SiteContext, page_file
from generator.site.opendata import ledger_csv
from generator.site.pages import Asset, Page, Section
from generator.site.pages.documents import document_rows
from generator.site_layout import (
    BALANCE_CHART,
    CATEGORY_CHARTS,
    account_chart,
    account_index,
    account_year,
    section_index,
)
from generator.urls import ledger_id

INDEX = section_index("funds")


def month_end_balances(ledgers: list[Ledger]) -> list[tuple[date, Decimal]]:
    """One point per month across periods: ten years stay 120 points, not 3,650."""
    points: dict[tuple[int, int], tuple[date, Decimal]] = {}
    for ledger in ledgers:
        for day, balance in daily_balances(ledger):
            points[(day.year, day.month)] = (day, balance)
        end = ledger.period.end
        points[(end.year, end.month)] = (end, ledger.closing_balance)
    first = ledgers[0].period.start
    return [(first, ledgers[0].opening_balance), *sorted(points.values())]


def by_category(ledgers: list[Ledger], kind: str) -> list[tuple[str, Decimal]]:
    totals: dict[str, Decimal] = defaultdict(lambda: ZERO)
    for ledger in ledgers:
        for entry in ledger.entries:
            if entry.type == kind:
                totals[entry.category] += entry.amount
    return sorted(totals.items())


def section(site: SiteContext) -> Section:
    result = Section()
    accounts = []
    for account, items in site.project.ledgers_by_account().items():
        ledgers = [item.record for item in items]
        accounts.append(_account(site, account, ledgers, result))
    result.pages.insert(
        0,
        Page(
            INDEX,
            "funds.md.j2",
            "收支账目",
            "小区各项资金的收入、支出和余额，每季度公示的明细账和凭证号。",
            {"accounts": accounts},
        ),
    )
    return result


def _account(
    site: SiteContext, account: str, ledgers: list[Ledger], result: Section
) -> dict[str, Any]:
    latest = ledgers[-1]
    name = latest.name
    recent = [ledger for ledger in ledgers if ledger.period.end.year == latest.period.end.year]
    income, expense = CATEGORY_CHARTS
    charts = {
        "balance": (
            account_chart(account, BALANCE_CHART),
            balance_chart(month_end_balances(ledgers), f"{name}余额变化"),
        ),
        "income": (
            account_chart(account, f"{income}-{latest.period.end.year}"),
            category_chart(
                by_category(recent, "income"), f"{latest.period.end.year}年收入（按类别）", "income"
            ),
        ),
        "expense": (
            account_chart(account, f"{expense}-{latest.period.end.year}"),
            category_chart(
                by_category(recent, "expense"),
                f"{latest.period.end.year}年支出（按类别）",
                "expense",
            ),
        ),
    }
    for path, svg in charts.values():
        result.assets.append(Asset(path, svg.encode("utf-8")))
    periods = [_period_row(ledger, site.today) for ledger in reversed(ledgers)]
    years = _years(account, name, periods, result)
    as_of = balance_day(latest, site.today)
    summary = {
        "account": account,
        "name": name,
        "path": account_index(account),
        "closing": latest.closing_balance,
        "as_of": as_of,
        "latest": latest,
        "periods": [
            row for row in periods if row["ledger"].period.end.year == latest.period.end.year
        ],
        "years": years,
        "all_years": _all_years(periods),
        "kind": _kind_words(latest),
        "year": latest.period.end.year,
        "charts": {key: path for key, (path, _) in charts.items()},
    }
    result.pages.append(
        Page(
            account_index(account),
            "account.md.j2",
            name,
            f"{name}：截至{as_of:%Y-%m-%d}余额 {yuan(latest.closing_balance)} 元，"
            f"共 {len(ledgers)} 期账目。",
            summary,
        )
    )
    for ledger in ledgers:
        result.pages.append(_ledger_page(site, ledger, result))
    return summary


def _years(
    account: str, name: str, periods: list[dict[str, Any]], result: Section
) -> list[dict[str, Any]]:
    """A page for each earlier year's periods: the account's page lists the latest year's only,
    so it stays one year long however many years the account has."""
    by_year: dict[int, list[dict[str, Any]]] = defaultdict(list)
    for row in periods:
        by_year[row["ledger"].period.end.year].append(row)
    years = []
    for year in sorted(by_year, reverse=True)[1:]:
        path = account_year(account, year)
        years.append({"year": year, "path": path, "count": len(by_year[year])})
        result.pages.append(
            Page(
                path,
                "account_year.md.j2",
                f"{name} {year}年各期账目",
                f"{name}{year}年的 {len(by_year[year])} 期账目：每期的收入、支出和期末余额。",
                {
                    "name": name,
                    "year": year,
                    "periods": by_year[year],
                    "account_page": account_index(account),
                },
            )
        )
    return years


def _all_years(periods: list[dict[str, Any]]) -> list[tuple[int, list[dict[str, Any]]]]:
    """Every period by year, the latest year first, for the accounts index: four short links a
    year per account, so every period is two taps from the home page."""
    years: dict[int, list[dict[str, Any]]] = {}
    for row in reversed(periods):  # each year's periods in order
        years.setdefault(row["ledger"].period.start.year, []).append(row)
    return sorted(years.items(), reverse=True)


def balance_day(ledger: Ledger, today: date) -> date:
    """The day a ledger's closing balance holds: its end, or, while it is open, its publication."""
    end = ledger.period.end
    return end if end < today else min(ledger.published, end)


def _kind_words(ledger: Ledger) -> str | None:
    """The account's kind when its name does not say it already (小区公共收益 does)."""
    words = ACCOUNT_KIND_NAMES[ledger.kind]
    return None if ledger.kind == "other" or words in ledger.name else words


def _period_row(ledger: Ledger, today: date) -> dict[str, Any]:
    totals = ledger_totals(ledger)
    return {
        "ledger": ledger,
        "path": page_file(ledger),
        "totals": totals,
        "words": _period_words(ledger),
        "short": _period_short_words(ledger),
        "as_of": balance_day(ledger, today),
        "open": ledger.period.end >= today,
    }


def latest_period_rows(site: SiteContext) -> list[dict[str, Any]]:
    """Each account's latest period, for the home page: balance, income, spending, links."""
    rows = []
    for account, items in site.project.ledgers_by_account().items():
        row = _period_row(items[-1].record, site.today)
        row["account_path"] = account_index(account)
        rows.append(row)
    return rows


def category_totals(ledger: Ledger) -> list[dict[str, Any]]:
    """A period's income and spending added up per category, income first, largest first."""
    totals: dict[tuple[str, str], Decimal] = defaultdict(lambda: ZERO)
    counts: dict[tuple[str, str], int] = defaultdict(int)
    for entry in ledger.entries:
        totals[(entry.type, entry.category)] += entry.amount
        counts[(entry.type, entry.category)] += 1
    order = {"income": 0, "expense": 1}
    return [
        {"type": kind, "category": category, "total": total, "count": counts[(kind, category)]}
        for (kind, category), total in sorted(
            totals.items(), key=lambda item: (order[item[0][0]], -item[1], item[0][1])
        )
    ]


def _ledger_page(site: SiteContext, ledger: Ledger, result: Section) -> Page:
    totals = ledger_totals(ledger)
    base = f"funds/{ledger.account}/{ledger_id(ledger)}"
    csv_path = f"{base}.csv"
    result.assets.append(Asset(csv_path, ledger_csv([ledger])))
    entries = []
    for entry in sorted(ledger.entries, key=lambda e: e.date):
        matter = site.project.matter_by_id.get(entry.matter) if entry.matter else None
        entries.append(
            {
                "entry": entry,
                "matter": matter.record if matter else None,
                "matter_path": page_file(matter.record) if matter else None,
                "documents": document_rows(site, entry.documents),
            }
        )
    title = f"{ledger.name} {_period_words(ledger)}"
    return Page(
        page_file(ledger),
        "ledger.md.j2",
        title,
        f"{title}：期初 {yuan(ledger.opening_balance)} 元，收入 {yuan(totals.income)} 元，"
        f"支出 {yuan(totals.expense)} 元，期末 {yuan(ledger.closing_balance)} 元。",
        {
            "ledger": ledger,
            "record": ledger,
            "totals": totals,
            "categories": category_totals(ledger),
            "open": ledger.period.end >= site.today,
            "entries": entries,
            "csv": csv_path,
            "account_page": account_index(ledger.account),
        },
    )


def _period_short_words(ledger: Ledger) -> str:
    """The period within its year, for a row of links under the year: 一季度, 3月."""
    words = _period_words(ledger)
    year = f"{ledger.period.start.year}年"
    if words.startswith(year) and ledger.period.start.year == ledger.period.end.year:
        return words.removeprefix(year).removeprefix("第")
    return words


def _period_words(ledger: Ledger) -> str:
    start, end = ledger.period.start, ledger.period.end
    quarter = {(1, 3): "第一季度", (4, 6): "第二季度", (7, 9): "第三季度", (10, 12): "第四季度"}
    key = (start.month, end.month)
    if (
        start.year == end.year
        and start.day == 1
        and key in quarter
        and ledger_id(ledger).endswith(f"q{(start.month + 2) // 3}")
    ):
        return f"{start.year}年{quarter[key]}"
    if start.year == end.year and start.month == end.month:
        return f"{start.year}年{start.month}月"
    return f"{start:%Y-%m-%d}至{end:%Y-%m-%d}"
