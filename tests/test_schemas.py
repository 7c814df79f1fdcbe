"""The JSON Schemas agree with `gongshi check`: on every sample file, on added fields, and
on the ways a value may be typed, read as the VS Code YAML extension reads YAML."""

from __future__ import annotations

import json
import re
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from click.testing import Result

from generator.schemas import DRAFT
from tests.conftest import BASE, REPO, TODAY
from tests.editor_yaml import SCHEMA_BY_FOLDER, sample_files, schema_problems

SAMPLES = [(root, file) for root in (REPO, BASE) for file in sample_files(root)]


def test_the_schemas_are_draft_07_as_the_vs_code_yaml_extension_reads() -> None:
    for schema in SCHEMA_BY_FOLDER.values():
        assert schema["$schema"] == DRAFT == "http://json-schema.org/draft-07/schema#"
        jsonschema.Draft7Validator.check_schema(schema)
        assert "$defs" not in schema


@pytest.mark.parametrize(
    ("root", "file"), SAMPLES, ids=[f"{r.name}/{f.relative_to(r)}" for r, f in SAMPLES]
)
def test_every_sample_file_validates_against_its_schema(root: Path, file: Path) -> None:
    assert schema_problems(root, file) == []


@pytest.mark.parametrize(
    ("root", "file"), SAMPLES, ids=[f"{r.name}/{f.relative_to(r)}" for r, f in SAMPLES]
)
def test_a_field_added_to_a_sample_record_is_allowed_by_its_schema(
    tmp_path: Path, root: Path, file: Path
) -> None:
    copy = tmp_path / file.relative_to(root)
    copy.parent.mkdir(parents=True, exist_ok=True)
    copy.write_text(file.read_text("utf-8") + "备注: 加的字段\nremark: {by: 秘书}\n", "utf-8")
    assert schema_problems(tmp_path, copy) == []


def test_fields_added_everywhere_draw_nothing_from_check_or_the_schemas(
    tmp_path: Path, run_cli: Callable[..., Result]
) -> None:
    root = tmp_path / "community"
    shutil.copytree(REPO / "content", root / "content")
    shutil.copy(REPO / "site_config.yml", root / "site_config.yml")
    for file in sample_files(root):
        file.write_text(file.read_text("utf-8") + "负责人: 业委会秘书\ntags: [测试]\n", "utf-8")
        assert schema_problems(root, file) == []
    checked = run_cli("check", str(root), "--today", TODAY, "--format", "json")
    codes = {problem["code"] for problem in json.loads(checked.output)}
    assert "G103" not in codes and not any(c.startswith("G1") for c in codes), checked.output


def _walk(node: Any, path: str = "") -> Iterator[tuple[str, dict[str, Any]]]:
    if isinstance(node, dict):
        yield path, node
        for key, value in node.items():
            yield from _walk(value, f"{path}/{key}")
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from _walk(value, f"{path}/{index}")


def _chinese(text: str) -> bool:
    return bool(re.search(r"[\u4e00-\u9fff]", text))


def test_every_object_has_a_chinese_title_and_description() -> None:
    for folder, schema in SCHEMA_BY_FOLDER.items():
        for path, node in _walk(schema):
            if node.get("type") == "object" and "properties" in node:
                assert _chinese(node.get("title", "")), (folder, path)
                assert _chinese(node.get("description", "")), (folder, path)
            if isinstance(node.get("properties"), dict):
                for name, field in node["properties"].items():
                    assert _chinese(field.get("title", "")), (folder, path, name)


def test_every_choice_value_has_a_chinese_description_the_editor_shows() -> None:
    seen = 0
    for folder, schema in SCHEMA_BY_FOLDER.items():
        for path, node in _walk(schema):
            if "enum" in node:
                seen += 1
                descriptions = node.get("enumDescriptions", [])
                assert len(descriptions) == len(node["enum"]), (folder, path)
                assert all(_chinese(text) for text in descriptions), (folder, path)
    assert seen >= 7  # kind, type, category, status, vote kind, result, stage


