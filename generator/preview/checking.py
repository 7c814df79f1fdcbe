"""The check, again after each save, reading and re-checking only what changed."""

from __future__ import annotations

from dataclasses import dataclass, field, fields, replace
from datetime import date
from decimal import localcontext
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from generator.check import CheckResult, _without_echoes_of_copies
from generator.diagnostics import Diagnostic, relative_name, sorted_diagnostics
from generator.loader import LoadedFile
from generator.money import EXACT
from generator.project import Project, Sourced, load_project, read_source
from generator.rules import RULES, Rule, run_rules

Reading = Sourced[BaseModel] | LoadedFile


@dataclass
class FileCache:
    """Each file's reading, kept until the file's size, change time or inode moves."""

    kept: dict[
        tuple[str, type[BaseModel]], tuple[tuple[int, int, int], Reading, tuple[Diagnostic, ...]]
    ] = field(default_factory=dict)
    changed: set[str] = field(default_factory=set)
    """The files (as diagnostics name them) read anew since `take_changed` was last called."""

    def read(
        self, path: Path, root: Path, model: type[BaseModel], diagnostics: list[Diagnostic]
    ) -> Reading:
        key = (str(path), model)
        try:
            info = path.stat()
            stamp = (info.st_size, info.st_mtime_ns, info.st_ino)
        except OSError:
            stamp = None
        kept = self.kept.get(key)
        if stamp is not None and kept is not None and kept[0] == stamp:
            diagnostics.extend(kept[2])
            return kept[1]
        found: list[Diagnostic] = []
        reading = read_source(path, root, model, found)
        if stamp is not None:
            self.kept[key] = (stamp, reading, tuple(found))
        self.changed.add(relative_name(path, root))
        diagnostics.extend(found)
        return reading

    def take_changed(self) -> set[str]:
        changed, self.changed = self.changed, set()
        return changed


RECORD_LOCAL_CODES = frozenset({"G120", "G121", "G122", "G701", "G702", "G703", "G704"})
"""Rules whose findings in a ledger's, matter's or schedule's file depend only on that record,
site_config.yml and the organizations (their members and names). They read every text of
every record, most of a check's time; after a save they run on the changed records only.
tests/site/test_serve.py checks the claim rule by rule on the sample and a generated community."""

LOCAL_RULES = tuple(rule for rule in RULES if rule.code.code in RECORD_LOCAL_CODES)
WHOLE_RULES = tuple(rule for rule in RULES if rule.code.code not in RECORD_LOCAL_CODES)


def changed_only(project: Project, files: set[str]) -> Project:
    """The project with only the changed ledgers, matters and schedules (every organization)."""
    return replace(
        project,
        ledgers=tuple(item for item in project.ledgers if item.file in files),
        matters=tuple(item for item in project.matters if item.file in files),
        schedules=tuple(item for item in project.schedules if item.file in files),
    )


def shared_history(part: Project, whole: Project) -> Project:
    """`part` reads git through `whole`'s one reading (Project.history is a cached property)."""
    vars(part)["history"] = whole.history
    return part


def local_findings(
    project: Project, rules: tuple[Rule, ...] = LOCAL_RULES
) -> dict[str, list[Diagnostic]]:
    with localcontext(EXACT):
        found = run_rules(project, rules)
    by_file: dict[str, list[Diagnostic]] = {item.file: [] for item in project.all_sources()}
    for diagnostic in found:
        by_file.setdefault(diagnostic.span.file, []).append(diagnostic)
    return by_file


RECORD_PARTS = ("organizations", "ledgers", "matters", "schedules", "surveys")
INDEXES = ("copies", "organization_by_id", "matter_by_id")
"""The project's cached indexes of its records: computed once, not by each rule."""
PARTS = frozenset({field.name for field in fields(Project)} | {"history", *INDEXES})
"""What a rule can read of a project: its fields, its indexes, and git's history."""


def same_part(part: str, before: object, now: object) -> bool:
    """Whether `now` is what `before` was of a project's `part`: the very records (the file
    cache gave back each one), or equal values; git's history is read anew for each project."""
    if part in RECORD_PARTS:
        assert isinstance(before, tuple) and isinstance(now, tuple)
        return len(before) == len(now) and all(a is b for a, b in zip(before, now, strict=True))
    if part in INDEXES:
        assert isinstance(before, dict) and isinstance(now, dict)
        return before.keys() == now.keys() and all(before[k] is now[k] for k in now)
    if part in ("config", "history"):
        return before is now
    return bool(before == now)


