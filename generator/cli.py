"""The `gongshi` command: thin wrappers that call the pipeline and choose the exit code.

Exit codes: 0 success, 1 the content has errors, 2 misuse (bad option, no project).
Help texts are stored in Chinese and marked `N_()`; command_frame.py shows them in
the chosen language, with each command's examples.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any, NoReturn

import click

from generator.check import check_project
from generator.command_frame import (
    EXIT_CONTENT,
    EXIT_MISUSE,
    EXIT_OK,
    Group,
    adopt_project_language,
    language_option,
    misuse,
)
from generator.command_options import today_option
from generator.i18n import N_, _
from generator.output import FORMATS, format_diagnostics
from generator.project import CONFIG_FILE, NotAProject, find_project_root
from generator.scaffold.commands import init, new

__all__ = ["EXIT_CONTENT", "EXIT_MISUSE", "EXIT_OK", "cli", "main"]


def _misuse(message: str) -> NoReturn:
    misuse(message)


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
            _(
                "在 {folder} 找不到 {config}。请在小区资料的文件夹里运行，"
                "或写出它的路径，如 gongshi check 我的小区/；新建请用 gongshi init。"
            ).format(folder=root.resolve(), config=CONFIG_FILE)
        )
    adopt_project_language(root)
    return root


def _directory_argument() -> Callable[[Any], Any]:
    return click.argument(
        "directory",
        required=False,
        default=None,
        type=click.Path(file_okay=False),
        metavar=N_("[目录]"),
        help=N_("小区资料所在的文件夹（有 site_config.yml 的那个）；不写则从当前文件夹往上找。"),
    )


@click.group(
    "gongshi",
    cls=Group,
    context_settings={"help_option_names": ["-h", "--help"]},
    help=N_("Gongshi（公示）：检查小区治理记录，生成公示网站和公示栏海报。"),
    examples=(
        (N_("检查当前文件夹里的小区资料："), "gongshi check"),
        (N_("生成公示网站（先检查，通过后才生成）："), "gongshi build"),
        (N_("看某个命令的用法："), "gongshi check --help"),
        (N_("用英文显示提示："), "gongshi --lang en check"),
    ),
)
@click.version_option(
    package_name="gongshi", message="gongshi %(version)s", help=N_("显示版本号并退出。")
)
@language_option()
def cli() -> None:
    """The group: every command below."""


@cli.command(
    help=N_("检查小区资料里的全部记录，列出每个问题所在的文件、行和改法。"),
    examples=(
        (N_("检查当前文件夹："), "gongshi check"),
        (N_("检查另一个文件夹，有警告也算不通过："), "gongshi check 翠湖花园/ --strict"),
        (N_("看某个问题编号的说明："), "gongshi check --explain G201"),
        (N_("按某一天检查任期和公示期："), "gongshi check --today 2026-11-25"),
    ),
)
@_directory_argument()
@click.option(
    "--format",
    "fmt",
    type=click.Choice(FORMATS),
    default="text",
    show_default=True,
    help=N_("输出格式：text 给人看，json 给程序读，github 把问题标注在代码托管网站的对应行上。"),
)
@click.option("--strict", is_flag=True, help=N_("有警告也算不通过（退出码 1）。"))
@today_option(N_("按哪一天检查任期和公示（默认今天）。"))
@click.option(
    "--explain",
    "explain",
    metavar=N_("编号"),
    default=None,
    help=N_("只显示某个问题编号的说明，如 G201。"),
)
def check(
    directory: str | None, fmt: str, strict: bool, today: date | None, explain: str | None
) -> None:
    """`gongshi check`: print the diagnostics; exit 1 when they fail the project."""
    if explain is not None:
        _explain(explain)
        return
    root = _project_root(directory)
    try:
        result = check_project(root, today)
    except NotAProject:  # pragma: no cover - _project_root has looked already
        _misuse(_("找不到 {config}。").format(config=CONFIG_FILE))
    output = format_diagnostics(result.diagnostics, fmt, styled=True)
    if output:
        click.echo(output)
    sys.exit(EXIT_CONTENT if result.failed(strict) else EXIT_OK)


def _explain(code: str) -> None:
    from generator.codes import CATALOGUE
    from generator.guide import explain_code

    found = {entry.code: entry for entry in CATALOGUE}.get(code.strip().upper())
    if found is None:
        _misuse(
            _("没有编号为「{code}」的问题。编号从 G001 到 G901，完整列表见 docs/rules.md。").format(
                code=code
            )
        )
    click.echo(explain_code(found))


@cli.command(
    help=N_("写出各类记录的格式说明（.json 文件），供编辑器在编辑记录时提示字段和补全。"),
    examples=(
        (N_("写到 schemas 文件夹："), "gongshi schema"),
        (N_("写到别的文件夹："), "gongshi schema --out .vscode/schemas"),
    ),
)
@click.option(
    "--out",
    "out_dir",
    type=click.Path(file_okay=False),
    default="schemas",
    show_default=True,
    metavar=N_("文件夹"),
    help=N_("格式说明写到哪个文件夹。"),
)
def schema(out_dir: str) -> None:
    """`gongshi schema`: the JSON Schemas, for editors."""
    from generator.schemas import write_schemas

    try:
        written = write_schemas(Path(out_dir))
    except OSError as error:
        _misuse(
            _("无法写入 {folder}：{reason}。请换一个文件夹。").format(
                folder=out_dir, reason=error.strerror
            )
        )
    for path in written:
        click.echo(_("已写出 {path}").format(path=path))
    click.echo(_("在 VS Code 中安装 YAML 插件（Red Hat），即可在编辑记录时看到字段说明和补全。"))


@cli.command(
    "print",
    help=N_(
        "为记录生成公示栏海报（PDF 和网页）；不写记录则打印今天在公示期内的事项。"
        "记录写编号或文件，可以写几个。"
    ),
    examples=(
        (N_("打印今天在公示期内的全部事项："), "gongshi print"),
        (
            N_("打印一个事项和业委会名单，用 A3 纸："),
            "gongshi print lawn-parking-2026 owners-committee --size A3",
        ),
        (
            N_("打印文体队十二月的值班表："),
            "gongshi print content/volunteers/culture-team.yml --month 2026-12",
        ),
    ),
)
@click.argument(
    "records",
    nargs=-1,
    metavar=N_("[记录]..."),
    help=N_(
        "记录的编号（如 owners-committee）或文件（如 content/matters/lawn-parking-2026.yml）。"
    ),
)
@click.option(
    "--size",
    default="A4",
    show_default=True,
    metavar=N_("纸张"),
    help=N_("纸张尺寸：A4 或 A3。"),
)
@click.option(
    "--out",
    "out_dir",
    type=click.Path(file_okay=False),
    default=None,
    metavar=N_("文件夹"),
    help=N_(
        "输出文件夹（默认小区资料所在的文件夹）；海报写在其中的 posters/ 下，路径与网站上的相同。"
    ),
)
@click.option(
    "-C",
    "--dir",
    "directory",
    default=None,
    metavar=N_("目录"),
    help=N_("小区资料所在的文件夹（默认从当前文件夹往上找）。"),
)
@today_option(N_("按哪一天算公示期和海报日期（默认今天）。"))
@click.option(
    "--month", default=None, metavar=N_("月份"), help=N_("值班表的月份，如 2026-11（默认本月）。")
)
@click.option(
    "--week",
    default=None,
    metavar=N_("日期"),
    help=N_("值班表改为一周：写那一周的任意一天，如 2026-11-23。"),
)
def print_posters(
    records: tuple[str, ...],
    size: str,
    out_dir: str | None,
    directory: str | None,
    today: date | None,
    month: str | None,
    week: str | None,
) -> None:
    """`gongshi print`: posters for the named records, or today's matters in publicity."""
    from generator.print_command import run_print

    root = _project_root(directory)
    out = root if out_dir is None else Path(out_dir)
    sys.exit(run_print(root, records, size, out, today, month, week))


