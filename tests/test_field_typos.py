"""Which unknown keys are typos (G103) and which are a community's own added fields."""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from click.testing import Result
from pydantic import BaseModel

from generator.field_typos import edit_distance, misspelt_field
from generator.models import Ledger, Matter, Organization, Schedule, SiteConfig
from generator.parse import _fields_at, _inner_model
from tests.conftest import BASE, TODAY

LEDGER = _fields_at(Ledger, ())
ENTRY = _fields_at(Ledger, ("entries", 0))


@pytest.mark.parametrize(
    ("key", "field"),
    [
        ("closing_balence", "closing_balance"),  # one letter
        ("opening_balnace", "opening_balance"),  # two neighbours swapped
        ("Closing_Balance", "closing_balance"),  # case
        ("closing balance", "closing_balance"),  # a space for the underscore
        ("closing-balance", "closing_balance"),  # a hyphen
        ("ｃｌｏｓｉｎｇ＿ｂａｌａｎｃｅ", "closing_balance"),  # full-width, input method left on
        ("期末余额", "closing_balance"),  # the field's Chinese title
        ("reviewed_by ", "reviewed_by"),
    ],
)
def test_a_known_field_written_wrongly_is_a_misspelling(key: str, field: str) -> None:
    found = misspelt_field(key, LEDGER)
    assert found is not None and found.field == field


ADDED_NAMES = (
    "remark",
    "remarks",
    "tags",
    "photo",
    "photos",
    "url",
    "link",
    "attachments",
    "comment",
    "wechat",
    "count",
    "year",
    "quarter",
    "leader",
    "负责人",
    "附件",
    "照片",
    "经手人",
)


def _every_part(model: type[BaseModel]) -> Iterator[type[BaseModel]]:
    seen: set[type[BaseModel]] = set()
    todo = [model]
    while todo:
        part = todo.pop()
        if part in seen:
            continue
        seen.add(part)
        yield part
        todo.extend(
            inner for f in part.model_fields.values() if (inner := _inner_model(f.annotation))
        )


@pytest.mark.parametrize("model", [SiteConfig, Organization, Ledger, Matter, Schedule])
def test_names_communities_add_are_not_taken_for_a_field(model: type[BaseModel]) -> None:
    for part in _every_part(model):
        fields = _fields_at(part, ())
        for name in ADDED_NAMES:
            if name not in fields:
                assert misspelt_field(name, fields) is None, (part.__name__, name)


def test_short_field_names_need_an_exact_form() -> None:
    assert misspelt_field("ned", {"end": "结束日期"}) is None
    assert misspelt_field("END", {"end": "结束日期"}) is not None


def test_edit_distance_counts_a_swap_as_one_and_stops_past_the_limit() -> None:
    assert edit_distance("balnace", "balance", 2) == 1
    assert edit_distance("abc", "abc", 0) == 0
    assert edit_distance("kitten", "sitting", 1) == 2  # the limit + 1, not the full figure
    assert edit_distance("kitten", "sitting", 3) == 3


def test_a_key_added_to_every_sample_record_draws_nothing_and_a_typo_draws_g103(
    tmp_path: Path, run_cli: Callable[..., Result]
) -> None:
    root = tmp_path / "community"
    shutil.copytree(BASE, root)
    files = [root / "site_config.yml", *sorted((root / "content").rglob("*.yml"))]
    for path in files:
        path.write_text(path.read_text("utf-8") + "备注: 本条为测试加的字段\n", "utf-8")
    checked = run_cli("check", str(root), "--today", TODAY, "--strict")
    assert checked.exit_code == 0, checked.output
    ledger = root / "content" / "funds" / "public-2026-q1.yml"
    text = ledger.read_text("utf-8")
    ledger.write_text(text.replace("prepared_by:", "prepard_by:"), "utf-8")
    line = text[: text.index("prepared_by:")].count("\n") + 1
    checked = run_cli("check", str(root), "--today", TODAY)
    assert f"public-2026-q1.yml:{line}:1: 警告 G103" in checked.output
    assert "「prepared_by」（制表人）" in checked.output
