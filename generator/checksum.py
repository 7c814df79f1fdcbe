"""The 校验码: a short code that changes whenever a record's published content changes.

It is computed from the record's canonical JSON (keys sorted, amounts as exact
text), so reformatting the YAML or reordering keys keeps the code, while any
changed figure or word changes it. The poster prints it, the site shows it, and
the public log (`generator.log`) files every version under it: a resident who
types the code from the paper finds the version it was printed from.
"""

from __future__ import annotations

import functools
import hashlib
import json
import weakref

from pydantic import BaseModel

ALPHABET = "23456789ACDEFHJKMNPQRTVWXY"
"""26 symbols with no look-alike pair on paper: no 0/O/D-Q confusion (0, O gone), no 1/I/L,
no 2/Z, 5/S, 6/G, 8/B or U/V (Z, S, G, B, U gone)."""

CODE_LENGTH = 8

_TYPED_LOOKALIKES = str.maketrans({"Z": "2", "S": "5", "G": "6", "B": "8", "U": "V"})
"""What a resident may type for a printed symbol: the letter it is mistaken for."""


_canonical: dict[int, tuple[weakref.ref[BaseModel], str]] = {}
"""Each live record's canonical JSON, by `id`: records are frozen models, so it cannot go stale,
and the check, the 核验 page, the open data and every record page each ask for it."""


def canonical_json(record: BaseModel) -> str:
    key = id(record)
    kept = _canonical.get(key)
    if kept is not None and kept[0]() is record:
        return kept[1]
    data = record.model_dump(mode="json", by_alias=True)
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    if record.model_config.get("frozen"):
        _canonical[key] = (weakref.ref(record, functools.partial(_forget, key)), text)
    return text


def _forget(key: int, gone: weakref.ref[BaseModel]) -> None:
    kept = _canonical.get(key)
    if kept is not None and kept[0] is gone:
        del _canonical[key]


def checksum_of(canonical: bytes) -> str:
    """Eight symbols in two groups, e.g. `K7QD-3M9X`, from the SHA-256 of the canonical JSON.

    The first 64 bits of the digest are written in base 26, most significant symbol first;
    eight symbols keep about 37.6 bits, enough that two versions of one community's records
    share a code only by a rare accident (which `gongshi verify` then lists both of).
    """
    number = int.from_bytes(hashlib.sha256(canonical).digest()[:8], "big")
    symbols = []
    for _ in range(CODE_LENGTH):
        number, digit = divmod(number, len(ALPHABET))
        symbols.append(ALPHABET[digit])
    code = "".join(reversed(symbols))
    return f"{code[:4]}-{code[4:]}"


def record_checksum(record: BaseModel) -> str:
    return checksum_of(canonical_json(record).encode("utf-8"))


def normalize_code(typed: str) -> str | None:
    """The code a resident meant, from what they typed (any case, spaces, dashes, look-alikes).

    None when what is left is not eight symbols of the alphabet.
    """
    kept = "".join(ch for ch in typed.upper() if ch.isalnum()).translate(_TYPED_LOOKALIKES)
    if len(kept) != CODE_LENGTH or any(ch not in ALPHABET for ch in kept):
        return None
    return f"{kept[:4]}-{kept[4:]}"
