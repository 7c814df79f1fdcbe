"""The 校验码: a short code that changes whenever a record's published content changes.

It is computed from the record's canonical JSON (keys sorted, amounts as exact
text), so reformatting the YAML or reordering keys keeps the code, while any
changed figure or word changes it. The poster prints it and the site shows it:
a resident compares the two.
"""

from __future__ import annotations

import base64
import hashlib
import json

from pydantic import BaseModel

_ALPHABET = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567", "ABCDEFGHJKMNPQRSTVWXYZ3456789ABC")


def canonical_json(record: BaseModel) -> str:
    data = record.model_dump(mode="json", by_alias=True)
    return json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def record_checksum(record: BaseModel) -> str:
    """Eight characters in two groups, e.g. `K7QD-3M9X`; no I/L/O/U to misread on paper."""
    digest = hashlib.sha256(canonical_json(record).encode("utf-8")).digest()
    code = base64.b32encode(digest).decode("ascii")[:8].translate(_ALPHABET)
    return f"{code[:4]}-{code[4:]}"
