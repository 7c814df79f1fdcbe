"""Plain loaded values to models, with pydantic's complaints turned into Chinese diagnostics.

pydantic reports where a value is (`loc`) and what kind of problem it has
(`type`); the loader knows where that value was written. Joining the two gives
every structural problem a file, line and column, and a stable code.
"""

from __future__ import annotations

import copy
import re
import types
import typing
from dataclasses import dataclass
from typing import Any, NamedTuple, TypeVar

from pydantic import BaseModel, ValidationError

from generator import codes
from generator.diagnostics import Diagnostic
from generator.field_typos import misspelt_field
from generator.loader import LoadedFile, SourceMap

M = TypeVar("M", bound=BaseModel)

_CODE_BY_ERROR_TYPE: dict[str, codes.Code] = {
    "missing": codes.G101,
    "gongshi_date": codes.G104,
    "gongshi_amount": codes.G105,
    "literal_error": codes.G106,
    "gongshi_time": codes.G602,
    "gongshi_number_length": codes.G013,
    "gongshi_exponent": codes.G014,
}

_PLAIN_MESSAGES: dict[str, str] = {
    "string_type": "这里应是一段文字。",
    "list_type": "这里应是一个列表：每项另起一行，以“- ”开头。",
    "tuple_type": "这里应是一个列表：每项另起一行，以“- ”开头。",
    "dict_type": "这里应是一组“字段: 值”，请检查缩进。",
    "model_type": "这里应是一组“字段: 值”，请检查缩进。",
    "model_attributes_type": "这里应是一组“字段: 值”，请检查缩进。",
    "int_parsing": "这里应是整数，只写数字。",
    "int_type": "这里应是整数，只写数字。",
    "greater_than_equal": "这个数不能小于 {ge}。",
    "less_than_equal": "这个数不能大于 {le}。",
    "greater_than": "这个数必须大于 {gt}。",
}


@dataclass(frozen=True)
class UnreadField:
    """A key the model does not know, kept in the file: the secretary's own field, or a typo
    (then G103 says so). The site and the posters never show it; the privacy rules still
    read its value, since the record file itself is in the community's repository."""

    path: tuple[int | str, ...]
    value: Any


class ParsedRecord(NamedTuple):
    record: BaseModel | None
    diagnostics: list[Diagnostic]
    unread: tuple[UnreadField, ...]


def parse_record(loaded: LoadedFile, model: type[M]) -> tuple[M | None, list[Diagnostic]]:
    """Validate one loaded file; unknown keys do not stop the record (see `read_record`)."""
    parsed = read_record(loaded, model)
    return parsed.record, parsed.diagnostics  # type: ignore[return-value]


def read_record(loaded: LoadedFile, model: type[BaseModel]) -> ParsedRecord:
    """Validate one loaded file, setting aside the keys the model does not know.

    A key that looks like a misspelt field is a warning (G103); any other is the
    secretary's own field (PRODUCT.md: add fields freely) and is kept quietly.
    """
    assert loaded.data is not None, "parse only files that loaded"
    data: Any = loaded.data
    diagnostics: list[Diagnostic] = []
    unread: list[UnreadField] = []
    for attempt in range(2):
        try:
            return ParsedRecord(model.model_validate(data), diagnostics, tuple(unread))
        except ValidationError as error:
            problems = error.errors(include_url=False)
        unknown = [p for p in problems if p["type"] == "extra_forbidden"]
        if attempt == 0:
            for problem in problems:
                if problem["type"] != "extra_forbidden":
                    diagnostics.append(_diagnostic(problem, model, loaded.source))
                    continue
                unread.append(UnreadField(tuple(problem["loc"]), problem.get("input")))
                misspelt = _misspelt_key_diagnostic(problem, model, data, loaded.source)
                if misspelt is not None:
                    diagnostics.append(misspelt)
        if len(unknown) != len(problems):
            return ParsedRecord(None, diagnostics, tuple(unread))
        data = copy.deepcopy(data)  # the unknown keys are set aside; check the rest without them
        for problem in unknown:
            _remove(data, problem["loc"])
    return ParsedRecord(None, diagnostics, tuple(unread))  # pragma: no cover - none left


