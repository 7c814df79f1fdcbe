"""What is known of a record whose file could not be read or validated.

One mistake should draw one message. A file that fails (saved as GBK, a YAML slip,
a required field deleted) is reported where it fails; without it, every record that
cites it would say "not found" and the next period of its account "does not follow",
each a confident message about a problem that is not there. The rules ask here
instead and keep quiet about what depends on a failed record, saying once that the
cited record has its own errors (G124).

What a failed record would have been is read as far as it can be: from the values
that loaded when only validation failed, otherwise from the lines of the file as
typed; and the file's own name, which by convention is the record's id.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from generator.loader import LoadedFile

ID_FIELDS: dict[str, str] = {
    "organizations": "id",
    "matters": "id",
    "funds": "account",
    "volunteers": "team",
}
"""The field that names a record of each folder where others cite it."""

_TOP_LEVEL = re.compile(r"^(id|account|team)\s*[:：]\s*[\"']?([A-Za-z0-9][A-Za-z0-9_-]*)")
_PERIOD_DATE = re.compile(r"\b(start|end)\s*[:：]\s*[\"']?(\d{4}-\d{2}-\d{2})")
_LEDGER_STEM = re.compile(r"^(.+?)-\d{4}(?:-?q[1-4]|-\d{2})?(?:[^a-z0-9].*)?$")
"""`public-income-2026-q2` names the account `public-income`."""


@dataclass(frozen=True)
class FailedRecord:
    """A record file that is in the project but could not be read or validated."""

    folder: str
    file: str
    ids: frozenset[str]
    """The ids it may go by: as written in it, and its file name (either may be what others cite)."""
    period: tuple[date, date] | None = None
    """A ledger's period, when its dates could be read: the gap in its account it fills."""

    def covers(self, start: date, end: date) -> bool:
        """Whether this failed ledger may be the period between `start` and `end`."""
        if self.period is None:
            return True
        return self.period[0] <= end and start <= self.period[1]


def failed_record(folder: str, loaded: LoadedFile) -> FailedRecord:
    """What can be told of the record in a file that failed to load or validate."""
    field = ID_FIELDS[folder]
    ids: set[str] = set()
    if loaded.data is not None:
        written = loaded.data.get(field)
        if isinstance(written, str) and written.strip():
            ids.add(written.strip())
        period = _period(loaded.data.get("period")) if folder == "funds" else None
    else:
        lines = _typed_lines(loaded.raw)
        ids.update(m.group(2) for m in map(_TOP_LEVEL.match, lines) if m and m.group(1) == field)
        period = _typed_period(lines) if folder == "funds" else None
    stem = Path(loaded.name).name.split(".")[0].strip()
    if folder == "funds":
        match = _LEDGER_STEM.match(stem)
        stem = match.group(1) if match else stem
    if stem:
        ids.add(stem)
    return FailedRecord(folder, loaded.name, frozenset(ids), period)


def _typed_lines(raw: bytes) -> list[str]:
    """The file's lines as typed, decoded as well as can be (UTF-8, else GBK's GB18030)."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        text = raw.decode("gb18030", errors="replace")
    return text.removeprefix("\ufeff").splitlines()


def _day(text: Any) -> date | None:
    try:
        return date.fromisoformat(str(text).strip())
    except ValueError:
        return None


def _period(value: Any) -> tuple[date, date] | None:
    if not isinstance(value, dict):
        return None
    start, end = _day(value.get("start")), _day(value.get("end"))
    return (start, end) if start and end and start <= end else None


def _typed_period(lines: list[str]) -> tuple[date, date] | None:
    """`period:` and the `start:` and `end:` written with it, on its line or the two below."""
    for number, line in enumerate(lines):
        if not re.match(r"^period\s*[:：]", line):
            continue
        written = " ".join(lines[number : number + 3])
        return _period({m.group(1): m.group(2) for m in _PERIOD_DATE.finditer(written)})
    return None
