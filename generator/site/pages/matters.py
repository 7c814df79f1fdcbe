"""Major matters: grouped by status, each with its timeline, publicity, vote and spending."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from generator.cjk_text import one_line
from generator.models import Matter
from generator.models.matter import RESULT_NAMES, STAGE_NAMES, STATUS_NAMES
from generator.money import ZERO
from generator.publicity import days_left, objection_end
from generator.rules.publicity import project_calendar
from generator.site.charts import percent_text, vote_bars, vote_chart
from generator.site.context import SiteContext, page_file
from generator.site.pages import Asset, Page, Section
from generator.site.pages.documents import document_rows
from generator.site_layout import account_index, section_index
from generator.site_layout import vote_chart as vote_chart_path
from generator.voting import ITEM_NAMES, changed_tallies, vote_verdict

INDEX = section_index("matters")

CATEGORY_NAMES: dict[str, str] = {
    "maintenance_fund": "维修资金",
    "property_contract": "物业合同",
    "public_income": "公共收益",
    "renovation": "改造",
    "rules": "规约",
    "election": "选举",
    "other": "其他",
}

STATUS_ORDER = (
    "publicized",
    "voting",
    "proposed",
    "implementing",
    "approved",
    "completed",
    "rejected",
    "withdrawn",
)
"""What residents can still act on comes first."""


def in_publicity(matter: Matter, site: SiteContext) -> bool:
    return bool(matter.publicity and matter.publicity.start <= site.today <= matter.publicity.end)


def latest_date(matter: Matter) -> Any:
    days = [event.date for event in matter.timeline]
    if matter.publicity:
        days.append(matter.publicity.start)
    if matter.decision:
        days.append(matter.decision.date)
    return max(days, default=None)


def section(site: SiteContext) -> Section:
    matters = [item.record for item in site.project.matters]
    result = Section()
    groups = []
    for status in STATUS_ORDER:
        members = sorted(
            (m for m in matters if m.status == status),
            key=lambda m: (latest_date(m) is None, latest_date(m)),
            reverse=True,
        )
        if members:
            groups.append(
                {
                    "name": STATUS_NAMES[status],
                    "status": status,
                    "rows": [_row(m, site) for m in members],
                }
            )
    result.pages.append(
        Page(
            INDEX,
            "matters.md.j2",
            "重大事项",
            "维修资金使用、物业合同、公共收益等重大事项的方案、公示期、业主表决结果和实际支出。",
            {"groups": groups},
        )
    )
    for matter in matters:
        result.pages.append(_matter_page(matter, site, result))
    return result


def _row(matter: Matter, site: SiteContext) -> dict[str, Any]:
    return {
        "matter": matter,
        "path": page_file(matter),
        "category": CATEGORY_NAMES.get(matter.category, matter.category),
        "date": latest_date(matter),
        "publicity_days_left": days_left(matter.publicity.end, site.today)
        if in_publicity(matter, site) and matter.publicity
        else None,
    }


def _matter_page(matter: Matter, site: SiteContext, result: Section) -> Page:
    context: dict[str, Any] = {
        "matter": matter,
        "record": matter,
        "status": STATUS_NAMES[matter.status],
        "category": CATEGORY_NAMES.get(matter.category, matter.category),
        "proposer": _proposer(matter, site),
        "publicity": _publicity(matter, site),
        "vote": None,
        "stage": _stage(matter, site),
        "spending": _spending(matter, site),
        "documents": document_rows(site, matter.documents),
    }
    if matter.vote:
        verdict = vote_verdict(matter.vote)
        chart = vote_chart_path(matter.id)
        result.assets.append(
            Asset(chart, vote_chart(verdict, "表决结果与法定要求").encode("utf-8"))
        )
        context["vote"] = {
            "vote": matter.vote,
            "verdict": verdict,
            "chart": chart,
            "item_name": ITEM_NAMES[matter.vote.item],
            "bars": [(bar, percent_text(bar.share)) for bar in vote_bars(verdict)],
            "result_words": RESULT_NAMES[verdict.result],
            "declared": RESULT_NAMES[matter.decision.result] if matter.decision else None,
            "words": _verdict_words(verdict),
        }
    return Page(
        page_file(matter),
        "matter.md.j2",
        matter.title,
        f"{context['status']}｜{context['category']}：{one_line(matter.summary)[:90]}",
        context,
    )


def _proposer(matter: Matter, site: SiteContext) -> tuple[str, str] | None:
    if not matter.proposed_by:
        return None
    found = site.project.organization_by_id.get(matter.proposed_by)
    return (found.record.name, page_file(found.record)) if found else None


def _publicity(matter: Matter, site: SiteContext) -> dict[str, Any] | None:
    if not matter.publicity:
        return None
    publicity = matter.publicity
    if site.today < publicity.start:
        state = "尚未开始"
    elif site.today <= publicity.end:
        state = f"公示中，还有 {days_left(publicity.end, site.today)} 天"
    else:
        state = "公示期已结束"
    return {
        "publicity": publicity,
        "state": state,
        "source": site.project.config.record.rules.publicity_source,
    }


def _stage(matter: Matter, site: SiteContext) -> dict[str, Any] | None:
    """Preliminary or final, and the 询异期 with its state on the day the site is built."""
    decision = matter.decision
    if decision is None:
        return None
    rules = site.project.config.record.rules
    stage: dict[str, Any] = {
        "name": STAGE_NAMES[decision.stage],
        "decision": decision,
        "opened": None,
    }
    window = objection_end(decision, rules.objection_days, project_calendar(site.project))
    opened = decision.objection_opened
    if window is None or opened is None:
        return stage
    last = window.end or window.nominal
    if site.today < opened:
        state = "初步结果尚未张贴"
    elif site.today <= last:
        state = f"询异期中，还有 {days_left(last, site.today)} 天"
    elif decision.stage == "preliminary":
        state = "询异期已结束，等待公布最终结果"
    else:
        state = "询异期已结束"
    stage.update(
        {
            "opened": opened,
            "last": last,
            "known": window.end is not None,
            "days": rules.objection_days,
            "source": rules.objection_source,
            "state": state,
            "open": decision.stage == "preliminary" and site.today <= last,
            "feedback": matter.feedback,
            "proposer": _proposer(matter, site),
            "preliminary_result": RESULT_NAMES[decision.preliminary.result]
            if decision.preliminary
            else None,
            "changed_tallies": changed_tallies(decision, matter.vote),
        }
    )
    return stage


def _verdict_words(verdict: Any) -> str:
    """The decision in a sentence a resident can repeat to a neighbour."""
    if not verdict.turnout_met:
        return (
            "参与表决的业主未达到专有部分面积和人数的三分之二以上，"
            "依《民法典》第二百七十八条，这次表决无效（不是否决）。"
        )
    if verdict.approval_met:
        return (
            f"参与表决的业主达到三分之二以上，同意的业主占参与表决面积和人数的{verdict.approval_words}，"
            "依《民法典》第二百七十八条，表决通过。"
        )
    return (
        f"参与表决的业主达到三分之二以上，但同意的业主未达到参与表决面积和人数的{verdict.approval_words}，"
        "表决未通过。"
    )


def spending_by_account(entries: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Who paid: each account's share of a matter's spending, largest first, its page linked."""
    accounts: dict[str, dict[str, Any]] = {}
    for row in entries:
        ledger = row["ledger"]
        found = accounts.setdefault(
            ledger.account,
            {"name": ledger.name, "path": account_index(ledger.account), "spent": ZERO},
        )
        found["spent"] += row["entry"].amount
    return sorted(accounts.values(), key=lambda account: (-account["spent"], account["name"]))


def _spending(matter: Matter, site: SiteContext) -> dict[str, Any] | None:
    entries: list[dict[str, Any]] = [
        {
            "entry": entry,
            "ledger": ledger,
            "path": page_file(ledger),
            "documents": document_rows(site, entry.documents),
        }
        for entry, ledger in site.expenses_by_matter.get(matter.id, [])
    ]
    if not entries and matter.budget is None:
        return None
    spent = site.spending.get(matter.id, ZERO)
    share = None
    if matter.budget:
        share = f"{(spent * 100 / matter.budget).quantize(Decimal('0.1'))}%"
    entries.sort(key=lambda row: row["entry"].date)
    return {
        "budget": matter.budget,
        "spent": spent,
        "accounts": spending_by_account(entries),
        "share": share,
        "entries": entries,
        "over": bool(matter.budget is not None and spent > matter.budget),
    }
