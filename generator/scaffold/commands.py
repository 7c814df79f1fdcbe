"""The `gongshi init` and `gongshi new …` commands: options in, files out, Chinese messages.

Exit codes as everywhere: 0 written, 2 refused (something in the way, a bad option);
nothing is ever written over an existing file.
"""

from __future__ import annotations

import os
import sys
import tempfile
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import NoReturn

import click

from generator.check import check_project
from generator.command_frame import Command, Group
from generator.command_options import IsoDate, today_option
from generator.diagnostics import Diagnostic
from generator.i18n import N_
from generator.output import format_diagnostics
from generator.project import (
    CONFIG_FILE,
    CONTENT_DIR,
    YAML_SUFFIXES,
    Project,
    find_project_root,
    load_project,
)
from generator.scaffold.community import (
    DEFAULT_URL,
    SCHEMA_FOLDER,
    default_name,
    init_files,
)
from generator.scaffold.files import FileInTheWay, NewFile, existing, write_new_files
from generator.scaffold.records import (
    CannotCreate,
    NewRecord,
    checked_record,
    new_ledger,
    new_matter,
    new_organization,
    new_shifts,
)

EXIT_OK, EXIT_MISUSE = 0, 2
SHOWN = 12
"""How many files in the way a refusal lists before it says how many more there are."""


def _refuse(message: str) -> NoReturn:
    click.echo(f"用法错误：{message}", err=True)
    sys.exit(EXIT_MISUSE)


_DIRECTORY = click.option(
    "-C",
    "--dir",
    "directory",
    default=None,
    metavar=N_("文件夹"),
    help=N_("小区资料所在的文件夹（默认从当前文件夹往上找）。"),
)


# ---------------------------------------------------------------- init


@click.command(
    "init",
    cls=Command,
    help=N_("新建一个小区的资料：总设置、每类记录一个示例、自动检查和发布网站的文件。"),
    examples=(
        (N_("在一个新文件夹里新建："), "gongshi init 翠湖花园小区"),
        (
            N_("在当前文件夹新建，写好名称和网址："),
            "gongshi init . --name 翠湖花园小区 --url https://cuihu.example.org/",
        ),
    ),
)
@click.argument(
    "directory",
    default=".",
    type=click.Path(file_okay=False),
    metavar=N_("[目录]"),
    help=N_("新建在哪个文件夹（默认当前文件夹）；文件夹里不能已有小区资料。"),
)
@click.option(
    "--name",
    default=None,
    metavar=N_("名称"),
    help=N_("小区名称，如 翠湖花园小区（默认用文件夹的中文名）。"),
)
@click.option(
    "--url",
    default=DEFAULT_URL,
    metavar=N_("网址"),
    show_default=True,
    help=N_("公示网站的地址，以 / 结尾（以后可在 site_config.yml 里改）。"),
)
@today_option(N_("按哪一天给示例记录定日期（默认今天）。"))
def init(directory: str, name: str | None, url: str, today: date | None) -> None:
    """在 DIRECTORY（默认当前文件夹）新建一个小区：总设置、每类记录一个示例、自动检查和发布。

    \b
    例子：
      gongshi init 翠湖花园小区
      gongshi init . --name 翠湖花园小区 --url https://cuihu.example.org/
    """
    target = Path(directory)
    if target.exists() and not target.is_dir():
        _refuse(f"{target} 是一个文件，不是文件夹。请写一个新的或空的文件夹。")
    day = today or date.today()
    community = (name if name is not None else default_name(target)).strip()
    if not community or any(ord(c) < 32 for c in community):
        _refuse("--name 要写成一行文字，如 --name 翠湖花园小区。")
    files = init_files(community, url.strip(), day)
    blocking = _in_the_way(target, files)
    if blocking:
        _refuse_blocked(target, blocking)
    problems = _problems_of(files, day)
    if problems:
        click.echo(format_diagnostics(problems, "text"), err=True)
        _refuse("按上面的提示改正 --name 或 --url 后重新运行；什么文件也没有写。")
    try:
        write_new_files(target, files)
    except FileInTheWay as clash:
        _refuse_blocked(target, clash.paths)
    except OSError as error:
        _refuse(
            f"无法写入 {target}：{error.strerror}。什么文件也没有留下，请检查权限或换一个文件夹。"
        )
    _report_init(target, community, files)


