"""`gongshi build` and `gongshi serve`: check first, then build, every message in Chinese.

cli.py only declares the options; this module returns the exit code. Content
with errors never reaches the site: a resident must not see figures that fail
the checks.
"""

from __future__ import annotations

import functools
import http.server
import threading
import time
from datetime import date
from pathlib import Path

import click

from generator import codes
from generator.check import check_project
from generator.content_files import find_files
from generator.failures import RenderingFailed, failure_diagnostic
from generator.output import format_line, format_text
from generator.output_folder import UnsafeOutputFolder, is_marked, recover_folder, refusal
from generator.project import CONFIG_FILE, CONTENT_DIR, Project
from generator.resources import TemplatesMissing
from generator.site.build import BuildResult, build_site
from generator.site.mkdocs_failures import mkdocs_failure_diagnostics
from generator.site.mkdocs_run import MkDocsFailed
from generator.site.search import SearchIndexFailed

EXIT_OK, EXIT_CONTENT, EXIT_MISUSE = 0, 1, 2


def checked_project(root: Path, today: date | None, out_dir: Path) -> Project | None:
    """The project when it has no errors; otherwise print them and return None."""
    result = check_project(root, today)
    if result.diagnostics:
        click.echo(format_text(result.diagnostics), err=bool(result.errors))
    if result.failed() or result.project is None:
        click.echo(f"内容有错误，网站没有生成{_old_site(out_dir)}。请先改正上面的错误。", err=True)
        return None
    return result.project


def _old_site(out_dir: Path) -> str:
    """What became of the published site, said only when it is true."""
    return "（原来的网站保持不变）" if is_marked(out_dir) else ""


def build_once(root: Path, out_dir: Path, today: date | None, posters: bool) -> int:
    reason = refusal(out_dir, root, instead="--out site")
    if reason is not None:
        click.echo(f"用法错误：{reason}", err=True)
        return EXIT_MISUSE
    try:
        for note in recover_folder(out_dir):
            click.echo(note)
    except OSError as error:
        click.echo(f"无法整理 {out_dir} 旁边上次留下的文件夹：{error.strerror}。", err=True)
        return EXIT_MISUSE
    project = checked_project(root, today, out_dir)
    if project is None:
        return EXIT_CONTENT
    try:
        result = build_site(project, out_dir, posters=posters, progress=click.echo)
    except UnsafeOutputFolder as unsafe:
        click.echo(f"用法错误：{unsafe}", err=True)
        return EXIT_MISUSE
    except MkDocsFailed as failure:
        outcome = f"网站没有生成{_old_site(out_dir)}"
        click.echo(f"网站生成失败{_old_site(out_dir)}：", err=True)
        for found in mkdocs_failure_diagnostics(project, failure.problems, outcome):
            click.echo(f"  {format_line(found)}", err=True)
        return EXIT_CONTENT
    except SearchIndexFailed as failure:
        click.echo(f"搜索索引生成失败{_old_site(out_dir)}：{failure}", err=True)
        return EXIT_CONTENT
    except TemplatesMissing as missing:
        click.echo(str(missing), err=True)
        return EXIT_MISUSE
    except OSError as error:
        click.echo(f"无法写入 {out_dir}：{error.strerror}。请换一个文件夹或检查权限。", err=True)
        return EXIT_MISUSE
    except RenderingFailed as failure:
        return _build_failed(failure, out_dir)
    except Exception as error:  # a library failure outside every named step: still no traceback
        return _build_failed(RenderingFailed("生成网站", error), out_dir)
    _report(result)
    return EXIT_OK


def _build_failed(failure: RenderingFailed, out_dir: Path) -> int:
    outcome = f"网站没有生成{_old_site(out_dir)}"
    click.echo(
        format_line(failure_diagnostic(codes.G902, failure, str(out_dir), outcome)), err=True
    )
    return EXIT_CONTENT


def _report(result: BuildResult) -> None:
    posters = f"、{result.posters} 份海报" if result.posters else ""
    click.echo(f"网站已生成：{result.pages} 个页面{posters}，在 {result.out_dir}。")


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


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


def serve(
    root: Path, out_dir: Path, host: str, port: int, today: date | None, posters: bool
) -> int:
    """Build, serve `out_dir`, and rebuild whenever a record or site_config.yml changes."""
    if build_once(root, out_dir, today, posters) != EXIT_OK and not out_dir.is_dir():
        return EXIT_CONTENT
    handler = functools.partial(_QuietHandler, directory=str(out_dir))
    try:
        server = http.server.ThreadingHTTPServer((host, port), handler)
    except OSError as error:
        click.echo(
            f"无法在 {host}:{port} 上预览：{error.strerror}。请用 --port 换一个端口。", err=True
        )
        return EXIT_MISUSE
    threading.Thread(target=server.serve_forever, daemon=True).start()
    click.echo(
        f"预览网址：http://{host}:{server.server_address[1]}/  （改动记录后会自动重新生成，刷新网页即可看到；按 Ctrl+C 结束）"
    )
    state = content_state(root)
    try:
        while True:
            time.sleep(1)
            current = content_state(root)
            if current != state:
                state = current
                click.echo("记录有改动，重新生成……")
                build_once(root, out_dir, today, posters)
    except KeyboardInterrupt:
        click.echo("已停止预览。")
    finally:
        server.shutdown()
        server.server_close()
    return EXIT_OK
