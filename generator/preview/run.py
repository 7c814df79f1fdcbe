"""The preview's loop: a save is checked and its record's page shown first, the rest after.

After each save, in this order:
1. the check, re-reading only the changed files (`checking.IncrementalCheck`);
2. the changed records' own pages (`pages.own_pages`), rendered by mkdocs' kept state
   (`mkdocs_pages.KeptMkDocs`) and typeset: the open tab of that page reloads now;
3. the rest (`Preview.rest`): every page and file of the site made again, and the ones that
   changed (an account's totals, the home page, the matters that cite a ledger) rendered,
   typeset and reloaded, a section or a few pages at a time. A new save stops it between
   two steps and starts again at 1, so a secretary never waits for an earlier save's rest;
4. the parts of the search index whose pages changed (search.py `PARTS`: the ledgers', the
   rest), once saves have paused for `SEARCH_AFTER_SECONDS`, each in its own process.
"""

from __future__ import annotations

import shutil
import threading
import time
from collections.abc import Generator, Iterable
from datetime import date
from functools import partial
from pathlib import Path

import click
from mkdocs.structure.files import File

from generator import codes
from generator.diagnostics import Diagnostic
from generator.failures import RenderingFailed, failure_diagnostic, rendering
from generator.i18n import _
from generator.log import extend_log, log_origin, write_log
from generator.log.checkpoint import LOG_FOLDER
from generator.output import format_text
from generator.preview.checking import IncrementalCheck
from generator.preview.mkdocs_pages import KeptMkDocs
from generator.preview.pages import DocsFolder, own_pages
from generator.preview.server import Shown, diagnostics_page, html_stamps, preview_server
from generator.preview.watching import Watcher
from generator.project import Project, collector_paused
from generator.site.finish import finish_pages, finish_written
from generator.site.mkdocs_failures import mkdocs_failure_diagnostics
from generator.site.mkdocs_run import MkDocsFailed
from generator.site.search import BUNDLE, PARTS, Indexing, SearchIndexFailed, copy_path, index_part
from generator.site.typography import Typesetting, project_typesetting

EXIT_OK, EXIT_MISUSE = 0, 2
IDLE_SECONDS = 0.5
"""How long the loop sleeps when nothing is to be done (a file event wakes it at once)."""
SEARCH_AFTER_SECONDS = 3.0
"""Pagefind indexes a whole part of the site (seconds at ten years), so the preview's search
index is rebuilt only once saves have paused this long, after the pages are shown."""
RELOAD_SECONDS = 0.5
"""How long the rest waits for the tabs of the changed pages to load them again."""
FILES_PER_STEP = 10
"""Pages mkdocs renders (and the preview typesets) between two looks for a new save."""

OUTCOME = "预览仍显示上一次没有错误的网站"
KEPT = f"{OUTCOME}；改正并保存后会自动更新。"

Steps = Generator[None, None, None]


