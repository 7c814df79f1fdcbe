"""G801–G803: a published figure changes only with a `corrections:` entry that says so.

Every committed version of a record is published (the site is deployed from each
commit), so each record's versions are compared in order: every commit with the
one before it, and the working copy with the last commit. A change to a figure
(`history.changes`) must be named by an entry of the record's *current*
`corrections:` list, with the field, the published value and the new one; the
list only grows, so an entry added later still covers a change made earlier, and
a correction, once published, cannot be taken back.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime
from itertools import pairwise
from typing import Any

from pydantic import BaseModel

from generator import codes
from generator.checksum import canonical_json
from generator.diagnostics import Diagnostic
from generator.history.changes import ADDED_NOTHING, REMOVED, Change, figure_changes, same_value
from generator.history.labels import field_label
from generator.history.versions import RecordVersion, record_id, record_kind
from generator.models.common import Correction
from generator.project import Project, Sourced

_SAYS_REMOVED = frozenset({"删除", "已删除", "（删除）", "(删除)", "删去", "无", "-", "—"})
_SAYS_NOTHING = frozenset({"无", "（无）", "(无)", "新增", "-", "—", ""})


@dataclass(frozen=True)
class Step:
    """One change of a record's content: from a published version to the next one."""

    change: Change
    commit: str | None
    """The commit that made the change; None for the working copy (not committed yet)."""
    committed: datetime | None


def uncorrected_change_diagnostics(project: Project) -> Iterator[Diagnostic]:
    for item, steps in _record_steps(project):
        corrections = _corrections(item.record)
        for step in steps:
            change = step.change
            if change.path[0] == "corrections":  # a published correction taken back
                yield codes.G801.at(
                    item.span(*change.path),
                    f"已公布的更正记录 {change.field} 被删除或改动{_when(step)}。"
                    "更正记录公布后不能删改：请恢复原样；若更正本身有误，再加一条新的更正。",
                    record_id(item.record),
                )
            elif not _answered(change, corrections, [s.change for s in steps]):
                yield codes.G801.at(
                    item.span(*change.path),
                    _uncorrected(change, step, type(item.record)),
                    record_id(item.record),
                )


def correction_value_diagnostics(project: Project) -> Iterator[Diagnostic]:
    for item, steps in _record_steps(project):
        changes = [step.change for step in steps if step.change.path[0] != "corrections"]
        for index, correction in enumerate(_corrections(item.record)):
            named = [c for c in changes if _same_field(correction.field, c.field)]
            if not named or any(_covers(correction, c) for c in named):
                continue
            same_old = [c for c in named if same_value(correction.old, c.old)]
            if same_old:
                now = "、".join(dict.fromkeys(c.new for c in same_old))
                where, message = (
                    "new",
                    (
                        f"更正记录写的新值是「{correction.new}」，但 {correction.field} 改成的是"
                        f"「{now}」。请把 new 改成「{now}」，或把数字改回更正记录写的值。"
                    ),
                )
            else:
                published = "、".join(dict.fromkeys(c.old for c in named))
                where, message = (
                    "old",
                    (
                        f"更正记录写的原值是「{correction.old}」，但 {correction.field} 已公布的值是"
                        f"「{published}」。请把 old 改成「{published}」。"
                    ),
                )
            yield codes.G802.at(
                item.span("corrections", index, where), message, record_id(item.record)
            )


def unmatched_correction_diagnostics(project: Project) -> Iterator[Diagnostic]:
    for item, steps in _record_steps(project):
        fields = {step.change.field for step in steps}
        for index, correction in enumerate(_corrections(item.record)):
            if not any(_same_field(correction.field, name) for name in fields):
                yield codes.G803.at(
                    item.span("corrections", index, "field"),
                    f"更正记录的 field「{correction.field}」在已提交的历史里没有改动过。"
                    "请照 gongshi check 对改动的提示填写（如 entries.3.amount）；多余的更正请删除。",
                    record_id(item.record),
                )


# ---------------------------------------------------------------- the versions of each record

_steps_cache: tuple[Project, list[tuple[Sourced[BaseModel], list[Step]]]] | None = None