def _in_the_way(target: Path, files: dict[str, NewFile]) -> list[Path]:
    """Files init would write that exist, every record already there, and a project above."""
    if not target.exists():
        above = find_project_root(_existing_parent(target))
        return [above / CONFIG_FILE] if above is not None else []
    blocking = existing(target, files)
    content = target / CONTENT_DIR
    if content.is_dir():
        blocking.extend(
            p
            for p in sorted(content.rglob("*"))
            if p.name.lower().endswith(YAML_SUFFIXES) and p not in blocking
        )
    above = find_project_root(target)
    if above is not None and (above / CONFIG_FILE) not in blocking:
        blocking.append(above / CONFIG_FILE)
    return blocking


def _existing_parent(path: Path) -> Path:
    path = path.absolute()
    while not path.exists():
        path = path.parent
    return path


def _refuse_blocked(target: Path, blocking: list[Path]) -> NoReturn:
    lines = [f"  {_shown(p)}" for p in blocking[:SHOWN]]
    if len(blocking) > SHOWN:
        lines.append(f"  ……还有 {len(blocking) - SHOWN} 个")
    _refuse(
        f"{target} 里已经有小区资料，gongshi init 不会覆盖任何文件。挡住的是：\n"
        + "\n".join(lines)
        + "\n已有的小区请直接运行 gongshi check；要新建，请换一个新的或空的文件夹，"
        "如 gongshi init 新小区/。"
    )


def _shown(path: Path) -> str:
    """A path as git shows one: relative to where the command runs, `..` included."""
    try:
        return os.path.relpath(path.absolute(), Path.cwd())
    except ValueError:  # another drive on Windows
        return str(path.absolute())


def _problems_of(files: dict[str, NewFile], today: date) -> list[Diagnostic]:
    """What `gongshi check` would say about the new community: nothing, unless an option is bad."""
    with tempfile.TemporaryDirectory(prefix="gongshi-init-") as folder:
        root = Path(folder) / "community"
        write_new_files(
            root, {name: new for name, new in files.items() if name.endswith(YAML_SUFFIXES)}
        )
        return check_project(root, today).errors


def _report_init(target: Path, name: str, files: dict[str, NewFile]) -> None:
    records = sum(1 for f in files if f.startswith(f"{CONTENT_DIR}/"))
    where = _shown(target)
    click.echo(f"已在 {where} 新建小区「{name}」：")
    for path, what in (
        (CONFIG_FILE, "小区和网站的设置"),
        (
            f"{CONTENT_DIR}/",
            f"每类记录一个示例（{records} 个文件，都是示例，请改成本小区的真实情况）",
        ),
        (".github/workflows/gongshi.yml", "GitHub：每次推送都检查，默认分支发布到 GitHub Pages"),
        (".gitlab-ci.yml", "GitLab：每次推送都检查，默认分支发布到 GitLab Pages"),
        ("scripts/publish.sh", "发布到自己的服务器、文件夹或对象存储"),
        (
            ".vscode/",
            f"VS Code 的字段说明和补全（更新 gongshi 后运行 gongshi schema --out {SCHEMA_FOLDER}）",
        ),
        (".gitignore", "生成的网站和海报不进 git"),
    ):
        click.echo(f"  {path:<31} {what}")
    click.echo(
        "接下来：\n"
        "  1. 把示例改成本小区的真实情况（每个文件开头都有说明），site_config.yml 里的 site.url 改成网站地址；\n"
        f"  2. cd {where}，运行 gongshi check，改到没有错误为止；\n"
        "  3. git init、git add -A、git commit：提交即公布，以后再改已公布的数字要写更正记录；\n"
        "  4. 推送到 GitHub 或 GitLab 自动发布，或运行 sh scripts/publish.sh 目标文件夹。\n"
        "新加记录：gongshi new matter | ledger | organization | shifts。"
    )