class Preview:
    def __init__(self, root: Path, work: Path, today: date | None, posters: bool) -> None:
        self.root = root
        self.site_dir = work / "site"
        self.copies = work / "search-pages"
        self.docs = DocsFolder(work / "project")
        self.check = IncrementalCheck(root, today)
        self.posters = posters
        self.shown = Shown(self.site_dir)
        self.kept: KeptMkDocs | None = None
        self.rest: Steps | None = None
        """What is left to do after the changed records' pages were shown, step by step."""
        self.unshown: set[str] = set()
        """Files of docs/ rewritten whose pages the site does not show yet."""
        self.unchecked: set[str] = set()
        """Files changed since the last check without errors: their pages are due first."""
        self.search_due: float | None = None
        self.search: Indexing | None = None
        self.unindexed: set[str] = set(PARTS)
        """The parts of the search index (search.py `PARTS`) whose pages changed since it was written."""
        self.indexing: set[str] = set()
        self.log_size: int | None = None
        self.typesetting: Typesetting | None = None
        self.site_dir.mkdir(parents=True, exist_ok=True)
        self.docs.prepare()

    @property
    def busy(self) -> bool:
        return self.rest is not None

    def build(self) -> None:
        """The first build: the whole site, then the search index."""
        started = time.perf_counter()
        self.update(say=False)
        while self.rest is not None:
            self.step()
        if self.kept is not None:
            self._index_now()
            click.echo(f"网站已生成（{time.perf_counter() - started:.1f} 秒）。")

    def update(self, say: bool = True) -> None:
        """Check; then show the changed records' pages and start the rest, or the diagnostics."""
        started = time.perf_counter()
        with collector_paused():  # a full collection took 0.15–0.27 s of a save's half second
            self._update(started, say)

    def _update(self, started: float, say: bool) -> None:
        result, changed = self.check.run()
        if self.check.same and self.kept is not None:
            return  # nothing the site shows changed: the rest goes on
        if say:
            click.echo(_("记录有改动，重新生成……"))
        self._stop_search()
        self.rest = None
        self.unchecked |= changed
        project = result.project
        if result.diagnostics:
            click.echo(format_text(result.diagnostics, styled=True), err=bool(result.errors))
        if result.failed() or project is None:
            click.echo(f"内容有错误，{KEPT}", err=True)
            self.shown.show_errors(diagnostics_page(result.diagnostics, KEPT))
            return
        self.typesetting = project_typesetting(project)
        if self.kept is not None and self.unchecked and project.config.file not in self.unchecked:
            try:
                shown = self._show(self.docs.update(own_pages(project, self.unchecked), False))
            except (MkDocsFailed, RenderingFailed) as failure:
                self._failed(project, failure)
                return
            self.shown.show_errors(None)
            if shown and say:
                seconds = time.perf_counter() - started
                click.echo(f"已更新改动的记录的页面（{seconds:.2f} 秒）。")
        self.unchecked = set()
        self.rest = self._rest(project, started, say)

    def step(self) -> None:
        """One step of the rest (a section, a few pages): a new save is looked for after it."""
        assert self.rest is not None
        try:
            next(self.rest)
        except StopIteration:
            self.rest = None

    def _rest(self, project: Project, started: float, say: bool) -> Steps:
        reloaded_by = time.monotonic() + RELOAD_SECONDS
        while not self.shown.wait_reloaded(0.02) and time.monotonic() < reloaded_by:
            yield  # the open tabs of the changed pages load them before the rest takes the core
        try:
            written = yield from self.docs.whole_site(project, self.posters, self.site_dir)
            self.unshown.update(written)
            gone = {name for name in self.unshown if name not in self.docs.held}
            self.unshown -= gone
            kept = self.kept
            if (
                self.docs.config_written
                or kept is None
                or kept.source_date != self.docs.last_change  # sitemap.xml is stamped with it
                or not kept.follow(self.unshown - kept.names, gone)
            ):
                yield from self._mkdocs_whole(gone)
            names = sorted(self.unshown)
            for start in range(0, len(names), FILES_PER_STEP):
                self._show(names[start : start + FILES_PER_STEP])
                yield
        except (MkDocsFailed, RenderingFailed) as failure:
            self._failed(project, failure)
            return
        self._log(project)
        self.shown.show_errors(None)
        self.search_due = time.monotonic() + SEARCH_AFTER_SECONDS
        if say:
            click.echo(f"网站已更新（{time.perf_counter() - started:.1f} 秒）。")

    def _show(self, names: Iterable[str]) -> list[str]:
        """The named files of docs/ rendered into the site, typeset, and their tabs reloaded.

        Files mkdocs does not know yet (a new record's page) wait for the rest."""
        assert self.kept is not None and self.typesetting is not None
        names = list(names)
        self.unshown.update(names)
        known = [name for name in names if name in self.kept.names]
        if not known:
            return []
        with self.shown.writing():
            with rendering("用 mkdocs 生成网站", passing=(MkDocsFailed,)):
                keys = self.kept.render(known)
            self._finish(keys)
        self.unshown.difference_update(known)
        self.shown.pages_changed(keys)
        return keys

    def _mkdocs_whole(self, gone: set[str]) -> Steps:
        """mkdocs over the whole docs/ (a page added or removed, mkdocs.yml rewritten), then
        its state kept again for the next save. `gone`: files removed from docs/."""
        dirty = self.kept is not None and not self.docs.config_written
        with self.shown.writing():
            if self.kept is not None:  # a dirty build leaves the pages of removed files
                for name in gone:
                    self._remove(self.kept.files.get_file_from_path(name))
            before = html_stamps(self.site_dir)
            assert self.typesetting is not None
            finishing = partial(finish_written, self.site_dir, self.typesetting, self.copies)
            finished = set(self.docs.mkdocs(self.site_dir, dirty, finishing))
        self.unshown = set()
        yield
        after = html_stamps(self.site_dir)
        changed = [key for key, stamp in after.items() if before.get(key) != stamp]
        removed = [key for key in before if key not in after]
        with self.shown.writing():
            self._finish([key for key in changed if key not in finished])
            for key in removed:
                copy_path(self.copies, key).unlink(missing_ok=True)
        self.shown.pages_changed(changed + removed)
        self._changed_pages(changed + removed)
        if not dirty:  # mkdocs emptied the site first: the log and the search index went too
            self.log_size = None
            self.unindexed.update(PARTS)
        yield
        with rendering("用 mkdocs 生成网站", passing=(MkDocsFailed,)):
            self.kept = KeptMkDocs(
                self.docs.project_dir / "mkdocs.yml", self.site_dir, self.docs.last_change
            )

    def _remove(self, file: File | None) -> None:
        if file is not None:
            (self.site_dir / file.dest_uri).unlink(missing_ok=True)
            copy_path(self.copies, file.dest_uri).unlink(missing_ok=True)
            self._changed_pages([file.dest_uri])
            self.shown.pages_changed([file.dest_uri])

    def _finish(self, keys: list[str]) -> None:
        """Typeset as `build` finishes pages, and copied for the search index."""
        assert self.typesetting is not None
        with rendering("排版网页（日期、金额、姓名不折行）"):
            finish_pages(self.site_dir, self.typesetting, self.copies, only=keys)
        self._changed_pages(keys)

    def _changed_pages(self, keys: Iterable[str]) -> None:
        """The parts of the search index holding these files of the site are due again."""
        self.unindexed.update(index_part(key) for key in keys if key.endswith(".html"))

    def _failed(self, project: Project, failure: MkDocsFailed | RenderingFailed) -> None:
        if isinstance(failure, MkDocsFailed):
            found = list(mkdocs_failure_diagnostics(project, failure.problems, OUTCOME))
        else:
            found = [failure_diagnostic(codes.G902, failure, str(self.site_dir), OUTCOME)]
        self._say_failed(found)

    def _say_failed(self, diagnostics: list[Diagnostic]) -> None:
        click.echo(format_text(diagnostics, styled=True), err=True)
        self.shown.show_errors(diagnostics_page(diagnostics, KEPT))

    def _log(self, project: Project) -> None:
        """The public log, written again only when git's history holds more versions."""
        log = extend_log(log_origin(project.config.record.site.url), project.history, self.root)
        if log.state.size != self.log_size or not (self.site_dir / LOG_FOLDER).is_dir():
            shutil.rmtree(self.site_dir / LOG_FOLDER, ignore_errors=True)
            write_log(self.site_dir / LOG_FOLDER, log.state)
            self.log_size = log.state.size

    def index_when_due(self) -> None:
        """Start Pagefind on the changed parts once saves have paused; say when it failed."""
        if self.search is not None and self.search.done():
            try:
                self.search.wait()
            except SearchIndexFailed as failure:
                click.echo(f"搜索索引生成失败（页面照常预览）：{failure}", err=True)
            self.search = None
        if self.search_due is not None and time.monotonic() >= self.search_due:
            self.search_due = None
            self.indexing, self.unindexed = self.unindexed, set()
            self.search = Indexing(self.copies, self.site_dir / BUNDLE, self.indexing)

    def _index_now(self) -> None:
        self.search_due = None
        self.indexing, self.unindexed = self.unindexed, set()
        try:
            Indexing(self.copies, self.site_dir / BUNDLE, self.indexing).wait()
        except SearchIndexFailed as failure:
            click.echo(f"搜索索引生成失败（页面照常预览）：{failure}", err=True)

    def _stop_search(self) -> None:
        """A save while Pagefind runs: it would index pages about to change, and take a core."""
        if self.search is not None:
            self.search.stop()
            self.search = None
            self.unindexed |= self.indexing
            self.search_due = time.monotonic() + SEARCH_AFTER_SECONDS

    def stop(self) -> None:
        if self.search is not None:
            self.search.stop()


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
    watcher = Watcher(root)
    preview.build()
    threading.Thread(target=server.serve_forever, daemon=True).start()
    click.echo(
        _("预览网址：{url}  （保存记录后，打开的网页会自动更新；按 Ctrl+C 结束）").format(
            url=f"http://{host}:{server.server_address[1]}/"
        )
    )
    try:
        while True:
            if watcher.changed(0.0 if preview.busy else IDLE_SECONDS):
                preview.update()
            elif preview.busy:
                preview.step()
            else:
                preview.index_when_due()
    except KeyboardInterrupt:
        click.echo(_("已停止预览。"))
    finally:
        watcher.stop()
        preview.stop()
        server.shutdown()
        server.server_close()
    return EXIT_OK
