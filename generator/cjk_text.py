"""Soft-wrapped Chinese text rejoined the way Chinese is written: with no space at the wrap.

Secretaries wrap long lines in their editor. Markdown turns each wrap into a space,
which is right between English words and wrong beside a Chinese character or a
full-width comma ("11 次， xx市"). The site and the posters both rejoin wraps here.
"""

from __future__ import annotations

import re

_WIDE = re.compile(r"[\u3000-\u9fff\uff00-\uffef]")
_BLOCK_START = re.compile(r"\s*(?:[-*+]\s|\d+[.、)]\s|#|>|\||```|~~~)")
"""A line that starts a list item, heading, quote, table row or code fence: never joined."""
_ONE_LINE_BLOCK = re.compile(r"\s*(?:#|\||```|~~~)")
"""A heading, table row or fence ends at its line: the next line is never joined onto it."""


def join_wrapped(before: str, after: str) -> str:
    """Two pieces of one paragraph: no space next to a wide character, one space otherwise."""
    before, after = before.rstrip(), after.lstrip()
    if _WIDE.match(before[-1:]) or _WIDE.match(after[:1]):
        return before + after
    return f"{before} {after}"


def unwrap_soft_breaks(source: str) -> str:
    """Markdown with each soft wrap beside Chinese text removed; blocks and hard breaks kept."""
    lines = source.split("\n")
    joined = [lines[0]]
    for line in lines[1:]:
        previous = joined[-1]
        hard_break = previous.endswith(("  ", "\\")) or _ONE_LINE_BLOCK.match(previous)
        wide = _WIDE.match(previous.rstrip()[-1:]) or _WIDE.match(line.lstrip()[:1])
        if (
            previous.strip()
            and line.strip()
            and wide
            and not hard_break
            and not _BLOCK_START.match(line)
        ):
            joined[-1] = join_wrapped(previous, line)
        else:
            joined.append(line)
    return "\n".join(joined)


def one_line(text: str) -> str:
    """Text of several lines or paragraphs as one line, for a title, description or table cell."""
    pieces = [" ".join(line.split()) for line in text.splitlines()]
    joined = ""
    for piece in filter(None, pieces):
        joined = join_wrapped(joined, piece) if joined else piece
    return joined
