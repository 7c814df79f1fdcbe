"""Load and check a community in one call: what `gongshi check` and `gongshi build` share."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import localcontext
from pathlib import Path

from generator.diagnostics import Diagnostic, sorted_diagnostics
from generator.money import EXACT
from generator.project import Project, load_project
from generator.rules import run_rules


@dataclass(frozen=True)
class CheckResult:
    project: Project | None
    diagnostics: list[Diagnostic]

    @property
    def errors(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if d.is_error]

    @property
    def warnings(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if not d.is_error]

    def failed(self, strict: bool = False) -> bool:
        return bool(self.errors) or (strict and bool(self.warnings))


def check_project(root: Path, today: date | None = None) -> CheckResult:
    """Every problem in the community at `root`; raises NotAProject only for a wrong folder."""
    project, diagnostics = load_project(root, today)
    if project is not None:
        with localcontext(EXACT):
            diagnostics.extend(run_rules(project))
        diagnostics = _without_echoes_of_copies(project, diagnostics)
    return CheckResult(project, sorted_diagnostics(diagnostics))


COPY_CODES = frozenset({"G107", "G126"})
"""What is said about a copy of a record (the same record in a second file)."""


def _without_echoes_of_copies(project: Project, diagnostics: list[Diagnostic]) -> list[Diagnostic]:
    """A file that is a copy of another, line for line, is one mistake (G107, G126): whatever
    else is said in it is said in the original already, and is left out."""
    echoes = {
        item.file
        for item in project.all_sources()
        if (original := project.copies.get(item.file)) is not None
        and original.record == item.record
    }
    return [d for d in diagnostics if d.span.file not in echoes or d.code in COPY_CODES]
