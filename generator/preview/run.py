"""The preview's loop: a save is seen within a tenth of a second, checked, and shown."""

from __future__ import annotations

import shutil
import threading
import time
from datetime import date
from pathlib import Path

import click

from generator import codes
from generator.diagnostics import Diagnostic
from generator.failures import RenderingFailed, failure_diagnostic
from generator.i18n import _
from generator.log import extend_log, log_origin, write_log
from generator.log.checkpoint import LOG_FOLDER
from generator.output import format_text
from generator.preview.checking import IncrementalCheck
from generator.preview.pages import DocsFolder, own_pages
from generator.preview.server import Shown, diagnostics_page, html_stamps, preview_server
from generator.project import Project
from generator.site.command import content_state
from generator.site.finish import finish_pages, search_copies
from generator.site.mkdocs_failures import mkdocs_failure_diagnostics
from generator.site.mkdocs_run import MkDocsFailed
from generator.site.search import BUNDLE, SearchIndexFailed, run_pagefind
from generator.site.typography import Typesetting, project_typesetting

EXIT_OK, EXIT_MISUSE = 0, 2
WATCH_SECONDS = 0.1
SEARCH_AFTER_SECONDS = 3.0
"""Pagefind indexes the whole site (seconds at ten years), so the preview's search index is
rebuilt only once saves have paused this long, after the pages are shown."""

OUTCOME = "预览仍显示上一次没有错误的网站"
KEPT = f"{OUTCOME}；改正并保存后会自动更新。"


class Preview:
    def __init__(self, root: Path, work: Path, today: date | None, posters: bool) -> None:
        self.root = root
        self.site_dir = work / "site"
        self.docs = DocsFolder(work / "project")
        self.check = IncrementalCheck(root, today)
        self.posters = posters
        self.shown = Shown(self.site_dir)
        self.built = False
        self.search_due: float | None = None
        self.log_size: int | None = None
        self.typesetting: Typesetting | None = None
        self.work = work
        self.site_dir.mkdir(parents=True, exist_ok=True)
        self.docs.prepare()

    def update(self, say: bool = True) -> None:
        """Check, and show either the changed site or the diagnostics."""
        started = time.perf_counter()
        result, changed = self.check.run()
        project = result.project
        if result.diagnostics:
            click.echo(format_text(result.diagnostics, styled=True), err=bool(result.errors))
        if result.failed() or project is None:
            click.echo(f"内容有错误，{KEPT}", err=True)
            self.shown.show_errors(diagnostics_page(result.diagnostics, KEPT))
            return
        self.typesetting = project_typesetting(project)
        try:
            if self.built and changed and project.config.file not in changed:
                written = self.docs.update(own_pages(project, changed), complete=False)
                if written:
                    self._mkdocs(dirty=True)
                    if say:
                        click.echo(
                            f"已更新改动的记录的页面（{time.perf_counter() - started:.1f} 秒）。"
                        )
            written = self.docs.whole_site(project, self.posters, self.site_dir)
            if written or not self.built:
                self._mkdocs(dirty=self.built)
            self._log(project)
        except MkDocsFailed as failure:
            self._failed(list(mkdocs_failure_diagnostics(project, failure.problems, OUTCOME)))
            return
        except RenderingFailed as failure:
            self._failed([failure_diagnostic(codes.G902, failure, str(self.site_dir), OUTCOME)])
            return
        first = not self.built
        self.built = True
        self.shown.show_errors(None)
        if first:
            self._index()
        else:
            self.search_due = time.monotonic() + SEARCH_AFTER_SECONDS
        if say:
            click.echo(f"网站已更新（{time.perf_counter() - started:.1f} 秒）。")

    def _failed(self, diagnostics: list[Diagnostic]) -> None:
        click.echo(format_text(diagnostics, styled=True), err=True)
        self.shown.show_errors(diagnostics_page(diagnostics, KEPT))

    def _mkdocs(self, dirty: bool) -> None:
        before = html_stamps(self.site_dir)
        with self.shown.writing():
            self.docs.mkdocs(self.site_dir, dirty)
        after = html_stamps(self.site_dir)
        changed = [key for key, stamp in after.items() if before.get(key) != stamp]
        if self.typesetting is not None and changed:  # as `build` finishes them: typeset
            with self.shown.writing():
                finish_pages(self.site_dir, self.typesetting, None, only=changed)
            after = html_stamps(self.site_dir)
        self.shown.pages_changed(changed + [key for key in before if key not in after])

    def _log(self, project: Project) -> None:
        """The public log, written again only when git's history holds more versions."""
        log = extend_log(log_origin(project.config.record.site.url), project.history, self.root)
        if log.state.size != self.log_size or not (self.site_dir / LOG_FOLDER).is_dir():
            shutil.rmtree(self.site_dir / LOG_FOLDER, ignore_errors=True)
            write_log(self.site_dir / LOG_FOLDER, log.state)
            self.log_size = log.state.size

    def index_when_due(self) -> None:
        if self.search_due is not None and time.monotonic() >= self.search_due:
            self.search_due = None
            self._index()

    def _index(self) -> None:
        try:
            copies = self.work / "search-pages"
            search_copies(self.site_dir, copies)
            run_pagefind(copies, self.site_dir / BUNDLE)
        except SearchIndexFailed as failure:
            click.echo(f"搜索索引生成失败（页面照常预览）：{failure}", err=True)


def serve_preview(
    root: Path, work: Path, host: str, port: int, today: date | None, posters: bool
) -> int:
    """Build, serve, and follow every save until Ctrl+C."""
    preview = Preview(root, work, today, posters)
    try:
        server = preview_server(preview.shown, host, port)
    except OSError as error:
        click.echo(
            _("无法在 {host}:{port} 上预览：{reason}。请用 --port 换一个端口。").format(
                host=host, port=port, reason=error.strerror
            ),
            err=True,
        )
        return EXIT_MISUSE
    click.echo("正在生成预览……")
    state = content_state(root)
    preview.update(say=False)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    click.echo(
        _("预览网址：{url}  （保存记录后，打开的网页会自动更新；按 Ctrl+C 结束）").format(
            url=f"http://{host}:{server.server_address[1]}/"
        )
    )
    try:
        while True:
            time.sleep(WATCH_SECONDS)
            current = content_state(root)
            if current != state:
                state = current
                click.echo(_("记录有改动，重新生成……"))
                preview.update()
            else:
                preview.index_when_due()
    except KeyboardInterrupt:
        click.echo(_("已停止预览。"))
    finally:
        server.shutdown()
        server.server_close()
    return EXIT_OK
