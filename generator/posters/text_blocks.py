"""A matter's Markdown summary as plain blocks a poster can typeset safely.

Posters need paragraphs, lists and tables (`| 项目 | 范围 |`, as the site renders
them), not the whole of Markdown; anything else stays as the text the secretary
typed. No raw HTML from content reaches the page, `**bold**` is the only inline
markup kept, and dates, times and amounts are kept whole on a line (`unbroken`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from markupsafe import Markup, escape

from generator.cjk_text import join_wrapped
from generator.posters.unbroken import unbroken

_BULLET = re.compile(r"^\s*(?:[-*+]|\d+[.、)])\s+")
_ORDERED = re.compile(r"^\s*\d+[.、)]\s+")
_HEADING = re.compile(r"^\s*#{1,6}\s+")
_BOLD = re.compile(r"\*\*(.+?)\*\*")
_TABLE_ROW = re.compile(r"^\s*\|.*\|\s*$")
_TABLE_RULE = re.compile(r"^\s*\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?\s*$")
_NUMBER = re.compile(r"^[¥￥]?\s?-?\d[\d,]*(\.\d+)?\s?(元|万元|%|％|户|平方米)?$")


@dataclass(frozen=True)
class Cell:
    text: Markup
    numeric: bool


@dataclass(frozen=True)
class Block:
    kind: str  # "paragraph", "heading", "bullets", "numbers" or "table"
    items: tuple[Markup, ...]
    """A table's header cells; every other kind's lines."""
    rows: tuple[tuple[Cell, ...], ...] = field(default=())
    """A table's body rows."""


def inline(text: str) -> Markup:
    """Escape the text, keep `**bold**` as <strong>, and its figures whole on a line."""
    escaped = str(escape(text))
    return unbroken(Markup(_BOLD.sub(r"<strong>\1</strong>", escaped)))


def _cells(line: str) -> list[str]:
    return [cell.strip() for cell in line.strip().strip("|").split("|")]


def _table(lines: list[str]) -> Block:
    header = _cells(lines[0])
    rows = []
    for line in lines[2:]:
        cells = _cells(line) + [""] * len(header)
        rows.append(tuple(Cell(inline(c), bool(_NUMBER.match(c))) for c in cells[: len(header)]))
    return Block("table", tuple(inline(c) for c in header), tuple(rows))


def _join_lines(lines: list[str]) -> str:
    text = lines[0].strip()
    for line in lines[1:]:
        text = join_wrapped(text, line.strip())
    return text


def summary_blocks(text: str) -> list[Block]:
    """Split on blank lines; a run of `- ` or `1. ` lines becomes a list, `| a | b |` a table."""
    blocks: list[Block] = []
    for chunk in re.split(r"\n\s*\n", text.strip()):
        lines = [line for line in chunk.splitlines() if line.strip()]
        if not lines:
            continue
        if (
            len(lines) >= 2
            and _TABLE_RULE.match(lines[1])
            and all(_TABLE_ROW.match(line) for line in lines)
        ):
            blocks.append(_table(lines))
        elif all(_BULLET.match(line) for line in lines):
            kind = "numbers" if all(_ORDERED.match(line) for line in lines) else "bullets"
            blocks.append(Block(kind, tuple(inline(_BULLET.sub("", ln)) for ln in lines)))
        elif len(lines) == 1 and _HEADING.match(lines[0]):
            blocks.append(Block("heading", (inline(_HEADING.sub("", lines[0])),)))
        else:
            blocks.append(Block("paragraph", (inline(_join_lines(lines)),)))
    return blocks
