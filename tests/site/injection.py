"""The injection corpus and where it goes: every free-text field of every record and of site_config.yml.

Which fields are free text is read from the published JSON Schemas (a string with
no format, pattern or enum), so a field added to a model is planted without
anyone remembering to list it; `NOT_FREE_TEXT` names the strings that are really
numbers, addresses or codes, each checked by its own rule.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from generator.schemas import SCHEMA_FILES, record_schema

PAYLOAD_FILE = Path(__file__).parent / "payloads" / "injection.txt"


def payloads() -> list[str]:
    """The corpus, one payload a line; a written `\\n` or `\\r\\n` is a line break."""
    lines = PAYLOAD_FILE.read_text("utf-8").splitlines()
    return [
        line.replace("\\r\\n", "\r\n").replace("\\n", "\n")
        for line in lines
        if line and not line.startswith("# ")
    ]


MARKER = re.compile(r"gs\d\d")


def one_line_payloads() -> list[str]:
    return [p for p in payloads() if "\n" not in p and "\r" not in p]


NOT_FREE_TEXT = {
    "site_config.yml": {
        ("community", "total_area_m2"),
        ("log", "public_key"),  # an Ed25519 key, refused unless well-formed (G102)
        ("rules", "party_owner_ratio"),
        ("privacy", "public_numbers", "*"),
        ("rules", "aid_categories", "*"),  # names matched against ledger categories
        ("rules", "aid_keywords", "*"),  # words looked for in categories and team names
        # one line of text instead of parts, it is escaped as the organizations' contact in words
        # (pages, posters; planted in in-words.yml) and the parts here (the footer) are
        ("community", "service_station", "phone"),  # a phone number, as the contacts' phones
        ("site", "contact"),
        ("site", "contact", "email"),
        ("site", "contact", "phone"),
        ("site", "language"),
        ("site", "url"),
    },
    "organizations": {("contact", "email"), ("contact", "phone")},
    "funds": {
        ("balance_checks", "*", "balance"),
        ("closing_balance",),
        ("entries", "*", "amount"),
        ("entries", "*", "documents", "*", "file"),  # a path below content/ (G129, G130)
        ("entries", "*", "documents", "*", "url"),  # an address (G128)
        ("opening_balance",),
    },
    "matters": {
        ("budget",),
        ("documents", "*", "file"),  # a path below content/ (G129, G130)
        ("documents", "*", "url"),
        ("feedback",),  # in words: kept as ("feedback", "contact"), planted there
        ("feedback", "phone"),
        *((("vote", part, "area_m2")) for part in ("abstained", "agreed", "eligible", "opposed")),
        ("vote", "participated", "area_m2"),
        *(
            ("decision", "preliminary", part, "area_m2")
            for part in ("abstained", "agreed", "opposed", "participated")
        ),
    },
    "volunteers": set(),
    "surveys": set(),
}
"""Strings in the schemas that are numbers, addresses or codes: their own rules refuse payloads."""

MARKDOWN_FIELDS = {("summary",), ("note",)}
"""Fields rendered as Markdown: they also get the payloads that span lines."""

FOLDERS = {
    "organization.schema.json": "organizations",
    "ledger.schema.json": "funds",
    "matter.schema.json": "matters",
    "schedule.schema.json": "volunteers",
    "survey.schema.json": "surveys",
    "site_config.schema.json": "site_config.yml",
}


def _string_paths(schema: dict[str, Any], node: dict[str, Any], path: tuple[str, ...]) -> set:
    if "$ref" in node:
        node = schema["definitions"][node["$ref"].rsplit("/", 1)[-1]]
    found: set[tuple[str, ...]] = set()
    for alternative in node.get("anyOf", []):
        found |= _string_paths(schema, alternative, path)
    kind = node.get("type")
    if kind == "object":
        for key, value in node.get("properties", {}).items():
            found |= _string_paths(schema, value, (*path, key))
        extra = node.get("additionalProperties")
        if isinstance(extra, dict):
            if "$ref" not in extra:  # a mapping of plain values (fees): its keys are shown text
                found.add((*path, "<key>"))
            found |= _string_paths(schema, extra, (*path, "<key>"))
    elif kind == "array":
        found |= _string_paths(schema, node.get("items", {}), (*path, "*"))
    elif _takes_text(kind) and not {"format", "enum", "pattern", "const"} & node.keys():
        found.add(path)
    return found


def _takes_text(kind: Any) -> bool:
    """`string`, or a list of types with it (a text field takes a number as its text)."""
    return kind == "string" or (isinstance(kind, list) and "string" in kind)


def free_text_fields() -> dict[str, list[tuple[str, ...]]]:
    """Each record folder (and site_config.yml) with its free-text field paths."""
    fields = {}
    for name, model, _ in SCHEMA_FILES:
        schema = record_schema(model)
        folder = FOLDERS[name]
        fields[folder] = sorted(_string_paths(schema, schema, ()) - NOT_FREE_TEXT[folder])
    return fields


def plant(data: Any, path: tuple[str, ...], value: str) -> bool:
    """Set the field at `path` where the record has the object that holds it; True if set.

    `*` means every item of a list (a list of strings gets one more item), `<key>` a
    new key of a mapping. Optional objects the record lacks are left out: making one
    up would need its required fields, and the field is planted in a record that has it.
    """
    key, rest = path[0], path[1:]
    if key == "*":
        if not isinstance(data, list):
            return False
        if not rest:
            data.append(value)
            return True
        return any([plant(item, rest, value) for item in data if isinstance(item, dict)])
    if key == "<key>":
        if isinstance(data, dict):
            data[value] = next(iter(data.values()), "1.00")
            return True
        return False
    if not isinstance(data, dict):
        return False
    if not rest:
        if isinstance(data.get(key), dict | list):
            return False  # a field written either way (`contact`): here its parts are planted
        data[key] = value
        return True
    if key not in data:
        if rest == ("*",):
            data[key] = []
        else:
            return False
    return plant(data[key], rest, value)
