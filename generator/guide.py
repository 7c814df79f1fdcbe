"""The secretaries' guide to every problem code, generated from the catalogue.

`docs/rules.md` is this module's output; a test fails when it is stale, so the
guide cannot drift from the checker. Regenerate with `python -m generator.guide`.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

from generator.codes import CATALOGUE, Code
from generator.i18n import _

AREAS = (
    ("G0", "文件与 YAML 格式"),
    ("G1", "结构与字段"),
    ("G2", "账目"),
    ("G3", "表决"),
    ("G4", "公示期"),
    ("G5", "组织"),
    ("G6", "志愿者排班"),
    ("G7", "隐私"),
    ("G8", "修改记录"),
    ("G9", "检查程序"),
)


GUIDE_FILE = "docs/rules.md"
"""Where the entry of every code is, as a path in Gongshi's repository: `check` links to it."""
DOCS_URL: str | None = None
"""The address Gongshi's docs/ is published at. There is none yet; once there is, every
link `check` prints (`help_link`) points there instead of to the file."""

_EXAMPLE_LINE = re.compile(r"^\s*(#|- |\{|\[|[A-Za-z_][\w.-]*\s*:(\s|$)|\d{4}:|git |gongshi )")
"""How a line of YAML or a command begins: a comment, a list item, a key, a command."""


def help_link(code: str) -> str:
    """The link to a code's entry in the guide, e.g. `docs/rules.md#g201`."""
    base = f"{DOCS_URL.rstrip('/')}/rules/" if DOCS_URL else GUIDE_FILE
    return f"{base}#{code.lower()}"


def code_title(code: str) -> str:
    found = next((entry for entry in CATALOGUE if entry.code == code), None)
    return found.title if found else ""


def is_example(text: str) -> bool:
    """Whether a Bad YAML / Fix text is YAML or a command to show as a code block, rather
    than a sentence about one: its first line opens like YAML or a command, and any line
    that does not is indented under one that does (a block of text, `name: |`)."""
    lines = [line for line in text.splitlines() if line.strip()]
    if not lines or not _EXAMPLE_LINE.match(lines[0]):
        return False
    return all(_EXAMPLE_LINE.match(line) or line[:1] in (" ", "\t") for line in lines)


def _example(text: str) -> str:
    if text.strip() in ("", "—"):
        return "（无）"
    if not is_example(text):
        return text
    language = "sh" if text.startswith(("git ", "gongshi ")) else "yaml"
    return f"\n\n```{language}\n{text}\n```"


def _code_section(code: Code) -> str:
    return (
        f'<a id="{code.code.lower()}"></a>\n\n'
        f"### {code.code} {code.title}（{code.severity.label}）\n\n"
        f"**检查什么**：{code.what}\n\n"
        f"**为什么重要**：{code.why}\n\n"
        f"**错误的写法**：{_example(code.bad)}\n\n"
        f"**改正**：{_example(code.fix)}\n"
    )


def explain_code(code: Code) -> str:
    """One code's explanation as plain text for the terminal (`gongshi check --explain`)."""
    bad = "\n".join(f"    {line}" for line in code.bad.splitlines())
    return _(
        "{code} {title}（{severity}）\n\n检查什么：{what}\n为什么重要：{why}\n\n"
        "错误的写法：\n{bad}\n\n改正：{fix}"
    ).format(
        code=code.code,
        title=_(code.title),
        severity=_(code.severity.label),
        what=code.what,
        why=code.why,
        bad=bad,
        fix=code.fix,
    )


def render_guide() -> str:
    parts = [
        "# 检查规则一览\n",
        "`gongshi check` 发现的每个问题都有一个固定编号（如 G201）。编号不会改变，也不会重复使用。"
        "“错误”必须改正才能发布；“警告”提醒你留意，`--strict` 时也算不通过。\n",
        "本页由 `python -m generator.guide` 根据检查程序自动生成，请勿手工修改。"
        "怎样添加记录、打印海报、更正已公布的记录、核对校验码，见[秘书指南](guide.md)。\n",
    ]
    for prefix, title in AREAS:
        codes = [c for c in CATALOGUE if c.code.startswith(prefix)]
        if not codes:
            continue
        parts.append(f"## {title}\n")
        parts.extend(_code_section(code) for code in codes)
    return "\n".join(parts)


GUIDE_PATH = Path(__file__).resolve().parent.parent / "docs" / "rules.md"

if __name__ == "__main__":
    GUIDE_PATH.write_text(render_guide(), encoding="utf-8")
    sys.stdout.write(f"已写出 {GUIDE_PATH}\n")
