"""`gongshi build` and `gongshi serve`: check first, then build, every message in Chinese.

cli.py only declares the options; this module returns the exit code. Content
with errors never reaches the site: a resident must not see figures that fail
the checks.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from datetime import date
from pathlib import Path

import click

from generator import codes
from generator.check import CheckResult, check_in_background, checked
from generator.console import terminal_meter
from generator.content_files import find_files
from generator.diagnostics import Diagnostic, Span
from generator.early_tagger import tagging_early
from generator.failures import RenderingFailed, failure_diagnostic
from generator.i18n import _, ngettext
from generator.log import LogRewritten, LogState, LogUncheckable, LogUnreadable, read_log
from generator.log.keys import KEY_VARIABLE, signer_from_environment
from generator.log.note import BadKey, SignerKey, parse_verifier_key
from generator.output import format_line, format_text
from generator.output_folder import UnsafeOutputFolder, is_marked, recover_folder, refusal
from generator.project import CONFIG_FILE, CONTENT_DIR, Project, load_project
from generator.resources import TemplatesMissing
from generator.site.build import BuildResult, build_site
from generator.site.mkdocs_failures import mkdocs_failure_diagnostics
from generator.site.mkdocs_run import MkDocsFailed
from generator.site.search import SearchIndexFailed

EXIT_OK, EXIT_CONTENT, EXIT_MISUSE = 0, 1, 2


class ContentRejected(Exception):
    """The check found errors: the pages made meanwhile are thrown away."""


class CheckedContent:
    """The check's verdict, printed once when first asked for, and the build's lines held till then.

    The rules run in a second process while the build starts on the pages
    (`check.check_in_background`); what the secretary reads is in the same order as
    when the check ran first: its findings, then the build's progress, and nothing of
    the build at all when the content has errors.
    """

    def __init__(self, waiting: Callable[[], CheckResult], out_dir: Path) -> None:
        self._waiting = waiting
        self._out_dir = out_dir
        self._passed: bool | None = None
        self._held: list[str] = []

    def progress(self, note: str) -> None:
        if self._passed:
            click.echo(note)
        else:
            self._held.append(note)

    def passed(self) -> bool:
        if self._passed is None:
            self._passed = _reported(self._waiting(), self._out_dir)
            for note in self._held if self._passed else ():
                click.echo(note)
            self._held.clear()
        return self._passed

    def gate(self) -> None:
        """What the build calls before it publishes or prints anything of its own."""
        if not self.passed():
            raise ContentRejected


def _reported(result: CheckResult, out_dir: Path) -> bool:
    """Print what the check found; True when the site may be built."""
    if result.diagnostics:
        click.echo(format_text(result.diagnostics, styled=True), err=bool(result.errors))
    if result.failed() or result.project is None:
        click.echo(
            _("内容有错误，网站没有生成{old_site}。请先改正上面的错误。").format(
                old_site=_old_site(out_dir)
            ),
            err=True,
        )
        return False
    return True


def _old_site(out_dir: Path) -> str:
    """What became of the published site, said only when it is true."""
    return _("（原来的网站保持不变）") if is_marked(out_dir) else ""


def build_once(
    root: Path,
    out_dir: Path,
    today: date | None,
    posters: bool,
    previous_log: Path | None = None,
) -> int:
    reason = refusal(out_dir, root, instead="--out site")
    if reason is not None:
        click.echo(_("用法错误：{reason}").format(reason=reason), err=True)
        return EXIT_MISUSE
    try:
        for note in recover_folder(out_dir):
            click.echo(note)
    except OSError as error:
        click.echo(
            _("无法整理 {folder} 旁边上次留下的文件夹：{reason}。").format(
                folder=out_dir, reason=error.strerror
            ),
            err=True,
        )
        return EXIT_MISUSE
    with tagging_early(root, root / CONTENT_DIR) as tagged:  # jieba loads while the records do
        project, loaded = load_project(root, today)
        if project is None or any(found.is_error for found in loaded):
            checking = CheckedContent(lambda: checked(project, loaded), out_dir)
        else:
            checking = CheckedContent(_then(check_in_background(project, loaded), tagged), out_dir)
        if project is None:
            checking.passed()  # says why site_config.yml cannot be used
            return EXIT_CONTENT
        prepared = _log_inputs(project, previous_log, out_dir)
        if isinstance(prepared, str):
            if checking.passed():
                click.echo(prepared, err=True)
            return EXIT_CONTENT
        key, previous = prepared
        try:
            result = build_site(
                project,
                out_dir,
                posters=posters,
                progress=checking.progress,
                meter=terminal_meter,
                previous_log=previous,
                previous_log_dir=previous_log,
                log_key=key,
                checked=checking.gate,
            )
        except ContentRejected:
            return EXIT_CONTENT
        except Exception as error:  # said only once the content is known to pass the check
            if not checking.passed():
                return EXIT_CONTENT
            return _build_error(error, project, out_dir, previous_log)
        _report(result)
        if key is None:
            click.echo(
                f"注意：公示日志的检查点没有签名（没有设置环境变量 {KEY_VARIABLE}）。居民的浏览器照样能发现"
                "日志被改写，但无法确认检查点出自业委会；生成密钥的方法见 docs/log.md。"
            )
        return EXIT_OK


def _then(
    waiting: Callable[[], CheckResult], done: Callable[[], None]
) -> Callable[[], CheckResult]:
    """The check's answer, with `done` called once it is in (or the check failed)."""

    def answer() -> CheckResult:
        try:
            return waiting()
        finally:
            done()

    return answer


