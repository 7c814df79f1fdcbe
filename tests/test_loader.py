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


def _only_problem(tmp_path: Path, text: str) -> tuple[str, int]:
    loaded = load(tmp_path, text)
    [problem] = loaded.diagnostics
    return problem.code, problem.span.line


def test_unclosed_quote_is_reported_where_it_opens_not_past_the_end(tmp_path: Path) -> None:
    assert _only_problem(tmp_path, 'a: 1\nb: "x\nc: 2\n') == ("G001", 2)
    assert _only_problem(tmp_path, "a: 1\nb: 'x\nc: 2\n") == ("G001", 2)


def test_missing_colon_is_reported_on_its_own_line(tmp_path: Path) -> None:
    assert _only_problem(tmp_path, "a: 1\nb 2\nc: 3\n") == ("G001", 2)
    assert _only_problem(tmp_path, "a: 1\nb: 2\nc 3\n") == ("G001", 3)


def test_unclosed_bracket_is_reported_where_it_opens(tmp_path: Path) -> None:
    assert _only_problem(tmp_path, "a: 1\nb: [1, 2\nc: 3\n") == ("G001", 2)
    assert _only_problem(tmp_path, "a: 1\nb: {x: 1,\n  y: 2\nc: 3\n") == ("G001", 2)


def test_misindented_key_is_still_reported_on_its_own_line(tmp_path: Path) -> None:
    assert _only_problem(tmp_path, "e:\n  - a: 1\n    b: 2\n   c: 3\n") == ("G001", 4)


def test_a_lone_document_marker_is_an_empty_file(tmp_path: Path) -> None:
    assert _only_problem(tmp_path, "# 待填写\n---\n") == ("G005", 1)


def test_a_block_list_or_mapping_is_located_at_its_key(tmp_path: Path) -> None:
    loaded = load(tmp_path, "id: x\nmembers:\n  - name: 甲\nterm:\n  start: 2026-01-01\nf: [1]\n")
    assert str(loaded.source.span("members")) == "record.yml:2:1"
    assert str(loaded.source.span("members", 0)) == "record.yml:3:5"
    assert str(loaded.source.span("term")) == "record.yml:4:1"
    assert str(loaded.source.span("term", "end")) == "record.yml:4:1"
    assert str(loaded.source.span("f")) == "record.yml:6:4"


def test_indent_typed_with_full_width_spaces_is_named_as_such(tmp_path: Path) -> None:
    loaded = load(tmp_path, "e:\n  - a: 1\n    b: 2\n\u3000\u3000c: 3\n    d: 4\n")
    [problem] = loaded.diagnostics
    assert (problem.code, problem.span.line) == ("G001", 4)
    assert "全角空格" in problem.message


def test_full_width_spaces_inside_a_block_text_are_fine(tmp_path: Path) -> None:
    loaded = load(
        tmp_path, "summary: |\n  \u3000\u3000小区现有车位 406 个。\n  \u3000\u3000方案通过。\n"
    )
    assert loaded.diagnostics == []


def test_only_plain_null_words_are_empty_and_quoted_ones_stay_text(tmp_path: Path) -> None:
    loaded = load(tmp_path, "a: null\nb: Null\nc: NULL\nd: 'null'\ne: \"~\"\nf: nULL\ng: !!str ~\n")
    assert loaded.data == {
        "a": None,
        "b": None,
        "c": None,
        "d": "null",
        "e": "~",
        "f": "nULL",
        "g": "~",
    }


def test_value_limit_counts_every_key_and_value(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setattr("generator.loader.MAX_VALUES", 50)
    at_limit = "a: [" + ", ".join(["x"] * 47) + "]\n"  # the mapping, its key, the list and 47 items
    assert load(tmp_path, at_limit).diagnostics == []
    over = "a: [" + ", ".join(["x"] * 48) + "]\n"
    assert [d.code for d in load(tmp_path, over).diagnostics] == ["G011"]


def test_a_plain_file_is_bounded_by_values_not_by_the_alias_limit(
    tmp_path: Path, monkeypatch
) -> None:
    monkeypatch.setattr("generator.loader.MAX_EXPANDED_NODES", 50)
    plain = "a: [" + ", ".join(["x"] * 480) + "]\n"
    assert load(tmp_path, plain).diagnostics == []


def test_value_limit_counts_an_alias_as_often_as_it_is_used(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setattr("generator.loader.MAX_EXPANDED_NODES", 13)
    shared = "a: &x [y, y]\nb: *x\nc: *x\n"  # 1 mapping + 3 keys + 3 lists of 3 values
    assert load(tmp_path, shared).diagnostics == []
    assert [d.code for d in load(tmp_path, shared + "d: *x\n").diagnostics] == ["G007"]