def test_no_object_forbids_added_fields() -> None:
    for schema in SCHEMA_BY_FOLDER.values():
        assert all(node.get("additionalProperties") is not False for _, node in _walk(schema))


def test_no_format_the_editor_would_reject_a_valid_value_for() -> None:
    """VS Code checks `format: time` as RFC 3339 (16:30:00Z): it would flag "16:30"."""
    formats = {
        node["format"]
        for s in SCHEMA_BY_FOLDER.values()
        for _, node in _walk(s)
        if isinstance(node.get("format"), str)
    }
    assert formats <= {"date"}


LEDGER = """\
account: case-fund
name: 测试账户
period: {{start: 2026-01-01, end: 2026-03-31}}
opening_balance: {amount}
entries:
  - {{date: {date}, type: income, category: 捐赠, amount: 50.00, description: 捐赠}}
closing_balance: 150.00
prepared_by: 业委会
reviewed_by: 监督委员会
published: 2026-04-05
"""
SCHEDULE = """\
team: tutors
shifts:
  - {{date: 2026-12-02, start: {time}, end: "18:00", activity: 四点半课堂, location: 活动室}}
"""
MEMBER = """\
id: case-team
kind: volunteer_team
name: 测试队
members:
  - {{name: 甲, role: 队长, party_member: {flag}}}
"""


HOW_WRITTEN = {"G101", "G102", "G104", "G105", "G106", "G602"}
"""The codes of a value written in a form the record does not take (not its arithmetic)."""


@pytest.mark.parametrize(
    ("folder", "text", "accepted"),
    [
        ("funds", LEDGER.format(amount="100.00", date="2026-01-05"), True),
        ("funds", LEDGER.format(amount='"100.00"', date="2026-01-05"), True),
        ("funds", LEDGER.format(amount="'100.5'", date="2026-01-05"), True),
        ("funds", LEDGER.format(amount="100.07", date="2026-01-05"), True),
        ("funds", LEDGER.format(amount="100.001", date="2026-01-05"), False),
        ("funds", LEDGER.format(amount="1,000.00", date="2026-01-05"), False),
        ("funds", LEDGER.format(amount='"100元"', date="2026-01-05"), False),
        ("funds", LEDGER.format(amount="100.00", date='"2026-01-05"'), True),
        ("funds", LEDGER.format(amount="100.00", date="2026-1-5"), False),
        ("funds", LEDGER.format(amount="100.00", date="2026-02-30"), False),
        ("volunteers", SCHEDULE.format(time='"16:30"'), True),
        ("volunteers", SCHEDULE.format(time="16:30"), True),
        ("volunteers", SCHEDULE.format(time='"16：30"'), True),
        ("volunteers", SCHEDULE.format(time='"25:00"'), False),
        ("volunteers", SCHEDULE.format(time='"4点半"'), False),
        ("organizations", MEMBER.format(flag="true"), True),
        ("organizations", MEMBER.format(flag="yes"), True),
        ("organizations", MEMBER.format(flag="是"), True),
        ("organizations", MEMBER.format(flag="Yes"), True),
        ("organizations", MEMBER.format(flag="也许"), False),
    ],
)
def test_check_and_the_schema_agree_on_how_a_value_may_be_typed(
    base_project: Path, run_cli: Callable[..., Result], folder: str, text: str, accepted: bool
) -> None:
    file = base_project / "content" / folder / "case.yml"
    file.write_text(text, "utf-8")
    by_schema = schema_problems(base_project, file) == []
    checked = run_cli("check", str(base_project), "--today", TODAY, "--format", "json")
    in_file = [p for p in json.loads(checked.output) if p["file"].endswith("case.yml")]
    by_check = not any(p["code"] in HOW_WRITTEN or p["code"][:2] == "G0" for p in in_file)
    assert (by_schema, by_check) == (accepted, accepted), (checked.output, text)