# ---------------------------------------------------------------- new


@click.group(
    "new",
    cls=Group,
    help=N_("新建一条记录：自动取下一个编号、今天的日期，要填写的地方写在注释里。"),
    examples=(
        (N_("下一期账目："), "gongshi new ledger --account party-funds"),
        (N_("新的重大事项："), 'gongshi new matter --title "更换 5 栋电梯" --start 2026-09-28'),
        (N_("新的组织："), "gongshi new organization --kind volunteer_team --id culture-team"),
        (N_("志愿服务队的排班："), "gongshi new shifts --team culture-team"),
    ),
)
def new() -> None:
    """新建一条记录：自动取下一个编号、今天的日期，要填写的地方写在注释里。

    \b
    例子：
      gongshi new ledger --account party-funds
      gongshi new matter --title "更换 5 栋电梯" --start 2026-09-28
      gongshi new organization --kind volunteer_team --id culture-team
      gongshi new shifts --team culture-team
    """


@new.command(
    "ledger",
    help=N_("新建某个账户下一期的账目：期初余额接上上一期的期末余额。"),
    examples=((N_("党建经费的下一期："), "gongshi new ledger --account party-funds"),),
)
@click.option(
    "--account",
    default=None,
    metavar=N_("编号"),
    help=N_("账户编号，如 party-funds（只有一个账户时可不写）。"),
)
@click.option(
    "--name",
    default=None,
    metavar=N_("名称"),
    help=N_("账户名称，新账户要写，如 小区党建工作经费。"),
)
@_DIRECTORY
@today_option(N_("按哪一天填写公布日期（默认今天）。"))
def new_ledger_command(
    account: str | None, name: str | None, directory: str | None, today: date | None
) -> None:
    """新建某个账户下一期的账目：期初余额接上上一期的期末余额。"""
    day = today or date.today()
    project, root = _project(directory, day)
    _write(root, project, lambda: new_ledger(project, account, name, day))


@new.command(
    "matter",
    help=N_("新建一个重大事项：公示期的最后一天按节假日算好。"),
    examples=(
        (
            N_("九月底张贴公示的事项："),
            'gongshi new matter --title "更换 5 栋电梯" --start 2026-09-28',
        ),
    ),
)
@click.option(
    "--id",
    "record_id",
    default=None,
    metavar=N_("编号"),
    help=N_("事项编号，如 lift-renewal-2026（默认 matter-年份-序号）。"),
)
@click.option(
    "--title",
    default=None,
    metavar=N_("标题"),
    help=N_("事项标题，如 使用专项维修资金更换 5 栋电梯。"),
)
@click.option(
    "--start",
    type=IsoDate(),
    default=None,
    metavar=N_("日期"),
    help=N_("张贴公示的日期（默认今天）。"),
)
@_DIRECTORY
@today_option(N_("按哪一天填写日期（默认今天）。"))
def new_matter_command(
    record_id: str | None,
    title: str | None,
    start: date | None,
    directory: str | None,
    today: date | None,
) -> None:
    """新建一个重大事项：公示期的最后一天按节假日算好。"""
    from generator.rules.publicity import project_calendar

    day = today or date.today()
    project, root = _project(directory, day)
    calendar = project_calendar(project)
    _write(
        root, project, lambda: new_matter(project, record_id, title, start or day, calendar, day)
    )


