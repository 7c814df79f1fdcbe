"""Diagnostics printed for people, for programs (JSON) and for GitHub Actions annotations."""

from __future__ import annotations

import json
from collections.abc import Sequence
from itertools import groupby

from generator.codes import first_root_cause
from generator.diagnostics import Diagnostic

FORMATS = ("text", "json", "github")


def format_text(diagnostics: Sequence[Diagnostic]) -> str:
    """Grouped by file, in line order, each line clickable as `file:line:column`."""
    if not diagnostics:
        return "检查通过：没有发现问题。"
    blocks: list[str] = []
    for file, group in groupby(diagnostics, key=lambda d: d.span.file):
        lines = [f"{file}"]
        for d in group:
            lines.append(f"  {format_line(d)}")
        blocks.append("\n".join(lines))
    errors = sum(1 for d in diagnostics if d.is_error)
    warnings = len(diagnostics) - errors
    summary = f"共 {errors} 个错误、{warnings} 个警告。"
    if errors:
        summary += "请按提示修改后再运行 gongshi check。"
    first = first_root_cause(diagnostics)
    summary += f"\n想了解某个编号，运行 gongshi check --explain {first}，或查看 docs/rules.md。"
    return "\n\n".join(blocks) + "\n\n" + summary


def format_line(d: Diagnostic) -> str:
    """One problem on one line: `file:line:column: 错误 G201 message`."""
    return f"{d.span}: {d.severity.label} {d.code} {d.message}"


def format_json(diagnostics: Sequence[Diagnostic]) -> str:
    return json.dumps(
        [
            {
                "code": d.code,
                "severity": d.severity.value,
                "file": d.span.file,
                "line": d.span.line,
                "column": d.span.column,
                "message": d.message,
                "record_id": d.record_id,
            }
            for d in diagnostics
        ],
        ensure_ascii=False,
        indent=2,
    )


def _escape_github(text: str, property_value: bool = False) -> str:
    text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    if property_value:
        text = text.replace(":", "%3A").replace(",", "%2C")
    return text


def format_github(diagnostics: Sequence[Diagnostic]) -> str:
    """Workflow commands: each problem becomes an annotation on the pull request's file."""
    lines = []
    for d in diagnostics:
        level = "error" if d.is_error else "warning"
        properties = f"file={_escape_github(d.span.file, True)}"
        if d.span.line:
            properties += f",line={d.span.line},col={d.span.column}"
        properties += f",title={_escape_github(d.code, True)}"
        lines.append(f"::{level} {properties}::{_escape_github(d.message)}")
    return "\n".join(lines)


def format_diagnostics(diagnostics: Sequence[Diagnostic], fmt: str) -> str:
    return {"text": format_text, "json": format_json, "github": format_github}[fmt](diagnostics)
