"""Finding personal numbers in text: resident ID numbers, mobiles, bank cards.

A number is found the way a reader would read it, not the way it is typed:
full-width digits, Chinese numerals (一三八…), `+86`/`0086`, and any spaces,
dashes, dots, brackets, zero-width or line-break characters between groups of
digits are all read through. The patterns stay strict so that a voucher, a date
or an area never raises a false alarm: an ID must carry a real birth date and
GB 11643 check digit, a card must pass Luhn and start like a bank card, a
mobile is eleven digits from 13 to 19. Every finding is masked before it is
shown, so a warning never leaks the number it warns about.
"""

from __future__ import annotations

import html
import re
import unicodedata
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from functools import cache
from html.parser import HTMLParser

from generator.joined_search import texts_matching

_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_ID_CHECK = "10X98765432"

CHINESE_DIGITS = {
    **dict.fromkeys("〇零", 0),
    **dict.fromkeys("一壹幺", 1),
    **dict.fromkeys("二贰貳", 2),
    **dict.fromkeys("三叁叄", 3),
    **dict.fromkeys("四肆", 4),
    **dict.fromkeys("五伍", 5),
    **dict.fromkeys("六陆陸", 6),
    **dict.fromkeys("七柒", 7),
    **dict.fromkeys("八捌", 8),
    **dict.fromkeys("九玖", 9),
}
"""Digits as a reader says them; 幺 is how 1 is read out in a phone number."""

SEPARATORS = (
    " \t\n\r\v\f\x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009"
    "\u200a\u2028\u2029\u202f\u205f\u3000"  # every kind of space and line break
    "\u00ad\u180e\u200b\u200c\u200d\u2060\ufeff"  # invisible: soft hyphen, zero-width
    "-\u2010\u2011\u2012\u2013\u2014\u2015\u2212\u2e3a\u2e3b\ufe58\ufe63\uff0d\u30fc"  # dashes
    "()[]{}（）［］｛｝【】〔〕〈〉《》"  # brackets
    "+＋*_`\\"  # a +86 prefix, and Markdown emphasis a plain field shows as it is
)
DOTS = ".\u00b7\u2022\u2027\u30fb\uff0e\uff65"
"""A dot joins groups only before three or more digits: `13.50` is an amount, `138.1234` is not."""

_MAX_SEPARATOR_RUN = 4
_SHORTEST_NUMBER = 11  # a mobile


@cache
def _reading_table() -> dict[int, str]:
    """One character to one character, so positions in the read text are positions in the text."""
    table: dict[int, str] = {}
    for point in range(0x10000):
        char = chr(point)
        value = unicodedata.decimal(char, None)
        if value is None:
            folded = unicodedata.normalize("NFKC", char)
            if len(folded) == 1 and folded.isascii() and folded.isdigit():
                value = int(folded)
        if value is not None:
            table[point] = str(value)
    for point in range(0x1D7CE, 0x1D800):  # mathematical bold, double-struck … digits
        table[point] = str((point - 0x1D7CE) % 10)
    table.update({ord(char): str(value) for char, value in CHINESE_DIGITS.items()})
    table.update(dict.fromkeys(map(ord, SEPARATORS), "_"))
    table.update(dict.fromkeys(map(ord, DOTS), "."))
    table.update(dict.fromkeys(map(ord, "xXｘＸ"), "X"))
    return table


_CHAIN = re.compile(rf"[0-9]+(?:[_.]{{1,{_MAX_SEPARATOR_RUN}}}[0-9]+)*X?(?![0-9])")
_GROUP = re.compile(r"[0-9]+X?")


@cache
def _possible_number() -> re.Pattern[str]:
    """What every personal number holds, found in the text as written: eleven digits (in any
    of the forms the reading table reads) with at most four separators between two.

    A mobile has eleven digits, an ID seventeen and its check character, a card sixteen to
    nineteen, all in one `_CHAIN`: text without this holds none, and is passed without being
    read through the table (nearly all text: names, dates, amounts, summaries). A separator
    is never a digit, so a run of them is taken whole (`++`), never tried shorter."""
    table = _reading_table()
    digit = _character_class(point for point, read in table.items() if read.isdigit())
    separator = _character_class(point for point, read in table.items() if read in "_.")
    gaps = _SHORTEST_NUMBER - 1
    return re.compile(f"{digit}(?:{separator}{{0,{_MAX_SEPARATOR_RUN}}}+{digit}){{{gaps}}}")


def _character_class(points: Iterable[int]) -> str:
    """`[…]` of these code points as ranges: a class listing the characters one by one, with
    some beyond U+FFFF, is tested several times slower for each character of the text."""
    ranges: list[list[int]] = []
    for point in sorted(points):
        if ranges and ranges[-1][1] == point - 1:
            ranges[-1][1] = point
        else:
            ranges.append([point, point])
    parts = (
        re.escape(chr(first)) + (f"-{re.escape(chr(last))}" if last > first else "")
        for first, last in ranges
    )
    return f"[{''.join(parts)}]"


@dataclass(frozen=True)
class Finding:
    kind: str  # "id", "mobile", "card"
    masked: str
    digits: str
    start: int = 0
    end: int = 0
    """Where the number stands in the text it was found in, separators included."""


