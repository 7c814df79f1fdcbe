"""Ids are unique, clear of the names the site makes, references resolve, no range runs backwards."""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from datetime import date
from pathlib import PurePosixPath
from typing import Any

from generator import codes
from generator.diagnostics import Diagnostic, Span
from generator.failed_records import FailedRecord
from generator.models import Ledger, Matter, Organization
from generator.project import Project, Sourced
from generator.site_layout import ACCOUNT_FOLDER, GeneratedName, generated_name
from generator.urls import ledger_id


def duplicate_id_diagnostics(project: Project) -> Iterator[Diagnostic]:
    """G107, at the copy: of two files with one id (or one team's schedule), the one named
    after the other (`- 副本`), else the later one."""
    kinds: tuple[tuple[str, str, Iterable[Sourced[Any]]], ...] = (
        ("组织编号", "id", project.organizations),
        ("事项编号", "id", project.matters),
        ("调查编号", "id", project.surveys),
        ("排班", "team", project.schedules),
    )
    for kind, field_name, items in kinds:
        for copy in items:
            original = project.copies.get(copy.file)
            if original is None:
                continue
            value = getattr(copy.record, field_name)
            same = (
                "，两个文件的内容完全相同，多半是复制出来的副本"
                if copy.record == original.record
                else ""
            )
            if field_name == "id":
                said = f"{kind}「{value}」已经写在 {original.file} 里{same}。每个编号只能用一次："
                said += "多余的副本请删除，不同的记录请换一个编号。"
            else:
                said = f"「{value}」的这份排班和 {original.file} 一模一样，多半是复制出来的副本，"
                said += "每个班次都成了两遍。请删除多余的那份。"
            yield codes.G107.at(copy.span(field_name), said, value if field_name == "id" else None)


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
    for survey in project.surveys:
        found = generated_name("surveys", survey.record.id)
        yield survey, "id", survey.record.id, [found] if found else []
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


@dataclass(frozen=True)
class _Reference:
    """One place a record names another by its id."""

    span: Span
    folder: str
    """Where the cited record lives: `organizations` or `matters`."""
    value: str
    what: str
    """What the citing field is, as the message starts: `提出组织：`."""
    record_id: str | None


_KINDS = {"organizations": "组织", "matters": "重大事项"}


def _references(project: Project) -> Iterator[_Reference]:
    for item in project.organizations:
        for m, member in enumerate(item.record.members):
            for a, other in enumerate(member.also):
                yield _Reference(
                    item.span("members", m, "also", a),
                    "organizations",
                    other,
                    f"成员 {member.name} 的交叉任职：",
                    item.record.id,
                )
    for ledger in project.ledgers:
        for e, entry in enumerate(ledger.record.entries):
            if entry.matter:
                yield _Reference(
                    ledger.span("entries", e, "matter"),
                    "matters",
                    entry.matter,
                    "这笔收支引用的依据事项：",
                    None,
                )
    for matter in project.matters:
        if matter.record.proposed_by:
            yield _Reference(
                matter.span("proposed_by"),
                "organizations",
                matter.record.proposed_by,
                "提出组织：",
                matter.record.id,
            )
    for schedule in project.schedules:
        yield _Reference(
            schedule.span("team"), "organizations", schedule.record.team, "排班的队伍：", None
        )
    for survey in project.surveys:
        yield _Reference(
            survey.span("conducted_by"),
            "organizations",
            survey.record.conducted_by,
            "组织调查的单位：",
            survey.record.id,
        )


Meant = FailedRecord | Sourced[Organization] | Sourced[Matter] | None
"""What an unresolved reference may mean: a record whose file failed, a record whose own
id is misspelt (it is named after the reference), or nothing at all."""


def _file_stem(item: Sourced[Any]) -> str:
    return PurePosixPath(item.file).name.split(".")[0]


