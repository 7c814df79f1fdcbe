"""Gongshi: check a community's governance records and publish them.

The public API is declared here once; `tests/test_api.py` pins it.
"""

from generator.check import CheckResult, check_project
from generator.checksum import record_checksum
from generator.diagnostics import Diagnostic, Severity, Span
from generator.project import Project, Sourced, load_project

__all__ = [
    "CheckResult",
    "Diagnostic",
    "Project",
    "Severity",
    "Sourced",
    "Span",
    "check_project",
    "load_project",
    "record_checksum",
]
