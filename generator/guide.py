"""The secretaries' guide to every problem code, generated from the catalogue.

`docs/rules.md` is this module's output; a test fails when it is stale, so the
guide cannot drift from the checker. Regenerate with `python -m generator.guide`.
"""

from __future__ import annotations

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


def _code_section(code: Code) -> str:
    bad = "\n".join(f"    {line}" for line in code.bad.splitlines())
    return (
        f"### {code.code} {code.title}（{code.severity.label}）\n\n"
        f"**检查什么**：{code.what}\n\n"
        f"**为什么重要**：{code.why}\n\n"
        f"**错误的写法**：\n\n{bad}\n\n"
        f"**改正**：{code.fix}\n"
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
        "本页由 `python -m generator.guide` 根据检查程序自动生成，请勿手工修改。\n",
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
