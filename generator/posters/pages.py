"""Lay a poster out on sheets as an office would: read WeasyPrint's own boxes, then adjust.

CSS alone cannot say "tighten the page if the closing block would stand alone" or
"print 过次页 under the last entry of each page": both depend on where the pages
break. So the poster is laid out, its boxes (`page._page_box`) are read, and the
HTML is changed and laid out again:

- the closing block (feedback, 特此公示, seal, date) never stands alone on a sheet:
  it has `break-before: avoid`, so WeasyPrint takes the last lines of content with
  it, and when that still leaves a sheet for it, the tighter spacing (`html.tight`)
  is tried and kept when it needs fewer sheets;
- a ledger's entries get 过次页 under the last entry of each page and 承前页 at the top
  of the next, with the figures each row carries (`data-carry`, see ledger.html.j2);
- a poster of two or more sheets gets the 骑缝章 mark on each (`html.multi-page`).

The HTML published beside the PDF stays the one page a screen shows, without these.
"""

from __future__ import annotations

import html as html_text
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from itertools import pairwise
from typing import Any

import weasyprint
from weasyprint.text.fonts import FontConfiguration

Render = Callable[[str], weasyprint.Document]


def boxes(box: Any) -> Iterator[Any]:
    """A box and all boxes inside it, in document order."""
    yield box
    for child in getattr(box, "children", ()):
        yield from boxes(child)


def _classes(box: Any) -> set[str]:
    element = getattr(box, "element", None)
    return set((element.get("class") or "").split()) if element is not None else set()


def _body(page: Any) -> Any:
    return next(b for b in boxes(page._page_box) if getattr(b, "element_tag", None) == "body")


def closing_stands_alone(document: weasyprint.Document) -> bool:
    """Whether the last sheet holds the closing block and nothing of the body above it."""
    if len(document.pages) < 2:
        return False
    body = _body(document.pages[-1])
    tags = [getattr(child, "element_tag", None) for child in body.children]
    main = [child for child in body.children if getattr(child, "element_tag", None) == "main"]
    has_content = any(
        type(b).__name__ in ("LineBox", "TableRowBox") for m in main for b in boxes(m)
    )
    return "footer" in tags and not has_content


def _with_class(html: str, name: str) -> str:
    match = re.search(r'<html lang="zh-CN"( class="([^"]*)")?>', html)
    assert match, "poster HTML starts with <html lang=zh-CN>"
    classes = [*(match.group(2) or "").split(), name]
    return (
        html[: match.start()]
        + f'<html lang="zh-CN" class="{" ".join(classes)}">'
        + html[match.end() :]
    )


@dataclass(frozen=True)
class RowBox:
    page: int
    top: float
    height: float


_ENTRY = re.compile(r'<tr class="entry" data-carry="([^"]*)">.*?</tr>', re.S)


def _entry_boxes(document: weasyprint.Document) -> list[RowBox]:
    rows = []
    for number, page in enumerate(document.pages):
        for box in boxes(page._page_box):
            if type(box).__name__ == "TableRowBox" and "entry" in _classes(box):
                rows.append(RowBox(number, box.position_y, box.margin_height()))
    return rows


def _row_height(document: weasyprint.Document, name: str) -> float:
    for page in document.pages:
        for box in boxes(page._page_box):
            if type(box).__name__ == "TableRowBox" and name in _classes(box):
                return float(box.margin_height())
    return 0.0


def _content_bottom(page: Any) -> float:
    box = page._page_box
    return float(box.content_box_y() + box.height)


def carry_breaks(document: weasyprint.Document, carry_height: float) -> list[int]:
    """After which entries a page must end so that each page also holds its 过次页 row.

    Rows never split (`break-inside: avoid`), so their heights from the first layout
    hold on any page; a continuation page starts where the first layout's second page
    put its first entry (below the repeated table header), one 承前页 row lower.
    """
    rows = _entry_boxes(document)
    if not rows or rows[-1].page == rows[0].page:
        return []
    first_page = rows[0].page
    later_top = next(r.top for r in rows if r.page > first_page)
    breaks: list[int] = []
    y = rows[0].top
    bottom = _content_bottom(document.pages[first_page])
    for index, row in enumerate(rows):
        need = row.height + (carry_height if index < len(rows) - 1 else 0)
        if y + need > bottom and index > 0 and (not breaks or breaks[-1] < index - 1):
            breaks.append(index - 1)
            y = later_top + carry_height
            bottom = _content_bottom(document.pages[min(row.page, len(document.pages) - 1)])
        y += row.height
    return breaks


