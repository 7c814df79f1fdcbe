"""The YAML slips a secretary makes most, recognised and named as what they are.

PyYAML reports where its grammar broke, in its own terms ("could not find expected
':'"), often a line or more after the slip. The loader asks here first whether the
lines around that place show one of the slips below, and if so reports that, at the
line where it was made:

- a full-width colon (`name：翠湖`), typed with the Chinese input method on;
- a full-width space after the colon (`name:　翠湖`), which YAML does not take for a space;
- a list item whose `- ` was left out: it merges into the item above, and every field
  it repeats would otherwise be reported as a duplicate (G125, one message instead).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import yaml

from generator import codes
from generator.diagnostics import Diagnostic, Span

_KEY = r"[A-Za-z_][A-Za-z0-9_]*"
_FULL_WIDTH_COLON = re.compile(rf"^(\s*(?:-\s+)?)({_KEY})\s*：")
_FULL_WIDTH_SPACE = re.compile(rf"^(\s*(?:-\s+)?)({_KEY}):\u3000")
_LOOKBACK = 2
"""PyYAML notices a missing colon on the line after it, or the one after that."""


def full_width_slip(text: str, line: int, name: str) -> Diagnostic | None:
    """A full-width colon or space after a key at `line` (1-based) or just above it."""
    lines = text.split("\n")
    for number in range(min(line, len(lines)), max(line - _LOOKBACK - 1, 0), -1):
        typed = lines[number - 1]
        colon = _FULL_WIDTH_COLON.match(typed)
        if colon is not None and ": " not in typed[: colon.end()]:
            key = colon.group(2)
            value = typed[colon.end() :].strip()
            fixed = _dash(colon.group(1)) + (f"{key}: {value}" if value else f"{key}:")
            return codes.G001.at(
                Span(name, number, colon.end()),
                f"YAML 格式错误：「{key}」后面的冒号「：」是全角的（中文输入法打出的），"
                f"YAML 只认英文的半角冒号「:」，后面再空一格。请切换到英文输入法，把这一行改成「{fixed}」。",
            )
        space = _FULL_WIDTH_SPACE.match(typed)
        if space is not None:
            key = space.group(2)
            value = typed[space.end() :].strip(" \u3000")
            return codes.G001.at(
                Span(name, number, space.end()),
                f"YAML 格式错误：「{key}:」后面是一个全角空格（中文输入法打出的空格），"
                f"YAML 只认半角空格。请切换到英文输入法，把这一行改成「{_dash(space.group(1))}{key}: {value}」。",
            )
    return None


def _dash(indent: str) -> str:
    """`- ` when the line is a list item's first line, else nothing."""
    return "- " if indent.strip() else ""


Pairs = Sequence[tuple[yaml.Node, yaml.Node]]


def item_starts(pairs: Pairs, first_key: bool = False) -> list[int]:
    """Where, among the fields of one list item, another item begins whose "- " is missing.

    Always starts with 0. A field that repeats one of the item so far begins a new item
    when it is the item's first field again (`name` after `- name:`), or when two or
    more of the fields from it on repeat the item's: a copied item, not one slip.
    `first_key`: only the first rule, for a mapping that is not a list item at all.
    """
    try:  # no field repeats, as in nearly every item: one item
        if len({key.value for key, _ in pairs}) == len(pairs):
            return [0]
    except TypeError:  # a key that is a list or a mapping (G001): count the others
        keys = [key.value for key, _ in pairs if isinstance(key, yaml.ScalarNode)]
        if len(set(keys)) == len(keys):
            return [0]
    starts = [0]
    seen: set[str] = set()
    for index, (key_node, _) in enumerate(pairs):
        if not isinstance(key_node, yaml.ScalarNode):
            continue
        key = key_node.value
        if key in seen and _begins_item(pairs, starts[-1], index, first_key):
            starts.append(index)
            seen = set()
        seen.add(key)
    ends = [*starts[1:], len(pairs)]
    # one repeated field alone is a line typed twice (G002), not an item
    return [0] + [s for s, e in zip(starts[1:], ends[1:], strict=True) if e - s >= 2]


def _key(node: yaml.Node) -> str | None:
    return node.value if isinstance(node, yaml.ScalarNode) else None


def _begins_item(pairs: Pairs, start: int, index: int, first_key: bool) -> bool:
    if _key(pairs[index][0]) == _key(pairs[start][0]):
        return True
    if first_key:
        return False
    before = {_key(key) for key, _ in pairs[start:index]}
    return sum(1 for key, _ in pairs[index:] if _key(key) in before) >= 2


def missing_dash(
    key_node: yaml.Node,
    first_line: int,
    dash_column: int | None,
    lines: Sequence[str],
    file: str,
) -> Diagnostic:
    """G125 at the first field of an item typed without its "- ".

    `first_line` is where the item it merged into begins; `dash_column` (0-based) where
    that item's dash is, or None when no item of the list has one.
    """
    line, column = key_node.start_mark.line, key_node.start_mark.column
    typed = lines[line] if line < len(lines) else ""
    key = _key(key_node) or ""
    if dash_column is not None and typed[:column].strip() == "" and dash_column < column:
        fixed = typed[:dash_column] + "-" + " " * (column - dash_column - 1) + typed[column:]
        return codes.G125.at(
            Span(file, line + 1, column + 1),
            f"这一行是列表的新一项，但行首少了「- 」，所以它和第 {first_line} 行开始的那一项"
            f"并成了一项，后面的字段都成了“重复”。请在「{key}」前面加上「- 」，"
            f"和第 {first_line} 行对齐，写成「{fixed.strip()}」。",
        )
    return codes.G125.at(
        Span(file, line + 1, column + 1),
        f"这里像是列表的新一项（又一个「{key}」），但列表的每一项前面都少了「- 」，所以各项"
        f"并成了一组，字段都成了“重复”。请在每一项的第一行（第 {first_line} 行、这一行……）的"
        f"「{key}」前面加上「- 」，并把同一项其余的行再多缩进两个空格。",
    )
