"""Nothing published may expose a resident: ID numbers, private mobiles, bank cards, aid recipients."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from functools import cache
from typing import Any

from pydantic import BaseModel

from generator import codes
from generator.diagnostics import Diagnostic
from generator.privacy import Finding, digits_only, personal_numbers
from generator.project import Project

PathKey = tuple[str | int, ...]
UNPUBLISHED_CONFIG_SECTIONS = frozenset({"privacy", "rules", "holiday_calendar"})


def _strings(
    value: Any, path: PathKey, skip: frozenset[str] = frozenset()
) -> Iterator[tuple[PathKey, str]]:
    """Every text value inside a record, with its path (keys as written in YAML)."""
    if isinstance(value, str):
        yield path, value
        return
    children: Iterable[tuple[str | int, Any]]
    if isinstance(value, BaseModel):
        children = [
            (key, getattr(value, name))
            for name, key in _field_keys(type(value))
            if path or key not in skip
        ]
    elif isinstance(value, tuple | list):
        children = enumerate(value)
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _strings(key, path)  # a fee item's name is published too
            yield from _strings(item, (*path, key))
        return
    else:  # dates, amounts, numbers, None: no text in them
        return
    for key, child in children:  # most values are leaves: look at them here, not one call each
        if isinstance(child, str):
            yield (*path, key), child
        elif isinstance(child, BaseModel | tuple | list | dict):
            yield from _strings(child, (*path, key))


@cache
def _field_keys(model: type[BaseModel]) -> tuple[tuple[str, str], ...]:
    """Each field's attribute name and its key as written in YAML (its alias, if any)."""
    return tuple((name, field.alias or name) for name, field in model.model_fields.items())


def _findings(project: Project, kind: str) -> Iterator[tuple[Any, PathKey, Finding]]:
    public = {digits_only(number) for number in project.config.record.privacy.public_numbers}
    for item in project.all_sources():
        skip = UNPUBLISHED_CONFIG_SECTIONS if item is project.config else frozenset()
        for path, text in _strings(item.record, (), skip):
            for finding in personal_numbers(text):
                if finding.kind == kind and not (kind == "mobile" and finding.digits in public):
                    yield item, path, finding


def resident_id_diagnostics(project: Project) -> Iterator[Diagnostic]:
    for item, path, finding in _findings(project, "id"):
        yield codes.G701.at(
            item.span(*path),
            f"这里有一个居民身份证号（{finding.masked}）。身份证号不得公开：请删除，"
            "需要区分住户时写“3 栋 2 单元住户”。",
        )


def mobile_number_diagnostics(project: Project) -> Iterator[Diagnostic]:
    for item, path, finding in _findings(project, "mobile"):
        yield codes.G702.at(
            item.span(*path),
            f"这里有一个手机号码（{finding.masked}）。个人手机号不得公开：请改用办公电话或服务热线；"
            "如本人同意公开（如物业值班手机），请把它登记在 site_config.yml 的 privacy.public_numbers 中。",
        )


def bank_card_diagnostics(project: Project) -> Iterator[Diagnostic]:
    for item, path, finding in _findings(project, "card"):
        yield codes.G703.at(
            item.span(*path),
            f"这里有一个银行卡号（{finding.masked}）。银行卡号不得公开：请只写账户名称和尾号，"
            f"如“维修资金专户（尾号 {finding.digits[-4:]}）”。",
        )


def aid_recipient_diagnostics(project: Project) -> Iterator[Diagnostic]:
    aid = set(project.config.record.rules.aid_categories)
    for item in project.ledgers:
        for e, entry in enumerate(item.record.entries):
            if entry.category in aid and entry.counterparty:
                yield codes.G704.at(
                    item.span("entries", e, "counterparty"),
                    f"「{entry.category}」类收支写了对方「{entry.counterparty}」。帮扶对象不得具名公开："
                    "请删除 counterparty，在摘要里只写户数，如“慰问困难家庭 3 户”。",
                )