def same_records(old: Project, new: Project) -> bool:
    return all(
        same_part(part, getattr(old, part), getattr(new, part))
        for part in PARTS - {"history", *INDEXES}
    )


class _Reading(Project):
    """A project that notes which of its parts are read (in `read`, set by `reading`)."""

    def __getattribute__(self, name: str) -> Any:
        if name in PARTS:
            read = object.__getattribute__(self, "__dict__").get("read")
            if read is not None:  # None: a copy the rule made with `replace`, read through this
                read.add(name)
        return super().__getattribute__(name)


def reading(project: Project) -> _Reading:
    copy = _Reading(**{item.name: getattr(project, item.name) for item in fields(Project)})
    for cached in ("history", *INDEXES):
        vars(copy)[cached] = getattr(project, cached)
    vars(copy)["read"] = set()
    return copy


@dataclass(frozen=True)
class Found:
    """A rule's findings, and the parts of the project it read, as they were."""

    read: tuple[tuple[str, object], ...]
    diagnostics: tuple[Diagnostic, ...]


def whole_findings(project: Project, last: dict[str, Found]) -> dict[str, Found]:
    """Each of WHOLE_RULES' findings: run again only when a part of the project it read last
    time changed. A rule is a function of what it reads, so it finds what it found before:
    tests/preview/test_incremental_check.py saves every corpus case into one preview."""
    found = {}
    for rule in WHOLE_RULES:
        before = last.get(rule.code.code)
        if before is not None and all(
            same_part(part, value, getattr(project, part)) for part, value in before.read
        ):
            found[rule.code.code] = before
            continue
        tracked = reading(project)
        with localcontext(EXACT):
            diagnostics = tuple(run_rules(tracked, (rule,)))
        read = tuple((part, getattr(project, part)) for part in sorted(vars(tracked)["read"]))
        found[rule.code.code] = Found(read, diagnostics)
    return found


@dataclass
class IncrementalCheck:
    """`gongshi check` for a preview: the same diagnostics, found again with less work."""

    root: Path
    today: date | None
    files: FileCache = field(default_factory=FileCache)
    local: dict[str, list[Diagnostic]] | None = None
    """The record-local rules' findings by file, from the last check."""
    last: CheckResult | None = None
    read: list[Diagnostic] = field(default_factory=list)
    """What reading the files said last time (a file outside the record folders, a bad name)."""
    same: bool = False
    whole: dict[str, Found] = field(default_factory=dict)
    """WHOLE_RULES' findings by code, from the last check."""

    def run(self) -> tuple[CheckResult, set[str]]:
        """The check's result and the files that changed since the last run.

        `same` says whether the records are the very ones of the last run (an editor wrote
        its swap file; the files were compared after a file event had shown the change
        already): the last result is returned."""
        project, diagnostics = load_project(self.root, self.today, self.files.read)
        changed = self.files.take_changed()
        last, read = self.last, self.read
        self.read = list(diagnostics)
        if not changed and project is not None and last is not None and last.project is not None:
            self.same = diagnostics == read and same_records(last.project, project)
            if self.same:
                return last, changed
        self.same = False
        self.last = self._checked(project, diagnostics, changed)
        return self.last, changed

    def _checked(
        self, project: Project | None, diagnostics: list[Diagnostic], changed: set[str]
    ) -> CheckResult:
        if project is None:
            self.local = None
            return CheckResult(None, sorted_diagnostics(diagnostics))
        self.whole = whole_findings(project, self.whole)
        diagnostics.extend(d for found in self.whole.values() for d in found.diagnostics)
        diagnostics.extend(self._local(project, changed))
        diagnostics = _without_echoes_of_copies(project, diagnostics)
        return CheckResult(project, sorted_diagnostics(diagnostics))

    def _local(self, project: Project, changed: set[str]) -> list[Diagnostic]:
        whole = {project.config.file, *(item.file for item in project.organizations)}
        if self.local is None or changed & whole:
            self.local = local_findings(project)
        else:
            present = {item.file for item in project.all_sources()}
            part = shared_history(changed_only(project, changed), project)
            kept = {name: found for name, found in self.local.items() if name in present}
            kept.update(local_findings(part))
            self.local = kept
        return [d for found in self.local.values() for d in found]
