"""Nothing published may expose a resident: ID numbers, private mobiles, bank cards, aid recipients."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
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
    elif isinstance(value, BaseModel):
        for name, field in type(value).model_fields.items():
            key = field.alias or name
            if not path and key in skip:
                continue
            yield from _strings(getattr(value, name), (*path, key))
    elif isinstance(value, tuple | list):
        for index, item in enumerate(value):
            yield from _strings(item, (*path, index))
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _strings(key, path)  # a fee item's name is published too
            yield from _strings(item, (*path, key))
    elif isinstance(value, int | Decimal):
        return


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
