"""Diagnostics printed for people, for programs (JSON) and for GitHub Actions annotations."""

from __future__ import annotations

import json
from collections.abc import Sequence
from itertools import groupby

from generator.codes import first_root_cause
from generator.console import paint
from generator.diagnostics import Diagnostic
from generator.guide import code_title, help_link
from generator.i18n import _, localized, ngettext

FORMATS = ("text", "json", "github")


def _plain(text: str, role: str) -> str:
    return text


def format_text(diagnostics: Sequence[Diagnostic], styled: bool = False) -> str:
    """Grouped by file, in line order, each line clickable as `file:line:column`.

    `styled` adds colour; click.echo takes it out again where colour is off.
    """
    style = paint if styled else _plain
    if not diagnostics:
        return style(_("检查通过：没有发现问题。"), "passed")
    blocks: list[str] = []
    for file, group in groupby(diagnostics, key=lambda d: d.span.file):
        lines = [style(file, "file")]
        for d in group:
            lines.append(f"  {format_line(d, styled)}")
        blocks.append("\n".join(lines))
    errors = sum(1 for d in diagnostics if d.is_error)
    warnings = len(diagnostics) - errors
    summary = _("共 {errors}、{warnings}。").format(
        errors=ngettext("{count} 个错误", "{count} 个错误", errors).format(count=errors),
        warnings=ngettext("{count} 个警告", "{count} 个警告", warnings).format(count=warnings),
    )
    if errors:
        summary += _("请按提示修改后再运行 gongshi check。")
    first = first_root_cause(diagnostics)
    summary += "\n" + style(
        _("想了解某个编号，运行 gongshi check --explain {code}，或查看 docs/rules.md。").format(
            code=first
        ),
        "hint",
    )
    summary += help_links(diagnostics)
    return "\n\n".join(blocks) + "\n\n" + summary


def help_links(diagnostics: Sequence[Diagnostic]) -> str:
    """Each code met, once, with the link to its entry in the secretaries' guide."""
    lines = [
        f"  {code} {_(code_title(code))}：{help_link(code)}"
        for code in dict.fromkeys(d.code for d in diagnostics)
    ]
    return "\n" + _("各编号的说明：") + "\n" + "\n".join(lines)


def format_line(d: Diagnostic, styled: bool = False) -> str:
    """One problem on one line: `file:line:column: 错误 G201 message`."""
    label = _(d.severity.label)
    if styled:
        label = paint(label, "error" if d.is_error else "warning")
    return f"{d.span}: {label} {d.code} {localized(d.message)}"


def format_json(diagnostics: Sequence[Diagnostic]) -> str:
    return json.dumps(
        [
            {
                "code": d.code,
                "severity": d.severity.value,
                "file": d.span.file,
                "line": d.span.line,
                "column": d.span.column,
                "message": localized(d.message),
                "record_id": d.record_id,
                "help": help_link(d.code),
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
        message = localized(d.message) + "\n" + _("说明：") + help_link(d.code)
        lines.append(f"::{level} {properties}::{_escape_github(message)}")
    return "\n".join(lines)


def format_diagnostics(diagnostics: Sequence[Diagnostic], fmt: str, styled: bool = False) -> str:
    """`styled` colours the text format only: JSON and annotations are read by programs."""
    if fmt == "text":
        return format_text(diagnostics, styled)
    return {"json": format_json, "github": format_github}[fmt](diagnostics)