@new.command(
    "organization",
    help=N_("新建一个组织（小区党组织、业委会、监委会、物业公司、志愿服务队）。"),
    examples=(
        (
            N_("一支新的志愿服务队："),
            "gongshi new organization --kind volunteer_team --id culture-team",
        ),
    ),
)
@click.option(
    "--kind",
    required=True,
    type=click.Choice(
        (
            "party_organization",
            "owners_committee",
            "supervisory_committee",
            "property_company",
            "volunteer_team",
            "other",
        )
    ),
    metavar=N_("类别"),
    help=N_(
        "类别：party_organization 小区党组织；owners_committee 业委会；supervisory_committee "
        "监委会；property_company 物业公司；volunteer_team 志愿服务队；other 其他。"
    ),
)
@click.option(
    "--id", "record_id", default=None, metavar=N_("编号"), help=N_("组织编号，如 culture-team。")
)
@click.option(
    "--name",
    default=None,
    metavar=N_("名称"),
    help=N_("组织全称，如 翠湖花园小区文体活动志愿宣传队。"),
)
@_DIRECTORY
@today_option(N_("按哪一天填写日期（默认今天）。"))
def new_organization_command(
    kind: str, record_id: str | None, name: str | None, directory: str | None, today: date | None
) -> None:
    """新建一个组织（小区党组织、业委会、监委会、物业公司、志愿服务队）。"""
    day = today or date.today()
    project, root = _project(directory, day)
    _write(root, project, lambda: new_organization(project, kind, record_id, name, day))


@new.command(
    "shifts",
    help=N_("新建一支志愿服务队的排班表：从今天起每周一次，避开法定节假日。"),
    examples=((N_("文体队的排班："), "gongshi new shifts --team culture-team"),),
)
@click.option(
    "--team",
    default=None,
    metavar=N_("编号"),
    help=N_("志愿服务队的编号，如 culture-team（只有一支队没排班时可不写）。"),
)
@_DIRECTORY
@today_option(N_("从哪一天起排班（默认今天）。"))
def new_shifts_command(team: str | None, directory: str | None, today: date | None) -> None:
    """新建一支志愿服务队的排班表：从今天起每周一次，避开法定节假日。"""
    from generator.rules.publicity import project_calendar

    day = today or date.today()
    project, root = _project(directory, day)
    calendar = project_calendar(project)
    _write(root, project, lambda: new_shifts(project, team, calendar, day))


def _project(directory: str | None, today: date) -> tuple[Project, Path]:
    root = _root(directory)
    project, _ = load_project(root, today)
    if project is None:
        _refuse(f"{CONFIG_FILE} 有错误，读不出小区的设置。请先运行 gongshi check 改正它。")
    return project, root


def _root(directory: str | None) -> Path:
    if directory is not None:
        root = Path(directory)
        if not (root / CONFIG_FILE).is_file():
            _refuse(
                f"在 {root} 找不到 {CONFIG_FILE}。请写出小区资料所在的文件夹，新建请用 gongshi init。"
            )
        return root
    found = find_project_root(Path.cwd())
    if found is None:
        _refuse(
            f"在 {Path.cwd()} 和它上面的文件夹里都找不到 {CONFIG_FILE}。"
            "请在小区资料的文件夹里运行，或用 -C 写出它的路径；新建请用 gongshi init。"
        )
    return found


def _write(root: Path, project: Project, make: Callable[[], NewRecord]) -> None:
    try:
        record = make()
    except CannotCreate as cannot:
        _refuse(str(cannot))
    target = root / record.name
    if target.exists() or target.is_symlink():
        _refuse(
            f"已经有 {_shown(target)}，gongshi new 不会覆盖它。"
            "它没能作为记录读出，多半有错误：请先运行 gongshi check 改正它。"
        )
    problems = checked_record(project, record)
    errors = [p for p in problems if p.is_error]
    if errors:
        click.echo(format_diagnostics(errors, "text"), err=True)
        _refuse("新记录会有上面的问题，所以没有写出。请改正选项后重新运行。")
    try:
        [path] = write_new_files(root, {record.name: NewFile(record.text)})
    except FileInTheWay:
        _refuse(f"已经有 {_shown(target)}，gongshi new 不会覆盖它。")
    except OSError as error:
        _refuse(f"无法写入 {_shown(target)}：{error.strerror}。请检查权限。")
    click.echo(_shown(path))
    for note in record.notes:
        click.echo(note, err=True)
    click.echo("要填写的地方写在文件的注释里；填好后运行 gongshi check。", err=True)