def _misspelt_key_diagnostic(
    problem: Any, model: type[BaseModel], data: Any, source: SourceMap
) -> Diagnostic | None:
    """G103 when the unknown key looks like a known field written wrongly, else None."""
    loc: tuple[int | str, ...] = tuple(problem["loc"])
    key = str(loc[-1])
    here = _fields_at(model, loc[:-1])
    span = source.key_span(*loc)
    misspelt = misspelt_field(key, here)
    if misspelt is not None:
        field = misspelt.field
        title = here.get(field)
        label = f"「{field}」（{title}）" if title else f"「{field}」"
        return codes.G103.at(
            span,
            f"不认识的字段「{key}」：它像是{label}，{misspelt.how}。写错的字段不会被读取，"
            f"请改成 {field}。",
        )
    siblings = _value_at(data, loc[:-1])
    for parent, fields in _child_fields(model, loc[:-1]).items():
        child = siblings.get(parent) if isinstance(siblings, dict) else None
        if key in fields and not (isinstance(child, dict) and key in child):
            title = fields[key]
            label = f"「{key}」（{title}）" if title else f"「{key}」"
            return codes.G103.at(
                span,
                f"这一层没有字段「{key}」，它不会被读取。{label}是 {parent} 下面的字段："
                f"是不是缩进错了？请把它移到 {parent}: 下面，比 {parent} 多缩进两格。",
            )
    outer = _outer_loc(loc[:-1])
    if outer is not None:
        required = _required_at(model, outer)
        present = _value_at(data, outer)
        if key in required and not (isinstance(present, dict) and key in present):
            title = _fields_at(model, outer).get(key)
            label = f"「{key}」（{title}）" if title else f"「{key}」"
            mapping = next(step for step in reversed(loc[:-1]) if isinstance(step, str))
            where = f"与 {mapping} 对齐" + ("（顶格写）" if not outer else "")
            return codes.G103.at(
                span,
                f"这一层没有字段「{key}」，它不会被读取。{label}属于上一层：是不是缩进多了？"
                f"请减少它的缩进，{where}。",
            )
    return None


def _outer_loc(loc: tuple[int | str, ...]) -> tuple[int | str, ...] | None:
    """The mapping one level out from `loc` (a list's items count as their list), if any."""
    steps = list(loc)
    while steps and isinstance(steps[-1], int):
        steps.pop()
    if not steps:
        return None
    steps.pop()
    while steps and isinstance(steps[-1], int):
        steps.pop()
    return tuple(steps)


def _value_at(data: Any, loc: tuple[int | str, ...]) -> Any:
    for step in loc:
        try:
            data = data[step]
        except (KeyError, IndexError, TypeError):
            return None
    return data


def _remove(data: Any, loc: tuple[int | str, ...]) -> None:
    for step in loc[:-1]:
        data = data[step]
    del data[loc[-1]]


def _diagnostic(problem: Any, model: type[BaseModel], source: SourceMap) -> Diagnostic:
    loc: tuple[int | str, ...] = tuple(problem["loc"])
    kind: str = problem["type"]
    code = _CODE_BY_ERROR_TYPE.get(kind, codes.G102)
    where = describe_location(model, loc)
    if kind == "missing":
        span = source.span(*loc[:-1])
        field = loc[-1]
        title = _title_at(model, loc)
        label = f"「{field}」（{title}）" if title else f"「{field}」"
        parent = describe_location(model, loc[:-1])
        return code.at(span, f"{parent + '缺少' if parent else '缺少'}必填字段{label}。请补上。")
    if kind.startswith("gongshi_") or kind == "value_error":
        text = problem["msg"].removeprefix("Value error, ")
    elif kind == "literal_error":
        expected = str(problem.get("ctx", {}).get("expected", ""))
        allowed = "、".join(re.findall(r"'([^']*)'", expected)) or expected
        text = f"「{problem['input']}」不是可选的值。可选：{allowed}。"
    elif kind in _MAPPING_TYPES and (expected_model := _model_at(model, loc)) is not None:
        text = mapping_expected(expected_model, loc[-1] if loc else "", problem["input"])
    else:
        template = _PLAIN_MESSAGES.get(kind, "这个值不合要求。")
        text = template.format(**problem.get("ctx", {}))
    span = source.key_span(*loc[:-1]) if loc and loc[-1] == "[key]" else source.span(*loc)
    return code.at(span, f"{where}：{text}" if where else text)


_MAPPING_TYPES = frozenset({"dict_type", "model_type", "model_attributes_type"})
_EXAMPLE = re.compile(r"如 ([^，。；、（]+)")
_EXAMPLE_FIELDS = 3


def _model_at(model: type[BaseModel], loc: tuple[int | str, ...]) -> type[BaseModel] | None:
    """The model expected at `loc`, when what is expected there is a model."""
    current: Any = model
    for step in loc:
        if isinstance(step, int):
            continue
        field = _field(current, step)
        if field is None:
            return None
        current = _inner_model(field.annotation)
    return current if isinstance(current, type) and issubclass(current, BaseModel) else None


