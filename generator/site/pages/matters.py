"""Major matters: grouped by what is true today, each with its timeline, publicity, vote and spending.

The pages carry the dates a matter's state turns on (data-* on its status), and
assets/gongshi-status.js says 公示中 / 还有 N 天 / 已结束 from the reader's own date, so
a site built last week is still right today; the build day's words are the fallback.
The index lists the current matters; every matter is also on the page of its year.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from markupsafe import Markup, escape

from generator.cjk_text import one_line
from generator.models import Matter
from generator.models.matter import RESULT_NAMES, STAGE_NAMES, STATUS_NAMES
from generator.models.pilot import AFFAIR_LEVEL_NAMES
from generator.money import ZERO
from generator.publicity import days_left, objection_end
from generator.rules.publicity import project_calendar
from generator.site.charts import percent_text, vote_bars, vote_chart, vote_words
from generator.site.context import SiteContext, page_file
from generator.site.pages import Asset, Page, Section
from generator.site.pages.documents import document_rows
from generator.site_layout import account_index, matters_year, section_index
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

STATES: dict[str, str] = {
    "publicized": "公示中",
    "objection": "询异期中",
    "voting": "表决中",
    "proposed": "提议中",
    "publicity_ended": "公示期已结束",
    "approved": "已通过",
    "implementing": "实施中",
    "completed": "已完成",
    "rejected": "未通过",
    "withdrawn": "已撤回",
}
"""The index's groups, what residents can still act on first. A matter's group is what is
true on the day the page is read (`matter_state`), not only the status its record says."""
ACTIVE = frozenset({"publicized", "objection", "voting", "proposed", "publicity_ended"})
"""States in which the index page lists a matter whatever its year."""
RECENT_DAYS = 365
"""Approved and implementing matters active this recently are listed on the index too."""
UPCOMING = "upcoming"
"""A proposed matter whose publicity starts later: grouped under 提议中, said 即将公示."""


def category_words(matter: Matter) -> str:
    """`改造｜楼宇事务`: the kind of matter, and which of the five levels of affairs it is."""
    category = CATEGORY_NAMES.get(matter.category, matter.category)
    return f"{category}｜{AFFAIR_LEVEL_NAMES[matter.level]}" if matter.level else category


@dataclass(frozen=True)
class Window:
    """The dates a matter's state turns on, as the page's data attributes carry them."""

    status: str
    publicity: tuple[date, date] | None = None
    objection: tuple[date, date] | None = None
    """The 询异期 of a preliminary result: posted on the first day, objections until the last."""

    def attributes(self) -> dict[str, str]:
        found = {"status": self.status}
        if self.publicity and self.status in ("proposed", "publicized"):
            found["publicity-start"], found["publicity-end"] = map(str, self.publicity)
        if self.objection:
            found["objection-start"], found["objection-end"] = map(str, self.objection)
        return found

    def transitions(self) -> list[date]:
        """Every day from which the state may differ from the day before."""
        days = []
        for period in (self.publicity, self.objection):
            if period:
                days += [period[0], period[1] + timedelta(days=1)]
        return days


def matter_window(matter: Matter, site: SiteContext) -> Window:
    publicity = (matter.publicity.start, matter.publicity.end) if matter.publicity else None
    objection = None
    decision = matter.decision
    if decision is not None and decision.stage == "preliminary":
        rules = site.project.config.record.rules
        window = objection_end(decision, rules.objection_days, project_calendar(site.project))
        if window is not None and decision.objection_opened is not None:
            objection = (decision.objection_opened, window.end or window.nominal)
    return Window(matter.status, publicity, objection)


def matter_state(window: Window, day: date) -> tuple[str, str]:
    """(state, words) on `day`; assets/gongshi-status.js computes the same on the reader's device."""
    if window.objection:
        opened, last = window.objection
        if opened <= day <= last:
            return "objection", f"询异期中，还有 {days_left(last, day)} 天"
    if window.publicity and window.status in ("proposed", "publicized"):
        start, end = window.publicity
        if day < start:
            return UPCOMING, "即将公示"
        if day <= end:
            return "publicized", f"公示中，还有 {days_left(end, day)} 天"
        return "publicity_ended", "公示期已结束"
    if window.objection and day > window.objection[1]:
        return window.status, "询异期已结束，等待公布最终结果"
    return window.status, STATUS_NAMES[window.status]


def state_group(state: str) -> str:
    return "proposed" if state == UPCOMING else state


def states_ahead(window: Window, day: date) -> set[str]:
    """Every group the matter is in from `day` on, without a rebuild."""
    days = [day, *(later for later in window.transitions() if later > day)]
    return {state_group(matter_state(window, later)[0]) for later in days}


