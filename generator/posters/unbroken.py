"""Dates, times, amounts with their unit and links that a line never breaks inside.

"2026年12月18 / 日前" or "9:00– / 11:30" on a notice board is misread from a metre
away, and a link split at "https:// / cuihu…" cannot be typed in. Every such run in
text a secretary typed is wrapped in `<span class="nowrap">`; the line breaks before
or after it instead.
"""

from __future__ import annotations

import re

from markupsafe import Markup, escape

_DASH = r"[–—\-~～至到]"
FIGURES = re.compile(
    "|".join(
        (
            r"https?://[^\s<>，。；、）)」』]+",
            r"\d{4}\s?年\s?\d{1,2}\s?月(?:\s?\d{1,2}\s?[日号])?(?:前|止|起)?",
            r"\d{4}-\d{1,2}-\d{1,2}",
            r"\d{1,2}\s?月\s?\d{1,2}\s?[日号](?:前|止|起)?",
            rf"\d{{1,2}}[:：]\d{{2}}(?:\s?{_DASH}\s?\d{{1,2}}[:：]\d{{2}})?",
            r"[¥￥]\s?\d[\d,]*(?:\.\d+)?(?:\s?万?元)?",
            r"\d[\d,]*(?:\.\d+)?\s?(?:万元|元|平方米|㎡|户|千克|公斤|kg|辆|人|天|日|个月|年|%|％)",
            r"[0-9A-Za-z]{2,}(?:[-/][0-9A-Za-z]+)+",
        )
    )
)
"""What stays on one line: links, dates, times and spans, amounts, counts with units, codes."""


def _wrap_text(text: str) -> str:
    return FIGURES.sub(lambda m: f'<span class="nowrap">{m.group(0)}</span>', text)


def unbroken(value: str | Markup) -> Markup:
    """Escape plain text (or take markup as it is) and keep its figures whole.

    Only text between tags is touched, so markup that already holds spans or
    attributes (a link's href) passes through unchanged.
    """
    html = str(value if isinstance(value, Markup) else escape(value))
    parts = re.split(r"(<[^>]*>)", html)
    inside_nowrap = 0
    out = []
    for part in parts:
        if part.startswith("<"):
            if 'class="nowrap"' in part or 'class="url"' in part:
                inside_nowrap += 1
            elif part.startswith("</span") and inside_nowrap:
                inside_nowrap -= 1
            out.append(part)
        else:
            out.append(part if inside_nowrap else _wrap_text(part))
    return Markup("".join(out))
