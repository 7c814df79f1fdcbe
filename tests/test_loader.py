"""The loader keeps what the secretary typed, exactly, and where they typed it."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from generator.loader import load_yaml_file
from generator.models import Entry, Shift


def load(tmp_path: Path, text: str, encoding: str = "utf-8") -> object:
    path = tmp_path / "record.yml"
    path.write_bytes(text.encode(encoding))
    return load_yaml_file(path, "record.yml")


def test_every_scalar_stays_the_text_that_was_typed(tmp_path: Path) -> None:
    loaded = load(tmp_path, "a: no\nb: on\nc: 010\nd: 12:30\ne: 1234.10\nf: ~\ng:\n")
    assert loaded.data == {
        "a": "no",
        "b": "on",
        "c": "010",
        "d": "12:30",
        "e": "1234.10",
        "f": None,
        "g": None,
    }


def test_positions_are_one_based_line_and_column(tmp_path: Path) -> None:
    loaded = load(tmp_path, "entries:\n  - amount: 5.00\n    date: 2026-01-01\n")
    assert str(loaded.source.span("entries", 0, "date")) == "record.yml:3:11"
    assert str(loaded.source.key_span("entries", 0, "date")) == "record.yml:3:5"
    # a value that is missing points at its nearest written parent
    assert str(loaded.source.span("entries", 0, "category")) == "record.yml:2:5"


def test_amounts_are_exact_decimals_from_the_text(tmp_path: Path) -> None:
    loaded = load(
        tmp_path,
        "date: 2026-01-01\ntype: income\ncategory: 停车费\namount: 1234.10\ndescription: x\n",
    )
    entry = Entry.model_validate(loaded.data)
    assert entry.amount == Decimal("1234.10")
    assert str(entry.amount) == "1234.10"


def test_a_time_typed_without_quotes_is_still_a_time(tmp_path: Path) -> None:
    loaded = load(
        tmp_path, "date: 2026-01-01\nstart: 16:30\nend: 18:00\nactivity: 课堂\nlocation: 二楼\n"
    )
    shift = Shift.model_validate(loaded.data)
    assert (shift.start.hour, shift.start.minute) == (16, 30)


def test_a_bom_is_accepted(tmp_path: Path) -> None:
    path = tmp_path / "bom.yml"
    path.write_bytes(b"\xef\xbb\xbfname: \xe6\xb5\x8b\n")
    loaded = load_yaml_file(path, "bom.yml")
    assert loaded.diagnostics == [] and loaded.data == {"name": "测"}


def test_gbk_file_is_named_as_such(tmp_path: Path) -> None:
    loaded = load(tmp_path, "# 说明\nname: 翠湖花园\n", encoding="gb18030")
    [problem] = loaded.diagnostics
    assert problem.code == "G004"
    assert "GBK" in problem.message and "UTF-8" in problem.message
    assert problem.span.line == 1


def test_recursive_alias_is_refused_not_followed_forever(tmp_path: Path) -> None:
    loaded = load(tmp_path, "a: &loop [*loop]\n")
    assert [d.code for d in loaded.diagnostics] in (["G007"], ["G001"])
