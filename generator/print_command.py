"""`gongshi print`: from what a secretary types to posters on disk, with every message in Chinese.

The command in cli.py only declares options; this module decides which records
are meant, checks the content first (a poster must never show figures that fail
the checks), writes the posters and returns the exit code, as `check` does.
"""

from __future__ import annotations

import errno
import re
from collections.abc import Sequence
from datetime import date
from pathlib import Path

import click

from generator import codes
from generator.check import check_project
from generator.chinese_dates import chinese_date
from generator.console import terminal_meter
from generator.failures import RenderingFailed, failure_diagnostic
from generator.i18n import N_, _, ngettext
from generator.models import Schedule
from generator.output import format_line, format_text
from generator.output_folder import refusal
from generator.posters import (
    PAGE_SIZES,
    Record,
    RosterPeriod,
    matters_in_publicity,
    month_period,
    resolve_records,
    week_period,
    write_posters,
)
from generator.project import Project

EXIT_OK, EXIT_CONTENT, EXIT_MISUSE = 0, 1, 2

_OS_REASONS: dict[int, str] = {
    errno.EACCES: N_("没有写入权限"),
    errno.EPERM: N_("没有写入权限"),
    errno.EROFS: N_("这个位置是只读的"),
    errno.ENOTDIR: N_("路径中有一段是文件而不是文件夹"),
    errno.EEXIST: N_("已有同名的文件，不是文件夹"),
    errno.ENOSPC: N_("磁盘已满"),
}


class Misuse(Exception):
    """A request the command cannot carry out; the message is for the secretary."""


def roster_period(month: str | None, week: str | None, today: date) -> RosterPeriod:
    """`--month 2026-11` or `--week 2026-11-23` (any day of that week); default this month."""
    if month and week:
        raise Misuse(_("--month 和 --week 只能选一个。"))
    if week:
        try:
            return week_period(date.fromisoformat(week))
        except ValueError:
            raise Misuse(
                _("--week 的「{week}」不是日期，请写成 2026-11-23（那一周里的任意一天）。").format(
                    week=week
                )
            ) from None
    if month:
        match = re.fullmatch(r"(\d{4})-(\d{1,2})", month.strip())
        if not match or not 1 <= int(match.group(2)) <= 12:
            raise Misuse(_("--month 的「{month}」不是月份，请写成 2026-11。").format(month=month))
        return month_period(date(int(match.group(1)), int(match.group(2)), 1))
    return month_period(today)


def paper_size(size: str) -> str:
    name = size.strip().upper()
    if name not in PAGE_SIZES:
        raise Misuse(
            _("没有「{size}」这种纸张尺寸。可选：{sizes}，如 --size A3。").format(
                size=size, sizes="、".join(PAGE_SIZES)
            )
        )
    return name


def writable_folder(out_dir: Path) -> Path:
    """Create the folder and try a file in it, so a bad --out fails before any rendering."""
    probe = out_dir / ".gongshi-write-test"
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
        probe.write_bytes(b"")
        probe.unlink()
    except OSError as error:
        raise Misuse(unwritable_message(out_dir, error)) from None
    return out_dir


def unwritable_message(out_dir: Path, error: OSError) -> str:
    known = _OS_REASONS.get(error.errno or 0)
    reason = _(known) if known else error.strerror or _("未知原因")
    return _("无法写入输出文件夹 {folder}：{reason}。请用 --out 换一个可以写入的文件夹。").format(
        folder=out_dir, reason=reason
    )


