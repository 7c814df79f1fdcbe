"""The built pages set for reading on a phone: nothing a resident reads as one word breaks.

On a 390 px phone 65 of 116 full dates broke across lines (`2026年7月1/日`), as did
weekdays (`周/二`), names (`刘/志坚`) and amounts from their 元: Chinese text may break
between any two characters, so the browser does. Every such unit in a page's text is
wrapped in `<span class="gs-nw">` (CSS `white-space: nowrap`) once the site is built, so
the templates, the theme and the secretaries' Markdown are all covered by one pass.

The same pass gives every amount, area and count one format, thousands separated as
`money.yuan` writes them (`968000.00 元` in a summary becomes `968,000.00 元`), makes
phone numbers `tel:` links, and turns a record id written in a summary (`见事项
supervisory-election-2026`) into a link titled with that record's title.

Only text between tags changes: tags, attributes, scripts, styles, `<code>`, `<pre>`,
`<textarea>`, `<title>` and inline SVG are copied as they are.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import cached_property
from html import escape
from pathlib import Path

from generator.project import Project
from generator.urls import record_path

NOWRAP_CLASS = "gs-nw"
"""gongshi.css: `white-space: nowrap`, as a class (on tel: links) and as an element of that
name: `<gs-nw>` is a valid custom element, inline like a span and 12 bytes shorter than
`<span class="gs-nw">`, which a long ledger page repeats some 250 times.
tests/site/test_typography.py measures both in Chromium."""

_COPIED_PATTERN = (
    r"<!--.*?-->"
    r"|<(?P<raw>script|style|textarea|title|svg|pre|code|select)\b[^>]*>.*?</(?P=raw)\s*>"
    r"|<[A-Za-z/!?][^\"'>]*(?:(?:\"[^\"]*\"|'[^']*')[^\"'>]*)*>"
)
_PIECES = re.compile(f"({_COPIED_PATTERN})", re.S | re.I)
"""Everything in a page that is not text a reader sees (copied unchanged), as a separator:
`_PIECES.split(page)` is text, copied part, its raw element's name (or None), text, …"""
_LINK_START = re.compile(r"<a\b", re.I)
_LINK_END = re.compile(r"</a\s*>", re.I)

_DATE = (
    r"\d{4}\s?年\s?(?:第[一二三四]季度|\d{1,2}\s?月(?:\s?\d{1,2}\s?日)?)"
    r"|\d{1,2}\s?月\s?\d{1,2}\s?日"
    r"|\d{4}-\d{2}-\d{2}"
)
_WEEKDAY = r"(?:周|星期)[一二三四五六日天]"
_TIME = r"\d{1,2}:\d{2}(?:\s?[–—~－-]\s?\d{1,2}:\d{2})?"
_PHONE = r"0\d{2,3}-\d{7,8}|0\d{9,11}|1[3-9]\d{9}|400-?\d{3}-?\d{4}"
_UNITS_NOT_GROUPED = ("年",)
"""`2026 年` is a year, not a count: every other unit's number is thousands separated."""
_UNITS_AFTER_NUMBERS = (
    *("万元", "元", "平方米", "户", "人", "天", "个工作日", "个", "次", "份", "栋", "名", "项"),
    *("期", "岁", "%", "％", *_UNITS_NOT_GROUPED),
)
"""What is kept on one line with the number before it (`968,000.00 元`, `3 栋`)."""
_UNITS = "|".join(sorted(_UNITS_AFTER_NUMBERS, key=len, reverse=True))
_CODE = r"[A-Za-z0-9]+(?:-[A-Za-z0-9]+)+"
"""A voucher or poster code (`记-2026-041`, `Q73T-RPN7`): a browser breaks after its hyphens."""
_CODE_LONGEST = 24
"""Longer hyphenated text (an address typed out) may wrap, or it could not fit a line."""
_NUMBER = r"[¥￥]?\d[\d,]*(?:\.\d+)?"
_ASCII_LETTERS = re.compile(r"[\x00-\x2c\x2e\x2f\x3a-\x7f]*")
"""ASCII text without a digit or a hyphen."""
_EDGE_BEFORE = r"(?<![A-Za-z0-9_#&.,:/\-])"
_EDGE_AFTER = r"(?![A-Za-z0-9_.,:/\-])"
"""ASCII only: Chinese text runs straight into numbers (`费12600.00元从`)."""