@cli.command(
    help=N_("检查小区资料，全部通过后生成公示网站；有错误时不生成，原来的网站保持不变。"),
    examples=(
        (N_("生成网站到 site 文件夹（连同全部海报）："), "gongshi build"),
        (N_("预览用：不生成海报，快得多："), "gongshi build --no-posters"),
        (N_("生成另一个文件夹的资料，写到别处："), "gongshi build 翠湖花园/ --out 公示网站"),
    ),
)
@_directory_argument()
@click.option(
    "--out",
    "out_dir",
    type=click.Path(file_okay=False),
    default="site",
    show_default=True,
    metavar=N_("文件夹"),
    help=N_("网站写到哪个文件夹（相对于资料文件夹）；生成成功后才替换原来的内容。"),
)
@today_option(N_("按哪一天算公示剩余天数和本周安排（默认今天）。"))
@click.option("--no-posters", is_flag=True, help=N_("不生成海报（更快，适合预览）。"))
@click.option(
    "--previous-log",
    "previous_log",
    type=click.Path(file_okay=False),
    default=None,
    metavar=N_("文件夹"),
    help=N_(
        "上次发布的网站的 log/ 文件夹：新的公示日志必须是它的延续，否则不生成（发现改写历史）。"
    ),
)
def build(
    directory: str | None,
    out_dir: str,
    today: date | None,
    no_posters: bool,
    previous_log: str | None,
) -> None:
    """`gongshi build`: check, then the site."""
    from generator.site.command import build_once

    root = _project_root(directory)
    previous = Path(previous_log) if previous_log else None
    sys.exit(build_once(root, root / out_dir, today, posters=not no_posters, previous_log=previous))


