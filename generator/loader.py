"""YAML files to plain values that remember where each value was written.

PyYAML composes the node graph (with its C parser where present); we turn the
nodes into dicts, lists and strings ourselves, because its constructors lose
positions, silently keep the last of two duplicate keys, and apply YAML 1.1's
surprises (`no` → False, `010` → 8, `12:30` → 750). Here every scalar stays the
text the secretary typed (only an empty value or `~` becomes None), and the
models decide what the text means. Every problem becomes a `Diagnostic`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from generator import codes
from generator.diagnostics import Diagnostic, Span
from generator.yaml_slips import Pairs, full_width_slip, item_starts, missing_dash

try:  # the C parser is several times faster; the pure-Python one behaves the same
    from yaml._yaml import CParser as _Parser
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _Parser  # type: ignore[assignment]

MAX_FILE_BYTES = 4 * 1024 * 1024
"""A quarter's ledger is a few dozen kilobytes; anything this big is a mistake or an attack."""

_BYTES_PER_ENTRY = 120
"""About how long one ledger entry is written out: to state the byte limit in entries."""

MAX_EXPANDED_NODES = 200_000
"""Aliases may repeat a block, but not multiply it into millions of values ("billion laughs")."""

MAX_VALUES = 1_000_000
"""A file without aliases is bounded by its bytes; this only stops `[a,a,a,…]` packed into 4 MB."""

VALUES_PER_ENTRY = 16
"""About how many values one ledger entry is (keys and values): to state limits in entries."""

MAX_DEPTH = 40
"""Records nest four or five levels; hundreds of `[` would exhaust Python's stack."""

_NOT_PRINTABLE = re.compile(
    "[^\x09\x0a\x0d\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]"
)
"""What YAML does not accept in a file (PyYAML's own test): control characters mostly."""

PathKey = tuple[str | int, ...]
_NULL_TAG = "tag:yaml.org,2002:null"
_TEXT_TAG = "tag:yaml.org,2002:str"
_LIST_TAG = "tag:yaml.org,2002:seq"
_MAPPING_TAG = "tag:yaml.org,2002:map"
_NULL_WORDS = frozenset(("", "~", "null", "Null", "NULL"))
"""What YAML reads as null when written plain (unquoted)."""


@dataclass
class SourceMap:
    """Positions of the values of one file, keyed by their path from the top."""

    file: str
    values: dict[PathKey, tuple[int, int]] = field(default_factory=dict)
    keys: dict[PathKey, tuple[int, int]] = field(default_factory=dict)

    def span(self, *path: str | int) -> Span:
        """Where the value at `path` was written, or its nearest written parent."""
        key: PathKey = tuple(path)
        while True:
            position = self.values.get(key)
            if position is not None:
                return Span(self.file, *position)
            if not key:
                return Span(self.file, 1, 1)
            key = key[:-1]

    def key_span(self, *path: str | int) -> Span:
        """Where the key naming `path` was written (for unknown or duplicate keys)."""
        position = self.keys.get(tuple(path))
        return Span(self.file, *position) if position else self.span(*path)


@dataclass
class LoadedFile:
    """One YAML file read and understood as plain values, or the reasons it could not be."""

    path: Path
    name: str
    data: dict[str, Any] | None
    source: SourceMap
    diagnostics: list[Diagnostic]
    raw: bytes = b""
    """The file's bytes, kept only when it could not be understood: to tell what it was."""


