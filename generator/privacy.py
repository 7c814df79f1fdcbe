"""Finding personal numbers in text: resident ID numbers, mobiles, bank cards.

The patterns are strict on purpose (check digits, Luhn) so that a voucher
number or an area never raises a false alarm, and every finding is masked
before it is shown, so the warning itself does not leak the number.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_ID_CHECK = "10X98765432"
_ID_NUMBER = re.compile(r"(?<![0-9A-Za-z])[1-9]\d{16}[\dXx](?![0-9A-Za-z])")
_MOBILE = re.compile(r"(?<!\d)(?:\+?86[- ]?)?(1[3-9]\d)[- ]?(\d{4})[- ]?(\d{4})(?!\d)")
_CARD = re.compile(r"(?<!\d)\d(?:[ -]?\d){15,18}(?!\d)")
_ELEVEN_DIGITS = re.compile(r"\d(?:[ -]?\d){10}")
"""What every pattern above needs at least (a mobile has the fewest digits): most text has none."""


@dataclass(frozen=True)
class Finding:
    kind: str  # "id", "mobile", "card"
    masked: str
    digits: str


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


def personal_numbers(text: str) -> Iterator[Finding]:
    """Each personal number in `text`, found once, most specific kind first."""
    if not _ELEVEN_DIGITS.search(text):
        return
    taken: list[tuple[int, int]] = []

    def free(match: re.Match[str]) -> bool:
        return all(match.end() <= start or match.start() >= end for start, end in taken)

    for match in _ID_NUMBER.finditer(text):
        if id_check_digit_valid(match.group()):
            taken.append(match.span())
            yield Finding("id", mask(match.group().upper(), 4, 4), match.group().upper())
    for match in _MOBILE.finditer(text):
        if free(match):
            digits = "".join(match.groups())
            taken.append(match.span())
            yield Finding("mobile", mask(digits, 3, 4), digits)
    for match in _CARD.finditer(text):
        digits = re.sub(r"\D", "", match.group())
        if free(match) and luhn_valid(digits):
            taken.append(match.span())
            yield Finding("card", mask(digits, 4, 4), digits)


def digits_only(text: str) -> str:
    digits = re.sub(r"\D", "", text)
    return digits[2:] if digits.startswith("86") and len(digits) == 13 else digits