def dated(css: str, attributes: dict[str, str], words: str, tag: str = "span") -> Markup:
    """An element gongshi-status.js rewrites: the build day's words, the dates as data-*."""
    data = "".join(f' data-{name}="{escape(value)}"' for name, value in attributes.items())
    return Markup(f'<{tag} class="{css}"{data}>{escape(words)}</{tag}>')


def status_marker(window: Window, words: str, css: str = "gs-when") -> Markup:
    return dated(css, window.attributes(), words, "strong")


def passed(matter: Matter) -> bool:
    """A final result of 通过: findable under 已通过 whatever stage the matter is at now."""
    decision = matter.decision
    return bool(decision and decision.stage == "final" and decision.result == "approved")


def _dates(matter: Matter) -> list[date]:
    days = [event.date for event in matter.timeline]
    if matter.publicity:
        days.append(matter.publicity.start)
    if matter.decision:
        days.append(matter.decision.date)
    return days


def latest_date(matter: Matter) -> date | None:
    return max(_dates(matter), default=None)


def first_year(matter: Matter, site: SiteContext) -> int:
    """The year the matter began, whose page lists it for good (the build's year if undated)."""
    return min(_dates(matter), default=site.today).year


def section(site: SiteContext) -> Section:
    matters = sorted(
        (item.record for item in site.project.matters),
        key=lambda m: (latest_date(m) is None, latest_date(m) or site.today, m.id),
        reverse=True,
    )
    rows = [_row(m, site) for m in matters]
    recent = site.today - timedelta(days=RECENT_DAYS)
    current = [
        row
        for row in rows
        if row["state"] in ACTIVE
        or (row["state"] in ("approved", "implementing") and (row["date"] or recent) >= recent)
    ]
    by_year: dict[int, list[dict[str, Any]]] = defaultdict(list)
    for row in rows:
        by_year[row["year"]].append(row)
    years: list[dict[str, Any]] = [
        {"year": year, "path": matters_year(year), "count": len(by_year[year])}
        for year in sorted(by_year, reverse=True)
    ]
    result = Section()
    result.pages.append(
        Page(
            INDEX,
            "matters.md.j2",
            "重大事项",
            "维修资金使用、物业合同、公共收益等重大事项的方案、公示期、业主表决结果和实际支出。",
            {"groups": _groups(current), "years": years, "year": None},
        )
    )
    for entry in years:
        year = entry["year"]
        result.pages.append(
            Page(
                entry["path"],
                "matters.md.j2",
                f"{year}年的重大事项",
                f"{year}年开始的 {entry['count']} 个重大事项：方案、公示期、业主表决结果和实际支出。",
                {"groups": _groups(by_year[year]), "years": years, "year": year},
            )
        )
    for matter in matters:
        result.pages.append(_matter_page(matter, site, result))
    return result


def _groups(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Each state's rows; a group that is empty today but that a row moves into later stays, hidden."""
    groups = []
    for key, name in STATES.items():
        members = [row for row in rows if state_group(row["state"]) == key]
        pinned = [row for row in rows if key == "approved" and row["passed"] and row not in members]
        later = any(key in row["ahead"] for row in rows)
        if members or pinned or later:
            groups.append({"key": key, "name": name, "rows": members, "pinned": pinned})
    return groups


def _row(matter: Matter, site: SiteContext) -> dict[str, Any]:
    window = matter_window(matter, site)
    state, words = matter_state(window, site.today)
    return {
        "matter": matter,
        "path": page_file(matter),
        "category": category_words(matter),
        "date": latest_date(matter),
        "year": first_year(matter, site),
        "state": state,
        "ahead": states_ahead(window, site.today),
        "passed": passed(matter),
        "marker": status_marker(window, words),
        "pin": status_marker(window, words, "gs-when gs-pinned"),
    }


def _matter_page(matter: Matter, site: SiteContext, result: Section) -> Page:
    window = matter_window(matter, site)
    context: dict[str, Any] = {
        "matter": matter,
        "record": matter,
        "status": status_marker(window, matter_state(window, site.today)[1]),
        "category": category_words(matter),
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
            "chart_words": vote_words(verdict, RESULT_NAMES[verdict.result]),
            "declared": RESULT_NAMES[matter.decision.result] if matter.decision else None,
            "words": _verdict_words(verdict),
        }
    return Page(
        page_file(matter),
        "matter.md.j2",
        matter.title,
        f"{context['category']}：{one_line(matter.summary)[:90]}",
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
    dates = {"publicity-start": str(publicity.start), "publicity-end": str(publicity.end)}
    return {
        "publicity": publicity,
        "state": dated("gs-publicity", dates, state),
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
    dates = {"objection-start": str(opened), "objection-end": str(last), "stage": decision.stage}
    stage.update(
        {
            "opened": opened,
            "last": last,
            "state": dated("gs-objection", dates, state),
            "open_until": dated("gs-objection-open", {"objection-end": str(last)}, ""),
            "known": window.end is not None,
            "days": rules.objection_days,
            "source": rules.objection_source,
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