def _record_steps(project: Project) -> list[tuple[Sourced[BaseModel], list[Step]]]:
    """Each current record with every figure change along its versions, read once per check."""
    global _steps_cache
    if _steps_cache is not None and _steps_cache[0] is project:
        return _steps_cache[1]
    history = project.history
    found: list[tuple[Sourced[BaseModel], list[Step]]] = []
    if history is not None:
        versions: dict[tuple[str, str], list[RecordVersion]] = {}
        for version in history.versions:
            versions.setdefault(version.key, []).append(version)
        for item in _records(project):
            key = (record_kind(item.record), record_id(item.record))
            found.append((item, list(_steps(key[0], versions.get(key, []), item.record))))
    _steps_cache = (project, found)
    return found


def _records(project: Project) -> Iterator[Sourced[BaseModel]]:
    yield from project.organizations  # type: ignore[misc]
    yield from project.ledgers  # type: ignore[misc]
    yield from project.matters  # type: ignore[misc]


def _steps(kind: str, versions: list[RecordVersion], current: BaseModel) -> Iterator[Step]:
    chain: list[tuple[dict[str, Any], str | None, datetime | None]] = [
        (json.loads(v.canonical), v.commit, v.committed) for v in versions
    ]
    working = json.loads(canonical_json(current))
    if not chain or chain[-1][0] != working:
        chain.append((working, None, None))
    for (old, _, old_time), (new, commit, committed) in pairwise(chain):
        open_ledger = kind == "ledger" and _period_open(old, old_time)
        for change in figure_changes(kind, old, new, open_ledger):
            yield Step(change, commit, committed)


def _period_open(ledger: dict[str, Any], published: datetime | None) -> bool:
    """Whether the ledger version was published before its period ended (entries still coming)."""
    if published is None:
        return False
    try:
        return published.date() <= date.fromisoformat(ledger["period"]["end"])
    except (KeyError, TypeError, ValueError):
        return False


def _corrections(record: BaseModel) -> tuple[Correction, ...]:
    corrections: tuple[Correction, ...] = getattr(record, "corrections", ())
    return corrections


# ---------------------------------------------------------------- matching and wording


def _same_field(written: str, field: str) -> bool:
    normal = written.strip().replace("[", ".").replace("]", "").replace("．", ".").strip(".")
    return normal == field


def _answered(change: Change, corrections: tuple[Correction, ...], changes: list[Change]) -> bool:
    """Whether a correction covers the change, or one names its field with wrong values (G802)."""
    for correction in corrections:
        if _covers(correction, change):
            return True
        if _same_field(correction.field, change.field) and not any(
            _covers(correction, other) for other in changes
        ):
            return True
    return False


def _covers(correction: Correction, change: Change) -> bool:
    if not _same_field(correction.field, change.field):
        return False
    if change.new == REMOVED:
        return correction.new.strip() in _SAYS_REMOVED
    if change.old == ADDED_NOTHING:
        return correction.old.strip() in _SAYS_NOTHING
    return same_value(correction.old, change.old) and same_value(correction.new, change.new)


def _when(step: Step) -> str:
    if step.commit is None:
        return "（尚未提交的改动）"
    day = step.committed.date().isoformat() if step.committed else ""
    return f"（提交 {step.commit[:7]}，{day}）"


def _uncorrected(change: Change, step: Step, model: type[BaseModel]) -> str:
    name = f"{field_label(model, change.path)}（{change.field}）"
    if change.new == REMOVED:
        what = f"已公布的{name}「{change.old}」被删除了{_when(step)}"
        old, new = change.old, "删除"
    elif change.old == ADDED_NOTHING:
        what = f"已公布的记录新增了{name}「{change.new}」{_when(step)}"
        old, new = "无", change.new
    else:
        what = f"{name}已公布为「{change.old}」，现在是「{change.new}」{_when(step)}"
        old, new = change.old, change.new
    return (
        f"{what}，没有更正记录。若确需改动，请在本记录的 corrections 里加一条："
        f"date（今天）、reason（原因）、field: {change.field}、old: {_quoted(old)}、"
        f"new: {_quoted(new)}；若是误改，请改回原值。"
    )


def _quoted(value: str) -> str:
    """A value as it can be pasted into YAML."""
    return (
        json.dumps(value, ensure_ascii=False) if value != value.strip() or ":" in value else value
    )