def load_yaml_file(path: Path, name: str, *, content: bytes | None = None) -> LoadedFile:
    """Read `path` (shown to people as `name`); never raises for bad content.

    `content` stands in for the file's bytes when they come from elsewhere (a git blob).
    """
    source = SourceMap(name)
    raw = b""

    def failed(diagnostic: Diagnostic) -> LoadedFile:
        return LoadedFile(path, name, None, source, [diagnostic], raw)

    try:
        raw = path.read_bytes() if content is None else content
    except OSError as error:
        reason = "没有读取权限" if isinstance(error, PermissionError) else "系统报告读取失败"
        return failed(
            codes.G009.at(Span(name), f"无法读取此文件（{reason}）。请检查文件权限，或重新保存它。")
        )
    if len(raw) > MAX_FILE_BYTES:
        return failed(
            codes.G008.at(
                Span(name, 1, 1),
                f"文件有 {len(raw):,} 字节（{len(raw) / 1024 / 1024:.1f} MB），超过上限 "
                f"{MAX_FILE_BYTES // 1024 // 1024} MB（{MAX_FILE_BYTES:,} 字节，"
                f"约 {MAX_FILE_BYTES // _BYTES_PER_ENTRY:,} 条账目）。"
                "一个文件只放一条记录；账目请按季度或月份分成多个文件。",
            )
        )
    text_or_problem = _decode(raw, name)
    if isinstance(text_or_problem, Diagnostic):
        return failed(text_or_problem)
    text = text_or_problem
    unprintable = _NOT_PRINTABLE.search(text)
    if unprintable is not None:
        return failed(_control_character(text, unprintable.start(), name))
    composer = _Composer(text)
    try:
        root = composer.get_single_node()
    except _TooDeep as deep:
        line, column = _position(deep.node)
        return failed(
            codes.G010.at(
                Span(name, line, column),
                f"从这里开始，列表或“字段: 值”套了超过 {MAX_DEPTH} 层。记录最多只有四五层："
                "多半是方括号 [ 或花括号 { 写多了，或粘贴进了别的内容。请检查这里的括号和缩进。",
            )
        )
    except yaml.MarkedYAMLError as error:
        return failed(_syntax_diagnostic(error, name, text))
    except yaml.YAMLError:  # pragma: no cover - PyYAML marks all parse errors
        return failed(codes.G001.at(Span(name, 1, 1), "YAML 格式错误：请检查这个文件的写法。"))
    finally:
        composer.dispose()
    if root is None or _is_plain_null(root):  # `---` alone composes to a null, not to None
        return failed(
            codes.G005.at(Span(name, 1, 1), "文件是空的。请填写记录内容，或删除这个文件。")
        )
    if not isinstance(root, yaml.MappingNode):
        line, column = _position(root)
        return failed(
            codes.G006.at(
                Span(name, line, column),
                "文件最外层应是“字段: 值”的形式（如 `id: xxx`），现在却是"
                f"{'列表' if isinstance(root, yaml.SequenceNode) else '一段文字'}。"
                "请对照同类文件的写法修改。",
            )
        )
    if composer.composed > MAX_VALUES:
        return failed(
            codes.G011.at(
                Span(name, 1, 1),
                f"文件里有 {composer.composed:,} 个值，超过上限 {MAX_VALUES:,} 个"
                f"（约 {MAX_VALUES // VALUES_PER_ENTRY:,} 条账目；文件大小上限 "
                f"{MAX_FILE_BYTES // 1024 // 1024} MB）。一个文件只放一条记录："
                "账目请按季度或月份分成多个文件。",
            )
        )
    # Without an anchor (&) no node is shared, and the bytes already bound the size.
    if "&" in text and _expanded_size(root, {}) > MAX_EXPANDED_NODES:
        line, column = _position(root)
        return failed(
            codes.G007.at(
                Span(name, line, column),
                f"文件里的锚点/别名（& 和 *）展开后超过 {MAX_EXPANDED_NODES} 个值。"
                "请不要层层引用或引用自身，直接写出内容。",
            )
        )
    diagnostics: list[Diagnostic] = []
    data = _convert(root, (), source, diagnostics, text.split("\n"))
    return LoadedFile(path, name, data, source, diagnostics)


class _TextResolver:
    """Tags a scalar only as null or text, and counts the nodes composed.

    Stands in for PyYAML's resolver, which tries a dozen YAML 1.1 patterns (bool, int,
    float, timestamp…) on every scalar: half the time of composing, for tags we never read,
    since every scalar stays the text that was typed. Null is told apart exactly as PyYAML
    does: a plain (unquoted) scalar that is empty, `~`, `null`, `Null` or `NULL`.
    """

    composed = 0
    depth = 0

    def descend_resolver(self, current_node: Any, current_index: Any) -> None:
        self.composed += 1
        self.depth += 1
        if self.depth > MAX_DEPTH:
            raise _TooDeep(current_node)

    def ascend_resolver(self) -> None:
        self.depth -= 1

    def resolve(self, kind: type[yaml.Node], value: str | None, implicit: Any) -> str:
        if kind is yaml.ScalarNode:  # implicit: (written plain, written quoted)
            return _NULL_TAG if implicit[0] and value in _NULL_WORDS else _TEXT_TAG
        return _LIST_TAG if kind is yaml.SequenceNode else _MAPPING_TAG


