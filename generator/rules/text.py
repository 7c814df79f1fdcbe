"""Text that every output can carry: one line where one line is meant, nothing invisible, no blank names.

A record's text ends up in feed titles (feedgen), calendar values (icalendar), table
cells, headings and poster lines. Those libraries refuse or mangle a line break in a
title, a control character, or an empty name; these rules say so in `check`, at the
value, so that whatever `check` passes the build accepts.

Which fields are one line is declared once, in the models: `Prose` fields (the
Markdown summaries and notes) may span lines, every other `Text` is one line.
"""

from __future__ import annotations

import re
import unicodedata
import weakref
from collections.abc import Iterator
from dataclasses import dataclass

from pydantic import BaseModel

from generator import codes
from generator.diagnostics import Diagnostic
from generator.project import Project, Sourced
from generator.rules.record_texts import TextValue, project_texts

PathKey = tuple[str | int, ...]

LINE_BREAKS = "\n\r\x0b\x0c\x85\u2028\u2029"
"""Everything a reader, a browser or a calendar program may take for the end of a line."""
PROSE_LINE_BREAKS = "\n\r"
"""What a multi-line field may hold besides tabs: a line break as any editor writes it."""

_SUSPECT = re.compile(
    r"[\x00-\x08\x0a-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff\ufdd0-\ufdef\ufffe\uffff]"
)
"""Any character one of the rules below looks at: most text has none, and is passed at once."""

_CHARACTER_NAMES = {
    "\x00": "空字符",
    "\x07": "响铃符",
    "\x08": "退格符",
    "\x0b": "垂直制表符",
    "\x0c": "换页符",
    "\x1b": "转义符",
    "\x7f": "删除符",
    "\x85": "下一行符",
}

BLANK_CHECKED_FIELDS = frozenset({"name", "title"})
"""Fields that name or head something: a record, a member, a document, the community, the site."""


@dataclass(frozen=True)
class _Scan:
    """What the three rules look at, found in one walk over every text of the project."""

    suspects: tuple[tuple[Sourced[BaseModel], TextValue], ...]
    blanks: tuple[tuple[Sourced[BaseModel], TextValue], ...]


_last_scan: tuple[weakref.ref[Project], _Scan] | None = None


def _scan(project: Project) -> _Scan:
    """The project's suspect and blank values; the three rules of one check share one walk."""
    global _last_scan
    if _last_scan is not None and _last_scan[0]() is project:
        return _last_scan[1]
    suspects, blanks = [], []
    for item, value in project_texts(project):
        if _SUSPECT.search(value.text):
            suspects.append((item, value))
        if value.field in BLANK_CHECKED_FIELDS and not value.is_key and _is_blank(value.text):
            blanks.append((item, value))
    scan = _Scan(tuple(suspects), tuple(blanks))
    _last_scan = (weakref.ref(project), scan)
    return scan


def _suspect_values(project: Project) -> Iterator[tuple[Sourced[BaseModel], TextValue]]:
    yield from _scan(project).suspects


def _character_name(character: str) -> str:
    name = _CHARACTER_NAMES.get(character)
    if name is None:
        category = unicodedata.category(character)
        name = "无效字符" if category in ("Cs", "Cn") else "控制字符"
    return f"{name}（U+{ord(character):04X}）"


_FORBIDDEN_IN_PROSE = re.compile(
    r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufdd0-\ufdef\ufffe\uffff]"
)
"""A control character (category Cc, less tab and PROSE_LINE_BREAKS), a lone surrogate (Cs)
or a non-character: what no output can hold. One search, not a test of each character."""
_FORBIDDEN_IN_A_LINE = re.compile(
    r"[\x00-\x08\x0e-\x1f\x7f-\x84\x86-\x9f\ud800-\udfff\ufdd0-\ufdef\ufffe\uffff]"
)
"""The same in a one-line field, less the LINE_BREAKS (a new line there is G120's)."""


def _first_forbidden(text: str, multi_line: bool) -> re.Match[str] | None:
    return (_FORBIDDEN_IN_PROSE if multi_line else _FORBIDDEN_IN_A_LINE).search(text)


def new_line_diagnostics(project: Project) -> Iterator[Diagnostic]:
    for item, value in _suspect_values(project):
        if value.multi_line:
            continue
        position = next((i for i, c in enumerate(value.text) if c in LINE_BREAKS), None)
        if position is None:
            continue
        before = value.text[:position].strip()
        where = f"「{before[-12:]}」后面" if before else "开头"
        yield codes.G120.at(
            item.span(*value.path),
            f"{value.label}只能写一行，这里在{where}换了行。请把它接成一行；"
            "如果用了 | 写成几行，请删掉 | 把内容写在冒号后面（太长可以用 > 折行，读出来仍是一行）。",
        )


def control_character_diagnostics(project: Project) -> Iterator[Diagnostic]:
    for item, value in _suspect_values(project):
        found = _first_forbidden(value.text, value.multi_line)
        if found is None:
            continue
        position, character = found.start(), found.group()
        yield codes.G121.at(
            item.span(*value.path),
            f"{value.label}的第 {position + 1} 个字符是看不见的{_character_name(character)}，"
            "网页、订阅和日历都放不下它。多半是在双引号里写了 \\x07、\\e 这样的转义，"
            "或从网页、微信复制文字时带进来的。请删掉它（把这段文字重新打一遍最稳妥）。",
        )


def _is_blank(text: str) -> bool:
    """Nothing a reader could see: empty, spaces, or only invisible characters."""
    return all(c.isspace() or unicodedata.category(c) in ("Cc", "Cf") for c in text)


def blank_name_diagnostics(project: Project) -> Iterator[Diagnostic]:
    for item, value in _scan(project).blanks:
        yield codes.G122.at(
            item.span(*value.path),
            f"{value.label}是空的。网页标题、订阅和海报都要用它：请写上名称或标题，"
            "如“翠湖花园小区业主委员会”“更换 5 栋电梯”。",
        )
