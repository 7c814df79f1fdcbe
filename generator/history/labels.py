"""A place in a record named in the words of the record's own form, for people, not programs."""

from __future__ import annotations

from typing import Any, get_args

from pydantic import BaseModel

_UNITS = {"entries": "笔", "members": "位", "balance_checks": "次", "corrections": "条"}
_POSITION_WORDS = (*_UNITS.values(), "项")


def field_label(model: type[BaseModel], path: tuple[str | int, ...]) -> str:
    """The field in the words of the record's own form: `收支明细第 3 笔的金额`."""
    words: list[str] = []
    current: Any = model
    list_name = ""
    for part in path:
        if isinstance(part, int):
            words.append(f"第 {part + 1} {_UNITS.get(list_name, '项')}")
            continue
        fields = getattr(current, "model_fields", {})
        info = fields.get(part) or next((f for f in fields.values() if f.alias == part), None)
        if info is None:
            words.append(part)
            current = None
            continue
        after_position = bool(words) and words[-1].endswith(_POSITION_WORDS)
        words.append(("的" if after_position else "") + (info.title or part))
        list_name = part
        current = _inner_model(info.annotation)
    return "".join(words)


def _inner_model(annotation: Any) -> type[BaseModel] | None:
    """The model inside `Tally`, `Tally | None`, `tuple[Entry, ...]` or `dict[str, Yuan]`."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for argument in get_args(annotation):
        found = _inner_model(argument)
        if found is not None:
            return found
    return None


def correction_label(model: type[BaseModel], field: str) -> str:
    """A correction's `field` (`entries.3.amount`) as words; the text itself if it names nothing."""
    parts: list[str | int] = [
        int(p) - 1 if p.isdigit() and int(p) > 0 else p for p in field.split(".")
    ]
    label = field_label(model, tuple(parts))
    return label or field
