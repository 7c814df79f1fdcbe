"""`gongshi new`: the next record of a kind, with its id, dates and balances worked out.

Each function reads the loaded project and returns the new file's name and text, or
raises `CannotCreate` with a Chinese message. `checked_record` then runs every rule
over the project with the new record added, so what `new` writes passes `gongshi check`
(a clash of ids, a reserved name, a double-booked volunteer is refused before writing).
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal, localcontext
from typing import Any

from pydantic import BaseModel

from generator.diagnostics import Diagnostic
from generator.holidays import HolidayCalendar
from generator.loader import load_yaml_file
from generator.models import Ledger, Matter, Organization, Schedule
from generator.models.organization import KIND_NAMES
from generator.money import EXACT
from generator.parse import parse_record
from generator.project import CONTENT_DIR, YAML_SUFFIXES, Project, Sourced
from generator.publicity import earliest_publicity_end
from generator.rules import run_rules
from generator.scaffold.dates import add_years, holidays_between, month_start, quarter_start
from generator.scaffold.render import money, render

RECORD_ID = re.compile(r"^[a-z0-9][a-z0-9-]{0,63}$")

KNOWN_ACCOUNTS = {
    "public-income": ("小区公共收益", "业主委员会", "监督委员会"),
    "party-funds": ("小区党建工作经费", "小区党组织", "监督委员会"),
    "maintenance-fund": ("专项维修资金", "业主委员会", "监督委员会"),
}
"""Accounts most communities keep: their usual name, who prepares and who reviews them."""

DEFAULT_ORGANIZATION_IDS = {
    "party_organization": "party-branch",
    "owners_committee": "owners-committee",
    "supervisory_committee": "supervisory-committee",
    "property_company": "property-company",
    "volunteer_team": "volunteer-team",
    "other": "organization",
}

PLACEHOLDER_NAMES = ("张三", "李四", "王五", "赵六", "钱七", "孙八", "周九", "吴十")
"""The names every Chinese reader knows stand for "someone": nobody mistakes them for a member."""

ROLES = {
    "party_organization": ("书记", "副书记", "委员"),
    "owners_committee": ("主任", "副主任", "委员"),
    "supervisory_committee": ("主任", "委员"),
}


class CannotCreate(Exception):
    """The record cannot be made as asked; the message says why and what to type instead."""


@dataclass(frozen=True)
class NewRecord:
    name: str
    """Posix path below the project root, e.g. `content/funds/party-funds-2026-q4.yml`."""
    text: str
    model: type[BaseModel]
    notes: tuple[str, ...] = ()
    """What the secretary should know besides the path, one sentence each."""


# ---------------------------------------------------------------- ledgers


def _is_quarter(start: date, end: date) -> bool:
    return start == quarter_start(start) and end == month_start(start, 3) - timedelta(days=1)


def _is_month(start: date, end: date) -> bool:
    return start == month_start(start) and end == month_start(start, 1) - timedelta(days=1)


def ledger_file_name(prefix: str, start: date, end: date) -> str:
    """`party-funds-2026-q1.yml` for a quarter, `…-2026-03.yml` for a month, as in the sample
    (`prefix` is the account, or whatever the community's earlier files of it begin with)."""
    if _is_quarter(start, end):
        return f"{prefix}-{start.year}-q{(start.month - 1) // 3 + 1}.yml"
    if _is_month(start, end):
        return f"{prefix}-{start.year}-{start.month:02d}.yml"
    return f"{prefix}-{start:%Y%m%d}-{end:%Y%m%d}.yml"


def next_period(start: date, end: date) -> tuple[date, date]:
    """The period after `start`–`end`: the next quarter, the next month, or as many days again."""
    if _is_quarter(start, end):
        return month_start(start, 3), month_start(start, 6) - timedelta(days=1)
    if _is_month(start, end):
        return month_start(start, 1), month_start(start, 2) - timedelta(days=1)
    return end + timedelta(days=1), end + (end - start) + timedelta(days=1)


def period_words(start: date, end: date) -> str:
    if _is_quarter(start, end):
        return f"{start.year} 年第 {(start.month - 1) // 3 + 1} 季度"
    if _is_month(start, end):
        return f"{start.year} 年 {start.month} 月"
    return f"{start} 至 {end} "


def new_ledger(project: Project, account: str | None, name: str | None, today: date) -> NewRecord:
    accounts = project.ledgers_by_account()
    if account is None:
        account = _only_account(accounts)
    _check_id(account, "账户编号", "--account public-income")
    history = accounts.get(account, [])
    notes: list[str] = []
    if history:
        previous = history[-1].record
        start, end = next_period(previous.period.start, previous.period.end)
        opening = previous.closing_balance
        account_name = name or previous.name
        prepared_by, reviewed_by = previous.prepared_by, previous.reviewed_by
        previous_file = history[-1].file
        prefix = _file_prefix(history[-1].path.stem, previous) or account
        notes.append(
            f"期初余额 {money(opening)} 元，接上上一期 {previous_file} 的期末余额；"
            f"期间 {start} 至 {end}。"
        )
        if not _balances(previous):
            notes.append(
                f"注意：{previous_file} 的期末余额与它的收支合计对不上（gongshi check 会指出），"
                "改正那一期以后，请把这里的期初余额也改成改正后的期末余额。"
            )
    else:
        known = KNOWN_ACCOUNTS.get(account)
        if name is None and known is None:
            raise CannotCreate(
                f"还没有账户「{account}」的账目，请用 --name 写出账户名称，"
                f"如 gongshi new ledger --account {account} --name 小区公共收益。"
            )
        account_name = name or (known[0] if known else "")
        prepared_by, reviewed_by = (known[1], known[2]) if known else ("业主委员会", "监督委员会")
        start = quarter_start(today)
        end = month_start(start, 3) - timedelta(days=1)
        opening = Decimal("0.00")
        previous_file = None
        prefix = account
        notes.append(f"新账户，期间 {start} 至 {end}；期初余额写的是 0.00，请改成开户时的余额。")
    _check_text(account_name, "--name")
    text = render(
        "new/ledger.yml.j2",
        today=today,
        l={
            "account": account,
            "name": account_name,
            "start": start,
            "end": end,
            "period_words": period_words(start, end),
            "opening": opening,
            "previous": previous_file,
            "prepared_by": prepared_by,
            "reviewed_by": reviewed_by,
        },
    )
    file = f"{CONTENT_DIR}/funds/{ledger_file_name(prefix, start, end)}"
    return NewRecord(file, text, Ledger, tuple(notes))


def _file_prefix(stem: str, previous: Ledger) -> str | None:
    """How this community names the account's files: `public` of `public-2026-q1.yml`."""
    period = ledger_file_name("", previous.period.start, previous.period.end)[: -len(".yml")]
    return stem[: -len(period)] if stem.endswith(period) and len(stem) > len(period) else None


def _only_account(accounts: dict[str, list[Sourced[Ledger]]]) -> str:
    if len(accounts) == 1:
        return next(iter(accounts))
    if not accounts:
        raise CannotCreate(
            "还没有任何账目，请用 --account 写出账户编号、--name 写出账户名称，"
            "如 gongshi new ledger --account public-income --name 小区公共收益。"
        )
    listed = "、".join(accounts)
    raise CannotCreate(
        f"有 {len(accounts)} 个账户（{listed}），请用 --account 写出要新建哪个账户的下一期，"
        f"如 gongshi new ledger --account {next(iter(accounts))}。"
    )


def _balances(ledger: Ledger) -> bool:
    with localcontext(EXACT):
        moved = sum(
            (e.amount if e.type == "income" else -e.amount for e in ledger.entries), Decimal(0)
        )
        return ledger.opening_balance + moved == ledger.closing_balance


# ---------------------------------------------------------------- matters


def new_matter(
    project: Project,
    record_id: str | None,
    title: str | None,
    start: date | None,
    calendar: HolidayCalendar,
    today: date,
) -> NewRecord:
    start = start or today
    days = project.config.record.rules.publicity_min_days
    lawful = earliest_publicity_end(start, days, calendar)
    if lawful.end is None:
        end = lawful.nominal
        roll_note = (
            f"；{lawful.unknown_day:%Y} 年的法定节假日安排还不知道，暂写 {end}，"
            "国务院公布后请在 site_config.yml 的 holiday_calendar 里补上，再核对这一天"
        )
    else:
        end = lawful.end
        roll_note = ""
        if end != lawful.nominal:
            holiday = calendar.holiday_name(lawful.nominal)
            rest = f"{holiday}假期" if holiday else "休息日"
            roll_note = f"，这天是{rest}，按第二百零三条顺延到其后第一个工作日 {end}"
    taken = _taken_ids(project, "matters", (m.record.id for m in project.matters))
    if record_id is None:
        record_id = _next_numbered(f"matter-{start.year}", taken)
    else:
        _check_id(record_id, "事项编号", "--id lift-renewal-2026")
        _refuse_taken(record_id, taken, "事项", "matters")
    title = title or "（请写事项标题）"
    _check_text(title, "--title")
    committees = [o.record.id for o in project.organizations if o.record.kind == "owners_committee"]
    text = render(
        "new/matter.yml.j2",
        today=today,
        m={
            "id": record_id,
            "title": title,
            "publicity_start": start,
            "publicity_end": end,
            "nominal": lawful.nominal,
            "days": days,
            "roll_note": roll_note,
            "proposed_by": committees[0] if committees else None,
        },
    )
    note = f"公示期 {start} 至 {end}：{start} 张贴，首日不计，{days} 日期满为 {lawful.nominal}{roll_note}。"
    return NewRecord(f"{CONTENT_DIR}/matters/{record_id}.yml", text, Matter, (note,))


# ---------------------------------------------------------------- organizations


def new_organization(
    project: Project, kind: str, record_id: str | None, name: str | None, today: date
) -> NewRecord:
    taken = _taken_ids(project, "organizations", (o.record.id for o in project.organizations))
    if record_id is None:
        record_id = _next_suffixed(DEFAULT_ORGANIZATION_IDS[kind], taken)
    else:
        _check_id(record_id, "组织编号", "--id culture-team")
        _refuse_taken(record_id, taken, "组织", "organizations")
    community = project.config.record.community.name
    name = name or _default_organization_name(kind, community)
    _check_text(name, "--name")
    size = _size(project, kind)
    used = {m.name for o in project.organizations for m in o.record.members}
    names = _placeholders(size, used)
    roles = ROLES.get(kind, ("成员",))
    members = [
        {
            "name": person,
            "role": roles[min(number, len(roles) - 1)],
            "party_member": kind == "party_organization",
            "owner": kind != "property_company",
        }
        for number, person in enumerate(names)
    ]
    has_term = kind in ROLES
    text = render(
        "new/organization.yml.j2",
        today=today,
        o={
            "id": record_id,
            "kind": kind,
            "kind_name": KIND_NAMES[kind],
            "name": name,
            "has_term": has_term,
            "has_contract": kind == "property_company",
            "term_end": add_years(today, 5 if has_term else 3) - timedelta(days=1),
            "members": members,
            "placeholders": names,
            "size_note": f"：{size} 名是规则要求的最少人数" if size else "",
        },
    )
    notes = (f"成员 {'、'.join(names)} 是占位的名字：提交前请改成真实姓名。",) if names else ()
    return NewRecord(f"{CONTENT_DIR}/organizations/{record_id}.yml", text, Organization, notes)


def _default_organization_name(kind: str, community: str) -> str:
    if kind == "party_organization":
        return f"中共{community}支部委员会"
    if kind == "property_company":
        return f"xx物业服务有限公司{community}项目部"
    return f"{community}{KIND_NAMES[kind]}"


def _size(project: Project, kind: str) -> int:
    rules = project.config.record.rules
    size = {
        "party_organization": rules.party_organization_size,
        "owners_committee": rules.owners_committee_size,
        "supervisory_committee": rules.supervisory_committee_size,
    }.get(kind)
    if size is None:
        return 0
    return size.min + 1 if size.odd and size.min % 2 == 0 else size.min


def _placeholders(count: int, used: set[str]) -> list[str]:
    free = [n for n in PLACEHOLDER_NAMES if n not in used]
    number = 1
    while len(free) < count:
        candidate = f"成员{number}"
        if candidate not in used:
            free.append(candidate)
        number += 1
    return free[:count]


# ---------------------------------------------------------------- schedules


def new_shifts(
    project: Project, team: str | None, calendar: HolidayCalendar, today: date
) -> NewRecord:
    teams = {o.record.id: o.record for o in project.organizations}
    scheduled = {s.record.team for s in project.schedules} | _file_ids(project, "volunteers")
    if team is None:
        waiting = [
            t.id for t in teams.values() if t.kind == "volunteer_team" and t.id not in scheduled
        ]
        if len(waiting) != 1:
            listed = "、".join(waiting)
            raise CannotCreate(
                "请用 --team 写出给哪支志愿服务队排班，如 --team culture-team"
                + (f"。还没有排班表的队伍：{listed}。" if waiting else "。")
                + (
                    ""
                    if waiting
                    else "所有志愿服务队都已有排班表；新的队伍请先用 "
                    "gongshi new organization --kind volunteer_team 建立。"
                )
            )
        team = waiting[0]
    organization = teams.get(team)
    if organization is None:
        raise CannotCreate(
            f"找不到编号为「{team}」的组织。请先用 gongshi new organization --kind volunteer_team "
            f"--id {team} 建立这支志愿服务队，再为它排班。"
        )
    if organization.kind != "volunteer_team":
        raise CannotCreate(
            f"「{organization.name}」不是志愿服务队（kind 是 {organization.kind}），"
            "排班表只给志愿服务队（volunteer_team）用。"
        )
    if team in scheduled:
        raise CannotCreate(
            f"「{organization.name}」已经有排班表 {CONTENT_DIR}/volunteers/{team}.yml："
            "新的班次请直接加在那个文件的 shifts 下面。"
        )
    until = month_start(today, 3) - timedelta(days=1)
    busy = {
        name for s in project.schedules for shift in s.record.shifts for name in shift.volunteers
    }
    volunteers = [m.name for m in organization.members if m.name not in busy][:2]
    holidays = [d.isoformat() for d in holidays_between(today, until, 6, calendar)]
    text = render(
        "new/shifts.yml.j2",
        today=today,
        s={
            "team": team,
            "team_name": organization.name,
            "recurring_from": today,
            "recurring_until": until,
            "except": holidays,
            "volunteers": volunteers,
        },
    )
    return NewRecord(f"{CONTENT_DIR}/volunteers/{team}.yml", text, Schedule)


# ---------------------------------------------------------------- ids and checks


def _file_ids(project: Project, folder: str) -> set[str]:
    """The names of the files in a record folder, read or not: a file that failed to load
    still holds its name."""
    path = project.root / CONTENT_DIR / folder
    if not path.is_dir():
        return set()
    return {
        p.name[: -len(suffix)]
        for p in path.iterdir()
        for suffix in YAML_SUFFIXES
        if p.name.lower().endswith(suffix)
    }


def _taken_ids(project: Project, folder: str, ids: Iterable[str]) -> set[str]:
    return set(ids) | _file_ids(project, folder)


def _next_numbered(prefix: str, taken: set[str]) -> str:
    """`matter-2026-03`: one more than the highest number already used with this prefix."""
    numbers = [int(m[1]) for t in taken if (m := re.fullmatch(rf"{prefix}-(\d+)", t))]
    return f"{prefix}-{max(numbers, default=0) + 1:02d}"


def _next_suffixed(base: str, taken: set[str]) -> str:
    if base not in taken:
        return base
    number = 2
    while f"{base}-{number}" in taken:
        number += 1
    return f"{base}-{number}"


def _check_id(value: str, label: str, example: str) -> None:
    if not RECORD_ID.match(value):
        raise CannotCreate(
            f"{label}「{value}」不合格式：只能用小写英文字母、数字和连字符（-），"
            f"以字母或数字开头，如 {example}。编号会出现在网址里，所以不用中文。"
        )


def _refuse_taken(record_id: str, taken: set[str], what: str, folder: str) -> None:
    if record_id in taken:
        raise CannotCreate(
            f"编号「{record_id}」已经有{what}在用（见 {CONTENT_DIR}/{folder}/）。请换一个编号，"
            f"或不写 --id，由 gongshi 取下一个空着的编号。"
        )


def _check_text(value: str, option: str) -> None:
    if not value.strip() or any(ord(c) < 32 or 0x7F <= ord(c) < 0xA0 for c in value):
        raise CannotCreate(f"{option} 的内容要写成一行文字，不能为空，也不能有换行或控制字符。")


def checked_record(project: Project, new: NewRecord) -> list[Diagnostic]:
    """The problems `gongshi check` would find in the new record, with the project around it."""
    loaded = load_yaml_file(project.root / new.name, new.name, content=new.text.encode("utf-8"))
    problems = list(loaded.diagnostics)
    if loaded.data is None:
        return problems
    record, parsed = parse_record(loaded, new.model)
    problems.extend(parsed)
    if record is None:
        return problems
    item: Sourced[Any] = Sourced(record, loaded.source, project.root / new.name)
    if isinstance(record, Organization):
        grown = dataclasses.replace(project, organizations=(*project.organizations, item))
    elif isinstance(record, Ledger):
        grown = dataclasses.replace(project, ledgers=(*project.ledgers, item))
    elif isinstance(record, Matter):
        grown = dataclasses.replace(project, matters=(*project.matters, item))
    else:
        grown = dataclasses.replace(project, schedules=(*project.schedules, item))
    with localcontext(EXACT):
        found = run_rules(grown)
    return problems + [d for d in found if d.span.file == new.name]
