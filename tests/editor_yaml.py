"""YAML read as the VS Code YAML extension reads it, and checked against the JSON Schemas."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

import jsonschema
import yaml

from generator.schemas import SCHEMA_FILES, record_schema


class Yaml12Loader(yaml.SafeLoader):
    """YAML 1.2's core schema, which the editor uses (`yaml.yamlVersion` 1.2 by default):
    no timestamps (2026-01-05 is a string), no sexagesimal numbers (16:30 is a string), and
    only true/false are booleans. Floats become Decimals, as the editor compares decimals
    without float error (its `multipleOf` is float-safe; Python's jsonschema is exact on
    Decimals only)."""


Yaml12Loader.yaml_implicit_resolvers = {}
for _tag, _pattern, _first in (
    ("null", r"^(?:~|null|Null|NULL|)$", ["~", "n", "N", ""]),
    ("bool", r"^(?:true|True|TRUE|false|False|FALSE)$", list("tTfF")),
    ("int", r"^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$", list("-+0123456789")),
    (
        "float",
        r"^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?"
        r"|[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$",
        list("-+.0123456789"),
    ),
):
    Yaml12Loader.add_implicit_resolver(f"tag:yaml.org,2002:{_tag}", re.compile(_pattern), _first)


def _integer(loader: yaml.SafeLoader, node: yaml.Node) -> int:
    text = str(loader.construct_scalar(node))  # type: ignore[arg-type]
    return int(text, 0) if text[:2] in ("0o", "0x") else int(text)


def _decimal(loader: yaml.SafeLoader, node: yaml.Node) -> Decimal:
    return Decimal(str(loader.construct_scalar(node)))  # type: ignore[arg-type]


Yaml12Loader.add_constructor("tag:yaml.org,2002:int", _integer)
Yaml12Loader.add_constructor("tag:yaml.org,2002:float", _decimal)


def _as_json(value: Any) -> Any:
    """Keys as JSON has them (the editor validates a YAML mapping as a JSON object)."""
    if isinstance(value, dict):
        return {str(key): _as_json(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_as_json(item) for item in value]
    return value


def editor_data(text: str) -> Any:
    return _as_json(yaml.load(text, Loader=Yaml12Loader))


SCHEMA_BY_FOLDER = {
    "site_config.yml": record_schema(SCHEMA_FILES[0][1]),
    **{
        pattern.split("/")[1]: record_schema(model)
        for _, model, pattern in SCHEMA_FILES
        if pattern.startswith("content/")
    },
}


def _validator(schema: dict[str, Any]) -> jsonschema.Draft7Validator:
    exact = json.loads(json.dumps(schema), parse_float=Decimal)
    return jsonschema.Draft7Validator(
        exact, format_checker=jsonschema.Draft7Validator.FORMAT_CHECKER
    )


VALIDATORS = {folder: _validator(schema) for folder, schema in SCHEMA_BY_FOLDER.items()}


def schema_problems(root: Path, file: Path) -> list[str]:
    relative = file.relative_to(root)
    folder = "site_config.yml" if relative.parts == ("site_config.yml",) else relative.parts[1]
    data = editor_data(file.read_text("utf-8"))
    return [
        f"{relative}: {'.'.join(map(str, error.absolute_path))}: {error.message}"
        for error in VALIDATORS[folder].iter_errors(data)
    ]


def sample_files(root: Path) -> Iterator[Path]:
    yield root / "site_config.yml"
    yield from sorted((root / "content").rglob("*.yml"))