def id_check_digit_valid(number: str) -> bool:
    """GB 11643: the 18th character is fixed by the first 17 digits."""
    total = sum(int(d) * w for d, w in zip(number[:17], _ID_WEIGHTS, strict=True))
    return _ID_CHECK[total % 11] == number[17].upper()


def luhn_valid(digits: str) -> bool:
    total = 0
    for position, char in enumerate(reversed(digits)):
        value = int(char)
        if position % 2 == 1:
            value = value * 2 - 9 if value > 4 else value * 2
        total += value
    return total % 10 == 0


def mask(digits: str, keep_start: int = 4, keep_end: int = 4) -> str:
    hidden = len(digits) - keep_start - keep_end
    return digits[:keep_start] + "*" * max(hidden, 0) + digits[-keep_end:]


def _is_resident_id(number: str) -> bool:
    if len(number) != 18 or number[0] == "0" or "X" in number[:17]:
        return False
    try:
        born = date(int(number[6:10]), int(number[10:12]), int(number[12:14]))
    except ValueError:
        return False
    return 1900 <= born.year <= 2100 and id_check_digit_valid(number)


def _kind(number: str) -> tuple[str, str] | None:
    """What a run of digits read as one number is, and its digits without a country code."""
    if _is_resident_id(number):
        return "id", number
    if "X" in number:
        return None
    for prefix in ("", "86", "0086"):
        rest = number[len(prefix) :]
        if (
            number.startswith(prefix)
            and len(rest) == 11
            and rest[0] == "1"
            and rest[1] in "3456789"
        ):
            return "mobile", rest
    if 16 <= len(number) <= 19 and number[0] in "345689" and luhn_valid(number):
        return "card", number
    return None


def _joined(separator: str, group: str) -> bool:
    """Whether a separator run still joins the group after it to the digits before it."""
    return "." not in separator or len(group.rstrip("X")) >= 3


def personal_numbers(text: str) -> Iterator[Finding]:
    """Each personal number in `text`, found once, the longest reading first."""
    if _possible_number().search(text) is None:  # most text: in C, at once
        return
    yield from read_numbers(text)


def read_numbers(text: str) -> Iterator[Finding]:
    """`personal_numbers` without the quick test for text that cannot hold one."""
    read = text.translate(_reading_table())
    for chain in _CHAIN.finditer(read):
        yield from _numbers_in_chain(read, chain.start(), chain.end())


def numbers_in_texts(texts: Sequence[str]) -> Iterator[tuple[int, Finding]]:
    """`personal_numbers` of each text, with the text's index, in order: the texts that may
    hold a number are found by one search of them all."""
    for index in texts_matching(_possible_number(), texts):
        for finding in read_numbers(texts[index]):
            yield index, finding


def _numbers_in_chain(read: str, start: int, end: int) -> Iterator[Finding]:
    groups: list[re.Match[str]] = []
    for group in _GROUP.finditer(read, start, end):
        if groups and not _joined(read[groups[-1].end() : group.start()], group.group()):
            yield from _numbers_in_groups(groups)
            groups = []
        groups.append(group)
    yield from _numbers_in_groups(groups)


def _numbers_in_groups(groups: list[re.Match[str]]) -> Iterator[Finding]:
    """Every run of whole groups that reads as a number; a longer reading wins over a shorter."""
    taken_until = -1
    for first in range(len(groups)):
        best: tuple[int, str, str] | None = None
        number = ""
        for last in range(first, len(groups)):
            number += groups[last].group()
            if len(number) > 19:
                break
            found = _kind(number)
            if found is not None:
                best = (last, *found)
        if best is None or groups[first].start() < taken_until:
            continue
        last, kind, digits = best
        keep = (3, 4) if kind == "mobile" else (4, 4)
        yield Finding(kind, mask(digits, *keep), digits, groups[first].start(), groups[last].end())
        taken_until = groups[last].end()


def mask_personal_numbers(text: str) -> str:
    """The text with every personal number in it replaced by its masked form."""
    findings = list(personal_numbers(text))
    for finding in sorted(findings, key=lambda f: f.start, reverse=True):
        text = text[: finding.start] + finding.masked + text[finding.end :]
    return text


def digits_only(text: str) -> str:
    """A number as its bare digits, without the country code: how public numbers are compared."""
    digits = "".join(
        char for char in text.translate(_reading_table()) if char.isdigit() and char.isascii()
    )
    for prefix in ("0086", "86"):
        if digits.startswith(prefix) and len(digits) == len(prefix) + 11:
            return digits[len(prefix) :]
    return digits


class _VisibleText(HTMLParser):
    """The text and the attribute values of rendered HTML: what a reader can see or tap."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []

    def handle_data(self, data: str) -> None:
        self.parts.append(data)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.parts.extend(f" {value} " for _, value in attrs if value)


def visible_text(rendered_html: str) -> str:
    """What a reader sees of rendered Markdown: tags gone, entities read."""
    parser = _VisibleText()
    parser.feed(rendered_html)
    parser.close()
    return html.unescape("".join(parser.parts))
