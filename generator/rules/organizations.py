"""The bodies of "1 + 3 + 5+": sizes, the supervisory committee's independence, terms."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from generator import codes
from generator.diagnostics import Diagnostic, Span
from generator.models import Organization
from generator.models.config import SizeRange
from generator.models.organization import KIND_NAMES
from generator.project import Project, Sourced

CONFLICTING_KINDS = frozenset({"owners_committee", "property_company"})


def _size_rule(project: Project, kind: str) -> SizeRange | None:
    rules = project.config.record.rules
    return {
        "party_organization": rules.party_organization_size,
        "owners_committee": rules.owners_committee_size,
        "supervisory_committee": rules.supervisory_committee_size,
    }.get(kind)


def size_diagnostics(project: Project) -> Iterator[Diagnostic]:
    for item in project.organizations:
        org = item.record
        size = _size_rule(project, org.kind)
        count = len(org.members)
        if size is None:
            continue
        in_range = size.min <= count <= size.max
        if in_range and not (size.odd and count % 2 == 0):
            continue
        parity = "单数" if size.odd else ""
        yield codes.G501.at(
            item.span("members"),
            f"{KIND_NAMES[org.kind]}现有 {count} 名成员，应为 {size.min} 至 {size.max} 名{parity}"
            f"（{size.source}）。请补选或调整成员名单。",
            org.id,
        )


def independence_diagnostics(project: Project) -> Iterator[Diagnostic]:
    conflicting = {
        item.record.id: item.record
        for item in project.organizations
        if item.record.kind in CONFLICTING_KINDS
    }
    names_elsewhere: dict[str, Organization] = {}
    for org in conflicting.values():
        for member in org.members:
            names_elsewhere.setdefault(member.name, org)
    for item in project.organizations:
        if item.record.kind != "supervisory_committee":
            continue
        for m, member in enumerate(item.record.members):
            for a, other_id in enumerate(member.also):
                if other_id in conflicting:
                    yield codes.G502.at(
                        item.span("members", m, "also", a),
                        f"监督委员会成员 {member.name} 同时在「{conflicting[other_id].name}」任职。"
                        "监督者不能监督自己：监委会委员不在业委会和物业公司兼职。请调整。",
                        item.record.id,
                    )
            other = names_elsewhere.get(member.name)
            if other is not None and other.id not in member.also:
                yield codes.G502.at(
                    item.span("members", m, "name"),
                    f"监督委员会成员 {member.name} 也出现在「{other.name}」的成员名单里。"
                    "监委会委员不在业委会和物业公司兼职；若是同名的两个人，请在 note 中注明以示区别。",
                    item.record.id,
                )


def party_owner_ratio_diagnostics(project: Project) -> Iterator[Diagnostic]:
    ratio = project.config.record.rules.party_owner_ratio
    committees = {
        item.record.id for item in project.organizations if item.record.kind == "owners_committee"
    }
    failed = project.failed_by_id("organizations")
    for item in project.organizations:
        org = item.record
        if org.kind != "party_organization" or not org.members:
            continue
        qualifying = sum(1 for m in org.members if m.owner or committees.intersection(m.also))
        total = len(org.members)
        if qualifying * ratio.denominator >= ratio.numerator * total:
            continue
        if any(other in failed for m in org.members for other in m.also):
            continue  # a body its members serve in failed to load: it may be the committee (G124)
        yield codes.G503.at(
            item.span("members"),
            f"党组织班子 {total} 人中，业主或业委会委员只有 {qualifying} 人，"
            f"未达到 {ratio.numerator}/{ratio.denominator}（试点方案要求班子成员中业主和业委会中的党员比例达到 50% 以上）。"
            "请调整班子组成，或为业主成员标注 owner: true。",
            org.id,
        )


def _deadlines(item: Sourced[Organization]) -> Iterator[tuple[str, date, Span]]:
    org = item.record
    if org.term is not None:
        yield "任期", org.term.end, item.span("term", "end")
    if org.contract is not None:
        yield "物业服务合同", org.contract.end, item.span("contract", "end")


def ending_soon_diagnostics(project: Project) -> Iterator[Diagnostic]:
    window = project.config.record.rules.term_warning_days
    for item in project.organizations:
        for label, end, span in _deadlines(item):
            left = (end - project.today).days
            if 0 <= left <= window:
                yield codes.G504.at(
                    span,
                    f"「{item.record.name}」的{label}将于 {end} 到期（还有 {left} 天）。"
                    "请及早启动换届或续聘程序，并公示。",
                    item.record.id,
                )


def ended_diagnostics(project: Project) -> Iterator[Diagnostic]:
    for item in project.organizations:
        for label, end, span in _deadlines(item):
            if end < project.today:
                yield codes.G505.at(
                    span,
                    f"「{item.record.name}」的{label}已于 {end} 到期。"
                    "完成换届或续聘后请更新日期；延期履职请在 summary 中说明依据。",
                    item.record.id,
                )