def _named_after(items: Iterable[Sourced[Any]], known: Mapping[str, object]) -> dict[str, Any]:
    """Records by their file's name, where it is not their id and no record has it as id."""
    return {
        _file_stem(item): item
        for item in items
        if _file_stem(item) != item.record.id and _file_stem(item) not in known
    }


def _unresolved(project: Project) -> Iterator[tuple[_Reference, Meant]]:
    """Each reference to no record, with what it may mean instead."""
    known: dict[str, Mapping[str, object]] = {
        "organizations": project.organization_by_id,
        "matters": project.matter_by_id,
    }
    failed = {folder: project.failed_by_id(folder) for folder in known}
    named = {
        "organizations": _named_after(project.organizations, known["organizations"]),
        "matters": _named_after(project.matters, known["matters"]),
    }
    for reference in _references(project):
        if reference.value not in known[reference.folder]:
            meant = failed[reference.folder].get(reference.value)
            yield reference, meant or named[reference.folder].get(reference.value)


def reference_diagnostics(project: Project) -> Iterator[Diagnostic]:
    """G108: a reference to an id no record has, nor any file that failed to load."""
    for reference, meant in _unresolved(project):
        if meant is None:
            known = (
                project.organization_by_id
                if reference.folder == "organizations"
                else project.matter_by_id
            )
            yield codes.G108.at(
                reference.span,
                reference.what + _missing(_KINDS[reference.folder], reference.value, known),
                reference.record_id,
            )


def failed_reference_diagnostics(project: Project) -> Iterator[Diagnostic]:
    """G124: references to a record whose file failed, said once, at the first of them."""
    citing: dict[str, tuple[FailedRecord, list[_Reference]]] = {}
    for reference, meant in _unresolved(project):
        if isinstance(meant, FailedRecord):
            citing.setdefault(meant.file, (meant, []))[1].append(reference)
    for failed, references in citing.values():
        references.sort(key=lambda r: (r.span.file, r.span.line, r.span.column))
        first = references[0]
        elsewhere = f"这里{_and_others(references)}的引用"
        yield codes.G124.at(
            first.span,
            f"{first.what}编号为「{first.value}」的{_KINDS[first.folder]}在 {failed.file} 里，"
            f"但那个文件本身有错误（见该文件的提示），没能读入，所以{elsewhere}暂时无法核对。"
            "请先改好那个文件，这里不用改。",
            first.record_id,
        )


def _and_others(references: list[_Reference]) -> str:
    others = len(references) - 1
    files = len({r.span.file for r in references})
    return f"和另外 {others} 处（共 {files} 个文件）" if others else ""


def misspelt_id_diagnostics(project: Project) -> Iterator[Diagnostic]:
    """G127: references all name a record's file, whose own id differs: the id is the slip."""
    citing: dict[str, tuple[Sourced[Any], list[_Reference]]] = {}
    for reference, meant in _unresolved(project):
        if isinstance(meant, Sourced):
            citing.setdefault(meant.file, (meant, []))[1].append(reference)
    for item, references in citing.values():
        references.sort(key=lambda r: (r.span.file, r.span.line, r.span.column))
        count = len(references)
        files = len({r.span.file for r in references})
        where = (
            f"{references[0].span.file} 等 {files} 个文件里的 {count} 处"
            if count > 1
            else references[0].span.file
        )
        stem = _file_stem(item)
        yield codes.G127.at(
            item.span("id"),
            f"编号「{item.record.id}」和文件名 {PurePosixPath(item.file).name} 不一致，"
            f"而 {where}引用的都是「{stem}」：多半是这里的编号写错了。请把 id 改成 {stem}。"
            "（若确实要换成新编号，请同时给文件改名，并修改所有引用它的地方。）",
            item.record.id,
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
    for survey in project.surveys:
        p3 = survey.record.period
        yield survey, ("period",), p3.start, p3.end, "调查期间"
    for item in project.organizations:
        for n, cases in enumerate(item.record.cases):
            yield item, ("cases", n, "period"), cases.period.start, cases.period.end, "统计期间"
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