class _Composer(_TextResolver, _Parser):
    """PyYAML's parser and composer (C where present) with the lean resolver above."""


class _TooDeep(Exception):
    """Raised while composing, before the nesting can exhaust the stack; carries where."""

    def __init__(self, node: yaml.Node) -> None:
        super().__init__()
        self.node = node


_CHARACTER_NAMES = {
    "\x00": "空字符",
    "\x08": "退格符",
    "\x0b": "垂直制表符",
    "\x0c": "换页符",
    "\x1b": "转义符",
    "\x7f": "删除符",
    "\ufffe": "无效字符",
    "\uffff": "无效字符",
}


def _control_character(text: str, offset: int, name: str) -> Diagnostic:
    """Where an invisible character sits, counted as an editor counts lines and columns."""
    line = text.count("\n", 0, offset) + 1
    column = offset - (text.rfind("\n", 0, offset) + 1) + 1
    character = text[offset]
    kind = _CHARACTER_NAMES.get(character, "控制字符")
    return codes.G012.at(
        Span(name, line, column),
        f"第 {line} 行第 {column} 列有一个看不见的{kind}（U+{ord(character):04X}），"
        "多半是从网页、微信或 Excel 复制文字时带进来的。请删除它：在 VS Code 里它显示为红色的"
        "小方块；也可以把这一行删掉后重新打字。",
    )


def _decode(raw: bytes, name: str) -> str | Diagnostic:
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]  # a BOM from Windows Notepad is harmless: accept it
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw.count(b"\n", 0, error.start) + 1
        column = error.start - (raw.rfind(b"\n", 0, error.start) + 1) + 1
        span = Span(name, line, column)
    try:
        raw.decode("gb18030")
    except UnicodeDecodeError:
        return codes.G004.at(
            span,
            "文件不是 UTF-8 编码，这里有无法识别的字节。请用记事本或 VS Code 另存为“UTF-8”编码。",
        )
    return codes.G004.at(
        span,
        "文件是用 GBK/GB18030 编码保存的（常见于 Windows 记事本、WPS 的默认设置），"
        "这里只认 UTF-8。请用记事本“另存为”→ 编码选“UTF-8”，"
        "或在 VS Code 右下角点编码→“通过编码保存”→ UTF-8。",
    )


_SYNTAX_HINTS: tuple[tuple[str, str], ...] = (
    (
        "mapping values are not allowed",
        '这一行的值里有冒号“: ”。含冒号的文字请整段加英文引号，如 description: "时间: 上午九点"。',
    ),
    (
        "could not find expected ':'",
        "这里缺少“字段: 值”中的英文冒号，或上一行的缩进不对。请检查冒号和缩进。",
    ),
    (
        "expected <block end>",
        "缩进对不齐：同一层的字段必须用同样多的空格开头。请对照上下行调整缩进。",
    ),
    (
        "found undefined alias",
        "这里引用了一个没有定义的别名（*名字）。请删除 * 或先用 &名字 定义它。",
    ),
    (
        "found unexpected end of stream",
        "文件在引号或括号还没结束时就到头了。请检查是否漏了右引号或右括号。",
    ),
    (
        "found unknown escape character",
        "双引号里的反斜杠 \\ 后面跟了无法识别的字符。请改用单引号，或把 \\ 写成 \\\\。",
    ),
    (
        "expected a comment or a line break",
        "引号后面还有多余的文字。整段文字请放在一对引号里面。",
    ),
    (
        "while parsing a flow",
        "方括号 [ ] 或花括号 { } 没有成对闭合。请检查括号和逗号。",
    ),
    (
        "found character '@' that cannot start any token",
        "以 @ 或 ` 开头的文字必须加英文引号。",
    ),
)


_STARTED_EARLIER = (
    "while scanning a simple key",
    "while scanning a quoted scalar",
    "while parsing a flow",
)
"""Mistakes PyYAML notices only lines later (or past the end of the file): the key without
its colon, the quote or bracket never closed. They belong where that key, quote or bracket began."""