def chosen_records(project: Project, names: Sequence[str]) -> list[Record]:
    """The named records; with no names, the matters in their publicity period today."""
    if not names:
        matters: list[Record] = list(matters_in_publicity(project, project.today))
        day = chinese_date(project.today)
        if matters:
            click.echo(
                ngettext(
                    "没有写记录编号：为今天（{day}）在公示期内的 {count} 个事项生成海报。",
                    "没有写记录编号：为今天（{day}）在公示期内的 {count} 个事项生成海报。",
                    len(matters),
                ).format(day=day, count=len(matters))
            )
        else:
            click.echo(
                _(
                    "今天（{day}）没有在公示期内的事项，没有生成海报。"
                    "要打印某条记录，请写出它的编号或文件，如 gongshi print owners-committee。"
                ).format(day=day)
            )
        return matters
    records, unknown = resolve_records(project, names)
    if unknown:
        lines = []
        for item in unknown:
            hint = (
                _("是不是想写：{names}？").format(names="、".join(item.suggestions))
                if item.suggestions
                else ""
            )
            lines.append(
                _("找不到记录「{name}」。{hint}").format(name=item.name, hint=hint).rstrip()
            )
        lines.append(
            _(
                "请写事项、组织、账目（如 public-income-2026q1）或值班表的编号，"
                "或记录文件的路径，如 content/matters/lawn.yml。"
            )
        )
        raise Misuse("\n".join(lines))
    return records


def _print_failed(failure: RenderingFailed, out_dir: Path) -> int:
    outcome = _("一张海报也没有写出，原来的海报保持不变")
    click.echo(
        format_line(failure_diagnostic(codes.G903, failure, str(out_dir), outcome)), err=True
    )
    return EXIT_CONTENT


def run_print(
    root: Path,
    names: Sequence[str],
    size: str,
    out_dir: Path,
    today: date | None,
    month: str | None = None,
    week: str | None = None,
) -> int:
    """Everything `gongshi print` does after click has parsed the options; returns the exit code."""
    try:
        paper = paper_size(size)
        reason = refusal(out_dir / "posters", root, instead="--out 指向别的文件夹", replaces=False)
        if reason is not None:
            raise Misuse(reason)
        result = check_project(root, today)
        if result.project is None or result.errors:
            click.echo(format_text(result.diagnostics, styled=True))
            click.echo(_("内容有错误，没有生成海报：公示出去的数字必须先通过检查。"), err=True)
            return EXIT_CONTENT
        project = result.project
        period = roster_period(month, week, project.today)
        records = chosen_records(project, names)
        if not records:
            return EXIT_OK
        writable_folder(out_dir)
        if result.warnings:
            click.echo(
                ngettext(
                    "有 {count} 个警告（运行 gongshi check 查看），照常生成海报。",
                    "有 {count} 个警告（运行 gongshi check 查看），照常生成海报。",
                    len(result.warnings),
                ).format(count=len(result.warnings))
            )
        if any(isinstance(record, Schedule) for record in records):
            click.echo(
                _("值班表按{period}排（可用 --month 或 --week 另选）。").format(period=period.label)
            )
        try:
            paths = write_posters(
                project,
                records,
                out_dir,
                paper,
                roster_period=period,
                reuse_from=out_dir,
                meter=terminal_meter,
            )
        except OSError as error:
            raise Misuse(unwritable_message(out_dir, error)) from None
        except RenderingFailed as failure:
            return _print_failed(failure, out_dir)
        except Exception as error:  # a library failure outside every named step: no traceback
            return _print_failed(RenderingFailed("生成海报", error), out_dir)
    except Misuse as misuse:
        click.echo(_("用法错误：{reason}").format(reason=misuse), err=True)
        return EXIT_MISUSE
    for path in paths:
        if path.suffix == ".pdf":
            click.echo(
                _("已生成 {path}（{paper}，网页版 {html}）").format(
                    path=path, paper=paper, html=path.with_suffix(".html").name
                )
            )
    count = len(paths) // 2
    click.echo(
        ngettext(
            "共 {count} 张海报。PDF 可直接送打印店；盖章后张贴。",
            "共 {count} 张海报。PDF 可直接送打印店；盖章后张贴。",
            count,
        ).format(count=count)
    )
    return EXIT_OK
