"""Ids are unique, clear of the names the site makes, references resolve, no range runs backwards."""

from __future__ import annotations

import difflib
from collections.abc import Iterator, Mapping
from datetime import date

from generator import codes
from generator.diagnostics import Diagnostic
from generator.models import Ledger, Matter, Organization
from generator.project import Project, Sourced
from generator.site_layout import ACCOUNT_FOLDER, GeneratedName, generated_name
from generator.urls import ledger_id


def duplicate_id_diagnostics(project: Project) -> Iterator[Diagnostic]:
    for kind, items in (("组织", project.organizations), ("事项", project.matters)):
        first_file: dict[str, str] = {}
        for item in items:
            record_id: str = item.record.id
            if record_id in first_file:
                yield codes.G107.at(
                    item.span("id"),
                    f"{kind}编号「{record_id}」已被 {first_file[record_id]} 使用。"
                    "每个编号只能用一次，请换一个。",
                    record_id,
                )
            else:
                first_file[record_id] = item.file


def _collisions(project: Project) -> Iterator[tuple[Sourced, str, str, list[GeneratedName]]]:  # type: ignore[type-arg]
    """(record, id field, id, generated files it would take the place of), once per record."""
    teams = {item.record.team for item in project.schedules}
    for org in project.organizations:
        record_id = org.record.id
        taken = [generated_name("organizations", record_id)]
        if record_id in teams:  # its schedule is volunteers/<id>.md and volunteers/<id>.ics
            taken.append(generated_name("volunteers", record_id))
        yield org, "id", record_id, [name for name in taken if name]
    for matter in project.matters:
        found = generated_name("matters", matter.record.id)
        yield matter, "id", matter.record.id, [found] if found else []
    for ledger in project.ledgers:
        account = ledger.record.account
        found = generated_name("funds", account) or generated_name(
            ACCOUNT_FOLDER, ledger_id(ledger.record)
        )
        yield ledger, "account", account, [found] if found else []
    organizations = project.organization_by_id
    for schedule in project.schedules:
        team = schedule.record.team
        found = generated_name("volunteers", team)
        if found and team not in organizations:  # else reported at the organization's id
            yield schedule, "team", team, [found]


def reserved_id_diagnostics(project: Project) -> Iterator[Diagnostic]:
    """G111: an id that is also a name the site writes in the same folder."""
    for item, field_name, record_id, taken in _collisions(project):
        if not taken:
            continue
        files = "、".join(f"{name.file}（{name.what}）" for name in taken)
        hint = _REFERENCES.get(field_name if field_name != "id" else type(item.record).__name__, "")
        yield codes.G111.at(
            item.span(field_name),
            f"编号「{record_id}」和网站自动生成的 {files}重名：这条记录的页面会顶替它"
            "（或被它顶替），居民看到的、海报二维码打开的都会是错的页面。"
            f"请换一个编号，如「{_suggested_id(item, record_id)}」"
            f"或更能说明内容的名字{hint}。",
            record_id if field_name == "id" else None,
        )


_REFERENCES = {
    "Organization": "；排班文件里的 team、成员的 also 等引用它的地方也要一起改",
    "Matter": "；账目里引用它的 matter 也要一起改",
    "team": "；对应组织的 id 也要一起改",
}


def _suggested_id(item: Sourced, record_id: str) -> str:  # type: ignore[type-arg]
    record = item.record
    if isinstance(record, Organization):
        word = "team" if record.kind == "volunteer_team" else "org"
    else:
        word = (
            "matter"
            if isinstance(record, Matter)
            else "account"
            if isinstance(record, Ledger)
            else "team"
        )
    return f"{record_id}-{word}"


def _missing(kind: str, value: str, known: Mapping[str, object]) -> str:
    close = difflib.get_close_matches(value, list(known), n=1)
    hint = f"是不是「{close[0]}」？" if close else f"请检查拼写，或先建立这个{kind}。"
    return f"找不到编号为「{value}」的{kind}。{hint}"


def reference_diagnostics(project: Project) -> Iterator[Diagnostic]:
    organizations = project.organization_by_id
    matters = project.matter_by_id
    for item in project.organizations:
        for m, member in enumerate(item.record.members):
            for a, other in enumerate(member.also):
                if other not in organizations:
                    yield codes.G108.at(
                        item.span("members", m, "also", a),
                        f"成员 {member.name} 的交叉任职：" + _missing("组织", other, organizations),
                        item.record.id,
                    )
    for ledger in project.ledgers:
        for e, entry in enumerate(ledger.record.entries):
            if entry.matter and entry.matter not in matters:
                yield codes.G108.at(
                    ledger.span("entries", e, "matter"),
                    "这笔收支引用的依据事项：" + _missing("重大事项", entry.matter, matters),
                )
    for matter in project.matters:
        proposer = matter.record.proposed_by
        if proposer and proposer not in organizations:
            yield codes.G108.at(
                matter.span("proposed_by"),
                "提出组织：" + _missing("组织", proposer, organizations),
                matter.record.id,
            )
    for schedule in project.schedules:
        team = schedule.record.team
        if team not in organizations:
            yield codes.G108.at(
                schedule.span("team"), "排班的队伍：" + _missing("组织", team, organizations)
            )


def _ranges(project: Project) -> Iterator[tuple[Sourced, tuple[str | int, ...], date, date, str]]:  # type: ignore[type-arg]
    for org in project.organizations:
        if org.record.term:
            yield org, ("term",), org.record.term.start, org.record.term.end, "任期"
        if org.record.contract:
            c = org.record.contract
            yield org, ("contract",), c.start, c.end, "合同期"
    for ledger in project.ledgers:
        p = ledger.record.period
        yield ledger, ("period",), p.start, p.end, "会计期间"
    for matter in project.matters:
        if matter.record.publicity:
            p2 = matter.record.publicity
            yield matter, ("publicity",), p2.start, p2.end, "公示期"
    for schedule in project.schedules:
        for s, shift in enumerate(schedule.record.shifts):
            if shift.from_ and shift.until:
                yield schedule, ("shifts", s, "from"), shift.from_, shift.until, "重复期间"


def reversed_range_diagnostics(project: Project) -> Iterator[Diagnostic]:
    for item, path, start, end, label in _ranges(project):
        if end < start:
            yield codes.G110.at(
                item.span(*path, "end") if path[-1] != "from" else item.span(*path[:-1], "until"),
                f"{label}的结束日期 {end} 早于开始日期 {start}。请检查是否写反了。",
            )
