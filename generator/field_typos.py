"""Which unknown keys are misspelt field names, and which are the secretary's own fields.

PRODUCT.md lets a community add fields freely (a `remark`, a `photo`, a `负责人`): they
are kept in the file and ignored by the checker, the site and the posters. A key only
draws a warning (G103) when it looks like one of the record's own fields written
wrongly, because then the value the secretary meant to publish is silently lost:

- the same name in another form: other letter case, full-width letters (Ｎａｍｅ, typed
  with a Chinese input method left in full-width mode), a space or hyphen for the
  underscore (`closing balance`, `closing-balance`);
- the field's Chinese title written as the key (`金额:` for `amount:`): the titles are
  what the editor's hover help and every message show beside the key;
- a few letters off (`closing_balence`, `partcipated`): an edit distance, counting a
  swap of two neighbours as one edit, that grows with the shorter name's length, so
  that a short added name (`tags`, `count`) is not mistaken for a field (`team`, `amount`).

Pinyin keys (`jine` for 金额) are not guessed: they share no letters with the English
field names, and telling them from a community's own pinyin fields would need a
dictionary and still be a guess.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass

_SEPARATORS = str.maketrans({" ": "_", "-": "_", "·": "_", ".": "_"})


@dataclass(frozen=True)
class Misspelling:
    """A key taken for a known field: which field, and in what way it was written wrongly."""

    field: str
    how: str
    """Plain Chinese, to follow “它像是 amount（金额），…”: 拼错了字母, 写成了中文名…"""


def normalized_key(key: str) -> str:
    """The key as the field names are written: half-width, lower case, words joined by `_`."""
    return unicodedata.normalize("NFKC", key).strip().casefold().translate(_SEPARATORS)


def allowed_edits(name: str) -> int:
    """How many letters may be off before a key is a name of its own, not a slip."""
    if len(name) <= 3:
        return 0
    if len(name) <= 5:
        return 1
    if len(name) <= 9:
        return 2
    return 3


def misspelt_field(key: str, fields: Mapping[str, str | None]) -> Misspelling | None:
    """The field `key` was most likely meant to be, or None when it is a field of its own.

    `fields` maps each known field name (as written in YAML) to its Chinese title.
    """
    if key in fields:
        return None
    written = normalized_key(key)
    for name in fields:
        if normalized_key(name) == written:
            if unicodedata.normalize("NFKC", key) != key:
                return Misspelling(name, "只是用了全角字母")
            return Misspelling(name, "只是大小写或连接符写得不同")
    stripped = unicodedata.normalize("NFKC", key).strip()
    for name, title in fields.items():
        if title and stripped == title:
            return Misspelling(name, "写成了中文名")
    if not written.isascii():
        return None
    best: tuple[int, str] | None = None
    for name in fields:
        allowed = allowed_edits(min(written, name, key=len))
        distance = edit_distance(written, name, allowed)
        if distance <= allowed and (best is None or distance < best[0]):
            best = (distance, name)
    return Misspelling(best[1], "拼错了字母") if best else None


def edit_distance(a: str, b: str, limit: int) -> int:
    """Optimal string alignment distance (a swap of neighbours is one edit); above `limit`
    the exact figure does not matter and `limit + 1` is returned early."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    previous2: list[int] = []
    previous = list(range(len(b) + 1))
    for i in range(1, len(a) + 1):
        current = [i] + [0] * len(b)
        for j in range(1, len(b) + 1):
            cost = 0 if a[i - 1] == b[j - 1] else 1
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                current[j] = min(current[j], previous2[j - 2] + 1)
        if min(current) > limit:
            return limit + 1
        previous2, previous = previous, current
    return previous[-1]