def _build_error(
    error: Exception, project: Project, out_dir: Path, previous_log: Path | None
) -> int:
    """What the secretary reads when the build stopped, and its exit code."""
    try:
        raise error
    except LogRewritten as rewritten:
        click.echo(format_line(_rewritten(rewritten, previous_log, out_dir)), err=True)
        return EXIT_CONTENT
    except LogUncheckable as uncheckable:
        where = str(previous_log or out_dir)
        message = f"{uncheckable}网站没有生成{_old_site(out_dir)}。"
        click.echo(format_line(codes.G821.at(Span(where), message)), err=True)
        return EXIT_CONTENT
    except UnsafeOutputFolder as unsafe:
        click.echo(_("用法错误：{reason}").format(reason=unsafe), err=True)
        return EXIT_MISUSE
    except MkDocsFailed as failure:
        outcome = _("网站没有生成{old_site}").format(old_site=_old_site(out_dir))
        click.echo(_("网站生成失败{old_site}：").format(old_site=_old_site(out_dir)), err=True)
        for found in mkdocs_failure_diagnostics(project, failure.problems, outcome):
            click.echo(f"  {format_line(found)}", err=True)
        return EXIT_CONTENT
    except SearchIndexFailed as failure:
        click.echo(
            _("搜索索引生成失败{old_site}：{reason}").format(
                old_site=_old_site(out_dir), reason=failure
            ),
            err=True,
        )
        return EXIT_CONTENT
    except TemplatesMissing as missing:
        click.echo(str(missing), err=True)
        return EXIT_MISUSE
    except OSError as error:
        click.echo(
            _("无法写入 {folder}：{reason}。请换一个文件夹或检查权限。").format(
                folder=out_dir, reason=error.strerror
            ),
            err=True,
        )
        return EXIT_MISUSE
    except RenderingFailed as failure:
        return _build_failed(failure, out_dir)
    except Exception as unnamed:  # a library failure outside every named step: still no traceback
        return _build_failed(RenderingFailed("生成网站", unnamed), out_dir)


