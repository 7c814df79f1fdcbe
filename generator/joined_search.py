"""One regular-expression search over many texts at once, for the few that match.

A check reads tens of thousands of texts for a personal number or an aid keyword, and
nearly none holds one: a search for each costs a Python call each, most of the scan.
Joined by a character no match can contain, the texts are searched in one call, and
a match is traced back to its text by where it starts.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence
from itertools import accumulate

APART = "\x00"
"""What the texts are joined with: YAML cannot hold it unescaped, and no pattern searched
this way matches it (a digit, a separator, an aid keyword)."""


def texts_matching(pattern: re.Pattern[str], texts: Sequence[str]) -> list[int]:
    """The indices, in order, of the texts `pattern` finds something in.

    Only for a pattern that can never match `APART`: then no match spans two texts, and
    every text that holds one holds the first one found after the text before it."""
    starts = list(accumulate((len(text) + 1 for text in texts), initial=0))
    found = (match.start() for match in pattern.finditer(APART.join(texts)))
    return list(dict.fromkeys(bisect_right(starts, start) - 1 for start in found))