@dataclass(frozen=True)
class Typesetting:
    """What a page's text is searched for: the community's people and its records."""

    names: frozenset[str] = frozenset()
    """People named in the records (members, volunteers, preparers): kept whole."""
    records: Mapping[str, tuple[str, str]] = field(default_factory=dict)
    """Record id → (title, page path below the site root, ending in `/`)."""

    @cached_property
    def pattern(self) -> re.Pattern[str]:
        """One scan per text: at each place the first alternative that matches wins."""
        parts = [
            rf"(?P<phone>{_EDGE_BEFORE}(?:{_PHONE})(?!\d))",
            rf"(?P<date>{_EDGE_BEFORE}(?:{_DATE}))",
            rf"(?P<weekday>{_WEEKDAY})",
            rf"(?P<time>{_EDGE_BEFORE}{_TIME}(?!\d))",
            rf"(?P<code>(?<![A-Za-z0-9_\-])(?:[\u4e00-\u9fff]-)?{_CODE}(?![A-Za-z0-9_\-]))",
            rf"(?P<amount>{_EDGE_BEFORE}{_NUMBER}(?:\s?(?:{_UNITS}))?{_EDGE_AFTER})",
        ]
        if self.records:
            ids = literal_alternation(self.records)
            parts.insert(0, rf"(?P<record>(?<![A-Za-z0-9_/\-]){ids}(?![A-Za-z0-9_/\-]))")
        if self.names:
            parts.append(rf"(?P<name>{literal_alternation(self.names)})")
        return re.compile("|".join(parts))

    @cached_property
    def typeset_texts(self) -> dict[tuple[str, bool, bool], str]:
        """(text, in a link, on the 404 page) → the text typeset, for texts whose result
        links no record and so is the same on every page."""
        return {}

    @cached_property
    def ascii_letters_hold_nothing(self) -> bool:
        """Whether ASCII text with no digit and no hyphen can be left as it is: every fixed
        alternative needs a digit, a hyphen or a Chinese character, and so does every name
        and record id unless one was given otherwise."""
        return not any(_ASCII_LETTERS.fullmatch(word) for word in (*self.names, *self.records))


def literal_alternation(words: Iterable[str]) -> str:
    """A pattern matching any of `words`, the longest first, written as a trie.

    Python's `re` tries the branches of `a|b|c` one by one at every position: with the
    500 matter ids of a ten-year community that was three quarters of typesetting. In a
    trie each position is tried against one branch per character. The matches are those of
    the words sorted longest first: from one position only one path can go on, and along it
    the greedy `?` tries the longer word before the shorter.
    """
    trie: _Trie = {}
    for word in words:
        node = trie
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}
    return _trie_pattern(trie)


_Trie = dict[str, "_Trie"]


def _trie_pattern(node: _Trie) -> str:
    ends = "" in node
    branches = [re.escape(char) + _trie_pattern(child) for char, child in node.items() if char]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    return f"(?:{body})?" if ends else body


def person_names(values: Iterable[str]) -> frozenset[str]:
    """The values that read as one person's name: two to four Chinese characters (or with
    a middle dot, as 阿依·买买提 is written); an organization's long name is not kept
    whole, or it could not fit a phone's line."""
    return frozenset(
        value.strip()
        for value in values
        if re.fullmatch(
            r"[\u4e00-\u9fff]{2,4}|[\u4e00-\u9fff]{1,6}·[\u4e00-\u9fff]{1,6}", value.strip()
        )
    )


def project_typesetting(project: Project) -> Typesetting:
    """The names and record titles of this community, gathered once per build."""
    people = [m.name for item in project.organizations for m in item.record.members]
    people += [v for item in project.schedules for s in item.record.shifts for v in s.volunteers]
    people += [
        name
        for item in project.ledgers
        for name in (item.record.prepared_by, item.record.reviewed_by)
    ]
    people += [item.record.feedback.contact for item in project.matters if item.record.feedback]
    records: dict[str, tuple[str, str]] = {}
    for matter in project.matters:
        records[matter.record.id] = (escape(matter.record.title), record_path(matter.record))
    for organization in project.organizations:
        records[organization.record.id] = (
            escape(organization.record.name),
            record_path(organization.record),
        )
    return Typesetting(
        person_names(people),
        {key: value for key, value in records.items() if re.search(r"[-\d]", key)},
    )


def thousands(number: str) -> str:
    """`968000.00` → `968,000.00`, `1286` → `1,286`; the digits and decimals as written."""
    digits = number.replace(",", "")
    whole, dot, fraction = digits.partition(".")
    return f"{int(whole):,}{dot}{fraction}"


def _nowrap(text: str) -> str:
    return f"<{NOWRAP_CLASS}>{text}</{NOWRAP_CLASS}>"


