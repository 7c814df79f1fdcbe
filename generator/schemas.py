"""JSON Schemas of the record formats, for editors' completion and hover help."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from generator.models import Ledger, Matter, Organization, Schedule, SiteConfig

SCHEMA_FILES: tuple[tuple[str, type[BaseModel], str], ...] = (
    ("site_config.schema.json", SiteConfig, "site_config.yml"),
    ("organization.schema.json", Organization, "content/organizations/*.yml"),
    ("ledger.schema.json", Ledger, "content/funds/*.yml"),
    ("matter.schema.json", Matter, "content/matters/*.yml"),
    ("schedule.schema.json", Schedule, "content/volunteers/*.yml"),
)


def record_schema(model: type[BaseModel]) -> dict[str, Any]:
    schema = model.model_json_schema(mode="validation", by_alias=True)
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    return schema


def write_schemas(folder: Path) -> list[Path]:
    """Write one schema per record type plus `vscode-settings.json` mapping them to files."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    associations: dict[str, str] = {}
    for name, model, pattern in SCHEMA_FILES:
        path = folder / name
        path.write_text(
            json.dumps(record_schema(model), ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
        )
        written.append(path)
        associations[f"./{folder.as_posix()}/{name}"] = pattern
    settings = folder / "vscode-settings.json"
    settings.write_text(
        json.dumps({"yaml.schemas": associations}, ensure_ascii=False, indent=2) + "\n",
        encoding="utf-8",
    )
    written.append(settings)
    return written
