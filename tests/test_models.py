"""Every field of every record format explains itself in Chinese, for the editor's hover help."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from pydantic import BaseModel

from generator.parse import _inner_model
from generator.schemas import SCHEMA_FILES


def all_models(model: type[BaseModel], seen: set[type[BaseModel]]) -> Iterator[type[BaseModel]]:
    if model in seen:
        return
    seen.add(model)
    yield model
    for field in model.model_fields.values():
        inner = _inner_model(field.annotation)
        if inner is not None:
            yield from all_models(inner, seen)


@pytest.mark.parametrize("schema_file, model, pattern", SCHEMA_FILES, ids=lambda v: str(v))
def test_every_field_has_a_chinese_title_and_description(schema_file, model, pattern) -> None:
    for part in all_models(model, set()):
        for name, field in part.model_fields.items():
            where = f"{part.__name__}.{name}"
            assert field.title, f"{where} has no title"
            assert field.description, f"{where} has no description"
            assert any("\u4e00" <= ch <= "\u9fff" for ch in field.description), where