def mapping_expected(expected: type[BaseModel], key: str | int, typed: Any) -> str:
    """A plain text (or a list) where fields are expected: which fields, and an example.

    `key` is the field's name, or its position when it is an item of a list.
    """
    fields = [(f.alias or name, f) for name, f in expected.model_fields.items()]
    named = "、".join(
        f"{alias}（{f.title}{'，必填' if f.is_required() else ''}）" if f.title else alias
        for alias, f in fields
    )
    shown = [(alias, f) for alias, f in fields if f.is_required()] or fields
    values = [_example_value(f.description) for _, f in shown[:_EXAMPLE_FIELDS]]
    if isinstance(typed, str) and shown[0][0] in _NAMING_FIELDS and "\n" not in typed:
        values[0] = typed.strip()  # `- 许美玲` in a list of members: the name is what was typed
    example = ", ".join(
        f"{alias}: {value}" for (alias, _), value in zip(shown, values, strict=False)
    )
    what = (
        "一段文字"
        if isinstance(typed, str)
        else "一个列表"
        if isinstance(typed, list)
        else "这个值"
    )
    lead = f"这里写成了{what}，而这里要的是一组“字段: 值”。可以写的字段有：{named}。"
    if isinstance(key, int):
        return (
            f"{lead}请在“- ”后面一个字段一行地写（后面的字段与第一个对齐），"
            f"也可以写在一行里，如 - {{{example}}}。"
        )
    return (
        f"{lead}请在下面另起一行、多缩进两格，一个字段一行地写，也可以写在一行里，"
        f"如 {key}: {{{example}}}。"
    )


_NAMING_FIELDS = frozenset({"name", "title", "contact"})


def _example_value(description: str | None) -> str:
    found = _EXAMPLE.search(description or "")
    return found.group(1).strip() if found else "…"


def describe_location(model: type[BaseModel], loc: tuple[int | str, ...]) -> str:
    """A path a secretary can follow: `entries 第 3 项 → amount（金额）`."""
    parts: list[str] = []
    current: Any = model
    for step in loc:
        if isinstance(step, int):
            parts.append(f"第 {step + 1} 项")
            continue
        if step == "[key]":  # pydantic's marker: the key itself is wrong, not its value
            continue
        title = None
        field = _field(current, step)
        if field is not None:
            title = field.title
            current = _inner_model(field.annotation)
        else:
            current = None
        parts.append(f"{step}（{title}）" if title else str(step))
    return " → ".join(parts)


def _title_at(model: type[BaseModel], loc: tuple[int | str, ...]) -> str | None:
    current: Any = model
    title = None
    for step in loc:
        if isinstance(step, int):
            continue
        field = _field(current, step)
        if field is None:
            return None
        title = field.title
        current = _inner_model(field.annotation)
    return title


def _fields_at(model: type[BaseModel], loc: tuple[int | str, ...]) -> dict[str, str | None]:
    """The fields of the mapping at `loc`, each as written in YAML, with its Chinese title."""
    current = _model_at(model, loc)
    if current is None:
        return {}
    return {field.alias or name: field.title for name, field in current.model_fields.items()}


def _required_at(model: type[BaseModel], loc: tuple[int | str, ...]) -> frozenset[str]:
    current = _model_at(model, loc)
    if current is None:
        return frozenset()
    fields = current.model_fields.items()
    return frozenset(field.alias or name for name, field in fields if field.is_required())


def _child_fields(
    model: type[BaseModel], loc: tuple[int | str, ...]
) -> dict[str, dict[str, str | None]]:
    """For each field at `loc` that is itself a mapping of fields: those fields."""
    current = _model_at(model, loc)
    if current is None:
        return {}
    children: dict[str, dict[str, str | None]] = {}
    for name, field in current.model_fields.items():
        inner = _inner_model(field.annotation)
        if inner is not None:
            children[field.alias or name] = _fields_at(inner, ())
    return children


def _field(model: Any, key: str) -> Any:
    if not (isinstance(model, type) and issubclass(model, BaseModel)):
        return None
    for name, field in model.model_fields.items():
        if key in (name, field.alias):
            return field
    return None


def _inner_model(annotation: Any) -> Any:
    """The model inside `Model | None`, `tuple[Model, ...]` or `dict[str, Model]`, if any."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    origin = typing.get_origin(annotation)
    if origin is None and not isinstance(annotation, types.UnionType):
        return None
    for argument in typing.get_args(annotation):
        found = _inner_model(argument)
        if found is not None:
            return found
    return None
