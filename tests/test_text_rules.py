"""The text rules' searches stand for their definitions, character by character."""

from __future__ import annotations

import unicodedata

import pytest

from generator.rules.text import LINE_BREAKS, PROSE_LINE_BREAKS, _first_forbidden


def _forbidden_by_definition(character: str, multi_line: bool) -> bool:
    """What no output can hold: a control character, a lone surrogate or a non-character,
    less the tab and the line breaks the field may hold (a break in a one-line field is G120)."""
    if character == "\t" or (multi_line and character in PROSE_LINE_BREAKS):
        return False
    if not multi_line and character in LINE_BREAKS:
        return False
    code = ord(character)
    return (
        unicodedata.category(character) in ("Cc", "Cs")
        or 0xFDD0 <= code <= 0xFDEF
        or code in (0xFFFE, 0xFFFF)
    )


@pytest.mark.parametrize("multi_line", [False, True])
def test_every_character_of_the_basic_plane_is_judged_as_defined(multi_line: bool) -> None:
    wrong = [
        f"U+{code:04X}"
        for code in range(0x10000)
        if (_first_forbidden(chr(code), multi_line) is not None)
        != _forbidden_by_definition(chr(code), multi_line)
    ]
    assert wrong == []


def test_the_first_forbidden_character_is_the_one_reported() -> None:
    found = _first_forbidden("第一行\n第二\x07行\x1b", multi_line=True)
    assert found is not None and (found.start(), found.group()) == (6, "\x07")
