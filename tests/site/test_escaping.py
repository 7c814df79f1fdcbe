"""The fast path of md_inline skips only text that the full escaping would leave unchanged."""

from __future__ import annotations

import random

from generator.site.escaping import escape_inline, md_inline

ALPHABET = '业主a1 .-#+=*_`[](){}!|~&<>"\\0923'


def test_fast_path_agrees_with_full_escaping_on_random_text() -> None:
    chooser = random.Random(20261125)
    for _ in range(20000):
        text = "".join(chooser.choice(ALPHABET) for _ in range(chooser.randint(1, 8))).strip()
        text = " ".join(text.split())
        assert str(md_inline(text)) == escape_inline(text), repr(text)
