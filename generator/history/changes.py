"""What changed in a published figure between two versions of one record.

Residents must be able to trust that a number, once published, stays as it was
unless the record says it was corrected. This module finds, between a published
version and the next one, every change to a *figure*: an amount, a balance, a
date, a vote count or area, a budget, a result, a member or role. Wording
(descriptions, summaries, places) may be improved freely, and so may shift
rosters, which are plans rather than figures.

Additions are not changes: a new timeline event, a new balance check, a new
vote or decision where there was none, a status moving forward, and new ledger
entries while the ledger's period was still open when it was last published.
Removing a published entry, or moving a status backward, is a change.

Values are compared in their canonical JSON form (`checksum.canonical_json`),
so `1200` and `1200.00` are one amount and reformatting the YAML changes nothing.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation
from difflib import SequenceMatcher
from typing import Any

Path = tuple[str | int, ...]
"""A place in a record: keys and 0-based list positions, e.g. ("entries", 2, "amount")."""

ANY = "*"

FIGURES: dict[str, frozenset[tuple[str, ...]]] = {
    "ledger": frozenset(
        {
            ("opening_balance",),
            ("closing_balance",),
            ("period", "start"),
            ("period", "end"),
            ("published",),
            ("entries", ANY, "date"),
            ("entries", ANY, "type"),
            ("entries", ANY, "amount"),
            ("balance_checks", ANY, "date"),
            ("balance_checks", ANY, "balance"),
        }
    ),
    "matter": frozenset(
        {
            ("budget",),
            ("status",),
            ("publicity", "start"),
            ("publicity", "end"),
            ("timeline", ANY, "date"),
            ("decision", "date"),
            ("decision", "result"),
            ("decision", "published"),
            *(
                ("vote", tally, measure)
                for tally in ("eligible", "participated", "agreed", "opposed", "abstained")
                for measure in ("owners", "area_m2")
            ),
            ("vote", "kind"),
            ("vote", "item"),
        }
    ),
    "organization": frozenset(
        {
            ("term", "start"),
            ("term", "end"),
            ("members", ANY, "name"),
            ("members", ANY, "role"),
            ("contract", "start"),
            ("contract", "end"),
            ("contract", "fees", ANY),
        }
    ),
}
"""Per record kind, the places that hold a published figure (`*` is any list position or key)."""

_CORRECTIONS = frozenset(
    ("corrections", ANY, name) for name in ("date", "reason", "field", "old", "new")
)
FIGURES = {kind: places | _CORRECTIONS for kind, places in FIGURES.items()}
"""A published correction is itself published: it may not be changed or removed either."""

LISTS: dict[str, dict[str, bool]] = {
    "ledger": {"entries": True, "balance_checks": False, "corrections": False},
    "matter": {"timeline": False, "corrections": False},
    "organization": {"members": True, "corrections": False},
}
"""Per record kind, the lists whose items are figures: True if removing *and* adding one is a
change (members, and ledger entries once the period had ended); False if only removal is."""

STATUS_ORDER: dict[str, int] = {
    "proposed": 0,
    "publicized": 1,
    "voting": 2,
    "approved": 3,
    "rejected": 3,
    "implementing": 4,
    "completed": 5,
    "withdrawn": 6,
}
"""How far a matter has come; a status may only move to a later step (withdrawn ends any)."""

REMOVED = "（删除）"
ADDED_NOTHING = "（无）"


@dataclass(frozen=True)
class Change:
    path: Path
    old: str
    """The published value as text, `（无）` when the item is new."""
    new: str
    """The value now, `（删除）` when the item was removed."""

    @property
    def field(self) -> str:
        """The name a `corrections:` entry uses: keys and 1-based positions, `entries.3.amount`."""
        return field_name(self.path)


def field_name(path: Path) -> str:
    return ".".join(str(part + 1) if isinstance(part, int) else part for part in path)


def figure_changes(
    kind: str, old: dict[str, Any], new: dict[str, Any], open_ledger: bool
) -> list[Change]:
    """Every change to a published figure from `old` to `new` (canonical JSON data).

    `open_ledger` says the old version was published while its period was still running,
    so entries added since (and the balances they move) are the period's progress.
    """
    figures = FIGURES.get(kind)
    if figures is None:
        return []
    changes = list(_walk(kind, old, new, (), figures))
    if kind == "ledger" and open_ledger:
        progressed = any(c.old == ADDED_NOTHING and c.path[0] == "entries" for c in changes)
        changes = [
            c
            for c in changes
            if not (c.old == ADDED_NOTHING and c.path[0] == "entries")
            and not (progressed and c.path == ("closing_balance",))
        ]
    if kind == "matter":
        changes = [c for c in changes if c.path != ("status",) or _status_moved_back(c)]
        changes = [c for c in changes if not _preliminary_kept(c, old, new)]
    return changes


def _preliminary_kept(change: Change, old: dict[str, Any], new: dict[str, Any]) -> bool:
    """A preliminary result replaced by the final one, with the preliminary kept as it was posted.

    That is the e-decision platforms' sequence (初步结果, 询异期, 最终结果), a step forward like a
    status moving on: the posted figures stay on the record under `decision.preliminary`, and
    a final result that differs must say why (G309).
    """
    before, after = old.get("decision") or {}, new.get("decision") or {}
    kept = after.get("preliminary")
    if before.get("stage") != "preliminary" or after.get("stage") != "final" or not kept:
        return False
    path = change.path
    if path[0] == "decision" and len(path) == 2:
        return as_text(kept.get(path[1])) == change.old
    if path[0] == "vote" and len(path) == 3 and isinstance(kept.get(path[1]), dict):
        return as_text(kept[path[1]].get(path[2])) == change.old
    return False


def _status_moved_back(change: Change) -> bool:
    old, new = STATUS_ORDER.get(change.old), STATUS_ORDER.get(change.new)
    return old is not None and new is not None and new < old


def _is_figure(path: Path, figures: frozenset[tuple[str, ...]]) -> bool:
    for pattern in figures:
        if len(pattern) == len(path) and all(
            p in (ANY, part) for p, part in zip(pattern, path, strict=True)
        ):
            return True
    return False


def _holds_figures(path: Path, figures: frozenset[tuple[str, ...]]) -> bool:
    """Whether some figure lies at or below `path`."""
    return any(
        len(pattern) >= len(path)
        and all(p in (ANY, part) for p, part in zip(pattern, path, strict=False))
        for pattern in figures
    )


def _walk(
    kind: str, old: Any, new: Any, path: Path, figures: frozenset[tuple[str, ...]]
) -> Iterator[Change]:
    if old == new or not _holds_figures(path, figures):
        return
    if _is_figure(path, figures):
        if old is None:
            return  # a figure filled in where there was none: an addition
        yield Change(path, as_text(old), REMOVED if new is None else as_text(new))
        return
    if isinstance(old, dict) and isinstance(new, dict):
        for key in sorted(set(old) | set(new)):
            yield from _walk(kind, old.get(key), new.get(key), (*path, key), figures)
    elif isinstance(old, list) and isinstance(new, list):
        yield from _walk_list(kind, old, new, path, figures)
    elif old is not None and new is not None and (isinstance(old, str) or isinstance(new, str)):
        yield Change(path, summary(old), summary(new))  # figures written as words (fees as text)
    elif old is not None and new is None:
        yield Change(path, summary(old), REMOVED)


def _walk_list(
    kind: str, old: list[Any], new: list[Any], path: Path, figures: frozenset[tuple[str, ...]]
) -> Iterator[Change]:
    """Align the two lists (so one inserted entry does not shift every later one) and compare."""
    additions_count = LISTS.get(kind, {}).get(str(path[-1]) if path else "", False)
    head = 0  # most edits touch one item: skip the equal ends before aligning the middle
    while head < min(len(old), len(new)) and old[head] == new[head]:
        head += 1
    tail = 0
    while tail < min(len(old), len(new)) - head and old[-1 - tail] == new[-1 - tail]:
        tail += 1
    old_middle, new_middle = old[head : len(old) - tail], new[head : len(new) - tail]
    matcher = SequenceMatcher(
        None, [_key(i) for i in old_middle], [_key(i) for i in new_middle], autojunk=False
    )
    for tag, old_start, old_end, new_start, new_end in matcher.get_opcodes():
        if tag == "equal":
            continue
        old_start, old_end, new_start, new_end = (
            old_start + head,
            old_end + head,
            new_start + head,
            new_end + head,
        )
        paired = min(old_end - old_start, new_end - new_start) if tag == "replace" else 0
        for offset in range(paired):
            yield from _walk(
                kind,
                old[old_start + offset],
                new[new_start + offset],
                (*path, new_start + offset),
                figures,
            )
        for index in range(old_start + paired, old_end):
            yield Change((*path, index), summary(old[index]), REMOVED)
        if additions_count:
            for index in range(new_start + paired, new_end):
                yield Change((*path, index), ADDED_NOTHING, summary(new[index]))


def _key(item: Any) -> str:
    return json.dumps(item, ensure_ascii=False, sort_keys=True)


def as_text(value: Any) -> str:
    if isinstance(value, str):
        return value
    if value is None:
        return ADDED_NOTHING
    return json.dumps(value, ensure_ascii=False, sort_keys=True)


def summary(item: Any) -> str:
    """A removed or added list item as one line a resident can read."""
    if isinstance(item, dict):
        parts = [str(v) for k, v in item.items() if isinstance(v, str | int) and k != "note"]
        return " ".join(parts)
    return as_text(item)


def same_value(written: str, published: str) -> bool:
    """Whether a value typed in a correction is the published one (1200 is 1200.00)."""
    left, right = written.strip(), published.strip()
    if left == right:
        return True
    try:
        return Decimal(left.replace(",", "")) == Decimal(right)
    except (InvalidOperation, ValueError):
        pass
    try:
        return date.fromisoformat(left) == date.fromisoformat(right)
    except ValueError:
        return False
