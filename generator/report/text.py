"""The report as a terminal reads it: the overdue first, then each expectation as a table."""

from __future__ import annotations

from generator.command_frame import display_width, wrap_display
from generator.report.compliance import Finding, Report
from generator.report.expectations import STATUS_ORDER, STATUS_WORDS, Disclosure

NUMERALS = "一二三四五六七八九十"
COLUMNS = (("状态", 10), ("公开于", 10), ("时限", 10))
"""Fixed columns, in display cells (a Chinese character takes two); 内容 takes the rest."""
GAP = "  "
INDENT = "  "


def _pad(text: str, width: int) -> str:
    return text + " " * max(width - display_width(text), 0)


def _numbered(number: int) -> str:
    if number <= 10:
        return NUMERALS[number - 1]
    tens, ones = divmod(number, 10)
    return (NUMERALS[tens - 1] if tens > 1 else "") + "十" + (NUMERALS[ones - 1] if ones else "")


def _cells(disclosure: Disclosure) -> tuple[str, str, str]:
    since = disclosure.since.day.isoformat() if disclosure.since and disclosure.since.day else "—"
    if disclosure.status in ("overdue", "missing", "pending", "none"):
        since = "—"
    due = disclosure.due.isoformat() if disclosure.due else "—"
    return STATUS_WORDS[disclosure.status], since, due


def _row(disclosure: Disclosure, width: int, source: str | None) -> list[str]:
    fixed = "".join(
        _pad(cell, w) + GAP for cell, (_, w) in zip(_cells(disclosure), COLUMNS, strict=True)
    )
    room = max(width - display_width(INDENT + fixed), 24)
    words = disclosure.subject
    if disclosure.declared and disclosure.since and disclosure.since.day != disclosure.declared:
        words += f"（记录写明 {disclosure.declared} 公布）"
    if disclosure.since and disclosure.since.source == "uncommitted":
        words += "（还没有提交到 git，按记录所写日期）"
    lines = wrap_display(words, room - 2)
    for extra in (disclosure.note, f"依据：{source}" if source else ""):
        if extra:
            lines += wrap_display(extra, room - 2)
    blank = " " * display_width(fixed)
    first, *rest = lines
    return [INDENT + fixed + first, *(INDENT + blank + "  " + line for line in rest)]


def _heading(width: int) -> str:
    fixed = "".join(_pad(name, w) + GAP for name, w in COLUMNS)
    return INDENT + fixed + "内容"


def _finding_lines(number: int, finding: Finding, width: int) -> list[str]:
    expectation = finding.expectation
    lines = [f"{_numbered(number)}、{expectation.title}"]
    lines += [INDENT + line for line in wrap_display(f"依据：{expectation.source}", width - 2)]
    if finding.deadline:
        lines += [INDENT + line for line in wrap_display(f"时限：{finding.deadline}", width - 2)]
    lines.append(_heading(width))
    for disclosure in finding.disclosures:
        lines += _row(disclosure, width, disclosure.source)
    return lines


def report_text(report: Report, width: int = 100) -> str:
    width = max(width, 60)
    counts = report.counts()
    dates = (
        "公开日期是记录第一次提交到 git 的日期（网站从每次提交生成）"
        if report.from_git
        else "这个文件夹不在 git 仓库里，公开日期按记录自己写的日期"
    )
    summary = "，".join(f"{STATUS_WORDS[s]} {counts[s]} 项" for s in STATUS_ORDER if counts[s])
    lines = [
        f"{report.community}公开情况（按 {report.today} 计算）",
        *wrap_display(f"{dates}。共 {sum(counts.values())} 项：{summary}。", width),
        "",
    ]
    failing = report.failing()
    if failing:
        lines.append(f"缺少或逾期（{len(failing)} 项）")
        lines.append(_heading(width))
        for finding, disclosure in failing:
            lines += _row(disclosure, width, finding.source_of(disclosure))
        lines.append("")
    waiting = report.waiting()
    if waiting:
        lines.append(f"即将到期（{len(waiting)} 项）")
        lines.append(_heading(width))
        for finding, disclosure in waiting:
            lines += _row(disclosure, width, finding.source_of(disclosure))
        lines.append("")
    for number, finding in enumerate(report.findings, start=1):
        lines += _finding_lines(number, finding, width)
        lines.append("")
    lines.append(
        "有缺少或逾期的项目时退出码为 1。时限在 site_config.yml 的 rules: 里设置，"
        "各项依据的条文见上。"
        if failing
        else "没有缺少或逾期的项目。"
    )
    return "\n".join(lines)
