"""Every disclosure the law and the 1+3+5 model expect, each with its source: one registry.

An `Expectation` names what residents are owed, the articles that owe it, and a small
function that finds, in the records, each thing it expects (a body's term, an account's
quarter, a matter's decision) and says whether it is published, since when, and what is
missing or overdue. A new record kind adds its expectations to `EXPECTATIONS`, and the
report, its JSON and the site's 公开情况 page show them with no other change.

Sources were checked against the texts: 《民法典》arts. 278, 281, 282, 943; 《物业管理条例》
art. 54; 住房和城乡建设部《业主大会和业主委员会指导规则》(2009) arts. 32, 36, 39; 《中国共产党
章程》art. 31; and the two pilot plans (`reference/pilot-plans.md`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from typing import Any, Literal, TypedDict

from generator.models import Ledger, Matter, Organization
from generator.models.config import Rules
from generator.models.organization import KIND_NAMES
from generator.models.pilot import PILOT_STEP_NAMES
from generator.money import ZERO, ledger_totals, yuan
from generator.project import Sourced
from generator.report.evidence import Canonical, Evidence, Since
from generator.report.quarters import covering_ledgers, ended_quarters
from generator.urls import record_path

Status = Literal["overdue", "missing", "pending", "late", "published", "none"]

STATUS_WORDS: dict[str, str] = {
    "overdue": "逾期未公开",
    "missing": "缺少",
    "pending": "待公开",
    "late": "迟公开",
    "published": "已公开",
    "none": "无记录",
}
STATUS_ORDER: tuple[Status, ...] = ("overdue", "missing", "pending", "late", "published", "none")
"""Overdue first, as the report and the page list them."""
FAILING: frozenset[Status] = frozenset({"overdue", "missing"})
"""What makes `gongshi report` exit 1: past its time limit, or required and absent."""


@dataclass(frozen=True)
class Disclosure:
    """One thing expected to be public, and how it stands."""

    subject: str
    status: Status
    since: Since | None = None
    """Since when it is public (first commit that held it, or the record's own date)."""
    declared: date | None = None
    """The day the record says it was posted on the notice board, when it says one."""
    due: date | None = None
    """The last day it may be published on (a quarter's ledger, a decision)."""
    file: str | None = None
    page: str | None = None
    """The record's page below the site root (`matters/lift/`), for a link."""
    note: str = ""
    source: str | None = None
    """A source of this item's own, where it differs from its expectation's."""


@dataclass(frozen=True)
class Expectation:
    key: str
    title: str
    source: str
    """The articles or model text that expect it, exactly as residents can look them up."""
    disclosures: Callable[[Evidence], Iterator[Disclosure]]
    deadline: Callable[[Rules], str] | None = None
    """The time limit, in words with its `rules:` setting and its source, if it has one."""


# How a found item stands.


def _posted(since: Since, declared: date | None, due: date | None) -> Status:
    """Published; late when the day it was posted (as the record says, else as git says)
    came after `due`."""
    posted = declared or since.day
    return "late" if due is not None and posted is not None and posted > due else "published"


def _holds(field: str, value: object) -> Callable[[Canonical], bool]:
    """A committed version holds `field` with exactly `value` (as its canonical JSON has it)."""
    return lambda version: version.get(field) == value


def _unpublished(due: date | None, today: date) -> Status:
    if due is None:
        return "missing"
    return "overdue" if today > due else "pending"


def _late_note(posted: date | None, due: date | None) -> str:
    if posted is None or due is None or posted <= due:
        return ""
    return f"晚了 {(posted - due).days} 天（最晚应在 {due} 公布）"


class Where(TypedDict):
    file: str
    page: str


def _where(item: Sourced[Any]) -> Where:
    return {"file": item.file, "page": record_path(item.record)}


def _own_date(org: Organization) -> date | None:
    days = [d for d in (org.established, org.term and org.term.start) if d]
    return max(days) if days else None


# The property company (《民法典》第九百四十三条).


def _companies(evidence: Evidence) -> list[Sourced[Organization]]:
    return [o for o in evidence.project.organizations if o.record.kind == "property_company"]


NO_COMPANY = Disclosure(
    "物业公司", "none", note="没有物业公司的记录（自管或没有物业服务的小区不适用）。"
)


def _company_part(
    evidence: Evidence,
    present: Callable[[Organization], str],
    field: Callable[[Canonical], object],
    absent: str,
) -> Iterator[Disclosure]:
    companies = _companies(evidence)
    if not companies:
        yield NO_COMPANY
    for item in companies:
        org = item.record
        words = present(org)
        if not words:
            yield Disclosure(f"{org.name}：{absent}", "missing", **_where(item))
            continue
        since = evidence.since(org, _own_date(org), lambda version: bool(field(version)))
        yield Disclosure(f"{org.name}：{words}", _posted(since, None, None), since, **_where(item))


def _contract(version: Canonical) -> dict[str, Any]:
    return version.get("contract") or {}


def property_services(evidence: Evidence) -> Iterator[Disclosure]:
    yield from _company_part(
        evidence,
        lambda org: "、".join(org.contract.services) if org.contract else "",
        lambda version: _contract(version).get("services"),
        "没有写服务内容（contract.services）",
    )


def property_quality(evidence: Evidence) -> Iterator[Disclosure]:
    yield from _company_part(
        evidence,
        lambda org: f"责任清单 {len(org.duties)} 条" if org.duties else "",
        lambda version: version.get("duties"),
        "没有写责任清单（duties），居民无从知道服务要达到什么标准",
    )


def property_people(evidence: Evidence) -> Iterator[Disclosure]:
    def people(org: Organization) -> str:
        return "、".join(f"{m.role} {m.name}" for m in org.members[:3]) + (
            f" 等 {len(org.members)} 人" if len(org.members) > 3 else ""
        )

    yield from _company_part(
        evidence,
        people,
        lambda version: version.get("members"),
        "没有写负责人员（members）",
    )


def property_fees(evidence: Evidence) -> Iterator[Disclosure]:
    def fees(org: Organization) -> str:
        table = org.contract.fees if org.contract else None
        if not table:
            return ""
        return table if isinstance(table, str) else f"收费项目 {len(table)} 项及单价"

    yield from _company_part(
        evidence,
        fees,
        lambda version: _contract(version).get("fees"),
        "没有写收费项目和收费标准（contract.fees）",
    )


def property_performance(evidence: Evidence) -> Iterator[Disclosure]:
    companies = _companies(evidence)
    if not companies:
        yield NO_COMPANY
    for item in companies:
        org = item.record
        contract = org.contract
        if contract is None:
            yield Disclosure(f"{org.name}：物业服务合同", "missing", **_where(item))
            continue
        since = evidence.since(org, contract.start, lambda version: bool(_contract(version)))
        related = [
            m.record.id
            for m in evidence.project.matters
            if m.record.category == "property_contract" and m.record.status != "withdrawn"
        ]
        yield Disclosure(
            f"{org.name}：物业服务合同（{contract.start} 至 {contract.end}）",
            "published",
            since,
            note=f"相关事项：{'、'.join(related)}" if related else "",
            **_where(item),
        )
        yield Disclosure(
            f"{org.name}：合同履行情况报告",
            "none",
            note="还没有记录物业服务履行情况（如季度服务报告、满意度测评）的记录类型。",
            file=item.file,
        )


# Money held for the owners.


def _account_kind(ledger: Ledger) -> str:
    """`maintenance_fund`, `public_income` or `other`: the kind the ledger states, else its name
    (`kind:` may be left out, and older ledgers do)."""
    if ledger.kind != "other":
        return ledger.kind
    if "维修资金" in ledger.name:
        return "maintenance_fund"
    if any(word in ledger.name for word in ("公共收益", "共有收益", "共有部分", "经营收益")):
        return "public_income"
    return "other"


def _accounts(evidence: Evidence, kind: str) -> list[list[Sourced[Ledger]]]:
    return [
        ledgers
        for ledgers in evidence.project.ledgers_by_account().values()
        if _account_kind(ledgers[-1].record) == kind
    ]


def _account_disclosure(evidence: Evidence, ledgers: list[Sourced[Ledger]]) -> Disclosure:
    first, last = ledgers[0].record, ledgers[-1].record
    income = sum((ledger_totals(i.record).income for i in ledgers), ZERO)
    expense = sum((ledger_totals(i.record).expense for i in ledgers), ZERO)
    voted: Decimal = sum(
        (
            e.amount
            for i in ledgers
            for e in i.record.entries
            if e.type == "expense" and e.matter is not None
        ),
        ZERO,
    )
    since = evidence.since(first, first.published)
    return Disclosure(
        f"{last.name}：{first.period.start} 至 {last.period.end} 共 {len(ledgers)} 期",
        "published",
        since,
        declared=first.published,
        note=f"收入 {yuan(income)} 元，支出 {yuan(expense)} 元"
        f"（其中依据业主表决事项支出 {yuan(voted)} 元）",
        file=ledgers[-1].file,
        page=f"funds/{last.account}/",
    )


def maintenance_fund(evidence: Evidence) -> Iterator[Disclosure]:
    accounts = _accounts(evidence, "maintenance_fund")
    if not accounts:
        voted = [
            m.record.id
            for m in evidence.project.matters
            if m.record.category == "maintenance_fund" and m.record.decision is not None
        ]
        yield Disclosure(
            "专项维修资金账户",
            "none",
            note="没有专项维修资金账户的账目"
            + (f"；动用维修资金的事项：{'、'.join(voted)}" if voted else "")
            + "。",
        )
    for ledgers in accounts:
        yield _account_disclosure(evidence, ledgers)


def shared_income(evidence: Evidence) -> Iterator[Disclosure]:
    accounts = _accounts(evidence, "public_income")
    if not accounts:
        yield Disclosure(
            "公共收益账户", "none", note="没有共有部分经营收益（公共收益）账户的账目。"
        )
    for ledgers in accounts:
        yield _account_disclosure(evidence, ledgers)


def ledgers(evidence: Evidence) -> Iterator[Disclosure]:
    """Each account's ledger for every quarter over, from its first period on."""
    days = evidence.rules.ledger_due_days
    accounts = evidence.project.ledgers_by_account()
    if not accounts:
        yield Disclosure("收支账目", "none", note="还没有任何账户的账目。")
    for account, items in accounts.items():
        name = items[-1].record.name
        for quarter in ended_quarters(items[0].record.period.start, evidence.today):
            due = quarter.end + timedelta(days=days)
            found = covering_ledgers([i.record for i in items], quarter)
            subject = f"{name}（{account}）{quarter.words}"
            if found is None:
                status = _unpublished(due, evidence.today)
                yield Disclosure(
                    subject,
                    status,
                    due=due,
                    note=f"没有这个季度的账目（{quarter.start} 至 {quarter.end}）"
                    + ("，已过公布时限。" if status == "overdue" else "。"),
                )
                continue
            declared = max(ledger.published for ledger in found)
            since_days = [evidence.since(ledger, ledger.published) for ledger in found]
            since = max(since_days, key=lambda s: s.day or date.min)
            status = _posted(since, declared, due)
            one = next(i for i in items if i.record is found[-1])
            yield Disclosure(
                subject,
                status,
                since,
                declared=declared,
                due=due,
                note=_late_note(declared, due),
                file=one.file,
                page=record_path(found[-1]) if len(found) == 1 else f"funds/{account}/",
            )


# The bodies of the 1 + 3 + 5 model.

CORE_AND_BODIES = ("party_organization", "owners_committee", "supervisory_committee")
ELECTED_BY = {
    "party_organization": "《中国共产党章程》第三十一条（支部委员会每届任期三年至五年）；"
    "试点方案“三、治理架构（一）小区党组织”",
    "owners_committee": "《民法典》第二百七十八条第一款第（三）项（选举业主委员会）；"
    "《业主大会和业主委员会指导规则》第三十二条（每届任期不超过 5 年）",
    "supervisory_committee": "试点方案“三、治理架构（二）2. 监督委员会”（由小区业主（代表）大会"
    "会议选举产生）、“四、实施步骤（四）建强三个主体”",
}
BODY_WORDS = {
    "party_organization": ("党组织", "党支部", "支部委员会", "支委"),
    "owners_committee": ("业主委员会", "业委会"),
    "supervisory_committee": ("监督委员会", "监委会"),
}


def bodies(evidence: Evidence) -> Iterator[Disclosure]:
    organizations = evidence.project.organizations
    for kind in (*CORE_AND_BODIES, "property_company"):
        found = [o for o in organizations if o.record.kind == kind]
        if not found:
            yield (
                NO_COMPANY
                if kind == "property_company"
                else Disclosure(KIND_NAMES[kind], "missing", note="没有这个组织的记录。")
            )
        for item in found:
            org = item.record
            since = evidence.since(org, _own_date(org))
            yield Disclosure(
                f"{KIND_NAMES[kind]}：{org.name}", _posted(since, None, None), since, **_where(item)
            )
    teams = [o for o in organizations if o.record.kind == "volunteer_team"]
    if not teams:
        yield Disclosure("志愿服务队", "missing", note="还没有成立志愿服务队的记录。")
    else:
        first = min(
            (evidence.since(t.record, _own_date(t.record)) for t in teams),
            key=lambda s: s.day or date.max,
        )
        yield Disclosure(
            f"志愿服务队 {len(teams)} 支",
            "published",
            first,
            note="、".join(t.record.name for t in teams),
            page="organizations/",
        )


KIND_ORDER = (*CORE_AND_BODIES, "property_company", "volunteer_team", "other")


def _in_kind_order(evidence: Evidence) -> list[Sourced[Organization]]:
    return sorted(
        evidence.project.organizations, key=lambda o: (KIND_ORDER.index(o.record.kind), o.record.id)
    )


def members(evidence: Evidence) -> Iterator[Disclosure]:
    for item in _in_kind_order(evidence):
        org = item.record
        if org.kind == "property_company":
            continue  # its people in charge are art. 943's own item
        if not org.members:
            yield Disclosure(f"{org.name}：成员名单", "missing", **_where(item))
            continue
        since = evidence.since(org, _own_date(org), lambda version: bool(version.get("members")))
        yield Disclosure(
            f"{org.name}：成员 {len(org.members)} 人",
            _posted(since, None, None),
            since,
            **_where(item),
        )


def _dates(matter: Matter) -> list[date]:
    days = [event.date for event in matter.timeline]
    if matter.publicity:
        days.append(matter.publicity.start)
    if matter.decision:
        days.append(matter.decision.date)
    return days


def election_matters(evidence: Evidence, org: Organization, after: date) -> list[Matter]:
    """Election matters begun on or after `after` that name the body (its name, id or kind)."""
    words = (org.name, org.id, *BODY_WORDS.get(org.kind, ()))
    return [
        m.record
        for m in evidence.project.matters
        if m.record.category == "election"
        and m.record.status != "withdrawn"
        and any(word in m.record.title for word in words)
        and min(_dates(m.record), default=date.min) >= after
    ]


def terms(evidence: Evidence) -> Iterator[Disclosure]:
    """Each body's term; a term over without an election matter is overdue."""
    window = evidence.rules.term_warning_days
    for item in _in_kind_order(evidence):
        org = item.record
        if org.kind not in CORE_AND_BODIES:
            continue
        source = ELECTED_BY[org.kind]
        if org.term is None:
            yield Disclosure(
                f"{org.name}：任期",
                "missing",
                note="没有写任期（term）。",
                source=source,
                **_where(item),
            )
            continue
        term = org.term
        written = {"start": term.start.isoformat(), "end": term.end.isoformat()}
        since = evidence.since(org, term.start, _holds("term", written))
        subject = f"{org.name}：任期 {term.start} 至 {term.end}"
        elections = election_matters(evidence, org, term.start)
        if elections:
            yield Disclosure(
                subject,
                "published",
                since,
                source=source,
                note=f"换届选举事项：{'、'.join(m.id for m in elections)}",
                **_where(item),
            )
        elif term.end < evidence.today:
            yield Disclosure(
                subject,
                "overdue",
                since,
                due=term.end,
                source=source,
                note=f"任期已于 {term.end} 届满，没有换届选举的事项。",
                **_where(item),
            )
        elif (term.end - evidence.today).days <= window:
            yield Disclosure(
                subject,
                "pending",
                since,
                due=term.end,
                source=source,
                note=f"任期 {term.end} 届满，还没有换届选举的事项。",
                **_where(item),
            )
        else:
            yield Disclosure(
                subject, _posted(since, None, None), since, source=source, **_where(item)
            )


# The owners' decisions.

DECIDED = frozenset({"approved", "rejected", "implementing", "completed"})


def decisions(evidence: Evidence) -> Iterator[Disclosure]:
    days = evidence.rules.decision_publish_days
    voted = [
        m
        for m in evidence.project.matters
        if m.record.vote or m.record.decision or m.record.status in DECIDED | {"voting"}
    ]
    if not voted:
        yield Disclosure("表决事项", "none", note="还没有业主表决的事项。")
    for item in voted:
        matter = item.record
        decision = matter.decision
        subject = f"{matter.title}（{matter.id}）"
        if decision is None:
            if matter.status in DECIDED:
                yield Disclosure(
                    subject,
                    "missing",
                    note="状态写着已有结果，却没有写表决结果（decision）。",
                    **_where(item),
                )
            else:
                yield Disclosure(subject, "pending", note="表决中，还没有结果。", **_where(item))
            continue
        due = decision.date + timedelta(days=days)
        stage = "初步结果" if decision.stage == "preliminary" else "表决结果"
        if decision.published is None:
            status = _unpublished(due, evidence.today)
            yield Disclosure(
                subject,
                status,
                due=due,
                note=f"{decision.date} 计票作出决定，{stage}没有写公布日期（decision.published）"
                + ("，已过公布时限。" if status == "overdue" else "。"),
                **_where(item),
            )
            continue
        since = evidence.since(
            matter,
            decision.published,
            lambda version: bool((version.get("decision") or {}).get("published")),
        )
        yield Disclosure(
            subject,
            _posted(since, decision.published, due),
            since,
            declared=decision.published,
            due=due,
            note=_late_note(decision.published, due),
            **_where(item),
        )


# The pilot's seven steps (宣传发动 … 总结推广).


def pilot_steps(evidence: Evidence) -> Iterator[Disclosure]:
    """The seven steps of the pilot plan, as the Party organization's record holds them."""
    steps = [
        step
        for item in evidence.project.organizations
        if item.record.pilot is not None
        for step in item.record.pilot.steps
    ]
    if not steps:
        yield Disclosure("七个步骤", "none", note="还没有试点步骤的记录。")
    for step in steps:
        name, deadline, completed = PILOT_STEP_NAMES[step.step], step.deadline, step.completed
        if completed is None:
            yield Disclosure(name, _unpublished(deadline, evidence.today), due=deadline)
        else:
            since = Since(completed, "record")
            yield Disclosure(
                name,
                _posted(since, completed, deadline),
                since,
                declared=completed,
                due=deadline,
                note=_late_note(completed, deadline),
            )


EXPECTATIONS: tuple[Expectation, ...] = (
    Expectation(
        "property_services",
        "物业服务的事项",
        "《民法典》第九百四十三条（服务的事项）",
        property_services,
    ),
    Expectation(
        "property_quality",
        "物业服务的质量要求",
        "《民法典》第九百四十三条（质量要求）",
        property_quality,
    ),
    Expectation(
        "property_people",
        "物业服务的负责人员",
        "《民法典》第九百四十三条（负责人员）",
        property_people,
    ),
    Expectation(
        "property_fees",
        "物业收费项目和收费标准",
        "《民法典》第九百四十三条（收费项目、收费标准）",
        property_fees,
    ),
    Expectation(
        "property_performance",
        "物业服务合同及其履行情况",
        "《民法典》第九百四十三条（履行情况）；《业主大会和业主委员会指导规则》第三十六条第（三）项（物业服务合同）",
        property_performance,
    ),
    Expectation(
        "maintenance_fund",
        "专项维修资金的筹集和使用情况",
        "《民法典》第二百八十一条第一款（维修资金的筹集、使用情况应当定期公布）、第九百四十三条；"
        "《业主大会和业主委员会指导规则》第三十六条第（四）项",
        maintenance_fund,
    ),
    Expectation(
        "shared_income",
        "共有部分的经营收益及其使用",
        "《民法典》第二百八十二条（利用共有部分产生的收入扣除合理成本后属于业主共有）、第九百四十三条；"
        "《物业管理条例》第五十四条（业主所得收益主要用于补充专项维修资金，也可以按业主大会的决定使用）；"
        "《业主大会和业主委员会指导规则》第三十六条第（五）项",
        shared_income,
    ),
    Expectation(
        "ledgers",
        "每个账户每个已结束季度的收支账目",
        "《民法典》第二百八十一条第一款、第九百四十三条；"
        "《业主大会和业主委员会指导规则》第三十六条第（四）（五）（七）项",
        ledgers,
        deadline=lambda rules: (
            f"季度结束后 {rules.ledger_due_days} 日内公布"
            f"（rules.ledger_due_days，依据：{rules.ledger_due_source}）"
        ),
    ),
    Expectation(
        "bodies",
        "“1+3+5”组织架构",
        "试点方案“三、治理架构”（一个核心、三个主体、五支队伍）",
        bodies,
    ),
    Expectation(
        "members",
        "各组织的成员",
        "试点方案“三、治理架构”（班子成员、交叉任职、“六老”）；"
        "《民法典》第二百七十八条第一款第（三）项（选举业主委员会或者更换业主委员会成员）",
        members,
    ),
    Expectation(
        "terms",
        "各组织的任期和换届",
        "见各行（业主委员会、监督委员会、小区党组织的依据不同）",
        terms,
        deadline=lambda rules: (
            f"任期届满前应有换届选举事项；届满前 {rules.term_warning_days} 天起提醒"
            "（rules.term_warning_days）"
        ),
    ),
    Expectation(
        "decisions",
        "每个表决事项的决定",
        "《民法典》第二百七十八条（由业主共同决定的事项）；"
        "《业主大会和业主委员会指导规则》第三十六条第（二）项（业主大会和业主委员会的决定）",
        decisions,
        deadline=lambda rules: (
            f"作出决定后 {rules.decision_publish_days} 日内公布"
            f"（rules.decision_publish_days，依据：{rules.decision_publish_source}）"
        ),
    ),
    Expectation(
        "pilot_steps",
        "试点工作的七个步骤",
        "试点方案“四、实施步骤”（宣传发动、情况摸排、成立党组织、建强“三个主体”、"
        "成立志愿服务队伍、规范运行、总结推广）",
        pilot_steps,
    ),
)
"""Every expectation, in the order the report lists them. Add a new kind's here."""