_FULL_WIDTH_INDENT = re.compile(r"^ *\u3000")
_FULL_WIDTH_LOOKBACK = 3
"""How many lines above a syntax error to look for an indent typed with the Chinese IME's space."""


def _full_width_indent(text: str, line: int) -> tuple[int, int] | None:
    """A line at or just above `line` indented with U+3000, which YAML does not take for a space."""
    lines = text.split("\n")
    for number in range(min(line, len(lines)), max(line - _FULL_WIDTH_LOOKBACK, 0), -1):
        match = _FULL_WIDTH_INDENT.match(lines[number - 1])
        if match:
            return number, match.end()
    return None


def _syntax_diagnostic(error: yaml.MarkedYAMLError, name: str, text: str) -> Diagnostic:
    mark = error.problem_mark or error.context_mark
    if mark is not None:
        slip = full_width_slip(text, mark.line + 1, name)
        if slip is not None:
            return slip
        full_width = _full_width_indent(text, mark.line + 1)
        if full_width is not None:
            return codes.G001.at(
                Span(name, *full_width),
                "YAML 格式错误：这一行开头是全角空格（中文输入法下打出的空格），YAML 只认半角空格。"
                "请切换到英文输入法，把行首的空格删掉重新输入。",
            )
    if mark is not None and _tab_at(text, mark.line, mark.column, error.problem or ""):
        # Only the parser knows a Tab that indents from one inside a `|` text block (allowed).
        return codes.G003.at(
            Span(name, mark.line + 1, mark.column + 1),
            "这一行用 Tab 键缩进了。YAML 只认空格：请把行首的 Tab 换成空格（每级两个空格）。",
        )
    began = error.context_mark
    if (
        began is not None
        and (error.context or "").startswith(_STARTED_EARLIER)
        and (mark is None or mark.line > began.line)
    ):
        mark = began
    line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    problem = f"{error.context or ''} {error.problem or ''}"
    hint = next((text for marker, text in _SYNTAX_HINTS if marker in problem), None)
    if hint is None:
        hint = "请检查这一行及上一行的缩进、冒号和引号是否成对。"
    return codes.G001.at(Span(name, line, column), f"YAML 格式错误：{hint}")


def _tab_at(text: str, line: int, column: int, problem: str) -> bool:
    """Whether the parser stopped at a Tab (its C and Python versions word this differently)."""
    if "tab" in problem or "'\\t'" in problem:
        return True
    lines = text.split("\n")
    return line < len(lines) and lines[line][column : column + 1] == "\t"


def _is_plain_null(node: yaml.Node) -> bool:
    return isinstance(node, yaml.ScalarNode) and node.tag == _NULL_TAG and not node.style


def _position(node: yaml.Node) -> tuple[int, int]:
    return node.start_mark.line + 1, node.start_mark.column + 1


def _expanded_size(node: yaml.Node, memo: dict[int, int]) -> int:
    """How many values the node stands for once every alias is written out in full."""
    known = memo.get(id(node))
    if known is not None:
        return known
    memo[id(node)] = MAX_EXPANDED_NODES + 1  # an alias inside its own anchor never ends
    if isinstance(node, yaml.MappingNode):
        size = 1 + sum(_expanded_size(k, memo) + _expanded_size(v, memo) for k, v in node.value)
    elif isinstance(node, yaml.SequenceNode):
        size = 1 + sum(_expanded_size(item, memo) for item in node.value)
    else:
        size = 1
    memo[id(node)] = size
    return size


def _convert(
    node: yaml.Node,
    path: PathKey,
    source: SourceMap,
    diagnostics: list[Diagnostic],
    lines: list[str],
) -> Any:
    source.values[path] = (node.start_mark.line + 1, node.start_mark.column + 1)
    if isinstance(node, yaml.ScalarNode):
        return _scalar(node)
    if isinstance(node, yaml.SequenceNode):
        return _convert_list(node, path, source, diagnostics, lines)
    assert isinstance(node, yaml.MappingNode)
    starts = [0] if node.flow_style or not path else item_starts(node.value, first_key=True)
    if len(starts) > 1:  # `- ` left out of every item: a list written as one mapping
        key_node = node.value[starts[1]][0]
        diagnostics.append(
            missing_dash(key_node, node.start_mark.line + 1, None, lines, source.file)
        )
        return [
            _convert_fields(group, (*path, index), source, diagnostics, lines, mark_item=True)
            for index, group in enumerate(_groups(node.value, starts))
        ]
    return _convert_fields(node.value, path, source, diagnostics, lines)


