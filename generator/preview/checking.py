"""The check, again after each save, reading and re-checking only what changed."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date
from decimal import localcontext
from pathlib import Path

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


@dataclass
class IncrementalCheck:
    """`gongshi check` for a preview: the same diagnostics, found again with less work."""

    root: Path
    today: date | None
    files: FileCache = field(default_factory=FileCache)
    local: dict[str, list[Diagnostic]] | None = None
    """The record-local rules' findings by file, from the last check."""

    def run(self) -> tuple[CheckResult, set[str]]:
        """The check's result and the files that changed since the last run."""
        project, diagnostics = load_project(self.root, self.today, self.files.read)
        changed = self.files.take_changed()
        if project is None:
            self.local = None
            return CheckResult(None, sorted_diagnostics(diagnostics)), changed
        with localcontext(EXACT):
            diagnostics.extend(run_rules(project, WHOLE_RULES))
        diagnostics.extend(self._local(project, changed))
        diagnostics = _without_echoes_of_copies(project, diagnostics)
        return CheckResult(project, sorted_diagnostics(diagnostics)), changed

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
