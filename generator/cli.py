"""The `gongshi` command: thin wrappers that call the pipeline and choose the exit code.

Exit codes: 0 success, 1 the content has errors, 2 misuse (bad option, no project).
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path
from typing import Any, NoReturn

import click

from generator.check import check_project
from generator.output import FORMATS, format_diagnostics
from generator.project import CONFIG_FILE, NotAProject, find_project_root
from generator.scaffold.commands import init, new

EXIT_OK, EXIT_CONTENT, EXIT_MISUSE = 0, 1, 2


def _misuse(message: str) -> NoReturn:
    click.echo(f"用法错误：{message}", err=True)
    sys.exit(EXIT_MISUSE)


def _project_root(directory: str | None) -> Path:
    """DIRECTORY as given; without one, the nearest folder above that holds the project."""
    if directory is None:
        found = find_project_root(Path.cwd())
        if found is None:
            _misuse(
                f"在 {Path.cwd()} 和它上面的文件夹里都找不到 {CONFIG_FILE}。请在小区资料的文件夹里运行，"
                "或写出它的路径，如 gongshi check 我的小区/；新建请用 gongshi init。"
            )
        return Path(".") if found == Path.cwd().absolute() else found
    root = Path(directory)
    if not (root / CONFIG_FILE).is_file():
        _misuse(
            f"在 {root.resolve()} 找不到 {CONFIG_FILE}。请在小区资料的文件夹里运行，"
            "或写出它的路径，如 gongshi check 我的小区/；新建请用 gongshi init。"
        )
    return root


class _IsoDate(click.ParamType):  # type: ignore[type-arg]
    name = "日期"

    def convert(
        self, value: object, param: click.Parameter | None, ctx: click.Context | None
    ) -> date:
        if isinstance(value, date):
            return value
        try:
            return date.fromisoformat(str(value))
        except ValueError:
            self.fail(f"「{value}」不是日期，请写成 2026-03-01。", param, ctx)


_USAGE_TRANSLATIONS: tuple[tuple[str, str], ...] = (
    ("No such option", "没有这个选项"),
    ("No such command", "没有这个命令"),
    ("Missing argument", "缺少参数"),
    ("Missing option", "缺少选项"),
    ("Invalid value for", "取值无效"),
    ("Got unexpected extra arguments", "多余的参数"),
    ("Got unexpected extra argument", "多余的参数"),
    ("is not one of", "不是可选值之一"),
    ("requires an argument", "需要一个值"),
    ("Did you mean", "是不是想写"),
)


class ChineseGroup(click.Group):
    """A click group whose usage errors are shown in Chinese and always exit with code 2."""

    def main(  # type: ignore[override]
        self, args: Sequence[str] | None = None, prog_name: str | None = None, **kwargs: Any
    ) -> Any:
        if not kwargs.pop("standalone_mode", True):
            return super().main(args, prog_name, standalone_mode=False, **kwargs)
        try:
            super().main(args, prog_name, standalone_mode=False, **kwargs)
        except click.UsageError as error:
            message = error.format_message()
            for english, chinese in _USAGE_TRANSLATIONS:
                message = message.replace(english, chinese)
            click.echo(f"用法错误：{message}\n运行 gongshi --help 查看用法。", err=True)
            sys.exit(EXIT_MISUSE)
        except click.exceptions.Abort:
            click.echo("已取消。", err=True)
            sys.exit(EXIT_MISUSE)
        except click.exceptions.Exit as done:
            sys.exit(done.exit_code)
        sys.exit(EXIT_OK)


def _today_option(purpose: str) -> Callable[[Any], Any]:
    """`--today`: every command that counts days can be pinned to one date (tests, rebuilds)."""
    return click.option(
        "--today", type=_IsoDate(), default=None, help=f"按哪一天{purpose}（默认今天）。"
    )


@click.group(cls=ChineseGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="gongshi", message="gongshi %(version)s")
def cli() -> None:
    """Gongshi（公示）：检查小区治理记录，生成公示网站和公示栏海报。"""


@cli.command()
@click.argument("directory", required=False, type=click.Path(file_okay=False))
@click.option(
    "--format",
    "fmt",
    type=click.Choice(FORMATS),
    default="text",
    show_default=True,
    help="输出格式：text 给人看，json 给程序，github 生成 GitHub Actions 注释。",
)
@click.option("--strict", is_flag=True, help="有警告也算不通过（退出码 1）。")
@_today_option("检查任期和公示")
@click.option(
    "--explain", "explain", metavar="编号", default=None, help="只显示某个问题编号的说明，如 G201。"
)
def check(
    directory: str | None, fmt: str, strict: bool, today: date | None, explain: str | None
) -> None:
    """检查 DIRECTORY 里的全部记录（不写则从当前文件夹往上找小区资料）。"""
    if explain is not None:
        _explain(explain)
        return
    root = _project_root(directory)
    try:
        result = check_project(root, today)
    except NotAProject:  # pragma: no cover - _project_root has looked already
        _misuse(f"找不到 {CONFIG_FILE}。")
    output = format_diagnostics(result.diagnostics, fmt)
    if output:
        click.echo(output)
    sys.exit(EXIT_CONTENT if result.failed(strict) else EXIT_OK)


def _explain(code: str) -> None:
    from generator.codes import CATALOGUE
    from generator.guide import explain_code

    found = {entry.code: entry for entry in CATALOGUE}.get(code.strip().upper())
    if found is None:
        _misuse(f"没有编号为「{code}」的问题。编号从 G001 到 G901，完整列表见 docs/rules.md。")
    click.echo(explain_code(found))


@cli.command()
@click.option(
    "--out",
    "out_dir",
    type=click.Path(file_okay=False),
    default="schemas",
    show_default=True,
    help="JSON Schema 文件写到哪个文件夹。",
)
def schema(out_dir: str) -> None:
    """写出各类记录的 JSON Schema，供 VS Code 等编辑器自动补全和提示。"""
    from generator.schemas import write_schemas

    try:
        written = write_schemas(Path(out_dir))
    except OSError as error:
        _misuse(f"无法写入 {out_dir}：{error.strerror}。请换一个文件夹。")
    for path in written:
        click.echo(f"已写出 {path}")
    click.echo("在 VS Code 中安装 YAML 插件（Red Hat），即可在编辑记录时看到字段说明和补全。")


@cli.command("print")
@click.argument("records", nargs=-1)
@click.option("--size", default="A4", show_default=True, help="纸张尺寸：A4 或 A3。")
@click.option(
    "--out",
    "out_dir",
    type=click.Path(file_okay=False),
    default=None,
    help="输出文件夹（默认小区资料所在的文件夹）；海报写在其中的 posters/ 下，路径与网站上的相同。",
)
@click.option(
    "-C",
    "--dir",
    "directory",
    default=None,
    help="小区资料所在的文件夹（默认从当前文件夹往上找）。",
)
@_today_option("算公示期和海报日期")
@click.option("--month", default=None, help="值班表的月份，如 2026-11（默认本月）。")
@click.option("--week", default=None, help="值班表改为一周：写那一周的任意一天，如 2026-11-23。")
def print_posters(
    records: tuple[str, ...],
    size: str,
    out_dir: str | None,
    directory: str | None,
    today: date | None,
    month: str | None,
    week: str | None,
) -> None:
    """为 RECORDS（编号或文件）生成公示栏海报（PDF 和网页）；不写则打印今天在公示期内的事项。"""
    from generator.print_command import run_print

    root = _project_root(directory)
    out = root if out_dir is None else Path(out_dir)
    sys.exit(run_print(root, records, size, out, today, month, week))


@cli.command()
@click.argument("directory", required=False, type=click.Path(file_okay=False))
@click.option(
    "--out",
    "out_dir",
    type=click.Path(file_okay=False),
    default="site",
    show_default=True,
    help="网站写到哪个文件夹（相对于 DIRECTORY）；生成成功后才替换原来的内容。",
)
@_today_option("算公示剩余天数和本周安排")
@click.option("--no-posters", is_flag=True, help="不生成海报（更快，适合预览）。")
@click.option(
    "--previous-log",
    "previous_log",
    type=click.Path(file_okay=False),
    default=None,
    help="上次发布的网站的 log/ 文件夹：新的公示日志必须是它的延续，否则不生成（发现改写历史）。",
)
def build(
    directory: str | None,
    out_dir: str,
    today: date | None,
    no_posters: bool,
    previous_log: str | None,
) -> None:
    """检查 DIRECTORY 的记录，生成公示网站（不写则从当前文件夹往上找小区资料）。"""
    from generator.site.command import build_once

    root = _project_root(directory)
    previous = Path(previous_log) if previous_log else None
    sys.exit(build_once(root, root / out_dir, today, posters=not no_posters, previous_log=previous))


@cli.command()
@click.argument("code")
@click.argument("directory", required=False, type=click.Path(file_okay=False))
@click.option(
    "--format",
    "fmt",
    type=click.Choice(("text", "json")),
    default="text",
    show_default=True,
    help="输出格式：text 给人看，json 给程序（与核验页读取的数据相同）。",
)
@click.option("--log-size", type=click.IntRange(min=0), help="海报上印的公示日志条数。")
@click.option("--log-root", help="海报上印的公示日志指纹（8 位）。")
def verify(
    code: str, directory: str | None, fmt: str, log_size: int | None, log_root: str | None
) -> None:
    """核验海报上的校验码 CODE：它属于哪条记录的哪个版本，是否仍是现在公示的内容。

    退出码：0 是当前版本；1 已被取代、已删除或找不到；2 用法错误。
    """
    import json

    from generator.verify import (
        exit_status,
        not_a_code_message,
        report_text,
        typed_code,
        verify_project,
    )

    root = _project_root(directory)
    normalized = typed_code(code)
    if normalized is None:
        _misuse(not_a_code_message(code))
    if (log_size is None) != (log_root is None):
        _misuse("海报上的公示日志有两项：--log-size（条数）和 --log-root（指纹），请两项一起写。")
    witness = (log_size, log_root) if log_size is not None and log_root is not None else None
    report = verify_project(root, code, normalized, witness)
    if fmt == "json":
        click.echo(json.dumps(report.to_json(), ensure_ascii=False, indent=2))
    else:
        click.echo(report_text(report))
    sys.exit(exit_status(report))


@cli.command()
@click.argument("directory", required=False, type=click.Path(file_okay=False))
@click.option("--port", default=8000, show_default=True, help="预览用的端口。")
@click.option("--host", default="127.0.0.1", show_default=True, help="预览用的地址。")
@_today_option("算公示剩余天数")
@click.option("--posters", is_flag=True, help="预览时也生成海报（较慢）。")
def serve(directory: str | None, port: int, host: str, today: date | None, posters: bool) -> None:
    """在本机预览公示网站；记录有改动时自动重新生成。"""
    import tempfile

    from generator.site.command import serve as run_serve

    root = _project_root(directory)
    with tempfile.TemporaryDirectory(prefix="gongshi-serve-") as folder:
        sys.exit(run_serve(root, Path(folder) / "site", host, port, today, posters))


cli.add_command(init)
cli.add_command(new)


def main() -> None:
    """Entry point of the `gongshi` console script and `python -m generator`."""
    cli(prog_name="gongshi")