def _scalar(node: yaml.ScalarNode) -> str | None:
    if node.tag == _NULL_TAG and not node.style:
        return None  # plain `~`, `null` or nothing; C and Python parsers differ: "" vs None
    return node.value  # type: ignore[no-any-return]


def _groups(pairs: Pairs, starts: list[int]) -> list[Pairs]:
    return [pairs[begin:end] for begin, end in zip(starts, [*starts[1:], len(pairs)], strict=True)]


def _convert_list(
    node: yaml.SequenceNode,
    path: PathKey,
    source: SourceMap,
    diagnostics: list[Diagnostic],
    lines: list[str],
) -> list[Any]:
    """The items of a list; an item whose fields hold another item missing its "- " is split."""
    values: list[Any] = []
    positions = source.values
    for item in node.value:
        item_path = (*path, len(values))
        if type(item) is yaml.ScalarNode:  # most items: taken here, without a call (`_scalar`)
            mark = item.start_mark
            positions[item_path] = (mark.line + 1, mark.column + 1)
            values.append(None if item.tag == _NULL_TAG and not item.style else item.value)
            continue
        block = isinstance(item, yaml.MappingNode) and not item.flow_style
        starts = item_starts(item.value) if block else [0]
        if len(starts) == 1:
            values.append(_convert(item, item_path, source, diagnostics, lines))
            continue
        dash = None if node.flow_style else node.start_mark.column
        groups = _groups(item.value, starts)
        for number, group in enumerate(groups):
            if number:
                first_line = groups[number - 1][0][0].start_mark.line + 1
                diagnostics.append(missing_dash(group[0][0], first_line, dash, lines, source.file))
            values.append(
                _convert_fields(
                    group, (*path, len(values)), source, diagnostics, lines, mark_item=True
                )
            )
    return values


def _convert_fields(
    pairs: Pairs,
    path: PathKey,
    source: SourceMap,
    diagnostics: list[Diagnostic],
    lines: list[str],
    mark_item: bool = False,
) -> dict[str, Any]:
    """One mapping's fields; `mark_item`: the mapping is part of one split by G125,
    written where its first field is."""
    if mark_item and pairs:
        source.values[path] = _position(pairs[0][0])
    mapping: dict[str, Any] = {}
    positions, key_positions = source.values, source.keys
    for key_node, value_node in pairs:
        if not isinstance(key_node, yaml.ScalarNode):
            line, column = _position(key_node)
            diagnostics.append(
                codes.G001.at(
                    Span(source.file, line, column),
                    "字段名必须是一段简单文字，这里却是列表或键值对。请检查缩进和冒号。",
                )
            )
            continue
        key = key_node.value
        key_path = (*path, key)
        if key in mapping:
            first_line = source.keys[key_path][0]
            line, column = _position(key_node)
            diagnostics.append(
                codes.G002.at(
                    Span(source.file, line, column),
                    f"字段「{key}」在同一层写了两次（第 {first_line} 行已有）。"
                    "YAML 只会保留其中一个，另一个会悄悄丢失：请删除或合并重复的那一行。",
                )
            )
            continue
        mark = key_node.start_mark
        key_positions[key_path] = key_position = (mark.line + 1, mark.column + 1)
        if type(value_node) is yaml.ScalarNode:  # most values: taken here, without a call
            mark = value_node.start_mark
            positions[key_path] = (mark.line + 1, mark.column + 1)
            null = value_node.tag == _NULL_TAG and not value_node.style  # as `_scalar` says
            mapping[key] = None if null else value_node.value
            continue
        mapping[key] = _convert(value_node, key_path, source, diagnostics, lines)
        if isinstance(value_node, yaml.CollectionNode) and not value_node.flow_style:
            # A block list or mapping begins on the line below its key. A problem with the
            # whole value (too few members, a missing field inside) belongs on the key's line.
            positions[key_path] = key_position
    return mapping
