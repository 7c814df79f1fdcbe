"""A matter's Markdown summary as plain blocks a poster can typeset safely.

Posters need paragraphs and lists, not the whole of Markdown; anything else stays
as the text the secretary typed. Every block is escaped by the template (no raw
HTML from content reaches the page), and `**bold**` is the only inline markup kept.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from markupsafe import Markup, escape

from generator.cjk_text import join_wrapped

_BULLET = re.compile(r"^\s*(?:[-*+]|\d+[.、)])\s+")
_ORDERED = re.compile(r"^\s*\d+[.、)]\s+")
_HEADING = re.compile(r"^\s*#{1,6}\s+")
_BOLD = re.compile(r"\*\*(.+?)\*\*")


@dataclass(frozen=True)
class Block:
    kind: str  # "paragraph", "heading", "bullets" or "numbers"
    items: tuple[Markup, ...]


def inline(text: str) -> Markup:
    """Escape the text, then keep `**bold**` as <strong>."""
    escaped = str(escape(text))
    return Markup(_BOLD.sub(r"<strong>\1</strong>", escaped))


def _join_lines(lines: list[str]) -> str:
    text = lines[0].strip()
    for line in lines[1:]:
        text = join_wrapped(text, line.strip())
    return text


def summary_blocks(text: str) -> list[Block]:
    """Split on blank lines; a run of `- ` or `1. ` lines becomes a list."""
    blocks: list[Block] = []
    for chunk in re.split(r"\n\s*\n", text.strip()):
        lines = [line for line in chunk.splitlines() if line.strip()]
        if not lines:
            continue
        if all(_BULLET.match(line) for line in lines):
            kind = "numbers" if all(_ORDERED.match(line) for line in lines) else "bullets"
            blocks.append(Block(kind, tuple(inline(_BULLET.sub("", ln)) for ln in lines)))
        elif len(lines) == 1 and _HEADING.match(lines[0]):
            blocks.append(Block("heading", (inline(_HEADING.sub("", lines[0])),)))
        else:
            blocks.append(Block("paragraph", (inline(_join_lines(lines)),)))
    return blocks