def typeset_text(
    text: str, setting: Typesetting, page_dir: str | None, in_link: bool
) -> tuple[str, bool]:
    """One text node (HTML-escaped already): units kept whole, numbers, phones and ids set;
    and whether it now links a record (so depends on `page_dir`). `page_dir` is the page's
    folder below the site root, None where links cannot be relative (the 404 page is
    served at any address)."""
    linked = False

    def replace(match: re.Match[str]) -> str:
        nonlocal linked
        kind = match.lastgroup
        found = match.group()
        if kind == "record":
            if in_link or page_dir is None:
                return found
            title, target = setting.records[found]
            href = posixpath.relpath(target, page_dir or ".") + "/"
            linked = True
            return f'<a href="{href}">{title}</a>'
        if kind == "phone":
            if in_link:
                return _nowrap(found)
            return (
                f'<a class="{NOWRAP_CLASS}" href="tel:{re.sub(r"[^0-9]", "", found)}">{found}</a>'
            )
        if kind == "code" and len(found) > _CODE_LONGEST:
            return found
        if kind == "amount":
            return _amount(found)
        return _nowrap(found)

    return setting.pattern.sub(replace, text), linked


_AMOUNT_PARTS = re.compile(r"([¥￥]?)(\d[\d,]*)(\.\d+)?(\s?)(.*)", re.S)


def _amount(found: str) -> str:
    """A number: thousands separated when it has a unit (money, an area, a count; not a
    year) or decimals (a table's amounts and areas), nowrap with its unit."""
    parts = _AMOUNT_PARTS.fullmatch(found)
    assert parts is not None
    sign, whole, fraction, space, unit = parts.groups()
    grouped = (unit and unit not in _UNITS_NOT_GROUPED) or (not unit and fraction is not None)
    digits = whole.replace(",", "")
    if grouped and len(digits) >= 4 and (whole == digits or thousands(digits) == whole):
        whole = thousands(digits)
    text = f"{sign}{whole}{fraction or ''}{space}{unit}"
    return _nowrap(text) if unit or sign or "," in whole else text


_HTML_SPACE = " \t\r\n\f"
_BLANK_RUN = re.compile(f"[{_HTML_SPACE}]{{2,}}")
"""HTML's own white space (not U+3000): a run of it shows as one space wherever it is not
copied (pre, code, textarea, script and style are)."""


def _squeezed(text: str) -> str:
    """Runs of white space as one: the theme's indentation is a third of a page's bytes."""
    return _BLANK_RUN.sub(lambda m: "\n" if "\n" in m.group() else " ", text)


def _typeset_gap(text: str, setting: Typesetting, page_dir: str | None, in_link: bool) -> str:
    """The text between two tags. Seven in ten are the theme's indentation alone, which
    is squeezed without a search (nothing is ever found in white space), and so is
    plain ASCII text (the long-text community's is a third of its text); a short text
    seen on an earlier page is typeset as it was there."""
    if not text.strip(_HTML_SPACE):
        return text if len(text) < 2 else "\n" if "\n" in text else " "
    if setting.ascii_letters_hold_nothing and _ASCII_LETTERS.fullmatch(text):
        return _squeezed(text)
    key = (text, in_link, page_dir is None)
    if (known := setting.typeset_texts.get(key)) is not None:
        return known
    typeset, linked = typeset_text(_squeezed(text), setting, page_dir, in_link)
    if not linked and len(text) <= _REMEMBERED_LENGTH:
        setting.typeset_texts[key] = typeset
    return typeset


_REMEMBERED_LENGTH = 200
"""Texts this short are kept once typeset: the header, navigation and footer every page
repeats, and the labels of every table. A record's own paragraphs are met once."""


def typeset_html(html: str, setting: Typesetting, page_dir: str | None) -> str:
    """A whole page: every text node typeset and its white space squeezed, the rest copied."""
    pieces = _PIECES.split(html)
    out: list[str] = []
    links = 0
    for index in range(0, len(pieces) - 1, 3):
        if text := pieces[index]:
            out.append(_typeset_gap(text, setting, page_dir, links > 0))
        tag = pieces[index + 1]
        if tag[1] in "aA" and _LINK_START.match(tag):
            links += 1
        elif tag[1] == "/" and _LINK_END.match(tag):
            links = max(links - 1, 0)
        out.append(tag)
    if text := pieces[-1]:
        out.append(_typeset_gap(text, setting, page_dir, links > 0))
    return "".join(out)


SKIPPED_FOLDERS = ("posters", "log", "pagefind", "assets")
"""Posters are printed as their own documents; the rest are not pages residents read."""


def typeset_site(site_dir: Path, setting: Typesetting) -> int:
    """Every page of a built site typeset in place; returns how many pages changed."""
    changed = 0
    for path in sorted(site_dir.rglob("*.html")):
        relative = path.relative_to(site_dir)
        if relative.parts[0] in SKIPPED_FOLDERS:
            continue
        page_dir = None if relative.as_posix() == "404.html" else relative.parent.as_posix()
        before = path.read_text(encoding="utf-8")
        after = typeset_html(before, setting, "" if page_dir == "." else page_dir)
        if after != before:
            path.write_text(after, encoding="utf-8")
            changed += 1
    return changed