def _log_inputs(
    project: Project, previous_log: Path | None, out_dir: Path
) -> tuple[SignerKey | None, LogState | None] | str:
    """The signing key and the previous log, or the line that says why they cannot be used."""
    public_key = project.config.record.log.public_key
    try:
        key = signer_from_environment(os.environ, public_key)
    except BadKey as bad:
        message = f"{bad}网站没有生成{_old_site(out_dir)}。"
        return format_line(codes.G822.at(Span(KEY_VARIABLE), message))
    if previous_log is None:
        return key, None
    verifier = parse_verifier_key(public_key) if public_key else None
    try:
        previous = read_log(previous_log, verifier)
    except LogUnreadable as unreadable:
        message = (
            f"{unreadable}请写上次发布的网站里的 log 文件夹；第一次发布时不写 --previous-log。"
            f"网站没有生成{_old_site(out_dir)}。"
        )
        return format_line(codes.G821.at(Span(str(previous_log)), message))
    return key, previous


KIND_LABELS = {
    "organization": "组织",
    "ledger": "账目",
    "matter": "重大事项",
    "schedule": "值班表",
    "survey": "调查",
    "config": "总设置",
}


def _rewritten(rewritten: LogRewritten, previous_log: Path | None, out_dir: Path) -> Diagnostic:
    entry = rewritten.entry
    if entry is None:  # pragma: no cover - only a broken consistency proof has no entry
        where, what = str(previous_log), rewritten.reason
    else:
        where = entry.file
        what = (
            f"上次发布的公示日志第 {rewritten.index + 1} 条（{KIND_LABELS.get(entry.kind, entry.kind)} {entry.record_id}，"
            f"提交 {entry.commit[:12]}，{entry.committed[:10]}，校验码 {entry.code}）对不上："
            f"{rewritten.reason}"
        )
    return codes.G820.at(
        Span(where),
        f"{what}。这说明 git 历史被改写过（git push --force、修改或删掉了已经发布的提交），"
        "已经公示的版本会悄悄消失，居民的浏览器和公示栏上的海报都会发现对不上。"
        f"网站没有生成{_old_site(out_dir)}。请找回原来的历史，把修改作为新的提交并写明更正"
        "（corrections:）；详见 gongshi check --explain G820。",
        entry.record_id if entry else None,
    )


def _build_failed(failure: RenderingFailed, out_dir: Path) -> int:
    outcome = _("网站没有生成{old_site}").format(old_site=_old_site(out_dir))
    click.echo(
        format_line(failure_diagnostic(codes.G902, failure, str(out_dir), outcome)), err=True
    )
    return EXIT_CONTENT


def _report(result: BuildResult) -> None:
    posters = (
        ngettext("、{count} 份海报", "、{count} 份海报", result.posters).format(
            count=result.posters
        )
        if result.posters
        else ""
    )
    pages = ngettext("{count} 个页面", "{count} 个页面", result.pages).format(count=result.pages)
    click.echo(
        _("网站已生成：{pages}{posters}，在 {folder}。").format(
            pages=pages, posters=posters, folder=result.out_dir
        )
    )
    if not result.in_git:
        click.echo(_("公示日志是空的：小区资料不在 git 仓库里，还没有已发布（已提交）的版本。"))
    else:
        click.echo(
            _("公示日志（log/）共 {size} 个记录版本，这次新增 {appended} 个。").format(
                size=result.log_size, appended=result.log_appended
            )
        )


def content_state(root: Path) -> tuple[tuple[str, int, int], ...]:
    """Every record file's name, size and change time: a change to any of them means rebuild."""
    files = [root / CONFIG_FILE, *find_files(root, CONTENT_DIR).files]  # linked folders too
    state = []
    for path in files:
        try:
            info = path.stat()
        except OSError:
            continue
        if path.is_file():
            state.append((str(path), info.st_size, info.st_mtime_ns))
    return tuple(state)


def serve(
    root: Path, out_dir: Path, host: str, port: int, today: date | None, posters: bool
) -> int:
    """Preview the site in `out_dir`'s folder and follow every save (generator/preview/)."""
    from generator.preview import serve_preview  # it imports content_state from here

    return serve_preview(root, out_dir.parent, host, port, today, posters)