def with_carry_rows(html: str, breaks: list[int]) -> str:
    """The HTML with 过次页 after each breaking entry and 承前页 starting the next page."""
    chosen = set(breaks)
    count = -1

    def replace(match: re.Match[str]) -> str:
        nonlocal count
        count += 1
        if count not in chosen:
            return match.group(0)
        cells = html_text.unescape(match.group(1))
        carry_out = f'<tr class="carry carry-out">{cells.replace("{label}", "过次页")}</tr>'
        carry_in = (
            '<tr class="carry carry-in" style="break-before: page">'
            f"{cells.replace('{label}', '承前页')}</tr>"
        )
        return match.group(0) + carry_out + carry_in

    return _ENTRY.sub(replace, html)


def carries_hold(document: weasyprint.Document) -> bool:
    """Every page with entries that the table continues after ends with 过次页, the next starts with 承前页."""
    kinds: list[list[str]] = [[] for _ in document.pages]
    for number, page in enumerate(document.pages):
        for box in boxes(page._page_box):
            if type(box).__name__ == "TableRowBox":
                found = _classes(box) & {"entry", "carry-out", "carry-in"}
                kinds[number] += sorted(found)
    pages = [k for k in kinds if k]
    for this, following in pairwise(pages):
        if this[-1] != "carry-out" or following[0] != "carry-in":
            return False
    return True


def last_sheet_is_mostly_closing(document: weasyprint.Document) -> bool:
    """The last sheet holds the closing block and at most a few lines of the body above it."""
    if len(document.pages) < 2:
        return False
    page = document.pages[-1]
    body = _body(page)
    main = [c for c in body.children if getattr(c, "element_tag", None) == "main"]
    footer = [c for c in body.children if getattr(c, "element_tag", None) == "footer"]
    content = sum(float(m.margin_height()) for m in main)
    return bool(footer) and content < 0.3 * float(page._page_box.height)


def laid_out(html: str, fonts: FontConfiguration) -> weasyprint.Document:
    """The poster's final layout (see the module docstring); at most a few extra passes."""

    def render(page: str) -> weasyprint.Document:
        return weasyprint.HTML(string=page).render(font_config=fonts)

    html, document = _with_carry_overs(html, render)
    if closing_stands_alone(document) or last_sheet_is_mostly_closing(document):
        tight_html, tight = _with_carry_overs(
            _with_class(html_without_carries(html), "tight"), render
        )
        if len(tight.pages) < len(document.pages) or (
            len(tight.pages) == len(document.pages) and not closing_stands_alone(tight)
        ):
            html, document = tight_html, tight
    if len(document.pages) > 1:
        document = render(_with_class(html, "multi-page"))
    return document


_CARRY_ROW = re.compile(r'<tr class="carry carry-(?:out|in)"[^>]*>.*?</tr>', re.S)


def html_without_carries(html: str) -> str:
    return _CARRY_ROW.sub("", html)


def _with_carry_overs(html: str, render: Render) -> tuple[str, weasyprint.Document]:
    """A ledger's HTML with its 过次页 / 承前页 rows where its pages break, and its layout."""
    document = render(html)
    if 'class="entry" data-carry=' not in html:
        return html, document
    carry = _row_height(document, "opening-row")
    for attempt in range(4):
        breaks = carry_breaks(document, carry * (1 + 0.25 * attempt))
        if not breaks:
            break
        candidate_html = with_carry_rows(html, breaks)
        candidate = render(candidate_html)
        if carries_hold(candidate):
            return candidate_html, candidate
    return html, document
