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
    return CheckResult(project, sorted_diagnostics(diagnostics))