@cli.command(
    help=N_(
        "核验海报上的校验码：它属于哪条记录的哪个版本，是否仍是现在公示的内容。\n\n"
        "退出码：0 是当前版本；1 已被取代、已删除或找不到；2 用法错误。"
    ),
    examples=(
        (N_("核验一张海报的校验码："), "gongshi verify K7QD-3M9X"),
        (N_("给程序读的结果："), "gongshi verify K7QD-3M9X --format json"),
    ),
)
@click.argument(
    "code",
    metavar=N_("校验码"),
    help=N_("海报上“校验码”后面的 8 个字符，如 K7QD-3M9X；大小写、空格和短横线都可以不管。"),
)
@_directory_argument()
@click.option(
    "--format",
    "fmt",
    type=click.Choice(("text", "json")),
    default="text",
    show_default=True,
    help=N_("输出格式：text 给人看，json 给程序读（与核验页读取的数据相同）。"),
)
@click.option(
    "--log-size",
    type=int,
    metavar=N_("条数"),
    help=N_("海报上印的公示日志条数（与 --log-root 一起写）。"),
)
@click.option("--log-root", metavar=N_("指纹"), help=N_("海报上印的公示日志指纹（8 位）。"))
def verify(
    code: str, directory: str | None, fmt: str, log_size: int | None, log_root: str | None
) -> None:
    """`gongshi verify`: which version of which record a poster's code belongs to."""
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
    if log_size is not None and log_size < 0:
        _misuse(_("--log-size 是海报上印的条数，不能是负数。"))
    if (log_size is None) != (log_root is None):
        _misuse(
            _("海报上的公示日志有两项：--log-size（条数）和 --log-root（指纹），请两项一起写。")
        )
    witness = (log_size, log_root) if log_size is not None and log_root is not None else None
    report = verify_project(root, code, normalized, witness)
    if fmt == "json":
        click.echo(json.dumps(report.to_json(), ensure_ascii=False, indent=2))
    else:
        click.echo(report_text(report))
    sys.exit(exit_status(report))


@cli.command(
    help=N_(
        "公开情况报告：法律和“1+3+5”模式要求公开的每一项（物业服务、收费标准、维修资金、"
        "公共收益、各组织成员和任期、每期账目、每个表决事项的决定），"
        "写明依据的条文、是否已公开、从哪天起公开，以及缺少或逾期的项目。\n\n"
        "退出码：0 没有缺少或逾期；1 有缺少或逾期的项目；2 用法错误。"
    ),
    examples=(
        (N_("看当前文件夹的公开情况："), "gongshi report"),
        (N_("按某一天计算是否逾期："), "gongshi report --today 2026-12-03"),
        (N_("给程序读的结果："), "gongshi report --format json"),
    ),
)
@_directory_argument()
@click.option(
    "--format",
    "fmt",
    type=click.Choice(("text", "json")),
    default="text",
    show_default=True,
    help=N_("输出格式：text 给人看，json 给程序读（与网站公开情况页的内容相同）。"),
)
@today_option(N_("按哪一天计算哪些期间已结束、哪些已逾期（默认今天）。"))
def report(directory: str | None, fmt: str, today: date | None) -> None:
    """`gongshi report`: every expected disclosure; exit 1 when one is missing or overdue."""
    import json
    import shutil

    from generator.project import load_project
    from generator.report import compliance_report, report_text

    root = _project_root(directory)
    project, _problems = load_project(root, today)
    if project is None:
        click.echo(
            _("site_config.yml 读不出来，无法生成公开情况报告。请先运行 gongshi check 改正。"),
            err=True,
        )
        sys.exit(EXIT_CONTENT)
    result = compliance_report(project, project.history)
    if fmt == "json":
        click.echo(json.dumps(result.to_json(), ensure_ascii=False, indent=2))
    else:
        click.echo(report_text(result, shutil.get_terminal_size((100, 24)).columns))
        unread = len(project.failed)
        if unread:
            click.echo(
                _(
                    "另有 {count} 个记录文件读不出来，没有算进报告。请运行 gongshi check 查看。"
                ).format(count=unread),
                err=True,
            )
    sys.exit(EXIT_CONTENT if result.overdue else EXIT_OK)


@cli.command(
    help=N_("在本机预览公示网站；记录有改动时自动重新生成，刷新网页即可看到。"),
    examples=(
        (N_("预览当前文件夹的网站："), "gongshi serve"),
        (N_("换一个端口，连同海报一起预览："), "gongshi serve --port 8080 --posters"),
    ),
)
@_directory_argument()
@click.option(
    "--port", default=8000, show_default=True, metavar=N_("端口"), help=N_("预览用的端口。")
)
@click.option(
    "--host", default="127.0.0.1", show_default=True, metavar=N_("地址"), help=N_("预览用的地址。")
)
@today_option(N_("按哪一天算公示剩余天数（默认今天）。"))
@click.option("--posters", is_flag=True, help=N_("预览时也生成海报（较慢）。"))
def serve(directory: str | None, port: int, host: str, today: date | None, posters: bool) -> None:
    """`gongshi serve`: build into a temporary folder, serve it, rebuild on change."""
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
