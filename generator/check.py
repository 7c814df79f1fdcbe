"""Load and check a community in one call: what `gongshi check` and `gongshi build` share.

`gongshi build` starts making pages as soon as the records are read, while the rules run
in a second process (`check_in_background`): their answer is awaited before anything is
published, and the pages are thrown away when it has an error.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from decimal import localcontext
from pathlib import Path

from generator.diagnostics import Diagnostic, sorted_diagnostics
from generator.early_tagger import tagging_early
from generator.forked import started
from generator.money import EXACT
from generator.project import CONTENT_DIR, Project, load_project
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
    with tagging_early(root, root / CONTENT_DIR):  # jieba loads while the records do
        project, diagnostics = load_project(root, today)
        return checked(project, diagnostics)


def checked(project: Project | None, diagnostics: list[Diagnostic]) -> CheckResult:
    """The rules run over a loaded project; `diagnostics` are what loading it said."""
    if project is not None:
        with localcontext(EXACT):
            diagnostics = [*diagnostics, *run_rules(project)]
        diagnostics = _without_echoes_of_copies(project, diagnostics)
    return CheckResult(project, sorted_diagnostics(diagnostics))


def check_in_background(
    project: Project, diagnostics: list[Diagnostic]
) -> Callable[[], CheckResult]:
    """Start the rules on `project` in a forked process; the returned call waits for the result.

    Without fork, or when the worker fails, the rules run when the result is asked for:
    the same answer, later, and a failing rule fails as it does in `gongshi check`.
    """
    found = started(lambda: checked(project, diagnostics).diagnostics)  # not the project: pickled
    return lambda: CheckResult(project, found())


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
