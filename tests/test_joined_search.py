"""Searching many texts at once finds exactly the texts a search of each would."""

from __future__ import annotations

import re

from generator.joined_search import texts_matching


def test_each_matching_text_is_named_once_in_order_even_at_the_edges() -> None:
    texts = ["", "慰问", "无关", "帮扶慰问", "", "末尾慰问", "慰", "问", "中间有\x00字"]
    pattern = re.compile("慰问|帮扶")
    assert texts_matching(pattern, texts) == [1, 3, 5]


def test_a_match_is_never_made_of_two_texts() -> None:
    texts = ["13912", "345678", "x1391234567", "8"]
    assert texts_matching(re.compile("[0-9]{11}"), texts) == []
    assert texts_matching(re.compile("[0-9]{5}"), texts) == [0, 1, 2]


def test_no_texts_match_nothing() -> None:
    assert texts_matching(re.compile("a"), []) == []
