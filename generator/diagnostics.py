"""Problems found in the content, as plain values.

Nothing in the pipeline raises for bad input: loaders, models and rules return
`Diagnostic` values, and only the command line decides what they mean for the
exit code. This mirrors Beancount's error tuples: cheap to collect, easy to
sort, trivial to print in several formats.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from generator.i18n import N_


class Severity(enum.Enum):
    ERROR = "error"
    WARNING = "warning"

    @property
    def label(self) -> str:
        """The word a secretary sees next to the problem (translate it with `_()` to show it)."""
        return N_("错误") if self is Severity.ERROR else N_("警告")


@dataclass(frozen=True, order=True)
class Span:
    """Where a value was written: a file relative to the project, 1-based line and column."""

    file: str
    line: int = 0
    column: int = 0

    def __str__(self) -> str:
        if self.line <= 0:
            return self.file
        return f"{self.file}:{self.line}:{self.column}"


@dataclass(frozen=True)
class Diagnostic:
    """One problem: which rule, how serious, where, and what to do about it."""

    code: str
    severity: Severity
    span: Span
    message: str
    record_id: str | None = None

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR

    def sort_key(self) -> tuple[str, int, int, str]:
        return (self.span.file, self.span.line, self.span.column, self.code)


def sorted_diagnostics(diagnostics: Iterable[Diagnostic]) -> list[Diagnostic]:
    """File by file, top to bottom: the order a secretary fixes things in."""
    unique = dict.fromkeys(diagnostics)
    return sorted(unique, key=Diagnostic.sort_key)


def relative_name(path: Path, root: Path) -> str:
    """A path as the secretary sees it in the project folder, with forward slashes."""
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return path.as_posix()
